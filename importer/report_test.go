package importer_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// reportMapping maps the columns of reportInput.
const reportMapping = `version: 1
defaults:
  country: LU
skip_if:
  - column: Statut
    equals: Annulé
fields:
  externalId: ID
  contact.firstName: Prénom
  contact.lastName: Nom
  contact.email: E-mail
  contact.phone: Téléphone
  product.reference: Réf
  product.price: Prix
  message: Commentaire
`

// reportInput has one row of each kind: valid, valid with a warning,
// invalid on one cell, invalid on two cells, skipped, a formula-like value
// and a duplicate ID.
var reportInput = strings.Join([]string{
	"ID;Prénom;Nom;E-mail;Téléphone;Réf;Prix;Commentaire;Statut",
	"A1;Hélène;Lefèvre;helene@example.lu;621 000 011;R1;45 000 €;Rappeler;Nouveau",
	"A2;Paul;Schmit;mailto:paul@example.com;;R2;1.355,90;;Nouveau",
	"A3;;Weber;luc@example.com;;R3;;;Nouveau",
	"A4;Anne;Kieffer;anne@@example;3,52621E+11;R4;-500;=HYPERLINK(\"x\");Nouveau",
	"A5;Marc;Hansen;marc@example.lu;;R5;;;Annulé",
	"A1;Sophie;Muller;sophie@example.com;;R6;;;Nouveau",
}, "\r\n") + "\r\n"

func loadMapping(t *testing.T, dir, text string) *mapping.Mapping {
	t.Helper()
	path := filepath.Join(dir, "mapping.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// compareGolden compares got with testdata/golden/name, or rewrites the
// file with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./importer -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./importer -update after checking the change)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestReportGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		t.Run(lang.Code(), func(t *testing.T) {
			dir := t.TempDir()
			input := filepath.Join(dir, "leads.csv")
			if err := os.WriteFile(input, []byte(reportInput), 0o644); err != nil {
				t.Fatal(err)
			}
			m := loadMapping(t, dir, reportMapping)

			summary, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary.Counts[importer.Valid]; got != 2 {
				t.Errorf("valid rows = %d, want 2", got)
			}
			if got := summary.Counts[importer.Invalid]; got != 3 {
				t.Errorf("invalid rows = %d, want 3", got)
			}
			if got := summary.Counts[importer.Skipped]; got != 1 {
				t.Errorf("skipped rows = %d, want 1", got)
			}

			report, err := os.ReadFile(filepath.Join(dir, "leads.report.csv"))
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, "report_"+lang.Code()+".csv", report)

			errorsFile, err := os.ReadFile(filepath.Join(dir, "leads.errors.csv"))
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, "errors_"+lang.Code()+".csv", errorsFile)
		})
	}
}

func TestReportEscapesFormulas(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "leads.csv")
	os.WriteFile(input, []byte(reportInput), 0o644)
	if _, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: loadMapping(t, dir, reportMapping)}); err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"leads.report.csv", "leads.errors.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\ufeff")) {
			t.Errorf("%s does not start with a UTF-8 byte order mark", name)
		}
		for _, cell := range bytes.Split(bytes.ReplaceAll(data, []byte("\r\n"), []byte(";")), []byte(";")) {
			cell = bytes.Trim(cell, `"`)
			if len(cell) > 0 && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("%s has a cell starting with %q: %q", name, cell[0], cell)
			}
		}
	}
}

// writeXLSXInput writes reportInput as a workbook, the way a user's
// export would be.
func writeXLSXInput(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, line := range strings.Split(strings.TrimSpace(reportInput), "\r\n") {
		cells := strings.Split(line, ";")
		values := make([]any, len(cells))
		for j, c := range cells {
			values[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &values); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestErrorsWorkbook(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "leads.xlsx")
	writeXLSXInput(t, input)
	summary, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: loadMapping(t, dir, reportMapping), Lang: i18n.French})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "leads.errors.xlsx"); summary.ErrorsPath != want {
		t.Fatalf("errors file = %q, want %q", summary.ErrorsPath, want)
	}

	f, err := excelize.OpenFile(summary.ErrorsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Sheet1" {
		t.Errorf("sheet name = %q, want the input's %q", sheet, "Sheet1")
	}

	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("rows = %d, want the header and 3 rows to fix", len(rows))
	}
	if got, want := rows[0][len(rows[0])-1], "Erreur d'import"; got != want {
		t.Errorf("message column header = %q, want %q", got, want)
	}
	if got := rows[2][0]; got != "A4" {
		t.Errorf("second row to fix has ID %q, want A4", got)
	}
	if got := rows[2][6]; got != "-500" {
		t.Errorf("price kept as %q, want the original -500", got)
	}
	if got := rows[2][9]; !strings.Contains(got, "E (Téléphone)") || !strings.Contains(got, "G (Prix)") {
		t.Errorf("message %q does not name columns E and G", got)
	}

	// The header is bold and frozen.
	styleID, err := f.GetCellStyle(sheet, "A1")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(styleID)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || !style.Font.Bold {
		t.Errorf("header A1 is not bold")
	}
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want the first row frozen", panes)
	}

	// Bad cells are filled and carry the message as a comment.
	for _, cell := range []string{"B2", "D3", "E3", "G3"} {
		styleID, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(styleID)
		if err != nil {
			t.Fatal(err)
		}
		if len(style.Fill.Color) == 0 || style.Fill.Color[0] != "FFC7CE" {
			t.Errorf("%s fill = %v, want the error color FFC7CE", cell, style.Fill.Color)
		}
	}
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	byCell := map[string]string{}
	for _, c := range comments {
		text := c.Text
		for _, run := range c.Paragraph {
			text += run.Text
		}
		byCell[c.Cell] = text
	}
	if !strings.Contains(byCell["E3"], "notation scientifique") {
		t.Errorf("comment on E3 = %q, want the scientific notation message in French", byCell["E3"])
	}
	if !strings.Contains(byCell["B2"], "prénom") {
		t.Errorf("comment on B2 = %q, want the first name message", byCell["B2"])
	}
	if _, ok := byCell["A2"]; ok {
		t.Errorf("cell A2 has a comment but nothing is wrong with it")
	}
}

func TestErrorsFileFedBack(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "leads.csv")
	os.WriteFile(input, []byte(reportInput), 0o644)
	m := loadMapping(t, dir, reportMapping)
	first, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}

	// The errors file reads back with the same mapping and gives the same
	// verdicts, except the duplicate ID whose first row is not in it.
	second, err := importer.Run(context.Background(), importer.Options{Input: first.ErrorsPath, Mapping: m,
		Source: spreadsheet.Options{}})
	if err != nil {
		t.Fatal(err)
	}
	if second.Rows != 3 {
		t.Errorf("rows read back = %d, want 3", second.Rows)
	}
	if got := second.Counts[importer.Invalid]; got != 2 {
		t.Errorf("invalid rows read back = %d, want 2", got)
	}
	if got := second.Counts[importer.Valid]; got != 1 {
		t.Errorf("valid rows read back = %d, want 1 (the duplicate ID alone)", got)
	}
}

func TestErrorsFileKeepsOneMessageColumn(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "leads.csv")
	os.WriteFile(input, []byte(reportInput), 0o644)
	m := loadMapping(t, dir, reportMapping)
	first, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m, Lang: i18n.French})
	if err != nil {
		t.Fatal(err)
	}
	second, err := importer.Run(context.Background(), importer.Options{Input: first.ErrorsPath, Mapping: m, Lang: i18n.English})
	if err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(second.ErrorsPath)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(strings.TrimPrefix(string(data), "\ufeff"), "\r\n")
	if want := "ID;Prénom;Nom;E-mail;Téléphone;Réf;Prix;Commentaire;Statut;Import error"; header != want {
		t.Errorf("header of the second errors file = %q, want %q", header, want)
	}
	if strings.Contains(string(data), "remplissez") {
		t.Errorf("the second errors file still holds the first run's French messages:\n%s", data)
	}
}
