package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/journal"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

// sendFlags are the options of send.
type sendFlags struct {
	fileFlags
	env         string
	baseURL     string
	rate        float64
	concurrency int
	yes         bool
	apiKeyFile  string
	timeout     time.Duration
	resume      bool
	force       bool
	resend      bool
	maxErrors   int
	limit       int
	json        bool
}

func (f *sendFlags) register(fs *flag.FlagSet) {
	f.fileFlags.register(fs)
	fs.StringVar(&f.env, "env", "sandbox", "")
	fs.StringVar(&f.baseURL, "base-url", "", "")
	fs.Float64Var(&f.rate, "rate", 10, "")
	fs.IntVar(&f.concurrency, "concurrency", 4, "")
	fs.BoolVar(&f.yes, "yes", false, "")
	fs.StringVar(&f.apiKeyFile, "api-key-file", "", "")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "")
	fs.BoolVar(&f.resume, "resume", false, "")
	fs.BoolVar(&f.force, "force", false, "")
	fs.BoolVar(&f.resend, "resend-uncertain", false, "")
	fs.IntVar(&f.maxErrors, "max-errors", 50, "")
	fs.IntVar(&f.limit, "limit", 0, "")
	fs.BoolVar(&f.json, "json", false, "")
}

func runSend(ctx context.Context, a *app, args []string) int {
	fs := newFlagSet("send")
	var flags sendFlags
	flags.register(fs)

	input, m, err := flags.load(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp("send")
		return ExitOK
	}
	if err != nil {
		return a.fail(err)
	}

	baseURL, err := flags.resolveBaseURL()
	if err != nil {
		return a.fail(err)
	}
	if flags.rate < 0 {
		return a.fail(usagef("invalid --rate %v: give requests per second, or 0 for no limit", flags.rate))
	}
	if flags.concurrency < 1 || flags.concurrency > 256 {
		return a.fail(usagef("invalid --concurrency %d: give a number from 1 to 256", flags.concurrency))
	}
	if flags.maxErrors < 1 {
		return a.fail(usagef("invalid --max-errors %d: give a number of failures in a row, 1 or more", flags.maxErrors))
	}
	if flags.limit < 0 {
		return a.fail(usagef("invalid --limit %d: give the number of rows to send, or 0 for all", flags.limit))
	}
	if flags.resume && flags.force {
		return a.fail(usagef("--resume and --force contradict each other: --resume skips the rows already accepted, --force sends every row again"))
	}
	key, err := a.apiKey(flags.apiKeyFile)
	if err != nil {
		return a.fail(err)
	}
	client, err := aello.NewClient(baseURL, key, flags.timeout)
	if err != nil {
		return a.fail(err)
	}

	source := flags.source.options(m)
	if flags.env == "production" && !flags.yes {
		if code, ok := a.confirmProduction(input, source, baseURL); !ok {
			return code
		}
	}

	journalFile, err := a.openJournal(input, baseURL, &flags)
	if err != nil {
		return a.fail(err)
	}
	defer journalFile.Close()

	opts := importer.Options{
		Input:           input,
		Mapping:         m,
		Source:          source,
		ReportPath:      flags.reportPath,
		Lang:            a.lang,
		Logger:          a.logger,
		Poster:          client,
		Rate:            flags.rate,
		Concurrency:     flags.concurrency,
		MaxErrors:       flags.maxErrors,
		Journal:         journalFile,
		ResendUncertain: flags.resend,
		Limit:           flags.limit,
		Counters:        &importer.Counters{},
	}
	a.json = flags.json
	a.sourceArgs = flags.source.args()
	if flags.env != "sandbox" {
		a.targetArgs = append(a.targetArgs, "--env", flags.env)
	}
	if flags.baseURL != "" {
		a.targetArgs = append(a.targetArgs, "--base-url", baseURL)
	}
	if flags.rate > 0 {
		a.printf("Sending to %s (%s), at most %v requests per second, %d at a time.\n", baseURL, flags.env, flags.rate, flags.concurrency)
	} else {
		a.printf("Sending to %s (%s), with no rate limit, %d at a time.\n", baseURL, flags.env, flags.concurrency)
	}

	stop, abort, release := a.interruptible(ctx)
	defer release()
	return a.runImport(stop, abort, opts)
}

// openJournal opens the journal beside the input. A plain send rejects
// a start when an earlier run of the same file sent rows, so that no file
// is imported twice by accident.
func (a *app) openJournal(input, baseURL string, flags *sendFlags) (*journal.Journal, error) {
	path := importer.JournalPath(input)
	j, err := journal.Open(path, baseURL)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			return nil, usagef("the journal %s cannot be opened (%v): it goes beside the input file, so that folder must be writable; copy the input to a writable folder and send it from there", path, pathErr.Err)
		}
		return nil, err
	}

	prior := j.Prior()
	if !prior.Empty() && !flags.resume && !flags.force {
		j.Close()
		return nil, usagef("an earlier run of this file left %d rows accepted and %d uncertain (journal %s): add --resume to send only the rows not accepted yet, or --force to send every row again", prior.Accepted, prior.Uncertain, path)
	}
	switch {
	case flags.resume && flags.resend && !prior.Empty():
		a.printf("Resuming: the journal records %d rows accepted by earlier runs, which are not sent again, and %d uncertain rows, which are sent again.\n", prior.Accepted, prior.Uncertain)
	case flags.resume && !prior.Empty():
		a.printf("Resuming: the journal records %d rows accepted by earlier runs and %d uncertain rows, which are not sent again (add --resend-uncertain to send the uncertain ones).\n", prior.Accepted, prior.Uncertain)
	}
	if err := j.Start(input, flags.force, time.Now()); err != nil {
		j.Close()
		return nil, err
	}
	return j, nil
}

// resolveBaseURL returns the URL of --base-url, or else of --env.
func (f *sendFlags) resolveBaseURL() (string, error) {
	var address string
	switch f.env {
	case "sandbox":
		address = aello.SandboxURL
	case "production":
		address = aello.ProductionURL
	default:
		return "", usagef("invalid --env %q: use sandbox or production", f.env)
	}
	if f.baseURL != "" {
		address = f.baseURL
	}
	if _, err := aello.CheckBaseURL(address); err != nil {
		return "", err
	}
	return strings.TrimRight(address, "/"), nil
}

// apiKey reads the API key from --api-key-file or AELLO_API_KEY. The key is
// never printed.
func (a *app) apiKey(path string) (string, error) {
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return "", usagef("cannot read --api-key-file: %v", err)
		}
		key := strings.TrimSpace(string(data))
		if key == "" {
			return "", usagef("the file given by --api-key-file is empty: write the API key in it")
		}
		return key, nil
	}
	key := strings.TrimSpace(a.env.Getenv("AELLO_API_KEY"))
	if key == "" {
		return "", usagef("missing API key: set the environment variable AELLO_API_KEY, or give --api-key-file FILE")
	}
	return key, nil
}

// confirmProduction prompts the user to confirm a production import,
// showing the row count. ok is false when the run must not go on (no
// terminal, or the user declined), with code its exit status.
func (a *app) confirmProduction(input string, source spreadsheet.Options, baseURL string) (code int, ok bool) {
	if !a.env.StdinIsTerminal {
		a.printf("error: sending to production needs a confirmation, and there is no terminal to ask: add --yes\n")
		return ExitUsage, false
	}

	rows, err := a.countRows(input, source)
	if err != nil {
		return a.fail(err), false
	}
	a.printf("You are about to import the valid rows among %d data rows into PRODUCTION (%s): dealership staff will see these leads.\nType yes to continue: ", rows, baseURL)
	answer, _ := bufio.NewReader(a.env.Stdin).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	if answer != "yes" && answer != "oui" {
		a.printf("Cancelled: nothing was sent.\n")
		return ExitAborted, false
	}
	return ExitOK, true
}

// countRows returns the number of data rows of input. The production
// prompt and the progress display both need it, so the first count is
// kept for the second.
func (a *app) countRows(input string, source spreadsheet.Options) (int, error) {
	if a.countedInput == input {
		return a.rowCount, nil
	}
	rows, err := readRowCount(input, source)
	if err == nil {
		a.countedInput, a.rowCount = input, rows
	}
	return rows, err
}

// readRowCount reads input to its end and returns its number of data rows.
func readRowCount(input string, source spreadsheet.Options) (int, error) {
	table, err := spreadsheet.Open(input, source)
	if err != nil {
		return 0, err
	}
	defer table.Close()

	rows := 0
	for {
		_, err := table.Next()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows++
	}
}
