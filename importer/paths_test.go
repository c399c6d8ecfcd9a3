package importer

import (
	"path/filepath"
	"testing"

	"github.com/aello-copilot/aello-import/spreadsheet"
)

func TestReportPaths(t *testing.T) {
	tests := []struct {
		name       string
		input      string
		report     string
		format     spreadsheet.Format
		wantReport string
		wantErrors string
	}{
		{"csv beside input", "dir/leads.csv", "", spreadsheet.CSV, "dir/leads.report.csv", "dir/leads.errors.csv"},
		{"xlsx beside input", "dir/leads.xlsx", "", spreadsheet.XLSX, "dir/leads.report.csv", "dir/leads.errors.xlsx"},
		{"txt input", "export.txt", "", spreadsheet.CSV, "export.report.csv", "export.errors.csv"},
		{"report moved", "leads.csv", "out/run1.report.csv", spreadsheet.CSV, "out/run1.report.csv", "out/run1.errors.csv"},
		{"report other name", "leads.xlsx", "out/r.csv", spreadsheet.XLSX, "out/r.csv", "out/r.errors.xlsx"},
		{"accents and spaces", "Mes exports/Prospects été.xlsx", "", spreadsheet.XLSX, "Mes exports/Prospects été.report.csv", "Mes exports/Prospects été.errors.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report, errs := ReportPaths(filepath.FromSlash(tt.input), filepath.FromSlash(tt.report), tt.format)
			if report != filepath.FromSlash(tt.wantReport) {
				t.Errorf("report = %q, want %q", report, tt.wantReport)
			}
			if errs != filepath.FromSlash(tt.wantErrors) {
				t.Errorf("errors = %q, want %q", errs, tt.wantErrors)
			}
		})
	}
}
