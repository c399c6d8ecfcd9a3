package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/i18n"
)

// testClock is a settable clock for Config.Now.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
}

var day0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func TestMerge(t *testing.T) {
	type request struct {
		key   string
		body  func(t *testing.T) string
		after time.Duration // since day0
	}
	first := request{key: testKey, body: func(t *testing.T) string { return leadJSON(t) }}

	tests := []struct {
		name       string
		second     request
		wantMerged bool
	}{
		{name: "same contact and product next day",
			second:     request{key: testKey, body: func(t *testing.T) string { return leadJSON(t, set("message", "again")) }, after: 24 * time.Hour},
			wantMerged: true},
		{name: "29 days later",
			second:     request{key: testKey, body: func(t *testing.T) string { return leadJSON(t) }, after: 29 * 24 * time.Hour},
			wantMerged: true},
		{name: "30 days later",
			second: request{key: testKey, body: func(t *testing.T) string { return leadJSON(t) }, after: 30 * 24 * time.Hour}},
		{name: "31 days later",
			second: request{key: testKey, body: func(t *testing.T) string { return leadJSON(t) }, after: 31 * 24 * time.Hour}},
		{name: "email in other case",
			second: request{key: testKey, body: func(t *testing.T) string {
				return leadJSON(t, setContact("email", "LEA.Muller@EXAMPLE.lu"), setContact("phoneNumber", "621000099"))
			}, after: time.Hour},
			wantMerged: true},
		{name: "same phone other email",
			second: request{key: testKey, body: func(t *testing.T) string {
				return leadJSON(t, setContact("email", "lea@example.org"))
			}, after: time.Hour},
			wantMerged: true},
		{name: "same phone no email",
			second: request{key: testKey, body: func(t *testing.T) string {
				return leadJSON(t, setContact("email", nil))
			}, after: time.Hour},
			wantMerged: true},
		{name: "other contact",
			second: request{key: testKey, body: func(t *testing.T) string {
				return leadJSON(t, setContact("email", "leo@example.lu"), setContact("phoneNumber", "621000099"))
			}, after: time.Hour}},
		{name: "same phone number other country",
			second: request{key: testKey, body: func(t *testing.T) string {
				return leadJSON(t, setContact("email", nil), setContact("phoneCountryCode", "33"))
			}, after: time.Hour}},
		{name: "other product",
			second: request{key: testKey, body: func(t *testing.T) string { return leadJSON(t, setProduct("reference", "REF-2")) }, after: time.Hour}},
		{name: "second without product",
			second: request{key: testKey, body: func(t *testing.T) string { return leadJSON(t, set("product", nil)) }, after: time.Hour}},
		{name: "other dealership",
			second: request{key: otherKey, body: func(t *testing.T) string { return leadJSON(t) }, after: time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &testClock{now: day0}
			cfg := testConfig()
			cfg.Now = clock.Now
			server, baseURL := startServer(t, cfg)

			firstAnswer := postLead(t, baseURL, first.key, first.body(t))
			clock.Set(day0.Add(tt.second.after))
			secondAnswer := postLead(t, baseURL, tt.second.key, tt.second.body(t))
			if firstAnswer.status != http.StatusAccepted || secondAnswer.status != http.StatusAccepted {
				t.Fatalf("statuses = %d, %d, want 202, 202 (%s %s)", firstAnswer.status, secondAnswer.status, firstAnswer.body, secondAnswer.body)
			}

			leads := server.Leads()
			merged := secondAnswer.header.Get("Sandbox-Merged") == "true"
			sameLead := secondAnswer.header.Get("Sandbox-Lead-Id") == firstAnswer.header.Get("Sandbox-Lead-Id")
			if merged != tt.wantMerged || sameLead != tt.wantMerged {
				t.Errorf("Sandbox-Merged = %v, same lead id = %v, want %v", merged, sameLead, tt.wantMerged)
			}
			if tt.wantMerged {
				if len(leads) != 1 || len(leads[0].Messages) != 1 {
					t.Fatalf("leads = %+v, want one lead with one message", leads)
				}
				if got, want := leads[0].Messages[0].Created, day0.Add(tt.second.after); !got.Equal(want) {
					t.Errorf("message created %v, want %v", got, want)
				}
				return
			}
			if len(leads) != 2 {
				t.Fatalf("got %d leads, want 2", len(leads))
			}
			for _, lead := range leads {
				if len(lead.Messages) != 0 {
					t.Errorf("lead %s has messages %+v, want none", lead.ID, lead.Messages)
				}
			}
		})
	}
}

func TestMergeWithoutProducts(t *testing.T) {
	clock := &testClock{now: day0}
	cfg := testConfig()
	cfg.Now = clock.Now
	server, baseURL := startServer(t, cfg)

	postLead(t, baseURL, testKey, leadJSON(t, set("product", nil)))
	clock.Set(day0.Add(time.Hour))
	got := postLead(t, baseURL, testKey, leadJSON(t, set("product", map[string]any{})))

	if got.header.Get("Sandbox-Merged") != "true" {
		t.Errorf("Sandbox-Merged = %q, want true for two requests without product", got.header.Get("Sandbox-Merged"))
	}
	if leads := server.Leads(); len(leads) != 1 {
		t.Errorf("got %d leads, want 1", len(leads))
	}
}

func TestMergePicksMostRecentLead(t *testing.T) {
	clock := &testClock{now: day0}
	cfg := testConfig()
	cfg.Now = clock.Now
	server, baseURL := startServer(t, cfg)

	// Two leads for the same product: one by email, a later one by phone.
	byEmail := postLead(t, baseURL, testKey, leadJSON(t, setContact("phoneNumber", nil), setContact("phoneCountryCode", nil)))
	clock.Set(day0.Add(time.Hour))
	byPhone := postLead(t, baseURL, testKey, leadJSON(t, setContact("email", nil)))
	clock.Set(day0.Add(2 * time.Hour))
	both := postLead(t, baseURL, testKey, leadJSON(t))

	if byEmail.header.Get("Sandbox-Lead-Id") == byPhone.header.Get("Sandbox-Lead-Id") {
		t.Fatalf("the email-only and phone-only requests share lead %s", byPhone.header.Get("Sandbox-Lead-Id"))
	}
	if got, want := both.header.Get("Sandbox-Lead-Id"), byPhone.header.Get("Sandbox-Lead-Id"); got != want {
		t.Errorf("request with email and phone went to lead %s, want the most recent match %s", got, want)
	}
	if leads := server.Leads(); len(leads) != 2 {
		t.Errorf("got %d leads, want 2", len(leads))
	}
}

// readStoreLines returns the decoded lines of a store file.
func readStoreLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	defer file.Close()

	var lines []map[string]any
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		var line map[string]any
		if err := json.Unmarshal(scanner.Bytes(), &line); err != nil {
			t.Fatalf("store line %q is not JSON: %v", scanner.Text(), err)
		}
		lines = append(lines, line)
	}
	if err := scanner.Err(); err != nil {
		t.Fatalf("read store: %v", err)
	}
	return lines
}

func TestStoreFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.jsonl")
	clock := &testClock{now: day0}
	cfg := testConfig()
	cfg.Now = clock.Now
	cfg.StorePath = path
	server, baseURL := startServer(t, cfg)

	postLead(t, baseURL, testKey, leadJSON(t))
	clock.Set(day0.Add(time.Hour))
	postLead(t, baseURL, testKey, leadJSON(t, set("externalId", "ext-2"), set("message", "Still interested")))
	postLead(t, baseURL, testKey, leadJSON(t, setContact("email", "bad")))
	postLead(t, baseURL, orphanKey, leadJSON(t))

	// The lines are written before the responses, so they are in the file
	// while the server still runs.
	lines := readStoreLines(t, path)
	if len(lines) != 2 {
		t.Fatalf("store has %d lines, want 2 (a lead and a message): %v", len(lines), lines)
	}

	lead, message := lines[0], lines[1]
	wantLead := map[string]any{"type": "lead", "id": "lead-000001", "dealership": "Garage Test", "externalId": "ext-1", "message": "Hello", "created": "2026-03-02T10:00:00Z"}
	for field, want := range wantLead {
		if lead[field] != want {
			t.Errorf("lead line %s = %v, want %v", field, lead[field], want)
		}
	}
	if contact, _ := lead["contact"].(map[string]any); contact["email"] != "lea.muller@example.lu" {
		t.Errorf("lead line contact = %v, want the posted contact", lead["contact"])
	}
	if product, _ := lead["product"].(map[string]any); product["price"] != 45000.0 {
		t.Errorf("lead line product = %v, want the posted product", lead["product"])
	}
	wantMessage := map[string]any{"type": "message", "leadId": "lead-000001", "dealership": "Garage Test", "externalId": "ext-2", "message": "Still interested", "created": "2026-03-02T11:00:00Z"}
	for field, want := range wantMessage {
		if message[field] != want {
			t.Errorf("message line %s = %v, want %v", field, message[field], want)
		}
	}

	if err := server.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read store: %v", err)
	}
	for _, key := range []string{testKey, orphanKey} {
		if strings.Contains(string(data), key) {
			t.Errorf("store file contains the key %q", key)
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat store: %v", err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("store file mode = %v, want 0600 since it holds contacts", perm)
	}
}

func TestStoreReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.jsonl")
	clock := &testClock{now: day0}
	cfg := testConfig()
	cfg.Now = clock.Now
	cfg.StorePath = path

	first, baseURL := startServer(t, cfg)
	postLead(t, baseURL, testKey, leadJSON(t))
	postLead(t, baseURL, testKey, leadJSON(t, set("message", "again")))
	postLead(t, baseURL, otherKey, leadJSON(t))
	if err := first.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}

	clock.Set(day0.Add(48 * time.Hour))
	second, baseURL := startServer(t, cfg)
	if got := second.Leads(); len(got) != 2 || len(got[0].Messages) != 1 {
		t.Fatalf("reloaded leads = %+v, want 2 leads, the first with 1 message", got)
	}
	if stats := second.Stats(); stats.Leads != 2 || stats.Messages != 1 || stats.Requests != 0 {
		t.Errorf("reloaded stats = %+v, want 2 leads, 1 message, 0 requests", stats)
	}

	merged := postLead(t, baseURL, testKey, leadJSON(t, set("message", "after restart")))
	if merged.header.Get("Sandbox-Lead-Id") != "lead-000001" || merged.header.Get("Sandbox-Merged") != "true" {
		t.Errorf("request after restart went to %s (merged %s), want lead-000001 merged",
			merged.header.Get("Sandbox-Lead-Id"), merged.header.Get("Sandbox-Merged"))
	}
	fresh := postLead(t, baseURL, testKey, leadJSON(t, setProduct("reference", "REF-9")))
	if got := fresh.header.Get("Sandbox-Lead-Id"); got != "lead-000003" {
		t.Errorf("new lead after restart has id %s, want lead-000003", got)
	}
	if lines := readStoreLines(t, path); len(lines) != 5 {
		t.Errorf("store has %d lines, want 5", len(lines))
	}
}

func TestStoreIncompleteLastLine(t *testing.T) {
	tests := []struct {
		name      string
		tail      string
		wantLeads int
	}{
		{name: "cut record removed", tail: `{"type":"lead","id":"lead-000002","dealer`, wantLeads: 1},
		{name: "whole record without line break kept", tail: `{"type":"lead","id":"lead-000002","dealership":"Garage Test","contact":{"firstName":"Leo","email":"leo@example.lu"},"created":"2026-03-02T10:00:00Z"}`, wantLeads: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sandbox.jsonl")
			content := `{"type":"lead","id":"lead-000001","dealership":"Garage Test","contact":{"firstName":"Léa","email":"lea@example.lu"},"created":"2026-03-02T10:00:00Z"}` + "\n" + tt.tail
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatalf("write store: %v", err)
			}
			cfg := testConfig()
			cfg.StorePath = path
			server, baseURL := startServer(t, cfg)

			if got := len(server.Leads()); got != tt.wantLeads {
				t.Fatalf("loaded %d leads, want %d", got, tt.wantLeads)
			}
			postLead(t, baseURL, testKey, leadJSON(t, setContact("email", "new@example.lu"), setContact("phoneNumber", "621000077")))

			lines := readStoreLines(t, path)
			if len(lines) != tt.wantLeads+1 {
				t.Errorf("store has %d lines, want %d", len(lines), tt.wantLeads+1)
			}
		})
	}
}

func TestStoreRejectsBadFile(t *testing.T) {
	valid := `{"type":"lead","id":"lead-000001","dealership":"Garage Test","contact":{"firstName":"Léa","email":"lea@example.lu"},"created":"2026-03-02T10:00:00Z"}`
	tests := []struct {
		name     string
		content  string
		wantLine int
	}{
		{name: "garbage line", content: valid + "\nnot json\n" + valid + "\n", wantLine: 2},
		{name: "unknown type", content: `{"type":"contact"}` + "\n", wantLine: 1},
		{name: "message before its lead", content: `{"type":"message","leadId":"lead-000009","dealership":"Garage Test"}` + "\n", wantLine: 1},
		{name: "lead without contact", content: `{"type":"lead","id":"lead-000001","dealership":"Garage Test"}` + "\n", wantLine: 1},
		{name: "duplicate lead", content: valid + "\n" + valid + "\n", wantLine: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sandbox.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatalf("write store: %v", err)
			}
			cfg := testConfig()
			cfg.StorePath = path

			_, err := New(cfg)
			var storeErr *StoreError
			if !errors.As(err, &storeErr) {
				t.Fatalf("New error = %v (%T), want a *StoreError", err, err)
			}
			if storeErr.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (error %v)", storeErr.Line, tt.wantLine, err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if !i18n.HasFrench(storeErr.Text().Key) {
				t.Errorf("message %q has no French translation", storeErr.Text().Key)
			}
		})
	}
}

func TestStoreUnwritablePath(t *testing.T) {
	cfg := testConfig()
	cfg.StorePath = filepath.Join(t.TempDir(), "missing-dir", "sandbox.jsonl")

	_, err := New(cfg)
	var storeErr *StoreError
	if !errors.As(err, &storeErr) {
		t.Fatalf("New error = %v (%T), want a *StoreError", err, err)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("errors.Is(%v, os.ErrNotExist) = false, want true", err)
	}
	if !i18n.HasFrench(storeErr.Text().Key) {
		t.Errorf("message %q has no French translation", storeErr.Text().Key)
	}
}
