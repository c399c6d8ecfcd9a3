package cli

import (
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/aello-copilot/aello-import/importer"
)

// progress draws the live counters of a run from one goroutine: a bar
// when stderr is a terminal, otherwise a plain line every interval.
type progress struct {
	done chan struct{}
	wg   sync.WaitGroup
}

// plainInterval is the period of progress lines written to a file or pipe.
const plainInterval = 10 * time.Second

// progressPlan is the information a progress display has before the run
// starts.
type progressPlan struct {
	counters *importer.Counters
	sending  bool
	// total is the number of data rows, or 0 when not counted.
	total int64
	// rate is the configured maximum of requests per second, or 0.
	rate float64
}

func (a *app) startProgress(plan progressPlan) *progress {
	p := &progress{done: make(chan struct{})}
	p.wg.Add(1)
	if a.env.StderrIsTerminal {
		go p.drawBar(a, plan)
	} else {
		go p.printLines(a, plan)
	}
	return p
}

func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
}

func (p *progress) drawBar(a *app, plan progressPlan) {
	defer p.wg.Done()
	total := plan.total
	if total == 0 {
		total = -1
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(a.env.Stderr),
		progressbar.OptionSetDescription(a.lang.Sprintf("rows")),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(a.lang.Sprintf("rows")),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionClearOnFinish(),
	)
	estimate := newEstimator(plan)
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-p.done:
			bar.Set64(plan.counters.Recorded())
			bar.Finish()
			return
		case now := <-ticker.C:
			done := plan.counters.Recorded()
			if eta, ok := estimate.update(now, done); ok {
				bar.Describe(a.lang.Sprintf("rows, about %s left", formatDuration(eta)))
			}
			bar.Set64(done)
		}
	}
}

func (p *progress) printLines(a *app, plan progressPlan) {
	defer p.wg.Done()
	estimate := newEstimator(plan)
	sample := time.NewTicker(time.Second)
	defer sample.Stop()
	lastPrinted := time.Now()
	for {
		select {
		case <-p.done:
			return
		case now := <-sample.C:
			done := plan.counters.Recorded()
			eta, known := estimate.update(now, done)
			if now.Sub(lastPrinted) < plainInterval {
				continue
			}
			lastPrinted = now

			elapsed := now.Sub(plan.counters.Started()).Seconds()
			counters := plan.counters
			switch {
			case plan.sending && known:
				a.printf("progress: %d of %d rows done (%d accepted, %d to fix), %.0f rows/s, about %s left\n",
					done, plan.total, counters.Count(importer.Accepted),
					counters.Count(importer.Invalid)+counters.Count(importer.Rejected)+counters.Count(importer.Failed),
					float64(done)/elapsed, formatDuration(eta))
			case plan.sending:
				a.printf("progress: %d rows done (%d accepted, %d to fix), %.0f rows/s\n",
					done, counters.Count(importer.Accepted),
					counters.Count(importer.Invalid)+counters.Count(importer.Rejected)+counters.Count(importer.Failed),
					float64(done)/elapsed)
			default:
				a.printf("progress: %d rows checked, %.0f rows/s\n", done, float64(done)/elapsed)
			}
		}
	}
}

// formatDuration rounds d for display: to the second under a minute, to
// the minute above.
func formatDuration(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	return d.Round(time.Minute).String()
}

// estimator predicts the time left from the throughput measured over the
// last window of the run, not from its first seconds, and never from a
// pace faster than the configured rate.
type estimator struct {
	plan    progressPlan
	samples []progressSample
}

type progressSample struct {
	at   time.Time
	done int64
}

// estimateWindow is how far back the measured throughput looks, and
// estimateMinimum how much of it is needed before an estimate is shown.
const (
	estimateWindow  = 30 * time.Second
	estimateMinimum = 5 * time.Second
)

func newEstimator(plan progressPlan) *estimator {
	return &estimator{plan: plan}
}

// update records that done rows were finished at now and returns the
// estimated time left. ok is false while too little is known.
func (e *estimator) update(now time.Time, done int64) (time.Duration, bool) {
	e.samples = append(e.samples, progressSample{at: now, done: done})
	for len(e.samples) > 1 && now.Sub(e.samples[0].at) > estimateWindow {
		e.samples = e.samples[1:]
	}
	if e.plan.total <= 0 || done >= e.plan.total {
		return 0, false
	}

	first := e.samples[0]
	span := now.Sub(first.at)
	if span < estimateMinimum || done <= first.done {
		return 0, false
	}
	perSecond := float64(done-first.done) / span.Seconds()
	if e.plan.sending && e.plan.rate > 0 && perSecond > e.plan.rate {
		// Invalid and skipped rows finish without a request, so a burst
		// of them must not promise more than the rate allows.
		perSecond = e.plan.rate
	}
	left := float64(e.plan.total-done) / perSecond
	return time.Duration(left * float64(time.Second)), true
}
