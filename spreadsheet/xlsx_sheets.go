package spreadsheet

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
)

// SheetInfo describes one sheet of a workbook.
type SheetInfo struct {
	// Name is the sheet's tab name.
	Name string
	// Index is the sheet's 1-based position in tab order, hidden sheets
	// counted, as Options.Sheet takes it.
	Index int
	// Visibility is VisibilityVisible, VisibilityHidden or
	// VisibilityVeryHidden (hidden so that Excel's Unhide does not list it).
	Visibility string
	// Rows is the number of data rows with at least one value below the
	// header, counted by reading the sheet as Open does with a detected
	// header row. It is -1 when the rows were not counted, for a chart
	// sheet or a sheet that cannot be read, and 0 for a sheet without any
	// value.
	Rows int
}

// Sheets lists the sheets of the XLSX file at path in tab order, hidden
// ones included, with their data row counts. The error is the
// *fs.PathError of a file that cannot be opened, or else an *XLSXError
// when the file is not a readable workbook.
func Sheets(path string) ([]SheetInfo, error) {
	pkg, err := openPackage(path)
	if err != nil {
		return nil, err
	}
	defer pkg.Close()

	infos := make([]SheetInfo, len(pkg.sheets))
	for i, sheet := range pkg.sheets {
		infos[i] = SheetInfo{Name: sheet.name, Index: i + 1, Visibility: sheet.visibility, Rows: pkg.countRows(sheet)}
	}
	return infos, nil
}

// countRows returns the number of data rows of sheet, 0 for a sheet
// without values, or -1 when the sheet cannot be read.
func (p *xlsxPackage) countRows(sheet workbookSheet) int {
	if !sheet.isWorksheet() {
		return -1
	}
	table, err := p.openSheet(sheet, 0)
	var xerr *XLSXError
	if errors.As(err, &xerr) && xerr.Code == "header_not_found" {
		return 0
	}
	if err != nil {
		return -1
	}
	defer table.Close()

	count := 0
	for {
		_, err := table.Next()
		if err == io.EOF {
			return count
		}
		if err != nil {
			return -1
		}
		count++
	}
}

// chooseSheet returns the sheet named by name: an exact tab name, else a
// tab name differing only in case, else a 1-based index. An empty name
// chooses the first visible worksheet.
func (p *xlsxPackage) chooseSheet(name string) (workbookSheet, error) {
	if name == "" {
		for _, sheet := range p.sheets {
			if sheet.visibility == VisibilityVisible && sheet.isWorksheet() {
				return sheet, nil
			}
		}
		return workbookSheet{}, newXLSXError(p.path, "", "sheet_not_found", nil,
			"the workbook has no visible worksheet; choose a sheet with --sheet NAME or --sheet NUMBER among: %s", p.sheetList())
	}

	for _, sheet := range p.sheets {
		if sheet.name == name {
			return sheet, nil
		}
	}
	for _, sheet := range p.sheets {
		if strings.EqualFold(sheet.name, name) {
			return sheet, nil
		}
	}
	if index, err := strconv.Atoi(strings.TrimSpace(name)); err == nil && index >= 1 && index <= len(p.sheets) {
		return p.sheets[index-1], nil
	}
	return workbookSheet{}, newXLSXError(p.path, "", "sheet_not_found", nil,
		"sheet %q not found; choose one with --sheet NAME or --sheet NUMBER among: %s", name, p.sheetList())
}

// sheetList describes the sheets for a message, such as `1 "Listes"
// (hidden)`, rendered in the message's language.
func (p *xlsxPackage) sheetList() []i18n.Text {
	list := make([]i18n.Text, len(p.sheets))
	for i, sheet := range p.sheets {
		switch {
		case !sheet.isWorksheet():
			list[i] = i18n.T("%d %q (chart sheet)", i+1, sheet.name)
		case sheet.visibility == VisibilityHidden:
			list[i] = i18n.T("%d %q (hidden)", i+1, sheet.name)
		case sheet.visibility == VisibilityVeryHidden:
			list[i] = i18n.T("%d %q (very hidden)", i+1, sheet.name)
		default:
			list[i] = i18n.T("%d %q", i+1, sheet.name)
		}
	}
	return list
}
