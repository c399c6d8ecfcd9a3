// Command gen writes the sample dealership export that aello-import bundles
// in samples/, and larger files of the same kind for benchmarks.
//
// Usage:
//
//	go run ./samples/gen -format csv|xlsx -o PATH [-rows N] [-seed S] [-broken=false] [-mapping PATH]
//	go run ./samples/gen -list [-rows N] [-seed S]
//
// The same flags give byte-identical files. Rows are generated and written
// one at a time, so memory does not grow with -rows.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/aello-copilot/aello-import/i18n"
)

// Defaults of the bundled files.
const (
	defaultRows = 240
	defaultSeed = 2026
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

type options struct {
	rows    int
	seed    uint64
	format  string
	output  string
	broken  bool
	mapping string
	list    bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, writes the requested files and returns the exit status.
// Errors go to stderr in the language of the locale.
func run(args []string, stdout, stderr io.Writer) int {
	lang := i18n.FromEnv(os.Getenv)

	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, render(err, lang))
		return exitUsage
	}

	g := newGenerator(opts.seed, opts.broken)
	if opts.list {
		if err := writeLayout(stdout, g, opts.rows); err != nil {
			fmt.Fprintln(stderr, render(err, lang))
			return exitError
		}
		return exitOK
	}

	if opts.mapping != "" {
		if err := writeFile(opts.mapping, writeMapping); err != nil {
			fmt.Fprintln(stderr, render(err, lang))
			return exitError
		}
	}

	write := func(w io.Writer) error { return writeCSV(w, g, opts.rows) }
	if opts.format == "xlsx" {
		write = func(w io.Writer) error { return writeXLSX(w, g, opts.rows) }
	}
	if err := writeFile(opts.output, write); err != nil {
		fmt.Fprintln(stderr, render(err, lang))
		return exitError
	}
	return exitOK
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var opts options
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.IntVar(&opts.rows, "rows", defaultRows, "number of data rows below the header")
	flags.Uint64Var(&opts.seed, "seed", defaultSeed, "seed of the generated values and of the position of the broken rows")
	flags.StringVar(&opts.format, "format", "csv", "file format: csv (Windows-1252, ;) or xlsx")
	flags.StringVar(&opts.output, "o", "", "path of the file to write (required unless -list)")
	flags.BoolVar(&opts.broken, "broken", true, "include the broken, warning and cancelled rows; false makes every row valid")
	flags.StringVar(&opts.mapping, "mapping", "", "also write the mapping that fits the file to this path")
	flags.BoolVar(&opts.list, "list", false, "print the special rows by kind, as a Markdown table, instead of writing files")
	if err := flags.Parse(args); err != nil {
		return opts, err
	}

	switch {
	case flags.NArg() > 0:
		return opts, &messageError{text: i18n.T("unexpected argument %q: every setting is a flag, see -h", flags.Arg(0))}
	case opts.rows < 0:
		return opts, &messageError{text: i18n.T("invalid -rows %s: give a number of data rows, 0 or more", strconv.Itoa(opts.rows))}
	case opts.format != "csv" && opts.format != "xlsx":
		return opts, &messageError{text: i18n.T("invalid -format %q: use csv or xlsx", opts.format)}
	case opts.format == "xlsx" && opts.rows > maxXLSXRows:
		return opts, errTooManyRows(opts.rows)
	case opts.output == "" && !opts.list:
		return opts, &messageError{text: i18n.T("missing -o: give the path of the file to write")}
	}
	return opts, nil
}

func errTooManyRows(rows int) error {
	return &messageError{text: i18n.T(
		"invalid -rows %s: an Excel sheet allows at most %d data rows below the header; use -format csv or fewer rows",
		strconv.Itoa(rows), maxXLSXRows)}
}

// writeFile writes path through a temporary file in the same directory, so
// that a failed run leaves any earlier file in place.
func writeFile(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	temp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return &messageError{text: i18n.T("cannot write %s: %v", path, err), cause: err}
	}

	err = write(temp)
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Chmod(temp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(temp.Name(), path)
	}
	if err != nil {
		os.Remove(temp.Name())
		var message *messageError
		if errors.As(err, &message) {
			return err
		}
		return &messageError{text: i18n.T("cannot write %s: %v", path, err), cause: err}
	}
	return nil
}

// messageError is an error whose message is rendered in the user's
// language.
type messageError struct {
	text  i18n.Text
	cause error
}

func (e *messageError) Error() string { return e.text.String() }

func (e *messageError) Unwrap() error { return e.cause }

func render(err error, lang i18n.Lang) string {
	var message *messageError
	if errors.As(err, &message) {
		return "gen: " + message.text.In(lang)
	}
	return "gen: " + err.Error()
}
