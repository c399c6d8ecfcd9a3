package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// writeLayout prints the rows of every kind but kindClean as a Markdown
// table, with their Excel row numbers, followed by the count of rows per
// expected outcome. A duplicate row shows the row it copies in brackets.
func writeLayout(w io.Writer, g *generator, rows int) error {
	var rowsByKind [kindCount][]string
	outcomes := map[outcome]int{}
	for index := 0; index < rows; index++ {
		r, err := g.row(index)
		if err != nil {
			return err
		}

		outcomes[kinds[r.kind].outcome]++
		if r.kind == kindClean {
			continue
		}
		number := fmt.Sprint(r.excelRow())
		if r.copied >= 0 {
			number += fmt.Sprintf(" (%d)", r.copied+2)
		}
		rowsByKind[r.kind] = append(rowsByKind[r.kind], number)
	}

	out := bufio.NewWriter(w)
	fmt.Fprintln(out, "| Kind | Expected outcome | Rows | Count |")
	fmt.Fprintln(out, "| --- | --- | --- | --- |")
	for k := kindClean + 1; k < kindCount; k++ {
		numbers := rowsByKind[k]
		if len(numbers) == 0 {
			continue
		}
		fmt.Fprintf(out, "| %s | %s | %s | %d |\n", kinds[k].description, kinds[k].outcome, strings.Join(numbers, ", "), len(numbers))
	}
	fmt.Fprintln(out)

	valid := outcomes[outcomeValid] + outcomes[outcomeWarning]
	fmt.Fprintf(out, "%d data rows (Excel rows 2 to %d): %d valid, %d of them with a warning; %d invalid; %d skipped.\n",
		rows, rows+1, valid, outcomes[outcomeWarning], outcomes[outcomeInvalid], outcomes[outcomeSkipped])
	return out.Flush()
}
