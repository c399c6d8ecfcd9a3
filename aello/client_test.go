package aello

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/i18n"
)

// testKey is the API key of the tests. It is long and unusual so that a
// search for it in a message cannot match by chance.
const testKey = "test-key-7f3a9c2e51b04d8e"

const testBody = `{"contact":{"firstName":"Léa","email":"lea@example.com"}}`

// newTestClient returns a client for server built by NewClient.
func newTestClient(t *testing.T, baseURL string, timeout time.Duration) *Client {
	t.Helper()
	client, err := NewClient(baseURL, testKey, timeout)
	if err != nil {
		t.Fatalf("NewClient(%q) error = %v", baseURL, err)
	}
	return client
}

// replyWith returns a handler that answers every request with status,
// headers and body.
func replyWith(status int, header http.Header, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		for name, values := range header {
			w.Header()[name] = values
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestCreateLeadSendsRequest(t *testing.T) {
	type received struct {
		method, path, contentType, key, userAgent, body string
	}
	got := make(chan received, 1)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- received{
			method:      r.Method,
			path:        r.URL.Path,
			contentType: r.Header.Get("Content-Type"),
			key:         r.Header.Get(APIKeyHeader),
			userAgent:   r.Header.Get("User-Agent"),
			body:        string(body),
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	defer server.Close()

	tests := []struct {
		name      string
		baseURL   string
		userAgent string
		wantPath  string
		wantAgent string
	}{
		{name: "root", baseURL: server.URL, wantPath: "/leads", wantAgent: DefaultUserAgent},
		{name: "trailing slash", baseURL: server.URL + "/", wantPath: "/leads", wantAgent: DefaultUserAgent},
		{name: "path prefix", baseURL: server.URL + "/api/v1", wantPath: "/api/v1/leads", wantAgent: DefaultUserAgent},
		{name: "own user agent", baseURL: server.URL, userAgent: "aello-import/1.2.3", wantPath: "/leads", wantAgent: "aello-import/1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := newTestClient(t, tt.baseURL, 0)
			client.UserAgent = tt.userAgent

			resp, err := client.CreateLead(context.Background(), []byte(testBody))
			if err != nil {
				t.Fatalf("CreateLead error = %v", err)
			}
			if resp.Status != http.StatusAccepted || !resp.Accepted() {
				t.Errorf("response = %+v, want an accepted 202", resp)
			}

			req := <-got
			checks := []struct{ what, got, want string }{
				{"method", req.method, http.MethodPost},
				{"path", req.path, tt.wantPath},
				{"Content-Type", req.contentType, "application/json"},
				{APIKeyHeader, req.key, testKey},
				{"User-Agent", req.userAgent, tt.wantAgent},
				{"body", req.body, testBody},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

func TestCreateLeadResponses(t *testing.T) {
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	tests := []struct {
		name           string
		status         int
		header         http.Header
		body           string
		want           Response
		wantAccount    bool
		wantRetryable  bool
		wantTextSubstr string
	}{
		{
			name:   "accepted empty body",
			status: http.StatusAccepted,
			want:   Response{Status: 202},
		},
		{
			name:   "accepted json body",
			status: http.StatusAccepted, header: jsonHeader, body: `{"id":"lead-1"}`,
			want: Response{Status: 202},
		},
		{
			name:   "invalid email",
			status: http.StatusBadRequest, header: jsonHeader,
			body:           `{"error": "Invalid email", "code": "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"}`,
			want:           Response{Status: 400, Code: CodeInvalidEmail, Message: "Invalid email"},
			wantTextSubstr: "HTTP 400 Bad Request: Invalid email (ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL)",
		},
		{
			name:   "unauthorized without code",
			status: http.StatusUnauthorized, header: jsonHeader,
			body:        `{"error":"Unauthorized. HTTP request does not contain API key"}`,
			want:        Response{Status: 401, Message: "Unauthorized. HTTP request does not contain API key"},
			wantAccount: true,
		},
		{
			name:   "dealership not found",
			status: http.StatusUnprocessableEntity, header: jsonHeader,
			body:        `{"error":"Dealership not found","code":"ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND"}`,
			want:        Response{Status: 422, Code: CodeDealershipNotFound, Message: "Dealership not found"},
			wantAccount: true,
		},
		{
			name:   "other unprocessable",
			status: http.StatusUnprocessableEntity, header: jsonHeader,
			body: `{"error":"Product archived","code":"ERR-PRODUCT-ARCHIVED"}`,
			want: Response{Status: 422, Code: "ERR-PRODUCT-ARCHIVED", Message: "Product archived"},
		},
		{
			name:   "internal server error",
			status: http.StatusInternalServerError, header: jsonHeader,
			body:          `{"error":"Internal Server Error"}`,
			want:          Response{Status: 500, Message: "Internal Server Error"},
			wantRetryable: true,
		},
		{
			name:   "rate limited with seconds",
			status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"7"}},
			want:          Response{Status: 429, RetryAfter: 7 * time.Second},
			wantRetryable: true,
		},
		{
			name:   "message field instead of error",
			status: http.StatusBadRequest, header: jsonHeader,
			body: `{"message":"contact is required","code":400}`,
			want: Response{Status: 400, Code: "400", Message: "contact is required"},
		},
		{
			name:   "json without message",
			status: http.StatusBadRequest, header: jsonHeader,
			body: `{"detail":"bad"}`,
			want: Response{Status: 400, Message: `{"detail":"bad"}`},
		},
		{
			name:   "html gateway page",
			status: http.StatusBadGateway, header: http.Header{"Content-Type": {"text/html"}},
			body:          "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>\n",
			want:          Response{Status: 502, Message: "502 Bad Gateway 502 Bad Gateway"},
			wantRetryable: true,
		},
		{
			name:          "plain text with control characters",
			status:        http.StatusServiceUnavailable,
			body:          "upstream\x1b[31m down\t\tretry\x00 later\n",
			want:          Response{Status: 503, Message: "upstream [31m down retry later"},
			wantRetryable: true,
		},
		{
			name:           "empty error body",
			status:         http.StatusGatewayTimeout,
			want:           Response{Status: 504},
			wantRetryable:  true,
			wantTextSubstr: "HTTP 504 Gateway Timeout",
		},
		{
			name:   "redirect not followed",
			status: http.StatusTemporaryRedirect, header: http.Header{"Location": {"/elsewhere"}},
			want: Response{Status: 307},
		},
		{
			name:   "key echoed by server",
			status: http.StatusBadRequest, header: jsonHeader,
			body: `{"error":"bad key ` + testKey + `","code":"X"}`,
			want: Response{Status: 400, Code: "X", Message: "bad key [redacted]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := httptest.NewServer(replyWith(tt.status, tt.header, tt.body))
			defer server.Close()
			client := newTestClient(t, server.URL, 0)

			got, err := client.CreateLead(context.Background(), []byte(testBody))
			if err != nil {
				t.Fatalf("CreateLead error = %v, want a Response", err)
			}
			if got != tt.want {
				t.Errorf("CreateLead = %+v, want %+v", got, tt.want)
			}
			if account := IsAccountError(got); account != tt.wantAccount {
				t.Errorf("IsAccountError = %v, want %v", account, tt.wantAccount)
			}
			if retryable := got.Retryable(); retryable != tt.wantRetryable {
				t.Errorf("Retryable = %v, want %v", retryable, tt.wantRetryable)
			}
			if tt.wantTextSubstr != "" && !strings.Contains(got.String(), tt.wantTextSubstr) {
				t.Errorf("String() = %q, want it to contain %q", got.String(), tt.wantTextSubstr)
			}
		})
	}
}

func TestCreateLeadRetryAfterDate(t *testing.T) {
	date := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	server := httptest.NewServer(replyWith(http.StatusTooManyRequests, http.Header{"Retry-After": {date}}, ""))
	defer server.Close()

	got, err := newTestClient(t, server.URL, 0).CreateLead(context.Background(), []byte(testBody))
	if err != nil {
		t.Fatalf("CreateLead error = %v", err)
	}
	// The date has a one-second resolution and the request takes some
	// time, so the wait is a little under an hour.
	if got.RetryAfter < 58*time.Minute || got.RetryAfter > time.Hour {
		t.Errorf("RetryAfter = %v for Retry-After %q, want about 1h", got.RetryAfter, date)
	}
}

func TestCreateLeadLongBodyCut(t *testing.T) {
	long := strings.Repeat("é", 5000)
	server := httptest.NewServer(replyWith(http.StatusBadRequest, nil, `{"error":"`+long+`"}`))
	defer server.Close()

	got, err := newTestClient(t, server.URL, 0).CreateLead(context.Background(), []byte(testBody))
	if err != nil {
		t.Fatalf("CreateLead error = %v", err)
	}
	if n := len([]rune(got.Message)); n != maxMessageRunes {
		t.Errorf("message has %d runes, want %d", n, maxMessageRunes)
	}
	if !strings.HasSuffix(got.Message, "…") {
		t.Errorf("message %q does not end with an ellipsis", got.Message)
	}
}

// closedAddress returns the address of a loopback port that nothing
// listens on: it listens, then closes the listener.
func closedAddress(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	addr := listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatalf("close listener: %v", err)
	}
	return addr
}

// hijackAfterRead returns a handler that reads the whole request, then
// closes the connection without any response.
func hijackAfterRead(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		_ = conn.Close()
	}
}

// blockAfterRead returns a handler that reads the whole request and then
// waits, without responding, until the client leaves or release closes.
func blockAfterRead(release <-chan struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

func TestCreateLeadTransportErrors(t *testing.T) {
	release := make(chan struct{})
	defer close(release)

	hijacking := httptest.NewServer(hijackAfterRead(t))
	defer hijacking.Close()
	blocking := httptest.NewServer(blockAfterRead(release))
	defer blocking.Close()
	untrusted := httptest.NewUnstartedServer(replyWith(http.StatusAccepted, nil, ""))
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshakes are expected
	untrusted.StartTLS()
	defer untrusted.Close()
	accepting := httptest.NewServer(replyWith(http.StatusAccepted, nil, ""))
	defer accepting.Close()

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := []struct {
		name        string
		baseURL     string
		ctx         context.Context
		timeout     time.Duration
		wantWritten bool
		wantTimeout bool
		wantIs      error
	}{
		{name: "connection refused", baseURL: "http://" + closedAddress(t)},
		{name: "closed after request read", baseURL: hijacking.URL, wantWritten: true},
		{name: "timeout after request written", baseURL: blocking.URL, timeout: 300 * time.Millisecond, wantWritten: true, wantTimeout: true},
		{name: "untrusted certificate", baseURL: untrusted.URL},
		{name: "context cancelled before sending", baseURL: accepting.URL, ctx: cancelled, wantIs: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			client := newTestClient(t, tt.baseURL, tt.timeout)

			resp, err := client.CreateLead(ctx, []byte(testBody))
			var transportErr *TransportError
			if !errors.As(err, &transportErr) {
				t.Fatalf("CreateLead = %+v, %v (%T), want a *TransportError", resp, err, err)
			}
			if transportErr.Written != tt.wantWritten {
				t.Errorf("Written = %v, want %v (error: %v)", transportErr.Written, tt.wantWritten, err)
			}
			if transportErr.Timeout() != tt.wantTimeout {
				t.Errorf("Timeout() = %v, want %v (error: %v)", transportErr.Timeout(), tt.wantTimeout, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false, want true", err, tt.wantIs)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q contains the API key", err)
			}
			if !i18n.HasFrench(transportErr.Text().Key) {
				t.Errorf("message %q has no French translation", transportErr.Text().Key)
			}
		})
	}
}

func TestCreateLeadCancelWhileWaiting(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var once sync.Once
	requestRead := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		once.Do(func() { close(requestRead) })
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer server.Close()

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-requestRead
		cancel()
	}()

	_, err := newTestClient(t, server.URL, 0).CreateLead(ctx, []byte(testBody))
	var transportErr *TransportError
	if !errors.As(err, &transportErr) {
		t.Fatalf("CreateLead error = %v (%T), want a *TransportError", err, err)
	}
	if !transportErr.Written {
		t.Errorf("Written = false after the server read the request, want true")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(%v, context.Canceled) = false, want true", err)
	}
}

func TestCreateLeadInvalidBaseURL(t *testing.T) {
	client := &Client{BaseURL: "http://example.invalid", APIKey: testKey}

	_, err := client.CreateLead(context.Background(), []byte(testBody))
	var urlErr *URLError
	if !errors.As(err, &urlErr) {
		t.Fatalf("CreateLead error = %v (%T), want a *URLError", err, err)
	}
	if urlErr.Code != "base_url_not_https" {
		t.Errorf("code = %q, want base_url_not_https", urlErr.Code)
	}
}

func TestCreateLeadNilHTTPClient(t *testing.T) {
	server := httptest.NewServer(replyWith(http.StatusAccepted, nil, ""))
	defer server.Close()
	client := &Client{BaseURL: server.URL, APIKey: testKey}

	got, err := client.CreateLead(context.Background(), []byte(testBody))
	if err != nil {
		t.Fatalf("CreateLead error = %v", err)
	}
	if got.Status != http.StatusAccepted {
		t.Errorf("status = %d, want 202", got.Status)
	}
}

func TestNewClient(t *testing.T) {
	tests := []struct {
		name     string
		baseURL  string
		key      string
		wantCode string
	}{
		{name: "valid", baseURL: SandboxURL, key: testKey},
		{name: "plain http remote", baseURL: "http://api.example.com", key: testKey, wantCode: "base_url_not_https"},
		{name: "empty key", baseURL: SandboxURL, key: "", wantCode: "api_key_missing"},
		{name: "key with line break", baseURL: SandboxURL, key: testKey + "\n", wantCode: "api_key_invalid"},
		{name: "key with space", baseURL: SandboxURL, key: "test key", wantCode: "api_key_invalid"},
		{name: "key with non-ascii", baseURL: SandboxURL, key: "clé-" + testKey, wantCode: "api_key_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := NewClient(tt.baseURL, tt.key, 0)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("NewClient error = %v, want none", err)
				}
				if client.HTTP == nil || client.HTTP.Timeout != DefaultTimeout {
					t.Errorf("HTTP client = %+v, want one with the default timeout %v", client.HTTP, DefaultTimeout)
				}
				return
			}

			if err == nil {
				t.Fatalf("NewClient(%q, %q) error = nil, want code %s", tt.baseURL, tt.key, tt.wantCode)
			}
			var code string
			var key string
			var urlErr *URLError
			var keyErr *KeyError
			switch {
			case errors.As(err, &urlErr):
				code, key = urlErr.Code, urlErr.Message.Key
			case errors.As(err, &keyErr):
				code, key = keyErr.Code, keyErr.Message.Key
			default:
				t.Fatalf("NewClient error %v is a %T, want *URLError or *KeyError", err, err)
			}
			if code != tt.wantCode {
				t.Errorf("code = %q, want %q", code, tt.wantCode)
			}
			if tt.key != "" && strings.Contains(err.Error(), strings.TrimSpace(tt.key)) {
				t.Errorf("error %q contains the key", err)
			}
			if !i18n.HasFrench(key) {
				t.Errorf("message %q has no French translation", key)
			}
		})
	}
}

func TestNewClientTransport(t *testing.T) {
	client := newTestClient(t, SandboxURL, 5*time.Second)
	transport, ok := client.HTTP.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport is a %T, want *http.Transport", client.HTTP.Transport)
	}

	if client.HTTP.Timeout != 5*time.Second {
		t.Errorf("client timeout = %v, want 5s", client.HTTP.Timeout)
	}
	if transport.ResponseHeaderTimeout != 5*time.Second {
		t.Errorf("response header timeout = %v, want 5s", transport.ResponseHeaderTimeout)
	}
	if transport.TLSHandshakeTimeout != 5*time.Second {
		t.Errorf("TLS handshake timeout = %v, want 5s (capped by the request timeout)", transport.TLSHandshakeTimeout)
	}
	if transport.TLSClientConfig == nil || transport.TLSClientConfig.InsecureSkipVerify {
		t.Errorf("TLS config = %+v, want certificates verified", transport.TLSClientConfig)
	}
	if client.HTTP.CheckRedirect == nil {
		t.Error("CheckRedirect is nil, so redirects would be followed with the API key")
	}
}

func TestResponseText(t *testing.T) {
	tests := []struct {
		name string
		resp Response
		want string
	}{
		{name: "status only", resp: Response{Status: 202}, want: "HTTP 202 Accepted"},
		{name: "message", resp: Response{Status: 500, Message: "Internal Server Error"}, want: "HTTP 500 Internal Server Error: Internal Server Error"},
		{name: "code only", resp: Response{Status: 400, Code: "X"}, want: "HTTP 400 Bad Request (X)"},
		{name: "message and code", resp: Response{Status: 422, Message: "Dealership not found", Code: CodeDealershipNotFound},
			want: "HTTP 422 Unprocessable Entity: Dealership not found (ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.resp.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if key := tt.resp.Text().Key; !i18n.HasFrench(key) {
				t.Errorf("message %q has no French translation", key)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  time.Duration
	}{
		{name: "absent", value: "", want: 0},
		{name: "seconds", value: "1", want: time.Second},
		{name: "seconds with spaces", value: " 120 ", want: 2 * time.Minute},
		{name: "zero", value: "0", want: 0},
		{name: "negative", value: "-5", want: 0},
		{name: "fraction", value: "1.5", want: 0},
		{name: "garbage", value: "soon", want: 0},
		{name: "huge", value: "99999999999999999999", want: maxRetryAfter},
		{name: "above cap", value: "172800", want: maxRetryAfter},
		{name: "http date", value: "Mon, 02 Mar 2026 10:00:30 GMT", want: 30 * time.Second},
		{name: "rfc 850 date", value: "Monday, 02-Mar-26 10:01:00 GMT", want: time.Minute},
		{name: "asctime date", value: "Mon Mar  2 10:00:05 2026", want: 5 * time.Second},
		{name: "date in past", value: "Mon, 02 Mar 2026 09:00:00 GMT", want: 0},
		{name: "date far ahead", value: "Mon, 01 Mar 2027 10:00:00 GMT", want: maxRetryAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.value, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		maxRunes int
		want     string
	}{
		{name: "plain", text: "Invalid email", maxRunes: 50, want: "Invalid email"},
		{name: "line breaks folded", text: " a\r\n\tb  c ", maxRunes: 50, want: "a b c"},
		{name: "control characters dropped", text: "a\x00b\x07c", maxRunes: 50, want: "a b c"},
		{name: "zero width space dropped", text: "a\u200bb", maxRunes: 50, want: "a b"},
		{name: "invalid utf-8 replaced", text: "caf\xe9", maxRunes: 50, want: "caf\uFFFD"},
		{name: "key redacted", text: "key " + testKey + " refused", maxRunes: 50, want: "key [redacted] refused"},
		{name: "cut with ellipsis", text: "abcdefghij", maxRunes: 5, want: "abcd…"},
		{name: "exact length kept", text: "abcde", maxRunes: 5, want: "abcde"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize(tt.text, testKey, tt.maxRunes); got != tt.want {
				t.Errorf("sanitize(%q, %d) = %q, want %q", tt.text, tt.maxRunes, got, tt.want)
			}
		})
	}
}

func FuzzDecodeResponse(f *testing.F) {
	f.Add(400, "7", []byte(`{"error":"Invalid email","code":"ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"}`))
	f.Add(502, "", []byte("<html><h1>502</h1></html>"))
	f.Add(429, "Mon, 02 Mar 2026 10:00:30 GMT", []byte("slow down "+testKey))
	f.Add(500, "-1", []byte("\xff\xfe\x00"))

	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, status int, retryAfter string, body []byte) {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {retryAfter}}}
		got := decodeResponse(resp, body, testKey, now)

		if got.Status != status {
			t.Errorf("Status = %d, want %d", got.Status, status)
		}
		if got.RetryAfter < 0 || got.RetryAfter > maxRetryAfter {
			t.Errorf("RetryAfter = %v, want 0 to %v", got.RetryAfter, maxRetryAfter)
		}
		for _, text := range []string{got.Message, got.Code} {
			if strings.Contains(text, testKey) {
				t.Errorf("%q contains the API key", text)
			}
			if !utf8.ValidString(text) {
				t.Errorf("%q is not valid UTF-8", text)
			}
			if strings.ContainsFunc(text, unicode.IsControl) {
				t.Errorf("%q contains a control character", text)
			}
		}
		if n := utf8.RuneCountInString(got.Message); n > maxMessageRunes {
			t.Errorf("message has %d runes, want at most %d", n, maxMessageRunes)
		}
	})
}

func TestCreateLeadUsesHTTP1OverTLS(t *testing.T) {
	protocols := make(chan string, 1)
	server := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		protocols <- r.Proto
		w.WriteHeader(http.StatusAccepted)
	}))
	server.EnableHTTP2 = true
	server.StartTLS()
	defer server.Close()

	client := newTestClient(t, server.URL, 0)
	// Trust the test server's certificate; verification stays on.
	transport := client.HTTP.Transport.(*http.Transport)
	transport.TLSClientConfig.RootCAs = x509.NewCertPool()
	transport.TLSClientConfig.RootCAs.AddCert(server.Certificate())

	got, err := client.CreateLead(context.Background(), []byte(testBody))
	if err != nil {
		t.Fatalf("CreateLead error = %v", err)
	}
	if got.Status != http.StatusAccepted {
		t.Errorf("status = %d, want 202", got.Status)
	}
	if proto := <-protocols; proto != "HTTP/1.1" {
		t.Errorf("protocol = %s, want HTTP/1.1 although the server offers HTTP/2", proto)
	}
}
