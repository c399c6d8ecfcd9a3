package main

import (
	"strings"
	"testing"
)

// fakeResult returns a result whose every run has the same rate and RSS.
func fakeResult(key string, rate, rssMiB float64) *result {
	return &result{
		key: key, program: key, input: "input of " + key, unit: "rows/s",
		command: command{args: []string{"tool", key}},
		wall:    series{1, 1, 1},
		rate:    series{rate, rate, rate},
		rssMiB:  series{rssMiB, rssMiB, rssMiB},
	}
}

// findTarget returns the target whose name starts with prefix.
func findTarget(t *testing.T, targets []target, prefix string) target {
	t.Helper()
	for _, target := range targets {
		if strings.HasPrefix(target.name, prefix) {
			return target
		}
	}
	t.Fatalf("no target named %q...", prefix)
	return target{}
}

func TestTargets(t *testing.T) {
	cfg := defaultConfig()
	b := &bench{cfg: cfg}
	b.add(fakeResult("check/csv-large", 40_000, 70))
	b.add(fakeResult("mlr/csv-large", 20_000, 400))
	b.add(fakeResult("check/csv-medium", 40_000, 50))
	b.add(fakeResult("check/xlsx-large", 20_000, 60))
	b.add(fakeResult("excelize/xlsx-large", 10_000, 30))
	b.add(fakeResult("send/unlimited", 3_000, 30))
	b.add(fakeResult("hey/unlimited", 8_000, 10))
	b.add(fakeResult("rate/50", 49.5, 20))
	b.add(fakeResult("rate/200", 190, 20))
	b.add(fakeResult("latency/8", 155, 20))
	b.add(fakeResult("latency/32", 600, 20))
	targets := b.targets()

	tests := []struct {
		prefix, status, measured string
	}{
		{"CSV check vs Miller", "met", "2.00×"},
		{"CSV check peak RSS", "missed", "70.0 MiB"},
		{"XLSX check vs excelize Rows, shared", "missed", "2.00×"},
		{"XLSX check vs excelize Rows, inline", "not measured", ""},
		{"send vs hey", "missed", "0.38×"},
		{"rate accuracy at --rate 50", "met", "0.990"},
		{"rate accuracy at --rate 200", "missed", "0.950"},
		{"rate accuracy at --rate 1000", "not measured", ""},
		{"latency-bound, concurrency 8,", "met", "0.969"},
		{"latency-bound, concurrency 32,", "missed", "0.938"},
		{"CSV check peak RSS at", "missed", "1.40×"},
		{"XLSX check peak RSS at", "not measured", ""},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got := findTarget(t, targets, tt.prefix)
			if got.status() != tt.status {
				t.Errorf("status = %q, want %q (measured %q)", got.status(), tt.status, got.measured)
			}
			if !strings.HasPrefix(got.measured, tt.measured) {
				t.Errorf("measured = %q, want it to start with %q", got.measured, tt.measured)
			}
		})
	}
}

func TestReportWrite(t *testing.T) {
	cfg := defaultConfig()
	b := &bench{cfg: cfg, skipped: []string{"the hey comparison: hey is not installed"}}
	check := b.add(fakeResult("check/csv-large", 40_000, 50))
	check.counts = map[string]int{"valid": 900, "invalid": 70, "skipped": 30}
	b.add(fakeResult("mlr/csv-large", 20_000, 400))
	send := b.add(fakeResult("send/unlimited", 3_000, 30))
	send.command = command{args: []string{"send", "--base-url", "SANDBOX"}}
	rate := b.add(fakeResult("rate/50", 49.5, 20))
	rate.paced = series{50, 50.1, 49.9}
	partial := b.add(fakeResult("check/xlsx-million", 10_000, 900))
	partial.wall, partial.rate, partial.rssMiB = series{100}, series{10_000}, series{900}

	rep := &report{cfg: cfg, results: b.results, targets: b.targets(), skipped: b.skipped,
		profiles: []profileResult{{input: "1-row CSV", command: command{args: []string{"profile"}}, cpuFlat: "flat top"}}}
	var out strings.Builder
	if err := rep.write(&out); err != nil {
		t.Fatal(err)
	}
	text := out.String()

	for _, want := range []string{
		"## Machine",
		"| CSV check vs Miller, rows/s | ≥ 2× | 2.00× (40 000 rows/s vs 20 000 rows/s) | met |",
		"### CSV: check vs Miller",
		"tool check/csv-large\ntool mlr/csv-large\n",
		"| check/csv-large | input of check/csv-large | 1.00 (1.00–1.00) | 50.0 (50.0–50.0) | 40 000 (40 000–40 000) rows/s |",
		"send --base-url http://127.0.0.1:PORT",
		"| Sandbox response rate (/s) |",
		"50.00 (49.90–50.10)",
		"check finds 900 valid, 70 invalid, 30 skipped.",
		"```text\nflat top\n```",
		"- Not measured: the hey comparison: hey is not installed.",
		"| input of check/xlsx-million (1 of 3 runs) |",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report does not contain %q", want)
		}
	}
	if strings.Contains(text, "### Latency-bound throughput") {
		t.Error("report has a section for latency results that were not measured")
	}
}
