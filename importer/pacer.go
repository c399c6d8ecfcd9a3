package importer

import (
	"context"
	"log/slog"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer is the one rate limiter every request waits on, retries included.
// After a 429 it halves the rate and pauses every worker for Retry-After.
// It then raises the rate by a tenth after each second's worth of
// successes, back up to the configured maximum.
type pacer struct {
	limiter *rate.Limiter
	max     rate.Limit
	minimum rate.Limit
	logger  *slog.Logger
	now     func() time.Time
	// sleep waits out a pause; tests replace it so that they do not sleep.
	sleep func(ctx context.Context, d time.Duration) error

	mu          sync.Mutex
	pauseUntil  time.Time
	lastLowered time.Time
	successes   int
}

// lowerEvery is the least time between two rate reductions: the 429s that
// requests already in flight receive after a reduction carry no news.
const lowerEvery = time.Second

func newPacer(perSecond float64, logger *slog.Logger, now func() time.Time) *pacer {
	limit := rate.Limit(perSecond)
	if perSecond <= 0 {
		limit = rate.Inf
	}
	return &pacer{
		limiter: rate.NewLimiter(limit, 1),
		max:     limit,
		minimum: 1,
		logger:  logger,
		now:     now,
		sleep:   sleepContext,
	}
}

// Wait blocks until a pause set by a 429 has passed and the limiter allows
// one more request.
func (p *pacer) Wait(ctx context.Context) error {
	p.mu.Lock()
	pause := p.pauseUntil.Sub(p.now())
	p.mu.Unlock()

	if pause > 0 {
		if err := p.sleep(ctx, pause); err != nil {
			return err
		}
	}
	return p.limiter.Wait(ctx)
}

// Throttled lowers the rate after a 429 and pauses all requests for
// retryAfter, when the API gave one.
func (p *pacer) Throttled(retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()

	p.successes = 0
	now := p.now()
	if until := now.Add(retryAfter); until.After(p.pauseUntil) {
		p.pauseUntil = until
	}
	if !p.lastLowered.IsZero() && now.Sub(p.lastLowered) < lowerEvery {
		return
	}

	current := p.limiter.Limit()
	if current == rate.Inf {
		// An unlimited run that meets a 429 starts again from a finite rate.
		current = 100
	}
	lowered := max(current/2, p.minimum)
	if lowered < p.limiter.Limit() {
		p.lastLowered = now
		p.limiter.SetLimit(lowered)
		p.logger.Info("rate lowered after HTTP 429", "rate_per_second", roundRate(lowered), "retry_after", retryAfter)
	}
}

// Succeeded counts a request the API did not throttle and raises the rate
// by a tenth after a second's worth of them.
func (p *pacer) Succeeded() {
	p.mu.Lock()
	defer p.mu.Unlock()

	current := p.limiter.Limit()
	if current >= p.max {
		return
	}
	p.successes++
	if float64(p.successes) < float64(current) {
		return
	}
	p.successes = 0
	raised := min(current*1.1+1, p.max)
	p.limiter.SetLimit(raised)
	if raised == p.max {
		p.logger.Info("rate restored", "rate_per_second", roundRate(raised))
	} else {
		p.logger.Debug("rate raised", "rate_per_second", roundRate(raised))
	}
}

// Limit returns the current rate in requests per second.
func (p *pacer) Limit() float64 {
	return float64(p.limiter.Limit())
}

// roundRate rounds a rate to two decimals for log lines.
func roundRate(limit rate.Limit) float64 {
	return math.Round(float64(limit)*100) / 100
}
