package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

// Keys of the tests. They are long and unusual so that a search for them
// in a log or a file cannot match by chance.
const (
	testKey   = "sandbox-test-key-5b7e1f0c93a2"
	otherKey  = "sandbox-other-key-0d4c8a61e7f9"
	orphanKey = "sandbox-orphan-key-9c2f7a0b13d8"
)

// testConfig returns a sandbox config with the test keys and a fixed clock.
func testConfig() Config {
	return Config{
		Keys:       map[string]string{testKey: "Garage Test", otherKey: "Garage Other"},
		OrphanKeys: []string{orphanKey},
		Now:        fixedClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)),
	}
}

// fixedClock returns a Now function that always returns at.
func fixedClock(at time.Time) func() time.Time {
	return func() time.Time { return at }
}

// startServer starts a sandbox for cfg on a free loopback port and closes
// it at the end of the test.
func startServer(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	server, err := New(cfg)
	if err != nil {
		t.Fatalf("New error = %v", err)
	}
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("Start error = %v", err)
	}
	t.Cleanup(func() {
		if err := server.Close(); err != nil {
			t.Errorf("Close error = %v", err)
		}
	})
	return server, baseURL
}

// sandboxResponse is a response of the sandbox, read whole.
type sandboxResponse struct {
	status int
	header http.Header
	body   string
	error  errorBody // decoded when the body is JSON
}

// send sends a request with an optional key and Content-Type and reads the
// response.
func send(t *testing.T, method, url, key, contentType, body string) sandboxResponse {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatalf("NewRequest: %v", err)
	}
	if key != "" {
		req.Header.Set(aello.APIKeyHeader, key)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}

	got := sandboxResponse{status: resp.StatusCode, header: resp.Header, body: string(data)}
	if resp.Header.Get("Content-Type") == "application/json" {
		_ = json.Unmarshal(data, &got.error)
	}
	return got
}

// postLead sends body to POST /leads with key as JSON.
func postLead(t *testing.T, baseURL, key, body string) sandboxResponse {
	t.Helper()
	return send(t, http.MethodPost, baseURL+"/leads", key, "application/json", body)
}

// leadJSON is a valid lead, changed by the edits applied to its decoded
// form.
func leadJSON(t *testing.T, edits ...func(lead map[string]any)) string {
	t.Helper()
	lead := map[string]any{
		"externalId": "ext-1",
		"contact": map[string]any{
			"firstName":        "Léa",
			"lastName":         "Muller",
			"email":            "lea.muller@example.lu",
			"phoneCountryCode": "352",
			"phoneNumber":      "621000011",
		},
		"product": map[string]any{
			"reference": "REF-1",
			"title":     "Renault Midlum",
			"price":     45000,
			"link":      "https://example.com/product",
		},
		"message": "Hello",
	}
	for _, edit := range edits {
		edit(lead)
	}
	data, err := json.Marshal(lead)
	if err != nil {
		t.Fatalf("marshal lead: %v", err)
	}
	return string(data)
}

// setContact returns an edit that sets a contact field.
func setContact(field string, value any) func(map[string]any) {
	return func(lead map[string]any) {
		lead["contact"].(map[string]any)[field] = value
	}
}

// setProduct returns an edit that sets a product field.
func setProduct(field string, value any) func(map[string]any) {
	return func(lead map[string]any) {
		lead["product"].(map[string]any)[field] = value
	}
}

// set returns an edit that sets a top-level field.
func set(field string, value any) func(map[string]any) {
	return func(lead map[string]any) {
		lead[field] = value
	}
}

func TestPostLeadAnswers(t *testing.T) {
	_, baseURL := startServer(t, testConfig())

	tests := []struct {
		name        string
		method      string
		path        string
		key         string
		contentType string
		body        string
		wantStatus  int
		wantError   string // the "error" of the body; "" for an empty body
		wantCode    string
	}{
		{name: "accepted", key: testKey, body: leadJSON(t), wantStatus: 202},
		{name: "accepted with unknown fields", key: testKey, body: leadJSON(t, set("source", "web"), setContact("title", "Mme")), wantStatus: 202},
		{name: "accepted phone only", key: testKey, body: leadJSON(t, setContact("email", nil)), wantStatus: 202},
		{name: "accepted without product", key: testKey, body: leadJSON(t, set("product", nil)), wantStatus: 202},
		{name: "accepted with charset", key: testKey, contentType: "application/json; charset=UTF-8", body: leadJSON(t), wantStatus: 202},

		{name: "missing key", body: leadJSON(t), wantStatus: 401, wantError: "Unauthorized. HTTP request does not contain API key"},
		{name: "unknown key", key: "not-a-sandbox-key", body: leadJSON(t), wantStatus: 401, wantError: "Unauthorized. Invalid API key"},
		{name: "orphan key", key: orphanKey, body: leadJSON(t), wantStatus: 422, wantError: "Dealership not found", wantCode: "ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND"},

		{name: "text content type", key: testKey, contentType: "text/plain", body: leadJSON(t), wantStatus: 400, wantCode: "ERR-SANDBOX-UNSUPPORTED_CONTENT_TYPE"},
		{name: "no content type", key: testKey, contentType: "-", body: leadJSON(t), wantStatus: 400, wantCode: "ERR-SANDBOX-UNSUPPORTED_CONTENT_TYPE"},
		{name: "latin-1 charset", key: testKey, contentType: "application/json; charset=iso-8859-1", body: leadJSON(t), wantStatus: 400, wantCode: "ERR-SANDBOX-UNSUPPORTED_CONTENT_TYPE"},
		{name: "empty body", key: testKey, body: "", wantStatus: 400, wantCode: "ERR-SANDBOX-MALFORMED_JSON"},
		{name: "malformed json", key: testKey, body: `{"contact":{"firstName":"Léa",}}`, wantStatus: 400, wantCode: "ERR-SANDBOX-MALFORMED_JSON"},
		{name: "trailing data", key: testKey, body: leadJSON(t) + `{}`, wantStatus: 400, wantCode: "ERR-SANDBOX-MALFORMED_JSON"},
		{name: "invalid utf-8", key: testKey, body: `{"contact":{"firstName":"L` + "\xe9" + `a","email":"lea@example.com"}}`, wantStatus: 400, wantCode: "ERR-SANDBOX-MALFORMED_JSON"},
		{name: "array body", key: testKey, body: `[` + leadJSON(t) + `]`, wantStatus: 400, wantCode: "ERR-SANDBOX-INVALID_TYPE"},
		{name: "price as string", key: testKey, body: leadJSON(t, setProduct("price", "45 000 €")), wantStatus: 400, wantError: "product.price must be a number, not string", wantCode: "ERR-SANDBOX-INVALID_TYPE"},
		{name: "contact as string", key: testKey, body: leadJSON(t, set("contact", "Léa Muller")), wantStatus: 400, wantError: "contact must be an object, not string", wantCode: "ERR-SANDBOX-INVALID_TYPE"},
		{name: "phone as number", key: testKey, body: leadJSON(t, setContact("phoneNumber", 621000011)), wantStatus: 400, wantError: "contact.phoneNumber must be a string, not number", wantCode: "ERR-SANDBOX-INVALID_TYPE"},
		{name: "missing first name", key: testKey, body: leadJSON(t, setContact("firstName", "")), wantStatus: 400, wantCode: "ERR-SANDBOX-FIRST_NAME_REQUIRED"},
		{name: "missing contact", key: testKey, body: leadJSON(t, set("contact", nil)), wantStatus: 400, wantCode: "ERR-SANDBOX-FIRST_NAME_REQUIRED"},
		{name: "no email nor phone", key: testKey, body: leadJSON(t, setContact("email", ""), setContact("phoneNumber", ""), setContact("phoneCountryCode", "")), wantStatus: 400, wantCode: "ERR-SANDBOX-EMAIL_OR_PHONE_REQUIRED"},
		{name: "phone without country code", key: testKey, body: leadJSON(t, setContact("phoneCountryCode", "")), wantStatus: 400, wantCode: "ERR-SANDBOX-PHONE_INCOMPLETE"},
		{name: "product without reference", key: testKey, body: leadJSON(t, setProduct("reference", "")), wantStatus: 400, wantCode: "ERR-SANDBOX-REFERENCE_REQUIRED"},
		{name: "email without domain dot", key: testKey, body: leadJSON(t, setContact("email", "lea@example")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "email with two at signs", key: testKey, body: leadJSON(t, setContact("email", "lea@@example.com")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "email with mailto", key: testKey, body: leadJSON(t, setContact("email", "mailto:lea@example.com")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "email with space", key: testKey, body: leadJSON(t, setContact("email", "lea muller@example.com")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "two emails", key: testKey, body: leadJSON(t, setContact("email", "lea@example.com, leo@example.com")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "email with display name", key: testKey, body: leadJSON(t, setContact("email", "Léa <lea@example.com>")), wantStatus: 400, wantError: "Invalid email", wantCode: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"},
		{name: "country code with plus", key: testKey, body: leadJSON(t, setContact("phoneCountryCode", "+352")), wantStatus: 400, wantCode: "ERR-SANDBOX-INVALID_PHONE"},
		{name: "phone with spaces", key: testKey, body: leadJSON(t, setContact("phoneNumber", "621 000 011")), wantStatus: 400, wantCode: "ERR-SANDBOX-INVALID_PHONE"},
		{name: "relative product link", key: testKey, body: leadJSON(t, setProduct("link", "/product/1")), wantStatus: 400, wantCode: "ERR-SANDBOX-INVALID_URL"},
		{name: "ftp product image", key: testKey, body: leadJSON(t, setProduct("image", "ftp://example.com/a.jpg")), wantStatus: 400, wantCode: "ERR-SANDBOX-INVALID_URL"},
		{name: "body too large", key: testKey, body: leadJSON(t, set("message", strings.Repeat("x", MaxBodyBytes))), wantStatus: 413, wantCode: "ERR-SANDBOX-BODY_TOO_LARGE"},

		{name: "get leads", method: http.MethodGet, key: testKey, wantStatus: 405, wantCode: "ERR-SANDBOX-METHOD_NOT_ALLOWED"},
		{name: "unknown path", path: "/contacts", key: testKey, body: leadJSON(t), wantStatus: 404, wantCode: "ERR-SANDBOX-NOT_FOUND"},
		{name: "unknown sandbox path", method: http.MethodGet, path: "/_sandbox/nothing", wantStatus: 404, wantCode: "ERR-SANDBOX-NOT_FOUND"},
		{name: "post sandbox stats", path: "/_sandbox/stats", wantStatus: 405, wantCode: "ERR-SANDBOX-METHOD_NOT_ALLOWED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			path := tt.path
			if path == "" {
				path = "/leads"
			}
			contentType := tt.contentType
			switch contentType {
			case "":
				contentType = "application/json"
			case "-":
				contentType = ""
			}

			got := send(t, method, baseURL+path, tt.key, contentType, tt.body)
			if got.status != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %s)", got.status, tt.wantStatus, got.body)
			}
			if tt.wantStatus == http.StatusAccepted {
				if got.body != "" {
					t.Errorf("body = %q, want empty", got.body)
				}
				if got.header.Get("Sandbox-Lead-Id") == "" {
					t.Error("Sandbox-Lead-Id header is missing")
				}
				return
			}

			if got.error.Error == "" {
				t.Errorf("body %q has no \"error\" field", got.body)
			}
			if tt.wantError != "" && got.error.Error != tt.wantError {
				t.Errorf("error = %q, want %q", got.error.Error, tt.wantError)
			}
			if got.error.Code != tt.wantCode {
				t.Errorf("code = %q, want %q (error %q)", got.error.Code, tt.wantCode, got.error.Error)
			}
		})
	}
}

func TestPostLeadUnauthorizedHasNoCode(t *testing.T) {
	_, baseURL := startServer(t, testConfig())

	got := postLead(t, baseURL, "", leadJSON(t))
	want := `{"error":"Unauthorized. HTTP request does not contain API key"}` + "\n"
	if got.body != want {
		t.Errorf("body = %q, want %q", got.body, want)
	}
}

func TestSandboxEndpoints(t *testing.T) {
	server, baseURL := startServer(t, testConfig())
	postLead(t, baseURL, testKey, leadJSON(t))
	postLead(t, baseURL, testKey, leadJSON(t, set("message", "Second request")))
	postLead(t, baseURL, otherKey, leadJSON(t))
	postLead(t, baseURL, "", leadJSON(t))
	postLead(t, baseURL, testKey, leadJSON(t, setContact("email", "bad")))

	t.Run("leads", func(t *testing.T) {
		got := send(t, http.MethodGet, baseURL+"/_sandbox/leads", "", "", "")
		if got.status != http.StatusOK {
			t.Fatalf("status = %d, want 200", got.status)
		}
		var leads []StoredLead
		if err := json.Unmarshal([]byte(got.body), &leads); err != nil {
			t.Fatalf("decode %s: %v", got.body, err)
		}
		if len(leads) != 2 {
			t.Fatalf("got %d leads, want 2: %s", len(leads), got.body)
		}
		if leads[0].Dealership != "Garage Test" || leads[1].Dealership != "Garage Other" {
			t.Errorf("dealerships = %q, %q, want Garage Test, Garage Other", leads[0].Dealership, leads[1].Dealership)
		}
		if len(leads[0].Messages) != 1 || leads[0].Messages[0].Text != "Second request" {
			t.Errorf("messages of the first lead = %+v, want one with %q", leads[0].Messages, "Second request")
		}
		if leads[1].Messages == nil {
			t.Errorf("messages of the second lead are null in JSON, want []")
		}
		if leads[0].Contact.Email != "lea.muller@example.lu" || leads[0].Product == nil || leads[0].Product.Reference != "REF-1" {
			t.Errorf("first lead = %+v, want the posted contact and product", leads[0])
		}
		if inProcess := server.Leads(); len(inProcess) != len(leads) {
			t.Errorf("Leads() has %d leads, the endpoint %d", len(inProcess), len(leads))
		}
	})

	t.Run("stats", func(t *testing.T) {
		got := send(t, http.MethodGet, baseURL+"/_sandbox/stats", "", "", "")
		if got.status != http.StatusOK {
			t.Fatalf("status = %d, want 200", got.status)
		}
		var stats Stats
		if err := json.Unmarshal([]byte(got.body), &stats); err != nil {
			t.Fatalf("decode %s: %v", got.body, err)
		}
		want := Stats{
			Requests: 5,
			ByStatus: map[string]int{"202": 3, "401": 1, "400": 1},
			Leads:    2,
			Messages: 1,
		}
		if !equalStats(stats, want) {
			t.Errorf("stats = %+v, want %+v", stats, want)
		}
		if !equalStats(server.Stats(), want) {
			t.Errorf("Stats() = %+v, want %+v", server.Stats(), want)
		}
	})
}

// equalStats reports whether two Stats have the same counts.
func equalStats(a, b Stats) bool {
	if a.Requests != b.Requests || a.Leads != b.Leads || a.Messages != b.Messages || a.Dropped != b.Dropped {
		return false
	}
	if len(a.ByStatus) != len(b.ByStatus) {
		return false
	}
	for status, n := range a.ByStatus {
		if b.ByStatus[status] != n {
			return false
		}
	}
	return true
}

func TestServeHTTPWithRecorder(t *testing.T) {
	server, err := New(testConfig())
	if err != nil {
		t.Fatalf("New error = %v", err)
	}
	defer server.Close()

	req := httptest.NewRequest(http.MethodPost, "/leads", strings.NewReader(leadJSON(t)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(aello.APIKeyHeader, testKey)
	recorder := httptest.NewRecorder()
	server.ServeHTTP(recorder, req)

	if recorder.Code != http.StatusAccepted {
		t.Errorf("status = %d, want 202 (body %s)", recorder.Code, recorder.Body)
	}
	if got := len(server.Leads()); got != 1 {
		t.Errorf("got %d leads, want 1", got)
	}
}

func TestServeHTTPAfterClose(t *testing.T) {
	server, err := New(testConfig())
	if err != nil {
		t.Fatalf("New error = %v", err)
	}
	if err := server.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}
	if err := server.Close(); err != nil {
		t.Errorf("second Close error = %v, want nil", err)
	}

	req := httptest.NewRequest(http.MethodPost, "/leads", strings.NewReader(leadJSON(t)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(aello.APIKeyHeader, testKey)
	recorder := httptest.NewRecorder()
	server.ServeHTTP(recorder, req)

	if recorder.Code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", recorder.Code)
	}
	if got := len(server.Leads()); got != 0 {
		t.Errorf("got %d leads after Close, want 0", got)
	}
	if _, err := server.Start(""); err == nil {
		t.Error("Start after Close succeeded, want an error")
	}
}

func TestStart(t *testing.T) {
	t.Run("returns loopback base url", func(t *testing.T) {
		_, baseURL := startServer(t, testConfig())
		if !strings.HasPrefix(baseURL, "http://127.0.0.1:") {
			t.Errorf("base URL = %q, want http://127.0.0.1:PORT", baseURL)
		}
		if _, err := aello.CheckBaseURL(baseURL); err != nil {
			t.Errorf("CheckBaseURL(%q) error = %v", baseURL, err)
		}
	})

	t.Run("uses config addr", func(t *testing.T) {
		cfg := testConfig()
		cfg.Addr = "127.0.0.1:0"
		server, err := New(cfg)
		if err != nil {
			t.Fatalf("New error = %v", err)
		}
		defer server.Close()
		baseURL, err := server.Start("")
		if err != nil {
			t.Fatalf("Start error = %v", err)
		}
		if got := postLead(t, baseURL, testKey, leadJSON(t)); got.status != http.StatusAccepted {
			t.Errorf("status = %d, want 202", got.status)
		}
		if _, err := server.Start(""); err == nil {
			t.Error("second Start succeeded, want an error")
		}
	})

	t.Run("address in use", func(t *testing.T) {
		listener, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("listen: %v", err)
		}
		defer listener.Close()
		server, err := New(testConfig())
		if err != nil {
			t.Fatalf("New error = %v", err)
		}
		defer server.Close()

		_, err = server.Start(listener.Addr().String())
		var startErr *StartError
		if !errors.As(err, &startErr) {
			t.Fatalf("Start error = %v (%T), want a *StartError", err, err)
		}
		if !strings.Contains(err.Error(), listener.Addr().String()) {
			t.Errorf("error %q does not name the address", err)
		}
		if !i18n.HasFrench(startErr.Text().Key) {
			t.Errorf("message %q has no French translation", startErr.Text().Key)
		}
	})
}

func TestBaseHost(t *testing.T) {
	tests := []struct {
		name string
		addr net.Addr
		want string
	}{
		{name: "ipv4 loopback", addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8089}, want: "127.0.0.1:8089"},
		{name: "ipv6 loopback", addr: &net.TCPAddr{IP: net.IPv6loopback, Port: 8089}, want: "[::1]:8089"},
		{name: "ipv4 wildcard", addr: &net.TCPAddr{IP: net.IPv4zero, Port: 8089}, want: "127.0.0.1:8089"},
		{name: "ipv6 wildcard", addr: &net.TCPAddr{IP: net.IPv6unspecified, Port: 8089}, want: "127.0.0.1:8089"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := baseHost(tt.addr); got != tt.want {
				t.Errorf("baseHost(%v) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

func TestNewRejectsConfig(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(cfg *Config)
		wantField string
	}{
		{name: "no key", edit: func(cfg *Config) { cfg.Keys = nil; cfg.OrphanKeys = nil }, wantField: "key"},
		{name: "empty key", edit: func(cfg *Config) { cfg.Keys[""] = "Garage" }, wantField: "key"},
		{name: "key with space", edit: func(cfg *Config) { cfg.Keys["secret key-4411"] = "Garage" }, wantField: "key"},
		{name: "key with line break", edit: func(cfg *Config) { cfg.Keys["secret-key-4411\n"] = "Garage" }, wantField: "key"},
		{name: "empty dealership", edit: func(cfg *Config) { cfg.Keys["secret-key-4411"] = " " }, wantField: "key"},
		{name: "orphan key with tab", edit: func(cfg *Config) { cfg.OrphanKeys = []string{"secret\tkey-4411"} }, wantField: "orphan-key"},
		{name: "orphan key also valid", edit: func(cfg *Config) { cfg.OrphanKeys = []string{testKey} }, wantField: "orphan-key"},
		{name: "negative fail rate", edit: func(cfg *Config) { cfg.FailRate = -0.1 }, wantField: "fail-rate"},
		{name: "fail rate above one", edit: func(cfg *Config) { cfg.FailRate = 1.5 }, wantField: "fail-rate"},
		{name: "drop rate above one", edit: func(cfg *Config) { cfg.DropRate = 2 }, wantField: "drop-rate"},
		{name: "negative latency", edit: func(cfg *Config) { cfg.Latency = -time.Second }, wantField: "latency"},
		{name: "negative jitter", edit: func(cfg *Config) { cfg.Jitter = -time.Millisecond }, wantField: "jitter"},
		{name: "negative rate limit", edit: func(cfg *Config) { cfg.RateLimit = -1 }, wantField: "rate-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			tt.edit(&cfg)

			_, err := New(cfg)
			var configErr *ConfigError
			if !errors.As(err, &configErr) {
				t.Fatalf("New error = %v (%T), want a *ConfigError", err, err)
			}
			if configErr.Field != tt.wantField {
				t.Errorf("field = %q, want %q (message %s)", configErr.Field, tt.wantField, err)
			}
			for _, secret := range []string{"secret", testKey} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q contains a key", err)
				}
			}
			if !i18n.HasFrench(configErr.Message.Key) {
				t.Errorf("message %q has no French translation", configErr.Message.Key)
			}
		})
	}
}

func TestNewAcceptsOrphanKeysOnly(t *testing.T) {
	cfg := Config{OrphanKeys: []string{orphanKey}}
	_, baseURL := startServer(t, cfg)

	got := postLead(t, baseURL, orphanKey, leadJSON(t))
	if got.status != http.StatusUnprocessableEntity {
		t.Errorf("status = %d, want 422", got.status)
	}
}

func TestLogNeverShowsKey(t *testing.T) {
	var logged lockedBuffer
	cfg := testConfig()
	cfg.Logger = slogJSON(&logged)
	server, baseURL := startServer(t, cfg)

	postLead(t, baseURL, testKey, leadJSON(t))
	postLead(t, baseURL, orphanKey, leadJSON(t))
	postLead(t, baseURL, "unknown-key-3c1d9e", leadJSON(t))
	postLead(t, baseURL, testKey, leadJSON(t, setContact("email", "bad")))
	// Close waits for the requests in progress, which log after responding.
	if err := server.Close(); err != nil {
		t.Fatalf("Close error = %v", err)
	}

	lines := strings.Split(strings.TrimSpace(logged.String()), "\n")
	var requests int
	for _, line := range lines {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if entry["msg"] == "request" {
			requests++
		}
	}
	if requests != 4 {
		t.Errorf("got %d request lines, want 4:\n%s", requests, logged.String())
	}
	for _, key := range []string{testKey, orphanKey, "unknown-key-3c1d9e"} {
		if strings.Contains(logged.String(), key) {
			t.Errorf("log contains the key %q:\n%s", key, logged.String())
		}
	}
	if !strings.Contains(logged.String(), `"dealership":"Garage Test"`) {
		t.Errorf("log does not name the dealership:\n%s", logged.String())
	}
}

// lockedBuffer is a bytes.Buffer safe for the concurrent writes of a
// logger.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// slogJSON returns a logger that writes JSON lines to w.
func slogJSON(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, nil))
}
