package sandbox

import (
	"math/rand/v2"
	"sync"
	"time"
)

// faults draws the injected latency, failures and drops, and counts the
// requests of the current second for the rate limit. It is safe for
// concurrent use.
type faults struct {
	latency   time.Duration
	jitter    time.Duration
	failRate  float64
	dropRate  float64
	rateLimit int

	mu sync.Mutex
	// Each kind of draw has its own stream, so that turning on jitter does
	// not change which requests fail or drop.
	jitterRand *rand.Rand
	failRand   *rand.Rand
	dropRand   *rand.Rand
	// windowSecond is the Unix second that windowCount counts requests of.
	windowSecond int64
	windowCount  int
}

// newFaults returns the faults of cfg, seeded with cfg.Seed.
func newFaults(cfg Config) *faults {
	seed := uint64(cfg.Seed)
	return &faults{
		latency:    cfg.Latency,
		jitter:     cfg.Jitter,
		failRate:   cfg.FailRate,
		dropRate:   cfg.DropRate,
		rateLimit:  cfg.RateLimit,
		jitterRand: rand.New(rand.NewPCG(seed, 1)),
		failRand:   rand.New(rand.NewPCG(seed, 2)),
		dropRand:   rand.New(rand.NewPCG(seed, 3)),
	}
}

// allow counts a request arriving at now and reports whether it is within
// the rate limit of its second. Requests over the limit are not counted.
func (f *faults) allow(now time.Time) bool {
	if f.rateLimit <= 0 {
		return true
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if second := now.Unix(); second != f.windowSecond {
		f.windowSecond = second
		f.windowCount = 0
	}
	if f.windowCount >= f.rateLimit {
		return false
	}
	f.windowCount++
	return true
}

// fail reports whether this request gets an injected 500.
func (f *faults) fail() bool {
	return f.draw(f.failRand, f.failRate)
}

// drop reports whether this accepted request loses its connection.
func (f *faults) drop() bool {
	return f.draw(f.dropRand, f.dropRate)
}

// draw returns true with probability p.
func (f *faults) draw(source *rand.Rand, p float64) bool {
	if p <= 0 {
		return false
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	return source.Float64() < p
}

// delay returns the latency of one response: uniform over [latency-jitter,
// latency+jitter], never below zero.
func (f *faults) delay() time.Duration {
	if f.jitter <= 0 {
		return f.latency
	}

	f.mu.Lock()
	offset := time.Duration(f.jitterRand.Int64N(2*int64(f.jitter)+1)) - f.jitter
	f.mu.Unlock()
	return max(f.latency+offset, 0)
}
