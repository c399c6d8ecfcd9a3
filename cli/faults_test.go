//go:build unix

package cli_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello/sandbox"
	"github.com/aello-copilot/aello-import/cli/internal/soak"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/journal"
)

// TestFaultRun sends against a sandbox that fails, throttles and drops
// requests, and checks that every row gets one final status and that the
// store agrees with the report row for row.
func TestFaultRun(t *testing.T) {
	rows := 2000
	if soak.Enabled() {
		rows = 10000
	}
	const seed = 4242

	dir := t.TempDir()
	input := soak.Generate(t, dir, rows, seed)
	storePath := filepath.Join(dir, "store.jsonl")
	server, baseURL := soak.StartSandbox(t, sandbox.Config{
		Keys:      map[string]string{testKey: "dealership-1"},
		StorePath: storePath,
		FailRate:  0.2,
		RateLimit: 200,
		DropRate:  0.02,
		Seed:      seed,
	})

	// --rate 250 goes over the sandbox's limit of 200 requests per
	// second, so that send meets 429s too.
	args := []string{"send", filepath.Base(input), "-m", soak.MappingPath(t),
		"--base-url", baseURL, "--rate", "250", "--concurrency", "48"}
	result := soak.Run(t, runTimeout, dir, soak.Env(testKey), args...)
	if result.TimedOut {
		t.Fatalf("send did not finish within %v\nstderr:\n%s", runTimeout, result.Stderr)
	}

	figures := checkAgainstStore(t, server, storePath, filepath.Join(dir, "leads.report.csv"), rows)
	final := map[string]bool{"accepted": true, "rejected": true, "failed": true, "uncertain/no_response": true}
	for status, n := range figures.Statuses {
		if !final[status] {
			t.Errorf("%d rows have status %s, want only accepted, rejected, failed or uncertain in a run that was not stopped", n, status)
		}
	}

	stats := server.Stats()
	uncertain := figures.Count("uncertain")
	if stats.ByStatus["500"] == 0 {
		t.Errorf("the sandbox returned no 500: the fault run injected no failure")
	}
	if stats.ByStatus["429"] == 0 {
		t.Errorf("the sandbox returned no 429: send's --rate 250 never went over the sandbox's limit of 200")
	}
	if stats.Dropped == 0 {
		t.Errorf("the sandbox dropped no connection: the fault run injected no drop")
	}
	// The sandbox stores a lead before it drops the connection, so each
	// drop is one uncertain row that the store contains once.
	if uncertain != stats.Dropped {
		t.Errorf("%d rows are uncertain, want %d, one per dropped connection", uncertain, stats.Dropped)
	}
	if figures.UncertainStored != uncertain {
		t.Errorf("%d uncertain rows are stored, want all %d: the sandbox stores before it drops", figures.UncertainStored, uncertain)
	}

	wantCode := 0
	if uncertain+figures.Count("failed")+figures.Count("rejected") > 0 {
		wantCode = 1
	}
	if result.Code != wantCode {
		t.Errorf("send exited with %d, want %d\nstderr:\n%s", result.Code, wantCode, result.Stderr)
	}

	t.Logf("fault figures: %d rows, %d requests (%d returned 202, %d returned 500, %d returned 429, %d dropped), %v",
		rows, stats.Requests, stats.ByStatus["202"], stats.ByStatus["500"], stats.ByStatus["429"], stats.Dropped, figures)
}

// interruptedRun is what runUntilInterrupted observed.
type interruptedRun struct {
	result soak.Result
	// inFlight is the number of rows journaled as sending and not yet
	// completed when the last signal went out.
	inFlight int
}

// runUntilInterrupted starts send and sends it signal once ready returns
// true for the records journaled since the start, and with twice the
// signal again as soon as stderr reports the first one. It waits for the
// process to exit, for at most runTimeout.
func runUntilInterrupted(t *testing.T, dir string, args []string, journalPath string, ready func(*soak.JournalWatch) bool, signal os.Signal, twice bool) interruptedRun {
	t.Helper()
	soak.Binary(t)
	watch := soak.WatchJournal(journalPath)
	var stdout, stderr soak.SyncBuffer
	cmd := soak.Start(t, dir, soak.Env(testKey), &stdout, &stderr, args...)
	waited := make(chan struct{})
	go func() {
		// The error is read from ProcessState below.
		_ = cmd.Wait()
		close(waited)
	}()

	deadline := time.After(runTimeout)
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	var run interruptedRun
	signalsSent := 0
	for signalsSent < 2 {
		select {
		case <-waited:
			t.Fatalf("send exited by itself before the interrupt it waited for\nstderr:\n%s", stderr.String())
		case <-deadline:
			_ = cmd.Process.Kill()
			<-waited
			t.Fatalf("send did not reach the interrupt within %v\nstderr:\n%s", runTimeout, stderr.String())
		case <-ticker.C:
		}
		watch.Poll()

		switch {
		case signalsSent == 0 && ready(watch):
		case signalsSent == 1 && strings.Contains(stderr.String(), "Interrupted: finishing the requests in flight"):
		default:
			continue
		}
		run.inFlight = watch.Sends - watch.Outcomes
		if err := cmd.Process.Signal(signal); err != nil {
			t.Fatalf("send %v: %v", signal, err)
		}
		signalsSent++
		if !twice {
			break
		}
	}

	select {
	case <-waited:
	case <-deadline:
		_ = cmd.Process.Kill()
		<-waited
		t.Fatalf("send did not exit within %v of the interrupt\nstderr:\n%s", runTimeout, stderr.String())
	}
	run.result = soak.Result{Code: cmd.ProcessState.ExitCode(), Stdout: stdout.String(), Stderr: stderr.String()}
	return run
}

// journalPrior returns what the journal at path records of the runs to
// baseURL.
func journalPrior(t *testing.T, path, baseURL string) journal.Prior {
	t.Helper()
	j, err := journal.Open(path, baseURL)
	if err != nil {
		t.Fatalf("open the journal: %v", err)
	}
	defer j.Close()
	return j.Prior()
}

// TestInterruptResume stops send with Ctrl-C (SIGINT) or SIGTERM in the
// middle of a run, then resumes it until every row is accepted. A second
// SIGINT abandons the rows in flight.
func TestInterruptResume(t *testing.T) {
	t.Run("first signal finishes in-flight rows", func(t *testing.T) {
		rows, interrupts := 2000, 3
		if soak.Enabled() {
			rows, interrupts = 10000, 10
		}
		const seed = 777

		dir := t.TempDir()
		input := soak.Generate(t, dir, rows, seed)
		storePath := filepath.Join(dir, "store.jsonl")
		server, baseURL := soak.StartSandbox(t, sandbox.Config{
			Keys:      map[string]string{testKey: "dealership-1"},
			StorePath: storePath,
			Latency:   5 * time.Millisecond,
			Jitter:    3 * time.Millisecond,
			Seed:      seed,
		})
		journalPath := importer.JournalPath(input)
		reportPath := filepath.Join(dir, "leads.report.csv")
		args := sendArgs(t, input, baseURL, 8)

		// Each run is stopped after a random number of outcomes, up to half
		// of its share of the rows, by SIGINT or, every other run, by
		// SIGTERM, which send handles the same way.
		random := rand.New(rand.NewPCG(seed, 1))
		accepted := 0
		for i := range interrupts {
			runArgs := args
			if i > 0 {
				runArgs = append(slices.Clone(args), "--resume")
			}
			signal := os.Interrupt
			if i%2 == 1 {
				signal = syscall.SIGTERM
			}
			outcomes := 1 + random.IntN(rows/(2*interrupts))
			afterOutcomes := func(w *soak.JournalWatch) bool { return w.Outcomes >= outcomes }
			run := runUntilInterrupted(t, dir, runArgs, journalPath, afterOutcomes, signal, false)
			if run.result.Code != 3 {
				t.Fatalf("interrupted run %d exited with %d, want 3\nstderr:\n%s", i+1, run.result.Code, run.result.Stderr)
			}
			for _, want := range []string{"Interrupted: finishing the requests in flight", "The run was interrupted", "Report: "} {
				if !strings.Contains(run.result.Stderr, want) {
					t.Errorf("interrupted run %d: stderr lacks %q:\n%s", i+1, want, run.result.Stderr)
				}
			}

			figures := checkAgainstStore(t, server, storePath, reportPath, rows)
			if n := figures.Count("uncertain"); n != 0 {
				t.Errorf("interrupted run %d left %d rows uncertain, want 0: the rows in flight must finish", i+1, n)
			}
			if prior := journalPrior(t, journalPath, baseURL); prior.Uncertain != 0 {
				t.Errorf("after interrupted run %d the journal has %d rows sent without an outcome, want 0", i+1, prior.Uncertain)
			}
			if figures.Count("accepted") == 0 || figures.Count("not_sent") == 0 {
				t.Errorf("interrupted run %d: %v, want some rows accepted and some not_sent", i+1, figures)
			}
			accepted += figures.Count("accepted")
			t.Logf("interrupted run %d (%v after %d outcomes, %d rows in flight): %v", i+1, signal, outcomes, run.inFlight, figures)
		}

		final := resumeUntilDone(t, dir, args, 5)
		if final.Code != 0 {
			t.Errorf("the resumed run exited with %d, want 0\nstderr:\n%s", final.Code, final.Stderr)
		}
		figures := checkAgainstStore(t, server, storePath, reportPath, rows)
		if got := figures.Count("skipped/accepted_before"); got != accepted {
			t.Errorf("the resumed run skipped %d rows as accepted before, want the %d that the interrupted runs accepted", got, accepted)
		}
		if got, want := figures.Count("accepted"), rows-accepted; got != want {
			t.Errorf("the resumed run accepted %d rows, want %d", got, want)
		}
		t.Logf("interrupt figures: %d interrupts, %d rows, %d duplicates, %d lost, %d stored", interrupts, rows, figures.Duplicates, rows-figures.Stored, figures.Stored)
	})

	t.Run("second SIGINT abandons in-flight rows", func(t *testing.T) {
		const (
			rows        = 40
			concurrency = 4
			seed        = 778
		)
		dir := t.TempDir()
		input := soak.Generate(t, dir, rows, seed)
		storePath := filepath.Join(dir, "store.jsonl")
		// A long latency keeps requests in flight when the signals come.
		server, baseURL := soak.StartSandbox(t, sandbox.Config{
			Keys:      map[string]string{testKey: "dealership-1"},
			StorePath: storePath,
			Latency:   time.Second,
			Seed:      seed,
		})
		journalPath := importer.JournalPath(input)
		reportPath := filepath.Join(dir, "leads.report.csv")
		args := sendArgs(t, input, baseURL, concurrency)

		allInFlight := func(w *soak.JournalWatch) bool { return w.Sends-w.Outcomes >= concurrency }
		run := runUntilInterrupted(t, dir, args, journalPath, allInFlight, os.Interrupt, true)
		if run.result.Code != 3 {
			t.Fatalf("send exited with %d after two SIGINTs, want 3\nstderr:\n%s", run.result.Code, run.result.Stderr)
		}
		if !strings.Contains(run.result.Stderr, "Abandoning the requests in flight") {
			t.Errorf("stderr lacks the notice of the second SIGINT:\n%s", run.result.Stderr)
		}
		figures := checkAgainstStore(t, server, storePath, reportPath, rows)
		uncertain := figures.Count("uncertain")
		if uncertain == 0 || uncertain > concurrency {
			t.Errorf("%d rows are uncertain after the second SIGINT, want 1 to %d, the rows in flight: %v", uncertain, concurrency, figures)
		}
		if prior := journalPrior(t, journalPath, baseURL); prior.Uncertain != uncertain {
			t.Errorf("the journal has %d rows uncertain, want %d as the report", prior.Uncertain, uncertain)
		}

		// The resumed run sends every other row once and keeps the
		// abandoned ones uncertain.
		final := resumeUntilDone(t, dir, sendArgs(t, input, baseURL, rows), 3)
		if final.Code != 1 {
			t.Errorf("the resumed run exited with %d, want 1 for the uncertain rows\nstderr:\n%s", final.Code, final.Stderr)
		}
		resumed := checkAgainstStore(t, server, storePath, reportPath, rows)
		if got := resumed.Count("uncertain/uncertain_before"); got != uncertain {
			t.Errorf("the resumed run reports %d rows uncertain_before, want %d", got, uncertain)
		}
		if settled := resumed.Count("accepted") + resumed.Count("skipped/accepted_before") + uncertain; settled != rows {
			t.Errorf("after the resumed run %d rows are settled, want %d: %v", settled, rows, resumed)
		}
		t.Logf("double interrupt figures: %d rows in flight, %d uncertain (%d stored), %d duplicates; after resume %v",
			run.inFlight, uncertain, figures.UncertainStored, resumed.Duplicates, resumed)
	})
}

// TestResendUncertainStopped stops a run of --resume --resend-uncertain at
// its first request, with a rejected API key, and checks that a later
// --resume without the flag still keeps the uncertain rows from being
// sent again: a resend that never got an answer settles nothing.
func TestResendUncertainStopped(t *testing.T) {
	const (
		rows = 200
		seed = 31
	)
	dir := t.TempDir()
	input := soak.Generate(t, dir, rows, seed)
	storePath := filepath.Join(dir, "store.jsonl")
	server, baseURL := soak.StartSandbox(t, sandbox.Config{
		Keys:      map[string]string{testKey: "dealership-1"},
		StorePath: storePath,
		DropRate:  0.1,
		Seed:      seed,
	})
	reportPath := filepath.Join(dir, "leads.report.csv")
	args := sendArgs(t, input, baseURL, 4)

	first := soak.Run(t, runTimeout, dir, soak.Env(testKey), args...)
	if first.Code != 1 {
		t.Fatalf("the first send exited with %d, want 1 for the rows left uncertain by dropped connections\nstderr:\n%s", first.Code, first.Stderr)
	}
	uncertain := checkAgainstStore(t, server, storePath, reportPath, rows).Count("uncertain")
	if uncertain == 0 {
		t.Fatalf("the first send left no row uncertain: the sandbox dropped no connection")
	}

	resendArgs := append(slices.Clone(args), "--resume", "--resend-uncertain")
	stopped := soak.Run(t, runTimeout, dir, soak.Env("rejected-key"), resendArgs...)
	if stopped.Code != 3 {
		t.Fatalf("the resend with a rejected key exited with %d, want 3\nstderr:\n%s", stopped.Code, stopped.Stderr)
	}
	if !strings.Contains(stopped.Stderr, "HTTP 401") {
		t.Errorf("the resend with a rejected key did not stop on HTTP 401:\n%s", stopped.Stderr)
	}
	if prior := journalPrior(t, importer.JournalPath(input), baseURL); prior.Uncertain != uncertain {
		t.Errorf("after the stopped resend the journal has %d rows uncertain, want still %d", prior.Uncertain, uncertain)
	}

	resumed := soak.Run(t, runTimeout, dir, soak.Env(testKey), append(slices.Clone(args), "--resume")...)
	if resumed.Code != 1 {
		t.Errorf("the resumed send exited with %d, want 1 for the uncertain rows\nstderr:\n%s", resumed.Code, resumed.Stderr)
	}
	figures := checkAgainstStore(t, server, storePath, reportPath, rows)
	if got := figures.Count("uncertain/uncertain_before"); got != uncertain {
		t.Errorf("the resumed send reports %d rows uncertain_before, want %d: %v", got, uncertain, figures)
	}
	if got := figures.Count("accepted"); got != 0 {
		t.Errorf("the resumed send accepted %d rows, want 0: every row was accepted or uncertain before", got)
	}
	t.Logf("resend figures: %d uncertain rows kept uncertain through a stopped resend, %v", uncertain, figures)
}
