package mapping_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// BenchmarkApplySampleRows measures Apply per row with the bundled
// mapping on the rows of the bundled CSV export: clean rows, rows with
// every kind of error and warning, and cancelled rows that skip_if leaves
// out. Phone numbers repeat every 240 rows here, so the phone cache
// returns more results than on a real export. BenchmarkPhoneForms in
// normalize measures the uncached parse.
func BenchmarkApplySampleRows(b *testing.B) {
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

	var rows []spreadsheet.Row
	for {
		row, err := table.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		b.Fatal("the sample export has no rows")
	}

	b.ReportAllocs()
	i := 0
	for b.Loop() {
		row := rows[i%len(rows)]
		binding.Apply(row.Number, row.Cells)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
