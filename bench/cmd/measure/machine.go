package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// machine describes where the figures were measured.
type machine struct {
	date      time.Time
	cpus      int
	cpuModel  string
	memory    string
	kernel    string
	goVersion string
	binary    string // the output of "aello-import version"
	// packages are the Debian packages of the comparison tools, with
	// their versions.
	packages []string
	// loadBefore and loadAfter are /proc/loadavg at the start and the end,
	// because other work on a shared machine slows every figure.
	loadBefore, loadAfter string
}

func describeMachine(ctx context.Context, binary string) machine {
	m := machine{
		date:       time.Now().UTC(),
		cpus:       runtime.NumCPU(),
		cpuModel:   procField("/proc/cpuinfo", "model name"),
		memory:     procField("/proc/meminfo", "MemTotal"),
		kernel:     commandOutput(ctx, "uname", "-sr"),
		goVersion:  runtime.Version(),
		binary:     commandOutput(ctx, binary, "version"),
		loadBefore: loadAverage(),
	}
	for _, name := range []string{"miller", "xlsx2csv", "hey", "time"} {
		version := commandOutput(ctx, "dpkg-query", "-W", "-f", "${Version}", name)
		if version == "" {
			version = "not installed"
		}
		m.packages = append(m.packages, name+" "+version)
	}
	return m
}

// procField returns the value of the first "key: value" line of a /proc
// file, or "unknown".
func procField(path, key string) string {
	file, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer file.Close()

	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		name, value, ok := strings.Cut(scanner.Text(), ":")
		if ok && strings.TrimSpace(name) == key {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// loadAverage returns the 1, 5 and 15-minute load averages.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	fields := strings.Fields(string(data))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

// commandOutput returns the first line of a command's output, or "" when
// it fails.
func commandOutput(ctx context.Context, name string, args ...string) string {
	output, err := exec.CommandContext(ctx, name, args...).Output()
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(output)), "\n")
	return first
}

func (m machine) rows() [][2]string {
	return [][2]string{
		{"Date (UTC)", m.date.Format("2006-01-02 15:04")},
		{"CPU", fmt.Sprintf("%s, %d logical CPUs (nproc)", m.cpuModel, m.cpus)},
		{"Memory", m.memory},
		{"Kernel", m.kernel},
		{"Go", m.goVersion},
		{"aello-import", m.binary},
		{"Comparison tools (Debian packages)", strings.Join(m.packages, ", ")},
		{"Load average (1, 5, 15 min) before / after", m.loadBefore + " / " + m.loadAfter},
	}
}
