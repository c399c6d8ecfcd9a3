package sandbox

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aello-copilot/aello-import/i18n"
)

// DefaultAddr is the listen address of the sandbox command.
const DefaultAddr = "127.0.0.1:8089"

// MaxBodyBytes is the largest request body that POST /leads reads. A larger
// body gets 413.
const MaxBodyBytes = 1 << 20

// Config sets up a Server. The zero value, with at least one key added,
// is a sandbox without faults.
type Config struct {
	// Keys maps each valid API key to the name of its dealership.
	Keys map[string]string
	// OrphanKeys are valid API keys whose dealership is gone: requests
	// with them get 422 ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND.
	OrphanKeys []string
	// Addr is the listen address of Start when it is given none. Empty
	// means an ephemeral port on 127.0.0.1.
	Addr string
	// StorePath is a JSON Lines file that receives every new lead and
	// merged message, and from which New loads earlier ones. Empty keeps
	// leads in memory only.
	StorePath string
	// Latency is the wait of POST /leads before it responds.
	Latency time.Duration
	// Jitter spreads Latency uniformly over [Latency-Jitter,
	// Latency+Jitter], never below zero.
	Jitter time.Duration
	// FailRate is the probability, from 0 to 1, of a 500 response that
	// stores nothing.
	FailRate float64
	// DropRate is the probability, from 0 to 1, that the connection is
	// closed without a response after the lead was stored.
	DropRate float64
	// RateLimit is the number of requests allowed in each second, counted
	// over all keys. Zero means no limit.
	RateLimit int
	// Seed seeds the random draws of Jitter, FailRate and DropRate. Every
	// value, zero included, is a fixed seed.
	Seed int64
	// Logger receives one line per request. Nil discards the lines.
	Logger *slog.Logger
	// Now returns the current time, used for lead times, the 30-day merge
	// and the rate limit's seconds. Nil means time.Now.
	Now func() time.Time
}

// ConfigError is an invalid Config. Its message never contains an API key.
type ConfigError struct {
	// Field is the flag of the setting at fault, such as "fail-rate".
	Field string
	// Message describes the problem and its fix.
	Message i18n.Text
}

// Error renders the message in English.
func (e *ConfigError) Error() string {
	return e.Message.String()
}

// Server is the emulator. It is an http.Handler that can also listen by
// itself with Start. Its methods are safe for concurrent use.
type Server struct {
	keys       map[string]string
	orphanKeys map[string]bool
	addr       string
	logger     *slog.Logger
	now        func() time.Time
	faults     *faults
	store      *store

	// sleep waits for d or until ctx is done. Tests replace it to record
	// the latency without waiting.
	sleep func(ctx context.Context, d time.Duration)

	mu       sync.Mutex
	closed   bool
	inFlight sync.WaitGroup
	server   *http.Server
	stats    Stats
}

// Stats are the counts of a Server, served by GET /_sandbox/stats.
type Stats struct {
	// Requests counts the requests to the API paths, that is all requests
	// except those to /_sandbox/.
	Requests int `json:"requests"`
	// ByStatus counts the requests by the HTTP status of their response, such as "202".
	// Dropped requests have no status and are not counted here.
	ByStatus map[string]int `json:"byStatus"`
	// Leads and Messages count what the store contains, including what New
	// loaded from Config.StorePath.
	Leads    int `json:"leads"`
	Messages int `json:"messages"`
	// Dropped counts the requests whose connection was closed without a
	// response after the lead was stored.
	Dropped int `json:"dropped"`
}

// New checks cfg and returns a Server. When cfg.StorePath names an
// existing file, New loads its leads and messages and then appends to it.
// The error is a *ConfigError, or an error about the store file.
func New(cfg Config) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}

	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}

	keys := make(map[string]string, len(cfg.Keys))
	for key, dealership := range cfg.Keys {
		keys[key] = dealership
	}
	orphanKeys := make(map[string]bool, len(cfg.OrphanKeys))
	for _, key := range cfg.OrphanKeys {
		orphanKeys[key] = true
	}

	st, err := openStore(cfg.StorePath, logger)
	if err != nil {
		return nil, err
	}

	return &Server{
		keys:       keys,
		orphanKeys: orphanKeys,
		addr:       cfg.Addr,
		logger:     logger,
		now:        now,
		faults:     newFaults(cfg),
		store:      st,
		sleep:      sleepContext,
		stats:      Stats{ByStatus: map[string]int{}},
	}, nil
}

// check returns a *ConfigError for the first invalid setting of c.
func (c *Config) check() error {
	if len(c.Keys) == 0 && len(c.OrphanKeys) == 0 {
		return &ConfigError{Field: "key",
			Message: i18n.T("the sandbox has no API key: give at least one with --key KEY")}
	}
	for key, dealership := range c.Keys {
		if !validKey(key) {
			return &ConfigError{Field: "key",
				Message: i18n.T("an API key for the sandbox is empty or contains a space or control character: use letters, digits and punctuation only")}
		}
		if strings.TrimSpace(dealership) == "" {
			return &ConfigError{Field: "key",
				Message: i18n.T("an API key of the sandbox has an empty dealership name: give each key a dealership name")}
		}
	}
	for _, key := range c.OrphanKeys {
		if !validKey(key) {
			return &ConfigError{Field: "orphan-key",
				Message: i18n.T("an orphan key for the sandbox is empty or contains a space or control character: use letters, digits and punctuation only")}
		}
		if _, ok := c.Keys[key]; ok {
			return &ConfigError{Field: "orphan-key",
				Message: i18n.T("a key is given both as --key and as --orphan-key: give it only once")}
		}
	}

	for _, rate := range []struct {
		flag  string
		value float64
	}{{"fail-rate", c.FailRate}, {"drop-rate", c.DropRate}} {
		if math.IsNaN(rate.value) || rate.value < 0 || rate.value > 1 {
			return &ConfigError{Field: rate.flag,
				Message: i18n.T("--%s is %v: give a probability between 0 and 1, such as 0.05", rate.flag, rate.value)}
		}
	}
	for _, wait := range []struct {
		flag  string
		value time.Duration
	}{{"latency", c.Latency}, {"jitter", c.Jitter}} {
		if wait.value < 0 {
			return &ConfigError{Field: wait.flag,
				Message: i18n.T("--%s is %v: give a duration of zero or more, such as 50ms", wait.flag, wait.value)}
		}
	}
	if c.RateLimit < 0 {
		return &ConfigError{Field: "rate-limit",
			Message: i18n.T("--rate-limit is %d: give a number of requests per second, or 0 for no limit", c.RateLimit)}
	}
	return nil
}

// validKey reports whether key is non-empty printable ASCII without
// spaces, as an HTTP header carries it unchanged.
func validKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Start listens on addr, or on Config.Addr when addr is empty, or on an
// ephemeral port of 127.0.0.1 when both are empty, and serves in the
// background until Close. It returns the base URL to give the client, such
// as "http://127.0.0.1:8089". A wildcard address such as ":8089" listens on
// every interface but the base URL uses 127.0.0.1.
func (s *Server) Start(addr string) (string, error) {
	if addr == "" {
		addr = s.addr
	}
	if addr == "" {
		addr = "127.0.0.1:0"
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", errors.New("sandbox: Start called after Close")
	}
	if s.server != nil {
		return "", errors.New("sandbox: Start called twice")
	}

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return "", &StartError{Addr: addr, Err: err}
	}
	s.server = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("sandbox stopped serving", "addr", listener.Addr().String(), "error", err)
		}
	}()

	baseURL := "http://" + baseHost(listener.Addr())
	s.logger.Info("sandbox listening", "addr", listener.Addr().String(), "base_url", baseURL)
	return baseURL, nil
}

// StartError is an address that the sandbox could not listen on.
type StartError struct {
	Addr string
	Err  error
}

// Error renders the message in English.
func (e *StartError) Error() string {
	return e.Text().String()
}

// Unwrap returns the error of net.Listen.
func (e *StartError) Unwrap() error {
	return e.Err
}

// Text returns the message for the user.
func (e *StartError) Text() i18n.Text {
	return i18n.T("the sandbox cannot listen on %s (%v): choose another --addr, such as 127.0.0.1:0 for any free port", e.Addr, e.Err)
}

// baseHost returns the host and port that reach a listener: its own, or
// 127.0.0.1 for a wildcard address.
func baseHost(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// Close stops the server started by Start, waits for the requests in
// progress and closes the store file. Requests that arrive at ServeHTTP
// after Close get 503. Close may be called more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	server := s.server
	s.mu.Unlock()

	var serverErr error
	if server != nil {
		serverErr = server.Close()
	}
	s.inFlight.Wait()

	s.mu.Lock()
	storeErr := s.store.close()
	s.mu.Unlock()
	s.logger.Info("sandbox stopped")
	return errors.Join(serverErr, storeErr)
}

// Leads returns a copy of every stored lead with its messages, in the
// order they were created.
func (s *Server) Leads() []StoredLead {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.snapshot()
}

// Stats returns a copy of the current counts.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()

	stats := s.stats
	stats.ByStatus = make(map[string]int, len(s.stats.ByStatus))
	for status, n := range s.stats.ByStatus {
		stats.ByStatus[status] = n
	}
	stats.Leads = s.store.leadCount()
	stats.Messages = s.store.messageCount
	return stats
}

// ServeHTTP routes a request to POST /leads or to the sandbox-only
// endpoints, and logs it on one line.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		writeError(w, http.StatusServiceUnavailable, "Sandbox is shutting down", "ERR-SANDBOX-CLOSED")
		return
	}
	s.inFlight.Add(1)
	s.mu.Unlock()
	defer s.inFlight.Done()

	start := time.Now()
	var out outcome
	switch {
	case r.URL.Path == "/leads":
		out = s.serveLeads(w, r)
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		out = s.serveSandbox(w, r)
	default:
		out = outcome{status: http.StatusNotFound, code: "ERR-SANDBOX-NOT_FOUND"}
		s.count(out)
		writeError(w, out.status, "Not found: the sandbox serves POST /leads, GET /_sandbox/leads and GET /_sandbox/stats", out.code)
	}
	s.log(r, out, time.Since(start))

	if out.abort {
		panic(http.ErrAbortHandler)
	}
}

// outcome is the result of a request, for the stats and the log.
type outcome struct {
	status     int // 0 when the connection was dropped
	code       string
	dealership string
	leadID     string
	merged     bool
	dropped    bool
	// abort makes ServeHTTP end the request without a response, for a
	// drop that could not hijack the connection.
	abort bool
}

// count adds out to the stats. Handlers call it before responding, so the
// stats that a client reads after its response include its request.
func (s *Server) count(out outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.stats.Requests++
	if out.dropped {
		s.stats.Dropped++
		return
	}
	s.stats.ByStatus[strconv.Itoa(out.status)]++
}

// log writes one line about a request. It never logs headers, so the API
// key stays out of the log.
func (s *Server) log(r *http.Request, out outcome, elapsed time.Duration) {
	attrs := []any{
		"method", r.Method,
		"path", r.URL.Path,
		"status", out.status,
		"duration", elapsed,
	}
	if out.dealership != "" {
		attrs = append(attrs, "dealership", out.dealership)
	}
	if out.code != "" {
		attrs = append(attrs, "code", out.code)
	}
	if out.leadID != "" {
		attrs = append(attrs, "lead", out.leadID, "merged", out.merged)
	}
	if out.dropped {
		attrs = append(attrs, "dropped", true)
	}
	s.logger.Info("request", attrs...)
}

// serveSandbox serves GET /_sandbox/leads and GET /_sandbox/stats.
func (s *Server) serveSandbox(w http.ResponseWriter, r *http.Request) outcome {
	if r.URL.Path != "/_sandbox/leads" && r.URL.Path != "/_sandbox/stats" {
		out := outcome{status: http.StatusNotFound, code: "ERR-SANDBOX-NOT_FOUND"}
		writeError(w, out.status, "Not found: the sandbox-only endpoints are GET /_sandbox/leads and GET /_sandbox/stats", out.code)
		return out
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		out := outcome{status: http.StatusMethodNotAllowed, code: "ERR-SANDBOX-METHOD_NOT_ALLOWED"}
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, out.status, "Method not allowed: use GET", out.code)
		return out
	}

	if r.URL.Path == "/_sandbox/leads" {
		writeJSON(w, http.StatusOK, s.Leads())
	} else {
		writeJSON(w, http.StatusOK, s.Stats())
	}
	return outcome{status: http.StatusOK}
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}
