package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/diag"
)

// FuzzCSV reads arbitrary bytes with detection and with forced settings.
// The reader must not panic or loop, row numbers must increase, and every
// value must be valid UTF-8 whose U+FFFD characters come from the file or
// are reported by an invalid_encoding diagnostic on that cell.
func FuzzCSV(f *testing.F) {
	for _, pattern := range []string{"*.csv", "*.txt"} {
		paths, err := filepath.Glob(filepath.Join("..", "testdata", "cases", pattern))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, seed := range []string{
		"a;b\n1;\"open\n2;x\n",
		"sep=|\r\na|b\r1|\"x\"\"y\"\r\r",
		"a,b\n=\"0612\",\"l1\r\nl2\"z\n",
		"a;b\n\x80;x\x81y\n",
		"\xFF\xFEa\x00;\x00b\x00\n\x00\x00\xD8;\x00\n\x00",
		"a;b;;\n1;2;3;\n;;;\n1\n",
	} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{}, {Encoding: "utf-8", Delimiter: ";"}, {HeaderRow: 2}} {
			csvFuzzRead(t, data, opts)
		}
	})
}

// csvFuzzRead reads data with opts and checks the invariants of FuzzCSV.
func csvFuzzRead(t *testing.T, data []byte, opts Options) {
	table, err := newCSVTable(bytes.NewReader(data), opts)
	if err != nil {
		var d *diag.Diagnostic
		if !errors.As(err, &d) || d.Message.IsZero() {
			t.Fatalf("open error %v (%T) is not a diagnostic with a message", err, err)
		}
		return
	}

	header := table.Header()
	for _, h := range header {
		csvFuzzCheckValue(t, data, h, nil)
	}

	previous := table.HeaderRow()
	// Each row consumes at least one byte of the file, so more rows than
	// bytes means the reader loops.
	for range len(data) + 1 {
		row, err := table.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var d *diag.Diagnostic
			if !errors.As(err, &d) || d.Message.IsZero() {
				t.Fatalf("Next error %v (%T) is not a diagnostic with a message", err, err)
			}
			return
		}

		if row.Number <= previous {
			t.Fatalf("row number %d after %d", row.Number, previous)
		}
		previous = row.Number
		if len(row.Cells) != len(header) && !csvHasCode(row.Diagnostics, "field_count") {
			t.Fatalf("row %d has %d cells for %d header columns and no field_count diagnostic", row.Number, len(row.Cells), len(header))
		}
		for i, cell := range row.Cells {
			csvFuzzCheckValue(t, data, cell, csvCellCodes(row.Diagnostics, i))
		}
	}
	t.Fatalf("more than %d rows from %d bytes", len(data)+1, len(data))
}

// csvFuzzCheckValue checks that value is valid UTF-8 and holds U+FFFD
// only when data contains it or codes include invalid_encoding.
func csvFuzzCheckValue(t *testing.T, data []byte, value string, codes []string) {
	t.Helper()
	if !utf8.ValidString(value) {
		t.Fatalf("value %q is not valid UTF-8", value)
	}
	if !strings.ContainsRune(value, utf8.RuneError) {
		return
	}
	inFile := bytes.Contains(data, []byte("\uFFFD")) ||
		bytes.Contains(data, []byte{0xFD, 0xFF}) || bytes.Contains(data, []byte{0xFF, 0xFD})
	for _, code := range codes {
		if code == "invalid_encoding" {
			return
		}
	}
	if !inFile {
		t.Fatalf("value %q contains U+FFFD that is neither in the file nor reported", value)
	}
}

// csvHasCode reports whether a diagnostic in ds has code.
func csvHasCode(ds []diag.Diagnostic, code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

// csvCellCodes returns the codes of the diagnostics on column i.
func csvCellCodes(ds []diag.Diagnostic, i int) []string {
	var codes []string
	for _, d := range ds {
		if d.Column == i {
			codes = append(codes, d.Code)
		}
	}
	return codes
}
