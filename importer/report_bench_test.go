package importer

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// benchmarkOutcomes returns the outcomes of the bundled CSV export's rows
// as check gives them, without the duplicate checks: valid, invalid with
// the diagnostics of the mapping, and skipped. It also returns the header.
func benchmarkOutcomes(b *testing.B) ([]Outcome, []string) {
	b.Helper()
	samplesDir := filepath.Join("..", "samples")
	m, err := mapping.Load(filepath.Join(samplesDir, "mapping.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	table, err := spreadsheet.Open(filepath.Join(samplesDir, "leads.csv"), spreadsheet.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer table.Close()
	binding, err := m.Bind(table.Header(), "leads.csv")
	if err != nil {
		b.Fatal(err)
	}

	var outcomes []Outcome
	for {
		row, err := table.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		result := binding.Apply(row.Number, row.Cells)
		o := Outcome{Row: row.Number, Status: Valid, Cells: row.Cells, Diagnostics: result.Diagnostics}
		switch {
		case result.Skipped:
			o.Status, o.Code, o.Note = Skipped, "skip_if", result.SkipReason
		case diag.HasError(result.Diagnostics):
			first := diag.First(result.Diagnostics)
			o.Status, o.Code, o.Field = Invalid, first.Code, first.Field
		}
		outcomes = append(outcomes, o)
	}
	return outcomes, table.Header()
}

// filterOutcomes returns the outcomes that keep returns true for.
func filterOutcomes(b *testing.B, outcomes []Outcome, keep func(*Outcome) bool) []Outcome {
	b.Helper()
	var selected []Outcome
	for i := range outcomes {
		if keep(&outcomes[i]) {
			selected = append(selected, outcomes[i])
		}
	}
	if len(selected) == 0 {
		b.Fatal("no outcome of the kind the benchmark needs")
	}
	return selected
}

// BenchmarkReportRecord measures writing one line of the report, for
// every row of the sample export in turn and for its invalid rows alone,
// whose message column renders every diagnostic.
func BenchmarkReportRecord(b *testing.B) {
	outcomes, header := benchmarkOutcomes(b)
	kinds := []struct {
		name     string
		outcomes []Outcome
	}{
		{"all rows", outcomes},
		{"invalid rows", filterOutcomes(b, outcomes, func(o *Outcome) bool { return o.Status == Invalid })},
	}
	for _, kind := range kinds {
		for _, lang := range []i18n.Lang{{}, frenchLang(b)} {
			b.Run(kind.name+"/"+lang.Code(), func(b *testing.B) {
				w, err := newReportWriter(filepath.Join(b.TempDir(), "leads.report.csv"), ';', header, lang)
				if err != nil {
					b.Fatal(err)
				}
				defer w.Close()

				b.ReportAllocs()
				i := 0
				for b.Loop() {
					o := &kind.outcomes[i%len(kind.outcomes)]
					if err := w.Record(o, OutcomeMessage(o, lang)); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// BenchmarkErrorsFileRecord measures writing one row to fix to the CSV
// and to the XLSX errors file, save included: the XLSX file is built in
// memory and written when it is closed.
func BenchmarkErrorsFileRecord(b *testing.B) {
	outcomes, header := benchmarkOutcomes(b)
	invalid := filterOutcomes(b, outcomes, func(o *Outcome) bool { return o.Status.NeedsFix() })
	writers := []struct {
		name string
		open func(dir string) errorsWriter
	}{
		{"csv", func(dir string) errorsWriter {
			return newCSVErrorsWriter(filepath.Join(dir, "leads.errors.csv"), ';', header, i18n.Lang{})
		}},
		{"xlsx", func(dir string) errorsWriter {
			return newXLSXErrorsWriter(filepath.Join(dir, "leads.errors.xlsx"), "", header, i18n.Lang{})
		}},
	}
	for _, writer := range writers {
		b.Run(writer.name, func(b *testing.B) {
			w := writer.open(b.TempDir())
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				o := &invalid[i%len(invalid)]
				if err := w.Record(o, OutcomeMessage(o, i18n.Lang{})); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.StartTimer()
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if w.Count() != b.N {
				b.Fatalf("errors file has %d rows, want %d", w.Count(), b.N)
			}
		})
	}
}

func frenchLang(b *testing.B) i18n.Lang {
	b.Helper()
	lang, ok := i18n.Parse("fr")
	if !ok {
		b.Fatal(`i18n.Parse("fr") does not give French`)
	}
	return lang
}
