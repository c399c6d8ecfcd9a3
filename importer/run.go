package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/diag"
	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer/seen"
	"github.com/aello-copilot/aello-import/journal"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// Options configure a run. Input, Mapping and Source are required.
type Options struct {
	// Input is the CSV or XLSX file to import.
	Input   string
	Mapping *mapping.Mapping
	// Source is the reader's settings: the mapping's source section with
	// the command-line flags applied over it.
	Source spreadsheet.Options
	// ReportPath moves the report from its default place beside the input.
	ReportPath string
	// EmitPath, for check, receives each valid row's request body as a
	// JSON line {"row": N, "lead": {...}}.
	EmitPath string
	Lang     i18n.Lang
	Logger   *slog.Logger

	// Poster sends the leads. A nil Poster makes the run a check: nothing
	// is sent and valid rows end with status valid.
	Poster LeadPoster
	// Rate is the maximum number of requests per second; 0 means no limit.
	Rate float64
	// Concurrency is the number of requests in flight at most.
	Concurrency int
	// Abort, when cancelled, abandons the requests in flight; their rows
	// become uncertain. The run's own context only stops new requests.
	// Nil means never.
	Abort context.Context

	// MaxErrors stops the run after this many transient failures in a row
	// (server errors, connection failures); 0 means the default of 50.
	MaxErrors int
	// Journal, when not nil, records every send and outcome durably, and
	// rows that earlier runs recorded are not sent again.
	Journal *journal.Journal
	// Limit, when above 0, sends only the first Limit rows to be sent, for
	// a canary run; the rest are not_sent, ready for --resume.
	Limit int
	// ResendUncertain sends again the rows that earlier runs sent without
	// getting a response.
	ResendUncertain bool

	// Counters, when not nil, receive the live figures for a progress
	// display.
	Counters *Counters
}

// SetupError is a problem found before any row was processed: unreadable
// input, a mapping that does not fit the file, an unwritable report.
type SetupError struct {
	Err error
}

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// item is one row on its way from the reader to the report.
type item struct {
	outcome Outcome
	row     spreadsheet.Row
	lead    aello.Lead
	body    []byte       // the encoded lead, for valid rows
	hash    journal.Hash // the journal's identity of body
	valid   bool         // set by mapRow
	// mapped is done when mapRow is, and done when the outcome is final.
	mapped sync.WaitGroup
	done   sync.WaitGroup
}

// items recycles the items of recorded rows: one allocation per row was a
// quarter of the bytes a check allocated.
var items = sync.Pool{New: func() any { return new(item) }}

// releaseItem clears an item whose row is recorded and returns it to items.
// Nothing refers to it then: the recorder is the last stage, and the stage
// before it has called done.Done, after which it does not touch the item.
// The wait groups are at zero, so they are ready for the next row.
func releaseItem(it *item) {
	it.outcome = Outcome{}
	it.row = spreadsheet.Row{}
	it.lead = aello.Lead{}
	it.body = nil
	it.hash = journal.Hash{}
	it.valid = false
	items.Put(it)
}

// window is the buffer of each stage's channel. It bounds how many rows
// are in memory at once, whatever the size of the input.
const window = 1024

// Run imports (or, with a nil Poster, checks) the input. Cancelling ctx
// stops sending new rows; rows in flight finish, and every row left
// becomes not_sent. Every row read gets exactly one line in the report.
// The error is a *SetupError when nothing could be processed.
func Run(ctx context.Context, opts Options) (*Summary, error) {
	started := time.Now()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Counters == nil {
		opts.Counters = &Counters{}
	}
	opts.Counters.started = started
	if opts.Abort == nil {
		opts.Abort = context.Background()
	}
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}

	table, err := spreadsheet.Open(opts.Input, opts.Source)
	if err != nil {
		return nil, &SetupError{Err: err}
	}
	defer table.Close()

	if err := checkDelimiter(table); err != nil {
		return nil, &SetupError{Err: err}
	}
	binding, err := opts.Mapping.Bind(table.Header(), filepath.Base(opts.Input))
	if err != nil {
		return nil, &SetupError{Err: err}
	}

	// The duplicate check and large shared-string tables use temporary
	// files: a folder that cannot hold them is reported before any row.
	if err := seen.CheckDir(""); err != nil {
		return nil, &SetupError{Err: err}
	}

	rec, err := newRecorder(opts, table)
	if err != nil {
		return nil, &SetupError{Err: err}
	}

	summary, runErr := run(ctx, opts, table, binding, rec)
	closeErr := rec.close()
	summary.Elapsed = time.Since(started)
	if runErr != nil {
		return summary, runErr
	}
	return summary, closeErr
}

func run(ctx context.Context, opts Options, table spreadsheet.Table, binding *mapping.Binding, rec *recorder) (*Summary, error) {
	stopCtx, stopRun := context.WithCancelCause(ctx)
	defer stopRun(nil)

	// The rows flow through five stages: one reader, mappers on every core,
	// one gate that checks each row against the rows before it in input
	// order, the senders, and one recorder that writes in input order. The
	// buffered channels bound how many rows are in memory at once.
	toMap := make(chan *item, window)
	gating := make(chan *item, window)
	recording := make(chan *item, window)
	work := make(chan *item, opts.Concurrency)

	var readErr error
	go func() {
		defer close(toMap)
		defer close(gating)
		// A check stops reading when it is interrupted; a send reads on,
		// so that the rows it will not send are reported as not_sent.
		interrupt := context.Background()
		if opts.Poster == nil {
			interrupt = ctx
		}
		readErr = read(interrupt, table, opts.Counters, toMap, gating)
	}()

	for range runtime.GOMAXPROCS(0) {
		go func() {
			var buffer []byte
			keepBody := opts.Poster != nil || opts.EmitPath != ""
			for it := range toMap {
				it.valid = mapRow(binding, it.row, it, &buffer, keepBody)
				it.row = spreadsheet.Row{}
				it.mapped.Done()
			}
		}()
	}

	var gateErr error
	go func() {
		defer close(recording)
		defer close(work)
		gateErr = gate(binding, opts, stopRun, gating, recording, work)
	}()

	// Workers send the valid rows.
	var workers sync.WaitGroup
	if opts.Poster != nil {
		snd := newSender(opts.Poster, newPacer(opts.Rate, opts.Logger, time.Now), opts.Logger)
		if opts.MaxErrors > 0 {
			snd.maxConsecutive = int64(opts.MaxErrors)
		}
		for range opts.Concurrency {
			workers.Add(1)
			go func() {
				defer workers.Done()
				for it := range work {
					sendItem(stopCtx, opts.Abort, snd, opts.Journal, it, stopRun)
					it.done.Done()
				}
			}()
		}
	}

	// The recorder writes outcomes in input order as they complete.
	var recordErr error
	for it := range recording {
		it.done.Wait()
		if it.outcome.Status == NotSent && it.outcome.Note.IsZero() {
			it.outcome.Note = notSentMessage(stopCtx)
		}
		if err := rec.record(it); err != nil && recordErr == nil {
			recordErr = err
			stopRun(err)
		}
		releaseItem(it)
	}
	workers.Wait()

	summary := rec.summary()
	var stop *StopError
	if errors.As(context.Cause(stopCtx), &stop) {
		summary.Stop = stop
	}
	summary.Interrupted = ctx.Err() != nil

	if readErr != nil {
		return summary, readErr
	}
	if gateErr != nil {
		return summary, gateErr
	}
	return summary, recordErr
}

// checkDelimiter returns an error when a CSV header came out as one
// column holding another delimiter, the mark of a wrong --delimiter or
// source.delimiter: every column of the mapping would be reported missing.
func checkDelimiter(table spreadsheet.Table) error {
	header := table.Header()
	if table.Format() != spreadsheet.CSV || len(header) != 1 {
		return nil
	}
	for _, candidate := range []string{";", ",", "\t", "|"} {
		if candidate != string(table.Delimiter()) && strings.Count(header[0], candidate) >= 2 {
			delimiterName := candidate
			if candidate == "\t" {
				delimiterName = "tab"
			}
			return &diag.Diagnostic{
				Severity: diag.Error, Code: "wrong_delimiter", Row: table.HeaderRow(), Column: -1, Value: header[0],
				Message: i18n.T("the header is one column, %q, so the delimiter is probably %q: remove --delimiter and the mapping's source.delimiter, or set it to %q", header[0], delimiterName, delimiterName),
			}
		}
	}
	return nil
}

// sendItem sends one row and fills its outcome, recording both in the
// journal. A StopError stops the run.
func sendItem(stop, abort context.Context, snd *sender, j *journal.Journal, it *item, stopRun context.CancelCauseFunc) {
	if stop.Err() != nil {
		it.outcome.Status = NotSent
		return
	}

	if j != nil {
		if err := j.Sending(it.outcome.Row, it.hash); err != nil {
			it.outcome.Status = NotSent
			stopRun(&StopError{Reason: i18n.T("the journal cannot be written (%v): free disk space or fix its permissions, then run again with --resume", err)})
			return
		}
	}
	result := snd.send(stop, abort, it.outcome.Row, it.body)
	if j != nil {
		if err := j.Outcome(it.outcome.Row, it.hash, string(result.status), result.httpStatus); err != nil {
			stopRun(&StopError{Reason: i18n.T("the journal cannot be written (%v): free disk space or fix its permissions, then run again with --resume", err)})
		}
	}

	if result.status == Uncertain {
		snd.logger.Warn("row sent without a response", "row", it.outcome.Row, "error", result.message)
	}
	it.outcome.Status = result.status
	it.outcome.HTTPStatus = result.httpStatus
	if result.status != Accepted && result.status != NotSent {
		it.outcome.Code = result.code
		if it.outcome.Code == "" {
			it.outcome.Code = sendFailureCode(result)
		}
		it.outcome.Note = describeSendFailure(result)
	}
	if result.stop != nil {
		stopRun(result.stop)
	}
}

// sendFailureCode names failures that carry no API error code.
func sendFailureCode(result sendResult) string {
	switch {
	case result.status == Uncertain:
		return "no_response"
	case result.httpStatus != 0:
		return "http_" + strconv.Itoa(result.httpStatus)
	case result.status == Failed:
		return "connection_failed"
	}
	return ""
}

func notSentMessage(stop context.Context) i18n.Text {
	var stopErr *StopError
	if errors.As(context.Cause(stop), &stopErr) {
		return i18n.T("not sent because the run stopped: %s", stopErr.Reason)
	}
	return i18n.T("not sent because the run was interrupted")
}

// read hands every row of the table to the mappers and, in the same
// order, to the gate, until the table ends or interrupt is cancelled.
func read(interrupt context.Context, table spreadsheet.Table, counters *Counters, toMap, gating chan<- *item) error {
	for interrupt.Err() == nil {
		row, err := table.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		counters.read.Add(1)

		it := items.Get().(*item)
		it.row = row
		it.mapped.Add(1)
		it.done.Add(1)
		it.outcome.Row = row.Number
		it.outcome.Cells = row.Cells
		toMap <- it
		gating <- it
	}
	return nil
}

// gate takes the mapped rows in input order, checks each against the rows
// before it (duplicates, earlier runs in the journal, --limit), and hands
// it on: to the recorder always, and to the senders when it is to be sent.
// After an error of the journal or of the duplicate check, it stops the
// run. It still hands every row on, so the reader never blocks and the
// report has every row.
func gate(binding *mapping.Binding, opts Options, stopRun context.CancelCauseFunc, gating <-chan *item, recording, work chan<- *item) (gateErr error) {
	dups := newDuplicates()
	defer func() {
		if err := dups.close(); err != nil {
			opts.Logger.Warn("temporary file of the duplicate check not removed", "error", err)
		}
	}()
	queued := 0
	for it := range gating {
		it.mapped.Wait()
		valid, err := checkAgainstEarlierRows(binding, dups, it, it.valid)
		if err != nil && gateErr == nil {
			gateErr = err
			stopRun(&StopError{Reason: duplicateCheckFailure(err)})
		}
		if valid && opts.Poster != nil && opts.Journal != nil && gateErr == nil {
			valid, err = claim(opts.Journal, opts.ResendUncertain, it)
			if err != nil {
				gateErr = err
				stopRun(&StopError{Reason: i18n.T("the journal cannot be written (%v): free disk space or fix its permissions, then run again with --resume", err)})
			}
		}
		// After an error, rows the gate could not check are not sent.
		if gateErr != nil && (valid || it.outcome.Status == "") {
			valid = false
			it.outcome.Status = NotSent
		}

		if valid && opts.Poster != nil && opts.Limit > 0 && queued >= opts.Limit {
			valid = false
			it.outcome.Status = NotSent
			it.outcome.Code = "limit_reached"
			it.outcome.Note = i18n.T("not sent because of --limit %d: send the other rows with --resume", opts.Limit)
		}

		recording <- it
		if valid && opts.Poster != nil {
			queued++
			work <- it
			continue
		}
		if valid {
			it.outcome.Status = Valid
		}
		it.done.Done()
	}
	return gateErr
}

// claim looks up in the journal whether earlier runs already sent the row. It
// returns true when the row is to be sent now.
func claim(j *journal.Journal, resendUncertain bool, it *item) (bool, error) {
	it.hash = journal.HashBody(it.body)
	decision, err := j.Claim(it.hash, resendUncertain)
	if err != nil {
		return false, err
	}

	switch decision {
	case journal.AcceptedBefore:
		it.outcome.Status = Skipped
		it.outcome.Code = "accepted_before"
		it.outcome.Note = i18n.T("accepted in an earlier run: not sent again")
		return false, nil
	case journal.UncertainBefore:
		it.outcome.Status = Uncertain
		it.outcome.Code = "uncertain_before"
		it.outcome.Note = i18n.T("sent in an earlier run without getting an answer: check whether Aéllo has this lead, then run again with --resend-uncertain if it does not")
		return false, nil
	}
	return true, nil
}

// recorder writes outcomes to the report, the errors file and the emit
// file, and tallies them. Only the Run goroutine calls it.
type recorder struct {
	report      *reportWriter
	errors      errorsWriter
	emit        *os.File
	emitBuffer  *bufio.Writer
	counters    *Counters
	tally       errorTally
	warnings    errorTally
	warningRows int
	counts      map[Status]int
	rows        int
	reportPath  string
	errorsPath  string
	emitPath    string
	lastFlushed time.Time
	// errorsWidth, when above 0, is the number of input columns the
	// errors file keeps: the input's last column was our message column.
	errorsWidth int
}

func newRecorder(opts Options, table spreadsheet.Table) (*recorder, error) {
	reportPath, errorsPath := ReportPaths(opts.Input, opts.ReportPath, table.Format())
	delimiter := table.Delimiter()
	if delimiter == 0 {
		// XLSX input: Excel in the French, German and Belgian locales of
		// our users lists with ';'.
		delimiter = ';'
	}

	report, err := newReportWriter(reportPath, delimiter, table.Header(), opts.Lang)
	if err != nil {
		return nil, fmt.Errorf("create report: %w", err)
	}

	rec := &recorder{
		report:     report,
		counters:   opts.Counters,
		counts:     map[Status]int{},
		reportPath: reportPath,
		errorsPath: errorsPath,
	}
	// An errors file fed back in ends with our message column: its next
	// errors file replaces that column instead of adding another.
	errorsHeader := table.Header()
	if n := len(errorsHeader); n > 1 && isErrorColumn(errorsHeader[n-1]) {
		errorsHeader = errorsHeader[:n-1]
		rec.errorsWidth = n - 1
	}
	if table.Format() == spreadsheet.XLSX {
		rec.errors = newXLSXErrorsWriter(errorsPath, table.Sheet(), errorsHeader, opts.Lang)
	} else {
		rec.errors = newCSVErrorsWriter(errorsPath, delimiter, errorsHeader, opts.Lang)
	}

	if opts.EmitPath != "" {
		rec.emit, err = os.Create(opts.EmitPath)
		if err != nil {
			report.Close()
			return nil, fmt.Errorf("create emit file: %w", err)
		}
		rec.emitBuffer = bufio.NewWriter(rec.emit)
		rec.emitPath = opts.EmitPath
	}
	return rec, nil
}

func (r *recorder) record(it *item) error {
	o := &it.outcome
	r.rows++
	r.counts[o.Status]++
	r.counters.record(o.Status)
	r.tallyCodes(o)

	// The message is rendered once for the report and the errors file.
	message := OutcomeMessage(o, r.report.lang)
	if err := r.report.Record(o, message); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if o.Status.NeedsFix() {
		if r.errorsWidth > 0 && len(o.Cells) > r.errorsWidth {
			trimmed := *o
			trimmed.Cells = o.Cells[:r.errorsWidth]
			o = &trimmed
		}
		if err := r.errors.Record(o, message); err != nil {
			return fmt.Errorf("write errors file: %w", err)
		}
	}
	if r.emitBuffer != nil && o.Status == Valid {
		if err := writeEmitLine(r.emitBuffer, o.Row, it.body); err != nil {
			return fmt.Errorf("write emit file: %w", err)
		}
	}

	// The report is flushed at least once a second, so that it shows
	// the progress of a long run.
	if now := time.Now(); now.Sub(r.lastFlushed) > time.Second {
		r.lastFlushed = now
		return r.report.Flush()
	}
	return nil
}

// tallyCodes counts the row's error codes, each once, for the summary:
// all of them for a row that failed, and its warnings for a row that did
// not.
func (r *recorder) tallyCodes(o *Outcome) {
	switch o.Status {
	case Skipped, NotSent:
		return
	case Accepted, Valid:
		seen := map[string]bool{}
		for i := range o.Diagnostics {
			code := o.Diagnostics[i].Code
			if o.Diagnostics[i].Severity == diag.Warning && !seen[code] {
				seen[code] = true
				r.warnings.add(code, o.Row)
			}
		}
		if len(seen) > 0 {
			r.warningRows++
		}
		return
	}

	counted := false
	seen := map[string]bool{}
	for i := range o.Diagnostics {
		code := o.Diagnostics[i].Code
		if o.Diagnostics[i].Severity == diag.Error && !seen[code] {
			seen[code] = true
			counted = true
			r.tally.add(code, o.Row)
		}
	}
	if !counted {
		// Errors from the API or the transport carry no diagnostic.
		r.tally.add(o.Code, o.Row)
	}
}

func writeEmitLine(w *bufio.Writer, row int, body []byte) error {
	w.WriteString(`{"row":`)
	w.WriteString(strconv.Itoa(row))
	w.WriteString(`,"lead":`)
	w.Write(body)
	_, err := w.WriteString("}\n")
	return err
}

func (r *recorder) close() error {
	errs := []error{r.report.Close(), r.errors.Close()}
	if r.emit != nil {
		errs = append(errs, r.emitBuffer.Flush(), r.emit.Close())
	}
	return errors.Join(errs...)
}

func (r *recorder) summary() *Summary {
	s := &Summary{
		Rows:        r.rows,
		Counts:      r.counts,
		TopErrors:   r.tally.top(5),
		Warnings:    r.warnings.top(5),
		WarningRows: r.warningRows,
		ReportPath:  r.reportPath,
		EmitPath:    r.emitPath,
	}
	if r.errors.Count() > 0 {
		s.ErrorsPath = r.errorsPath
	}
	return s
}

// duplicateCheckFailure explains why the duplicate check stopped the run.
func duplicateCheckFailure(err error) i18n.Text {
	var fileErr *seen.FileError
	if errors.As(err, &fileErr) {
		return fileErr.Text()
	}
	return i18n.T("the duplicate check failed (%v): run again", err)
}
