package importer

import (
	"path/filepath"
	"strings"

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
