package importer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/i18n"
)

// LeadPoster sends one encoded lead. *aello.Client implements it.
type LeadPoster interface {
	CreateLead(ctx context.Context, body []byte) (aello.Response, error)
}

// sendResult is the outcome of sending one row, retries included.
type sendResult struct {
	status     Status
	httpStatus int
	code       string
	message    string
	// cause is the transport error without the advice of message, for
	// the stop message that follows failures in a row.
	cause    string
	attempts int
	// stop is set when the response concerns the whole account or setup
	// (wrong key, unknown dealership, wrong base URL): the run must stop.
	stop *StopError
}

// StopError ends a run early: every row not yet sent becomes not_sent.
type StopError struct {
	// Reason describes what happened and what to check, in the user's language.
	Reason i18n.Text
	// HTTPStatus is the status of the response that stopped the run, or 0.
	HTTPStatus int
	Code       string
}

func (e *StopError) Error() string { return e.Reason.String() }

// sender sends rows with retries on transient failures. It is safe for
// concurrent use by the worker goroutines.
type sender struct {
	poster LeadPoster
	pacer  *pacer
	// maxAttempts bounds the attempts that end in a server error or a
	// connection failure; maxThrottled bounds the 429 responses.
	maxAttempts  int
	maxThrottled int
	baseDelay    time.Duration
	maxDelay     time.Duration
	logger       *slog.Logger
	// maxConsecutive is how many transient failures in a row, across all
	// workers, stop the run; consecutive counts them.
	maxConsecutive int64
	consecutive    atomic.Int64
	// sleep waits for d or until ctx is done; tests replace it so that
	// backoff does not sleep.
	sleep func(ctx context.Context, d time.Duration) error
	// jitter returns a random duration in [0, d).
	jitter func(d time.Duration) time.Duration
}

func newSender(poster LeadPoster, p *pacer, logger *slog.Logger) *sender {
	return &sender{
		poster:         poster,
		pacer:          p,
		maxAttempts:    8,
		maxThrottled:   30,
		maxConsecutive: 50,
		baseDelay:      500 * time.Millisecond,
		maxDelay:       30 * time.Second,
		logger:         logger,
		sleep:          sleepContext,
		jitter: func(d time.Duration) time.Duration {
			if d <= 0 {
				return 0
			}
			return rand.N(d)
		},
	}
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// send posts body until the API accepts or rejects it, or retries run out.
// Cancelling stop prevents any further attempt but lets a request already
// on the wire finish. Cancelling abort also abandons that request, whose
// row then becomes uncertain. row is used in log lines only.
func (s *sender) send(stop, abort context.Context, row int, body []byte) sendResult {
	var last sendResult
	failures, throttled := 0, 0
	for attempt := 1; ; attempt++ {
		if err := s.pacer.Wait(stop); err != nil {
			return notSentResult(last, attempt-1)
		}

		response, err := s.poster.CreateLead(abort, body)
		result, retryAfter, retry := s.classify(response, err)
		result.attempts = attempt
		if !retry {
			return result
		}
		last = result

		// A 429 only requests a slower pace and reveals nothing about the
		// row, so it has its own, larger allowance.
		if result.httpStatus == http.StatusTooManyRequests {
			throttled++
		} else {
			failures++
			if s.consecutive.Add(1) >= s.maxConsecutive {
				result.status = NotSent
				result.stop = &StopError{
					Reason:     i18n.T("the API failed %d times in a row (last error: %s): check your network and the API's status, then run again with --resume", s.maxConsecutive, result.lastError()),
					HTTPStatus: result.httpStatus,
				}
				return result
			}
		}
		if failures >= s.maxAttempts || throttled >= s.maxThrottled {
			break
		}
		delay := s.backoff(failures+throttled, retryAfter)
		s.logger.Debug("retrying row", "row", row, "attempt", attempt, "http_status", result.httpStatus, "delay", delay)
		if err := s.sleep(stop, delay); err != nil {
			return notSentResult(last, attempt)
		}
	}

	last.status = Failed
	return last
}

// notSentResult is the result of a row whose run stopped before it could
// be sent, or before a retry could be sent.
func notSentResult(last sendResult, attempts int) sendResult {
	last.status = NotSent
	last.attempts = attempts
	return last
}

// backoff returns the delay before attempt+1: exponential with full
// jitter, and never shorter than the API's Retry-After.
func (s *sender) backoff(attempt int, retryAfter time.Duration) time.Duration {
	ceiling := s.baseDelay << (attempt - 1)
	if ceiling > s.maxDelay || ceiling <= 0 {
		ceiling = s.maxDelay
	}
	delay := ceiling/2 + s.jitter(ceiling/2)
	return max(delay, retryAfter)
}

// classify turns a response or a transport error into a row result.
// retry is true when another attempt is worth it, and retryAfter is the
// wait the API requested.
func (s *sender) classify(response aello.Response, err error) (result sendResult, retryAfter time.Duration, retry bool) {
	if err != nil {
		cause := err.Error()
		var transport *aello.TransportError
		isTransport := errors.As(err, &transport)
		if isTransport && transport.Err != nil {
			cause = transport.Err.Error()
		}
		if isTransport && transport.Written {
			// The API may have stored the lead: sending it again could
			// create a second message under the same lead.
			return sendResult{status: Uncertain, message: err.Error(), cause: cause}, 0, false
		}
		if errors.Is(err, context.Canceled) {
			return sendResult{status: NotSent, message: err.Error(), cause: cause}, 0, false
		}
		return sendResult{status: Failed, message: err.Error(), cause: cause}, 0, true
	}

	result = sendResult{httpStatus: response.Status, code: response.Code, message: response.Message}
	if response.Status != http.StatusTooManyRequests && !response.Retryable() {
		s.consecutive.Store(0)
	}
	switch {
	case response.Status >= 200 && response.Status < 300:
		s.pacer.Succeeded()
		result.status = Accepted
		return result, 0, false

	case response.Status == http.StatusTooManyRequests:
		s.pacer.Throttled(response.RetryAfter)
		result.status = Failed
		return result, response.RetryAfter, true

	case response.Status == http.StatusInternalServerError, response.Status == http.StatusBadGateway,
		response.Status == http.StatusServiceUnavailable, response.Status == http.StatusGatewayTimeout:
		result.status = Failed
		return result, response.RetryAfter, true

	case aello.IsAccountError(response), response.Status == http.StatusForbidden:
		result.status = NotSent
		result.stop = &StopError{
			Reason:     accountStopReason(response),
			HTTPStatus: response.Status,
			Code:       response.Code,
		}
		return result, 0, false

	case response.Status == http.StatusNotFound, response.Status == http.StatusMethodNotAllowed:
		result.status = NotSent
		result.stop = &StopError{
			Reason:     i18n.T("the API answered HTTP %d to POST /leads: check --base-url and --env", response.Status),
			HTTPStatus: response.Status,
		}
		return result, 0, false
	}

	s.pacer.Succeeded()
	result.status = Rejected
	return result, 0, false
}

func accountStopReason(response aello.Response) i18n.Text {
	if response.Status == http.StatusUnauthorized || response.Status == http.StatusForbidden {
		return i18n.T("the API rejected the API key (HTTP %d): check AELLO_API_KEY or --api-key-file, and that the key belongs to this environment (--env)", response.Status)
	}
	return i18n.T("the API rejected the account (HTTP %d, %s: %s): check with your Aéllo administrator that the key's dealership exists", response.Status, response.Code, response.Message)
}

// describeSendFailure renders the report message of a row that was sent
// but not accepted.
func describeSendFailure(result sendResult) i18n.Text {
	switch result.status {
	case Rejected:
		if result.code != "" {
			return i18n.T("the API rejected the row (HTTP %d, %s): %s", result.httpStatus, result.code, result.message)
		}
		return i18n.T("the API rejected the row (HTTP %d): %s", result.httpStatus, result.message)
	case Failed:
		if result.httpStatus != 0 {
			return i18n.T("temporary failure, still failing after %d attempts (last answer HTTP %d %s): send this row again later", result.attempts, result.httpStatus, result.message)
		}
		return i18n.T("temporary failure, still failing after %d attempts (%s): send this row again later", result.attempts, result.message)
	case Uncertain:
		// The transport error is for the log: the user needs the action.
		return i18n.T("sent, but no response came back: the lead may exist in Aéllo; check there, then run again with --resume --resend-uncertain if it does not")
	}
	return i18n.Text{}
}

// lastError describes the response or error of a failed attempt for
// messages.
func (r sendResult) lastError() string {
	if r.httpStatus != 0 {
		return fmt.Sprintf("HTTP %d %s", r.httpStatus, r.message)
	}
	if r.cause != "" {
		return r.cause
	}
	return r.message
}

func (r sendResult) String() string {
	return fmt.Sprintf("%s http=%d code=%s attempts=%d", r.status, r.httpStatus, r.code, r.attempts)
}
