package spreadsheet

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// cells returns the values of the record read last as new strings, taken
// from the scanner's arena.
func (s *csvScanner) cells() []string {
	text := s.arena.copyText(s.record)
	cells := s.arena.cellSlice(len(s.ends))
	start := 0
	for i, end := range s.ends {
		cells[i] = text[start:end]
		start = end
	}
	return cells
}

// csvAnomaly is a character of a record that must not reach a value
// unnoticed: a byte that is not valid in the file's encoding (invalid is
// set), or a NUL or C1 control character.
type csvAnomaly struct {
	field      int
	fileOffset int64
	encoding   textEncoding
	invalid    bool
	// b is the invalid byte, for the encodings where it is the file's own
	// byte, and r the control character otherwise.
	b byte
	r rune
	// utf16 is set when the invalid input is a UTF-16 code unit.
	utf16 bool
}

// anomalies returns, for each field of the record read last, its first
// invalid byte and its first control character, in field order.
func (s *csvScanner) anomalies(text *decodedText) []csvAnomaly {
	span := s.buf[s.recStart:s.recEnd]
	if csvCleanText(span) {
		return nil
	}

	var found []csvAnomaly
	field := 0
	// reported holds the last field with an invalid byte reported, and the
	// last with a control character.
	reported := [2]int{-1, -1}
	for i := 0; i < len(span); {
		b := span[i]
		if b != 0 && b < utf8.RuneSelf {
			i++
			continue
		}

		r, size := rune(0), 1
		if b != 0 {
			r, size = utf8.DecodeRune(span[i:])
		}
		invalid := r == utf8.RuneError && size == 1
		if invalid || r == 0 || (r >= 0x80 && r <= 0x9F) {
			pos := s.recStart + i
			for field+1 < len(s.starts) && s.starts[field+1] <= pos {
				field++
			}
			kind := 0
			if invalid {
				kind = 1
			}
			if reported[kind] != field {
				at := s.base + int64(pos)
				point := text.pointAt(at)
				found = append(found, csvAnomaly{
					field:      field,
					fileOffset: text.fileOffset(s.buf[:s.end], s.base, at),
					encoding:   point.encoding,
					invalid:    invalid,
					b:          b,
					r:          r,
					utf16:      point.unit == unitUTF16,
				})
				reported[kind] = field
			}
		}
		i += size
	}
	return found
}

// csvCleanText reports whether text is valid UTF-8 without NUL or C1
// control characters. It relies on the vectorised bytes.IndexByte and
// utf8.Valid, since nearly every record is clean.
func csvCleanText(text []byte) bool {
	if bytes.IndexByte(text, 0) >= 0 || !utf8.Valid(text) {
		return false
	}

	// In valid UTF-8, U+0080-U+009F is 0xC2 followed by 0x80-0x9F.
	for rest := text; ; {
		i := bytes.IndexByte(rest, 0xC2)
		if i < 0 {
			return true
		}
		if i+1 < len(rest) && rest[i+1] <= 0x9F {
			return false
		}
		rest = rest[i+1:]
	}
}

// anomalyDiagnostic describes issue and replaces the invalid bytes of its
// cell with U+FFFD.
func (t *csvTable) anomalyDiagnostic(issue csvAnomaly, cells []string) diag.Diagnostic {
	d := diag.Diagnostic{Severity: diag.Error, Row: t.row, Column: issue.field, Header: t.headerAt(issue.field)}
	if t.header == nil && issue.field < len(cells) {
		d.Header = csvTrim(cells[issue.field])
	}

	switch {
	case issue.invalid && issue.utf16:
		d.Code = "invalid_encoding"
		d.Message = i18n.T("the value contains bytes that are not valid UTF-16 at byte offset %d (a lone surrogate or a final odd byte), shown as U+FFFD: correct the value in a text editor, or save the file again as CSV UTF-8",
			issue.fileOffset)
	case issue.invalid:
		d.Code = "invalid_encoding"
		d.Message = i18n.T("the byte 0x%02X at byte offset %d is not valid %s, so the value shows U+FFFD in its place: save the file again as CSV UTF-8, or set the encoding the file was written in (such as windows-1252)",
			issue.b, issue.fileOffset, string(issue.encoding))
	default:
		d.Code = "control_character"
		d.Message = i18n.T("the value contains the control character %U at byte offset %d, which usually means the file was read with the wrong encoding: set the encoding the file was written in (such as windows-1252), or remove the character",
			issue.r, issue.fileOffset)
	}

	if issue.field < len(cells) {
		cells[issue.field] = strings.ToValidUTF8(cells[issue.field], "\uFFFD")
		d.Value = cells[issue.field]
	}
	return d
}

// unclosedDiagnostic reports a field whose opening quote was read as text.
func (t *csvTable) unclosedDiagnostic(field int, cells []string) diag.Diagnostic {
	d := diag.Diagnostic{Severity: diag.Error, Code: "unclosed_quote", Row: t.row, Column: field,
		Header:  t.headerAt(field),
		Message: i18n.T("the quote that opens this value is not closed, so the value was read up to the end of its line, the quote included, and the lines after it as new rows: add the closing quote after the value, or remove the opening one")}
	if field < len(cells) {
		d.Value = cells[field]
		if t.header == nil {
			d.Header = csvTrim(cells[field])
		}
	}
	return d
}

// fieldCountDiagnostic reports a row whose number of fields differs from
// the header's. For a row with one extra field, it names the value that an
// unquoted delimiter probably split, found as a field that starts with a
// space after a field that is not empty ("Schmit & Fils, SARL").
func (t *csvTable) fieldCountDiagnostic(cells []string) diag.Diagnostic {
	found, want := len(cells), len(t.header)
	d := diag.Diagnostic{Severity: diag.Error, Code: "field_count", Row: t.row, Column: -1}
	delim := string(t.delim)

	if found < want {
		d.Message = i18n.T("%d fields were found where the header has %d, so values may be under the wrong columns: add the missing %q delimiters, since an empty value needs its delimiter too",
			found, want, delim)
		return d
	}

	if found == want+1 {
		for i := 1; i < found; i++ {
			if strings.HasPrefix(cells[i], " ") && cells[i-1] != "" {
				d.Column = i - 1
				d.Header = t.headerAt(i - 1)
				d.Value = cells[i-1] + delim + cells[i]
				d.Message = i18n.T("%d fields were found where the header has %d: the value %q probably contains an unquoted %q. Put that value in quotes, or remove the %q from it",
					found, want, d.Value, delim, delim)
				return d
			}
		}
	}
	d.Message = i18n.T("%d fields were found where the header has %d: a value probably contains an unquoted %q. Put that value in quotes, or remove the extra %q",
		found, want, delim, delim)
	return d
}

// csvUnwrapFormula returns the text of a cell written as Excel's
// ="0612345678", a form that keeps leading zeros. Other cells come back as
// they are.
func csvUnwrapFormula(cell string) string {
	if len(cell) < 3 || cell[0] != '=' || cell[1] != '"' || cell[len(cell)-1] != '"' {
		return cell
	}

	inner := cell[2 : len(cell)-1]
	if !strings.Contains(inner, `"`) {
		return inner
	}
	// Inside the formula's string, a quote is written twice.
	if strings.Count(inner, `"`) != 2*strings.Count(inner, `""`) {
		return cell
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}

// csvTrim removes white space, non-breaking spaces and zero-width
// characters from both ends of s.
func csvTrim(s string) string {
	return strings.TrimFunc(s, csvIsSpace)
}

// csvBlank reports whether every cell is empty once trimmed.
func csvBlank(cells []string) bool {
	for _, cell := range cells {
		// Most rows start with a printable ASCII character: no need to trim.
		if cell != "" && cell[0] > ' ' && cell[0] < utf8.RuneSelf {
			return false
		}
		if csvTrim(cell) != "" {
			return false
		}
	}
	return true
}

// csvIsSpace reports whether r is ASCII white space, a Unicode space
// separator (U+00A0, U+202F and the like) or a zero-width character
// (U+200B-U+200D, U+2060, U+FEFF).
func csvIsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return r > utf8.RuneSelf && unicode.Is(unicode.Zs, r)
}
