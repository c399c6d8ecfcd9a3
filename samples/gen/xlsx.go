package main

import (
	"archive/zip"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetName is the name of the only sheet of the workbook.
const sheetName = "Leads"

// maxXLSXRows is the number of data rows an Excel sheet can hold below its
// header: Excel's limit is 1,048,576 rows per sheet.
const maxXLSXRows = excelize.TotalRows - 1

// columnWidths are the widths of columns A to N, in characters.
var columnWidths = [columnCount]float64{14, 14, 18, 34, 20, 28, 14, 44, 14, 50, 44, 50, 22, 16}

// xlsxStyles are the style IDs the rows use.
type xlsxStyles struct {
	header, text, currency, currencyCents, wrap int
}

// writeXLSX writes a workbook with one sheet, Leads: the header on row 1 in
// bold, then rows data rows. Phones, references and IDs are text cells with
// the Text format, prices are number cells with a currency format or text
// cells according to their style, and comments with a line break wrap.
//
// NOTE: excelize's StreamWriter (v2.11.1) writes every text cell as an
// inline string (t="inlineStr") and cannot write shared-string references,
// so the workbook has no shared-string table, unlike the files Excel saves.
func writeXLSX(w io.Writer, g *generator, rows int) error {
	if rows > maxXLSXRows {
		return errTooManyRows(rows)
	}

	book := excelize.NewFile()
	defer book.Close()

	if err := book.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	if err := setDocProps(book); err != nil {
		return err
	}
	styles, err := newXLSXStyles(book)
	if err != nil {
		return err
	}

	stream, err := book.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	// Each SetColWidth call puts its column before the ones set earlier,
	// and the stream writer writes them in that order (excelize v2.11.1).
	// Setting them from the last column to the first gives the ascending
	// order that Excel expects.
	for i := columnCount - 1; i >= 0; i-- {
		if err := stream.SetColWidth(i+1, i+1, columnWidths[i]); err != nil {
			return err
		}
	}

	headerCells := make([]any, columnCount)
	for i, name := range header {
		headerCells[i] = excelize.Cell{StyleID: styles.header, Value: name}
	}
	if err := stream.SetRow("A1", headerCells); err != nil {
		return err
	}

	cells := make([]any, columnCount)
	for index := 0; index < rows; index++ {
		r, err := g.row(index)
		if err != nil {
			return err
		}
		fillXLSXCells(cells, &r, styles)
		cell, err := excelize.CoordinatesToCellName(1, r.excelRow())
		if err != nil {
			return err
		}
		if err := stream.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := stream.Flush(); err != nil {
		return err
	}

	// File.Write assembles the whole zip in a bytes.Buffer before copying
	// it to its writer. The zip writer set here writes each part straight
	// to w instead, so memory stays flat however many rows there are, and
	// the buffer that Write copies to io.Discard stays empty. Excelize
	// patches ZIP64 headers in that buffer, but no part needs ZIP64: at
	// Excel's row limit the sheet part stays below 4 GiB (it is 0.9 GB for
	// a million rows).
	book.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return book.Write(io.Discard)
}

// fillXLSXCells sets cells to the values of r. An empty value is a nil
// cell, which the stream writer leaves out as Excel does.
func fillXLSXCells(cells []any, r *row, styles xlsxStyles) {
	for col, value := range r.cells {
		switch {
		case col == colPrice:
			cells[col] = xlsxPrice(r.price, styles)
		case value == "":
			cells[col] = nil
		case col == colPhone || col == colReference || col == colID:
			cells[col] = excelize.Cell{StyleID: styles.text, Value: value}
		case strings.Contains(value, "\n"):
			cells[col] = excelize.Cell{StyleID: styles.wrap, Value: value}
		default:
			cells[col] = value
		}
	}
}

func xlsxPrice(p price, styles xlsxStyles) any {
	switch p.style {
	case priceEmpty:
		return nil
	case priceNumberCurrency:
		return excelize.Cell{StyleID: styles.currency, Value: p.value()}
	case priceNumberCurrencyCents:
		return excelize.Cell{StyleID: styles.currencyCents, Value: p.value()}
	case priceNumberGeneral:
		return p.value()
	}
	return p.text()
}

func newXLSXStyles(book *excelize.File) (xlsxStyles, error) {
	var styles xlsxStyles
	currency, currencyCents := formatCurrency, formatCurrencyCents
	definitions := []struct {
		id    *int
		style excelize.Style
	}{
		{&styles.header, excelize.Style{Font: &excelize.Font{Bold: true}}},
		// Built-in number format 49 is "@", Excel's Text format.
		{&styles.text, excelize.Style{NumFmt: 49}},
		{&styles.currency, excelize.Style{CustomNumFmt: &currency}},
		{&styles.currencyCents, excelize.Style{CustomNumFmt: &currencyCents}},
		{&styles.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, d := range definitions {
		id, err := book.NewStyle(&d.style)
		if err != nil {
			return styles, err
		}
		*d.id = id
	}
	return styles, nil
}

// setDocProps sets fixed document properties, so that the workbook does
// not depend on when it was generated.
func setDocProps(book *excelize.File) error {
	return book.SetDocProps(&excelize.DocProperties{
		Creator:        "aello-import samples generator",
		LastModifiedBy: "aello-import samples generator",
		Title:          "Leads",
		Language:       "fr-FR",
		Created:        "2026-01-05T09:00:00Z",
		Modified:       "2026-01-05T09:00:00Z",
	})
}
