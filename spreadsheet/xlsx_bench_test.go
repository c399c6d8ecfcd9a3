package spreadsheet

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxBenchmarkRows is the size of the generated workbook the benchmarks read.
const xlsxBenchmarkRows = 20000

// xlsxWriteBenchmarkWorkbook writes a lead export of rows data rows with
// excelize's StreamWriter: text, a phone number with a zero-padding
// format, a price with a currency format and a date.
func xlsxWriteBenchmarkWorkbook(tb testing.TB, rows int) string {
	tb.Helper()
	return xlsxWriteBenchmarkWorkbookAs(tb, rows, true)
}

// xlsxWriteBenchmarkWorkbookAs writes the workbook of
// xlsxWriteBenchmarkWorkbook, or with formatted false the same columns as
// text.
func xlsxWriteBenchmarkWorkbookAs(tb testing.TB, rows int, formatted bool) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()

	phoneStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: xlsxPtr("0#########")})
	if err != nil {
		tb.Fatal(err)
	}
	priceStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: xlsxPtr(`#,##0.00 "€"`)})
	if err != nil {
		tb.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}

	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	header := []any{"ID", "Prénom", "Nom", "Email", "Téléphone", "Société", "Prix", "Date", "Commentaire"}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	for i := 1; i <= rows; i++ {
		phone := any(excelize.Cell{StyleID: phoneStyle, Value: 612000000 + i})
		price := any(excelize.Cell{StyleID: priceStyle, Value: 15000 + float64(i%1000)*10.5})
		date := any(excelize.Cell{StyleID: dateStyle, Value: xlsxBenchmarkStart.AddDate(0, 0, i%365)})
		if !formatted {
			phone = fmt.Sprintf("0%d", 612000000+i)
			price = formatExact(15000 + float64(i%1000)*10.5)
			date = xlsxBenchmarkDate(i)
		}
		values := []any{
			fmt.Sprintf("LD-%06d", i),
			fmt.Sprintf("Prénom%d", i%500),
			fmt.Sprintf("Nom%d", i%800),
			fmt.Sprintf("lead%d@example.com", i),
			phone,
			fmt.Sprintf("Garage %d Sàrl", i%300),
			price,
			date,
			"Intéressé par un essai routier, rappeler en fin de journée",
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			tb.Fatal(err)
		}
		if err := sw.SetRow(cell, values); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}

	path := filepath.Join(tb.TempDir(), "bench.xlsx")
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

func xlsxPtr[T any](v T) *T { return &v }

// xlsxBenchmarkStart is the date of row 0 of the generated workbook. Row i
// is i%365 days later.
var xlsxBenchmarkStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// xlsxBenchmarkDate returns the date of data row i as the reader renders it.
func xlsxBenchmarkDate(i int) string {
	return xlsxBenchmarkStart.AddDate(0, 0, i%365).Format("2006-01-02")
}

// BenchmarkXLSXRows compares this reader with a plain excelize streaming
// read (OpenFile, Rows, Columns) of the same file. Both open the file and
// read every row. The "formatted" workbook has numbers with phone, price
// and date formats; the "text" workbook has the same columns as text.
func BenchmarkXLSXRows(b *testing.B) {
	for _, variant := range []struct {
		name      string
		formatted bool
	}{{"formatted", true}, {"text", false}} {
		path := xlsxWriteBenchmarkWorkbookAs(b, xlsxBenchmarkRows, variant.formatted)

		b.Run(variant.name+"/reader", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if count := xlsxCountRows(b, path); count != xlsxBenchmarkRows {
					b.Fatalf("read %d rows, want %d", count, xlsxBenchmarkRows)
				}
			}
			b.ReportMetric(float64(xlsxBenchmarkRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})

		b.Run(variant.name+"/excelize", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if count := xlsxCountRowsWithExcelize(b, path); count != xlsxBenchmarkRows+1 {
					b.Fatalf("read %d rows, want %d", count, xlsxBenchmarkRows+1)
				}
			}
			b.ReportMetric(float64(xlsxBenchmarkRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// xlsxCountRows reads every data row of path with Open.
func xlsxCountRows(b *testing.B, path string) int {
	table, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer table.Close()

	count := 0
	for {
		_, err := table.Next()
		if err == io.EOF {
			return count
		}
		if err != nil {
			b.Fatal(err)
		}
		count++
	}
}

// xlsxCountRowsWithExcelize reads every row of path, header included, with
// excelize's streaming reader.
func xlsxCountRowsWithExcelize(b *testing.B, path string) int {
	f, err := excelize.OpenFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()

	count := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			b.Fatal(err)
		}
		count++
	}
	if err := rows.Error(); err != nil {
		b.Fatal(err)
	}
	return count
}
