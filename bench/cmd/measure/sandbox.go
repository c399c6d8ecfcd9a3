package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// apiKey is the only key the benchmark sandboxes accept.
const apiKey = "bench-key"

// sandboxStartTimeout bounds the wait for a sandbox to listen.
const sandboxStartTimeout = 10 * time.Second

// sandbox is an "aello-import sandbox" process that measure started. Its
// log, one line per request, goes to logPath.
type sandbox struct {
	cmd     *exec.Cmd
	url     string
	logPath string
	exited  chan struct{}
	waitErr error
}

// startSandbox starts a sandbox on a free port of 127.0.0.1 with extra
// flags, such as --latency, and waits until it listens.
func startSandbox(ctx context.Context, binary, logPath string, extra ...string) (*sandbox, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()

	args := append([]string{"sandbox", "--key", apiKey, "--addr", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(binary, args...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &sandbox{cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()

	deadline := time.Now().Add(sandboxStartTimeout)
	for {
		if address, ok := listeningURL(logPath); ok {
			s.url = address
			return s, nil
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("the sandbox exited before listening (%v):\n%s", s.waitErr, tail(logPath, 10))
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("the sandbox did not listen within %s:\n%s", sandboxStartTimeout, tail(logPath, 10))
		}
	}
}

// listeningURL finds the base URL in the sandbox's start line, which reads
// `msg="sandbox listening" addr=127.0.0.1:PORT base_url=http://127.0.0.1:PORT`.
// It only accepts a loopback URL.
func listeningURL(logPath string) (string, bool) {
	file, err := os.Open(logPath)
	if err != nil {
		return "", false
	}
	defer file.Close()

	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		value, ok := logField(scanner.Text(), "base_url")
		if !ok {
			continue
		}
		parsed, err := url.Parse(value)
		if err != nil || parsed.Hostname() != "127.0.0.1" {
			return "", false
		}
		return value, true
	}
	return "", false
}

// stop interrupts the sandbox, as Ctrl-C does, and kills it when it has
// not exited 10 seconds later.
func (s *sandbox) stop() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case <-s.exited:
		return nil
	case <-time.After(10 * time.Second):
		if err := s.cmd.Process.Kill(); err != nil {
			return err
		}
		<-s.exited
		return errors.New("the sandbox did not stop within 10 s of an interrupt and was killed")
	}
}

// requestLog summarizes the POST /leads lines of a sandbox log.
type requestLog struct {
	requests int
	statuses map[int]int
	// first and last are the times of the first and last request lines.
	// The sandbox writes each line when it has sent the response.
	first, last time.Time
}

// pacedRate returns the response rate: the requests after the first,
// divided by the time from the first response to the last. It returns 0
// for fewer than two requests.
func (l requestLog) pacedRate() float64 {
	span := l.last.Sub(l.first).Seconds()
	if l.requests < 2 || span <= 0 {
		return 0
	}
	return float64(l.requests-1) / span
}

// parseSandboxLog reads the request lines of a sandbox log, written by
// log/slog's text handler: `time=2026-01-05T09:00:00.123Z level=INFO
// msg=request method=POST path=/leads status=202 ...`.
func parseSandboxLog(r io.Reader) (requestLog, error) {
	log := requestLog{statuses: map[int]int{}}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 64<<10), 1<<20)
	for scanner.Scan() {
		line := scanner.Text()
		if message, _ := logField(line, "msg"); message != "request" {
			continue
		}
		if path, _ := logField(line, "path"); path != "/leads" {
			continue
		}

		stamp, _ := logField(line, "time")
		at, err := time.Parse(time.RFC3339Nano, stamp)
		if err != nil {
			return log, fmt.Errorf("sandbox log line without a valid time: %q", line)
		}
		statusText, _ := logField(line, "status")
		status, err := strconv.Atoi(statusText)
		if err != nil {
			return log, fmt.Errorf("sandbox log line without a valid status: %q", line)
		}

		if log.requests == 0 || at.Before(log.first) {
			log.first = at
		}
		if at.After(log.last) {
			log.last = at
		}
		log.requests++
		log.statuses[status]++
	}
	return log, scanner.Err()
}

// logField returns the value of key in a log/slog text line. Values that
// the handler quoted come back unquoted.
func logField(line, key string) (string, bool) {
	prefix := key + "="
	for start := 0; start < len(line); {
		at := strings.Index(line[start:], prefix)
		if at < 0 {
			return "", false
		}
		at += start
		if at > 0 && line[at-1] != ' ' {
			start = at + len(prefix)
			continue
		}
		rest := line[at+len(prefix):]
		if strings.HasPrefix(rest, `"`) {
			value, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return "", false
			}
			unquoted, err := strconv.Unquote(value)
			return unquoted, err == nil
		}
		if end := strings.IndexByte(rest, ' '); end >= 0 {
			return rest[:end], true
		}
		return rest, true
	}
	return "", false
}
