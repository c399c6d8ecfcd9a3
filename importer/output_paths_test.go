package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
	"github.com/aello-copilot/aello-import/importer"
)

func TestOutputIsInput(t *testing.T) {
	tests := []struct {
		name string
		// outputs returns the --report and --emit paths for the input.
		outputs func(t *testing.T, input string) (report, emit string)
	}{
		{"report is the input", func(t *testing.T, input string) (string, string) { return input, "" }},
		{"emit is the input", func(t *testing.T, input string) (string, string) { return "", input }},
		{"report links to the input", func(t *testing.T, input string) (string, string) {
			if runtime.GOOS == "windows" {
				t.Skip("symbolic links need privileges on Windows")
			}
			link := filepath.Join(t.TempDir(), "link.csv")
			if err := os.Symlink(input, link); err != nil {
				t.Fatal(err)
			}
			return link, ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			input := copyCase(t, dir, "c01_excel_fr_semicolon_cp1252.csv")
			before, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			report, emit := tt.outputs(t, input)
			m := loadCaseMapping(t, "c01_excel_fr_semicolon_cp1252.yaml")

			_, err = importer.Run(context.Background(), importer.Options{
				Input: input, Mapping: m, Source: sourceOptions(m), ReportPath: report, EmitPath: emit, Lang: i18n.English,
			})

			var setup *importer.SetupError
			if !errors.As(err, &setup) {
				t.Fatalf("Run error = %v, want a *importer.SetupError", err)
			}
			var same *importer.OutputIsInputError
			if !errors.As(err, &same) {
				t.Fatalf("Run error = %v, want an *importer.OutputIsInputError", err)
			}
			if !strings.Contains(err.Error(), "choose another --report or --emit path") {
				t.Errorf("error = %q, want it to say what to do", err)
			}
			after, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("the input changed: %d bytes before, %d after", len(before), len(after))
			}
		})
	}
}
