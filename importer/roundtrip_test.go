package importer_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/aello/sandbox"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/samples"
)

// copySample writes a bundled sample file into dir and returns its path.
func copySample(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := samples.Files.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readCSV reads a report or errors file: UTF-8 with BOM, ';' separated,
// cells escaped against formulas.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff")))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// invalidCodes returns the error codes of the report's invalid rows, in
// order: the order of the errors file.
func invalidCodes(t *testing.T, reportPath string) [][]string {
	t.Helper()
	var codes [][]string
	for _, record := range readCSV(t, reportPath)[1:] {
		if record[1] == "invalid" {
			// The message column lists every problem; error_code is the
			// first. The fixes below look at the message for the rest.
			codes = append(codes, []string{record[3], record[5]})
		}
	}
	return codes
}

// fixRow corrects a row of the errors file the way a user would in Excel,
// going by what the report says is wrong. column returns a cell's index by
// header. serial makes each fixed value unique.
func fixRow(cells []string, codes []string, column func(string) int, serial int) {
	message := codes[1]
	set := func(header, value string) { cells[column(header)] = value }

	if strings.Contains(message, "(Prénom)") {
		set("Prénom", "Camille")
	}
	if strings.Contains(message, "(E-mail)") {
		set("E-mail", fmt.Sprintf("fixed.%d@example.lu", serial))
	}
	if strings.Contains(message, "(Téléphone)") {
		set("Téléphone", fmt.Sprintf("+352 621 009 %03d", serial))
	}
	if strings.Contains(message, "(Réf. véhicule)") {
		set("Réf. véhicule", fmt.Sprintf("FIX-%d", serial))
	}
	if strings.Contains(message, "(Prix)") {
		// In the CSV the value shows as '-33,300.00, escaped against formulas.
		set("Prix", strings.TrimLeft(cells[column("Prix")], "'-"))
	}
	if strings.Contains(message, "(Lien annonce)") {
		set("Lien annonce", "https://"+cells[column("Lien annonce")])
	}
	if strings.Contains(message, "(ID)") {
		set("ID", cells[column("ID")]+"-B")
	}
}

// startSandbox serves an in-process sandbox on loopback and returns a
// client for it.
func startSandbox(t *testing.T) (*sandbox.Server, *aello.Client) {
	t.Helper()
	server, err := sandbox.New(sandbox.Config{Keys: map[string]string{"test-key": "dealership-1"}})
	if err != nil {
		t.Fatal(err)
	}
	url, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	client, err := aello.NewClient(url, "test-key", 0)
	if err != nil {
		t.Fatal(err)
	}
	return server, client
}

// sendFixedFile sends a fixed errors file to a new sandbox and checks that
// its 20 rows are all accepted and stored.
func sendFixedFile(t *testing.T, path string, m *mapping.Mapping) {
	t.Helper()
	server, client := startSandbox(t)
	result, err := importer.Run(context.Background(), importer.Options{
		Input: path, Mapping: m, Poster: client, Concurrency: 4,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := result.Counts[importer.Accepted]; got != 20 {
		t.Errorf("accepted after the fix = %d, want 20; counts %v, errors %v", got, result.Counts, result.TopErrors)
	}
	if got := server.Stats().Leads + server.Stats().Messages; got != 20 {
		t.Errorf("sandbox stores %d leads and messages, want 20", got)
	}
}

func loadSampleMapping(t *testing.T, dir string) *mapping.Mapping {
	t.Helper()
	m, err := mapping.Load(copySample(t, dir, "mapping.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRoundTripCSVErrorsFile(t *testing.T) {
	dir := t.TempDir()
	input := copySample(t, dir, "leads.csv")
	m := loadSampleMapping(t, dir)

	first, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m, Lang: i18n.English})
	if err != nil {
		t.Fatal(err)
	}
	codes := invalidCodes(t, first.ReportPath)
	records := readCSV(t, first.ErrorsPath)
	header, rows := records[0], records[1:]
	if len(rows) != len(codes) || len(rows) != 20 {
		t.Fatalf("errors file has %d rows, report %d invalid rows, want 20 of each", len(rows), len(codes))
	}
	column := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in the errors file", name)
		return -1
	}

	// Fix every row as a user would, and save as Excel's CSV UTF-8 does.
	fixedPath := filepath.Join(dir, "leads.fixed.csv")
	var out strings.Builder
	out.WriteString("\ufeff")
	w := csv.NewWriter(&out)
	w.Comma = ';'
	w.Write(header)
	for i, row := range rows {
		fixRow(row, codes[i], column, i)
		w.Write(row)
	}
	w.Flush()
	if err := os.WriteFile(fixedPath, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	sendFixedFile(t, fixedPath, m)
}

func TestRoundTripXLSXErrorsFile(t *testing.T) {
	dir := t.TempDir()
	input := copySample(t, dir, "leads.xlsx")
	m := loadSampleMapping(t, dir)

	first, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m, Lang: i18n.French})
	if err != nil {
		t.Fatal(err)
	}
	codes := invalidCodes(t, first.ReportPath)

	// Fix the cells in the workbook, as a user would in Excel.
	f, err := excelize.OpenFile(first.ErrorsPath)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if len(rows)-1 != 20 || len(codes) != 20 {
		t.Fatalf("errors workbook has %d rows, report %d invalid rows, want 20 of each", len(rows)-1, len(codes))
	}
	column := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in the errors workbook", name)
		return -1
	}
	for i, row := range rows[1:] {
		cells := make([]string, len(header))
		copy(cells, row)
		fixRow(cells, codes[i], column, i)
		values := make([]any, len(cells))
		for j, c := range cells {
			values[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			t.Fatal(err)
		}
	}
	fixedPath := filepath.Join(dir, "leads.fixed.xlsx")
	if err := f.SaveAs(fixedPath); err != nil {
		t.Fatal(err)
	}
	f.Close()

	sendFixedFile(t, fixedPath, m)
}
