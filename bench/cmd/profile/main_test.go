package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRunWritesProfiles(t *testing.T) {
	dir := t.TempDir()
	opts := options{
		input:       filepath.Join("..", "..", "..", "samples", "leads.csv"),
		mapping:     filepath.Join("..", "..", "..", "samples", "mapping.yaml"),
		report:      filepath.Join(dir, "leads.report.csv"),
		cpuProfile:  filepath.Join(dir, "cpu.pprof"),
		memProfile:  filepath.Join(dir, "allocs.pprof"),
		peakProfile: filepath.Join(dir, "peak.pprof"),
	}
	if err := run(opts); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{opts.report, opts.cpuProfile, opts.memProfile, opts.peakProfile} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", filepath.Base(path))
		}
	}
	// pprof writes profiles as gzip-compressed protocol buffers.
	for _, path := range []string{opts.cpuProfile, opts.memProfile, opts.peakProfile} {
		data, _ := os.ReadFile(path)
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("%s does not start with the gzip header", filepath.Base(path))
		}
	}
}

func TestRunRejectsMissingMapping(t *testing.T) {
	opts := options{
		input:   filepath.Join("..", "..", "..", "samples", "leads.csv"),
		mapping: filepath.Join(t.TempDir(), "missing.yaml"),
	}
	if err := run(opts); err == nil {
		t.Error("run with a missing mapping returned no error")
	}
}
