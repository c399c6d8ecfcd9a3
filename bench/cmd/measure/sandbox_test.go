package main

import (
	"context"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLogField(t *testing.T) {
	line := `time=2026-01-05T09:00:00.123Z level=INFO msg="sandbox listening" addr=127.0.0.1:4000 base_url=http://127.0.0.1:4000`
	tests := []struct {
		key, want string
		found     bool
	}{
		{"time", "2026-01-05T09:00:00.123Z", true},
		{"msg", "sandbox listening", true},
		{"addr", "127.0.0.1:4000", true},
		{"base_url", "http://127.0.0.1:4000", true},
		{"url", "", false}, // only a suffix of base_url
		{"status", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, found := logField(line, tt.key)
			if got != tt.want || found != tt.found {
				t.Errorf("logField(%q) = %q, %v, want %q, %v", tt.key, got, found, tt.want, tt.found)
			}
		})
	}
}

func TestParseSandboxLog(t *testing.T) {
	log := strings.Join([]string{
		`time=2026-01-05T09:00:00.000Z level=INFO msg="sandbox listening" addr=127.0.0.1:4000 base_url=http://127.0.0.1:4000`,
		`Sandbox listening on http://127.0.0.1:4000, API keys accepted: 1. Stop it with Ctrl-C.`,
		`time=2026-01-05T09:00:01.000Z level=INFO msg=request method=POST path=/leads status=202 duration=180µs lead=lead-000001`,
		`time=2026-01-05T09:00:01.500Z level=INFO msg=request method=GET path=/_sandbox/stats status=200 duration=20µs`,
		`time=2026-01-05T09:00:02.000Z level=INFO msg=request method=POST path=/leads status=429 duration=20µs`,
		`time=2026-01-05T09:00:03.000Z level=INFO msg=request method=POST path=/leads status=202 duration=20µs lead=lead-000002`,
		`time=2026-01-05T09:00:03.100Z level=INFO msg="sandbox stopped"`,
	}, "\n")

	got, err := parseSandboxLog(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if got.requests != 3 {
		t.Errorf("requests = %d, want 3 POST /leads lines", got.requests)
	}
	if got.statuses[202] != 2 || got.statuses[429] != 1 {
		t.Errorf("statuses = %v, want 2 × 202 and 1 × 429", got.statuses)
	}
	if span := got.last.Sub(got.first); span != 2*time.Second {
		t.Errorf("span = %s, want 2s", span)
	}
	if rate := got.pacedRate(); math.Abs(rate-1) > 1e-9 {
		t.Errorf("pacedRate() = %v, want 2 requests after the first in 2 s = 1/s", rate)
	}
}

func TestParseSandboxLogRejectsBadTime(t *testing.T) {
	_, err := parseSandboxLog(strings.NewReader(`time=yesterday level=INFO msg=request method=POST path=/leads status=202`))
	if err == nil {
		t.Error("parseSandboxLog accepted a request line without a valid time")
	}
}

func TestPacedRateNeedsTwoRequests(t *testing.T) {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	if rate := (requestLog{requests: 1, first: at, last: at}).pacedRate(); rate != 0 {
		t.Errorf("pacedRate() of one request = %v, want 0", rate)
	}
}

// TestSandboxStartAndStop builds aello-import, starts its sandbox as the
// benchmarks do, posts one lead to it over loopback and stops it.
func TestSandboxStartAndStop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds aello-import")
	}
	binary := filepath.Join(t.TempDir(), "aello-import")
	build := exec.Command("go", "build", "-o", binary, "github.com/aello-copilot/aello-import")
	if output, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, output)
	}

	logPath := filepath.Join(t.TempDir(), "sandbox.log")
	s, err := startSandbox(context.Background(), binary, logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") {
		t.Fatalf("sandbox URL = %q, want a loopback URL", s.url)
	}

	body := `{"contact":{"firstName":"Zoé","email":"zoe@example.com"}}`
	request, err := http.NewRequest(http.MethodPost, s.url+"/leads", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Aello-Api-Key", apiKey)
	request.Header.Set("Content-Type", "application/json")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	response.Body.Close()
	if response.StatusCode/100 != 2 {
		t.Fatalf("POST /leads status = %d, want 2xx", response.StatusCode)
	}

	if err := s.stop(); err != nil {
		t.Fatalf("stop() = %v", err)
	}
	file, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	log, err := parseSandboxLog(file)
	if err != nil {
		t.Fatal(err)
	}
	if log.requests != 1 || log.statuses[response.StatusCode] != 1 {
		t.Errorf("sandbox log has %d requests with statuses %v, want the one POST with status %d",
			log.requests, log.statuses, response.StatusCode)
	}
}
