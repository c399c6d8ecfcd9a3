package spreadsheet

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// headerSearchRows is how many non-blank rows header detection looks at
// before it falls back to the first non-blank row.
const headerSearchRows = 100

// xlsxTable is an XLSX sheet opened by Open, positioned after its header.
type xlsxTable struct {
	pkg       *xlsxPackage
	sheet     workbookSheet
	part      io.Closer
	rows      *sheetRowReader
	merges    mergeIndex
	header    []string
	headerRow int
	pending   []bufferedRow // rows read while looking for the header
	err       error         // the error that stopped reading, returned again
	ownsPkg   bool          // Close closes the package too
}

// bufferedRow is a row kept in memory during header detection.
type bufferedRow struct {
	number int
	cells  []sheetCell
	filled []string // values that merged ranges give the row, by column
}

// openXLSX opens the sheet named by opts.Sheet, or the first visible one,
// and reads up to its header.
func openXLSX(path string, opts Options) (Table, error) {
	pkg, err := openPackage(path)
	if err != nil {
		return nil, err
	}
	sheet, err := pkg.chooseSheet(opts.Sheet)
	if err != nil {
		pkg.Close()
		return nil, err
	}
	table, err := pkg.openSheet(sheet, opts.HeaderRow)
	if err != nil {
		pkg.Close()
		return nil, err
	}
	table.ownsPkg = true
	return table, nil
}

// openSheet opens one worksheet of the package and reads up to its header.
// Closing the table does not close the package.
func (p *xlsxPackage) openSheet(sheet workbookSheet, headerRow int) (*xlsxTable, error) {
	if sheet.part == "" || p.parts[normalizePartName(sheet.part)] == nil {
		return nil, newXLSXError(p.path, sheet.name, "sheet_missing", nil,
			"the workbook lists this sheet but the file does not contain its data, so the file is damaged; open it in Excel and save it again")
	}
	if !sheet.isWorksheet() {
		return nil, newXLSXError(p.path, sheet.name, "sheet_not_worksheet", nil,
			"this sheet is a chart or dialog sheet, which has no cells; choose a worksheet with --sheet")
	}
	if err := p.loadCellParts(); err != nil {
		return nil, err
	}

	merges, err := p.sheetMerges(sheet)
	if err != nil {
		return nil, err
	}
	part, err := p.openPart(sheet.part, maxSheetPartSize)
	if err != nil {
		return nil, p.sheetError(sheet, err)
	}

	table := &xlsxTable{
		pkg:    p,
		sheet:  sheet,
		part:   part,
		rows:   newSheetRowReader(part, p.strings, p.styles, p.date1904),
		merges: mergeIndex{ranges: merges},
	}
	if err := table.readHeader(headerRow); err != nil {
		part.Close()
		return nil, err
	}
	return table, nil
}

// sheetMerges reads the merged ranges of sheet with a pass of its own.
func (p *xlsxPackage) sheetMerges(sheet workbookSheet) ([]mergeRange, error) {
	part, err := p.openPart(sheet.part, maxSheetPartSize)
	if err != nil {
		return nil, p.sheetError(sheet, err)
	}
	defer part.Close()

	merges, err := readMergeRanges(part)
	if errors.Is(err, errTooManyMerges) {
		return nil, newXLSXError(p.path, sheet.name, "xlsx_part_too_large", err,
			"the sheet has more than %d merged ranges; unmerge the cells in Excel (Home > Merge & Center > Unmerge Cells) and save the file again", maxMergeRanges)
	}
	if err != nil {
		return nil, p.sheetError(sheet, err)
	}
	return merges, nil
}

// sheetError turns an error met while reading a sheet into an *XLSXError
// that names the sheet.
func (p *xlsxPackage) sheetError(sheet workbookSheet, err error) error {
	var syntax *sheetSyntaxError
	var tooLarge *cellTooLargeError
	switch {
	case errors.As(err, &syntax) && syntax.code == "row_number_invalid":
		return newXLSXError(p.path, sheet.name, syntax.code, err,
			"the sheet has a row numbered %s, outside Excel's rows 1 to %d; the file is damaged or was not written by a spreadsheet program: open it in Excel and save it again", syntax.text, syntax.limit)
	case errors.As(err, &syntax):
		return newXLSXError(p.path, sheet.name, syntax.code, err,
			"the sheet has a cell reference %q outside Excel's columns A to XFD (%d columns); the file is damaged or was not written by a spreadsheet program: open it in Excel and save it again", syntax.text, syntax.limit)
	case errors.As(err, &tooLarge):
		return newXLSXError(p.path, sheet.name, "cell_too_large", err,
			"cell %s holds more than %s of text, more than Excel allows in a cell; shorten it in Excel and save the file again", tooLarge.reference, formatBytes(maxCellSize))
	}

	converted := p.partError(sheet.part, err)
	var xerr *XLSXError
	if errors.As(converted, &xerr) && xerr.Sheet == "" {
		xerr.Sheet = sheet.name
	}
	return converted
}

// readRow reads the next row, or returns io.EOF, recording the row's
// merged-range values.
func (t *xlsxTable) readRow() (int, []sheetCell, error) {
	number, cells, err := t.rows.next()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		return 0, nil, t.pkg.sheetError(t.sheet, err)
	}
	t.merges.advance(number, cells)
	return number, cells, nil
}

// readHeader finds the header row, stores the header and keeps the rows
// read after it for Next. With headerRow 0 the header is the first row
// with at least two non-empty cells that do not all belong to one merged
// range, so a title merged over the table is not taken for the header.
// When none of the first headerSearchRows non-blank rows qualifies, the
// header is the first non-blank row.
func (t *xlsxTable) readHeader(headerRow int) error {
	var seen []bufferedRow
	for {
		number, cells, err := t.readRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}

		if headerRow > 0 {
			if number < headerRow {
				continue
			}
			if number > headerRow || isBlankRow(cells) {
				return t.headerRowEmpty(headerRow)
			}
			t.setHeader(number, cells)
			return nil
		}

		if isBlankRow(cells) {
			continue
		}
		if t.looksLikeHeader(cells) {
			t.setHeader(number, cells)
			return nil
		}
		seen = append(seen, t.buffer(number, cells))
		if len(seen) == headerSearchRows {
			break
		}
	}

	if headerRow > 0 {
		return t.headerRowEmpty(headerRow)
	}
	if len(seen) == 0 {
		return newXLSXError(t.pkg.path, t.sheet.name, "header_not_found", nil,
			"no header found because the sheet has no values; check that you chose the right sheet with --sheet")
	}
	t.setHeader(seen[0].number, seen[0].cells)
	t.pending = seen[1:]
	return nil
}

func (t *xlsxTable) headerRowEmpty(headerRow int) error {
	return newXLSXError(t.pkg.path, t.sheet.name, "header_row_empty", nil,
		"row %d is empty or missing, so it cannot be the header; give the row that holds the column names with --header-row, or leave it out to detect it", headerRow)
}

// looksLikeHeader reports whether a non-blank row has at least two
// non-empty cells that are not all one merged range.
func (t *xlsxTable) looksLikeHeader(cells []sheetCell) bool {
	var first *mergeRange
	count, sameMerge := 0, true
	for i := range cells {
		if isBlankValue(cells[i].value) {
			continue
		}
		count++
		merge := t.merges.covering(cells[i].column)
		if merge == nil || (first != nil && merge != first) {
			sameMerge = false
		}
		if first == nil {
			first = merge
		}
	}
	return count >= 2 && !sameMerge
}

// buffer copies a row read during header detection, with its merged
// values, which depend on the ranges active at that row.
func (t *xlsxTable) buffer(number int, cells []sheetCell) bufferedRow {
	row := bufferedRow{number: number, cells: append([]sheetCell(nil), cells...)}
	width := 0
	for _, cell := range cells {
		width = max(width, cell.column+1)
	}
	for _, i := range t.merges.active {
		width = max(width, t.merges.ranges[i].right+1)
	}
	if len(t.merges.active) > 0 {
		row.filled = make([]string, min(width, maxExcelColumns))
		t.merges.fill(number, row.filled)
	}
	return row
}

// setHeader stores the trimmed header cells without the trailing empty
// columns. Merged header cells keep their text in the first column only,
// as Excel shows them.
func (t *xlsxTable) setHeader(number int, cells []sheetCell) {
	width := 0
	for _, cell := range cells {
		if trimHeaderCell(cell.value) != "" {
			width = max(width, cell.column+1)
		}
	}
	t.header = make([]string, width)
	for _, cell := range cells {
		if cell.column < width {
			t.header[cell.column] = trimHeaderCell(cell.value)
		}
	}
	t.headerRow = number
}

// trimHeaderCell removes spaces, non-breaking spaces and zero-width
// characters around a header name.
func trimHeaderCell(s string) string {
	return strings.TrimFunc(s, isBlankRune)
}

func isBlankRune(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

// isBlankValue reports whether a cell value holds only blank characters.
func isBlankValue(s string) bool {
	for _, r := range s {
		if !isBlankRune(r) {
			return false
		}
	}
	return true
}

// isBlankRow reports whether a row has no value and no cell problem, so
// that it is not a data row.
func isBlankRow(cells []sheetCell) bool {
	for i := range cells {
		if cells[i].problem != cellOK || !isBlankValue(cells[i].value) {
			return false
		}
	}
	return true
}

func (t *xlsxTable) Format() Format   { return XLSX }
func (t *xlsxTable) Header() []string { return t.header }
func (t *xlsxTable) HeaderRow() int   { return t.headerRow }
func (t *xlsxTable) Delimiter() rune  { return 0 }
func (t *xlsxTable) Encoding() string { return "" }
func (t *xlsxTable) Sheet() string    { return t.sheet.name }

func (t *xlsxTable) Close() error {
	err := t.part.Close()
	if t.ownsPkg {
		err = errors.Join(err, t.pkg.Close())
	}
	return err
}

// Next returns the next data row: blank rows are skipped, cells are padded
// to the header width, merged ranges give their value to each of their
// cells.
func (t *xlsxTable) Next() (Row, error) {
	if t.err != nil {
		return Row{}, t.err
	}
	if len(t.pending) > 0 {
		buffered := t.pending[0]
		t.pending = t.pending[1:]
		return t.makeRow(buffered.number, buffered.cells, buffered.filled), nil
	}

	for {
		number, cells, err := t.readRow()
		if err != nil {
			t.err = err
			return Row{}, err
		}
		if isBlankRow(cells) {
			continue
		}
		return t.makeRow(number, cells, nil), nil
	}
}

// makeRow builds a data row from its stored cells. filled holds the values
// that merged ranges give a buffered row. When it is nil, the ranges active
// at the current row fill the cells.
func (t *xlsxTable) makeRow(number int, cells []sheetCell, filled []string) Row {
	row := Row{Number: number, Cells: make([]string, len(t.header))}
	for i := range cells {
		cell := &cells[i]
		if cell.column >= len(row.Cells) {
			if !isBlankValue(cell.value) {
				row.Diagnostics = append(row.Diagnostics, t.outsideHeader(number, cell))
			}
			continue
		}
		row.Cells[cell.column] = cell.value
		if cell.problem != cellOK {
			row.Diagnostics = append(row.Diagnostics, t.cellDiagnostic(number, cell))
		}
	}

	if filled == nil {
		t.merges.fill(number, row.Cells)
	} else {
		for column, value := range filled {
			if column < len(row.Cells) && row.Cells[column] == "" {
				row.Cells[column] = value
			}
		}
	}
	return row
}

// cellDiagnostic describes a cell whose content cannot be used.
func (t *xlsxTable) cellDiagnostic(number int, cell *sheetCell) diag.Diagnostic {
	reference := diag.ColumnLetter(cell.column) + strconv.Itoa(number)
	d := diag.Diagnostic{
		Severity: diag.Error,
		Row:      number,
		Column:   cell.column,
		Header:   t.header[cell.column],
		Value:    cell.value,
	}
	switch cell.problem {
	case cellFormulaNoValue:
		d.Code = "formula_no_value"
		d.Message = i18n.T("cell %s holds a formula whose value was never computed and saved; open the file in Excel and save it so the values are computed, or paste the values over the formulas", reference)
	case cellErrorValue:
		d.Code = "cell_error"
		d.Message = i18n.T("cell %s shows the Excel error %s; correct the formula or the data it uses, or type the value in place of the formula", reference, cell.value)
	default:
		d.Code = "cell_invalid"
		d.Message = i18n.T("cell %s refers to shared string number %s, which the file does not contain, so the file is damaged; open it in Excel, check the cell and save the file again", reference, cell.value)
		d.Value = ""
	}
	return d
}

// outsideHeader warns about a value in a column that has no header: the
// value is not part of the row's cells.
func (t *xlsxTable) outsideHeader(number int, cell *sheetCell) diag.Diagnostic {
	reference := diag.ColumnLetter(cell.column) + strconv.Itoa(number)
	return diag.Diagnostic{
		Severity: diag.Warning,
		Code:     "cell_outside_header",
		Row:      number,
		Column:   cell.column,
		Value:    cell.value,
		Message: i18n.T("cell %s holds %q but column %s has no header in row %d, so the value is ignored; add a header there to import it",
			reference, cell.value, diag.ColumnLetter(cell.column), t.headerRow),
	}
}
