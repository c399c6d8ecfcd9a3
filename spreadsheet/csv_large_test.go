package spreadsheet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// csvWriteLarge writes a CSV file of n data rows, each with a quoted
// multi-line comment, and returns its path and size.
func csvWriteLarge(tb testing.TB, n int, cp1252 bool) (string, int64) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "large.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()

	var w io.Writer = f
	if cp1252 {
		w = charmap.Windows1252.NewEncoder().Writer(f)
	}
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "ID;Prénom;Nom;Email;Téléphone;Commentaire\r\n")
	for i := range n {
		fmt.Fprintf(bw, "LD-%d;Hélène;Lefèvre;helene.%d@example.lu;+352 621 %06d;\"Budget 15 000 €; rappeler\r\naprès 18h\"\r\n", i, i, i)
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}

	info, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	return path, info.Size()
}

// TestCSVLargeFile reads 100,000 rows and checks that the scanner kept its
// buffers at their starting size.
func TestCSVLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 10 MB file")
	}
	const n = 100_000
	path, _ := csvWriteLarge(t, n, false)

	table, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer table.Close()

	count, last := 0, 0
	for {
		row, err := table.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Next after row %d: %v", last, err)
		}
		if len(row.Diagnostics) != 0 {
			t.Fatalf("row %d: unexpected diagnostics %q", row.Number, csvCodes(row.Diagnostics))
		}
		count++
		last = row.Number
	}

	if count != n {
		t.Errorf("read %d rows, want %d", count, n)
	}
	if last != n+1 {
		t.Errorf("last row number = %d, want %d", last, n+1)
	}
	sc := table.(*csvTable).sc
	if got := cap(sc.buf); got != csvBufferSize {
		t.Errorf("scanner buffer grew to %d bytes, want %d", got, csvBufferSize)
	}
	if got := cap(sc.record); got > 1024 {
		t.Errorf("record buffer grew to %d bytes, want at most 1024 for rows of about 100 bytes", got)
	}
}

// TestCSVAllocationsPerRow checks that Next allocates only the row's text
// and its cell slice, whatever the encoding.
func TestCSVAllocationsPerRow(t *testing.T) {
	for _, cp1252 := range []bool{false, true} {
		t.Run(fmt.Sprintf("windows-1252=%v", cp1252), func(t *testing.T) {
			path, _ := csvWriteLarge(t, 5000, cp1252)
			table, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer table.Close()

			var failed error
			allocs := testing.AllocsPerRun(2000, func() {
				if _, err := table.Next(); err != nil && failed == nil {
					failed = err
				}
			})
			if failed != nil {
				t.Fatalf("Next: %v", failed)
			}
			if allocs > 2 {
				t.Errorf("Next allocates %.1f times per row, want at most 2", allocs)
			}
		})
	}
}

// BenchmarkCSVRows measures reading a file of 50,000 rows of about 120
// bytes, in UTF-8 and in Windows-1252.
func BenchmarkCSVRows(b *testing.B) {
	const n = 50_000
	for _, cp1252 := range []bool{false, true} {
		name := "utf-8"
		if cp1252 {
			name = "windows-1252"
		}
		b.Run(name, func(b *testing.B) {
			path, size := csvWriteLarge(b, n, cp1252)
			b.SetBytes(size)
			b.ReportAllocs()

			iterations := 0
			for b.Loop() {
				iterations++
				table, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				for {
					_, err := table.Next()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					rows++
				}
				table.Close()
				if rows != n {
					b.Fatalf("read %d rows, want %d", rows, n)
				}
			}
			b.ReportMetric(float64(n*iterations)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
