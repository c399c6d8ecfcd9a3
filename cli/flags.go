package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints nothing itself.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses flags placed before, between or after the positional
// arguments, as in "check leads.csv -m mapping.yaml", and returns the
// positional ones. It returns flag.ErrHelp for -h and --help.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{text: translateFlagError(err.Error())}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// translateFlagError rewords the flag package's English errors as texts
// of the catalog.
func translateFlagError(message string) i18n.Text {
	var name string
	switch {
	case scanf(message, "flag provided but not defined: %s", &name):
		return i18n.T("unknown option -%s: run 'aello-import help COMMAND' for the options", name)
	case scanf(message, "flag needs an argument: %s", &name):
		return i18n.T("option -%s needs a value", name)
	}
	var value, flagName string
	if n, _ := fmt.Sscanf(message, "invalid value %q for flag %s", &value, &flagName); n == 2 {
		flagName = strings.TrimSuffix(flagName, ":")
		return i18n.T("invalid value %q for -%s: give a number, a duration such as 30s, or true or false, as the option's help says", value, flagName)
	}
	return i18n.T("%s", message)
}

func scanf(text, format string, target *string) bool {
	n, err := fmt.Sscanf(text, format, target)
	return err == nil && n == 1
}

// sourceFlags are the reader settings every file command takes; set ones
// override the mapping's source section.
type sourceFlags struct {
	sheet     string
	headerRow int
	delimiter string
	encoding  string
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.sheet, "sheet", "", "")
	fs.IntVar(&s.headerRow, "header-row", 0, "")
	fs.StringVar(&s.delimiter, "delimiter", "", "")
	fs.StringVar(&s.encoding, "encoding", "", "")
}

// options merges the flags over the mapping's source section.
func (s *sourceFlags) options(m *mapping.Mapping) spreadsheet.Options {
	var opts spreadsheet.Options
	if m != nil {
		opts = spreadsheet.Options{
			Sheet:     m.Source.Sheet,
			HeaderRow: m.Source.HeaderRow,
			Delimiter: m.Source.Delimiter,
			Encoding:  m.Source.Encoding,
		}
	}
	if s.sheet != "" {
		opts.Sheet = s.sheet
	}
	if s.headerRow != 0 {
		opts.HeaderRow = s.headerRow
	}
	if s.delimiter != "" {
		opts.Delimiter = s.delimiter
	}
	if s.encoding != "" {
		opts.Encoding = s.encoding
	}
	return opts
}

// args returns the source options that were set, as command-line
// arguments.
func (s *sourceFlags) args() []string {
	var args []string
	if s.sheet != "" {
		args = append(args, "--sheet", s.sheet)
	}
	if s.headerRow != 0 {
		args = append(args, "--header-row", strconv.Itoa(s.headerRow))
	}
	if s.delimiter != "" {
		args = append(args, "--delimiter", s.delimiter)
	}
	if s.encoding != "" {
		args = append(args, "--encoding", s.encoding)
	}
	return args
}

func (s *sourceFlags) validate() error {
	if s.headerRow < 0 {
		return usagef("invalid --header-row %d: give the 1-based row number of the header", s.headerRow)
	}
	return nil
}

// renderable is an error that can print itself in the user's language.
type renderable interface {
	Render(lang i18n.Lang) string
}

// renderError renders err in lang when err implements renderable, in
// English otherwise.
func renderError(err error, lang i18n.Lang) string {
	var r renderable
	if errors.As(err, &r) {
		return strings.TrimRight(r.Render(lang), "\n")
	}
	return err.Error()
}
