//go:build unix

package cli_test

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/aello/sandbox"
	"github.com/aello-copilot/aello-import/cli/internal/soak"
	"github.com/aello-copilot/aello-import/importer"
)

// testKey is the API key of the sandbox in the crash, fault and stop
// tests.
const testKey = "soak-test-key"

// runTimeout bounds one run of the binary that is not killed on purpose.
const runTimeout = 3 * time.Minute

// sendArgs returns the arguments of a send of input to the sandbox at
// baseURL, with no rate limit on our side.
func sendArgs(t *testing.T, input, baseURL string, concurrency int, extra ...string) []string {
	t.Helper()
	args := []string{"send", filepath.Base(input), "-m", soak.MappingPath(t),
		"--base-url", baseURL, "--rate", "0", "--concurrency", strconv.Itoa(concurrency)}
	return append(args, extra...)
}

// killedRun is what runUntilKilled observed.
type killedRun struct {
	// killed is false when the run exited by itself before the kill.
	killed bool
	// byProgress is true when the send count, not the delay, set off the
	// kill.
	byProgress bool
	// sends is the number of "sending" records the run had journaled when
	// the kill was sent.
	sends  int
	result soak.Result
}

// runUntilKilled starts the binary and sends it SIGKILL once delay has
// passed or once it has journaled maxSends rows as sending, whichever
// comes first, so that the kill lands while the run is sending. It
// returns when the process is gone.
func runUntilKilled(t *testing.T, dir string, args []string, journalPath string, delay time.Duration, maxSends int) killedRun {
	t.Helper()
	soak.Binary(t) // built before the delay starts
	watch := soak.WatchJournal(journalPath)
	var stdout, stderr bytes.Buffer
	started := time.Now()
	cmd := soak.Start(t, dir, soak.Env(testKey), &stdout, &stderr, args...)

	waited := make(chan struct{})
	go func() {
		// The error is read from ProcessState below.
		_ = cmd.Wait()
		close(waited)
	}()

	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	var run killedRun
	for !run.killed {
		select {
		case <-waited:
			return finishedRun(cmd, &stdout, &stderr, run)
		case <-ticker.C:
		}
		watch.Poll()
		run.byProgress = watch.Sends >= maxSends
		if !run.byProgress && time.Since(started) < delay {
			continue
		}
		run.sends = watch.Sends
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			// The process exited between the poll and the signal.
			<-waited
			return finishedRun(cmd, &stdout, &stderr, run)
		}
		run.killed = true
	}
	<-waited
	return finishedRun(cmd, &stdout, &stderr, run)
}

// finishedRun fills run from a process that is gone: killed only when
// SIGKILL ended it.
func finishedRun(cmd *exec.Cmd, stdout, stderr *bytes.Buffer, run killedRun) killedRun {
	status, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	run.killed = status.Signaled() && status.Signal() == syscall.SIGKILL
	run.result = soak.Result{Code: cmd.ProcessState.ExitCode(), Stdout: stdout.String(), Stderr: stderr.String()}
	if status.Signaled() {
		run.result.Signal = status.Signal()
	}
	return run
}

// resumeUntilDone runs send with --resume until a run exits by itself with
// every row settled, at most maxRuns times, and returns the last result.
// A run that exits with 3 (stopped early) is run again.
func resumeUntilDone(t *testing.T, dir string, args []string, maxRuns int) soak.Result {
	t.Helper()
	resumeArgs := append(slices.Clone(args), "--resume")
	for run := 1; run <= maxRuns; run++ {
		result := soak.Run(t, runTimeout, dir, soak.Env(testKey), resumeArgs...)
		if result.TimedOut {
			t.Fatalf("send --resume did not finish within %v\nstderr:\n%s", runTimeout, result.Stderr)
		}
		if result.Code != 3 {
			return result
		}
		t.Logf("send --resume run %d stopped early (exit 3): running it again", run)
	}
	t.Fatalf("send --resume still stopped early after %d runs", maxRuns)
	return soak.Result{}
}

// checkAgainstStore compares the report at reportPath with the sandbox's
// store, fails the test for each mismatch and returns the figures. It
// also checks that the store file, loaded again, contains the same leads as
// the running sandbox.
func checkAgainstStore(t *testing.T, server *sandbox.Server, storePath, reportPath string, wantRows int) soak.Figures {
	t.Helper()
	live := soak.Ledger(server.Leads())
	if reloaded := soak.ReloadLedger(t, storePath); !maps.Equal(live, reloaded) {
		t.Errorf("the store file contains %d IDs and the running sandbox %d: the file must be the ground truth", len(reloaded), len(live))
	}

	rows := soak.ReadReport(t, reportPath)
	figures, problems := soak.Compare(rows, live)
	for i, problem := range problems {
		if i == 20 {
			t.Errorf("... and %d more problems", len(problems)-i)
			break
		}
		t.Error(problem)
	}
	if figures.Rows != wantRows {
		t.Errorf("the report has %d rows, want %d", figures.Rows, wantRows)
	}
	for _, row := range rows {
		if row.Row < 2 || row.Row > wantRows+1 {
			t.Errorf("report row number %d is outside 2..%d", row.Row, wantRows+1)
		}
	}
	return figures
}

// TestCrashResume kills send with SIGKILL at random moments, resumes it
// until a run exits by itself, and checks the store: every row stored
// exactly once, except rows left uncertain, which are stored at most once.
func TestCrashResume(t *testing.T) {
	rows, wantKills := 2000, 12
	if soak.Enabled() {
		rows, wantKills = 10000, 50
	}
	const (
		concurrency = 8
		seed        = 20261
		// maxDelay bounds the random wait before a kill.
		maxDelay = 400 * time.Millisecond
	)
	// maxSends bounds the rows one killed run may send, so that about
	// half of the rows remain for the last run and every kill lands in the
	// middle of a run.
	maxSends := rows / (2 * wantKills)

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
	args := sendArgs(t, input, baseURL, concurrency)

	random := rand.New(rand.NewPCG(seed, 1))
	kills, byProgress, beforeSending, runs := 0, 0, 0, 0
	var final soak.Result
	for {
		runs++
		runArgs := args
		if runs > 1 {
			runArgs = append(slices.Clone(args), "--resume")
		}
		if kills == wantKills {
			final = soak.Run(t, runTimeout, dir, soak.Env(testKey), runArgs...)
			break
		}

		delay := time.Duration(random.Int64N(int64(maxDelay)))
		sendLimit := 1 + random.IntN(maxSends)
		run := runUntilKilled(t, dir, runArgs, journalPath, delay, sendLimit)
		if !run.killed {
			if run.result.Signal != 0 {
				t.Fatalf("run %d ended by signal %v, not by our SIGKILL\nstderr:\n%s", runs, run.result.Signal, run.result.Stderr)
			}
			final = run.result
			break
		}
		kills++
		if run.byProgress {
			byProgress++
		}
		if run.sends == 0 {
			beforeSending++
		}
	}

	if final.TimedOut {
		t.Fatalf("the last run did not finish within %v", runTimeout)
	}
	if final.Code != 0 && final.Code != 1 {
		t.Fatalf("the last run exited with %d, want 0 or 1\nstderr:\n%s", final.Code, final.Stderr)
	}
	if kills < wantKills {
		t.Errorf("a run finished by itself after %d kills, want %d kills: fewer rows remained than expected", kills, wantKills)
	}

	figures := checkAgainstStore(t, server, storePath, filepath.Join(dir, "leads.report.csv"), rows)
	uncertain := figures.Count("uncertain")
	settled := figures.Count("accepted") + figures.Count("skipped/accepted_before") + uncertain
	if lost := rows - settled; lost != 0 {
		t.Errorf("%d rows are neither accepted nor uncertain at the end: %v", lost, figures)
	}
	// Only the rows journaled as sending when a run died can be
	// uncertain, and a run has at most concurrency of them.
	if uncertain > kills*concurrency {
		t.Errorf("%d rows are uncertain after %d kills, want at most %d (%d in flight per kill)", uncertain, kills, kills*concurrency, concurrency)
	}

	// One more resumed run sends nothing: every row is settled.
	requests := server.Stats().Requests
	again := soak.Run(t, runTimeout, dir, soak.Env(testKey), append(slices.Clone(args), "--resume")...)
	if again.Code != final.Code {
		t.Errorf("a resumed run after the end exited with %d, want %d as the last run\nstderr:\n%s", again.Code, final.Code, again.Stderr)
	}
	if sent := server.Stats().Requests - requests; sent != 0 {
		t.Errorf("a resumed run after the end sent %d requests, want 0", sent)
	}
	againFigures := checkAgainstStore(t, server, storePath, filepath.Join(dir, "leads.report.csv"), rows)
	if got, want := againFigures.Count("skipped/accepted_before"), figures.Count("accepted")+figures.Count("skipped/accepted_before"); got != want {
		t.Errorf("the resumed run after the end skipped %d rows as accepted_before, want %d", got, want)
	}

	t.Logf("crash figures: %d kills (%d set off by the send count, %d by the delay, %d before the first send), %d runs, %d rows, %d duplicates, %d lost, %d uncertain (%d of them stored), %d leads and messages stored",
		kills, byProgress, kills-byProgress, beforeSending, runs, rows, figures.Duplicates, rows-settled, uncertain, figures.UncertainStored, figures.Stored)
}
