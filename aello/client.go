package aello

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aello-copilot/aello-import/i18n"
)

// DefaultTimeout is the time limit of one request when NewClient is given
// no timeout: connecting, sending the lead and reading the response.
const DefaultTimeout = 30 * time.Second

// DefaultUserAgent is the User-Agent header sent when Client.UserAgent is
// empty.
const DefaultUserAgent = "aello-import"

// Limits of the connection phases. A phase never gets more than the
// request's whole timeout.
const (
	dialTimeout         = 10 * time.Second
	tlsHandshakeTimeout = 10 * time.Second
	// idleConnTimeout is kept below the keep-alive timeout of common
	// servers (60 s or more) so that a request is rarely written to a
	// connection that the server is closing. Such a request comes back
	// as a TransportError with Written true even though the server never
	// read it.
	idleConnTimeout = 30 * time.Second
	// maxIdleConnsPerHost lets many requests in flight reuse connections
	// instead of opening a new one for each request.
	maxIdleConnsPerHost = 64
)

// Client sends leads to the Aéllo Copilot API. Build it with NewClient,
// which checks the base URL and sets the timeouts. A Client is safe for
// concurrent use once its fields are set.
type Client struct {
	// BaseURL is the API root, such as SandboxURL, without "/leads".
	BaseURL string
	// APIKey is sent in the Aello-Api-Key header. It never appears in an
	// error returned by the client.
	APIKey string
	// HTTP sends the requests. Nil means a client built as NewClient
	// builds it, with DefaultTimeout. A client that follows redirects
	// would send the API key to the redirect target, and one that speaks
	// HTTP/2 can report TransportError.Written false for a request that
	// was sent, so NewClient's client does neither.
	HTTP *http.Client
	// UserAgent is the User-Agent header. Empty means DefaultUserAgent.
	UserAgent string
}

// NewClient returns a client for the API at baseURL, which must pass
// CheckBaseURL. The API key must not be empty and must contain no spaces or
// control characters, such as the line break that ends a key file. timeout
// limits each request from connecting to reading the response, and zero or
// less means DefaultTimeout. TLS certificates are always verified,
// redirects are not followed, and requests use HTTP/1.1. The error is a
// *URLError or a *KeyError.
func NewClient(baseURL, apiKey string, timeout time.Duration) (*Client, error) {
	u, err := CheckBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	if err := CheckAPIKey(apiKey); err != nil {
		return nil, err
	}

	return &Client{
		BaseURL: u.String(),
		APIKey:  apiKey,
		HTTP:    newHTTPClient(timeout),
	}, nil
}

// KeyError is an API key that cannot be sent. Its message never contains
// the key.
type KeyError struct {
	// Code is "api_key_missing" or "api_key_invalid".
	Code string
	// Message describes the problem and its fix.
	Message i18n.Text
}

// Error renders the message in English.
func (e *KeyError) Error() string {
	return e.Message.String()
}

// CheckAPIKey returns a *KeyError when key is empty or holds a character
// that an HTTP header cannot carry unchanged: a space, a control character
// such as a line break, or a non-ASCII character.
func CheckAPIKey(key string) error {
	if key == "" {
		return &KeyError{Code: "api_key_missing",
			Message: i18n.T("the API key is empty: set AELLO_API_KEY or give --api-key-file with the key that the Aéllo admin user provided")}
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] >= 0x7f {
			return &KeyError{Code: "api_key_invalid",
				Message: i18n.T("the API key contains a space, a line break or another character that an API key cannot contain (position %d): copy the key again without it", i+1)}
		}
	}
	return nil
}

// newHTTPClient returns an HTTP/1.1 client with a limit on each connection
// phase, verified TLS and no redirects.
func newHTTPClient(timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}

	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{
		Timeout:   min(dialTimeout, timeout),
		KeepAlive: 30 * time.Second,
	}).DialContext
	transport.TLSHandshakeTimeout = min(tlsHandshakeTimeout, timeout)
	transport.ResponseHeaderTimeout = timeout
	transport.IdleConnTimeout = idleConnTimeout
	transport.MaxIdleConns = maxIdleConnsPerHost
	transport.MaxIdleConnsPerHost = maxIdleConnsPerHost
	transport.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	// HTTP/1.1 only: TransportError.Written relies on the HTTP/1.1
	// transport finishing its write before a failed round trip returns.
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	transport.Protocols = protocols
	transport.ForceAttemptHTTP2 = false

	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// defaultHTTPClient is used by a Client whose HTTP field is nil.
var defaultHTTPClient = sync.OnceValue(func() *http.Client {
	return newHTTPClient(DefaultTimeout)
})

// TransportError is a request that got no HTTP response: the connection
// failed, timed out, was closed or the context was cancelled.
type TransportError struct {
	// Written reports whether the whole request was written to the
	// connection. When true, the API may have stored the lead, so sending
	// it again could store it twice. When false, the API cannot have read
	// the whole request and sending it again is safe.
	Written bool
	// Err is the error of the HTTP client, usually a *url.Error.
	Err error
}

// Error renders the message in English.
func (e *TransportError) Error() string {
	return e.Text().String()
}

// Unwrap returns Err, so errors.Is finds context.Canceled and the like.
func (e *TransportError) Unwrap() error {
	return e.Err
}

// Timeout reports whether the request failed because a time limit passed.
func (e *TransportError) Timeout() bool {
	var netErr net.Error
	return errors.Is(e.Err, context.DeadlineExceeded) || (errors.As(e.Err, &netErr) && netErr.Timeout())
}

// Text returns the message for the user, stating whether the lead may
// have been stored.
func (e *TransportError) Text() i18n.Text {
	if e.Written {
		return i18n.T("the lead was sent but no response came back (%v): the API may have stored it, so check in Aéllo Copilot before sending it again", e.Err)
	}
	return i18n.T("the lead could not be sent (%v): nothing was stored, so it is safe to send it again", e.Err)
}

// maxResponseBody is how much of a response body is read. API responses
// are a few hundred bytes, and only an excerpt of a longer body is kept.
const maxResponseBody = 64 << 10

// CreateLead sends body, the JSON encoding of a Lead, to POST
// {BaseURL}/leads. The caller keeps body, which is sent byte for byte.
//
// Any HTTP status, success or not, comes back as a Response with a nil
// error. An error means that no HTTP response came: it is a
// *TransportError, or a *URLError when BaseURL is invalid, in which case
// nothing was sent. The API key never appears in the error or in
// Response.Message.
func (c *Client) CreateLead(ctx context.Context, body []byte) (Response, error) {
	base, err := CheckBaseURL(c.BaseURL)
	if err != nil {
		return Response{}, err
	}
	endpoint := base.JoinPath("leads").String()

	// The transport calls WroteRequest once the whole request is in its
	// write buffer, just before flushing it to the connection, so a failed
	// flush still counts as written. On a failed round trip, the HTTP/1.1
	// transport of Go 1.26 waits for its writing goroutine to finish before
	// returning, so the flag is final when Do returns. The HTTP/2 transport
	// can return first, which is why newHTTPClient turns HTTP/2 off.
	var written atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				written.Store(true)
			}
		},
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return Response{}, &TransportError{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set(APIKeyHeader, c.APIKey)
	userAgent := c.UserAgent
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}
	req.Header.Set("User-Agent", userAgent)

	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = defaultHTTPClient()
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return Response{}, &TransportError{Written: written.Load(), Err: redactError(err, c.APIKey)}
	}
	defer resp.Body.Close()

	// A body cut short still leaves a valid status, so a read error only
	// shortens the message.
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	return decodeResponse(resp, data, c.APIKey, time.Now()), nil
}

// redactError hides key in the text of err. The net/http errors of Go 1.26
// name a bad header but not its value, so this is a safeguard that normally
// returns err unchanged.
func redactError(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return &redactedError{text: strings.ReplaceAll(err.Error(), key, redacted), err: err}
}

// redacted replaces the API key wherever a text would show it.
const redacted = "[redacted]"

// redactedError is an error whose text had the API key removed. Unwrap
// keeps errors.Is working on the original error.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }

func (e *redactedError) Unwrap() error { return e.err }

// Response is the outcome of a request that got an HTTP response.
type Response struct {
	// Status is the HTTP status code, 202 when the API accepted the lead.
	Status int
	// Code is the "code" of an error body, such as
	// "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL", or "" when there is none.
	Code string
	// Message is the "error" (or "message") of an error body. When the
	// body is not JSON, or is an error body with neither, Message is a
	// short excerpt of the body with control characters and HTML tags
	// removed. It is "" for an empty body.
	Message string
	// RetryAfter is the wait that the Retry-After header requests, given
	// in seconds or as an HTTP date, capped at maxRetryAfter. It is 0 when
	// the header is absent or invalid.
	RetryAfter time.Duration
}

// Accepted reports whether the API took the lead for processing: any 2xx
// status, 202 in the API document.
func (r Response) Accepted() bool {
	return r.Status >= 200 && r.Status < 300
}

// Retryable reports whether the same request may succeed later: 429 (rate
// limited), 500, 502, 503 and 504. These statuses mean that the API did
// not take the lead, so sending it again cannot store it twice.
func (r Response) Retryable() bool {
	switch r.Status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// IsAccountError reports whether r is about the account rather than the
// lead: 401 (API key missing or invalid) or a 422 with the code
// ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND. Every later request would fail the
// same way, so an import must stop.
func IsAccountError(r Response) bool {
	return r.Status == http.StatusUnauthorized ||
		(r.Status == http.StatusUnprocessableEntity && r.Code == CodeDealershipNotFound)
}

// Error codes that the API document shows.
const (
	CodeInvalidEmail       = "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"
	CodeDealershipNotFound = "ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND"
)

// Text returns a short description of r for people, such as
// "HTTP 400 Bad Request: Invalid email (ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL)".
func (r Response) Text() i18n.Text {
	statusText := http.StatusText(r.Status)
	switch {
	case r.Message != "" && r.Code != "":
		return i18n.T("HTTP %d %s: %s (%s)", r.Status, statusText, r.Message, r.Code)
	case r.Message != "":
		return i18n.T("HTTP %d %s: %s", r.Status, statusText, r.Message)
	case r.Code != "":
		return i18n.T("HTTP %d %s (%s)", r.Status, statusText, r.Code)
	}
	return i18n.T("HTTP %d %s", r.Status, statusText)
}

// String returns Text in English.
func (r Response) String() string {
	return r.Text().String()
}

// Limits of what a Response keeps from the server.
const (
	maxMessageRunes = 300
	maxCodeRunes    = 100
	maxRetryAfter   = 24 * time.Hour
)

// decodeResponse builds the Response of resp, whose body is data. now is
// the time that an HTTP-date Retry-After is measured from.
func decodeResponse(resp *http.Response, data []byte, key string, now time.Time) Response {
	r := Response{
		Status:     resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), now),
	}

	var fields map[string]any
	isObject := json.Unmarshal(data, &fields) == nil && fields != nil
	if isObject {
		r.Message = jsonText(fields["error"])
		if r.Message == "" {
			r.Message = jsonText(fields["message"])
		}
		r.Code = jsonText(fields["code"])
	}

	// A body that is not JSON, or an error body without a message, is kept
	// as an excerpt so the user sees what the server sent.
	if !isObject || (r.Message == "" && !r.Accepted()) {
		text := string(data)
		if strings.HasPrefix(strings.TrimSpace(text), "<") {
			text = stripTags(text)
		}
		r.Message = text
	}

	r.Message = sanitize(r.Message, key, maxMessageRunes)
	r.Code = sanitize(r.Code, key, maxCodeRunes)
	return r
}

// jsonText returns a JSON string or number as text, and "" for anything
// else.
func jsonText(value any) string {
	switch v := value.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// stripTags removes HTML tags, keeping the text between them.
func stripTags(html string) string {
	var text strings.Builder
	inTag := false
	for _, r := range html {
		switch {
		case r == '<':
			inTag = true
			text.WriteByte(' ')
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			text.WriteRune(r)
		}
	}
	return text.String()
}

// sanitize makes text from a server safe to show and to store in a report.
// The result is valid UTF-8 without control characters or the API key.
// Runs of white space fold into one space, and a text longer than maxRunes
// runes is cut, with "…" at the end.
func sanitize(text, key string, maxRunes int) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if key != "" {
		text = strings.ReplaceAll(text, key, redacted)
	}
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
	}), " ")

	if utf8.RuneCountInString(text) <= maxRunes {
		return text
	}
	runes := []rune(text)
	return strings.TrimSpace(string(runes[:maxRunes-1])) + "…"
}

// parseRetryAfter returns the wait asked for by a Retry-After header value:
// a number of seconds or an HTTP date, measured from now. It returns 0 for
// an empty or invalid value and for a date in the past, and at most
// maxRetryAfter.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}

	var wait time.Duration
	if seconds, err := strconv.ParseUint(value, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if err != nil || seconds >= uint64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		wait = time.Duration(seconds) * time.Second
	} else if date, err := http.ParseTime(value); err == nil {
		wait = date.Sub(now)
	}

	return min(max(wait, 0), maxRetryAfter)
}
