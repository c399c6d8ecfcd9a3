// Command excelizeread reads every row of the first sheet of an XLSX file
// with excelize's streaming reader (File.Rows, then Rows.Columns for each
// row) and prints the number of rows and cells read. It is the baseline
// that the benchmarks compare the importer's XLSX reading with: the least
// work a Go program built on excelize does to see every value.
//
// Usage:
//
//	excelizeread FILE.xlsx
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: excelizeread FILE.xlsx")
		os.Exit(2)
	}
	rows, cells, err := readAll(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "excelizeread: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("rows=%d cells=%d\n", rows, cells)
}

// readAll reads every row of the first sheet of path, header included, and
// returns the number of rows and of cells that Rows.Columns returned.
func readAll(path string) (rows, cells int, err error) {
	book, err := excelize.OpenFile(path)
	if err != nil {
		return 0, 0, err
	}
	defer book.Close()

	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		return 0, 0, errors.New(path + " has no sheet")
	}
	iterator, err := book.Rows(sheets[0])
	if err != nil {
		return 0, 0, err
	}
	defer iterator.Close()

	for iterator.Next() {
		columns, err := iterator.Columns()
		if err != nil {
			return rows, cells, err
		}
		rows++
		cells += len(columns)
	}
	if err := iterator.Error(); err != nil && !errors.Is(err, io.EOF) {
		return rows, cells, err
	}
	return rows, cells, nil
}
