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

func (a *app) startProgress(counters *importer.Counters, sending bool) *progress {
	p := &progress{done: make(chan struct{})}
	p.wg.Add(1)
	if a.env.StderrIsTerminal {
		go p.drawBar(a, counters)
	} else {
		go p.printLines(a, counters, sending)
	}
	return p
}

func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
}

func (p *progress) drawBar(a *app, counters *importer.Counters) {
	defer p.wg.Done()
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.env.Stderr),
		progressbar.OptionSetDescription(a.lang.Sprintf("rows")),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(a.lang.Sprintf("rows")),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	ticker := time.NewTicker(200 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-p.done:
			bar.Set64(counters.Recorded())
			bar.Finish()
			return
		case <-ticker.C:
			bar.Set64(counters.Recorded())
		}
	}
}

func (p *progress) printLines(a *app, counters *importer.Counters, sending bool) {
	defer p.wg.Done()
	ticker := time.NewTicker(plainInterval)
	defer ticker.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-ticker.C:
			done := counters.Recorded()
			elapsed := time.Since(counters.Started()).Seconds()
			if sending {
				a.printf("progress: %d rows done (%d accepted, %d to fix), %.0f rows/s\n",
					done, counters.Count(importer.Accepted),
					counters.Count(importer.Invalid)+counters.Count(importer.Rejected)+counters.Count(importer.Failed),
					float64(done)/elapsed)
			} else {
				a.printf("progress: %d rows checked, %.0f rows/s\n", done, float64(done)/elapsed)
			}
		}
	}
}
