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

// OutputPathError is an output path that cannot be used: it names a file
// that the run reads or keeps, or another output, or it cannot be created.
type OutputPathError struct {
	// Path is the output path as given or derived.
	Path string
	// Kind is the problem with Path.
	Kind OutputPathKind
	// Err is the cause, for OutputNotWritable.
	Err error
}

// OutputPathKind is the problem with an output path.
type OutputPathKind int

// The problems an output path can have.
const (
	OutputIsInput OutputPathKind = iota
	OutputIsMapping
	OutputIsJournal
	OutputIsOtherOutput
	OutputIsFolder
	OutputNotWritable
)

func (e *OutputPathError) text() i18n.Text {
	switch e.Kind {
	case OutputIsInput:
		return i18n.T("the output file %s is the input file, and writing it would erase the input: choose another --report or --emit path", e.Path)
	case OutputIsMapping:
		return i18n.T("the output file %s is the mapping file, and writing it would erase the mapping: choose another --report or --emit path", e.Path)
	case OutputIsJournal:
		return i18n.T("the output file %s is the journal of the rows already sent, and writing it would erase that record: choose another --report or --emit path", e.Path)
	case OutputIsOtherOutput:
		return i18n.T("the report, the errors file and the --emit file must be three different files, but %s is two of them: choose another --report or --emit path", e.Path)
	case OutputIsFolder:
		return i18n.T("the output file %s is a folder: choose another --report path, or move the folder away", e.Path)
	}
	return i18n.T("the output file %s cannot be created (%v): check that its folder exists and is writable, or choose another --report path", e.Path, e.Err)
}

func (e *OutputPathError) Error() string { return e.text().String() }

// Unwrap returns the cause.
func (e *OutputPathError) Unwrap() error { return e.Err }

// Render returns the message in lang, for the command line.
func (e *OutputPathError) Render(lang i18n.Lang) string { return e.text().In(lang) }

// checkOutputPaths returns an *OutputPathError when one of outputs (the
// report, errors and emit paths, "" for none) names a file that the run
// reads or keeps: the input, the mapping or the journal. Links count, and
// so does another output or a folder at that path.
func checkOutputPaths(input, mappingPath, journalPath string, outputs ...string) error {
	protected := []struct {
		path string
		kind OutputPathKind
	}{{input, OutputIsInput}, {mappingPath, OutputIsMapping}, {journalPath, OutputIsJournal}}
	for i, output := range outputs {
		if output == "" {
			continue
		}
		for _, p := range protected {
			if p.path != "" && sameFile(output, p.path) {
				return &OutputPathError{Path: output, Kind: p.kind}
			}
		}
		for _, other := range outputs[:i] {
			if other != "" && sameFile(output, other) {
				return &OutputPathError{Path: output, Kind: OutputIsOtherOutput}
			}
		}
		if info, err := os.Stat(output); err == nil && info.IsDir() {
			return &OutputPathError{Path: output, Kind: OutputIsFolder}
		}
	}
	return nil
}

// checkWritableFolder returns an *OutputPathError naming path when the
// folder of path exists but no file can be created in it. The errors file
// is created only at the first row to fix, which is too late to stop a
// send that has started.
func checkWritableFolder(path string) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); err != nil {
		// A missing folder is created with the report.
		return nil
	}
	probe, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.probe")
	if err != nil {
		return &OutputPathError{Path: path, Kind: OutputNotWritable, Err: err}
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// sameFile reports whether a and b name the same file: the same existing
// file, or the same absolute path for files that do not exist yet.
func sameFile(a, b string) bool {
	infoA, errA := os.Stat(a)
	infoB, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(infoA, infoB)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
