package cli_test

import (
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/aello-copilot/aello-import/aello/sandbox"
	"github.com/aello-copilot/aello-import/cli"
	"github.com/aello-copilot/aello-import/samples"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"aello-import": func() {
			env, release := cli.OSEnv()
			code := cli.Main(os.Args[1:], env)
			release()
			os.Exit(code)
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real
// binary against a sandbox served in the test process over loopback.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:   "testdata/script",
		Setup: setupScript,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exit":           cmdExit,
			"sandbox-start":  cmdSandboxStart,
			"sandbox-verify": cmdSandboxVerify,
			"report-count":   cmdReportCount,
			"report-row":     cmdReportRow,
			"count-lines":    cmdCountLines,
			"sleep":          cmdSleep,
		},
	})
}

// setupScript copies the bundled samples into the script's work folder
// and clears the locale, so that messages are in English unless a script
// sets LANG.
func setupScript(env *testscript.Env) error {
	env.Setenv("LANG", "")
	env.Setenv("LC_ALL", "")
	env.Setenv("LC_MESSAGES", "")
	env.Setenv("AELLO_API_KEY", "")
	if err := os.MkdirAll(filepath.Join(env.WorkDir, "samples"), 0o755); err != nil {
		return err
	}
	return fs.WalkDir(samples.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := samples.Files.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(env.WorkDir, "samples", path), data, 0o644)
	})
}

// cmdExit runs a program and checks its exit status: exit N prog args...
// Its stdout and stderr can be checked afterwards like exec's.
func cmdExit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exit STATUS PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("invalid exit status %q", args[0])
	}

	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		got = exitErr.ExitCode()
	case err != nil:
		ts.Fatalf("run %s: %v", args[1], err)
	}
	if got != want {
		ts.Logf("stderr:\n%s", ts.ReadFile("stderr"))
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// servers holds the sandbox of each running script.
var servers sync.Map // *testscript.TestScript -> *sandbox.Server

// cmdSandboxStart starts a sandbox in the test process on a free loopback
// port, with the flags of "aello-import sandbox", and sets SANDBOX_URL.
func cmdSandboxStart(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! sandbox-start")
	}
	var cfg sandbox.Config
	fs := flag.NewFlagSet("sandbox-start", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		ts.Fatalf("sandbox-start: %v", err)
	}
	if cfg.StorePath != "" {
		cfg.StorePath = ts.MkAbs(cfg.StorePath)
	}

	server, err := sandbox.New(cfg)
	ts.Check(err)
	url, err := server.Start("127.0.0.1:0")
	ts.Check(err)
	servers.Store(ts, server)
	ts.Defer(func() {
		server.Close()
		servers.Delete(ts)
	})
	ts.Setenv("SANDBOX_URL", url)
}

func scriptServer(ts *testscript.TestScript) *sandbox.Server {
	server, ok := servers.Load(ts)
	if !ok {
		ts.Fatalf("no sandbox: run sandbox-start first")
	}
	return server.(*sandbox.Server)
}

// cmdSandboxVerify checks the sandbox against reports: every row reported
// accepted (or skipped as accepted_before, by a resumed run) is stored
// exactly once in its dealership, as a lead or as a message matched by the
// ID column. An uncertain row is stored at most once. No other row is
// stored, and nothing else is.
// Usage: sandbox-verify DEALERSHIP=REPORT...
func cmdSandboxVerify(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: sandbox-verify DEALERSHIP=REPORT...")
	}

	stored := map[string]int{}
	total := 0
	for _, lead := range scriptServer(ts).Leads() {
		stored[lead.Dealership+"/"+lead.ExternalID]++
		total++
		for _, message := range lead.Messages {
			stored[lead.Dealership+"/"+message.ExternalID]++
			total++
		}
	}

	// Rows that share an ID (a duplicate the importer refused) are
	// checked together: the stored copies of an ID must number at least
	// its accepted rows and at most its accepted and uncertain rows.
	type bounds struct{ least, most int }
	expected := map[string]*bounds{}
	for _, arg := range args {
		dealership, path, ok := strings.Cut(arg, "=")
		if !ok {
			ts.Fatalf("invalid argument %q: use DEALERSHIP=REPORT", arg)
		}
		for _, record := range readReport(ts, path) {
			key := dealership + "/" + record["ID"]
			if expected[key] == nil {
				expected[key] = &bounds{}
			}
			switch {
			case record["status"] == "accepted",
				record["status"] == "skipped" && record["error_code"] == "accepted_before":
				expected[key].least++
				expected[key].most++
			case record["status"] == "uncertain":
				expected[key].most++
			}
		}
	}

	for key, want := range expected {
		if n := stored[key]; n < want.least || n > want.most {
			ts.Fatalf("%s is stored %d times, want from %d to %d", key, n, want.least, want.most)
		}
	}
	for key, n := range stored {
		if expected[key] == nil {
			ts.Fatalf("%s is stored %d times but in no report", key, n)
		}
	}
	ts.Logf("the sandbox holds %d leads and messages, each matching the reports", total)
}

// cmdSleep waits: sleep DURATION. It paces scripts that signal a
// background command; no script measures time with it.
func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// readReport reads a report file as one map per row, keyed by column.
func readReport(ts *testscript.TestScript, path string) []map[string]string {
	data := strings.TrimPrefix(ts.ReadFile(path), "\ufeff")
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = ';'
	if first, _, _ := strings.Cut(data, "\n"); !strings.Contains(first, ";") {
		r.Comma = ','
	}
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		ts.Fatalf("read %s: %v", path, err)
	}
	var records []map[string]string
	for {
		cells, err := r.Read()
		if err == io.EOF {
			return records
		}
		if err != nil {
			ts.Fatalf("read %s: %v", path, err)
		}
		record := map[string]string{}
		for i, name := range header {
			if i < len(cells) {
				record[name] = cells[i]
			}
		}
		records = append(records, record)
	}
}

// cmdReportCount checks how many rows of a report have a status, or all
// rows with status "all": report-count REPORT STATUS N
func cmdReportCount(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: report-count REPORT STATUS N")
	}
	want, err := strconv.Atoi(args[2])
	ts.Check(err)
	got := 0
	for _, record := range readReport(ts, args[0]) {
		if args[1] == "all" || record["status"] == args[1] {
			got++
		}
	}
	if got != want {
		ts.Fatalf("%s: %d rows with status %s, want %d", args[0], got, args[1], want)
	}
}

// cmdReportRow checks columns of one report row:
// report-row REPORT ROW COLUMN=VALUE...
func cmdReportRow(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: report-row REPORT ROW COLUMN=VALUE...")
	}
	for _, record := range readReport(ts, args[0]) {
		if record["row"] != args[1] {
			continue
		}
		for _, check := range args[2:] {
			column, want, ok := strings.Cut(check, "=")
			if !ok {
				ts.Fatalf("invalid check %q: use COLUMN=VALUE", check)
			}
			if got := record[column]; got != want {
				ts.Fatalf("%s row %s: %s = %q, want %q", args[0], args[1], column, got, want)
			}
		}
		return
	}
	ts.Fatalf("%s: no row %s", args[0], args[1])
}

// cmdCountLines checks the number of lines of a file: count-lines FILE N
func cmdCountLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: count-lines FILE N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	got := strings.Count(ts.ReadFile(args[0]), "\n")
	if got != want {
		ts.Fatalf("%s has %d lines, want %d", args[0], got, want)
	}
}
