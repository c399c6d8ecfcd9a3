package spreadsheet

import (
	"fmt"

	"github.com/aello-copilot/aello-import/i18n"
)

// XLSXError is a problem that stops an XLSX file, or one of its sheets,
// from being read: a damaged or hostile file, a sheet that does not exist,
// a sheet without a header. Open (for an XLSX file), Sheets and the Next
// method of an XLSX Table return it.
type XLSXError struct {
	// Path is the file as the caller named it.
	Path string
	// Sheet is the sheet concerned, or "" when the problem is with the
	// whole file.
	Sheet string
	// Code is a stable lower_snake identifier such as "sheet_not_found".
	Code string
	// Message is the problem and its fix, in the user's language. Render
	// renders arguments that are themselves i18n.Text in the same language.
	Message i18n.Text
	// Err is the underlying error, or nil.
	Err error
}

// Error renders the error in English.
func (e *XLSXError) Error() string {
	return e.Render(i18n.English)
}

// Render renders the error in lang, prefixed with the file and sheet.
func (e *XLSXError) Render(lang i18n.Lang) string {
	where := e.Path
	if e.Sheet != "" {
		where = lang.Sprintf("%s, sheet %q", e.Path, e.Sheet)
	}
	return where + ": " + renderNestedText(e.Message, lang)
}

// Unwrap returns the underlying error.
func (e *XLSXError) Unwrap() error {
	return e.Err
}

// renderNestedText renders text in lang, rendering its i18n.Text arguments
// in lang too (fmt would print them in English).
func renderNestedText(text i18n.Text, lang i18n.Lang) string {
	args := make([]any, len(text.Args))
	for i, arg := range text.Args {
		switch arg := arg.(type) {
		case i18n.Text:
			args[i] = renderNestedText(arg, lang)
		case []i18n.Text:
			list := ""
			for j, item := range arg {
				if j > 0 {
					list += ", "
				}
				list += renderNestedText(item, lang)
			}
			args[i] = list
		default:
			args[i] = arg
		}
	}
	return lang.Sprintf(text.Key, args...)
}

// newXLSXError returns an *XLSXError for the file at path.
func newXLSXError(path, sheet, code string, err error, format string, args ...any) *XLSXError {
	return &XLSXError{Path: path, Sheet: sheet, Code: code, Message: i18n.T(format, args...), Err: err}
}

// formatBytes renders a size such as 1 MiB for messages.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}
