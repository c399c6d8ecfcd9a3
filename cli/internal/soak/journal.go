package soak

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/aello-copilot/aello-import/aello/sandbox"
)

// JournalWatch follows a journal file from the end it had when the watch
// began and counts the records appended since. A test uses it to signal a
// run at a known stage, such as after its first requests.
type JournalWatch struct {
	path    string
	offset  int64
	partial []byte
	// Sends and Outcomes count the "sending" and "outcome" records read so
	// far.
	Sends, Outcomes int
}

// WatchJournal starts following path, which need not exist yet.
func WatchJournal(path string) *JournalWatch {
	w := &JournalWatch{path: path}
	if info, err := os.Stat(path); err == nil {
		w.offset = info.Size()
	}
	return w
}

// Poll reads the records appended since the last call and updates the
// counts. A journal cut shorter than the watch's position, as Open does to
// a torn last line, is followed from its new end. Lines that do not decode,
// such as a line still being written, are counted when complete.
func (w *JournalWatch) Poll() {
	file, err := os.Open(w.path)
	if err != nil {
		return
	}
	defer file.Close()

	info, err := file.Stat()
	if err != nil {
		return
	}
	if info.Size() < w.offset {
		w.offset = info.Size()
		w.partial = nil
	}
	if _, err := file.Seek(w.offset, io.SeekStart); err != nil {
		return
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return
	}
	w.offset += int64(len(data))

	data = append(w.partial, data...)
	for {
		line, rest, complete := bytes.Cut(data, []byte("\n"))
		if !complete {
			w.partial = append([]byte(nil), data...)
			return
		}
		data = rest

		var record struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(line, &record) != nil {
			continue
		}
		switch record.Type {
		case "sending":
			w.Sends++
		case "outcome":
			w.Outcomes++
		}
	}
}

// StartSandbox starts the sandbox in the test process on a free port of
// 127.0.0.1 and returns it with its base URL. The test's cleanup closes it.
func StartSandbox(t testing.TB, cfg sandbox.Config) (*sandbox.Server, string) {
	t.Helper()
	server, err := sandbox.New(cfg)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	url, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("start the sandbox: %v", err)
	}
	t.Cleanup(func() {
		if err := server.Close(); err != nil {
			t.Errorf("close the sandbox: %v", err)
		}
	})
	return server, url
}
