package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/aello-copilot/aello-import/importer"
)

// bench holds what the measurements share.
type bench struct {
	cfg     config
	in      *inputs
	runner  *runner
	workDir string
	// body is the file of the one request body that hey posts.
	body    string
	results []*result
	// skipped lists measurements that could not be made, with the reason.
	skipped []string
}

func (b *bench) add(r *result) *result {
	b.results = append(b.results, r)
	return r
}

// find returns the result with key, or nil.
func (b *bench) find(key string) *result {
	for _, r := range b.results {
		if r.key == key {
			return r
		}
	}
	return nil
}

// checkSummary is the part of "check --json" and "send --json" that the
// benchmarks read.
type checkSummary struct {
	Rows    int            `json:"rows"`
	Counts  map[string]int `json:"counts"`
	Seconds float64        `json:"elapsed_seconds"`
}

// checkResult prepares the result of "aello-import check" on input.
func (b *bench) checkResult(key, label, input string, rows int) *result {
	report := filepath.Join(b.workDir, filepath.Base(input)+".report.csv")
	return &result{
		key:     key,
		program: "aello-import check",
		input:   label,
		rows:    rows,
		unit:    "rows/s",
		command: command{
			args:      []string{b.cfg.binary, "check", input, "-m", b.cfg.mapping, "--report", report, "--json"},
			capture:   true,
			exitCodes: []int{1}, // some rows are invalid on purpose
		},
	}
}

// runCheck runs one check and records it.
func (b *bench) runCheck(ctx context.Context, r *result) error {
	measured, stdout, err := b.runner.timed(ctx, r.command)
	if err != nil {
		return err
	}
	var summary checkSummary
	if err := json.Unmarshal(stdout, &summary); err != nil {
		return fmt.Errorf("%s printed no JSON summary: %w", r.command, err)
	}
	if summary.Rows != r.rows {
		return fmt.Errorf("%s read %d rows, want %d", r.command, summary.Rows, r.rows)
	}
	if r.counts == nil {
		r.counts = summary.Counts
	}
	r.record(b.cfg.runs, measured, float64(r.rows)/measured.seconds, "")
	return nil
}

// toolResult prepares the result of a comparison tool that reads rows
// rows and writes to the null device.
func toolResult(key, program, label string, rows int, args ...string) *result {
	return &result{
		key: key, program: program, input: label, rows: rows, unit: "rows/s",
		command: command{args: args},
	}
}

// runTool runs a comparison tool once and records it.
func (b *bench) runTool(ctx context.Context, r *result) error {
	measured, _, err := b.runner.timed(ctx, r.command)
	if err != nil {
		return err
	}
	r.record(b.cfg.runs, measured, float64(r.rows)/measured.seconds, "")
	return nil
}

// alternate runs each step once per run, in turn, so that the programs of
// a comparison see the same changes in the load of the machine.
func (b *bench) alternate(ctx context.Context, steps ...func(context.Context) error) error {
	for range b.cfg.runs {
		for _, step := range steps {
			if err := step(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// compareCSV times check on the large CSV file and Miller converting the
// same rows, in UTF-8, to JSON.
func (b *bench) compareCSV(ctx context.Context) error {
	label := rowsLabel(b.cfg.csvRows, "CSV")
	check := b.add(b.checkResult("check/csv-large", label, b.in.csvLarge, b.cfg.csvRows))
	steps := []func(context.Context) error{func(ctx context.Context) error { return b.runCheck(ctx, check) }}

	if b.haveTool("mlr", "the Miller comparison") {
		mlr := b.add(toolResult("mlr/csv-large", "mlr --ojson cat", label+" (UTF-8)", b.cfg.csvRows,
			"mlr", "--icsv", "--ifs", ";", "--ojson", "cat", b.in.csvLargeUTF8))
		steps = append(steps, func(ctx context.Context) error { return b.runTool(ctx, mlr) })
	}
	return b.alternate(ctx, steps...)
}

// compareXLSX times check, a plain excelize streaming read and xlsx2csv on
// the large workbook, with a shared string table and with inline strings.
func (b *bench) compareXLSX(ctx context.Context) error {
	variants := []struct {
		key, label, path string
		xlsx2csv         bool
	}{
		{"xlsx-large", rowsLabel(b.cfg.xlsxRows, "XLSX, shared strings"), b.in.xlsxLarge, true},
		{"xlsx-large-inline", rowsLabel(b.cfg.xlsxRows, "XLSX, inline strings"), b.in.xlsxLargeInline, false},
	}
	haveXLSX2CSV := b.haveTool("xlsx2csv", "the xlsx2csv comparison")

	for _, v := range variants {
		check := b.add(b.checkResult("check/"+v.key, v.label, v.path, b.cfg.xlsxRows))
		excelize := b.add(toolResult("excelize/"+v.key, "excelize Rows", v.label, b.cfg.xlsxRows,
			filepath.Join(b.cfg.tools, "excelizeread"), v.path))
		steps := []func(context.Context) error{
			func(ctx context.Context) error { return b.runCheck(ctx, check) },
			func(ctx context.Context) error { return b.runTool(ctx, excelize) },
		}
		if v.xlsx2csv && haveXLSX2CSV {
			converter := b.add(toolResult("xlsx2csv/"+v.key, "xlsx2csv", v.label, b.cfg.xlsxRows, "xlsx2csv", v.path))
			steps = append(steps, func(ctx context.Context) error { return b.runTool(ctx, converter) })
		}
		if err := b.alternate(ctx, steps...); err != nil {
			return err
		}
	}
	return nil
}

// compareSend times send of the valid rows to a sandbox against hey
// posting one lead body as many times to another sandbox.
func (b *bench) compareSend(ctx context.Context) error {
	label := rowsLabel(b.cfg.sendRows, "CSV, all valid")
	send := b.add(b.sendResult("send/unlimited", label, b.in.sendFile, b.cfg.sendRows, 0, b.cfg.concurrency))
	steps := []func(context.Context) error{func(ctx context.Context) error {
		run, err := b.runSend(ctx, send, nil)
		if err == nil {
			send.record(b.cfg.runs, run.measured, float64(send.rows)/run.measured.seconds, "")
		}
		return err
	}}

	if b.haveTool("hey", "the hey comparison") {
		hey := b.add(&result{
			key: "hey/unlimited", program: "hey", input: fmt.Sprintf("%s requests of one lead", formatNumber(float64(b.cfg.sendRows), 0)),
			rows: b.cfg.sendRows, unit: "req/s",
			command: command{args: []string{"hey", "-n", strconv.Itoa(b.cfg.sendRows), "-c", strconv.Itoa(b.cfg.concurrency),
				"-m", "POST", "-H", "Aello-Api-Key: " + apiKey, "-T", "application/json", "-D", b.body, "SANDBOX/leads"}},
		})
		steps = append(steps, func(ctx context.Context) error { return b.runHey(ctx, hey) })
	}
	return b.alternate(ctx, steps...)
}

// sendResult prepares the result of "aello-import send" of input to a
// sandbox; the base URL is set when the sandbox has started.
func (b *bench) sendResult(key, label, input string, rows int, rate float64, concurrency int) *result {
	report := filepath.Join(b.workDir, filepath.Base(input)+".report.csv")
	return &result{
		key: key, program: "aello-import send", input: label, rows: rows, unit: "rows/s",
		command: command{
			args: []string{b.cfg.binary, "send", input, "-m", b.cfg.mapping, "--base-url", "SANDBOX",
				"--rate", strconv.FormatFloat(rate, 'f', -1, 64), "--concurrency", strconv.Itoa(concurrency),
				"--report", report, "--json"},
			env:     []string{"AELLO_API_KEY=" + apiKey},
			capture: true,
		},
	}
}

// runSend starts a fresh sandbox with the extra flags, deletes the journal
// of earlier runs, sends the file and checks that every row was accepted.
// The caller records the run with the rate it measures.
func (b *bench) runSend(ctx context.Context, r *result, sandboxFlags []string) (sendRun, error) {
	s, err := startSandbox(ctx, b.cfg.binary, b.sandboxLog(), sandboxFlags...)
	if err != nil {
		return sendRun{}, err
	}
	defer s.stop()

	input := r.command.args[2]
	if err := os.Remove(importer.JournalPath(input)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return sendRun{}, err
	}
	c := r.command
	c.args = withSandbox(c.args, s.url)
	measured, stdout, err := b.runner.timed(ctx, c)
	if err != nil {
		return sendRun{}, err
	}
	var summary checkSummary
	if err := json.Unmarshal(stdout, &summary); err != nil {
		return sendRun{}, fmt.Errorf("%s printed no JSON summary: %w", c, err)
	}
	if accepted := summary.Counts["accepted"]; accepted != r.rows {
		return sendRun{}, fmt.Errorf("%s: %d rows accepted, want %d (counts %v)", c, accepted, r.rows, summary.Counts)
	}
	if err := s.stop(); err != nil {
		return sendRun{}, err
	}

	logFile, err := os.Open(s.logPath)
	if err != nil {
		return sendRun{}, err
	}
	defer logFile.Close()
	log, err := parseSandboxLog(logFile)
	if err != nil {
		return sendRun{}, err
	}

	return sendRun{measured: measured, summary: summary, log: log}, nil
}

// sendRun is one send: GNU time's figures, the run's own summary and the
// sandbox's view of the requests.
type sendRun struct {
	measured sample
	summary  checkSummary
	log      requestLog
}

// withSandbox replaces the SANDBOX placeholder of args with the sandbox's
// base URL.
func withSandbox(args []string, url string) []string {
	replaced := make([]string, len(args))
	for i, arg := range args {
		if arg == "SANDBOX" {
			arg = url
		} else if len(arg) > len("SANDBOX") && arg[:len("SANDBOX")] == "SANDBOX" {
			arg = url + arg[len("SANDBOX"):]
		}
		replaced[i] = arg
	}
	return replaced
}

var heyStatusLine = regexp.MustCompile(`\[(\d{3})\]\s+(\d+) responses`)

// runHey posts the body with hey to a fresh sandbox and records the run.
func (b *bench) runHey(ctx context.Context, r *result) error {
	s, err := startSandbox(ctx, b.cfg.binary, b.sandboxLog())
	if err != nil {
		return err
	}
	defer s.stop()

	c := r.command
	c.args = withSandbox(c.args, s.url)
	c.capture = true
	measured, stdout, err := b.runner.timed(ctx, c)
	if err != nil {
		return err
	}
	succeeded := 0
	for _, match := range heyStatusLine.FindAllSubmatch(stdout, -1) {
		if match[1][0] == '2' {
			n, _ := strconv.Atoi(string(match[2]))
			succeeded += n
		}
	}
	if succeeded != r.rows {
		return fmt.Errorf("%s: %d responses 2xx, want %d:\n%s", c, succeeded, r.rows, stdout)
	}
	r.record(b.cfg.runs, measured, float64(r.rows)/measured.seconds, "")
	return s.stop()
}

// sandboxLog returns a new log path for the next sandbox.
func (b *bench) sandboxLog() string {
	b.runner.count++
	return filepath.Join(b.runner.logDir, fmt.Sprintf("%03d-sandbox.log", b.runner.count))
}

// measureRates sends, for each target rate, enough rows for rateSeconds.
// The achieved rate is the accepted rows divided by the run's own elapsed
// time, which is the sending phase: rows are read and validated while
// earlier ones are sent.
func (b *bench) measureRates(ctx context.Context) error {
	for _, rate := range b.cfg.rates {
		rows := rateRows(b.cfg, rate)
		r := b.add(b.sendResult(fmt.Sprintf("rate/%g", rate), fmt.Sprintf("%s rows at --rate %g", formatNumber(float64(rows), 0), rate),
			b.in.rateFiles[rate], rows, rate, b.cfg.concurrency))
		for range b.cfg.runs {
			run, err := b.runSend(ctx, r, nil)
			if err != nil {
				return err
			}
			achieved := float64(run.summary.Counts["accepted"]) / run.summary.Seconds
			r.paced = append(r.paced, run.log.pacedRate())
			r.record(b.cfg.runs, run.measured, achieved,
				fmt.Sprintf("(%.3f of --rate, sandbox response rate %.2f/s)", achieved/rate, run.log.pacedRate()))
		}
	}
	return nil
}

// measureLatency sends with no rate limit to a sandbox that responds to
// each request after the configured latency, once per concurrency.
func (b *bench) measureLatency(ctx context.Context) error {
	latency := b.cfg.latency.String()
	for _, concurrency := range b.cfg.latencyConcurrency {
		rows := latencyRows(b.cfg, concurrency)
		r := b.add(b.sendResult(fmt.Sprintf("latency/%d", concurrency),
			fmt.Sprintf("%s rows, latency %s, concurrency %d", formatNumber(float64(rows), 0), latency, concurrency),
			b.in.latencyFiles[concurrency], rows, 0, concurrency))
		for range b.cfg.runs {
			run, err := b.runSend(ctx, r, []string{"--latency", latency})
			if err != nil {
				return err
			}
			achieved := float64(run.summary.Counts["accepted"]) / run.summary.Seconds
			r.record(b.cfg.runs, run.measured, achieved,
				fmt.Sprintf("(%.3f of concurrency / latency)", achieved/(float64(concurrency)/b.cfg.latency.Seconds())))
		}
	}
	return nil
}

// measureGrowth times check on the cuts of the large files; the large
// files themselves were timed by the comparisons.
func (b *bench) measureGrowth(ctx context.Context, millionXLSX bool) error {
	files := []struct {
		key, label, path string
		rows             int
	}{
		{"check/csv-cut", rowsLabel(b.cfg.cutRows, "CSV"), b.in.csvCut, b.cfg.cutRows},
		{"check/csv-medium", rowsLabel(b.cfg.xlsxRows, "CSV"), b.in.csvMedium, b.cfg.xlsxRows},
		{"check/xlsx-cut", rowsLabel(b.cfg.cutRows, "XLSX, shared strings"), b.in.xlsxCut, b.cfg.cutRows},
	}
	if millionXLSX {
		files = append(files, struct {
			key, label, path string
			rows             int
		}{"check/xlsx-million", rowsLabel(b.cfg.csvRows, "XLSX, shared strings"), b.in.xlsxMillion, b.cfg.csvRows})
	}
	for _, f := range files {
		if err := b.measureGrowthFile(ctx, f.key, f.label, f.path, f.rows); err != nil {
			return err
		}
	}
	return nil
}

// measureGrowthFile times check on one file, runs times.
func (b *bench) measureGrowthFile(ctx context.Context, key, label, path string, rows int) error {
	r := b.add(b.checkResult(key, label, path, rows))
	for range b.cfg.runs {
		if err := b.runCheck(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// haveTool reports whether name is on the PATH, and notes the measurement
// that is skipped when it is not.
func (b *bench) haveTool(name, measurement string) bool {
	if _, err := exec.LookPath(name); err != nil {
		b.skip(fmt.Sprintf("%s: %s is not installed", measurement, name))
		return false
	}
	return true
}

// skip notes a measurement that was not made, or not fully, and why.
func (b *bench) skip(note string) {
	b.skipped = append(b.skipped, note)
	fmt.Printf("%-9s %s\n", "skip", note)
}

func rowsLabel(rows int, kind string) string {
	return fmt.Sprintf("%s-row %s", formatNumber(float64(rows), 0), kind)
}
