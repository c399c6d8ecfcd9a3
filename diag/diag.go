// Package diag defines the diagnostic that every stage of an import (reader,
// mapping, validation) attaches to a row: what is wrong, where, and the fix.
package diag

import (
	"fmt"

	"github.com/aello-copilot/aello-import/i18n"
)

// Severity is whether a diagnostic stops its row or only warns.
type Severity uint8

const (
	// Warning is reported but the row is still sent.
	Warning Severity = iota + 1
	// Error makes the row invalid: it is not sent.
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// Diagnostic is one problem found on a row or a cell.
type Diagnostic struct {
	Severity Severity
	// Code is a stable English identifier such as "phone_invalid", written
	// to the report's error_code column.
	Code string
	// Row is the row number as Excel shows it (1-based, header counted), or
	// 0 when the diagnostic is not tied to a row.
	Row int
	// Column is the 0-based index of the input column, or -1 when the
	// diagnostic is not tied to one column.
	Column int
	// Header is the column's header as the user sees it in the file.
	Header string
	// Field is the lead field concerned, such as "contact.phone", or "".
	Field string
	// Value is the offending value as read from the file.
	Value string
	// Message describes what is wrong and how to fix it, in the user's
	// language.
	Message i18n.Text
}

// Error renders the diagnostic in English with its position, so that a
// Diagnostic can be returned as an error.
func (d *Diagnostic) Error() string {
	return d.Render(i18n.English)
}

// Render renders the diagnostic in lang as "row 4, column D (Téléphone): ...".
func (d *Diagnostic) Render(lang i18n.Lang) string {
	where := ""
	switch {
	case d.Row > 0 && d.Column >= 0:
		where = lang.Sprintf("row %d, column %s (%s): ", d.Row, ColumnLetter(d.Column), d.Header)
	case d.Row > 0:
		where = lang.Sprintf("row %d: ", d.Row)
	case d.Column >= 0:
		where = lang.Sprintf("column %s (%s): ", ColumnLetter(d.Column), d.Header)
	}
	return where + d.Message.In(lang)
}

// ColumnLetter returns the spreadsheet letter of a 0-based column index:
// 0 is "A", 25 is "Z", 26 is "AA".
func ColumnLetter(index int) string {
	if index < 0 {
		return ""
	}
	letters := ""
	for n := index + 1; n > 0; n = (n - 1) / 26 {
		letters = string(rune('A'+(n-1)%26)) + letters
	}
	return letters
}

// HasError reports whether any diagnostic in list is an Error.
func HasError(list []Diagnostic) bool {
	for i := range list {
		if list[i].Severity == Error {
			return true
		}
	}
	return false
}

// First returns the first Error of list, or else its first Warning, or nil.
func First(list []Diagnostic) *Diagnostic {
	for i := range list {
		if list[i].Severity == Error {
			return &list[i]
		}
	}
	if len(list) > 0 {
		return &list[0]
	}
	return nil
}
