// Package soak contains the helpers of the crash, fault and hostile-input
// tests of the cli package: it builds the real aello-import binary,
// generates inputs with the samples generator, runs the binary and reads
// back its reports and the sandbox's stored leads.
//
// Every helper fails the test through testing.TB on a setup error, so the
// tests read as the steps a user takes.
package soak

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Enabled reports whether the long forms of the tests run: more rows,
// more kills. The environment variable AELLO_SOAK=1 turns them on, as
// "make soak" does.
func Enabled() bool {
	return os.Getenv("AELLO_SOAK") == "1"
}

// moduleRoot returns the folder of go.mod, searched upward from the
// working directory, which go test sets to the package's folder.
var moduleRoot = sync.OnceValues(func() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
})

// ModuleRoot returns the folder of the module's go.mod.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("find the module root: %v", err)
	}
	return root
}

// buildBinary builds the product binary once per test process. The output
// goes to a folder of the system's temporary directory named after the
// module root, so that runs of the same checkout replace one file instead
// of leaving a new one behind each time.
var buildBinary = sync.OnceValues(func() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(os.TempDir(), "aello-import-test-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := "aello-import"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	// Each process builds to a name of its own and renames it into place,
	// so that two test processes never run a half-written file.
	output := filepath.Join(dir, name)
	partial := filepath.Join(dir, name+"."+strconv.Itoa(os.Getpid()))

	cmd := exec.Command("go", "build", "-o", partial, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	if err := os.Rename(partial, output); err != nil {
		return "", err
	}
	return output, nil
})

// Binary returns the path of the aello-import binary built from the
// module root, building it on the first call of the test process.
func Binary(t testing.TB) string {
	t.Helper()
	path, err := buildBinary()
	if err != nil {
		t.Fatalf("build aello-import: %v", err)
	}
	return path
}

// MappingPath returns the absolute path of samples/mapping.yaml, the
// mapping of the samples generator's files.
func MappingPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(ModuleRoot(t), "samples", "mapping.yaml")
}

// Generate writes dir/leads.csv with the samples generator: rows valid
// rows (-broken=false), each with its own ID, in the generator's
// Windows-1252 CSV with ';'. The same rows and seed give the same file.
func Generate(t testing.TB, dir string, rows int, seed uint64) string {
	t.Helper()
	path := filepath.Join(dir, "leads.csv")
	cmd := exec.Command("go", "run", "./samples/gen",
		"-rows", strconv.Itoa(rows), "-format", "csv", "-broken=false",
		"-seed", strconv.FormatUint(seed, 10), "-o", path)
	cmd.Dir = ModuleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate %d rows: %v\n%s", rows, err, out)
	}
	return path
}

// Env returns a clean environment for the binary: English messages, no
// terminal and, when key is not empty, AELLO_API_KEY set to key. Nothing
// of the test process's own environment leaks in.
func Env(key string) []string {
	env := []string{"LANG=C", "LC_ALL=", "LC_MESSAGES=", "HOME=" + os.TempDir()}
	if key != "" {
		env = append(env, "AELLO_API_KEY="+key)
	}
	return env
}

// Result is the exit status and output of one finished run of the binary.
type Result struct {
	// Code is the exit status, or -1 when a signal ended the process.
	Code int
	// Signal is the signal that ended the process, or 0.
	Signal syscall.Signal
	// Stdout and Stderr are the process's output.
	Stdout, Stderr string
	// MaxRSS is the peak resident memory in bytes, where the system
	// reports it, or 0.
	MaxRSS int64
	// TimedOut reports that the context's deadline ended the process.
	TimedOut bool
}

// Run runs the binary with args in dir and env, and waits for it until
// timeout, after which it kills it and reports TimedOut.
func Run(t testing.TB, timeout time.Duration, dir string, env []string, args ...string) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, Binary(t), args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()

	result := Result{Stdout: stdout.String(), Stderr: stderr.String(), TimedOut: ctx.Err() != nil}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("run aello-import %v: %v", args, err)
	}
	result.Code, result.Signal = exitOf(cmd.ProcessState)
	result.MaxRSS = maxRSS(cmd.ProcessState)
	return result
}

// Start starts the binary with args in dir and env, its output going to
// stdout and stderr, and returns the running command. The caller waits
// for it with cmd.Wait. A writer that the test reads while the
// process runs must be safe for concurrent use, such as a *SyncBuffer.
func Start(t testing.TB, dir string, env []string, stdout, stderr io.Writer, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start aello-import %v: %v", args, err)
	}
	return cmd
}

// exitOf returns the exit status of a finished process, or -1 and the
// signal that ended it.
func exitOf(state *os.ProcessState) (int, syscall.Signal) {
	if status, ok := state.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return -1, status.Signal()
	}
	return state.ExitCode(), 0
}

// SyncBuffer is a bytes.Buffer safe for concurrent use, for the output of
// a process that a test reads while the process runs.
type SyncBuffer struct {
	mu     sync.Mutex
	buffer bytes.Buffer
}

// Write appends p to the buffer.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buffer.Write(p)
}

// String returns the text written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buffer.String()
}
