package soak

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/aello/sandbox"
)

// ReportRow is one line of a report: the importer's leading columns and
// the input's ID column, which the samples' mapping sends as externalId.
type ReportRow struct {
	// Row is the row number as Excel shows it.
	Row        int
	Status     string
	HTTPStatus string
	Code       string
	Message    string
	ID         string
}

// ReadReport reads a report written by check or send: UTF-8 with a byte
// order mark, ';' or ',' as the delimiter, a header line naming the
// columns. It fails the test when the file is missing or malformed, or
// lacks the row, status or ID column.
func ReadReport(t testing.TB, path string) []ReportRow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read report: %v", err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))

	reader := csv.NewReader(bytes.NewReader(data))
	reader.FieldsPerRecord = -1
	reader.Comma = ','
	if firstLine, _, _ := bytes.Cut(data, []byte("\n")); bytes.Contains(firstLine, []byte(";")) {
		reader.Comma = ';'
	}
	header, err := reader.Read()
	if err != nil {
		t.Fatalf("read the header of %s: %v", path, err)
	}
	column := map[string]int{}
	for i, name := range header {
		column[name] = i
	}
	for _, name := range []string{"row", "status", "http_status", "error_code", "message", "ID"} {
		if _, ok := column[name]; !ok {
			t.Fatalf("report %s has no column %q; its header is %q", path, name, header)
		}
	}

	var rows []ReportRow
	for {
		cells, err := reader.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		cell := func(name string) string {
			if i := column[name]; i < len(cells) {
				return cells[i]
			}
			return ""
		}
		number, err := strconv.Atoi(cell("row"))
		if err != nil {
			t.Fatalf("%s: invalid row number %q", path, cell("row"))
		}
		rows = append(rows, ReportRow{
			Row:        number,
			Status:     cell("status"),
			HTTPStatus: cell("http_status"),
			Code:       cell("error_code"),
			Message:    cell("message"),
			ID:         cell("ID"),
		})
	}
}

// Ledger counts the stored copies of each external ID: the leads, and the
// messages that the sandbox merged into an earlier lead of the same
// contact and product.
func Ledger(leads []sandbox.StoredLead) map[string]int {
	stored := map[string]int{}
	for _, lead := range leads {
		stored[lead.ExternalID]++
		for _, message := range lead.Messages {
			stored[message.ExternalID]++
		}
	}
	return stored
}

// ReloadLedger opens the store file in a new sandbox, as a restart would,
// and returns its Ledger: the ground truth of what the API kept.
func ReloadLedger(t testing.TB, storePath string) map[string]int {
	t.Helper()
	server, err := sandbox.New(sandbox.Config{
		Keys:      map[string]string{"reload-only": "reload-only"},
		StorePath: storePath,
	})
	if err != nil {
		t.Fatalf("reload the store %s: %v", storePath, err)
	}
	defer server.Close()
	return Ledger(server.Leads())
}

// Figures sum up a report compared with the store.
type Figures struct {
	// Rows is the number of report rows.
	Rows int
	// Statuses counts the rows per status, with "skipped/CODE" for
	// skipped rows and "uncertain/CODE" for uncertain ones.
	Statuses map[string]int
	// Stored is the number of leads and messages in the store.
	Stored int
	// Duplicates is the number of IDs stored more than once.
	Duplicates int
	// UncertainStored is the number of uncertain rows that the store
	// contains once. The others never reached it.
	UncertainStored int
}

// Count returns the number of rows with a status, or with a
// "status/code" key for skipped and uncertain rows.
func (f Figures) Count(key string) int {
	n := f.Statuses[key]
	if !strings.Contains(key, "/") {
		for k, v := range f.Statuses {
			if strings.HasPrefix(k, key+"/") {
				n += v
			}
		}
	}
	return n
}

// String lists the figures on one line for a test log.
func (f Figures) String() string {
	keys := make([]string, 0, len(f.Statuses))
	for key := range f.Statuses {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, key := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", key, f.Statuses[key]))
	}
	return fmt.Sprintf("rows=%d stored=%d duplicates=%d uncertain_stored=%d [%s]",
		f.Rows, f.Stored, f.Duplicates, f.UncertainStored, strings.Join(parts, " "))
}

// Compare checks a report against the store, row for row: a row accepted
// now or skipped as accepted_before is stored exactly once, an uncertain
// row at most once, and any other row not at all. It also checks that
// every report row number appears once and that the store contains no ID
// that the report lacks. It returns the figures and one line per problem.
func Compare(rows []ReportRow, stored map[string]int) (Figures, []string) {
	figures := Figures{Rows: len(rows), Statuses: map[string]int{}}
	var problems []string

	for id, n := range stored {
		figures.Stored += n
		if n > 1 {
			figures.Duplicates++
			problems = append(problems, fmt.Sprintf("ID %s is stored %d times", id, n))
		}
	}

	seenRows := map[int]bool{}
	reported := map[string]bool{}
	for _, row := range rows {
		if seenRows[row.Row] {
			problems = append(problems, fmt.Sprintf("row %d appears twice in the report", row.Row))
		}
		seenRows[row.Row] = true
		if reported[row.ID] {
			problems = append(problems, fmt.Sprintf("ID %s is on two report rows; the test input must have unique IDs", row.ID))
		}
		reported[row.ID] = true

		key := row.Status
		if row.Status == "skipped" || row.Status == "uncertain" {
			key += "/" + row.Code
		}
		figures.Statuses[key]++

		n := stored[row.ID]
		switch {
		case row.Status == "accepted", row.Status == "skipped" && row.Code == "accepted_before":
			if n != 1 {
				problems = append(problems, fmt.Sprintf("row %d (ID %s) is %s but stored %d times, want 1", row.Row, row.ID, key, n))
			}
		case row.Status == "uncertain":
			if n == 1 {
				figures.UncertainStored++
			}
			if n > 1 {
				problems = append(problems, fmt.Sprintf("row %d (ID %s) is uncertain and stored %d times, want 0 or 1", row.Row, row.ID, n))
			}
		default:
			if n != 0 {
				problems = append(problems, fmt.Sprintf("row %d (ID %s) is %s but stored %d times, want 0", row.Row, row.ID, key, n))
			}
		}
	}

	for id, n := range stored {
		if !reported[id] {
			problems = append(problems, fmt.Sprintf("ID %s is stored %d times but on no report row", id, n))
		}
	}
	sort.Strings(problems)
	return figures, problems
}
