package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aello-copilot/aello-import/importer"
)

// statusLabels name each status in the summary. The English label is the
// report's status identifier; other languages show it after their word,
// so that the summary matches the report.
var statusLabels = map[importer.Status]string{
	importer.Accepted:  "accepted",
	importer.Valid:     "valid",
	importer.Skipped:   "skipped",
	importer.Invalid:   "invalid",
	importer.Rejected:  "rejected",
	importer.Failed:    "failed",
	importer.Uncertain: "uncertain",
	importer.NotSent:   "not_sent",
}

// printSummary prints the end-of-run summary on stderr: counts per
// status, the most frequent errors, the files written and what to do next.
func (a *app) printSummary(s *importer.Summary, opts importer.Options) {
	w := a.env.Stderr
	fmt.Fprintln(w)
	a.printf("Summary: %d rows in %.1f s (%.0f rows/s)\n", s.Rows, s.Elapsed.Seconds(), s.RowsPerSecond())
	for _, status := range importer.Statuses {
		if n := s.Counts[status]; n > 0 {
			fmt.Fprintf(w, "  %-24s %6d\n", a.lang.Sprintf(statusLabels[status]), n)
		}
	}

	if len(s.TopErrors) > 0 {
		a.printf("Most frequent errors:\n")
		a.printCodes(s.TopErrors)
	}

	if s.WarningRows > 0 {
		if s.WarningRows == 1 {
			a.printf("1 row was accepted or is valid with a warning (see the report's message column):\n")
		} else {
			a.printf("%d rows were accepted or are valid with a warning (see the report's message column):\n", s.WarningRows)
		}
		a.printCodes(s.Warnings)
	}
	if s.Stop != nil {
		a.printf("The run stopped early: %s\n", s.Stop.Reason.In(a.lang))
	}
	if n := s.Counts[importer.Uncertain]; n > 0 {
		if n == 1 {
			a.printf("1 row is uncertain: it was sent but no response came. Check in Aéllo whether it arrived; --resume --resend-uncertain sends it again.\n")
		} else {
			a.printf("%d rows are uncertain: they were sent but no response came. Check in Aéllo whether they arrived; --resume --resend-uncertain sends them again.\n", n)
		}
	}
	switch {
	case s.Interrupted && opts.Poster == nil:
		a.printf("The check was interrupted: the report has the rows read before it stopped.\n")
	case s.Interrupted:
		a.printf("The run was interrupted: rows not sent are marked not_sent.\n")
	}

	a.printf("Report: %s\n", s.ReportPath)
	if s.ErrorsPath != "" {
		a.printf("Rows to fix: %s\n", s.ErrorsPath)
	}
	if s.EmitPath != "" {
		a.printf("Request bodies: %s\n", s.EmitPath)
	}

	unfinished := s.Counts[importer.NotSent] + s.Counts[importer.Failed]
	// The commands shown repeat where the rows went (--base-url, --env),
	// so that copying them never sends rows to another API. The source
	// options apply to the same input only.
	target := quoteArgs(a.targetArgs)
	source := quoteArgs(a.sourceArgs)
	switch {
	case a.hideNext:
	case opts.Poster != nil && s.Stop != nil && unfinished > 0:
		a.printf("Next: fix what stopped the run (see above), then send the %d rows not sent with:\n  aello-import send %q -m %q%s%s --resume\n",
			unfinished, opts.Input, opts.Mapping.Path, target, source)
	case opts.Poster != nil && unfinished > 0:
		a.printf("Next: %d rows were not sent or failed for a temporary reason; send them, and only them, with:\n  aello-import send %q -m %q%s%s --resume\n",
			unfinished, opts.Input, opts.Mapping.Path, target, source)
	case s.ErrorsPath != "" && opts.Poster == nil:
		a.printf("Next: fix the rows in %s (the last column says what is wrong), then check them again with:\n  aello-import check %q -m %q\n",
			s.ErrorsPath, s.ErrorsPath, opts.Mapping.Path)
	case s.ErrorsPath != "":
		a.printf("Next: fix the rows in %s (the last column says what is wrong), then send them with:\n  aello-import send %q -m %q%s\n",
			s.ErrorsPath, s.ErrorsPath, opts.Mapping.Path, target)
	case opts.Poster == nil && s.AllGood():
		a.printf("Next: every row is valid; send them with:\n  aello-import send %q -m %q%s\n", opts.Input, opts.Mapping.Path, source)
	}
}

// printCodes prints one line per code with its count and first rows.
func (a *app) printCodes(codes []importer.ErrorCount) {
	for _, e := range codes {
		rows := make([]string, len(e.FirstRows))
		for i, r := range e.FirstRows {
			rows[i] = fmt.Sprint(r)
		}
		more := ""
		if e.Count > len(e.FirstRows) {
			more = ", ..."
		}
		fmt.Fprintf(a.env.Stderr, "  %-28s %6d  ", e.Code, e.Count)
		if len(rows) == 1 {
			a.printf("(row %s)\n", rows[0])
		} else {
			a.printf("(rows %s%s)\n", strings.Join(rows, ", "), more)
		}
	}
}

// quoteArgs renders command-line arguments to append to a command shown
// to the user, each quoted when it needs to be.
func quoteArgs(args []string) string {
	var b strings.Builder
	for _, arg := range args {
		b.WriteByte(' ')
		if arg == "" || strings.ContainsAny(arg, " \t\"'$&|;<>()*?") {
			b.WriteString(fmt.Sprintf("%q", arg))
		} else {
			b.WriteString(arg)
		}
	}
	return b.String()
}

// jsonSummary is the summary printed by --json, for scripts.
type jsonSummary struct {
	Rows          int            `json:"rows"`
	Counts        map[string]int `json:"counts"`
	TopErrors     []jsonError    `json:"top_errors"`
	Warnings      []jsonError    `json:"warnings"`
	WarningRows   int            `json:"warning_rows"`
	Report        string         `json:"report"`
	ErrorsFile    string         `json:"errors_file,omitempty"`
	EmitFile      string         `json:"emit_file,omitempty"`
	Seconds       float64        `json:"elapsed_seconds"`
	RowsPerSecond float64        `json:"rows_per_second"`
	Stopped       string         `json:"stopped,omitempty"`
	Interrupted   bool           `json:"interrupted"`
	ExitStatus    int            `json:"exit_status"`
}

type jsonError struct {
	Code      string `json:"code"`
	Count     int    `json:"count"`
	FirstRows []int  `json:"first_rows"`
}

// writeJSONSummary writes the summary as one JSON object and a newline.
// Texts in it are in English, whatever the --lang setting, for scripts.
func writeJSONSummary(w io.Writer, s *importer.Summary, exitStatus int) error {
	out := jsonSummary{
		Rows:          s.Rows,
		Counts:        map[string]int{},
		TopErrors:     []jsonError{},
		Warnings:      []jsonError{},
		WarningRows:   s.WarningRows,
		Report:        s.ReportPath,
		ErrorsFile:    s.ErrorsPath,
		EmitFile:      s.EmitPath,
		Seconds:       s.Elapsed.Seconds(),
		RowsPerSecond: s.RowsPerSecond(),
		Interrupted:   s.Interrupted,
		ExitStatus:    exitStatus,
	}
	for status, n := range s.Counts {
		out.Counts[string(status)] = n
	}
	for _, e := range s.TopErrors {
		out.TopErrors = append(out.TopErrors, jsonError{Code: e.Code, Count: e.Count, FirstRows: e.FirstRows})
	}
	for _, e := range s.Warnings {
		out.Warnings = append(out.Warnings, jsonError{Code: e.Code, Count: e.Count, FirstRows: e.FirstRows})
	}
	if s.Stop != nil {
		out.Stopped = s.Stop.Reason.String()
	}
	return json.NewEncoder(w).Encode(out)
}
