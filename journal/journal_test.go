package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testTarget is the API address the tests' runs send to.
const testTarget = "http://127.0.0.1:8089"

func openTemp(t *testing.T) (*Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leads.journal.jsonl")
	j, err := Open(path, testTarget)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Start("leads.csv", false, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	return j, path
}

func reopen(t *testing.T, j *Journal, path string) *Journal {
	t.Helper()
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	next, err := Open(path, testTarget)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { next.Close() })
	return next
}

func mustClaim(t *testing.T, j *Journal, h Hash, resend bool, want Decision) {
	t.Helper()
	got, err := j.Claim(h, resend)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Claim(%s) = %v, want %v", h, got, want)
	}
}

func TestJournalResumeDecisions(t *testing.T) {
	j, path := openTemp(t)
	accepted, uncertain, inFlight, failed, fresh :=
		HashBody([]byte("a")), HashBody([]byte("u")), HashBody([]byte("i")), HashBody([]byte("f")), HashBody([]byte("n"))

	for row, h := range []Hash{accepted, uncertain, inFlight, failed} {
		if err := j.Sending(row+2, h); err != nil {
			t.Fatal(err)
		}
	}
	j.Outcome(2, accepted, "accepted", 202)
	j.Outcome(3, uncertain, "uncertain", 0)
	j.Outcome(5, failed, "failed", 500)
	// Row 4 (inFlight) has no outcome: the process died while sending it.

	j = reopen(t, j, path)
	prior := j.Prior()
	if prior.Accepted != 1 {
		t.Errorf("Prior().Accepted = %d, want 1", prior.Accepted)
	}
	if prior.Uncertain != 2 {
		t.Errorf("Prior().Uncertain = %d, want 2", prior.Uncertain)
	}

	mustClaim(t, j, accepted, false, AcceptedBefore)
	mustClaim(t, j, uncertain, false, UncertainBefore)
	mustClaim(t, j, inFlight, false, UncertainBefore)
	mustClaim(t, j, failed, false, Send)
	mustClaim(t, j, fresh, false, Send)
	// A second row with the accepted content was not accepted before.
	mustClaim(t, j, accepted, false, Send)
}

func TestJournalResendUncertain(t *testing.T) {
	j, path := openTemp(t)
	h := HashBody([]byte("u"))
	j.Sending(2, h)
	j.Outcome(2, h, "uncertain", 0)

	j = reopen(t, j, path)
	mustClaim(t, j, h, true, Send)
	j.Sending(2, h)
	j.Outcome(2, h, "accepted", 202)

	j = reopen(t, j, path)
	if p := j.Prior(); p.Uncertain != 0 || p.Accepted != 1 {
		t.Errorf("Prior() = %+v, want 1 accepted and 0 uncertain", p)
	}
	mustClaim(t, j, h, false, AcceptedBefore)
}

func TestJournalResetForgetsEarlierRuns(t *testing.T) {
	j, path := openTemp(t)
	h := HashBody([]byte("a"))
	j.Sending(2, h)
	j.Outcome(2, h, "accepted", 202)
	if err := j.Start("leads.csv", true, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	mustClaim(t, j, h, false, Send)

	j = reopen(t, j, path)
	if p := j.Prior(); !p.Empty() {
		t.Errorf("Prior() after reset = %+v, want empty", p)
	}
}

func TestJournalTornLastLine(t *testing.T) {
	j, path := openTemp(t)
	h := HashBody([]byte("a"))
	j.Sending(2, h)
	j.Outcome(2, h, "accepted", 202)
	j.Close()

	// A process killed in the middle of a write leaves half a line.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"type":"sending","row":3,"ha`)
	f.Close()

	j, err = Open(path, testTarget)
	if err != nil {
		t.Fatalf("Open after torn line: %v", err)
	}
	defer j.Close()
	if p := j.Prior(); p.Accepted != 1 || p.Uncertain != 0 {
		t.Errorf("Prior() = %+v, want 1 accepted, 0 uncertain", p)
	}

	// New records start on a line of their own.
	j.Sending(4, h)
	j.Close()
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), `"ha{`) {
		t.Errorf("new record appended to the torn line:\n%s", data)
	}
	if _, err := Open(path, testTarget); err != nil {
		t.Errorf("reopen after repair: %v", err)
	}
}

func TestJournalCorruptLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	os.WriteFile(path, []byte("{\"type\":\"run\"}\nnot json\n{\"type\":\"run\"}\n"), 0o600)
	_, err := Open(path, testTarget)
	if err == nil {
		t.Fatal("Open accepted a corrupt journal")
	}
	if !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error %q does not name line 2", err)
	}
}

func TestJournalOtherTargetIgnored(t *testing.T) {
	j, path := openTemp(t)
	h := HashBody([]byte("a"))
	j.Sending(2, h)
	j.Outcome(2, h, "accepted", 202)
	j.Close()

	production, err := Open(path, "https://api.example.com")
	if err != nil {
		t.Fatal(err)
	}
	defer production.Close()
	if p := production.Prior(); !p.Empty() {
		t.Errorf("Prior() for another target = %+v, want empty", p)
	}
	mustClaim(t, production, h, false, Send)

	if err := production.Start("leads.csv", false, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	production.Close()
	again, err := Open(path, testTarget)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if p := again.Prior(); p.Accepted != 1 {
		t.Errorf("Prior() for the first target = %+v, want 1 accepted", p)
	}
}
