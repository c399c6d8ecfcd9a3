package cli

import (
	"context"
	"errors"
	"flag"

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
	if err := f.source.validate(); err != nil {
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
	return a.runImport(ctx, nil, opts)
}

// runImport runs one import with a progress display and prints the
// summary. It returns the exit status.
func (a *app) runImport(ctx context.Context, abort context.Context, opts importer.Options) int {
	opts.Abort = abort
	progress := a.startProgress(opts.Counters, opts.Poster != nil)
	summary, err := importer.Run(ctx, opts)
	progress.stop()

	var setup *importer.SetupError
	if errors.As(err, &setup) {
		return a.fail(setup.Err)
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

func exitStatus(s *importer.Summary) int {
	switch {
	case s.Stop != nil || s.Interrupted:
		return ExitAborted
	case !s.AllGood():
		return ExitRows
	}
	return ExitOK
}
