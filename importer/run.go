package importer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	// done is added to by the gate when it hands the row to the senders,
	// and is done when the sender has filled the outcome.
	done sync.WaitGroup
}

// batchSize is the number of consecutive rows that travel together from
// the reader to the recorder. Handed over one by one, the rows of a
// 1M-row check spent about a tenth of its processor time in channel
// operations and wait groups, as measured with pprof.
const batchSize = 64

// batch is up to batchSize consecutive rows of the input.
type batch struct {
	items [batchSize]item
	n     int
	// mapped is done when the mappers have mapped every row.
	mapped sync.WaitGroup
}

// batches recycles the batches of recorded rows.
var batches = sync.Pool{New: func() any { return new(batch) }}

// releaseBatch clears a batch whose rows are recorded and returns it to
// batches. Nothing refers to it then: the recorder is the last stage, and
// the senders call done.Done as the last thing they do with an item. The
// wait groups are at zero, so they are ready for the next rows.
func releaseBatch(b *batch) {
	for i := range b.n {
		it := &b.items[i]
		it.outcome = Outcome{}
		it.row = spreadsheet.Row{}
		it.lead = aello.Lead{}
		it.body = nil
		it.hash = journal.Hash{}
		it.valid = false
	}
	b.n = 0
	batches.Put(b)
}

// window bounds how many rows each stage's channel holds, and so how many
// rows are in memory at once, whatever the size of the input.
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

	reportPath, errorsPath := ReportPaths(opts.Input, opts.ReportPath, table.Format())
	if err := checkOutputPaths(opts.Input, opts.Mapping.Path, JournalPath(opts.Input), reportPath, errorsPath, opts.EmitPath); err != nil {
		return nil, &SetupError{Err: err}
	}
	if err := checkWritableFolder(errorsPath); err != nil {
		return nil, &SetupError{Err: err}
	}

	// The duplicate check and large shared-string tables use temporary
	// files: a folder that cannot hold them is reported before any row.
	if err := seen.CheckDir(""); err != nil {
		return nil, &SetupError{Err: err}
	}

	rec, err := newRecorder(opts, table, reportPath, errorsPath)
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
	toMap := make(chan *batch, window/batchSize)
	gating := make(chan *batch, window/batchSize)
	recording := make(chan *batch, window/batchSize)
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
			for b := range toMap {
				for i := range b.n {
					it := &b.items[i]
					it.valid = mapRow(binding, it.row, it, &buffer, keepBody)
					it.row = spreadsheet.Row{}
				}
				b.mapped.Done()
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
	for b := range recording {
		for i := range b.n {
			it := &b.items[i]
			it.done.Wait()
			if it.outcome.Status == NotSent && it.outcome.Note.IsZero() {
				it.outcome.Note = notSentMessage(stopCtx)
			}
			if err := rec.record(it); err != nil && recordErr == nil {
				recordErr = err
				stopRun(err)
			}
		}
		releaseBatch(b)
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
// order, to the gate, in batches, until the table ends or interrupt is
// cancelled.
func read(interrupt context.Context, table spreadsheet.Table, counters *Counters, toMap, gating chan<- *batch) error {
	b := batches.Get().(*batch)
	send := func() {
		if b.n == 0 {
			return
		}
		counters.read.Add(int64(b.n))
		b.mapped.Add(1)
		toMap <- b
		gating <- b
		b = batches.Get().(*batch)
	}
	defer func() {
		send()
		batches.Put(b)
	}()

	for interrupt.Err() == nil {
		row, err := table.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}

		it := &b.items[b.n]
		b.n++
		it.row = row
		it.outcome.Row = row.Number
		it.outcome.Cells = row.Cells
		if b.n == batchSize {
			send()
		}
	}
	return nil
}

// gate takes the mapped rows in input order, checks each against the rows
// before it (duplicates, earlier runs in the journal, --limit), and hands
// it on: to the recorder always, and to the senders when it is to be sent.
// After an error of the journal or of the duplicate check, it stops the
// run. It still hands every row on, so the reader never blocks and the
// report has every row.
func gate(binding *mapping.Binding, opts Options, stopRun context.CancelCauseFunc, gating <-chan *batch, recording chan<- *batch, work chan<- *item) error {
	g := gateState{binding: binding, opts: opts, stopRun: stopRun, dups: newDuplicates()}
	defer func() {
		if err := g.dups.close(); err != nil {
			opts.Logger.Warn("temporary file of the duplicate check not removed", "error", err)
		}
	}()
	var toSend []*item
	for b := range gating {
		b.mapped.Wait()
		toSend = toSend[:0]
		for i := range b.n {
			it := &b.items[i]
			if g.admit(it) {
				// The recorder waits for the sender from here on.
				it.done.Add(1)
				toSend = append(toSend, it)
			}
		}
		recording <- b
		for _, it := range toSend {
			work <- it
		}
	}
	return g.err
}

// gateState is the gate's state between rows.
type gateState struct {
	binding *mapping.Binding
	opts    Options
	stopRun context.CancelCauseFunc
	dups    *duplicates
	queued  int   // rows handed to the senders
	err     error // the first error, which stopped the run
}

// admit settles the row's outcome when it is not to be sent, and reports
// whether it is to be sent.
func (g *gateState) admit(it *item) bool {
	opts := &g.opts
	valid, err := checkAgainstEarlierRows(g.binding, g.dups, it, it.valid)
	if err != nil && g.err == nil {
		g.err = err
		g.stopRun(&StopError{Reason: duplicateCheckFailure(err)})
	}
	if valid && opts.Poster != nil && opts.Journal != nil && g.err == nil {
		valid, err = claim(opts.Journal, opts.ResendUncertain, it)
		if err != nil {
			g.err = err
			g.stopRun(&StopError{Reason: i18n.T("the journal cannot be written (%v): free disk space or fix its permissions, then run again with --resume", err)})
		}
	}
	// After an error, rows the gate could not check are not sent.
	if g.err != nil && (valid || it.outcome.Status == "") {
		valid = false
		it.outcome.Status = NotSent
	}

	if valid && opts.Poster != nil && opts.Limit > 0 && g.queued >= opts.Limit {
		valid = false
		it.outcome.Status = NotSent
		it.outcome.Code = "limit_reached"
		it.outcome.Note = i18n.T("not sent because of --limit %d: send the other rows with --resume", opts.Limit)
	}

	if valid && opts.Poster != nil {
		g.queued++
		return true
	}
	if valid {
		it.outcome.Status = Valid
	}
	return false
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

// newRecorder creates the report at reportPath. The errors file at
// errorsPath is created at the first row to fix.
func newRecorder(opts Options, table spreadsheet.Table, reportPath, errorsPath string) (*recorder, error) {
	delimiter := table.Delimiter()
	if delimiter == 0 {
		// XLSX input: Excel in the French, German and Belgian locales of
		// our users lists with ';'.
		delimiter = ';'
	}

	report, err := newReportWriter(reportPath, delimiter, table.Header(), opts.Lang)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			// The message names the path once.
			err = pathErr.Err
		}
		return nil, &OutputPathError{Path: reportPath, Kind: OutputNotWritable, Err: err}
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
