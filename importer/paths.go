package importer

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// ReportPaths returns where the report and the errors file go. By default
// both sit beside the input: NAME.report.csv and NAME.errors.csv (or
// .xlsx for XLSX input). A report path given by --report moves the errors
// file with it: out/x.report.csv gives out/x.errors.csv.
func ReportPaths(input, report string, format spreadsheet.Format) (reportPath, errorsPath string) {
	errorsExt := ".errors.csv"
	if format == spreadsheet.XLSX {
		errorsExt = ".errors.xlsx"
	}

	if report == "" {
		base := strings.TrimSuffix(input, filepath.Ext(input))
		return base + ".report.csv", base + errorsExt
	}

	base := report
	if strings.HasSuffix(strings.ToLower(base), ".report.csv") {
		base = base[:len(base)-len(".report.csv")]
	} else {
		base = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return report, base + errorsExt
}

// JournalPath returns where the journal of an import goes: beside the
// input, as NAME.journal.jsonl, wherever --report puts the report, so that a run with
// another report path still finds the rows sent before.
func JournalPath(input string) string {
	return strings.TrimSuffix(input, filepath.Ext(input)) + ".journal.jsonl"
}

// OutputIsInputError is an output path that names the input file, which
// writing the output would destroy.
type OutputIsInputError struct {
	// Path is the output path as given or derived.
	Path string
}

func (e *OutputIsInputError) text() i18n.Text {
	return i18n.T("the output file %s is the input file, and writing it would erase the input: choose another --report or --emit path", e.Path)
}

func (e *OutputIsInputError) Error() string { return e.text().String() }

// Render returns the message in lang, for the command line.
func (e *OutputIsInputError) Render(lang i18n.Lang) string { return e.text().In(lang) }

// checkOutputPaths returns an *OutputIsInputError when one of outputs is
// the input file, under its own name or through a link. Empty outputs are
// skipped, and an input that cannot be read is left for the reader to
// report.
func checkOutputPaths(input string, outputs ...string) error {
	in, err := os.Stat(input)
	if err != nil {
		return nil
	}
	for _, output := range outputs {
		if output == "" {
			continue
		}
		if out, err := os.Stat(output); err == nil && os.SameFile(in, out) {
			return &OutputIsInputError{Path: output}
		}
	}
	return nil
}
