package main

import (
	"bytes"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// heapMetric is the memory held by live and not yet swept heap objects.
const heapMetric = "/memory/classes/heap/objects:bytes"

// peakSampler keeps the heap profile of the moment the heap was largest,
// as seen by a check every interval and one at the end. A new profile is
// taken when the heap has grown by a tenth since the last one, so that
// taking profiles costs little.
type peakSampler struct {
	done    chan struct{}
	stopped chan struct{}
	profile bytes.Buffer
	max     uint64 // heap bytes when the kept profile was taken
	err     error
}

func startPeakSampler(interval time.Duration) *peakSampler {
	p := &peakSampler{done: make(chan struct{}), stopped: make(chan struct{})}
	go p.loop(interval)
	return p
}

func (p *peakSampler) loop(interval time.Duration) {
	defer close(p.stopped)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()

	for {
		select {
		case <-p.done:
			return
		case <-ticker.C:
		}
		if err := p.check(); err != nil {
			p.err = err
			return
		}
	}
}

// check takes a heap profile when the heap is a tenth above the last one.
func (p *peakSampler) check() error {
	sample := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(sample)
	heap := sample[0].Value.Uint64()
	if p.profile.Len() > 0 && heap <= p.max+p.max/10 {
		return nil
	}
	p.max = heap
	p.profile.Reset()
	return pprof.Lookup("heap").WriteTo(&p.profile, 0)
}

// stop ends the sampling and writes the kept profile to path.
func (p *peakSampler) stop(path string) error {
	close(p.done)
	<-p.stopped
	if p.err != nil {
		return p.err
	}
	if err := p.check(); err != nil {
		return err
	}
	return os.WriteFile(path, p.profile.Bytes(), 0o644)
}
