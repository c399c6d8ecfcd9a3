package spreadsheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// xlsxCaseFiles are the real-world XLSX cases that seed the fuzz tests.
var xlsxCaseFiles = []string{
	"c21_title_row_header_on_row3.xlsx",
	"c23_hidden_first_sheet_several_sheets.xlsx",
	"c25_short_rows_blank_middle_row.xlsx",
	"c26_phone_numbers_stored_as_numbers.xlsx",
	"c28_date_serials_and_locale_formats.xlsx",
	"c30_inline_strings_rich_text.xlsx",
}

// xlsxExercise reads the file at path as an XLSX workbook, whatever its
// first bytes, with a few option sets, and fails on any error that is not
// an *XLSXError.
func xlsxExercise(t *testing.T, path string) {
	t.Helper()
	for _, opts := range []Options{{}, {Sheet: "2"}, {HeaderRow: 2}} {
		table, err := openXLSX(path, opts)
		if err != nil {
			xlsxRequireXLSXError(t, err)
			continue
		}
		for rows := 0; ; rows++ {
			if rows > maxExcelRows {
				t.Fatalf("more than %d rows", maxExcelRows)
			}
			row, err := table.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				xlsxRequireXLSXError(t, err)
				break
			}
			if len(row.Cells) != len(table.Header()) {
				t.Fatalf("row %d has %d cells for %d headers", row.Number, len(row.Cells), len(table.Header()))
			}
		}
		table.Close()
	}
	if _, err := Sheets(path); err != nil {
		xlsxRequireXLSXError(t, err)
	}
}

func xlsxRequireXLSXError(t *testing.T, err error) {
	t.Helper()
	var xerr *XLSXError
	if !errors.As(err, &xerr) {
		t.Fatalf("error %v (%T) is not an *XLSXError", err, err)
	}
}

// FuzzXLSX feeds whole files, starting from the case files and from copies
// of them with uncompressed entries so that mutations reach the XML.
func FuzzXLSX(f *testing.F) {
	for _, name := range xlsxCaseFiles {
		data, err := os.ReadFile(xlsxCase(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(xlsxStoredCopy(f, xlsxCase(name)))
	}

	dir := f.TempDir()
	count := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		count++
		path := filepath.Join(dir, fmt.Sprintf("fuzz%d.xlsx", count))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		xlsxExercise(t, path)
	})
}

// FuzzXLSXSheetXML feeds sheet and shared string XML inside a valid
// package, which reaches the XML scanner more often than whole-file
// mutations do.
func FuzzXLSXSheetXML(f *testing.F) {
	for _, name := range xlsxCaseFiles {
		archive, err := zip.OpenReader(xlsxCase(name))
		if err != nil {
			f.Fatal(err)
		}
		sheet := xlsxReadEntry(f, archive, "xl/worksheets/sheet1.xml")
		strings := xlsxReadEntry(f, archive, "xl/sharedStrings.xml")
		archive.Close()
		f.Add(sheet, strings)
	}
	f.Add(xlsxSheet(xlsxHeaderRow+`<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2"><f>A1</f></c></row>`), "")

	f.Fuzz(func(t *testing.T, sheet, strings string) {
		path := xlsxWritePackage(t, map[string]string{
			"xl/worksheets/sheet1.xml": sheet,
			"xl/sharedStrings.xml":     strings,
		})
		xlsxExercise(t, path)
	})
}

// xlsxReadEntry returns the content of a ZIP entry, or "" when it is
// missing.
func xlsxReadEntry(tb testing.TB, archive *zip.ReadCloser, name string) string {
	tb.Helper()
	for _, file := range archive.File {
		if file.Name != name {
			continue
		}
		rc, err := file.Open()
		if err != nil {
			tb.Fatal(err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			tb.Fatal(err)
		}
		return string(data)
	}
	return ""
}
