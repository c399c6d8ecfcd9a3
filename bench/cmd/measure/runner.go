package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// gnuTime is GNU time, which reports the wall time and peak RSS of the
// process it runs. The shell's time keyword does not report memory.
const gnuTime = "/usr/bin/time"

// sample is GNU time's measurement of one process.
type sample struct {
	seconds float64
	peakKiB int64
}

func (s sample) peakMiB() float64 { return float64(s.peakKiB) / 1024 }

// parseTimeOutput reads the "%e %M" line that GNU time writes with -o. A
// line such as "Command exited with non-zero status 1" may come before it.
func parseTimeOutput(data []byte) (sample, error) {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	fields := strings.Fields(lines[len(lines)-1])
	if len(fields) != 2 {
		return sample{}, fmt.Errorf("unexpected output of %s: %q", gnuTime, data)
	}
	seconds, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return sample{}, fmt.Errorf("unexpected wall time in the output of %s: %q", gnuTime, data)
	}
	peak, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return sample{}, fmt.Errorf("unexpected peak RSS in the output of %s: %q", gnuTime, data)
	}
	return sample{seconds: seconds, peakKiB: peak}, nil
}

// command is one process to time.
type command struct {
	args []string
	env  []string // added to the environment of measure
	// capture keeps standard output for the caller; otherwise it goes to
	// the null device.
	capture bool
	// exitCodes are the exit statuses that count as success besides 0,
	// such as 1 for a check that found invalid rows.
	exitCodes []int
}

// String renders the command as it would be typed in a shell.
func (c command) String() string {
	quoted := make([]string, len(c.args))
	for i, arg := range c.args {
		quoted[i] = shellQuote(arg)
	}
	prefix := ""
	for _, variable := range c.env {
		prefix += shellQuote(variable) + " "
	}
	return prefix + strings.Join(quoted, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@,+", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// runner runs commands under GNU time and keeps their standard error in
// logDir, one file per run.
type runner struct {
	logDir string
	count  int
}

// timed runs c under GNU time and returns what it measured and, when
// c.capture is set, the standard output.
func (r *runner) timed(ctx context.Context, c command) (sample, []byte, error) {
	r.count++
	base := fmt.Sprintf("%03d-%s", r.count, filepath.Base(c.args[0]))
	timeFile := filepath.Join(r.logDir, base+".time")
	logPath := filepath.Join(r.logDir, base+".stderr")
	logFile, err := os.Create(logPath)
	if err != nil {
		return sample{}, nil, err
	}
	defer logFile.Close()

	args := append([]string{"-o", timeFile, "-f", "%e %M"}, c.args...)
	cmd := exec.CommandContext(ctx, gnuTime, args...)
	cmd.Env = append(os.Environ(), c.env...)
	cmd.Stderr = logFile
	var stdout bytes.Buffer
	if c.capture {
		cmd.Stdout = &stdout
	}
	setProcessGroup(cmd)

	runErr := cmd.Run()
	var exit *exec.ExitError
	if errors.As(runErr, &exit) && slices.Contains(c.exitCodes, exit.ExitCode()) {
		runErr = nil
	}
	if runErr != nil {
		return sample{}, nil, fmt.Errorf("%s: %w; its standard error is in %s:\n%s", c, runErr, logPath, tail(logPath, 10))
	}

	data, err := os.ReadFile(timeFile)
	if err != nil {
		return sample{}, nil, err
	}
	measured, err := parseTimeOutput(data)
	return measured, stdout.Bytes(), err
}

// tail returns the last lines of a log file, for error messages.
func tail(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
