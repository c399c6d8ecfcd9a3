package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckStopsOnInterrupt gives check a Ctrl-C that is already waiting
// when it starts: it stops reading, writes the report of the rows it read
// and exits with ExitAborted, instead of running to the end of the file.
func TestCheckStopsOnInterrupt(t *testing.T) {
	const rows = 200_000
	dir := t.TempDir()
	var input strings.Builder
	input.WriteString("ID;Prénom;E-mail\n")
	for i := range rows {
		fmt.Fprintf(&input, "L%d;Léa;lea.%d@example.lu\n", i, i)
	}
	inputPath := filepath.Join(dir, "leads.csv")
	mappingPath := filepath.Join(dir, "mapping.yaml")
	if err := os.WriteFile(inputPath, []byte(input.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mappingPath, []byte("version: 1\nfields:\n  externalId: ID\n  contact.firstName: Prénom\n  contact.email: E-mail\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	signals := make(chan os.Signal, 1)
	signals <- os.Interrupt
	var stdout, stderr bytes.Buffer
	code := Main([]string{"check", inputPath, "-m", mappingPath}, Env{Stdout: &stdout, Stderr: &stderr, Signals: signals})

	if code != ExitAborted {
		t.Fatalf("exit status %d, want %d\nstderr:\n%s", code, ExitAborted, stderr.String())
	}
	for _, want := range []string{"Interrupted: stopping the check", "The check was interrupted", "Report: "} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	report, err := os.ReadFile(filepath.Join(dir, "leads.report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(report, []byte("\n")) - 1; lines >= rows {
		t.Errorf("the report has %d rows, want fewer than the %d of the file", lines, rows)
	}
}
