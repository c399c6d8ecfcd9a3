package spreadsheet

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/xuri/excelize/v2"
)

// xlsxBuilder writes a workbook with excelize into the test's temporary
// directory.
type xlsxBuilder struct {
	t    *testing.T
	file *excelize.File
}

func newXLSXBuilder(t *testing.T) *xlsxBuilder {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { f.Close() })
	return &xlsxBuilder{t: t, file: f}
}

// set writes value into cell of Sheet1, with the custom number format
// code when it is not "".
func (b *xlsxBuilder) set(cell string, value any, code string) {
	b.t.Helper()
	if err := b.file.SetCellValue("Sheet1", cell, value); err != nil {
		b.t.Fatal(err)
	}
	if code != "" {
		b.style(cell, &excelize.Style{CustomNumFmt: &code})
	}
}

func (b *xlsxBuilder) style(cell string, style *excelize.Style) {
	b.t.Helper()
	id, err := b.file.NewStyle(style)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.file.SetCellStyle("Sheet1", cell, cell, id); err != nil {
		b.t.Fatal(err)
	}
}

func (b *xlsxBuilder) row(cell string, values ...any) {
	b.t.Helper()
	if err := b.file.SetSheetRow("Sheet1", cell, &values); err != nil {
		b.t.Fatal(err)
	}
}

func (b *xlsxBuilder) save() string {
	b.t.Helper()
	path := filepath.Join(b.t.TempDir(), "generated.xlsx")
	if err := b.file.SaveAs(path); err != nil {
		b.t.Fatal(err)
	}
	return path
}

// xlsxSameText is text that needs escaping in XML. A literal "_x0041_" is
// left out: excelize v2.11.1 writes it unescaped into the shared string
// table, where Excel and excelize read it back as "A".
var xlsxSameText = []string{"Jeanne", "  espaces autour  ", "ligne 1\nligne 2", "retour\rchariot", "<Garage & Fils>", "Café ☕ 🚗"}

func TestXLSXSharedAndInlineStringsAgree(t *testing.T) {
	shared := newXLSXBuilder(t)
	shared.row("A1", "Prénom", "Note")
	for i, text := range xlsxSameText {
		shared.row(fmt.Sprintf("A%d", i+2), fmt.Sprint(i), text)
	}
	sharedPath := shared.save()

	inline := newXLSXBuilder(t)
	sw, err := inline.file.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"Prénom", "Note"}); err != nil {
		t.Fatal(err)
	}
	for i, text := range xlsxSameText {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), []any{fmt.Sprint(i), text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	inlinePath := inline.save()

	for _, tt := range []struct{ name, path string }{{"shared", sharedPath}, {"inline", inlinePath}} {
		t.Run(tt.name, func(t *testing.T) {
			table, rows := xlsxReadAll(t, tt.path, Options{})
			xlsxCheckHeader(t, table, 1, "Prénom", "Note")
			want := make([]xlsxWantRow, len(xlsxSameText))
			for i, text := range xlsxSameText {
				want[i] = xlsxWantRow{i + 2, []string{fmt.Sprint(i), text}}
			}
			xlsxCheckRows(t, table.Header(), rows, want)
		})
	}
}

func TestXLSXNumberFormatsInWorkbook(t *testing.T) {
	tests := []struct {
		name  string
		value any
		code  string
		want  string
	}{
		{"general integer", 45000, "", "45000"},
		{"general float noise", 0.1 + 0.2, "", "0.3"},
		{"general decimal", 0.1, "", "0.1"},
		{"general whole float", 45000.0, "", "45000"},
		{"general phone", 352621000263, "", "352621000263"},
		{"general negative", -12.5, "", "-12.5"},
		{"general tiny", 0.000001, "", "0.000001"},
		{"thousands decimals", 45000, "#,##0.00", "45000"},
		{"french currency", 45000, `#,##0.00\ "€"`, "45000"},
		{"currency language", 1355.9, `[$€-40C] #,##0`, "1355.9"},
		{"accounting", 1355.9, `_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, "1355.9"},
		{"accounting negative", -500, `_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, "-500"},
		{"dollar", 99.99, `"$"#,##0.00`, "99.99"},
		{"decimals", 12.3456, "0.00", "12.3456"},
		{"scientific", 352621000263, "0.00E+00", "352621000263"},
		{"fraction", 1.5, "# ?/?", "1.5"},
		{"zero padded phone", 612000262, "0#########", "0612000262"},
		{"zero padded reference", 12345, "00000000", "00012345"},
		{"literal prefix", 612000264, `"+33 "0 00 00 00 00`, "+33 6 12 00 02 64"},
		{"reference prefix", 42, `"REF-"00000`, "REF-00042"},
		{"padding with fraction", 612000262.5, "0#########", "612000262.5"},
		{"integer format rounds", 1355.9, "0", "1355.9"},
		{"negative padded", -42, "0000", "-0042"},
		{"percent", 0.125, "0%", "13%"},
		{"percent decimals", 0.125, "0.00%", "12.50%"},
		{"percent whole", 1.5, "0%", "150%"},
		{"text format", 42, "@", "42"},
		{"hidden", 42, ";;;", "42"},
		{"date builtin text", 45366, "yyyy-mm-dd", "2024-03-15"},
		{"date french", 45367, "dd/mm/yyyy", "2024-03-16"},
		{"date long french with time part", 45368.5, `[$-40C]d mmmm yyyy;@`, "2024-03-17"},
		{"date and time", 45366.75, "dd/mm/yyyy hh:mm", "2024-03-15 18:00"},
		{"date and seconds", 45366.5000578704, "yyyy-mm-dd hh:mm:ss", "2024-03-15 12:00:05"},
		{"time only", 0.75, "hh:mm", "18:00"},
		{"month and year", 45366, "mmm-yy", "2024-03-15"},
		{"elapsed hours", 1.5, "[h]:mm:ss", "36:00:00"},
		{"date before leap bug", 59, "yyyy-mm-dd", "1900-02-28"},
		{"date after leap bug", 61, "yyyy-mm-dd", "1900-03-01"},
		{"date out of range", 3000000, "yyyy-mm-dd", "3000000"},
		{"negative date", -1, "yyyy-mm-dd", "-1"},
	}

	b := newXLSXBuilder(t)
	b.row("A1", "Cas", "Valeur")
	for i, tt := range tests {
		row := i + 2
		b.set(fmt.Sprintf("A%d", row), tt.name, "")
		b.set(fmt.Sprintf("B%d", row), tt.value, tt.code)
	}
	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckHeader(t, table, 1, "Cas", "Valeur")
	if len(rows) != len(tests) {
		t.Fatalf("got %d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rows[i].Cells[1]; got != tt.want {
				t.Errorf("%v with format %q: got %q, want %q", tt.value, tt.code, got, tt.want)
			}
		})
	}
}

func TestXLSXBuiltinFormatsInWorkbook(t *testing.T) {
	tests := []struct {
		id    int
		value float64
		want  string
	}{
		{1, 612000262, "612000262"},
		{2, 1355.9, "1355.9"},
		{3, 45000, "45000"},
		{4, 45000.5, "45000.5"},
		{7, 45000, "45000"},
		{9, 0.2, "20%"},
		{10, 0.125, "12.50%"},
		{11, 352621000263, "352621000263"},
		{14, 45366, "2024-03-15"},
		{15, 45366, "2024-03-15"},
		{17, 45366, "2024-03-15"},
		{20, 0.5, "12:00"},
		{21, 0.5, "12:00:00"},
		{22, 45366.5, "2024-03-15 12:00"},
		{44, 45000, "45000"},
		{45, 0.5, "12:00:00"},
		{46, 1.25, "30:00:00"},
		{49, 42, "42"},
	}

	b := newXLSXBuilder(t)
	b.row("A1", "Format", "Valeur")
	for i, tt := range tests {
		row := i + 2
		b.set(fmt.Sprintf("A%d", row), tt.id, "")
		b.set(fmt.Sprintf("B%d", row), tt.value, "")
		b.style(fmt.Sprintf("B%d", row), &excelize.Style{NumFmt: tt.id})
	}
	_, rows := xlsxReadAll(t, b.save(), Options{})
	if len(rows) != len(tests) {
		t.Fatalf("got %d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint("id ", tt.id), func(t *testing.T) {
			if got := rows[i].Cells[1]; got != tt.want {
				t.Errorf("%v with built-in format %d: got %q, want %q", tt.value, tt.id, got, tt.want)
			}
		})
	}
}

func TestXLSXDate1904Epoch(t *testing.T) {
	b := newXLSXBuilder(t)
	if err := b.file.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: xlsxPtr(true)}); err != nil {
		t.Fatal(err)
	}
	b.row("A1", "Prénom", "Date contact")
	b.set("A2", "Jeanne", "")
	b.set("B2", 43904, "")
	b.style("B2", &excelize.Style{NumFmt: 14})
	b.set("A3", "Paul", "")
	b.set("B3", 43904.5, "")
	b.style("B3", &excelize.Style{NumFmt: 22})
	b.set("A4", "Luc", "")
	b.set("B4", 0, "yyyy-mm-dd")

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "2024-03-15"}},
		{3, []string{"Paul", "2024-03-15 12:00"}},
		{4, []string{"Luc", "1904-01-01"}},
	})
}

func TestXLSXMergedRanges(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Société", "Prénom", "Nom", "Commentaire", "Source")
	b.row("A2", "Garage du Nord", "Jeanne", "Martin", "Essai samedi", "Salon")
	b.row("A3", nil, "Paul", "Schmit")
	b.row("A4", nil, "Luc", "Weber", "Rappeler")
	b.row("A5", "Auto Sud", "Anne", "Kieffer")
	for _, merge := range [][2]string{{"A2", "A4"}, {"D4", "E4"}, {"E2", "E3"}} {
		if err := b.file.MergeCell("Sheet1", merge[0], merge[1]); err != nil {
			t.Fatal(err)
		}
	}

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckHeader(t, table, 1, "Société", "Prénom", "Nom", "Commentaire", "Source")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Garage du Nord", "Jeanne", "Martin", "Essai samedi", "Salon"}},
		{3, []string{"Garage du Nord", "Paul", "Schmit", "", "Salon"}},
		{4, []string{"Garage du Nord", "Luc", "Weber", "Rappeler", "Rappeler"}},
		{5, []string{"Auto Sud", "Anne", "Kieffer", "", ""}},
	})
}

func TestXLSXMergedHeaderCellKeptOnce(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Prénom", "Téléphone", nil, "Email")
	b.row("A2", "Jeanne", "621000111", "621000112", "jeanne.martin@example.lu")
	if err := b.file.MergeCell("Sheet1", "B1", "C1"); err != nil {
		t.Fatal(err)
	}

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckHeader(t, table, 1, "Prénom", "Téléphone", "", "Email")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "621000111", "621000112", "jeanne.martin@example.lu"}},
	})
}

func TestXLSXFormulasFromExcelize(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Prénom", "Nom", "Complet")
	b.row("A2", "Jeanne", "Martin")
	if err := b.file.SetCellFormula("Sheet1", "C2", `A2&" "&B2`); err != nil {
		t.Fatal(err)
	}

	_, rows := xlsxReadAll(t, b.save(), Options{})
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	xlsxCheckDiagnostic(t, rows[0], "formula_no_value", diag.Error, 2, "")
}

func TestXLSXFormulaValuesAndErrors(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Total</t></is></c><c r="C1" t="inlineStr"><is><t>Code</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Jeanne</t></is></c><c r="B2"><f>1+1</f><v>2</v></c><c r="C2" t="str"><f>"A"&amp;"B"</f><v>AB</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>Paul</t></is></c><c r="B3"><f>SUM(X1:X9)</f></c><c r="C3" t="str"><f>""</f><v></v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>Luc</t></is></c><c r="B4" t="e"><f>VLOOKUP(A4,Z:Z,2,0)</f><v>#N/A</v></c><c r="C4" t="b"><v>1</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>Anne</t></is></c><c r="B5" t="e"><v>#REF!</v></c><c r="C5" t="b"><f>FALSE()</f><v>0</v></c></row>`
	table, got := xlsxReadAll(t, xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(rows)}), Options{})

	xlsxCheckRows(t, table.Header(), got, []xlsxWantRow{
		{2, []string{"Jeanne", "2", "AB"}},
		{3, []string{"Paul", "", ""}},
		{4, []string{"Luc", "#N/A", "TRUE"}},
		{5, []string{"Anne", "#REF!", "FALSE"}},
	})
	if len(got) != 4 {
		return
	}
	if len(got[0].Diagnostics) != 0 {
		t.Errorf("row 2: diagnostics %v, want none", got[0].Diagnostics)
	}
	xlsxCheckDiagnostic(t, got[1], "formula_no_value", diag.Error, 1, "")
	xlsxCheckDiagnostic(t, got[2], "cell_error", diag.Error, 1, "#N/A")
	xlsxCheckDiagnostic(t, got[3], "cell_error", diag.Error, 1, "#REF!")
}

// xlsxCheckDiagnostic checks that row has exactly one diagnostic, with the
// given code, severity, column and value, naming the cell in its message.
func xlsxCheckDiagnostic(t *testing.T, row Row, code string, severity diag.Severity, column int, value string) {
	t.Helper()
	if len(row.Diagnostics) != 1 {
		t.Fatalf("row %d: %d diagnostics %v, want 1", row.Number, len(row.Diagnostics), row.Diagnostics)
	}
	d := row.Diagnostics[0]
	if d.Code != code {
		t.Errorf("row %d: Code = %q, want %q", row.Number, d.Code, code)
	}
	if d.Severity != severity {
		t.Errorf("row %d: Severity = %v, want %v", row.Number, d.Severity, severity)
	}
	if d.Row != row.Number {
		t.Errorf("row %d: diagnostic Row = %d", row.Number, d.Row)
	}
	if d.Column != column {
		t.Errorf("row %d: Column = %d, want %d", row.Number, d.Column, column)
	}
	if d.Value != value {
		t.Errorf("row %d: Value = %q, want %q", row.Number, d.Value, value)
	}
	reference := diag.ColumnLetter(column) + fmt.Sprint(row.Number)
	if msg := d.Message.String(); !strings.Contains(msg, reference) {
		t.Errorf("row %d: message %q does not name cell %s", row.Number, msg, reference)
	}
	if !i18n.HasFrench(d.Message.Key) {
		t.Errorf("message %q has no French translation", d.Message.Key)
	}
}

func TestXLSXStrayFormattedCellFarBelow(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Prénom", "Email")
	b.row("A2", "Jeanne", "jeanne.martin@example.lu")
	b.row("A3", "Paul", "paul.schmit@example.com")
	b.style("A5", &excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"FFFF00"}, Pattern: 1}})
	b.set("B20", "   ", "")
	b.style("C1000000", &excelize.Style{NumFmt: 14})

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckHeader(t, table, 1, "Prénom", "Email")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "jeanne.martin@example.lu"}},
		{3, []string{"Paul", "paul.schmit@example.com"}},
	})
}

func TestXLSXTrailingEmptyRowsIgnored(t *testing.T) {
	var sheet strings.Builder
	sheet.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>`)
	sheet.WriteString(`<row r="2"><c r="A2" t="inlineStr"><is><t>Jeanne</t></is></c><c r="B2" t="inlineStr"><is><t>j@example.com</t></is></c></row>`)
	for row := 3; row <= 50000; row++ {
		fmt.Fprintf(&sheet, `<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" t="inlineStr"><is><t></t></is></c></row>`, row, row, row)
	}
	sheet.WriteString(`<row r="1048576"/>`)

	path := xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(sheet.String())})
	table, rows := xlsxReadAll(t, path, Options{})
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{{2, []string{"Jeanne", "j@example.com"}}})

	infos, err := Sheets(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Rows != 1 {
		t.Errorf("Sheets() = %+v, want one sheet with 1 row", infos)
	}
}

func TestXLSXTenThousandRows(t *testing.T) {
	const count = 10000
	path := xlsxWriteBenchmarkWorkbook(t, count)

	table, rows := xlsxReadAll(t, path, Options{})
	xlsxCheckHeader(t, table, 1, "ID", "Prénom", "Nom", "Email", "Téléphone", "Société", "Prix", "Date", "Commentaire")
	if len(rows) != count {
		t.Fatalf("got %d rows, want %d", len(rows), count)
	}
	for _, i := range []int{0, 4999, count - 1} {
		row := rows[i]
		n := i + 1
		want := []string{
			fmt.Sprintf("LD-%06d", n),
			fmt.Sprintf("Prénom%d", n%500),
			fmt.Sprintf("Nom%d", n%800),
			fmt.Sprintf("lead%d@example.com", n),
			fmt.Sprintf("0%d", 612000000+n),
			fmt.Sprintf("Garage %d Sàrl", n%300),
			formatExact(15000 + float64(n%1000)*10.5),
			xlsxBenchmarkDate(n),
			"Intéressé par un essai routier, rappeler en fin de journée",
		}
		xlsxCheckRows(t, table.Header(), []Row{row}, []xlsxWantRow{{n + 1, want}})
	}
}

func TestXLSXHiddenSheetsSkippedByDefault(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Statut", "Code")
	if _, err := b.file.NewSheet("Leads"); err != nil {
		t.Fatal(err)
	}
	if err := b.file.SetSheetRow("Leads", "A1", &[]any{"Prénom", "Email"}); err != nil {
		t.Fatal(err)
	}
	if err := b.file.SetSheetRow("Leads", "A2", &[]any{"Jeanne", "jeanne.martin@example.lu"}); err != nil {
		t.Fatal(err)
	}
	b.file.SetActiveSheet(1)
	if err := b.file.SetSheetVisible("Sheet1", false, true); err != nil {
		t.Fatal(err)
	}

	table, rows := xlsxReadAll(t, b.save(), Options{})
	if table.Sheet() != "Leads" {
		t.Errorf("Sheet() = %q, want Leads", table.Sheet())
	}
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{{2, []string{"Jeanne", "jeanne.martin@example.lu"}}})
}

func TestXLSXHeaderTrimmedAndTrailingColumnsDropped(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", " Prénom\u00a0", "\u200bEmail", "", "Téléphone ", "\u00a0", " ")
	b.row("A2", "Jeanne", "jeanne.martin@example.lu", "x", "621000111")

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckHeader(t, table, 1, "Prénom", "Email", "", "Téléphone")
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "jeanne.martin@example.lu", "x", "621000111"}},
	})
}

func TestXLSXValuesBeyondHeaderWarn(t *testing.T) {
	b := newXLSXBuilder(t)
	b.row("A1", "Prénom", "Email")
	b.row("A2", "Jeanne", "jeanne.martin@example.lu", nil, "note perdue")
	b.row("A3", "Paul", "paul.schmit@example.com", " ")

	table, rows := xlsxReadAll(t, b.save(), Options{})
	xlsxCheckRows(t, table.Header(), rows, []xlsxWantRow{
		{2, []string{"Jeanne", "jeanne.martin@example.lu"}},
		{3, []string{"Paul", "paul.schmit@example.com"}},
	})
	if len(rows) != 2 {
		return
	}
	xlsxCheckDiagnostic(t, rows[0], "cell_outside_header", diag.Warning, 3, "note perdue")
	if len(rows[1].Diagnostics) != 0 {
		t.Errorf("row 3: blank cell beyond the header gave %v", rows[1].Diagnostics)
	}
}

func TestXLSXHeaderDetection(t *testing.T) {
	tests := []struct {
		name    string
		rows    string
		wantRow int
		want    []string
		first   int // number of the first data row, 0 for none
	}{
		{
			name:    "first row with two cells",
			rows:    `<row r="2"><c r="B2" t="inlineStr"><is><t>Prénom</t></is></c><c r="C2" t="inlineStr"><is><t>Email</t></is></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>Jeanne</t></is></c></row>`,
			wantRow: 2, want: []string{"", "Prénom", "Email"}, first: 3,
		},
		{
			name:    "title without merge then header",
			rows:    `<row r="1"><c r="A1" t="inlineStr"><is><t>Export</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Prénom</t></is></c><c r="B2" t="inlineStr"><is><t>Email</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Jeanne</t></is></c></row>`,
			wantRow: 2, want: []string{"Prénom", "Email"}, first: 3,
		},
		{
			name:    "single column falls back to first row",
			rows:    `<row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a@example.com</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>b@example.com</t></is></c></row>`,
			wantRow: 1, want: []string{"Email"}, first: 2,
		},
		{
			name:    "rows and cells without references",
			rows:    `<row><c t="inlineStr"><is><t>Prénom</t></is></c><c t="inlineStr"><is><t>Email</t></is></c></row><row><c t="inlineStr"><is><t>Jeanne</t></is></c><c t="inlineStr"><is><t>j@example.com</t></is></c></row>`,
			wantRow: 1, want: []string{"Prénom", "Email"}, first: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := xlsxWritePackage(t, map[string]string{"xl/worksheets/sheet1.xml": xlsxSheet(tt.rows)})
			table, rows := xlsxReadAll(t, path, Options{})
			xlsxCheckHeader(t, table, tt.wantRow, tt.want...)
			if tt.first == 0 {
				if len(rows) != 0 {
					t.Errorf("got %d rows, want none", len(rows))
				}
				return
			}
			if len(rows) == 0 || rows[0].Number != tt.first {
				t.Errorf("rows %v, want the first numbered %d", rows, tt.first)
			}
		})
	}
}

func TestXLSXHandWrittenPackages(t *testing.T) {
	sharedStrings := `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>Prénom</t></si><si><t>Note</t></si><si><t>Jeanne</t></si><si><t>a_x000D_b_x005F_x0041_</t></si><si><r><t xml:space="preserve">Garage </t></r><r><rPr><b/></rPr><t>du Nord</t></r><rPh sb="0" eb="1"><t>ガレージ</t></rPh></si></sst>`

	tests := []struct {
		name  string
		parts map[string]string
		want  []xlsxWantRow
	}{
		{
			name: "shared string escapes and phonetic runs",
			parts: map[string]string{
				"xl/sharedStrings.xml":     sharedStrings,
				"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>4</v></c></row>`),
			},
			want: []xlsxWantRow{{2, []string{"Jeanne", "a\rb_x0041_"}}, {3, []string{"Jeanne", "Garage du Nord"}}},
		},
		{
			name: "inline string escapes",
			parts: map[string]string{
				"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Note</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Jeanne</t></is></c><c r="B2" t="inlineStr"><is><t>tab_x0009_here &amp; &#233;t&#xE9; _xD83D__xDE97_</t></is></c></row>`),
			},
			want: []xlsxWantRow{{2, []string{"Jeanne", "tab\there & été 🚗"}}},
		},
		{
			name: "namespace prefix",
			parts: map[string]string{
				"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Prénom</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Nom</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Jeanne</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Martin</x:t></x:is></x:c></x:row><x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>Paul</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B2:B3"/></x:mergeCells></x:worksheet>`,
			},
			want: []xlsxWantRow{{2, []string{"Jeanne", "Martin"}}, {3, []string{"Paul", "Martin"}}},
		},
		{
			name: "ISO dates, comments, CDATA and CRLF",
			parts: map[string]string{
				"xl/worksheets/sheet1.xml": xlsxSheet(`<!-- export --><row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c><c r="C1" t="inlineStr"><is><t>Note</t></is></c></row>` +
					`<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[Jeanne <J>]]></t></is></c><c r="B2" t="d"><v>2024-03-15T00:00:00</v></c><c r="C2" t="inlineStr"><is><t>a` + "\r\n" + `b</t></is></c></row>` +
					`<row r="3"><c r="A3" t="inlineStr"><is><t>Paul</t></is></c><c r="B3" t="d"><v>2024-03-15T12:30:00</v></c><c r="C3" t="str"><v>x</v></c></row>`),
			},
			want: []xlsxWantRow{{2, []string{"Jeanne <J>", "2024-03-15", "a\nb"}}, {3, []string{"Paul", "2024-03-15 12:30", "x"}}},
		},
		{
			name: "strict OOXML namespaces",
			parts: map[string]string{
				"_rels/.rels":                `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
				"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="Strict" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
				"xl/worksheets/sheet1.xml":   `<?xml version="1.0"?><worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Nombre</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Jeanne</t></is></c><c r="B2"><v>4.5E+3</v></c></row></sheetData></worksheet>`,
			},
			want: []xlsxWantRow{{2, []string{"Jeanne", "4500"}}},
		},
		{
			name: "unknown style index and extension elements",
			parts: map[string]string{
				"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Nombre</t></is></c><extLst><ext><x/></ext></extLst></row><row r="2"><c r="A2" t="inlineStr" s="99"><is><t>Jeanne</t></is><extLst/></c><c r="B2" s="42"><v>12.50</v></c></row>`),
			},
			want: []xlsxWantRow{{2, []string{"Jeanne", "12.5"}}},
		},
		{
			name: "content after the common cell layouts",
			parts: map[string]string{
				"xl/worksheets/sheet1.xml": xlsxSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>Prénom</t></is></c><c r="B1" t="inlineStr"><is><t>Nombre</t></is></c></row>` +
					`<row r="2"><c r="A2" t="inlineStr"><is><t>Jean</t><rPh sb="0" eb="1"><t>ジャン</t></rPh><phoneticPr fontId="1"/></is></c><c r="B2"><v>5</v><extLst><ext><v>9</v></ext></extLst></c></row>` +
					`<row r="3"><c r="A3" t="inlineStr"><is><t>Paul</t><r><t> Henri</t></r></is></c><c r="B3" t="n"><v>7</v></c></row>`),
			},
			want: []xlsxWantRow{{2, []string{"Jean", "5"}}, {3, []string{"Paul Henri", "7"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, rows := xlsxReadAll(t, xlsxWritePackage(t, tt.parts), Options{})
			xlsxCheckRows(t, table.Header(), rows, tt.want)
		})
	}
}

func TestXLSXMemoryFlatAcrossRows(t *testing.T) {
	const count = 30000
	path := xlsxWriteBenchmarkWorkbookAs(t, count, false)
	table, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer table.Close()

	var early, late uint64
	for n := 1; ; n++ {
		_, err := table.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch n {
		case 5000:
			early = xlsxHeapAfterGC()
		case count:
			late = xlsxHeapAfterGC()
		}
	}
	if late == 0 {
		t.Fatalf("fewer than %d rows read", count)
	}
	// Keeping the 25,000 rows read between the two samples grows the heap
	// by about 6 MiB on this file, and keeping the sheet XML by more.
	if growth := int64(late) - int64(early); growth > 2<<20 {
		t.Errorf("heap grew by %d bytes between row 5000 and row %d, want under 2 MiB", growth, count)
	}
}

// xlsxHeapAfterGC returns the live heap size after a garbage collection.
func xlsxHeapAfterGC() uint64 {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return stats.HeapAlloc
}
