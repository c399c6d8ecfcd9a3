package importer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
)

// spillRows is more rows than the duplicate sets keep in memory, so that
// the first rows are found in their temporary files.
const spillRows = 70_000

// writeLargeInput writes a CSV of spillRows leads, all different, except
// that the last row reuses the first row's ID and the row before it reuses
// the second row's email and vehicle.
func writeLargeInput(t *testing.T, dir string) (input string, m *mapping.Mapping) {
	t.Helper()
	var b strings.Builder
	b.WriteString("ID;Prénom;E-mail;Réf\n")
	for i := range spillRows - 2 {
		fmt.Fprintf(&b, "L%d;Léa;lea.%d@example.lu;R%d\n", i, i, i)
	}
	b.WriteString("L99999999;Léa;LEA.1@example.lu;R1\n")
	b.WriteString("L0;Léa;other@example.lu;R7\n")

	input = filepath.Join(dir, "large.csv")
	if err := os.WriteFile(input, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mappingPath := filepath.Join(dir, "mapping.yaml")
	yaml := "version: 1\nfields:\n  externalId: ID\n  contact.firstName: Prénom\n  contact.email: E-mail\n  product.reference: Réf\n"
	if err := os.WriteFile(mappingPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Load(mappingPath)
	if err != nil {
		t.Fatalf("load mapping: %v", err)
	}
	return input, m
}

func TestDuplicatesFoundAfterSpill(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", t.TempDir())
	input, m := writeLargeInput(t, dir)

	summary, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	_, lines := readReport(t, summary.ReportPath, ';')
	if len(lines) != spillRows {
		t.Fatalf("report has %d lines, want %d", len(lines), spillRows)
	}

	contactRow, idRow := lines[spillRows-2], lines[spillRows-1]
	if contactRow.code != "duplicate_contact_product" || !strings.Contains(contactRow.message, "row 3") {
		t.Errorf("row %d: code %q, message %q, want duplicate_contact_product naming row 3", contactRow.row, contactRow.code, contactRow.message)
	}
	if idRow.status != "invalid" || idRow.code != "duplicate_external_id" || !strings.Contains(idRow.message, "row 2") {
		t.Errorf("row %d: status %q, code %q, message %q, want invalid duplicate_external_id naming row 2", idRow.row, idRow.status, idRow.code, idRow.message)
	}
	for _, line := range lines[:spillRows-2] {
		if line.status != "valid" {
			t.Fatalf("row %d: status %q (%s), want valid", line.row, line.status, line.message)
		}
	}
}

func TestRunRejectsMissingTempDir(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	t.Setenv("TMPDIR", missing)
	input, m := writeLargeInput(t, dir)

	summary, err := importer.Run(context.Background(), importer.Options{Input: input, Mapping: m})
	var setup *importer.SetupError
	if !errors.As(err, &setup) {
		t.Fatalf("Run error = %v (summary %+v), want a *SetupError before any row", err, summary)
	}
	if message := err.Error(); !strings.Contains(message, missing) || !strings.Contains(message, "TMPDIR") {
		t.Errorf("error = %q, want the folder %s and the TMPDIR advice", message, missing)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "large.report.csv")); !os.IsNotExist(statErr) {
		t.Errorf("a report was written (stat error %v), want none", statErr)
	}
}
