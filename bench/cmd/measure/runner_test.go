package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestParseTimeOutput(t *testing.T) {
	tests := []struct {
		name    string
		output  string
		want    sample
		wantErr bool
	}{
		{"plain", "1.25 30116\n", sample{seconds: 1.25, peakKiB: 30116}, false},
		{"after exit status line", "Command exited with non-zero status 1\n0.73 42872\n", sample{seconds: 0.73, peakKiB: 42872}, false},
		{"empty", "", sample{}, true},
		{"one field", "1.25\n", sample{}, true},
		{"bad seconds", "abc 100\n", sample{}, true},
		{"bad memory", "1.0 lots\n", sample{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseTimeOutput([]byte(tt.output))
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseTimeOutput(%q) error = %v, want error %v", tt.output, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseTimeOutput(%q) = %+v, want %+v", tt.output, got, tt.want)
			}
		})
	}
}

func TestCommandString(t *testing.T) {
	tests := []struct {
		name string
		cmd  command
		want string
	}{
		{"plain words", command{args: []string{"mlr", "--icsv", "cat", "data/x.csv"}}, "mlr --icsv cat data/x.csv"},
		{"separator quoted", command{args: []string{"mlr", "--ifs", ";"}}, "mlr --ifs ';'"},
		{"header with space", command{args: []string{"hey", "-H", "Aello-Api-Key: k"}}, "hey -H 'Aello-Api-Key: k'"},
		{"single quote escaped", command{args: []string{"echo", "it's"}}, `echo 'it'\''s'`},
		{"empty argument", command{args: []string{"x", ""}}, "x ''"},
		{"environment first", command{args: []string{"send"}, env: []string{"AELLO_API_KEY=k"}}, "AELLO_API_KEY=k send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cmd.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWithSandbox(t *testing.T) {
	got := withSandbox([]string{"--base-url", "SANDBOX", "SANDBOX/leads", "SANDBOXED"}, "http://127.0.0.1:4000")
	want := []string{"--base-url", "http://127.0.0.1:4000", "http://127.0.0.1:4000/leads", "http://127.0.0.1:4000ED"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("withSandbox() = %q, want %q", got, want)
	}
}

func TestTimedRun(t *testing.T) {
	if _, err := os.Stat(gnuTime); err != nil {
		t.Skipf("%s is not installed", gnuTime)
	}
	tests := []struct {
		name    string
		cmd     command
		wantOut string
		wantErr bool
	}{
		{"captures output", command{args: []string{"sh", "-c", "echo hello"}, capture: true}, "hello\n", false},
		{"passes environment", command{args: []string{"sh", "-c", "echo $BENCH_TEST_VALUE"}, env: []string{"BENCH_TEST_VALUE=42"}, capture: true}, "42\n", false},
		{"allowed exit status", command{args: []string{"sh", "-c", "exit 1"}, exitCodes: []int{1}}, "", false},
		{"failing command", command{args: []string{"sh", "-c", "echo broken >&2; exit 3"}, exitCodes: []int{1}}, "", true},
	}
	r := &runner{logDir: t.TempDir()}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			measured, out, err := r.timed(context.Background(), tt.cmd)
			if (err != nil) != tt.wantErr {
				t.Fatalf("timed(%s) error = %v, want error %v", tt.cmd, err, tt.wantErr)
			}
			if tt.wantErr {
				if !strings.Contains(err.Error(), "broken") {
					t.Errorf("error %q does not quote the standard error of the command", err)
				}
				return
			}
			if string(out) != tt.wantOut {
				t.Errorf("output = %q, want %q", out, tt.wantOut)
			}
			if measured.peakKiB <= 0 || measured.seconds < 0 {
				t.Errorf("measured %+v, want a positive peak RSS and a wall time of 0 or more", measured)
			}
		})
	}
}
