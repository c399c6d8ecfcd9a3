package spreadsheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// xlsxRawZip builds a ZIP archive whose entries declare the given
// uncompressed sizes, whatever their real content, with the default
// workbook parts around a sheet.
func xlsxRawZip(t *testing.T, sheet []byte, declaredSize uint64) string {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		content := map[string]string{
			"[Content_Types].xml":        xlsxContentTypes,
			"_rels/.rels":                xlsxRootRels,
			"xl/workbook.xml":            xlsxWorkbook,
			"xl/_rels/workbook.xml.rels": xlsxWorkbookRels,
		}[name]
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, content)
	}

	var compressed bytes.Buffer
	fw, err := flate.NewWriter(&compressed, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(sheet)
	fw.Close()
	raw, err := w.CreateRaw(&zip.FileHeader{
		Name:               "xl/worksheets/sheet1.xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(sheet),
		CompressedSize64:   uint64(compressed.Len()),
		UncompressedSize64: declaredSize,
	})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(compressed.Bytes())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return xlsxWriteFile(t, buf.Bytes())
}

// xlsxZipOf builds a ZIP archive of the given entries only.
func xlsxZipOf(t *testing.T, entries map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, content := range entries {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return xlsxWriteFile(t, buf.Bytes())
}

const xlsxHeaderRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>`

func TestXLSXHostileFilesFailClearly(t *testing.T) {
	caseData, err := os.ReadFile(xlsxCase("c21_title_row_header_on_row3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	spaces := strings.Repeat(" ", 20<<20)
	bigCell := strings.Repeat("x", maxCellSize+10)

	tests := []struct {
		name      string
		path      func(t *testing.T) string
		opts      Options
		wantCode  string
		wantSheet string
		wantText  string
	}{
		{
			name: "corrupt zip",
			path: func(t *testing.T) string {
				return xlsxWriteFile(t, []byte("PK\x03\x04 this is not a zip archive at all"))
			},
			wantCode: "xlsx_invalid_zip", wantText: "ZIP",
		},
		{
			name:     "truncated workbook",
			path:     func(t *testing.T) string { return xlsxWriteFile(t, caseData[:len(caseData)/2]) },
			wantCode: "xlsx_invalid_zip",
		},
		{
			name:     "zip without workbook",
			path:     func(t *testing.T) string { return xlsxZipOf(t, map[string]string{"readme.txt": "hello"}) },
			wantCode: "xlsx_not_workbook", wantText: "xl/workbook.xml",
		},
		{
			name: "OpenDocument spreadsheet",
			path: func(t *testing.T) string {
				return xlsxZipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"})
			},
			wantCode: "xlsx_not_workbook",
		},
		{
			name: "workbook without sheets",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`})
			},
			wantCode: "xlsx_no_sheets",
		},
		{
			name: "empty sheet",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet("")})
			},
			wantCode: "header_not_found", wantSheet: "Feuil1",
		},
		{
			name: "sheet without sheetData",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`})
			},
			wantCode: "header_not_found", wantSheet: "Feuil1",
		},
		{
			name:     "sheet part missing",
			path:     func(t *testing.T) string { return xlsxWritePackage(t, nil) },
			wantCode: "sheet_missing", wantSheet: "Feuil1",
		},
		{
			name:     "declared size over the limit",
			path:     func(t *testing.T) string { return xlsxRawZip(t, []byte(xlsxSheet(xlsxHeaderRow)), maxSheetPartSize+1) },
			wantCode: "xlsx_part_too_large", wantText: "1 GiB",
		},
		{
			name: "compression ratio over the limit",
			path: func(t *testing.T) string {
				return xlsxRawZip(t, []byte(xlsxSheet(xlsxHeaderRow+spaces)), uint64(len(xlsxSheet(xlsxHeaderRow+spaces))))
			},
			wantCode: "xlsx_part_too_large", wantText: "zip bomb",
		},
		{
			name: "declared size smaller than content",
			path: func(t *testing.T) string {
				return xlsxRawZip(t, []byte(xlsxSheet(xlsxHeaderRow+strings.Repeat(" ", 1<<16))), 100)
			},
			wantCode: "xlsx_invalid_part", wantSheet: "Feuil1",
		},
		{
			name: "inline cell over 1 MiB",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>` + bigCell + `</t></is></c></row>`)})
			},
			wantCode: "cell_too_large", wantSheet: "Feuil1", wantText: "B1",
		},
		{
			name: "number over 1 MiB",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="3"><c r="C3"><v>` + strings.Repeat("9", maxCellSize+1) + `</v></c></row>`)})
			},
			wantCode: "cell_too_large", wantText: "C3",
		},
		{
			name: "shared string over 1 MiB",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{
					"xl/sharedStrings.xml":     `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>` + bigCell[:maxCellSize/2] + `</t></r><r><t>` + bigCell[:maxCellSize/2+1] + `</t></r></si></sst>`,
					"xl/worksheets/sheet1.xml": xlsxSheet(xlsxHeaderRow),
				})
			},
			wantCode: "xlsx_invalid_part", wantText: "sharedStrings.xml",
		},
		{
			name: "row number beyond Excel",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`)})
			},
			wantCode: "row_number_invalid", wantSheet: "Feuil1", wantText: "1048577",
		},
		{
			name: "negative row number",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="-4"/>`)})
			},
			wantCode: "row_number_invalid",
		},
		{
			name: "rows without numbers past the last row",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1048576"/><row/>`)})
			},
			wantCode: "row_number_invalid",
		},
		{
			name: "column beyond XFD",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`)})
			},
			wantCode: "cell_reference_invalid", wantText: "XFE1",
		},
		{
			name: "column reference of four letters",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="ZZZZ1"><v>1</v></c></row>`)})
			},
			wantCode: "cell_reference_invalid",
		},
		{
			name: "cells without references past XFD",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`)})
			},
			wantCode: "cell_reference_invalid",
		},
		{
			name: "truncated sheet XML",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(xlsxHeaderRow)[:200]})
			},
			wantCode: "xlsx_invalid_part", wantSheet: "Feuil1",
		},
		{
			name: "entity expansion in sheet",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`})
			},
			wantCode: "xlsx_invalid_part", wantText: "document type",
		},
		{
			name: "entity expansion in workbook",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{"xl/workbook.xml": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&lol;" r:id="rId1"/></sheets></workbook>`})
			},
			wantCode: "xlsx_invalid_part", wantText: "workbook.xml",
		},
		{
			name: "chart sheet chosen",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{
					"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
					"xl/chartsheets/sheet1.xml":  `<chartsheet/>`,
				})
			},
			opts:     Options{Sheet: "Feuil1"},
			wantCode: "sheet_not_worksheet", wantSheet: "Feuil1",
		},
		{
			name: "only a chart sheet",
			path: func(t *testing.T) string {
				return xlsxWritePackage(t, map[string]string{
					"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
					"xl/chartsheets/sheet1.xml":  `<chartsheet/>`,
				})
			},
			wantCode: "sheet_not_found", wantText: "(chart sheet)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path(t)
			xerr := xlsxOpenError(t, path, tt.opts)
			if xerr.Code != tt.wantCode {
				t.Errorf("Code = %q, want %q (%v)", xerr.Code, tt.wantCode, xerr)
			}
			if xerr.Path != path {
				t.Errorf("Path = %q, want %q", xerr.Path, path)
			}
			if xerr.Sheet != tt.wantSheet && tt.wantSheet != "" {
				t.Errorf("Sheet = %q, want %q", xerr.Sheet, tt.wantSheet)
			}
			msg := xerr.Error()
			if !strings.HasPrefix(msg, path) {
				t.Errorf("message %q does not start with the file path", msg)
			}
			if !strings.Contains(msg, tt.wantText) {
				t.Errorf("message %q does not contain %q", msg, tt.wantText)
			}
			if french := xerr.Render(i18n.French); french == msg {
				t.Errorf("French rendering is the English message %q", msg)
			}
		})
	}
}

func TestXLSXErrorAfterHeaderRepeats(t *testing.T) {
	sheet := xlsxSheet(xlsxHeaderRow + `<row r="2"><c r="A2" t="inlineStr"><is><t>Jeanne</t></is></c></row><row r="3"><c r="A3"`)
	path := xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": sheet[:len(sheet)-len("</sheetData></worksheet>")]})

	table, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer table.Close()
	row, err := table.Next()
	if err != nil || row.Number != 2 {
		t.Fatalf("first Next = %d, %v; want row 2", row.Number, err)
	}
	_, err1 := table.Next()
	_, err2 := table.Next()
	var xerr *XLSXError
	if !errors.As(err1, &xerr) || xerr.Code != "xlsx_invalid_part" {
		t.Fatalf("Next after the damage = %v, want an xlsx_invalid_part *XLSXError", err1)
	}
	if err2 != err1 {
		t.Errorf("Next again = %v, want the same error %v", err2, err1)
	}
}

func TestXLSXDeepNestingDoesNotOverflow(t *testing.T) {
	depth := 200000
	nested := strings.Repeat("<x>", depth) + strings.Repeat("</x>", depth)
	sheet := xlsxSheet(xlsxHeaderRow + `<row r="2">` + nested + `<c r="A2" t="inlineStr"><is>` + nested + `<t>Jeanne</t></is></c></row>`)
	table, rows := xlsxReadAll(t, xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": sheet}), Options{})
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{{2, []string{"Jeanne", ""}}})
}

func TestXLSXBadSharedStringIndex(t *testing.T) {
	path := xlsxWritePackage(t, map[string]string{
		"xl/sharedStrings.xml":     `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Prénom</t></si><si><t>Email</t></si></sst>`,
		"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>x</v></c></row>`),
	})
	_, rows := xlsxReadAll(t, path, Options{})
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	if len(rows[0].Diagnostics) != 2 {
		t.Fatalf("diagnostics %v, want 2", rows[0].Diagnostics)
	}
	for i, d := range rows[0].Diagnostics {
		if d.Code != "cell_invalid" || d.Severity != diag.Error || d.Column != i {
			t.Errorf("diagnostic %d = %+v, want a cell_invalid error on column %d", i, d, i)
		}
	}
}

func TestXLSXUnknownEntityKeptAsWritten(t *testing.T) {
	path := xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(xlsxHeaderRow +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>&nbsp;Jeanne &amp; &#0; &#xZZ; &</t></is></c></row>`)})
	table, rows := xlsxReadAll(t, path, Options{})
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{{2, []string{"&nbsp;Jeanne & &#0; &#xZZ; &", ""}}})
}

func TestXLSXSheetsOnHostileFile(t *testing.T) {
	_, err := Sheets(xlsxWriteFile(t, []byte("PK\x03\x04garbage")))
	var xerr *XLSXError
	if !errors.As(err, &xerr) || xerr.Code != "xlsx_invalid_zip" {
		t.Errorf("Sheets on a corrupt file = %v, want an xlsx_invalid_zip *XLSXError", err)
	}

	path := xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="ZZZZ1"/></row>`)})
	infos, err := Sheets(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Rows != -1 {
		t.Errorf("Sheets on a damaged sheet = %+v, want Rows -1", infos)
	}
}

func TestXLSXSheetsOnMissingFile(t *testing.T) {
	_, err := Sheets(filepath.Join(t.TempDir(), "absent.xlsx"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Sheets on a missing file = %v, want an error matching fs.ErrNotExist", err)
	}
}
