package importer

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/mapping"
)

// TestDuplicateSetFailureStopsRun makes the duplicate sets fail at their
// first spill, after the run started: the run stops with the folder
// named, and every row is still in the report, those after the failure
// not_sent.
func TestDuplicateSetFailureStopsRun(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	duplicatesDir = missing
	t.Cleanup(func() { duplicatesDir = "" })

	const rows = 70_000 // more than a set keeps in memory
	var b strings.Builder
	b.WriteString("ID;Prénom;E-mail\n")
	for i := range rows {
		fmt.Fprintf(&b, "L%d;Léa;lea.%d@example.lu\n", i, i)
	}
	input := filepath.Join(dir, "large.csv")
	if err := os.WriteFile(input, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mappingPath := filepath.Join(dir, "mapping.yaml")
	if err := os.WriteFile(mappingPath, []byte("version: 1\nfields:\n  externalId: ID\n  contact.firstName: Prénom\n  contact.email: E-mail\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := mapping.Load(mappingPath)
	if err != nil {
		t.Fatal(err)
	}

	summary, err := Run(context.Background(), Options{Input: input, Mapping: m})
	if err == nil || summary == nil || summary.Stop == nil {
		t.Fatalf("Run = %+v, %v; want a stop and an error about the temporary file", summary, err)
	}
	if reason := summary.Stop.Reason.String(); !strings.Contains(reason, missing) || !strings.Contains(reason, "TMPDIR") {
		t.Errorf("stop reason = %q, want the folder %s and the TMPDIR advice", reason, missing)
	}

	file, err := os.Open(summary.ReportPath)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	reader := csv.NewReader(file)
	reader.Comma = ';'
	reader.FieldsPerRecord = -1
	records, err := reader.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(records) - 1; got != rows {
		t.Fatalf("report has %d rows, want every row (%d)", got, rows)
	}
	if first, last := records[1][1], records[len(records)-1][1]; first != "valid" || last != "not_sent" {
		t.Errorf("first row %q, last row %q; want valid and not_sent", first, last)
	}
}
