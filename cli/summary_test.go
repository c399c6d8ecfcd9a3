package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// unusedPoster marks a run as a send; printSummary never calls it.
type unusedPoster struct{}

func (unusedPoster) CreateLead(context.Context, []byte) (aello.Response, error) {
	panic("printSummary sent a request")
}

func TestSummaryGolden(t *testing.T) {
	summary := &importer.Summary{
		Rows: 240,
		Counts: map[importer.Status]int{
			importer.Accepted: 200, importer.Skipped: 8, importer.Invalid: 20,
			importer.Failed: 2, importer.Uncertain: 3, importer.NotSent: 7,
		},
		TopErrors: []importer.ErrorCount{
			{Code: "email_invalid", Count: 7, FirstRows: []int{20, 118, 165, 190, 201}},
			{Code: "phone_scientific_notation", Count: 2, FirstRows: []int{17, 139}},
		},
		ReportPath:  "exports/leads.report.csv",
		ErrorsPath:  "exports/leads.errors.xlsx",
		Elapsed:     12500 * time.Millisecond,
		Interrupted: true,
	}
	opts := importer.Options{
		Input:   "exports/leads.xlsx",
		Mapping: &mapping.Mapping{Path: "mapping.yaml"},
		Poster:  unusedPoster{},
	}

	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		t.Run(lang.Code(), func(t *testing.T) {
			var stderr bytes.Buffer
			a := &app{env: Env{Stderr: &stderr}, lang: lang}
			a.printSummary(summary, opts)

			path := filepath.Join("testdata", "golden", "summary_"+lang.Code()+".txt")
			if *update {
				if err := os.WriteFile(path, stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cli -run TestSummaryGolden -update to create it)", err)
			}
			if !bytes.Equal(stderr.Bytes(), want) {
				t.Errorf("summary differs from %s:\ngot:\n%s\nwant:\n%s", path, stderr.Bytes(), want)
			}
		})
	}
}
