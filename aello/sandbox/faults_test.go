package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// distinctLead returns a valid lead whose contact differs for each i, so
// that no request merges into another.
func distinctLead(t *testing.T, i int) string {
	t.Helper()
	return leadJSON(t,
		setContact("email", fmt.Sprintf("contact%d@example.lu", i)),
		setContact("phoneNumber", fmt.Sprintf("621%06d", i)))
}

// statusSequence posts n distinct leads one after the other and returns
// their statuses.
func statusSequence(t *testing.T, cfg Config, n int) []int {
	t.Helper()
	_, baseURL := startServer(t, cfg)
	statuses := make([]int, n)
	for i := range statuses {
		statuses[i] = postLead(t, baseURL, testKey, distinctLead(t, i)).status
	}
	return statuses
}

func TestFailRate(t *testing.T) {
	const requests = 200
	cfg := testConfig()
	cfg.FailRate = 0.2
	cfg.Seed = 42
	server, baseURL := startServer(t, cfg)

	var failed, accepted int
	for i := range requests {
		got := postLead(t, baseURL, testKey, distinctLead(t, i))
		switch got.status {
		case http.StatusInternalServerError:
			failed++
			if got.body != `{"error":"Internal Server Error"}`+"\n" {
				t.Errorf("body of an injected failure = %q, want the API document's", got.body)
			}
		case http.StatusAccepted:
			accepted++
		default:
			t.Fatalf("status = %d, want 202 or 500 (body %s)", got.status, got.body)
		}
	}

	if failed < 20 || failed > 70 {
		t.Errorf("%d failures in %d requests with fail rate 0.2, want 20 to 70", failed, requests)
	}
	if got := len(server.Leads()); got != accepted {
		t.Errorf("%d leads stored, want %d (one per 202, none per 500)", got, accepted)
	}
}

func TestFaultsReproducibleWithSeed(t *testing.T) {
	cfg := func(seed int64) Config {
		c := testConfig()
		c.FailRate = 0.3
		c.Seed = seed
		return c
	}

	first := statusSequence(t, cfg(7), 60)
	again := statusSequence(t, cfg(7), 60)
	other := statusSequence(t, cfg(8), 60)

	if !slices.Equal(first, again) {
		t.Errorf("seed 7 gave two sequences:\n%v\n%v", first, again)
	}
	if slices.Equal(first, other) {
		t.Errorf("seeds 7 and 8 gave the same sequence %v", first)
	}
}

func TestDropRate(t *testing.T) {
	const requests = 100
	cfg := testConfig()
	cfg.DropRate = 0.3
	cfg.Seed = 3
	server, baseURL := startServer(t, cfg)

	var dropped, accepted int
	for i := range requests {
		req, err := http.NewRequest(http.MethodPost, baseURL+"/leads", strings.NewReader(distinctLead(t, i)))
		if err != nil {
			t.Fatalf("NewRequest: %v", err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Aello-Api-Key", testKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			dropped++
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("status = %d, want 202 or a dropped connection", resp.StatusCode)
		}
		accepted++
	}

	if dropped < 10 || dropped > 50 {
		t.Errorf("%d drops in %d requests with drop rate 0.3, want 10 to 50", dropped, requests)
	}
	if got := len(server.Leads()); got != requests {
		t.Errorf("%d leads stored, want %d: a dropped lead is stored too", got, requests)
	}
	stats := server.Stats()
	if stats.Dropped != dropped || stats.ByStatus["202"] != accepted || stats.Requests != requests {
		t.Errorf("stats = %+v, want %d dropped, %d accepted, %d requests", stats, dropped, accepted, requests)
	}
}

func TestRateLimit(t *testing.T) {
	clock := &testClock{now: day0}
	cfg := testConfig()
	cfg.Now = clock.Now
	cfg.RateLimit = 5
	server, baseURL := startServer(t, cfg)

	var statuses []int
	for i := range 8 {
		got := postLead(t, baseURL, testKey, distinctLead(t, i))
		statuses = append(statuses, got.status)
		if got.status == http.StatusTooManyRequests {
			if retry := got.header.Get("Retry-After"); retry != "1" {
				t.Errorf("Retry-After = %q, want 1", retry)
			}
			if got.error.Code != "ERR-SANDBOX-RATE_LIMITED" {
				t.Errorf("code = %q, want ERR-SANDBOX-RATE_LIMITED", got.error.Code)
			}
		}
	}
	want := []int{202, 202, 202, 202, 202, 429, 429, 429}
	if !slices.Equal(statuses, want) {
		t.Errorf("statuses in one second = %v, want %v", statuses, want)
	}
	if got := len(server.Leads()); got != 5 {
		t.Errorf("%d leads stored, want 5: a 429 stores nothing", got)
	}

	clock.Set(day0.Add(time.Second))
	if got := postLead(t, baseURL, testKey, distinctLead(t, 100)); got.status != http.StatusAccepted {
		t.Errorf("status in the next second = %d, want 202", got.status)
	}
}

func TestCheckOrder(t *testing.T) {
	tests := []struct {
		name string
		edit func(cfg *Config)
		// requests are sent in order with these keys and bodies.
		keys       []string
		bodies     []string
		wantStatus []int
	}{
		{
			name:       "auth before rate limit",
			edit:       func(cfg *Config) { cfg.RateLimit = 1 },
			keys:       []string{testKey, "unknown-key-77aa", orphanKey},
			bodies:     []string{"", "", ""},
			wantStatus: []int{400, 401, 422},
		},
		{
			name:       "rate limit before failure",
			edit:       func(cfg *Config) { cfg.RateLimit = 1; cfg.FailRate = 1 },
			keys:       []string{testKey, testKey},
			bodies:     []string{"", ""},
			wantStatus: []int{500, 429},
		},
		{
			name:       "failure before validation",
			edit:       func(cfg *Config) { cfg.FailRate = 1 },
			keys:       []string{testKey},
			bodies:     []string{"not json"},
			wantStatus: []int{500},
		},
		{
			name:       "rejected request not dropped",
			edit:       func(cfg *Config) { cfg.DropRate = 1 },
			keys:       []string{testKey},
			bodies:     []string{`{"contact":{}}`},
			wantStatus: []int{400},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			tt.edit(&cfg)
			server, baseURL := startServer(t, cfg)

			for i, key := range tt.keys {
				got := postLead(t, baseURL, key, tt.bodies[i])
				if got.status != tt.wantStatus[i] {
					t.Errorf("request %d: status = %d, want %d (body %s)", i+1, got.status, tt.wantStatus[i], got.body)
				}
			}
			if got := len(server.Leads()); got != 0 {
				t.Errorf("%d leads stored, want 0", got)
			}
		})
	}
}

func TestLatency(t *testing.T) {
	tests := []struct {
		name     string
		latency  time.Duration
		jitter   time.Duration
		min, max time.Duration
	}{
		{name: "fixed", latency: 100 * time.Millisecond, min: 100 * time.Millisecond, max: 100 * time.Millisecond},
		{name: "with jitter", latency: 100 * time.Millisecond, jitter: 20 * time.Millisecond, min: 80 * time.Millisecond, max: 120 * time.Millisecond},
		{name: "jitter above latency", latency: 5 * time.Millisecond, jitter: 50 * time.Millisecond, min: 0, max: 55 * time.Millisecond},
		{name: "none", min: 0, max: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			record := func() []time.Duration {
				cfg := testConfig()
				cfg.Latency = tt.latency
				cfg.Jitter = tt.jitter
				cfg.Seed = 11
				server, err := New(cfg)
				if err != nil {
					t.Fatalf("New error = %v", err)
				}
				var mu sync.Mutex
				var waits []time.Duration
				server.sleep = func(_ context.Context, d time.Duration) {
					mu.Lock()
					defer mu.Unlock()
					waits = append(waits, d)
				}
				baseURL, err := server.Start("")
				if err != nil {
					t.Fatalf("Start error = %v", err)
				}
				defer server.Close()

				for i := range 30 {
					postLead(t, baseURL, testKey, distinctLead(t, i))
				}
				postLead(t, baseURL, "", "")
				mu.Lock()
				defer mu.Unlock()
				return slices.Clone(waits)
			}

			waits := record()
			if len(waits) != 31 {
				t.Fatalf("got %d waits for 31 requests, want one per request", len(waits))
			}
			for _, wait := range waits {
				if wait < tt.min || wait > tt.max {
					t.Errorf("wait %v outside [%v, %v]", wait, tt.min, tt.max)
				}
			}
			if tt.jitter > 0 && slices.Min(waits) == slices.Max(waits) {
				t.Errorf("all waits are %v, want them spread by the jitter", waits[0])
			}
			if again := record(); !slices.Equal(waits, again) {
				t.Errorf("the same seed gave other waits:\n%v\n%v", waits, again)
			}
		})
	}
}

func TestStoreWriteFailure(t *testing.T) {
	cfg := testConfig()
	cfg.StorePath = t.TempDir() + "/sandbox.jsonl"
	server, baseURL := startServer(t, cfg)

	// Closing the file under the server makes the next write fail.
	if err := server.store.file.Close(); err != nil {
		t.Fatalf("close store file: %v", err)
	}

	got := postLead(t, baseURL, testKey, leadJSON(t))
	if got.status != http.StatusInternalServerError || got.error.Code != "ERR-SANDBOX-STORE_FAILED" {
		t.Errorf("response = %d %q, want 500 ERR-SANDBOX-STORE_FAILED", got.status, got.error.Code)
	}
	if leads := server.Leads(); len(leads) != 0 {
		t.Errorf("%d leads kept in memory after a failed write, want 0", len(leads))
	}
	server.store.file = nil // already closed, so Close must not fail on it
}
