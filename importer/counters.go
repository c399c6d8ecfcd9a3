package importer

import (
	"sync/atomic"
	"time"
)

// Counters are the live figures of a run. The recorder updates them; a
// progress display reads them from another goroutine.
type Counters struct {
	started  time.Time
	read     atomic.Int64
	recorded atomic.Int64
	byStatus [8]atomic.Int64
}

// statusIndex maps a status to its slot in Counters.byStatus.
var statusIndex = map[Status]int{
	Accepted: 0, Valid: 1, Skipped: 2, Invalid: 3, Rejected: 4, Failed: 5, Uncertain: 6, NotSent: 7,
}

// Read returns how many data rows the reader has returned so far.
func (c *Counters) Read() int64 { return c.read.Load() }

// Recorded returns how many rows have their final outcome.
func (c *Counters) Recorded() int64 { return c.recorded.Load() }

// Count returns how many rows ended with status s.
func (c *Counters) Count(s Status) int64 { return c.byStatus[statusIndex[s]].Load() }

// Started returns when the run began.
func (c *Counters) Started() time.Time { return c.started }

func (c *Counters) record(s Status) {
	c.byStatus[statusIndex[s]].Add(1)
	c.recorded.Add(1)
}
