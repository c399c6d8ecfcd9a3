package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// xlsxCase returns the path of a real-world case file of the repository.
func xlsxCase(name string) string {
	return filepath.Join("..", "testdata", "cases", name)
}

// xlsxReadAll opens path and reads every data row.
func xlsxReadAll(t *testing.T, path string, opts Options) (Table, []Row) {
	t.Helper()
	table, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s, %+v): %v", path, opts, err)
	}
	t.Cleanup(func() { table.Close() })

	var rows []Row
	for {
		row, err := table.Next()
		if err == io.EOF {
			return table, rows
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		rows = append(rows, row)
	}
}

// xlsxWantRow is the expected number and cells of one data row.
type xlsxWantRow struct {
	number int
	cells  []string
}

// xlsxCheckRows compares rows field by field with want.
func xlsxCheckRows(t *testing.T, header []string, got []Row, want []xlsxWantRow) {
	t.Helper()
	if len(got) != len(want) {
		numbers := make([]int, len(got))
		for i, row := range got {
			numbers[i] = row.Number
		}
		t.Fatalf("got %d rows (numbers %v), want %d", len(got), numbers, len(want))
	}
	for i, row := range got {
		if row.Number != want[i].number {
			t.Errorf("row %d: Number = %d, want %d", i, row.Number, want[i].number)
		}
		if len(row.Cells) != len(want[i].cells) {
			t.Errorf("row %d: %d cells %q, want %d %q", row.Number, len(row.Cells), row.Cells, len(want[i].cells), want[i].cells)
			continue
		}
		for j, cell := range row.Cells {
			if cell != want[i].cells[j] {
				t.Errorf("row %d, column %s: got %q, want %q", row.Number, header[j], cell, want[i].cells[j])
			}
		}
	}
}

// xlsxCheckHeader compares a table's header with want.
func xlsxCheckHeader(t *testing.T, table Table, wantRow int, want ...string) {
	t.Helper()
	if got := table.HeaderRow(); got != wantRow {
		t.Errorf("HeaderRow() = %d, want %d", got, wantRow)
	}
	got := table.Header()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Header() = %q, want %q", got, want)
	}
}

// xlsxOpenError opens path, expects an *XLSXError and returns it.
func xlsxOpenError(t *testing.T, path string, opts Options) *XLSXError {
	t.Helper()
	table, err := Open(path, opts)
	if err == nil {
		table.Close()
		t.Fatalf("Open(%s) succeeded, want an error", path)
	}
	var xerr *XLSXError
	if !errors.As(err, &xerr) {
		t.Fatalf("Open(%s) error %v (%T), want an *XLSXError", path, err, err)
	}
	if !i18n.HasFrench(xerr.Message.Key) {
		t.Errorf("message %q has no French translation", xerr.Message.Key)
	}
	return xerr
}

// Parts of a minimal workbook with one sheet "Feuil1". Tests replace or
// add parts.
const (
	xlsxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
	xlsxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	xlsxWorkbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	xlsxWorkbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	xlsxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`
)

// xlsxSheet wraps the XML of rows into a worksheet part.
func xlsxSheet(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
}

// xlsxWritePackage writes an XLSX file made of the default parts with
// parts replacing or adding to them. An empty value leaves a part out. It
// returns the file's path.
func xlsxWritePackage(t testing.TB, parts map[string]string) string {
	t.Helper()
	all := map[string]string{
		"[Content_Types].xml":        xlsxContentTypes,
		"_rels/.rels":                xlsxRootRels,
		"xl/workbook.xml":            xlsxWorkbook,
		"xl/_rels/workbook.xml.rels": xlsxWorkbookRels,
		"xl/styles.xml":              xlsxStyles,
	}
	for name, content := range parts {
		all[name] = content
	}

	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, name)
	}
	sort.Strings(names)

	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range names {
		if all[name] == "" {
			continue
		}
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(f, all[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return xlsxWriteFile(t, buf.Bytes())
}

// xlsxWriteFile writes data to a new .xlsx file in the test's temporary
// directory.
func xlsxWriteFile(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "input.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// xlsxStoredCopy rewrites an XLSX file with uncompressed (stored) entries,
// so that byte mutations reach the XML.
func xlsxStoredCopy(t testing.TB, path string) []byte {
	t.Helper()
	archive, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()

	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range archive.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := w.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
