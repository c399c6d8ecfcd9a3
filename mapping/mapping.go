// Package mapping loads the YAML mapping that turns a spreadsheet row into
// a lead, and applies it to rows.
package mapping

import (
	"errors"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// ErrNotImplemented is returned by parts still being built.
var ErrNotImplemented = errors.New("mapping: not implemented")

// Source is the optional source section; command-line flags override it.
type Source struct {
	Sheet     string
	HeaderRow int
	Delimiter string
	Encoding  string
}

// Mapping is a loaded, syntactically valid mapping file.
type Mapping struct {
	// Path is the file the mapping was loaded from.
	Path   string
	Source Source
	// DefaultCountry is the ISO region for phones written without an
	// international prefix, such as "LU".
	DefaultCountry string
}

// Load reads and checks a mapping file. The error lists every problem with
// the file's line number (see *Error).
func Load(path string) (*Mapping, error) { return nil, ErrNotImplemented }

// Error lists the problems of a mapping file, each with its line number.
type Error struct {
	Path     string
	Problems []Problem
}

// Problem is one mistake in a mapping file.
type Problem struct {
	Line    int
	Message i18n.Text
}

func (e *Error) Error() string { return "mapping: invalid" }

// Bind resolves the mapping's columns against a file's header. fileName is
// used in messages. The error is an *Error naming each missing or ambiguous
// column with the closest header.
func (m *Mapping) Bind(header []string, fileName string) (*Binding, error) {
	return nil, ErrNotImplemented
}

// Binding is a mapping resolved against one header. It is safe for
// concurrent use.
type Binding struct{}

// Result is what the mapping makes of one row.
type Result struct {
	Lead aello.Lead
	// Skipped is true when a skip_if rule matched; SkipReason says which.
	Skipped    bool
	SkipReason i18n.Text
	// Diagnostics holds every problem found; the row is invalid when one
	// of them is a diag.Error.
	Diagnostics []diag.Diagnostic
}

// Apply maps and validates one row. number is the row's Excel number and
// cells its values in header order.
func (b *Binding) Apply(number int, cells []string) Result { return Result{} }
