package spreadsheet

import (
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// The CSV reader, as Open returns it for a file that is not a ZIP archive.
//
// Encoding: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE). Without
// one, a file whose first 64 KiB are valid UTF-8 is UTF-8, and any other is
// Windows-1252 or ISO-8859-15 (see detectSingleByte). When those 64 KiB
// are plain ASCII, the file is read as UTF-8 until its first other byte: a
// valid UTF-8 sequence confirms UTF-8, anything else switches the rest of
// the file to Windows-1252, and Encoding reports the switch. Options.Encoding
// overrides detection.
//
// Bytes that are not valid in the encoding in use never reach a value
// silently. The value gets U+FFFD in their place, and its row gets an error
// diagnostic (code "invalid_encoding") that names the column and the byte
// offset, so the row is not sent. The rows after it are read as usual.
// A NUL or C1 control character (U+0080-U+009F) in a value gets an error
// diagnostic too (code "control_character"), because it usually means the
// file was decoded with the wrong encoding. In the header, either makes
// Open fail.
//
// Rows: a first line such as "sep=;" sets the delimiter and is not a row.
// Blank lines and rows whose fields are all empty or white space are
// skipped but counted, so Row.Number is the row Excel shows. A row with
// more fields than the header is cut to the header when the extra fields
// are blank, and is otherwise an error (code "field_count"), as is a row
// with fewer fields. Such a row keeps its fields as read. A quote inside an
// unquoted field is text and gets no diagnostic. A quote that opens a field
// and is never closed gets an error on the row where it opened (code
// "unclosed_quote"), and the lines after it are read as rows (see
// csvScanner). A cell written as Excel's ="0612345678" comes out as
// 0612345678. Other values are returned as read, without trimming.
//
// Limits: a value over 1 MiB outside quotes, a row over 16 MiB or a row of
// more than 16,384 fields makes Next fail with an error naming the row.

// csvTable is the Table of a CSV file.
type csvTable struct {
	closer io.Closer
	sc     *csvScanner
	text   *decodedText
	delim  byte

	header    []string
	headerRow int
	// row is the number of the last record read, as Excel numbers rows.
	row int
	// err is the error that ended reading, returned by every later Next.
	err error
}

func openCSV(path string, opts Options) (Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}

	t, err := newCSVTable(f, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	t.closer = f
	return t, nil
}

// newCSVTable reads the start of r to choose the encoding and delimiter,
// then reads up to the header. Every error it returns is a
// *diag.Diagnostic.
func newCSVTable(r io.Reader, opts Options) (*csvTable, error) {
	forced, err := parseEncodingName(opts.Encoding)
	if err != nil {
		return nil, err
	}
	delim, err := parseDelimiterOption(opts.Delimiter)
	if err != nil {
		return nil, err
	}
	if opts.HeaderRow < 0 {
		return nil, csvFileError("invalid_header_row",
			i18n.T("invalid header row %d: use a row number from 1, or 0 to find the header automatically", opts.HeaderRow))
	}

	prefix := make([]byte, encodingDetectBytes)
	n, err := io.ReadFull(r, prefix)
	atEOF := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !atEOF {
		return nil, csvReadError(0, err)
	}
	choice, err := chooseEncoding(prefix[:n], forced, atEOF)
	if err != nil {
		return nil, err
	}

	decoded, text := newDecodedReader(prefix[:n], r, choice)
	t := &csvTable{sc: newCSVScanner(decoded, text), text: text}
	head, err := t.sc.peek()
	if err != nil {
		return nil, csvReadError(0, err)
	}

	sepDelim, sepLen := parseSepLine(head)
	t.sc.skip(sepLen)
	if delim == 0 {
		delim = sepDelim
	}
	if delim == 0 {
		delim = detectDelimiter(head[sepLen:], t.sc.eof)
	}
	t.delim = delim
	t.sc.setDelimiter(delim)

	if err := t.readHeader(opts.HeaderRow); err != nil {
		return nil, err
	}
	return t, nil
}

// Format returns CSV.
func (t *csvTable) Format() Format { return CSV }

// Header returns the header cells, trimmed, without the trailing empty
// columns.
func (t *csvTable) Header() []string { return t.header }

// HeaderRow returns the row number of the header.
func (t *csvTable) HeaderRow() int { return t.headerRow }

// Delimiter returns the field separator, detected or set.
func (t *csvTable) Delimiter() rune { return rune(t.delim) }

// Encoding returns the encoding in use: "utf-8", "utf-16le", "utf-16be",
// "windows-1252" or "iso-8859-15".
func (t *csvTable) Encoding() string { return string(t.text.encoding()) }

// Sheet returns "".
func (t *csvTable) Sheet() string { return "" }

// Close closes the file.
func (t *csvTable) Close() error {
	if t.closer == nil {
		return nil
	}
	return t.closer.Close()
}

// Next returns the next row that is not blank, or io.EOF after the last.
// Any other error is a *diag.Diagnostic naming the row where reading
// stopped, and every later call returns it again.
func (t *csvTable) Next() (Row, error) {
	if t.err != nil {
		return Row{}, t.err
	}

	for {
		if err := t.sc.next(); err != nil {
			t.err = t.scanError(err)
			return Row{}, t.err
		}
		t.row++

		row, blank := t.buildRow()
		if !blank {
			return row, nil
		}
	}
}

// readHeader reads records up to the header: the first record that is not
// blank, or record headerRow when it is not 0.
func (t *csvTable) readHeader(headerRow int) error {
	for {
		err := t.sc.next()
		if errors.Is(err, io.EOF) {
			if headerRow > 0 {
				return csvFileError("header_not_found",
					i18n.T("no header at row %d: the file has only %d rows. Set the header row to the row that contains the column names", headerRow, t.row))
			}
			return csvFileError("header_not_found",
				i18n.T("no header found: the file is empty or contains only empty rows"))
		}
		if err != nil {
			return t.scanError(err)
		}
		t.row++

		if headerRow > 0 && t.row < headerRow {
			continue
		}
		cells := t.sc.cells()
		if csvBlank(cells) {
			if headerRow > 0 {
				return &diag.Diagnostic{Severity: diag.Error, Code: "header_not_found", Row: t.row, Column: -1,
					Message: i18n.T("the header row is empty. Set the header row to the row that contains the column names")}
			}
			continue
		}
		return t.setHeader(cells)
	}
}

// setHeader checks and keeps the header record read last.
func (t *csvTable) setHeader(cells []string) error {
	t.headerRow = t.row
	if issues := t.sc.anomalies(t.text); len(issues) > 0 {
		d := t.anomalyDiagnostic(issues[0], cells)
		return &d
	}
	if len(t.sc.unclosed) > 0 {
		d := t.unclosedDiagnostic(t.sc.unclosed[0], cells)
		return &d
	}

	// The header lives as long as the table: copies keep it from holding
	// a block of the row arena.
	cells = slices.Clone(cells)
	for i, cell := range cells {
		cells[i] = strings.Clone(csvTrim(UnescapeFormula(csvUnwrapFormula(cell))))
	}
	last := len(cells)
	for last > 0 && cells[last-1] == "" {
		last--
	}
	t.header = cells[:last:last]
	return nil
}

// buildRow turns the record read last into a row, or reports it blank.
func (t *csvTable) buildRow() (Row, bool) {
	cells := t.sc.cells()
	for i, cell := range cells {
		cells[i] = UnescapeFormula(csvUnwrapFormula(cell))
	}
	if csvBlank(cells) {
		return Row{}, true
	}

	row := Row{Number: t.row}
	for _, issue := range t.sc.anomalies(t.text) {
		row.Diagnostics = append(row.Diagnostics, t.anomalyDiagnostic(issue, cells))
	}
	for _, field := range t.sc.unclosed {
		row.Diagnostics = append(row.Diagnostics, t.unclosedDiagnostic(field, cells))
	}

	width := len(t.header)
	switch {
	case len(cells) > width && csvBlank(cells[width:]):
		cells = cells[:width:width]
	case len(cells) != width:
		row.Diagnostics = append(row.Diagnostics, t.fieldCountDiagnostic(cells))
	}
	row.Cells = cells
	return row, false
}

// scanError turns an error of the scanner into the error of the table.
func (t *csvTable) scanError(err error) error {
	row := t.row + 1
	switch {
	case errors.Is(err, io.EOF):
		return io.EOF
	case errors.Is(err, errCSVCellTooLarge):
		return &diag.Diagnostic{Severity: diag.Error, Code: "cell_too_large", Row: row, Column: t.sc.failField,
			Header: t.headerAt(t.sc.failField),
			Message: i18n.T("a value is larger than %d MiB, which no spreadsheet export contains: check that the file is a CSV export and that its delimiter is %q",
				csvMaxCellBytes>>20, string(t.delim))}
	case errors.Is(err, errCSVRecordTooLarge):
		return &diag.Diagnostic{Severity: diag.Error, Code: "row_too_large", Row: row, Column: -1,
			Message: i18n.T("the row is larger than %d MiB, which no spreadsheet export contains: check that the file is a CSV export",
				csvMaxRecordBytes>>20)}
	case errors.Is(err, errCSVTooManyFields):
		return &diag.Diagnostic{Severity: diag.Error, Code: "too_many_fields", Row: row, Column: -1,
			Message: i18n.T("the row has more than %d fields, the most a spreadsheet has: check that the file is a CSV export and that its delimiter is %q",
				csvMaxFields, string(t.delim))}
	}
	return csvReadError(row, err)
}

// headerAt returns the header of column i, or "" past the header.
func (t *csvTable) headerAt(i int) string {
	if i >= 0 && i < len(t.header) {
		return t.header[i]
	}
	return ""
}

// csvReadError reports a failed read of the file at row, or before the
// first row when row is 0.
func csvReadError(row int, err error) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Code: "read_failed", Row: row, Column: -1,
		Message: i18n.T("reading the file failed: %v", err)}
}
