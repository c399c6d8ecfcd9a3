package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

func TestAppendCellText(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{"plain", "Zoé Muller", "Zoé Muller"},
		{"xml specials", `<a href="x">&'</a>`, "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;"},
		{"line feed kept", "a\nb", "a\nb"},
		{"tab and carriage return", "a\tb\r\n", "a&#x9;b&#xD;\n"},
		{"control characters", "\x00\x01\x07\x1f", "_x0000__x0001__x0007__x001F_"},
		{"noncharacters", "a\uFFFEb\uFFFF", "a_xFFFE_b_xFFFF_"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"escape-like text", "_x0041_", "_x005F_x0041_"},
		{"escaped underscore text", "_x005F_x0041_", "_x005F_x005F_x005F_x0041_"},
		{"lower-case hex", "_x00e9_", "_x005F_x00e9_"},
		{"underscore without escape", "_x12_ _xZZZZ_ a_b _x1234", "_x12_ _xZZZZ_ a_b _x1234"},
		{"emoji", "👍🏽 ok", "👍🏽 ok"},
		{"delete and C1 controls allowed by XML", "\x7f\u0085", "\x7f\u0085"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendCellText(nil, tt.value)); got != tt.want {
				t.Errorf("appendCellText(%q) = %q, want %q", tt.value, got, tt.want)
			}
		})
	}
}

// decodeCellText decodes the text of a <t> element as a reader does:
// the XML first, then the _xHHHH_ escapes from left to right.
func decodeCellText(t *testing.T, escaped []byte) string {
	t.Helper()
	var text struct {
		Value string `xml:",chardata"`
	}
	if err := xml.Unmarshal(append(append([]byte("<t>"), escaped...), "</t>"...), &text); err != nil {
		t.Fatalf("<t>%s</t> is not well-formed XML: %v", escaped, err)
	}
	var decoded strings.Builder
	for i := 0; i < len(text.Value); {
		if isOOXMLEscape(text.Value[i:]) {
			unit, err := strconv.ParseUint(text.Value[i+2:i+6], 16, 16)
			if err != nil {
				t.Fatal(err)
			}
			decoded.WriteRune(rune(unit))
			i += 7
			continue
		}
		decoded.WriteByte(text.Value[i])
		i++
	}
	return decoded.String()
}

func FuzzAppendCellText(f *testing.F) {
	for _, seed := range []string{"", "a&b<c>\"'", "\x00\x1f\t\r\n", "_x0041_", "_x005F_x0041_", "\uFFFE\uFFFF", "👍🏽", "a\xffb", "\x9c\xc4"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		// Each byte that is not UTF-8 reads back as one U+FFFD, as
		// ranging over the string gives it.
		var want strings.Builder
		for _, r := range value {
			want.WriteRune(r)
		}
		if got := decodeCellText(t, appendCellText(nil, value)); got != want.String() {
			t.Errorf("%q reads back as %q, want %q", value, got, want.String())
		}
	})
}

func TestTruncateCellText(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{"at the limit", strings.Repeat("a", 32765) + "😀", strings.Repeat("a", 32765) + "😀"},
		{"one unit over", strings.Repeat("a", 32768), strings.Repeat("a", 32767)},
		{"surrogate pair not split", strings.Repeat("a", 32766) + "😀", strings.Repeat("a", 32766)},
		{"short", "abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateCellText(tt.value); got != tt.want {
				t.Errorf("truncateCellText(%d bytes) = %d bytes, want %d", len(tt.value), len(got), len(tt.want))
			}
		})
	}
}

// sheetHeader is the header of the workbooks written by the tests.
var sheetHeader = []string{"ID", "Nom", "Note", "Vide", "Fin"}

// sheetCase is one row to fix and the values it must read back as.
type sheetCase struct {
	name        string
	cells       []string
	diagnostics []diag.Diagnostic
	message     string
	// want is the expected value of each header column, when it differs
	// from cells.
	want []string
}

// cellDiagnostic returns a diagnostic on the 0-based column.
func cellDiagnostic(severity diag.Severity, column int, message string) diag.Diagnostic {
	return diag.Diagnostic{Severity: severity, Code: "test", Column: column, Header: sheetHeader[column], Message: i18n.T("%s", message)}
}

func awkwardCases() []sheetCase {
	atLimit := strings.Repeat("a", 32765) + "😀"
	overLimit := strings.Repeat("b", 32766) + "😀"
	return []sheetCase{
		{name: "xml specials", cells: []string{"A1", `<b>"Tom" & 'Jerry'</b>`, "x > y", "", "fin"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 1, `name "<b>" is not a name`)},
			message:     `B (Nom): name "<b>" & more`},
		{name: "spaces kept", cells: []string{"A2", "  padded  ", " lead", "trail ", "fin"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Warning, 2, "leading space")},
			message:     " message with spaces "},
		{name: "line breaks", cells: []string{"A3", "line 1\nline 2", "cr\r\nlf", "\nstarts", "ends\n"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 1, "first"), cellDiagnostic(diag.Warning, 1, "second")},
			message:     "two\nlines"},
		{name: "tabs", cells: []string{"A4", "a\tb", "\ttab first", "tab last\t", "fin"},
			message: "tab\there"},
		{name: "control characters", cells: []string{"A5", "bell\x07", "nul\x00end", "esc\x1b[0m", "\x01"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 4, "control character")},
			message:     "unit separator \x1f in message"},
		{name: "noncharacters", cells: []string{"A6", "a\uFFFEb", "\uFFFF", "", "fin"}, message: "m"},
		{name: "emoji", cells: []string{"A7", "Zoé 😀", "👍🏽👨‍👩‍👧", "🇱🇺", "fin"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Warning, 3, "emoji 😀")},
			message:     "emoji 👍"},
		{name: "escape-like text", cells: []string{"A8", "_x0041_", "_x005F_", "_x005F_x0041_", "a_x00e9_b"},
			message: "_x0007_"},
		{name: "32,767 characters", cells: []string{"A9", atLimit, "", "", "fin"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 1, "too long")},
			message:     "long"},
		{name: "over 32,767 characters cut", cells: []string{"A10", overLimit, "", "", "fin"},
			message: "cut", want: []string{"A10", strings.Repeat("b", 32766), "", "", "fin"}},
		{name: "invalid UTF-8", cells: []string{"A11", "ok\xffok", "", "", "fin"},
			message: "m", want: []string{"A11", "ok\uFFFDok", "", "", "fin"}},
		{name: "empty cells", cells: []string{"", "", "x", "", ""},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 0, "missing ID"), cellDiagnostic(diag.Warning, 3, "empty")},
			message:     "A (ID): missing"},
		{name: "short row", cells: []string{"A13"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 2, "missing")},
			message:     "C (Note): missing"},
		{name: "no cells", cells: nil, message: "empty row"},
		{name: "formula-like text", cells: []string{"=1+1", "@SUM(A1)", "+33", "-2", "fin"}, message: "=HYPERLINK(\"x\")"},
	}
}

// writeErrorsWorkbook writes cases with an xlsxErrorsWriter to
// dir/leads.errors.xlsx and returns the writer, closed.
func writeErrorsWorkbook(t *testing.T, dir, sheet string, cases []sheetCase) *xlsxErrorsWriter {
	t.Helper()
	w := newXLSXErrorsWriter(filepath.Join(dir, "leads.errors.xlsx"), sheet, sheetHeader, i18n.English)
	for i := range cases {
		o := &Outcome{Row: i + 2, Status: Invalid, Cells: cases[i].cells, Diagnostics: cases[i].diagnostics}
		if err := w.Record(o, cases[i].message); err != nil {
			t.Fatalf("Record(%s): %v", cases[i].name, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return w
}

// wantValues returns the values row c must read back as: its header
// columns, then the message.
func (c *sheetCase) wantValues() []string {
	values := c.want
	if values == nil {
		values = c.cells
	}
	return append(padCells(values, len(sheetHeader)), c.message)
}

// wantStyle returns the style of the 0-based column of c.
func (c *sheetCase) wantStyle(w *xlsxErrorsWriter, column int) int {
	style := 0
	for _, d := range c.diagnostics {
		if d.Column != column {
			continue
		}
		if d.Severity == diag.Error {
			return w.errorStyle
		}
		style = w.warnStyle
	}
	return style
}

// wantComment returns the comment of the 0-based column of c, or "".
func (c *sheetCase) wantComment(column int) string {
	var lines []string
	for _, d := range c.diagnostics {
		if d.Column != column {
			continue
		}
		line := d.Message.String()
		if d.Severity == diag.Warning {
			line = "warning: " + line
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// valueAt returns row[i], or "" past its end.
func valueAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// cellName returns the name of the cell at the 0-based column and the
// 1-based row.
func cellName(t *testing.T, column, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(column+1, row)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// readSheetPart returns the worksheet XML of the workbook at path, after
// checking that it is well-formed.
func readSheetPart(t *testing.T, path string) []byte {
	t.Helper()
	archive, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()
	part, err := archive.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer part.Close()
	data, err := io.ReadAll(part)
	if err != nil {
		t.Fatal(err)
	}
	decoder := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := decoder.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the sheet XML is not well-formed: %v", err)
		}
	}
	return data
}

// readWithProject reads the workbook at path with the spreadsheet package
// and returns its sheet name, header and rows.
func readWithProject(t *testing.T, path string) (string, []string, []spreadsheet.Row) {
	t.Helper()
	table, err := spreadsheet.Open(path, spreadsheet.Options{})
	if err != nil {
		t.Fatalf("spreadsheet.Open: %v", err)
	}
	defer table.Close()
	var rows []spreadsheet.Row
	for {
		row, err := table.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("spreadsheet Next: %v", err)
		}
		rows = append(rows, row)
	}
	return table.Sheet(), table.Header(), rows
}

func TestXLSXErrorsFileRoundTrip(t *testing.T) {
	temp := t.TempDir()
	t.Setenv("TMPDIR", temp)
	dir := t.TempDir()
	const sheet = "Leads & <co>"
	cases := awkwardCases()
	w := writeErrorsWorkbook(t, dir, sheet, cases)
	path := w.path
	wantHeader := append(append([]string{}, sheetHeader...), "Import error")

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize.OpenFile: %v", err)
	}
	defer f.Close()

	t.Run("sheet name", func(t *testing.T) {
		if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
			t.Errorf("sheets = %q, want [%q]", got, sheet)
		}
	})

	t.Run("excelize values", func(t *testing.T) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(cases)+1 {
			t.Fatalf("rows = %d, want the header and %d rows", len(rows), len(cases))
		}
		for i, h := range wantHeader {
			if got := valueAt(rows[0], i); got != h {
				t.Errorf("header %d = %q, want %q", i, got, h)
			}
		}
		for i := range cases {
			for column, want := range cases[i].wantValues() {
				if got := valueAt(rows[i+1], column); got != want {
					t.Errorf("%s: %s = %q, want %q", cases[i].name, cellName(t, column, i+2), got, want)
				}
			}
		}
	})

	t.Run("project reader values", func(t *testing.T) {
		gotSheet, header, rows := readWithProject(t, path)
		if gotSheet != sheet {
			t.Errorf("sheet = %q, want %q", gotSheet, sheet)
		}
		if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
			t.Errorf("header = %q, want %q", header, wantHeader)
		}
		if len(rows) != len(cases) {
			t.Fatalf("rows = %d, want %d", len(rows), len(cases))
		}
		for i := range cases {
			if rows[i].Number != i+2 {
				t.Errorf("%s: row number = %d, want %d", cases[i].name, rows[i].Number, i+2)
			}
			for column, want := range cases[i].wantValues() {
				if got := valueAt(rows[i].Cells, column); got != want {
					t.Errorf("%s: %s = %q, want %q", cases[i].name, cellName(t, column, i+2), got, want)
				}
			}
		}
	})

	t.Run("styles", func(t *testing.T) {
		for column := range wantHeader {
			got, err := f.GetCellStyle(sheet, cellName(t, column, 1))
			if err != nil {
				t.Fatal(err)
			}
			if got != w.headerStyle {
				t.Errorf("header %s style = %d, want %d", cellName(t, column, 1), got, w.headerStyle)
			}
		}
		for i := range cases {
			for column := range wantHeader {
				want := 0
				if column < len(sheetHeader) {
					want = cases[i].wantStyle(w, column)
				}
				got, err := f.GetCellStyle(sheet, cellName(t, column, i+2))
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: %s style = %d, want %d (error %d, warning %d)", cases[i].name, cellName(t, column, i+2), got, want, w.errorStyle, w.warnStyle)
				}
			}
		}
		errorStyle, err := f.GetStyle(w.errorStyle)
		if err != nil {
			t.Fatal(err)
		}
		if len(errorStyle.Fill.Color) == 0 || errorStyle.Fill.Color[0] != "FFC7CE" {
			t.Errorf("error fill = %v, want FFC7CE", errorStyle.Fill.Color)
		}
	})

	t.Run("frozen header", func(t *testing.T) {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("panes = %+v, want the first row frozen with A2 on top", panes)
		}
	})

	t.Run("comments", func(t *testing.T) {
		comments, err := f.GetComments(sheet)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, c := range comments {
			text := c.Text
			for _, run := range c.Paragraph {
				text += run.Text
			}
			got[c.Cell] = text
		}
		want := map[string]string{}
		for i := range cases {
			for column := range sheetHeader {
				if comment := cases[i].wantComment(column); comment != "" {
					want[cellName(t, column, i+2)] = comment
				}
			}
		}
		if len(got) != len(want) {
			t.Errorf("comments = %d, want %d", len(got), len(want))
		}
		for cell, text := range want {
			if got[cell] != text {
				t.Errorf("comment on %s = %q, want %q", cell, got[cell], text)
			}
		}
	})

	t.Run("sheet XML", func(t *testing.T) {
		data := readSheetPart(t, path)
		wantDimension := `<dimension ref="A1:F` + strconv.Itoa(len(cases)+1) + `"`
		if !bytes.Contains(data, []byte(wantDimension)) {
			t.Errorf("sheet XML has no %s", wantDimension)
		}
		// excelize and the spreadsheet package keep the spaces around a
		// text even without xml:space="preserve", so only the XML shows
		// whether it is there.
		for _, text := range []string{"  padded  ", " message with spaces ", "\ttab first", "ends\n"} {
			want := `<t xml:space="preserve">` + string(appendCellText(nil, text)) + `</t>`
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("sheet XML has no %q", want)
			}
		}
		if !regexp.MustCompile(`</sheetData><legacyDrawing r:id="rId\d+">`).Match(data) {
			t.Errorf("sheet XML has no <legacyDrawing r:id> after </sheetData>, the link to the comments' shapes")
		}
	})

	t.Run("file mode", func(t *testing.T) {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o644 {
			t.Errorf("mode = %v, want 0644", got)
		}
	})

	t.Run("temporary files removed", func(t *testing.T) {
		assertFolderHolds(t, temp)
		assertFolderHolds(t, dir, "leads.errors.xlsx")
	})
}

// assertFolderHolds checks that dir holds the named files and nothing else.
func assertFolderHolds(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, "|") != strings.Join(names, "|") {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func TestXLSXErrorsFileOverCommentLimit(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	cases := make([]sheetCase, maxCommentedRows+1)
	for i := range cases {
		id := "L" + strconv.Itoa(i)
		cases[i] = sheetCase{
			name:        id,
			cells:       []string{id, "Nom & <" + id + ">", "", "", "fin"},
			diagnostics: []diag.Diagnostic{cellDiagnostic(diag.Error, 1, "bad name"), cellDiagnostic(diag.Warning, 2, "empty")},
			message:     "B (Nom): bad name",
		}
	}
	w := writeErrorsWorkbook(t, dir, "Leads", cases)

	f, err := excelize.OpenFile(w.path)
	if err != nil {
		t.Fatalf("excelize.OpenFile: %v", err)
	}
	defer f.Close()
	comments, err := f.GetComments("Leads")
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 0 {
		t.Errorf("comments = %d, want none over %d rows", len(comments), maxCommentedRows)
	}
	rows, err := f.GetRows("Leads")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(cases)+1 {
		t.Fatalf("excelize rows = %d, want %d", len(rows), len(cases)+1)
	}
	last := &cases[len(cases)-1]
	for column, want := range last.wantValues() {
		if got := valueAt(rows[len(rows)-1], column); got != want {
			t.Errorf("last row column %d = %q, want %q", column, got, want)
		}
	}
	lastRow := len(cases) + 1
	for column, want := range map[int]int{0: 0, 1: w.errorStyle, 2: w.warnStyle, 5: 0} {
		got, err := f.GetCellStyle("Leads", cellName(t, column, lastRow))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s style = %d, want %d", cellName(t, column, lastRow), got, want)
		}
	}

	_, _, projectRows := readWithProject(t, w.path)
	if len(projectRows) != len(cases) {
		t.Errorf("project reader rows = %d, want %d", len(projectRows), len(cases))
	}

	data := readSheetPart(t, w.path)
	if bytes.Contains(data, []byte("legacyDrawing")) {
		t.Errorf("sheet XML has a <legacyDrawing> but no comments")
	}
	wantDimension := `<dimension ref="A1:F` + strconv.Itoa(lastRow) + `"`
	if !bytes.Contains(data, []byte(wantDimension)) {
		t.Errorf("sheet XML has no %s", wantDimension)
	}
}

// heapInuse returns HeapInuse after a garbage collection.
func heapInuse() uint64 {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return stats.HeapInuse
}

func TestXLSXErrorsFileHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200,000 rows")
	}
	const (
		small = 20_000
		large = 200_000
		// maxGrowth bounds the heap growth from small to large rows.
		// The rows are about 430 bytes of XML each, so keeping them in
		// memory would add about 75 MiB. excelize's StreamWriter kept
		// up to 16 MiB of them, and its heap grew by 10 MiB here.
		maxGrowth = 2 << 20
	)
	t.Setenv("TMPDIR", t.TempDir())
	w := newXLSXErrorsWriter(filepath.Join(t.TempDir(), "leads.errors.xlsx"), "Leads", sheetHeader, i18n.English)
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})

	o := &Outcome{Status: Invalid, Cells: make([]string, len(sheetHeader)), Diagnostics: []diag.Diagnostic{
		cellDiagnostic(diag.Error, 1, "the name is invalid: write it in letters"),
		cellDiagnostic(diag.Warning, 3, "the note is empty"),
	}}
	record := func(from, to int) {
		for i := from; i < to; i++ {
			id := strconv.Itoa(i)
			o.Row = i + 2
			o.Cells[0], o.Cells[1], o.Cells[2] = "LD-"+id, "Name <"+id+"> & co", "note "+id
			if err := w.Record(o, "B (Nom): the name is invalid: write it in letters, row "+id); err != nil {
				t.Fatalf("Record row %d: %v", i, err)
			}
		}
	}
	record(0, small)
	atSmall := heapInuse()
	record(small, large)
	atLarge := heapInuse()
	runtime.KeepAlive(w)

	growth := int64(atLarge) - int64(atSmall)
	t.Logf("heap in use: %d KiB after %d rows, %d KiB after %d rows", atSmall>>10, small, atLarge>>10, large)
	if growth > maxGrowth {
		t.Errorf("heap grew by %d KiB from %d to %d rows, want at most %d KiB", growth>>10, small, large, maxGrowth>>10)
	}
}

func TestXLSXErrorsFileMissingTempFolder(t *testing.T) {
	for _, stale := range []bool{false, true} {
		t.Run("stale file "+strconv.FormatBool(stale), func(t *testing.T) {
			missing := filepath.Join(t.TempDir(), "missing")
			t.Setenv("TMPDIR", missing)
			dir := t.TempDir()
			path := filepath.Join(dir, "leads.errors.xlsx")
			if stale {
				if err := os.WriteFile(path, []byte("an earlier run's file"), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			w := newXLSXErrorsWriter(path, "Leads", sheetHeader, i18n.English)
			o := &Outcome{Row: 2, Status: Invalid, Cells: []string{"A1", "x"}}
			err := w.Record(o, "message")
			if err == nil {
				t.Fatal("Record succeeded with TMPDIR missing, want an error")
			}
			if !strings.Contains(err.Error(), missing) {
				t.Errorf("error %q does not name the folder %s", err, missing)
			}
			var fileErr *errorsFileError
			if !errors.As(err, &fileErr) {
				t.Errorf("error is %T, want *errorsFileError", err)
			} else if french := fileErr.Render(i18n.French); !strings.Contains(french, missing) || !strings.Contains(french, "TMPDIR") {
				t.Errorf("French message %q does not name the folder and TMPDIR", french)
			}
			if again := w.Record(o, "message"); again == nil {
				t.Errorf("second Record succeeded, want the first error again")
			}

			if err := w.Close(); err == nil {
				t.Errorf("Close succeeded after Record failed, want the error")
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s is left after the failure (stat: %v)", path, err)
			}
			assertFolderHolds(t, dir)
		})
	}
}

func TestXLSXErrorsFileMissingOutputFolder(t *testing.T) {
	temp := t.TempDir()
	t.Setenv("TMPDIR", temp)
	path := filepath.Join(t.TempDir(), "missing", "leads.errors.xlsx")

	w := newXLSXErrorsWriter(path, "Leads", sheetHeader, i18n.English)
	if err := w.Record(&Outcome{Row: 2, Status: Invalid, Cells: []string{"A1"}}, "message"); err != nil {
		t.Fatalf("Record: %v", err)
	}
	err := w.Close()
	if err == nil {
		t.Fatal("Close succeeded with the output folder missing, want an error")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name %s", err, path)
	}
	assertFolderHolds(t, temp)
}

func TestXLSXErrorsFileTempUnlinked(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows does not remove the name of an open file")
	}
	temp := t.TempDir()
	t.Setenv("TMPDIR", temp)
	dir := t.TempDir()
	w := newXLSXErrorsWriter(filepath.Join(dir, "leads.errors.xlsx"), "Leads", sheetHeader, i18n.English)
	o := &Outcome{Row: 2, Status: Invalid, Cells: []string{"LD-1", "Luc"}}
	if err := w.Record(o, "the e-mail is missing"); err != nil {
		t.Fatalf("Record: %v", err)
	}

	// A process killed now leaves nothing in the temporary folder.
	assertFolderHolds(t, temp)

	// A file left beside the errors file by a run killed while it wrote
	// the workbook is written over.
	if err := os.WriteFile(filepath.Join(dir, ".leads.errors.xlsx.tmp"), []byte("partial"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	assertFolderHolds(t, dir, "leads.errors.xlsx")
}
