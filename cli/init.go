package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// previewRows is how many rows init shows as they would be sent.
const previewRows = 5

// sampleRows is how many rows init reads to find an example per column.
const sampleRows = 50

func runInit(_ context.Context, a *app, args []string) int {
	fs := newFlagSet("init")
	var source sourceFlags
	source.register(fs)
	output := fs.String("o", "mapping.yaml", "")
	force := fs.Bool("force", false, "")
	country := fs.String("country", mapping.DefaultCountry, "")

	positional, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp("init")
		return ExitOK
	}
	if err != nil {
		return a.fail(err)
	}
	if len(positional) != 1 {
		return a.fail(usagef("give exactly one input file (CSV or XLSX)"))
	}
	if err := source.validate(); err != nil {
		return a.fail(err)
	}
	input := positional[0]
	if _, err := os.Stat(*output); err == nil && !*force {
		return a.fail(usagef("%s already exists: choose another file with -o, or add --force to overwrite it", *output))
	}

	// Read the header and a sample of rows.
	table, err := spreadsheet.Open(input, source.options(nil))
	if err != nil {
		return a.fail(err)
	}
	rows, err := readSample(table, sampleRows)
	table.Close()
	if err != nil {
		return a.fail(err)
	}
	a.describeInput(input, table)

	// Guess and write the mapping.
	proposal := mapping.Guess(table.Header())
	if len(proposal.Placed) == 0 {
		return a.fail(usagef("no column of %s matches a lead field (header on row %d: %s): check --sheet and --header-row, or write the mapping by hand", input, table.HeaderRow(), strings.Join(table.Header(), ", ")))
	}
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = row.Cells
	}
	proposal.SetSamples(cells)
	proposal.Lang = a.lang

	var yaml bytes.Buffer
	if err := proposal.WriteYAML(&yaml, detectedSource(table), strings.ToUpper(*country)); err != nil {
		return a.fail(err)
	}
	if err := os.WriteFile(*output, yaml.Bytes(), 0o644); err != nil {
		return a.fail(err)
	}
	a.printf("Wrote %s: %d columns placed.\n", *output, len(proposal.Placed))
	for _, p := range proposal.Placed {
		fmt.Fprintf(a.env.Stderr, "  %-22s <- %s (%s)\n", p.Field, p.Header, diag.ColumnLetter(p.Column))
	}
	if len(proposal.Unplaced) > 0 {
		a.printf("Columns not placed (add them to the mapping if needed):\n")
		for _, column := range proposal.Unplaced {
			fmt.Fprintf(a.env.Stderr, "  %s (%s)\n", proposal.Header[column], diag.ColumnLetter(column))
		}
	}

	// Show the first rows as send would send them.
	m, err := mapping.Load(*output)
	if err != nil {
		return a.fail(err)
	}
	binding, err := m.Bind(table.Header(), filepath.Base(input))
	if err != nil {
		return a.fail(err)
	}
	a.printPreview(binding, rows)
	a.printf("Next: review %s, then run:\n  aello-import check %q -m %q\n", *output, input, *output)
	return ExitOK
}

// readSample returns up to n data rows of table.
func readSample(table spreadsheet.Table, n int) ([]spreadsheet.Row, error) {
	var rows []spreadsheet.Row
	for len(rows) < n {
		row, err := table.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// detectedSource returns the source section that reproduces what the
// reader detected, so that check reads the file the same way.
func detectedSource(table spreadsheet.Table) mapping.Source {
	src := mapping.Source{HeaderRow: table.HeaderRow()}
	if table.Format() == spreadsheet.XLSX {
		src.Sheet = table.Sheet()
		return src
	}
	src.Delimiter = string(table.Delimiter())
	src.Encoding = table.Encoding()
	return src
}

// describeInput prints what the reader found: format, sheet or dialect,
// and header row.
func (a *app) describeInput(input string, table spreadsheet.Table) {
	if table.Format() == spreadsheet.XLSX {
		a.printf("%s: XLSX, sheet %q, header on row %d.\n", input, table.Sheet(), table.HeaderRow())
		sheets, err := spreadsheet.Sheets(input)
		for _, s := range sheets {
			if s.Name == table.Sheet() && s.Visibility != spreadsheet.VisibilityVisible {
				a.printf("Note: sheet %q is hidden in Excel (%s); it is read because --sheet names it.\n", s.Name, s.Visibility)
			}
		}
		if err == nil && len(sheets) > 1 {
			a.printf("Sheets in the workbook:\n")
			for _, s := range sheets {
				fmt.Fprintf(a.env.Stderr, "  %d. %-24q %-10s ", s.Index, s.Name, s.Visibility)
				a.printf("%d rows\n", s.Rows)
			}
		}
		return
	}
	delimiter := string(table.Delimiter())
	if delimiter == "\t" {
		delimiter = "tab"
	}
	a.printf("%s: CSV, encoding %s, delimiter %q, header on row %d.\n", input, table.Encoding(), delimiter, table.HeaderRow())
}

// printPreview prints the first rows as JSON request bodies, with their
// problems.
func (a *app) printPreview(binding *mapping.Binding, rows []spreadsheet.Row) {
	if len(rows) == 0 {
		a.printf("The file has no data rows.\n")
		return
	}
	a.printf("The first rows as they would be sent:\n")
	for i, row := range rows {
		if i == previewRows {
			break
		}
		if diag.HasError(row.Diagnostics) {
			// The reader found the row broken, such as a wrong number of
			// fields: its cells may not line up with the header.
			a.printf("  row %d: invalid\n", row.Number)
			for j := range row.Diagnostics {
				fmt.Fprintf(a.env.Stderr, "    - %s\n", row.Diagnostics[j].Render(a.lang))
			}
			continue
		}
		result := binding.Apply(row.Number, row.Cells)
		problems := append(append([]diag.Diagnostic{}, row.Diagnostics...), result.Diagnostics...)
		switch {
		case result.Skipped:
			a.printf("  row %d: skipped (%s)\n", row.Number, result.SkipReason.In(a.lang))
			continue
		case diag.HasError(problems):
			a.printf("  row %d: invalid\n", row.Number)
		default:
			body, _ := json.Marshal(result.Lead)
			fmt.Fprintf(a.env.Stderr, "  %s %s: %s\n", a.lang.Sprintf("row"), strconv.Itoa(row.Number), body)
		}
		for j := range problems {
			fmt.Fprintf(a.env.Stderr, "    - %s\n", problems[j].Render(a.lang))
		}
	}
}
