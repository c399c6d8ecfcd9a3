package importer

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
	"golang.org/x/time/rate"
)

// scriptedPoster returns the next scripted response from each CreateLead.
type scriptedPoster struct {
	mu      sync.Mutex
	answers []scriptedAnswer
	calls   int
}

type scriptedAnswer struct {
	response aello.Response
	err      error
}

func (p *scriptedPoster) CreateLead(ctx context.Context, body []byte) (aello.Response, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	if len(p.answers) == 0 {
		return aello.Response{}, errors.New("no scripted answer left")
	}
	answer := p.answers[0]
	p.answers = p.answers[1:]
	return answer.response, answer.err
}

func repeat(answer scriptedAnswer, n int) []scriptedAnswer {
	list := make([]scriptedAnswer, n)
	for i := range list {
		list[i] = answer
	}
	return list
}

func status(code int) scriptedAnswer {
	return scriptedAnswer{response: aello.Response{Status: code}}
}

// newTestSender returns a sender that records its backoff delays instead
// of sleeping.
func newTestSender(poster LeadPoster) (*sender, *[]time.Duration) {
	logger := slog.New(slog.DiscardHandler)
	s := newSender(poster, newPacer(0, logger, time.Now), logger)
	var delays []time.Duration
	s.sleep = func(ctx context.Context, d time.Duration) error {
		delays = append(delays, d)
		return ctx.Err()
	}
	s.jitter = func(d time.Duration) time.Duration { return 0 }
	s.pacer.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	// Keep the limiter unlimited after 429s, so that no test waits on it.
	s.pacer.minimum = rate.Inf
	return s, &delays
}

func TestSenderOutcomes(t *testing.T) {
	notWritten := &aello.TransportError{Written: false, Err: errors.New("connection refused")}
	written := &aello.TransportError{Written: true, Err: errors.New("connection reset")}

	tests := []struct {
		name         string
		answers      []scriptedAnswer
		wantStatus   Status
		wantAttempts int
		wantStop     bool
	}{
		{"accepted first time", []scriptedAnswer{status(202)}, Accepted, 1, false},
		{"rejected 400", []scriptedAnswer{{response: aello.Response{Status: 400, Code: "ERR-EMAIL-INVALID_OR_MALFORMED_EMAIL"}}}, Rejected, 1, false},
		{"retried 500 then accepted", []scriptedAnswer{status(500), status(503), status(202)}, Accepted, 3, false},
		{"retried 429 then accepted", []scriptedAnswer{{response: aello.Response{Status: 429, RetryAfter: 2 * time.Second}}, status(202)}, Accepted, 2, false},
		{"failed after max attempts", repeat(status(500), 8), Failed, 8, false},
		{"throttling has its own allowance", append(repeat(status(429), 12), status(202)), Accepted, 13, false},
		{"failed after max throttling", repeat(status(429), 30), Failed, 30, false},
		{"connection refused retried", []scriptedAnswer{{err: notWritten}, status(202)}, Accepted, 2, false},
		{"written without answer is uncertain", []scriptedAnswer{{err: written}}, Uncertain, 1, false},
		{"unauthorized stops run", []scriptedAnswer{status(401)}, NotSent, 1, true},
		{"unknown dealership stops run", []scriptedAnswer{{response: aello.Response{Status: 422, Code: "ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND"}}}, NotSent, 1, true},
		{"other 422 rejects row", []scriptedAnswer{{response: aello.Response{Status: 422, Code: "ERR-OTHER"}}}, Rejected, 1, false},
		{"not found stops run", []scriptedAnswer{status(404)}, NotSent, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			poster := &scriptedPoster{answers: tt.answers}
			s, _ := newTestSender(poster)
			result := s.send(context.Background(), context.Background(), 2, []byte(`{}`))
			if result.status != tt.wantStatus {
				t.Errorf("status = %s, want %s", result.status, tt.wantStatus)
			}
			if result.attempts != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", result.attempts, tt.wantAttempts)
			}
			if poster.calls != tt.wantAttempts {
				t.Errorf("requests sent = %d, want %d", poster.calls, tt.wantAttempts)
			}
			if (result.stop != nil) != tt.wantStop {
				t.Errorf("stop = %v, want stop %v", result.stop, tt.wantStop)
			}
		})
	}
}

func TestSenderBackoffHonoursRetryAfter(t *testing.T) {
	poster := &scriptedPoster{answers: []scriptedAnswer{
		{response: aello.Response{Status: http.StatusTooManyRequests, RetryAfter: 7 * time.Second}},
		status(500),
		status(202),
	}}
	s, delays := newTestSender(poster)

	result := s.send(context.Background(), context.Background(), 2, []byte(`{}`))
	if result.status != Accepted {
		t.Fatalf("status = %s, want accepted", result.status)
	}
	if len(*delays) != 2 {
		t.Fatalf("delays = %v, want 2 of them", *delays)
	}
	if (*delays)[0] != 7*time.Second {
		t.Errorf("delay after 429 = %v, want Retry-After 7s", (*delays)[0])
	}
	// With no jitter the second delay is half the doubled base delay.
	if want := s.baseDelay; (*delays)[1] != want {
		t.Errorf("delay after 500 = %v, want %v", (*delays)[1], want)
	}
}

func TestSenderStoppedBeforeSending(t *testing.T) {
	poster := &scriptedPoster{answers: []scriptedAnswer{status(202)}}
	s, _ := newTestSender(poster)
	stop, cancel := context.WithCancel(context.Background())
	cancel()

	result := s.send(stop, context.Background(), 2, []byte(`{}`))
	if result.status != NotSent {
		t.Errorf("status = %s, want not_sent", result.status)
	}
	if poster.calls != 0 {
		t.Errorf("requests sent = %d, want 0", poster.calls)
	}
}

func TestPacerLowersAndRestoresRate(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	now := time.Unix(0, 0)
	p := newPacer(40, logger, func() time.Time { return now })

	p.Throttled(time.Second)
	if got := p.Limit(); got != 20 {
		t.Fatalf("rate after 429 = %v, want 20", got)
	}
	p.Throttled(0)
	if got := p.Limit(); got != 20 {
		t.Fatalf("rate after a second 429 in the same second = %v, want 20", got)
	}
	now = now.Add(lowerEvery)
	p.Throttled(0)
	if got := p.Limit(); got != 10 {
		t.Fatalf("rate after second 429 = %v, want 10", got)
	}

	for range 1000 {
		p.Succeeded()
	}
	if got := p.Limit(); got != 40 {
		t.Errorf("rate after many successes = %v, want 40", got)
	}
}

func TestPacerNeverBelowOnePerSecond(t *testing.T) {
	now := time.Unix(0, 0)
	p := newPacer(3, slog.New(slog.DiscardHandler), func() time.Time { return now })
	for range 10 {
		p.Throttled(0)
		now = now.Add(lowerEvery)
	}
	if got := p.Limit(); got != 1 {
		t.Errorf("rate = %v, want 1", got)
	}
}

func TestSenderStopsAfterFailuresInARow(t *testing.T) {
	notConnected := &aello.TransportError{Written: false, Err: errors.New("dial tcp 127.0.0.1:9: connection refused")}
	poster := &scriptedPoster{answers: repeat(scriptedAnswer{err: notConnected}, 10)}
	s, _ := newTestSender(poster)
	s.maxConsecutive = 3

	result := s.send(context.Background(), context.Background(), 2, []byte(`{}`))

	if result.status != NotSent || result.stop == nil {
		t.Fatalf("result = %v, stop %v; want not_sent with a stop", result, result.stop)
	}
	if poster.calls != 3 {
		t.Errorf("calls = %d, want 3", poster.calls)
	}
	tests := []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.English, "the API failed 3 times in a row (last error: dial tcp 127.0.0.1:9: connection refused): check your network"},
		{i18n.French, "l'API a échoué 3 fois de suite (dernière erreur : dial tcp 127.0.0.1:9: connection refused) : vérifiez votre réseau"},
	}
	for _, tt := range tests {
		if got := result.stop.Reason.In(tt.lang); !strings.HasPrefix(got, tt.want) {
			t.Errorf("reason in %s = %q, want it to start with %q", tt.lang.Code(), got, tt.want)
		}
	}
}
