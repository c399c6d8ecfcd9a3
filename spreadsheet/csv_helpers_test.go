package spreadsheet

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
)

// csvReadFile opens path with Open and reads every row.
func csvReadFile(t *testing.T, path string, opts Options) (Table, []Row) {
	t.Helper()
	table, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { table.Close() })
	return table, csvReadRows(t, table)
}

// csvReadBytes reads every row of data, which must open without error.
func csvReadBytes(t *testing.T, data []byte, opts Options) (*csvTable, []Row) {
	t.Helper()
	table, err := newCSVTable(bytes.NewReader(data), opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return table, csvReadRows(t, table)
}

// csvReadRows reads rows up to io.EOF and fails on any other error.
func csvReadRows(t *testing.T, table Table) []Row {
	t.Helper()
	var rows []Row
	for {
		row, err := table.Next()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		csvCheckFrench(t, row.Diagnostics...)
		rows = append(rows, row)
	}
}

// csvOpenError returns the error of opening data, which must fail.
func csvOpenError(t *testing.T, data []byte, opts Options) *diag.Diagnostic {
	t.Helper()
	_, err := newCSVTable(bytes.NewReader(data), opts)
	if err == nil {
		t.Fatal("open succeeded, want an error")
	}
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("open error %v is a %T, want *diag.Diagnostic", err, err)
	}
	csvCheckFrench(t, *d)
	return d
}

// csvCheckRows compares rows with want: numbers, cells and diagnostic
// codes.
func csvCheckRows(t *testing.T, rows []Row, want []csvWantRow) {
	t.Helper()
	if len(rows) != len(want) {
		t.Errorf("got %d rows, want %d", len(rows), len(want))
	}
	for i := range min(len(rows), len(want)) {
		got, w := rows[i], want[i]
		if got.Number != w.number {
			t.Errorf("row %d: Number = %d, want %d", i, got.Number, w.number)
		}
		if len(got.Cells) != len(w.cells) {
			t.Errorf("row %d: %d cells %q, want %d cells %q", w.number, len(got.Cells), got.Cells, len(w.cells), w.cells)
		}
		for j := range min(len(got.Cells), len(w.cells)) {
			if got.Cells[j] != w.cells[j] {
				t.Errorf("row %d, cell %d = %q, want %q", w.number, j, got.Cells[j], w.cells[j])
			}
		}
		if codes := csvCodes(got.Diagnostics); !slices.Equal(codes, w.codes) {
			t.Errorf("row %d: diagnostic codes %q, want %q", w.number, codes, w.codes)
		}
		for _, d := range got.Diagnostics {
			if d.Row != got.Number {
				t.Errorf("row %d: diagnostic %s names row %d", got.Number, d.Code, d.Row)
			}
		}
	}
}

// csvCodes returns the codes of ds in order, or nil.
func csvCodes(ds []diag.Diagnostic) []string {
	var codes []string
	for _, d := range ds {
		codes = append(codes, d.Code)
	}
	return codes
}

// csvCheckClean checks that no value holds invalid UTF-8, U+FFFD, NUL or a
// C1 control character.
func csvCheckClean(t *testing.T, rows []Row) {
	t.Helper()
	for _, row := range rows {
		for j, cell := range row.Cells {
			if !utf8.ValidString(cell) {
				t.Errorf("row %d, cell %d %q is not valid UTF-8", row.Number, j, cell)
			}
			if strings.ContainsFunc(cell, func(r rune) bool { return r == utf8.RuneError || r == 0 || (r >= 0x80 && r <= 0x9F) }) {
				t.Errorf("row %d, cell %d %q contains U+FFFD, NUL or a C1 control", row.Number, j, cell)
			}
		}
	}
}

// csvCheckFrench checks that every message has a French translation.
func csvCheckFrench(t *testing.T, ds ...diag.Diagnostic) {
	t.Helper()
	for _, d := range ds {
		if d.Message.IsZero() {
			t.Errorf("diagnostic %s has no message", d.Code)
			continue
		}
		if !i18n.HasFrench(d.Message.Key) {
			t.Errorf("message %q has no French translation", d.Message.Key)
		}
	}
}

// csvDiag returns the only diagnostic of row with code, failing otherwise.
func csvDiag(t *testing.T, row Row, code string) diag.Diagnostic {
	t.Helper()
	var found []diag.Diagnostic
	for _, d := range row.Diagnostics {
		if d.Code == code {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("row %d: %d diagnostics with code %s among %q, want 1", row.Number, len(found), code, csvCodes(row.Diagnostics))
	}
	return found[0]
}
