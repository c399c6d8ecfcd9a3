package mapping

import (
	"sort"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// Error lists the problems of a mapping file, each with its line number.
// Load returns it for a file that cannot be read or is invalid, and Bind for
// columns that the input file lacks or holds twice.
type Error struct {
	// Path is the mapping file.
	Path string
	// Problems are sorted by line; there is at least one.
	Problems []Problem
	// Err is the cause when the file could not be read, such as an
	// *fs.PathError; nil otherwise.
	Err error
}

// Problem is one mistake in a mapping file.
type Problem struct {
	// Line is the 1-based line in the mapping file, or 0 when the problem
	// concerns the whole file.
	Line int
	// Code is a stable identifier, such as "unknown_field" or
	// "column_not_found".
	Code string
	// Message states what is wrong and how to fix it.
	Message i18n.Text
	// Suggestion is the replacement the message proposes, or "". It is the
	// closest valid key, field or header, the ISO code of a country, or the
	// letter of a column to choose among duplicates.
	Suggestion string
}

// Error renders the problems in English as Render does.
func (e *Error) Error() string {
	return e.Render(i18n.English)
}

// maxRenderedProblems is how many problems Render lists. The rest are
// counted on one last line, so that a file with thousands of mistakes
// cannot flood the terminal.
const maxRenderedProblems = 20

// Render renders the problems in lang, one per line, as
// "PATH:LINE: message": the first maxRenderedProblems of them, then a line
// with the number of the others.
func (e *Error) Render(lang i18n.Lang) string {
	path := e.Path
	if path == "" {
		path = "mapping"
	}

	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i == maxRenderedProblems {
			b.WriteString(i18n.T("... and %d more problems in %s", len(e.Problems)-i, path).In(lang))
			break
		}
		b.WriteString(path)
		if p.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
		b.WriteString(p.Message.In(lang))
	}
	return b.String()
}

// Unwrap returns the cause of a file that could not be read, or nil.
func (e *Error) Unwrap() error {
	return e.Err
}

// problems collects the problems found while loading or binding.
type problems []Problem

func (ps *problems) add(line int, code string, message i18n.Text) {
	*ps = append(*ps, Problem{Line: line, Code: code, Message: message})
}

func (ps *problems) addSuggestion(line int, code, suggestion string, message i18n.Text) {
	*ps = append(*ps, Problem{Line: line, Code: code, Message: message, Suggestion: suggestion})
}

// err returns the problems as an *Error sorted by line, or nil when there
// are none.
func (ps problems) err(path string) error {
	if len(ps) == 0 {
		return nil
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return &Error{Path: path, Problems: ps}
}
