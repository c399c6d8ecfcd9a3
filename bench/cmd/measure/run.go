package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// run prepares the inputs, measures, profiles and writes the report.
func run(ctx context.Context, cfg config) error {
	started := time.Now()
	inputsDir := filepath.Join(cfg.dataDir, "inputs")
	workDir := filepath.Join(cfg.dataDir, "work")
	logDir := filepath.Join(workDir, "logs")

	// The work directory holds this run's reports, logs and profiles.
	if err := os.RemoveAll(workDir); err != nil {
		return err
	}
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	host := describeMachine(ctx, cfg.binary)

	data := &dataset{cfg: cfg, dir: inputsDir, logDir: logDir}
	if err := data.prepare(); err != nil {
		return err
	}
	in, err := data.build(ctx, cfg.xlsxMillion == "yes")
	if err != nil {
		return err
	}

	b := &bench{cfg: cfg, in: in, runner: &runner{logDir: logDir}, workDir: workDir, body: filepath.Join(workDir, "body.json")}
	if err := emitBody(ctx, cfg.binary, cfg.mapping, in.rateFiles[cfg.rates[0]], workDir, b.body); err != nil {
		return err
	}

	steps := []struct {
		name    string
		measure func(context.Context) error
	}{
		{"CSV comparison", b.compareCSV},
		{"XLSX comparison", b.compareXLSX},
		{"send comparison", b.compareSend},
		{"rate accuracy", b.measureRates},
		{"latency-bound throughput", b.measureLatency},
		{"growth", func(ctx context.Context) error { return b.measureGrowth(ctx, in.xlsxMillion != "") }},
	}
	for _, step := range steps {
		fmt.Printf("== %s (%.0f s so far)\n", step.name, time.Since(started).Seconds())
		if err := step.measure(ctx); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}

	fmt.Printf("== profiles (%.0f s so far)\n", time.Since(started).Seconds())
	var profiles []profileResult
	for _, p := range []struct{ name, label, path string }{
		{"csv", rowsLabel(cfg.csvRows, "CSV"), in.csvLarge},
		{"xlsx", rowsLabel(cfg.xlsxRows, "XLSX, shared strings"), in.xlsxLarge},
	} {
		profile, err := b.profileCheck(ctx, p.name, p.label, p.path)
		if err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		profiles = append(profiles, profile)
	}

	if cfg.xlsxMillion == "auto" {
		if err := b.maybeMillionXLSX(ctx, data, started); err != nil {
			return err
		}
	}

	host.loadAfter = loadAverage()
	rep := &report{
		cfg:      cfg,
		machine:  host,
		results:  b.results,
		targets:  b.targets(),
		profiles: profiles,
		inputs:   data.files,
		skipped:  b.skipped,
		elapsed:  time.Since(started).Seconds(),
	}
	printTargets(os.Stdout, rep.targets)
	if err := writeReport(cfg.output, rep); err != nil {
		return err
	}
	fmt.Printf("\nwrote %s in %.0f s\n", cfg.output, time.Since(started).Seconds())
	return nil
}

// maybeMillionXLSX measures check on a workbook of csvRows rows while it
// fits in what is left of the budget. The estimate of one run scales the
// median check of the large workbook by the number of rows. Generating
// and rewriting the workbook, when it is not cached, counts as three more
// runs. Each run is stopped when the budget runs out, because the time of
// a run can grow faster than its rows.
func (b *bench) maybeMillionXLSX(ctx context.Context, data *dataset, started time.Time) error {
	large := b.find("check/xlsx-large")
	if large == nil {
		return nil
	}
	label := rowsLabel(b.cfg.csvRows, "XLSX, shared strings")
	perRun := large.wall.median() * float64(b.cfg.csvRows) / float64(b.cfg.xlsxRows)
	estimate := perRun
	if !data.hasMillionXLSX() {
		estimate += 3 * perRun
	}
	left := b.cfg.budget - time.Since(started)
	if estimate > left.Seconds() {
		b.skip(fmt.Sprintf("check on the %s: estimated at %.0f s for one run, more than the %.0f s left of the %s budget",
			label, estimate, max(left.Seconds(), 0), b.cfg.budget))
		return nil
	}

	fmt.Printf("== growth, %s (%.0f s so far, estimated %.0f s per run)\n", label, time.Since(started).Seconds(), perRun)
	in, err := data.build(ctx, true)
	if err != nil {
		return err
	}
	b.in.xlsxMillion = in.xlsxMillion

	r := b.checkResult("check/xlsx-million", label, in.xlsxMillion, b.cfg.csvRows)
	for run := range b.cfg.runs {
		left := b.cfg.budget - time.Since(started)
		if run > 0 && r.wall.max() > left.Seconds() {
			b.skip(fmt.Sprintf("runs %d to %d of check on the %s: a run took up to %.0f s, more than the %.0f s left of the %s budget",
				run+1, b.cfg.runs, label, r.wall.max(), left.Seconds(), b.cfg.budget))
			break
		}
		runCtx, cancel := context.WithTimeout(ctx, left)
		err := b.runCheck(runCtx, r)
		timedOut := errors.Is(runCtx.Err(), context.DeadlineExceeded)
		cancel()
		if err != nil && timedOut && ctx.Err() == nil {
			b.skip(fmt.Sprintf("check on the %s: run %d did not finish within the %.0f s left of the %s budget and was stopped",
				label, run+1, left.Seconds(), b.cfg.budget))
			break
		}
		if err != nil {
			return err
		}
	}
	if len(r.wall) > 0 {
		b.add(r)
	}
	return nil
}

// writeReport writes the Markdown report through a temporary file, so a
// failure leaves the previous report in place.
func writeReport(path string, rep *report) error {
	temp := path + ".tmp"
	file, err := os.Create(temp)
	if err != nil {
		return err
	}
	defer os.Remove(temp)
	writeErr := rep.write(file)
	if err := file.Close(); writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		return writeErr
	}
	return os.Rename(temp, path)
}
