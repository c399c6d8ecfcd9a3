// Command sharedstrings rewrites an XLSX workbook whose text cells are
// inline strings (t="inlineStr", as excelize's StreamWriter writes them)
// into one whose text cells refer to a shared string table
// (xl/sharedStrings.xml, t="s"), as Excel saves workbooks. The benchmarks
// use it to measure the importer on the layout that users' files have.
//
// Usage:
//
//	sharedstrings IN.xlsx OUT.xlsx
//
// Every worksheet part is rewritten as a stream. The table is kept in
// memory, one entry per distinct string, and written last. Equal strings
// share one entry, as in Excel. Other parts are copied unchanged, except
// [Content_Types].xml and xl/_rels/workbook.xml.rels, which get the entry
// of the new part.
//
// NOTE: the rewriting expects the markup excelize writes, where '>' occurs
// only at the end of a tag because text escapes it as "&gt;". A workbook
// saved by another program may not follow that and is rejected when it
// already has a shared string table.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sharedstrings IN.xlsx OUT.xlsx")
		os.Exit(2)
	}
	stats, err := convertFile(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "sharedstrings: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("cells=%d unique=%d\n", stats.cells, stats.unique)
}
