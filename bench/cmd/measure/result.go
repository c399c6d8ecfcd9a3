package main

import (
	"fmt"
	"strings"
)

// result is one measured program on one input: a figure per run.
type result struct {
	// key identifies the result for the targets, such as "check/csv-large".
	key     string
	program string // as the tables name it, such as "aello-import check"
	input   string // such as "1 000 000-row CSV"
	command command
	rows    int    // rows or requests per run
	unit    string // of rate: "rows/s" or "req/s"

	wall   series // seconds, from GNU time
	rssMiB series // peak RSS, from GNU time
	rate   series // rows or requests per second
	// paced is, for rate-limited sends, the response rate in the sandbox
	// log: (requests - 1) / (last response - first response).
	paced series
	// counts are the verdicts of the first run, for a check or a send.
	counts map[string]int
}

// record adds one run and prints it on one line, followed by note.
func (r *result) record(runs int, measured sample, rate float64, note string) {
	r.wall = append(r.wall, measured.seconds)
	r.rssMiB = append(r.rssMiB, measured.peakMiB())
	r.rate = append(r.rate, rate)
	fmt.Printf("%-9s %-44s run %d/%d %8.2f s %8.1f MiB %12s %s %s\n",
		r.shortProgram(), r.input, len(r.wall), runs, measured.seconds, measured.peakMiB(),
		formatNumber(rate, rateDecimals(rate)), r.unit, note)
}

func (r *result) shortProgram() string {
	name := strings.TrimPrefix(r.program, "aello-import ")
	if len(name) > 9 {
		name = name[:9]
	}
	return name
}

// rateDecimals gives small rates a decimal, so that 49.8/s and 50/s differ.
func rateDecimals(rate float64) int {
	if rate < 2000 {
		return 1
	}
	return 0
}

// ratio returns the ratio of the medians of a and b, or 0 when b is 0.
func ratio(a, b series) float64 {
	if b.median() == 0 {
		return 0
	}
	return a.median() / b.median()
}
