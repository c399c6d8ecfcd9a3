package importer_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

func TestOutputPaths(t *testing.T) {
	tests := []struct {
		name string
		// outputs returns the --report and --emit paths for the input and
		// the mapping file.
		outputs  func(t *testing.T, input, mappingPath string) (report, emit string)
		wantKind importer.OutputPathKind
	}{
		{"report is the input", func(t *testing.T, input, _ string) (string, string) { return input, "" }, importer.OutputIsInput},
		{"emit is the input", func(t *testing.T, input, _ string) (string, string) { return "", input }, importer.OutputIsInput},
		{"report links to the input", func(t *testing.T, input, _ string) (string, string) {
			if runtime.GOOS == "windows" {
				t.Skip("symbolic links need privileges on Windows")
			}
			link := filepath.Join(t.TempDir(), "link.csv")
			if err := os.Symlink(input, link); err != nil {
				t.Fatal(err)
			}
			return link, ""
		}, importer.OutputIsInput},
		{"report is the mapping", func(t *testing.T, _, mappingPath string) (string, string) { return mappingPath, "" }, importer.OutputIsMapping},
		{"report is the journal", func(t *testing.T, input, _ string) (string, string) {
			journal := importer.JournalPath(input)
			if err := os.WriteFile(journal, []byte("{}\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			return journal, ""
		}, importer.OutputIsJournal},
		{"emit is the report", func(t *testing.T, input, _ string) (string, string) {
			report, _ := importer.ReportPaths(input, "", spreadsheet.CSV)
			return "", report
		}, importer.OutputIsOtherOutput},
		{"emit is the errors file", func(t *testing.T, input, _ string) (string, string) {
			_, errorsPath := importer.ReportPaths(input, "", spreadsheet.CSV)
			return "", errorsPath
		}, importer.OutputIsOtherOutput},
		{"errors file is a folder", func(t *testing.T, input, _ string) (string, string) {
			_, errorsPath := importer.ReportPaths(input, "", spreadsheet.CSV)
			if err := os.Mkdir(errorsPath, 0o755); err != nil {
				t.Fatal(err)
			}
			return "", ""
		}, importer.OutputIsFolder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			input := copyCase(t, dir, "c01_excel_fr_semicolon_cp1252.csv")
			m := loadCaseMapping(t, "c01_excel_fr_semicolon_cp1252.yaml")
			m.Path = filepath.Join(dir, "mapping.yaml")
			if err := os.WriteFile(m.Path, []byte("version: 1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			report, emit := tt.outputs(t, input, m.Path)
			before := folderContents(t, dir)

			_, err := importer.Run(context.Background(), importer.Options{
				Input: input, Mapping: m, Source: sourceOptions(m), ReportPath: report, EmitPath: emit, Lang: i18n.English,
			})

			var setup *importer.SetupError
			if !errors.As(err, &setup) {
				t.Fatalf("Run error = %v, want a *importer.SetupError", err)
			}
			var pathErr *importer.OutputPathError
			if !errors.As(err, &pathErr) {
				t.Fatalf("Run error = %v, want an *importer.OutputPathError", err)
			}
			if pathErr.Kind != tt.wantKind {
				t.Errorf("Kind = %d, want %d (%v)", pathErr.Kind, tt.wantKind, err)
			}
			if !strings.Contains(err.Error(), "choose another --report") {
				t.Errorf("error = %q, want it to say what to do", err)
			}
			if after := folderContents(t, dir); !maps.Equal(before, after) {
				t.Errorf("the folder changed: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// folderContents returns the content of each file of dir by name, and ""
// for each folder.
func folderContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	contents := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			contents[e.Name()] = ""
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		contents[e.Name()] = string(data)
	}
	return contents
}
