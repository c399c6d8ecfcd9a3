package cli

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
)

// fileFlags are the flags check and send share.
type fileFlags struct {
	source     sourceFlags
	mapping    string
	reportPath string
}

func (f *fileFlags) register(fs *flag.FlagSet) {
	f.source.register(fs)
	fs.StringVar(&f.mapping, "m", "", "")
	fs.StringVar(&f.mapping, "mapping", "", "")
	fs.StringVar(&f.reportPath, "report", "", "")
}

// load parses the arguments and loads the mapping. It returns the input
// path and the mapping.
func (f *fileFlags) load(fs *flag.FlagSet, args []string) (string, *mapping.Mapping, error) {
	positional, err := parseArgs(fs, args)
	if err != nil {
		return "", nil, err
	}
	if len(positional) != 1 {
		return "", nil, usagef("give exactly one input file (CSV or XLSX)")
	}
	if f.mapping == "" {
		return "", nil, usagef("missing mapping: add -m mapping.yaml (aello-import init %s writes one)", positional[0])
	}
	if err := checkInputFile(positional[0]); err != nil {
		return "", nil, err
	}
	if err := f.source.validate(); err != nil {
		return "", nil, err
	}
	if err := checkInputFile(f.mapping); err != nil {
		return "", nil, err
	}

	m, err := mapping.Load(f.mapping)
	if err != nil {
		return "", nil, err
	}
	return positional[0], m, nil
}

func runCheck(ctx context.Context, a *app, args []string) int {
	fs := newFlagSet("check")
	var flags fileFlags
	flags.register(fs)
	var emitPath string
	fs.StringVar(&emitPath, "emit", "", "")
	fs.BoolVar(&a.json, "json", false, "")

	input, m, err := flags.load(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp("check")
		return ExitOK
	}
	if err != nil {
		return a.fail(err)
	}

	a.sourceArgs = flags.source.args()
	opts := importer.Options{
		Input:      input,
		Mapping:    m,
		Source:     flags.source.options(m),
		ReportPath: flags.reportPath,
		EmitPath:   emitPath,
		Lang:       a.lang,
		Logger:     a.logger,
		Counters:   &importer.Counters{},
	}
	stop, release := a.interruptibleCheck(ctx)
	defer release()
	return a.runImport(stop, nil, opts)
}

// interruptibleCheck returns a context cancelled by Ctrl-C or SIGTERM,
// which stops a check at the row it has reached.
func (a *app) interruptibleCheck(ctx context.Context) (context.Context, func()) {
	stop, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		if a.env.Signals == nil {
			return
		}
		select {
		case <-a.env.Signals:
			a.printf("\nInterrupted: stopping the check and writing the report of the rows read so far.\n")
			cancel()
		case <-done:
		}
	}()
	return stop, func() {
		close(done)
		cancel()
	}
}

// runImport runs one import with a progress display and prints the
// summary. It returns the exit status.
func (a *app) runImport(ctx context.Context, abort context.Context, opts importer.Options) int {
	opts.Abort = abort
	plan := progressPlan{counters: opts.Counters, sending: opts.Poster != nil, rate: opts.Rate}
	if plan.sending {
		// A quick count of the rows gives the progress display a total,
		// and so an estimate of the time left. The sending dominates.
		if total, err := a.countRows(opts.Input, opts.Source); err == nil {
			plan.total = int64(total)
		}
	}
	progress := a.startProgress(plan)
	summary, err := importer.Run(ctx, opts)
	progress.stop()

	var setup *importer.SetupError
	if errors.As(err, &setup) {
		return a.fail(setup.Err)
	}
	if summary != nil && err != nil && opts.Poster == nil {
		// check met input that it cannot read to the end. The report
		// contains the rows before, but the summary would advise sending
		// them as if the file were complete.
		a.printf("Report: %s\n", summary.ReportPath)
		a.printf("error: %s\n", renderError(err, a.lang))
		return ExitUsage
	}
	if summary != nil && err == nil && summary.Rows == 0 && !summary.Interrupted {
		a.printf("error: %s\n", i18n.T("%s has a header but no data rows, so there is nothing to check or send: check that it is the right file and, for a workbook, the right --sheet and --header-row", opts.Input).In(a.lang))
		return ExitUsage
	}
	if summary != nil {
		a.printSummary(summary, opts)
		if a.json {
			if err := writeJSONSummary(a.env.Stdout, summary, exitStatus(summary)); err != nil {
				a.printf("error: %s\n", err)
			}
		}
	}
	if err != nil {
		a.printf("error: %s\n", renderError(err, a.lang))
		return ExitAborted
	}
	return exitStatus(summary)
}

// inputError is an input path that names no file.
type inputError struct {
	text i18n.Text
}

func (e *inputError) Error() string { return e.text.String() }

// Render renders the message in lang.
func (e *inputError) Render(lang i18n.Lang) string { return e.text.In(lang) }

// checkInputFile returns an *inputError when path does not exist or is a
// folder. Other problems, such as a missing permission, are reported when
// the file is opened.
func checkInputFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &inputError{text: i18n.T("%s does not exist: check the path and the file name", path)}
	case err == nil && info.IsDir():
		return &inputError{text: i18n.T("%s is a folder, not a file: give the path of a CSV or XLSX file", path)}
	}
	return nil
}

func exitStatus(s *importer.Summary) int {
	switch {
	case s.Stop != nil || s.Interrupted:
		return ExitAborted
	case !s.AllGood():
		return ExitRows
	}
	return ExitOK
}
