package spreadsheet

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestSharedStringCellsAcrossBufferEdges reads shared-string cells with
// read buffers of many small sizes, so that the buffer is refilled at
// every offset of a cell's XML. The cell's type, read from its start tag,
// must survive a refill during the value: the cell gives its text, not
// the string's index.
func TestSharedStringCellsAcrossBufferEdges(t *testing.T) {
	const rows = 40
	var shared, sheet strings.Builder
	shared.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	sheet.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := range rows {
		fmt.Fprintf(&shared, `<si><t>text %d</t></si>`, i)
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" s="0" t="s"><v>%d</v></c><c r="B%d" t="str"><v>0%d</v></c></row>`, i+1, i+1, i, i+1, i)
	}
	shared.WriteString(`</sst>`)
	sheet.WriteString(`</sheetData></worksheet>`)
	table := readSharedStringsText(t, shared.String())

	for size := 48; size <= 160; size++ {
		reader := newSheetRowReader(strings.NewReader(sheet.String()), table, &styleTable{}, false)
		reader.scanner.buf = make([]byte, size)
		for i := range rows {
			number, cells, err := reader.next()
			if err != nil {
				t.Fatalf("buffer of %d bytes, row %d: %v", size, i+1, err)
			}
			want := []string{fmt.Sprintf("text %d", i), fmt.Sprintf("0%d", i)}
			if len(cells) != 2 || cells[0].value != want[0] || cells[1].value != want[1] {
				t.Fatalf("buffer of %d bytes, row %d: cells %+v, want values %q", size, number, cells, want)
			}
		}
		if _, _, err := reader.next(); err != io.EOF {
			t.Fatalf("buffer of %d bytes: after the last row got %v, want io.EOF", size, err)
		}
	}
}
