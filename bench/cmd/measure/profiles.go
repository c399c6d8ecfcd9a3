package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// profileResult holds the pprof tops of one profiled check.
type profileResult struct {
	input    string
	command  command
	cpuFlat  string
	cpuCum   string
	allocs   string
	peakHeap string
}

// profileCheck runs the profiling harness on input and renders the top 10
// functions of its CPU, allocation and peak heap profiles.
func (b *bench) profileCheck(ctx context.Context, name, label, input string) (profileResult, error) {
	base := filepath.Join(b.workDir, "profile-"+name)
	cpu, allocs, peak := base+".cpu.pprof", base+".allocs.pprof", base+".peak.pprof"
	c := command{args: []string{filepath.Join(b.cfg.tools, "profile"), "-input", input, "-mapping", b.cfg.mapping,
		"-report", base + ".report.csv", "-cpuprofile", cpu, "-memprofile", allocs, "-peakprofile", peak}}
	measured, _, err := b.runner.timed(ctx, c)
	if err != nil {
		return profileResult{}, err
	}
	fmt.Printf("%-9s %-44s %8.2f s %8.1f MiB\n", "profile", label, measured.seconds, measured.peakMiB())

	result := profileResult{input: label, command: c}
	tops := []struct {
		target *string
		args   []string
	}{
		{&result.cpuFlat, []string{"-top", cpu}},
		{&result.cpuCum, []string{"-top", "-cum", cpu}},
		{&result.allocs, []string{"-sample_index=alloc_space", "-top", allocs}},
		{&result.peakHeap, []string{"-sample_index=inuse_space", "-top", peak}},
	}
	for _, top := range tops {
		args := append([]string{"tool", "pprof", "-nodecount=10"}, top.args...)
		output, err := exec.CommandContext(ctx, "go", args...).Output()
		if err != nil {
			return result, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
		*top.target = trimPprofHeader(string(output))
	}
	return result, nil
}

// trimPprofHeader drops the lines of a pprof -top output that name the
// file, build and time of the profile, which change on every run.
func trimPprofHeader(output string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(output, "\n"), "\n") {
		if strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") || strings.HasPrefix(line, "Time:") {
			continue
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
