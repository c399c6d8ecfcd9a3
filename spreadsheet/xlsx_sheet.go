package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// cellProblem is the kind of defect in a cell's content, or cellOK.
type cellProblem uint8

const (
	cellOK cellProblem = iota
	// cellFormulaNoValue is a formula saved without its computed value.
	cellFormulaNoValue
	// cellErrorValue is an error value such as #N/A.
	cellErrorValue
	// cellBadStringIndex refers to a shared string that does not exist.
	cellBadStringIndex
)

// sheetCell is one cell of a row as stored in the sheet.
type sheetCell struct {
	column  int // 0-based
	value   string
	problem cellProblem
}

// sheetRowReader streams the rows of a worksheet part. It reads the
// <sheetData> element and ignores everything else.
type sheetRowReader struct {
	scanner  *xmlScanner
	strings  *sharedStrings
	styles   *styleTable
	date1904 bool

	started  bool // inside <sheetData>
	finished bool
	row      int         // number of the last row read
	cells    []sheetCell // reused for each row
	inline   []byte      // scratch for inline strings
	cellType []byte      // the t attribute of the cell being read
}

// sheetSyntaxError is a structural problem in a worksheet, such as a row
// number out of range, with the position to report.
type sheetSyntaxError struct {
	code  string
	text  string // the offending reference or number
	limit int
}

func (e *sheetSyntaxError) Error() string { return e.code + ": " + e.text }

// cellTooLargeError is a cell whose text exceeds maxCellSize.
type cellTooLargeError struct {
	reference string
}

func (e *cellTooLargeError) Error() string { return "cell " + e.reference + " too large" }

func newSheetRowReader(r io.Reader, strings *sharedStrings, styles *styleTable, date1904 bool) *sheetRowReader {
	return &sheetRowReader{
		// Tags are small: the largest text, a cell value, is bounded
		// separately by maxCellSize.
		scanner:  newXMLScanner(r, maxCellSize),
		strings:  strings,
		styles:   styles,
		date1904: date1904,
	}
}

// next returns the number and cells of the next <row> element. The cells
// are in document order and are reused by the following call. At the end
// of the sheet data it returns io.EOF.
func (r *sheetRowReader) next() (int, []sheetCell, error) {
	if r.finished {
		return 0, nil, io.EOF
	}
	for {
		tag, err := r.scanner.nextTag()
		if err == io.EOF {
			r.finished = true
			if !r.started {
				return 0, nil, io.EOF
			}
			return 0, nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return 0, nil, err
		}

		name := string(tag.name)
		if !r.started {
			if name == "sheetData" {
				r.started = tag.kind == xmlStart
				r.finished = tag.kind == xmlEmpty
			}
			if r.finished {
				return 0, nil, io.EOF
			}
			continue
		}

		switch {
		case name == "row" && tag.kind != xmlEnd:
			return r.readRow(tag)
		case name == "sheetData" && tag.kind == xmlEnd:
			r.finished = true
			return 0, nil, io.EOF
		case tag.kind == xmlStart:
			if err := r.scanner.skipElement(); err != nil {
				return 0, nil, err
			}
		}
	}
}

// readRow reads the cells of the row whose start tag is tag.
func (r *sheetRowReader) readRow(tag xmlTag) (int, []sheetCell, error) {
	number := r.row + 1
	if value, ok := tag.attr("r"); ok {
		n, err := strconv.Atoi(string(value))
		if err != nil || n < 1 || n > maxExcelRows {
			return 0, nil, &sheetSyntaxError{code: "row_number_invalid", text: string(value), limit: maxExcelRows}
		}
		number = n
	}
	if number > maxExcelRows {
		return 0, nil, &sheetSyntaxError{code: "row_number_invalid", text: strconv.Itoa(number), limit: maxExcelRows}
	}
	r.row = number
	r.cells = r.cells[:0]
	if tag.kind == xmlEmpty {
		return number, r.cells, nil
	}

	column := -1
	for {
		tag, err := r.scanner.nextTag()
		if err == io.EOF {
			return 0, nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return 0, nil, err
		}

		switch {
		case string(tag.name) == "c" && tag.kind != xmlEnd:
			cell, err := r.readCell(tag, column)
			if err != nil {
				return 0, nil, err
			}
			column = cell.column
			if cell.value != "" || cell.problem != cellOK {
				r.cells = append(r.cells, cell)
			}
		case string(tag.name) == "row" && tag.kind == xmlEnd:
			return number, r.cells, nil
		case tag.kind == xmlStart:
			if err := r.scanner.skipElement(); err != nil {
				return 0, nil, err
			}
		}
	}
}

// readCell reads the cell whose start tag is tag. previous is the column
// of the cell before it in the row, used when the cell has no reference.
func (r *sheetRowReader) readCell(tag xmlTag, previous int) (sheetCell, error) {
	cell := sheetCell{column: previous + 1}
	var cellType []byte
	style := 0
	rest := tag.attrs
	for {
		name, value, next, ok := nextAttr(rest)
		if !ok {
			break
		}
		rest = next
		switch string(name) {
		case "r":
			column, ok := parseColumn(value)
			if !ok {
				return cell, &sheetSyntaxError{code: "cell_reference_invalid", text: string(value), limit: maxExcelColumns}
			}
			cell.column = column
		case "s":
			if n, err := strconv.Atoi(string(value)); err == nil {
				style = n
			}
		case "t":
			// value points into the scanner's buffer, which a refill while
			// reading the cell's value overwrites: keep a copy.
			r.cellType = append(r.cellType[:0], value...)
			cellType = r.cellType
		}
	}
	if cell.column >= maxExcelColumns {
		return cell, &sheetSyntaxError{code: "cell_reference_invalid", text: columnName(cell.column) + strconv.Itoa(r.row), limit: maxExcelColumns}
	}
	if tag.kind == xmlEmpty {
		return cell, nil
	}

	// Fast paths for the two common layouts, <v>…</v></c> and
	// <is><t>…</t></is></c>, skip the generic tag parsing. Any other
	// layout, such as one with a namespace prefix, a formula or rich text,
	// continues in the loop below from where the fast path stopped.
	hasFormula, hasValue := false, false
	switch {
	case r.scanner.consume("<v>"):
		hasValue = true
		raw, err := r.scanner.readText(maxCellSize)
		if err != nil {
			return cell, r.cellError(err, cell.column)
		}
		cell.value, cell.problem, err = r.cellValue(cellType, raw, style)
		if err != nil {
			return cell, err
		}
		if r.scanner.consume("</v></c>") {
			return finishCell(cell, cellType, false, true), nil
		}
	case string(cellType) == "inlineStr" && r.scanner.consume("<is><t>"):
		hasValue = true
		text, err := r.scanner.readText(maxCellSize)
		if err != nil {
			return cell, r.cellError(err, cell.column)
		}
		r.inline = append(r.inline[:0], text...)
		if r.scanner.consume("</t></is></c>") {
			cell.value = r.inlineText()
			return cell, nil
		}
		if cell.value, err = r.readInlineString(2); err != nil {
			return cell, r.cellError(err, cell.column)
		}
	}

	for {
		child, err := r.scanner.nextTag()
		if err == io.EOF {
			return cell, io.ErrUnexpectedEOF
		}
		if err != nil {
			return cell, err
		}

		switch name := string(child.name); {
		case name == "c" && child.kind == xmlEnd:
			return finishCell(cell, cellType, hasFormula, hasValue), nil
		case name == "v":
			hasValue = true
			if child.kind != xmlStart {
				continue
			}
			raw, err := r.scanner.readText(maxCellSize)
			if err != nil {
				return cell, r.cellError(err, cell.column)
			}
			cell.value, cell.problem, err = r.cellValue(cellType, raw, style)
			if err != nil {
				return cell, err
			}
		case name == "f":
			hasFormula = true
			if child.kind == xmlStart {
				if err := r.scanner.skipElement(); err != nil {
					return cell, err
				}
			}
		case name == "is" && child.kind == xmlStart:
			hasValue = true
			r.inline = r.inline[:0]
			text, err := r.readInlineString(1)
			if err != nil {
				return cell, r.cellError(err, cell.column)
			}
			cell.value = text
		case child.kind == xmlStart:
			if err := r.scanner.skipElement(); err != nil {
				return cell, err
			}
		}
	}
}

// finishCell sets the problem of a cell once its content has been read.
func finishCell(cell sheetCell, cellType []byte, hasFormula, hasValue bool) sheetCell {
	switch {
	case string(cellType) == "e":
		cell.problem = cellErrorValue
	case hasFormula && !hasValue:
		cell.problem = cellFormulaNoValue
	}
	return cell
}

// cellError names the cell when its text is too large.
func (r *sheetRowReader) cellError(err error, column int) error {
	if errors.Is(err, errTokenTooLarge) {
		return &cellTooLargeError{reference: columnName(column) + strconv.Itoa(r.row)}
	}
	return err
}

// cellValue turns the raw <v> text of a cell of type cellType and style
// index style into the text Excel displays, with the exceptions of
// cellFormat.render. The error is that of a shared string table that
// cannot be read.
func (r *sheetRowReader) cellValue(cellType, raw []byte, style int) (string, cellProblem, error) {
	switch string(cellType) {
	case "", "n":
		if len(raw) == 0 {
			return "", cellOK, nil
		}
		return r.styles.format(style).render(raw, r.date1904), cellOK, nil
	case "s":
		index, ok := parseIndex(raw)
		if !ok {
			return string(raw), cellBadStringIndex, nil
		}
		text, ok, err := r.strings.get(index)
		if err != nil {
			return "", cellOK, err
		}
		if !ok {
			return string(raw), cellBadStringIndex, nil
		}
		return text, cellOK, nil
	case "b":
		switch string(raw) {
		case "1", "true":
			return "TRUE", cellOK, nil
		case "0", "false":
			return "FALSE", cellOK, nil
		}
	case "d":
		return renderISODate(raw), cellOK, nil
	case "str", "inlineStr":
		if bytes.Contains(raw, []byte("_x")) {
			return string(decodeOOXMLEscapes(bytes.Clone(raw))), cellOK, nil
		}
	}
	return string(raw), cellOK, nil
}

// readInlineString reads the rest of an <is> element, appending its text
// to r.inline: rich-text runs are joined and phonetic runs left out. depth
// is the number of elements open inside the cell, 1 right after <is>.
func (r *sheetRowReader) readInlineString(depth int) (string, error) {
	for depth > 0 {
		tag, err := r.scanner.nextTag()
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		if err != nil {
			return "", err
		}

		switch {
		case string(tag.name) == "t" && tag.kind == xmlStart:
			text, err := r.scanner.readText(maxCellSize - len(r.inline))
			if err != nil {
				return "", err
			}
			r.inline = append(r.inline, text...)
			depth++
		case string(tag.name) == "rPh" && tag.kind == xmlStart:
			if err := r.scanner.skipElement(); err != nil {
				return "", err
			}
		case tag.kind == xmlStart:
			depth++
		case tag.kind == xmlEnd:
			depth--
		}
	}
	return r.inlineText(), nil
}

// inlineText returns the text collected in r.inline, with _xHHHH_ escapes
// decoded.
func (r *sheetRowReader) inlineText() string {
	if bytes.Contains(r.inline, []byte("_x")) {
		r.inline = decodeOOXMLEscapes(r.inline)
	}
	return string(r.inline)
}

// parseIndex parses a non-negative decimal index.
func parseIndex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseColumn returns the 0-based column of a cell reference such as
// "AB12" or "$AB$12". ok is false when the reference has no column letters
// or too many.
func parseColumn(reference []byte) (int, bool) {
	column := 0
	letters := 0
	for _, c := range reference {
		switch {
		case c == '$' && letters == 0:
			continue
		case c >= 'A' && c <= 'Z':
			column = column*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			column = column*26 + int(c-'a') + 1
		default:
			if letters == 0 {
				return 0, false
			}
			return column - 1, true
		}
		letters++
		if letters > 3 {
			return 0, false
		}
	}
	if letters == 0 {
		return 0, false
	}
	return column - 1, true
}

// columnName returns the letters of a 0-based column, "A" for 0.
func columnName(column int) string {
	var letters []byte
	for n := column + 1; n > 0; n = (n - 1) / 26 {
		letters = append([]byte{byte('A' + (n-1)%26)}, letters...)
	}
	return string(letters)
}
