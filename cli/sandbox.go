package cli

import (
	"context"
	"errors"
	"flag"
	"log/slog"

	"github.com/aello-copilot/aello-import/aello/sandbox"
)

func runSandbox(ctx context.Context, a *app, args []string) int {
	fs := newFlagSet("sandbox")
	var cfg sandbox.Config
	cfg.RegisterFlags(fs)

	positional, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp("sandbox")
		return ExitOK
	}
	if err != nil {
		return a.fail(err)
	}
	if len(positional) > 0 {
		return a.fail(usagef("sandbox takes no file argument, got %q", positional[0]))
	}
	if len(cfg.Keys) == 0 {
		return a.fail(usagef("give at least one API key with --key KEY"))
	}
	cfg.Logger = slog.New(slog.NewTextHandler(a.env.Stderr, nil))

	server, err := sandbox.New(cfg)
	if err != nil {
		return a.fail(err)
	}
	url, err := server.Start(cfg.Addr)
	if err != nil {
		return a.fail(err)
	}
	a.printf("Sandbox listening on %s, API keys accepted: %d. Stop it with Ctrl-C.\n", url, len(cfg.Keys))

	select {
	case <-ctx.Done():
	case <-a.env.Signals:
	}
	if err := server.Close(); err != nil {
		a.printf("error: %s\n", err)
		return ExitAborted
	}
	a.printf("Sandbox stopped.\n")
	return ExitOK
}
