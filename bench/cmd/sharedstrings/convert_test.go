package main

import (
	"archive/zip"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/spreadsheet"
)

// writeInlineWorkbook writes rows with excelize's StreamWriter, which
// stores text as inline strings, and returns its path.
func writeInlineWorkbook(t *testing.T, rows [][]any) string {
	t.Helper()
	book := excelize.NewFile()
	defer book.Close()
	stream, err := book.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := stream.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "inline.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// readPart returns the content of one part of a workbook, or "" when it
// is missing.
func readPart(t *testing.T, path, name string) string {
	t.Helper()
	reader, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, file := range reader.File {
		if file.Name != name {
			continue
		}
		part, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer part.Close()
		data, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	return ""
}

// readWithImporter reads every row of path with the importer's reader.
func readWithImporter(t *testing.T, path string) [][]string {
	t.Helper()
	table, err := spreadsheet.Open(path, spreadsheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer table.Close()
	rows := [][]string{table.Header()}
	for {
		row, err := table.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row.Cells)
	}
}

func TestConvertKeepsValues(t *testing.T) {
	rows := [][]any{
		{"ID", "Prénom", "Commentaire", "Prix"},
		{"LD-1", "Zoé", "Rappeler\naprès 18h", 45000},
		{"LD-2", "  Jean ", "<b>gras</b> & \"guillemets\" > 3", 37800.5},
		{"LD-3", "Zoé", "Rappeler\naprès 18h", "45 000 €"},
		{"LD-4", "Ærøskøbing", "", nil},
	}
	inline := writeInlineWorkbook(t, rows)
	shared := filepath.Join(t.TempDir(), "shared.xlsx")

	stats, err := convertFile(inline, shared)
	if err != nil {
		t.Fatal(err)
	}

	// Every text cell became a reference, and repeated texts share one.
	sheet := readPart(t, shared, "xl/worksheets/sheet1.xml")
	if strings.Contains(sheet, "inlineStr") {
		t.Error("the converted sheet still has inline strings")
	}
	if got, want := strings.Count(sheet, ` t="s"`), stats.cells; got != want {
		t.Errorf("sheet has %d shared-string cells, stats say %d", got, want)
	}
	if stats.unique >= stats.cells {
		t.Errorf("stats = %+v, want fewer entries than cells: \"Zoé\" and the comment repeat", stats)
	}
	table := readPart(t, shared, "xl/sharedStrings.xml")
	if got := strings.Count(table, "<si>"); got != stats.unique {
		t.Errorf("sharedStrings.xml has %d entries, stats say %d", got, stats.unique)
	}
	if !strings.Contains(readPart(t, shared, "[Content_Types].xml"), "/xl/sharedStrings.xml") {
		t.Error("[Content_Types].xml does not declare the shared string part")
	}
	if !strings.Contains(readPart(t, shared, "xl/_rels/workbook.xml.rels"), sharedStringsRelType) {
		t.Error("the workbook relationships do not point to the shared string part")
	}

	// Both readers see the same values in both workbooks.
	for _, read := range []struct {
		name string
		rows func(string) [][]string
	}{
		{"excelize", func(path string) [][]string { return readWithExcelize(t, path) }},
		{"importer", func(path string) [][]string { return readWithImporter(t, path) }},
	} {
		t.Run(read.name, func(t *testing.T) {
			before, after := read.rows(inline), read.rows(shared)
			if !slices.EqualFunc(before, after, slices.Equal) {
				t.Errorf("values changed:\nbefore %q\nafter  %q", before, after)
			}
			if len(after) != len(rows) {
				t.Errorf("read %d rows, want %d", len(after), len(rows))
			}
		})
	}
}

func readWithExcelize(t *testing.T, path string) [][]string {
	t.Helper()
	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestConvertRejectsSharedStrings(t *testing.T) {
	// SaveAs of a workbook filled with SetCellValue writes a shared
	// string table.
	book := excelize.NewFile()
	defer book.Close()
	if err := book.SetCellValue("Sheet1", "A1", "déjà partagé"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "shared.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "out.xlsx")
	if _, err := convertFile(path, out); err == nil || !strings.Contains(err.Error(), "already has a shared string table") {
		t.Errorf("convertFile of a workbook with a shared string table: error = %v, want it rejected", err)
	}
	if _, err := zip.OpenReader(out); err == nil {
		t.Error("a failed conversion left an output file")
	}
}

func TestRewriteSheetErrors(t *testing.T) {
	tests := []struct {
		name, sheet string
	}{
		{"no is element", `<row><c r="A1" t="inlineStr"><v>1</v></c></row>`},
		{"end inside a cell", `<row><c r="A1" t="inlineStr"><is><t>x</t>`},
		{"extra element after is", `<row><c r="A1" t="inlineStr"><is><t>x</t></is><f>1</f></c></row>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if err := rewriteSheet(strings.NewReader(tt.sheet), &out, newStringTable()); err == nil {
				t.Errorf("rewriteSheet(%q) returned no error", tt.sheet)
			}
		})
	}
}

func TestRewriteSheetLongText(t *testing.T) {
	long := strings.Repeat("é", 100_000) // longer than the read buffer
	sheet := `<row><c r="A1" t="inlineStr"><is><t>` + long + `</t></is></c><c r="B1"><v>2</v></c></row>`
	table := newStringTable()
	var out strings.Builder
	if err := rewriteSheet(strings.NewReader(sheet), &out, table); err != nil {
		t.Fatal(err)
	}
	if want := `<row><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>`; out.String() != want {
		t.Errorf("rewritten sheet = %.200q, want %q", out.String(), want)
	}
	if len(table.entries) != 1 || table.entries[0] != "<t>"+long+"</t>" {
		t.Errorf("table has %d entries, want the one long text", len(table.entries))
	}
}
