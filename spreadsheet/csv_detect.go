package spreadsheet

import (
	"bytes"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// csvDelimiterCandidates are the separators that detection tries, in the
// order that breaks a tie: ";" first because French and German Excel write
// it.
var csvDelimiterCandidates = [...]byte{';', ',', '\t', '|'}

// csvDetectRecords is the number of records that delimiter detection
// looks at.
const csvDetectRecords = 100

// parseDelimiterOption resolves an Options.Delimiter value. It returns 0
// for "", meaning "detect". "tab", a tab and the two characters `\t` name
// the tab.
func parseDelimiterOption(value string) (byte, error) {
	switch {
	case value == "":
		return 0, nil
	case value == "\t" || value == `\t` || strings.EqualFold(value, "tab"):
		return '\t', nil
	case len(value) == 1 && isCSVDelimiter(value[0]):
		return value[0], nil
	}
	return 0, csvFileError("invalid_delimiter",
		i18n.T(`invalid delimiter %q: use one character such as ";", ",", "|" or "tab"`, value))
}

// isCSVDelimiter reports whether b can separate fields: a tab or ASCII
// punctuation or space, but not a quote.
func isCSVDelimiter(b byte) bool {
	if b == '\t' {
		return true
	}
	isAlnum := (b|0x20 >= 'a' && b|0x20 <= 'z') || (b >= '0' && b <= '9')
	return b >= ' ' && b < 0x7F && b != '"' && !isAlnum
}

// parseSepLine recognises Excel's delimiter directive, a first line such
// as "sep=;". It returns the delimiter and the length of the line with its
// line end, or 0 and 0 when text does not start with one.
func parseSepLine(text []byte) (byte, int) {
	const directive = "sep="
	if len(text) < len(directive)+1 || !strings.EqualFold(string(text[:len(directive)]), directive) {
		return 0, 0
	}

	delim := text[len(directive)]
	if !isCSVDelimiter(delim) {
		return 0, 0
	}

	rest := text[len(directive)+1:]
	switch {
	case len(rest) == 0:
		return delim, len(text)
	case bytes.HasPrefix(rest, []byte("\r\n")):
		return delim, len(text) - len(rest) + 2
	case rest[0] == '\r' || rest[0] == '\n':
		return delim, len(text) - len(rest) + 1
	}
	return 0, 0
}

// detectDelimiter returns the candidate that splits the first records of
// text into the same number of fields, more than one, most often. A tie
// goes to the candidate with more fields, then to the earlier candidate.
// complete is true when text is the whole file. Otherwise its last record
// may be cut, so it is not counted. With no candidate splitting any record,
// it returns ",".
func detectDelimiter(text []byte, complete bool) byte {
	best, bestScore, bestFields := byte(','), 0, 0
	for _, delim := range csvDelimiterCandidates {
		score, fields := scoreDelimiter(text, delim, complete)
		if score > bestScore || (score == bestScore && fields > bestFields) {
			best, bestScore, bestFields = delim, score, fields
		}
	}
	return best
}

// scoreDelimiter splits the first records of text with delim and returns
// the most frequent field count above one with the number of records that
// have it. Blank lines are left out.
func scoreDelimiter(text []byte, delim byte, complete bool) (score, fields int) {
	counts := map[int]int{}
	i, records := 0, 0
	for i < len(text) && records < csvDetectRecords {
		n, next, blank, ended := countFields(text, i, delim)
		if !ended && !complete {
			break
		}
		i = next
		if blank {
			continue
		}
		records++
		if n > 1 {
			counts[n]++
		}
	}

	for n, c := range counts {
		if c > score || (c == score && n > fields) {
			score, fields = c, n
		}
	}
	return score, fields
}

// countFields counts the fields of the record that starts at i, with the
// quoting rules of csvScanner. It returns the position after the record,
// whether the record is an empty line, and whether it ended with a line
// break rather than the end of text.
func countFields(text []byte, i int, delim byte) (n, next int, blank, ended bool) {
	start := i
	n = 1
	inQuotes := false
	atFieldStart := true

	for ; i < len(text); i++ {
		c := text[i]
		if inQuotes {
			if c == '"' {
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				} else {
					inQuotes = false
				}
			}
			continue
		}

		switch {
		case c == '"' && atFieldStart:
			inQuotes = true
		case c == delim:
			n++
			atFieldStart = true
			continue
		case c == '\n' || c == '\r':
			next = i + 1
			if c == '\r' && next < len(text) && text[next] == '\n' {
				next++
			}
			return n, next, i == start, true
		}
		atFieldStart = false
	}
	return n, len(text), i == start, false
}
