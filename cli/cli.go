// Package cli implements the aello-import command line: it parses the
// arguments, runs one command and returns the process exit status.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/aello-copilot/aello-import/i18n"
)

// Exit statuses, as documented in the README.
const (
	// ExitOK: every row accepted (send) or valid (check).
	ExitOK = 0
	// ExitRows: some rows invalid, rejected, failed, uncertain or not sent.
	ExitRows = 1
	// ExitUsage: bad usage, unreadable input or invalid mapping.
	ExitUsage = 2
	// ExitAborted: the run stopped early (API key rejected, account-level
	// error, interrupted).
	ExitAborted = 3
)

// Env is the outside world of one invocation. Tests replace every part.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads environment variables.
	Getenv func(string) string
	// StderrIsTerminal reports whether stderr is a terminal, for the
	// progress bar.
	StderrIsTerminal bool
	// StdinIsTerminal reports whether a person can respond to a prompt.
	StdinIsTerminal bool
	// Signals receives Ctrl-C and SIGTERM; nil means none arrive.
	Signals <-chan os.Signal
}

// OSEnv returns the Env of the running process and a function that stops
// listening for signals.
func OSEnv() (Env, func()) {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	env := Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Getenv:           os.Getenv,
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		StdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		Signals:          signals,
	}
	return env, func() { signal.Stop(signals) }
}

// usageError is a mistake on the command line; it exits with ExitUsage.
type usageError struct {
	text i18n.Text
}

func (e *usageError) Error() string { return e.text.String() }

func usagef(key string, args ...any) error {
	return &usageError{text: i18n.T(key, args...)}
}

// command is one subcommand.
type command struct {
	name string
	// summary is the one-line description shown by help.
	summary string
	run     func(ctx context.Context, a *app, args []string) int
}

func commands() []command {
	return []command{
		{"demo", "import the bundled samples into a local sandbox: the first command to try", runDemo},
		{"init", "guess a mapping from a file's headers and write it as commented YAML", runInit},
		{"check", "read, map and validate a file and write the report; sends nothing", runCheck},
		{"send", "import a file: validate every row and send the valid ones to the API", runSend},
		{"sandbox", "run the local emulator of the Aéllo API", runSandbox},
		{"help", "show this help, or a command's help", runHelp},
		{"version", "print the version", runVersion},
	}
}

// Version is the program version, set at build time with
// -ldflags "-X github.com/aello-copilot/aello-import/cli.Version=v1.2.3".
var Version = "dev"

// app is the state every command shares: the environment, the language
// and the logger.
type app struct {
	env    Env
	lang   i18n.Lang
	logger *slog.Logger
	// json, set by --json, adds the summary as one JSON object on stdout.
	json bool
	// verbose, set by --verbose, logs every retry.
	verbose bool
	// targetArgs and sourceArgs are the options of this run that the
	// summary's next command must repeat: where the rows went, and how the
	// input was read.
	targetArgs []string
	sourceArgs []string
	// hideNext leaves the next command out of the summary, for demo.
	hideNext bool
	// rowCount is the number of data rows of countedInput, once counted.
	countedInput string
	rowCount     int
}

// printf writes a translated line to stderr.
func (a *app) printf(key string, args ...any) {
	fmt.Fprint(a.env.Stderr, a.lang.Sprintf(key, args...))
}

// fail prints an error on stderr and returns its exit status.
func (a *app) fail(err error) int {
	var usage *usageError
	if errors.As(err, &usage) {
		a.printf("error: %s\n", usage.text.In(a.lang))
		a.printf("Run 'aello-import help' for usage.\n")
		return ExitUsage
	}
	a.printf("error: %s\n", renderError(err, a.lang))
	return ExitUsage
}

// Main runs the command line args (without the program name) and returns
// the exit status.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdin == nil {
		env.Stdin = eofReader{}
	}

	a := &app{env: env, lang: i18n.FromEnv(env.Getenv)}
	args, err := a.takeGlobalFlags(args)
	if err != nil {
		return a.fail(err)
	}
	level := slog.LevelInfo
	if a.verbose {
		level = slog.LevelDebug
	}
	a.logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))

	if len(args) == 0 {
		a.printHelp(a.env.Stderr)
		return ExitUsage
	}
	name := args[0]
	if name == "--version" || name == "-version" {
		name = "version"
	}
	if name == "-h" || name == "--help" || name == "-help" {
		a.printHelp(a.env.Stdout)
		return ExitOK
	}
	for _, cmd := range commands() {
		if cmd.name == name {
			if name == "check" || name == "send" {
				limitMemory(env.Getenv)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			return cmd.run(ctx, a, args[1:])
		}
	}
	return a.fail(usagef("unknown command %q", name))
}

// takeGlobalFlags removes --lang and --verbose from anywhere in args,
// since they apply to every command and to help.
func (a *app) takeGlobalFlags(args []string) ([]string, error) {
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value, isLang := "", false
		switch {
		case arg == "--lang" || arg == "-lang":
			if i+1 >= len(args) {
				return nil, usagef("--lang needs a value: en or fr")
			}
			value, isLang = args[i+1], true
			i++
		case len(arg) > 7 && (arg[:7] == "--lang=" || arg[:6] == "-lang="):
			value, isLang = arg[len("--lang="):], true
			if arg[1] != '-' {
				value = arg[len("-lang="):]
			}
		case arg == "--verbose" || arg == "-verbose":
			a.verbose = true
			continue
		case arg == "--":
			rest = append(rest, args[i:]...)
			return rest, nil
		}
		if !isLang {
			rest = append(rest, arg)
			continue
		}
		lang, ok := i18n.Parse(value)
		if !ok {
			return nil, usagef("invalid --lang %q: use en or fr", value)
		}
		a.lang = lang
	}
	return rest, nil
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// interruptible returns a context cancelled by the first Ctrl-C or
// SIGTERM, and a second one cancelled by the next signal.
func (a *app) interruptible(ctx context.Context) (stop, abort context.Context, release func()) {
	stop, cancelStop := context.WithCancel(ctx)
	abort, cancelAbort := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		if a.env.Signals == nil {
			<-done
			return
		}
		select {
		case <-a.env.Signals:
			a.printf("\nInterrupted: finishing the requests in flight and writing the report. Press Ctrl-C again to abandon them.\n")
			cancelStop()
		case <-done:
			return
		}
		select {
		case <-a.env.Signals:
			a.printf("\nAbandoning the requests in flight: their rows are marked uncertain.\n")
			cancelAbort()
		case <-done:
		}
	}()
	return stop, abort, func() {
		close(done)
		cancelStop()
		cancelAbort()
	}
}
