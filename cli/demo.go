package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/aello-copilot/aello-import/aello"
	"github.com/aello-copilot/aello-import/aello/sandbox"
	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/samples"
)

// demoKeys are the sandbox's API keys of the demo, one dealership per
// sample file, so that both imports start from an empty CRM.
var demoKeys = map[string]string{
	"demo-key-xlsx": "Garage Démo (XLSX)",
	"demo-key-csv":  "Garage Démo (CSV)",
}

func runDemo(ctx context.Context, a *app, args []string) int {
	flags := newFlagSet("demo")
	out := flags.String("out", "aello-demo", "")
	rate := flags.Float64("rate", 100, "")
	concurrency := flags.Int("concurrency", 4, "")

	positional, err := parseArgs(flags, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp("demo")
		return ExitOK
	}
	if err != nil {
		return a.fail(err)
	}
	if len(positional) > 0 {
		return a.fail(usagef("demo takes no file argument, got %q", positional[0]))
	}

	// Copy the bundled samples where the user can open them and the reports.
	if err := copySamples(*out); err != nil {
		return a.fail(fmt.Errorf("write the samples to %s: %w", *out, err))
	}
	mappingPath := filepath.Join(*out, "mapping.yaml")
	m, err := mapping.Load(mappingPath)
	if err != nil {
		return a.fail(err)
	}

	// Start the emulator in-process on a free loopback port.
	server, err := sandbox.New(sandbox.Config{Keys: demoKeys, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return a.fail(err)
	}
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		return a.fail(err)
	}
	defer server.Close()
	a.printf("Demo: a local sandbox of the Aéllo API runs on %s.\n", baseURL)

	// The demo's sandbox stops with it, so a next command would send
	// elsewhere. The demo's own closing lines describe what to do instead.
	a.hideNext = true
	stop, abort, release := a.interruptible(ctx)
	defer release()

	status := ExitOK
	for _, run := range []struct{ file, key, report string }{
		{"leads.xlsx", "demo-key-xlsx", "leads-xlsx.report.csv"},
		{"leads.csv", "demo-key-csv", "leads-csv.report.csv"},
	} {
		input := filepath.Join(*out, run.file)
		a.printf("\n== aello-import send %s -m %s --base-url %s --report %s\n", input, mappingPath, baseURL, filepath.Join(*out, run.report))

		client, err := aello.NewClient(baseURL, run.key, 0)
		if err != nil {
			return a.fail(err)
		}
		opts := importer.Options{
			Input:       input,
			Mapping:     m,
			Source:      (&sourceFlags{}).options(m),
			ReportPath:  filepath.Join(*out, run.report),
			Lang:        a.lang,
			Logger:      a.logger,
			Poster:      client,
			Rate:        *rate,
			Concurrency: *concurrency,
			Counters:    &importer.Counters{},
		}
		// The samples hold broken rows on purpose: exit status 1 is the
		// expected result of each import, so only a stopped run fails.
		if code := a.runImport(stop, abort, opts); code != ExitOK && code != ExitRows {
			status = code
			break
		}
	}

	stats := server.Stats()
	a.printf("\nThe sandbox now holds %d leads and %d messages (%d requests).\n", stats.Leads, stats.Messages, stats.Requests)
	a.printf("Open the reports in %s. To import your own file: aello-import init FILE, then check, then send.\n", *out)
	return status
}

// copySamples writes the bundled sample files into dir.
func copySamples(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
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
		return os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644)
	})
}
