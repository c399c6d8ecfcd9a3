package cli

import (
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/importer"
)

func TestEstimatorUsesRecentThroughput(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(progressPlan{counters: &importer.Counters{}, sending: true, total: 10000, rate: 100})

	// A burst of invalid rows at the start: 2,000 rows in one second.
	if _, ok := e.update(start, 0); ok {
		t.Fatal("estimate given with one sample")
	}
	if _, ok := e.update(start.Add(time.Second), 2000); ok {
		t.Fatal("estimate given after one second")
	}

	// Then the rate limit: 10 rows per second for 60 seconds.
	var eta time.Duration
	var ok bool
	for i := 1; i <= 60; i++ {
		eta, ok = e.update(start.Add(time.Duration(1+i)*time.Second), int64(2000+10*i))
	}
	if !ok {
		t.Fatal("no estimate after a minute")
	}
	// 7,400 rows left at the 10 rows per second of the last 30 seconds.
	if want := 740 * time.Second; eta != want {
		t.Errorf("estimate = %v, want %v", eta, want)
	}
}

func TestEstimatorCappedByRate(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(progressPlan{counters: &importer.Counters{}, sending: true, total: 1000, rate: 10})
	e.update(start, 0)
	eta, ok := e.update(start.Add(10*time.Second), 500)
	if !ok {
		t.Fatal("no estimate after 10 seconds")
	}
	// 50 rows per second measured, but at most 10 requests per second.
	if want := 50 * time.Second; eta != want {
		t.Errorf("estimate = %v, want %v", eta, want)
	}
}

func TestEstimatorUnknownTotal(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(progressPlan{counters: &importer.Counters{}, sending: true})
	e.update(start, 0)
	if _, ok := e.update(start.Add(time.Minute), 500); ok {
		t.Error("estimate given without a total")
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{1500 * time.Millisecond, "2s"},
		{59 * time.Second, "59s"},
		{61 * time.Second, "1m0s"},
		{2*time.Hour + 29*time.Minute + 40*time.Second, "2h30m0s"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.in); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
