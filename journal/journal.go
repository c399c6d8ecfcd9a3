// Package journal records, durably and in order, each row that is about
// to be sent and each outcome, so that an import stopped at any moment
// (Ctrl-C, crash, kill -9) can be resumed without sending a row twice.
//
// The journal is a file of JSON lines, only ever appended to. Each record
// is written with one write system call as soon as it is known, so a
// killed process loses at most the line it was writing; Open ignores such
// a torn last line. Rows are identified by the SHA-256 of the request body
// they send, so a row whose content changed counts as a new row, and rows
// that moved in the file are still recognised. Each run records the API
// address it sends to, and only the records of runs to the same address
// count, so a file imported into the sandbox can then go to production.
package journal

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Hash identifies a row by the content it sends.
type Hash [16]byte

// HashBody returns the Hash of a request body.
func HashBody(body []byte) Hash {
	sum := sha256.Sum256(body)
	var h Hash
	copy(h[:], sum[:])
	return h
}

func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Record types, the "type" of each JSON line.
const (
	typeRun      = "run"
	typeReset    = "reset"
	typeSending  = "sending"
	typeOutcome  = "outcome"
	typeResend   = "resend"
	statusAccept = "accepted"
	statusUnsure = "uncertain"
	statusFailed = "failed"
	statusUnsent = "not_sent"
)

// record is one JSON line of the journal.
type record struct {
	Type    string `json:"type"`
	Row     int    `json:"row,omitempty"`
	Hash    string `json:"hash,omitempty"`
	Status  string `json:"status,omitempty"`
	HTTP    int    `json:"http,omitempty"`
	Input   string `json:"input,omitempty"`
	Target  string `json:"target,omitempty"`
	Started string `json:"started,omitempty"`
}

// tally is the count of sends and outcomes recorded for one row content.
//
// The maps keep tallies by value, 16 bytes without pointers, so that the
// garbage collector does not scan them and no entry costs an allocation
// of its own. A 1M-record journal took 100 MB of heap with pointers, and
// 84 MB and 1 s less to load without.
type tally struct {
	accepted  int32 // outcomes accepted
	uncertain int32 // outcomes uncertain, and sends without an outcome
	pending   int32 // sends not yet followed by an outcome
	// resending counts the resends of uncertain rows whose outcome is not
	// recorded yet. A resend that ends failed or not_sent shows nothing
	// about the earlier send, so its row becomes uncertain again.
	resending int32
}

// Prior sums up what earlier runs recorded.
type Prior struct {
	// Accepted is the number of rows the API accepted.
	Accepted int
	// Uncertain is the number of rows sent without a response, including
	// rows that were in flight when a run was killed.
	Uncertain int
}

// Empty reports whether earlier runs sent nothing that matters.
func (p Prior) Empty() bool { return p.Accepted == 0 && p.Uncertain == 0 }

// Decision is what to do with a row, given the earlier runs.
type Decision int

const (
	// Send: no earlier run sent this row, or its earlier sends failed.
	Send Decision = iota
	// AcceptedBefore: an earlier run had it accepted; do not send it.
	AcceptedBefore
	// UncertainBefore: an earlier run sent it without getting a response,
	// so it is not sent unless the user requests to resend uncertain rows.
	UncertainBefore
)

// Journal is an open journal file. It is safe for concurrent use.
type Journal struct {
	path   string
	target string
	// inTarget reports, while loading, whether the records read belong to
	// a run to target.
	inTarget bool

	mu   sync.Mutex
	file *os.File
	line bytes.Buffer
	// NOTE: prior grows with the journal, about 85 bytes of heap per
	// recorded row: a resume after 1M sent rows peaked at 147 MB of RSS.
	// Moving it to a disk-backed set like importer/seen would keep send
	// flat too.
	prior  map[Hash]tally
	claims map[Hash]tally
	// resends counts, per content, the uncertain rows that Claim chose to
	// send again and that Sending has not recorded yet.
	resends map[Hash]int
}

// Open opens the journal at path, creating it if needed, and loads what
// earlier runs to target (the API's base URL, in any spelling) recorded. A torn last line,
// left by a killed process, is ignored and cut off; any other unreadable
// line is an error naming it.
func Open(path, target string) (*Journal, error) {
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}

	j := &Journal{path: path, target: normalizeTarget(target), file: file, prior: map[Hash]tally{}, claims: map[Hash]tally{}, resends: map[Hash]int{}}
	end, err := j.load(file)
	if err != nil {
		file.Close()
		return nil, err
	}
	if err := file.Truncate(end); err != nil {
		file.Close()
		return nil, fmt.Errorf("repair journal %s: %w", path, err)
	}
	if _, err := file.Seek(end, io.SeekStart); err != nil {
		file.Close()
		return nil, fmt.Errorf("open journal: %w", err)
	}
	return j, nil
}

// load reads every complete line and returns the offset after the last.
func (j *Journal) load(file *os.File) (int64, error) {
	reader := bufio.NewReaderSize(file, 64<<10)
	var offset int64
	for number := 1; ; number++ {
		line, err := reader.ReadBytes('\n')
		if err == io.EOF {
			// A last line without its newline was cut by a crash.
			return offset, nil
		}
		if err != nil {
			return 0, fmt.Errorf("read journal %s: %w", j.path, err)
		}

		var rec record
		if err := json.Unmarshal(line, &rec); err != nil {
			return 0, fmt.Errorf("journal %s, line %d: invalid record: %w; move the file away to start over", j.path, number, err)
		}
		if err := j.apply(rec); err != nil {
			return 0, fmt.Errorf("journal %s, line %d: %w", j.path, number, err)
		}
		offset += int64(len(line))
	}
}

// apply adds one loaded record to the prior tallies.
func (j *Journal) apply(rec record) error {
	switch rec.Type {
	case typeRun:
		j.inTarget = normalizeTarget(rec.Target) == j.target
		return nil
	case typeReset:
		if j.inTarget {
			j.prior = map[Hash]tally{}
		}
		return nil
	}
	if !j.inTarget {
		return nil
	}

	var h Hash
	decoded, err := hex.DecodeString(rec.Hash)
	if err != nil || len(decoded) != len(h) {
		return fmt.Errorf("invalid hash %q", rec.Hash)
	}
	copy(h[:], decoded)
	t := j.prior[h]
	defer func() { j.prior[h] = t }()

	switch rec.Type {
	case typeSending:
		t.pending++
	case typeOutcome:
		if t.pending > 0 {
			t.pending--
		}
		switch rec.Status {
		case statusAccept:
			t.accepted++
		case statusUnsure:
			t.uncertain++
		}
		if t.resending > 0 {
			t.resending--
			if rec.Status == statusFailed || rec.Status == statusUnsent {
				t.uncertain++
			}
		}
	case typeResend:
		if t.uncertain > 0 {
			t.uncertain--
			t.resending++
		} else if t.pending > 0 {
			t.pending--
			t.resending++
		}
	default:
		return fmt.Errorf("unknown record type %q", rec.Type)
	}
	return nil
}

// Prior returns what earlier runs recorded.
func (j *Journal) Prior() Prior {
	j.mu.Lock()
	defer j.mu.Unlock()

	var p Prior
	for _, t := range j.prior {
		p.Accepted += int(t.accepted)
		p.Uncertain += int(t.uncertain + t.pending)
	}
	return p
}

// Path returns the journal's file name.
func (j *Journal) Path() string { return j.path }

// Start records the start of a run. With reset, earlier runs are
// forgotten: every row will be sent again.
func (j *Journal) Start(input string, reset bool, now time.Time) error {
	j.mu.Lock()
	defer j.mu.Unlock()

	if err := j.write(record{Type: typeRun, Input: input, Target: j.target, Started: now.UTC().Format(time.RFC3339)}); err != nil {
		return err
	}
	if reset {
		j.prior = map[Hash]tally{}
		return j.write(record{Type: typeReset})
	}
	return nil
}

// Claim decides what to do with the next row of content h, in file
// order: the first rows with a content that earlier runs accepted are
// AcceptedBefore, the next ones that they left uncertain are
// UncertainBefore, and the rest are Send. With resendUncertain the
// uncertain ones are Send too, and the next Sending of h records the
// resend. A row claimed for a resend stays uncertain for later runs when
// it is never sent, because the run stopped first, or when its resend
// ends failed or not_sent.
func (j *Journal) Claim(h Hash, resendUncertain bool) (Decision, error) {
	j.mu.Lock()
	defer j.mu.Unlock()

	prior, ok := j.prior[h]
	if !ok {
		return Send, nil
	}
	used := j.claims[h]
	defer func() { j.claims[h] = used }()

	if used.accepted < prior.accepted {
		used.accepted++
		return AcceptedBefore, nil
	}
	if used.uncertain < prior.uncertain+prior.pending {
		used.uncertain++
		if !resendUncertain {
			return UncertainBefore, nil
		}
		j.resends[h]++
		return Send, nil
	}
	return Send, nil
}

// Sending records that the row is about to be sent. It must be called,
// and return, before the request is written. For a row that Claim chose
// to resend, the same write also records the resend, so that no crash can
// separate the two records.
func (j *Journal) Sending(row int, h Hash) error {
	j.mu.Lock()
	defer j.mu.Unlock()

	sending := record{Type: typeSending, Row: row, Hash: h.String()}
	if j.resends[h] == 0 {
		return j.write(sending)
	}
	if err := j.write(record{Type: typeResend, Hash: h.String()}, sending); err != nil {
		return err
	}
	j.resends[h]--
	return nil
}

// Outcome records the final status of a row that Sending announced.
func (j *Journal) Outcome(row int, h Hash, status string, httpStatus int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.write(record{Type: typeOutcome, Row: row, Hash: h.String(), Status: status, HTTP: httpStatus})
}

// write appends records, one per line, with a single write call. The
// caller holds mu.
func (j *Journal) write(records ...record) error {
	if j.file == nil {
		return errors.New("journal is closed")
	}
	j.line.Reset()
	encoder := json.NewEncoder(&j.line)
	for _, rec := range records {
		if err := encoder.Encode(rec); err != nil {
			return err
		}
	}
	if _, err := j.file.Write(j.line.Bytes()); err != nil {
		return fmt.Errorf("write journal %s: %w", j.path, err)
	}
	return nil
}

// Close flushes the journal to disk and closes it.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.file == nil {
		return nil
	}
	syncErr := j.file.Sync()
	closeErr := j.file.Close()
	j.file = nil
	return errors.Join(syncErr, closeErr)
}
