package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello"
)

// newClient returns an aello.Client for the sandbox at baseURL.
func newClient(t *testing.T, baseURL, key string) *aello.Client {
	t.Helper()
	client, err := aello.NewClient(baseURL, key, 5*time.Second)
	if err != nil {
		t.Fatalf("NewClient error = %v", err)
	}
	return client
}

func TestClientAgainstSandbox(t *testing.T) {
	var logged lockedBuffer
	storePath := filepath.Join(t.TempDir(), "sandbox.jsonl")
	cfg := testConfig()
	cfg.Logger = slogJSON(&logged)
	cfg.StorePath = storePath
	server, baseURL := startServer(t, cfg)

	tests := []struct {
		name          string
		key           string
		body          string
		wantStatus    int
		wantCode      string
		wantAccount   bool
		wantRetryable bool
	}{
		{name: "accepted", key: testKey, body: leadJSON(t), wantStatus: 202},
		{name: "merged", key: testKey, body: leadJSON(t, set("message", "again")), wantStatus: 202},
		{name: "invalid email", key: testKey, body: leadJSON(t, setContact("email", "lea@@example.lu")), wantStatus: 400, wantCode: aello.CodeInvalidEmail},
		{name: "unknown key", key: "unknown-key-2b2b", body: leadJSON(t), wantStatus: 401, wantAccount: true},
		{name: "orphan key", key: orphanKey, body: leadJSON(t), wantStatus: 422, wantCode: aello.CodeDealershipNotFound, wantAccount: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := newClient(t, baseURL, tt.key).CreateLead(context.Background(), []byte(tt.body))
			if err != nil {
				t.Fatalf("CreateLead error = %v", err)
			}
			if got.Status != tt.wantStatus || got.Code != tt.wantCode {
				t.Errorf("response = %v, want status %d code %q", got, tt.wantStatus, tt.wantCode)
			}
			if aello.IsAccountError(got) != tt.wantAccount {
				t.Errorf("IsAccountError(%v) = %v, want %v", got, !tt.wantAccount, tt.wantAccount)
			}
			if got.Retryable() != tt.wantRetryable {
				t.Errorf("Retryable(%v) = %v, want %v", got, !tt.wantRetryable, tt.wantRetryable)
			}
		})
	}

	if err := server.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}
	store, err := os.ReadFile(storePath)
	if err != nil {
		t.Fatalf("read store: %v", err)
	}
	for _, key := range []string{testKey, orphanKey, "unknown-key-2b2b"} {
		if strings.Contains(logged.String(), key) {
			t.Errorf("log contains the key %q", key)
		}
		if strings.Contains(string(store), key) {
			t.Errorf("store contains the key %q", key)
		}
	}
}

func TestClientRateLimitedAndFailed(t *testing.T) {
	tests := []struct {
		name           string
		edit           func(cfg *Config)
		wantStatus     int
		wantRetryAfter time.Duration
	}{
		{name: "rate limited", edit: func(cfg *Config) { cfg.RateLimit = 1 }, wantStatus: 429, wantRetryAfter: time.Second},
		{name: "injected failure", edit: func(cfg *Config) { cfg.RateLimit = 2; cfg.FailRate = 1 }, wantStatus: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			tt.edit(&cfg)
			_, baseURL := startServer(t, cfg)
			client := newClient(t, baseURL, testKey)

			// The first request takes the only slot of the rate limit.
			if _, err := client.CreateLead(context.Background(), []byte(distinctLead(t, 1))); err != nil {
				t.Fatalf("first CreateLead error = %v", err)
			}
			got, err := client.CreateLead(context.Background(), []byte(distinctLead(t, 2)))
			if err != nil {
				t.Fatalf("CreateLead error = %v", err)
			}
			if got.Status != tt.wantStatus || got.RetryAfter != tt.wantRetryAfter || !got.Retryable() {
				t.Errorf("response = %+v, want a retryable %d with RetryAfter %v", got, tt.wantStatus, tt.wantRetryAfter)
			}
		})
	}
}

func TestClientDroppedConnection(t *testing.T) {
	cfg := testConfig()
	cfg.DropRate = 1
	server, baseURL := startServer(t, cfg)

	resp, err := newClient(t, baseURL, testKey).CreateLead(context.Background(), []byte(leadJSON(t)))
	var transportErr *aello.TransportError
	if !errors.As(err, &transportErr) {
		t.Fatalf("CreateLead = %v, %v (%T), want a *aello.TransportError", resp, err, err)
	}
	if !transportErr.Written {
		t.Errorf("Written = false for a dropped connection, want true (error %v)", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error %q contains the key", err)
	}
	if leads := server.Leads(); len(leads) != 1 {
		t.Errorf("%d leads stored, want 1: the sandbox stores a lead before dropping", len(leads))
	}
	if stats := server.Stats(); stats.Dropped != 1 {
		t.Errorf("stats = %+v, want 1 dropped", stats)
	}
}

func TestClientTimeoutDuringLatency(t *testing.T) {
	cfg := testConfig()
	cfg.Latency = time.Minute // longer than the client's timeout; the wait ends when the client leaves
	server, baseURL := startServer(t, cfg)
	client, err := aello.NewClient(baseURL, testKey, 300*time.Millisecond)
	if err != nil {
		t.Fatalf("NewClient error = %v", err)
	}

	_, err = client.CreateLead(context.Background(), []byte(leadJSON(t)))
	var transportErr *aello.TransportError
	if !errors.As(err, &transportErr) {
		t.Fatalf("CreateLead error = %v (%T), want a *aello.TransportError", err, err)
	}
	if !transportErr.Written || !transportErr.Timeout() {
		t.Errorf("Written, Timeout = %v, %v, want true, true (error %v)", transportErr.Written, transportErr.Timeout(), err)
	}
	if leads := server.Leads(); len(leads) != 1 {
		t.Errorf("%d leads stored, want 1: the lead is stored before the latency", len(leads))
	}
	// Close waits for the handler, which responds into the closed connection
	// once its wait ends.
	if err := server.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}
	if got := server.Stats().ByStatus["202"]; got != 1 {
		t.Errorf("202 count = %d, want 1", got)
	}
}

// BenchmarkCreateLead measures the client and the sandbox together, one
// request at a time per goroutine, over loopback.
func BenchmarkCreateLead(b *testing.B) {
	server, err := New(Config{Keys: map[string]string{testKey: "Garage Bench"}})
	if err != nil {
		b.Fatalf("New error = %v", err)
	}
	defer server.Close()
	baseURL, err := server.Start("")
	if err != nil {
		b.Fatalf("Start error = %v", err)
	}
	client, err := aello.NewClient(baseURL, testKey, 5*time.Second)
	if err != nil {
		b.Fatalf("NewClient error = %v", err)
	}

	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			body := fmt.Appendf(nil, `{"contact":{"firstName":"Léa","email":"lead%d@example.lu"}}`, i)
			resp, err := client.CreateLead(context.Background(), body)
			if err != nil || resp.Status != 202 {
				b.Errorf("CreateLead = %v, %v, want 202", resp, err)
				return
			}
		}
	})
}
