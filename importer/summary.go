package importer

import (
	"sort"
	"time"
)

// Summary is the result of a finished run.
type Summary struct {
	// Rows is the number of data rows read, blank rows excluded.
	Rows   int
	Counts map[Status]int
	// TopErrors are the most frequent error codes, most frequent first. A
	// row with several errors counts once for each of its codes.
	TopErrors []ErrorCount
	// Warnings are the most frequent warning codes of rows that were sent
	// or valid, and WarningRows the number of such rows with a warning.
	Warnings    []ErrorCount
	WarningRows int
	// ReportPath is the report file; ErrorsPath the errors file, or ""
	// when no row needs fixing.
	ReportPath string
	ErrorsPath string
	// EmitPath is the file of request bodies written by check --emit.
	EmitPath string
	Elapsed  time.Duration
	// Stop is set when the API stopped the run (wrong key, unknown
	// dealership, wrong base URL).
	Stop *StopError
	// Interrupted is set when Ctrl-C or SIGTERM stopped the run.
	Interrupted bool
}

// ErrorCount is how often one error code occurred, with the first rows.
type ErrorCount struct {
	Code      string
	Count     int
	FirstRows []int
}

// RowsPerSecond returns the throughput of the run.
func (s *Summary) RowsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Rows) / s.Elapsed.Seconds()
}

// AllGood reports whether every row ended accepted, valid or skipped.
func (s *Summary) AllGood() bool {
	for status, n := range s.Counts {
		if n > 0 && status != Accepted && status != Valid && status != Skipped {
			return false
		}
	}
	return true
}

// errorTally counts error codes as outcomes are recorded.
type errorTally struct {
	counts map[string]*ErrorCount
}

// maxFirstRows is how many example rows each error code keeps.
const maxFirstRows = 5

func (t *errorTally) add(code string, row int) {
	if code == "" {
		return
	}
	if t.counts == nil {
		t.counts = map[string]*ErrorCount{}
	}
	entry := t.counts[code]
	if entry == nil {
		entry = &ErrorCount{Code: code}
		t.counts[code] = entry
	}
	entry.Count++
	if len(entry.FirstRows) < maxFirstRows {
		entry.FirstRows = append(entry.FirstRows, row)
	}
}

// top returns the n most frequent codes; ties go to the code seen first.
func (t *errorTally) top(n int) []ErrorCount {
	list := make([]ErrorCount, 0, len(t.counts))
	for _, entry := range t.counts {
		list = append(list, *entry)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		return list[i].FirstRows[0] < list[j].FirstRows[0]
	})
	if len(list) > n {
		list = list[:n]
	}
	return list
}
