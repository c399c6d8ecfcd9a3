package main

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadAll(t *testing.T) {
	book := excelize.NewFile()
	defer book.Close()
	if _, err := book.NewSheet("Leads"); err != nil {
		t.Fatal(err)
	}
	// The first sheet is read, whatever its name.
	values := map[string]any{"A1": "ID", "B1": "Prénom", "A2": "LD-1", "B2": "Zoé", "A3": "LD-2", "C3": 45000}
	for cell, value := range values {
		if err := book.SetCellValue("Sheet1", cell, value); err != nil {
			t.Fatal(err)
		}
	}
	if err := book.SetCellValue("Leads", "A1", "ignored"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	rows, cells, err := readAll(path)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 3 {
		t.Errorf("rows = %d, want 3", rows)
	}
	// Columns returns each row up to its last non-empty cell: 2, 2 and 3.
	if cells != 7 {
		t.Errorf("cells = %d, want 7", cells)
	}
}

func TestReadAllMissingFile(t *testing.T) {
	if _, _, err := readAll(filepath.Join(t.TempDir(), "missing.xlsx")); err == nil {
		t.Error("readAll of a missing file returned no error")
	}
}
