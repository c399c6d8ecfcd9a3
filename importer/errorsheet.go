package importer

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/i18n"
)

// sheetRows is the temporary file of the <row> elements of the XLSX errors
// file's sheet, written in the form that excelize v2.11.1's StreamWriter
// gives them: every cell is an inline string, with its fill as a style id.
// Close splices the file into the workbook, so memory does not grow with
// the rows.
type sheetRows struct {
	file   *os.File
	buffer *bufio.Writer
	// columns caches the column names "A", "B"... by 0-based index.
	columns []string
	// text is the escaped text of one cell, reused from cell to cell.
	text []byte
	// lastRow is the row number of the last row written, and width the
	// number of columns of the widest row, message column included.
	lastRow int
	width   int
}

// createSheetRows creates the temporary file in os.TempDir(), which is
// $TMPDIR on Unix. The error is an *errorsFileError that names the folder.
//
// The file's name is removed at once where the system allows it, so that
// nothing is left behind if the process dies. Elsewhere discard removes it.
func createSheetRows() (*sheetRows, error) {
	file, err := os.CreateTemp("", "aello-import-errors-*.xml")
	if err != nil {
		return nil, &errorsFileError{op: opCreateTemp, path: os.TempDir(), err: err}
	}
	os.Remove(file.Name())
	return &sheetRows{file: file, buffer: bufio.NewWriterSize(file, 64<<10)}, nil
}

// write writes row number with the values of cells, padded with empty
// cells to minWidth columns, then message in the next column. styles maps
// a 0-based column to its style id, and the columns it leaves out get none.
func (r *sheetRows) write(number int, cells []string, minWidth int, styles map[int]int, message string) error {
	width := max(len(cells), minWidth) + 1
	if number > excelize.TotalRows {
		return &errorsFileError{op: opTooManyRows, count: number}
	}
	if width > excelize.MaxColumns {
		return &errorsFileError{op: opTooManyColumns, count: width}
	}
	r.lastRow = number
	r.width = max(r.width, width)
	row := strconv.Itoa(number)

	r.buffer.WriteString(`<row r="`)
	r.buffer.WriteString(row)
	r.buffer.WriteString(`">`)
	for column := range width - 1 {
		value := ""
		if column < len(cells) {
			value = cells[column]
		}
		r.writeCell(column, row, styles[column], value)
	}
	r.writeCell(width-1, row, 0, message)
	if _, err := r.buffer.WriteString(`</row>`); err != nil {
		// bufio.Writer keeps its first error, so checking the last write
		// catches a failure of any write of the row.
		return &errorsFileError{op: opWriteTemp, path: r.file.Name(), err: err}
	}
	return nil
}

// writeCell writes one inline string cell, as excelize's StreamWriter does
// for a string value: <c r="B2" s="3" t="inlineStr"><is><t>...</t></is></c>.
func (r *sheetRows) writeCell(column int, row string, style int, value string) {
	r.buffer.WriteString(`<c r="`)
	r.buffer.WriteString(r.columnName(column))
	r.buffer.WriteString(row)
	r.buffer.WriteByte('"')
	if style != 0 {
		r.buffer.WriteString(` s="`)
		r.buffer.WriteString(strconv.Itoa(style))
		r.buffer.WriteByte('"')
	}
	r.buffer.WriteString(` t="inlineStr"><is><t`)
	value = truncateCellText(value)
	if needsSpacePreserved(value) {
		r.buffer.WriteString(` xml:space="preserve"`)
	}
	r.buffer.WriteByte('>')
	r.text = appendCellText(r.text[:0], value)
	r.buffer.Write(r.text)
	r.buffer.WriteString(`</t></is></c>`)
}

// columnName returns the letters of the 0-based column, which write keeps
// below excelize.MaxColumns.
func (r *sheetRows) columnName(column int) string {
	for len(r.columns) <= column {
		name, _ := excelize.ColumnNumberToName(len(r.columns) + 1)
		r.columns = append(r.columns, name)
	}
	return r.columns[column]
}

// finish flushes the rows to the file and returns a reader of them from
// the start, whose read errors are *errorsFileError values.
func (r *sheetRows) finish() (io.Reader, error) {
	if err := r.buffer.Flush(); err != nil {
		return nil, &errorsFileError{op: opWriteTemp, path: r.file.Name(), err: err}
	}
	if _, err := r.file.Seek(0, io.SeekStart); err != nil {
		return nil, &errorsFileError{op: opReadTemp, path: r.file.Name(), err: err}
	}
	return tempFileReader{r.file}, nil
}

// tempFileReader is a reader of the temporary file whose errors name it.
type tempFileReader struct{ file *os.File }

func (r tempFileReader) Read(p []byte) (int, error) {
	n, err := r.file.Read(p)
	if err != nil && err != io.EOF {
		err = &errorsFileError{op: opReadTemp, path: r.file.Name(), err: err}
	}
	return n, err
}

// discard closes and removes the temporary file.
func (r *sheetRows) discard() error {
	closeErr := r.file.Close()
	if err := os.Remove(r.file.Name()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return &errorsFileError{op: opRemoveTemp, path: r.file.Name(), err: err}
	}
	if closeErr != nil && !errors.Is(closeErr, os.ErrClosed) {
		return &errorsFileError{op: opWriteTemp, path: r.file.Name(), err: closeErr}
	}
	return nil
}

// truncateCellText cuts value to excelize.TotalCellChars (32,767) UTF-16
// units, the maximum length of an Excel cell, at a character boundary.
// excelize v2.11.1 cuts string cells the same way.
func truncateCellText(value string) string {
	units := 0
	for i, c := range value {
		units++
		if c >= 0x10000 {
			units++
		}
		if units > excelize.TotalCellChars {
			return value[:i]
		}
	}
	return value
}

// needsSpacePreserved reports whether value starts or ends with a space,
// tab or line break, which readers keep only under xml:space="preserve".
// excelize v2.11.1 checks the same bytes.
func needsSpacePreserved(value string) bool {
	if value == "" {
		return false
	}
	for _, b := range [...]byte{value[0], value[len(value)-1]} {
		switch b {
		case ' ', '\t', '\n', '\r':
			return true
		}
	}
	return false
}

// appendCellText appends value to dst as the text of a <t> element.
//
// The XML specials are escaped as encoding/xml.EscapeText does, except a
// line feed, which stays as is: excelize v2.11.1 writes cells this way.
//
// XML 1.0 cannot contain the control characters U+0000 to U+001F other
// than tab, line feed and carriage return, nor U+FFFE and U+FFFF. excelize
// v2.11.1 replaces them with U+FFFD. They are written here as _xHHHH_, the
// escape that the OOXML string type defines for them (excelize's
// bstrUnmarshal quotes the rule), which excelize and the spreadsheet
// package decode back. A literal "_x" followed by four hex digits and "_"
// gets its underscore escaped as _x005F_, so that it is not decoded. Bytes
// that are not UTF-8 become U+FFFD, as in excelize.
func appendCellText(dst []byte, value string) []byte {
	for i := 0; i < len(value); {
		c := value[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(value[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				dst = append(dst, "\uFFFD"...)
			case r == 0xFFFE || r == 0xFFFF:
				dst = appendOOXMLEscape(dst, r)
			default:
				dst = append(dst, value[i:i+size]...)
			}
			i += size
			continue
		}

		switch c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '"':
			dst = append(dst, "&#34;"...)
		case '\'':
			dst = append(dst, "&#39;"...)
		case '\t':
			dst = append(dst, "&#x9;"...)
		case '\r':
			dst = append(dst, "&#xD;"...)
		case '\n':
			dst = append(dst, '\n')
		case '_':
			if isOOXMLEscape(value[i:]) {
				dst = append(dst, "_x005F_"...)
			} else {
				dst = append(dst, '_')
			}
		default:
			if c < 0x20 {
				dst = appendOOXMLEscape(dst, rune(c))
			} else {
				dst = append(dst, c)
			}
		}
		i++
	}
	return dst
}

// appendOOXMLEscape appends the _xHHHH_ escape of r, a character of the
// Basic Multilingual Plane, with upper-case hex digits.
func appendOOXMLEscape(dst []byte, r rune) []byte {
	const digits = "0123456789ABCDEF"
	return append(dst, '_', 'x',
		digits[r>>12&0xF], digits[r>>8&0xF], digits[r>>4&0xF], digits[r&0xF], '_')
}

// isOOXMLEscape reports whether text starts with an _xHHHH_ escape, which
// a reader would decode.
func isOOXMLEscape(text string) bool {
	if len(text) < 7 || text[0] != '_' || text[1] != 'x' || text[6] != '_' {
		return false
	}
	for i := 2; i < 6; i++ {
		c := text[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Operations of an errorsFileError.
const (
	opCreateTemp = "create_temp"
	opWriteTemp  = "write_temp"
	opReadTemp   = "read_temp"
	opRemoveTemp = "remove_temp"
	opBuild      = "build"
	opWriteFile  = "write_file"
	// opTooManyRows and opTooManyColumns report a sheet larger than
	// Excel allows, which an XLSX input cannot give.
	opTooManyRows    = "too_many_rows"
	opTooManyColumns = "too_many_columns"
)

// errorsFileError is a failure to write the XLSX errors file or its
// temporary files.
type errorsFileError struct {
	op string
	// path is the folder for opCreateTemp and a file otherwise.
	path string
	// count is the row number or the column count over Excel's limit.
	count int
	err   error
}

// Error renders the message in English.
func (e *errorsFileError) Error() string { return e.text().String() }

// Unwrap returns the cause.
func (e *errorsFileError) Unwrap() error { return e.err }

// Render returns the message in lang, for the command line.
func (e *errorsFileError) Render(lang i18n.Lang) string { return e.text().In(lang) }

func (e *errorsFileError) text() i18n.Text {
	switch e.op {
	case opCreateTemp:
		return i18n.T("creating a temporary file in %s for the errors file failed (%v): make sure the folder exists and is writable, or set TMPDIR (TMP on Windows) to another folder", e.path, e.err)
	case opWriteTemp:
		return i18n.T("writing the temporary file %s for the errors file failed (%v): free disk space there, or set TMPDIR (TMP on Windows) to another folder", e.path, e.err)
	case opReadTemp:
		return i18n.T("reading the temporary file %s for the errors file failed (%v): check the disk, then run again", e.path, e.err)
	case opRemoveTemp:
		return i18n.T("removing the temporary file %s of the errors file failed (%v): delete it yourself", e.path, e.err)
	case opBuild:
		return i18n.T("building the workbook %s failed (%v): run again, and report the problem if it comes back", e.path, e.err)
	case opTooManyRows:
		return i18n.T("the errors file cannot hold row %d: an Excel sheet has at most %d rows, so check fewer rows at a time", e.count, excelize.TotalRows)
	case opTooManyColumns:
		return i18n.T("the errors file cannot hold %d columns: an Excel sheet has at most %d, so remove the empty columns of the input", e.count, excelize.MaxColumns)
	default:
		return i18n.T("writing the errors file %s failed (%v): make sure its folder exists, is writable and has free disk space, then run again", e.path, e.err)
	}
}
