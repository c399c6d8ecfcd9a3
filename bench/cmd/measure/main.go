// Command measure runs the benchmarks behind BENCHMARKS.md. It generates
// the input files, which stay cached between runs, and times aello-import
// next to the tools a user would compare it with: Miller, xlsx2csv, a
// plain excelize read and hey. It then profiles the check command and
// writes the figures with the machine they were measured on. bench/run.sh
// builds the programs it calls and installs the comparison tools first,
// and "make bench" runs that script.
//
// Usage:
//
//	measure -bin bin/aello-import -tools bench/data/bin -data bench/data -out BENCHMARKS.md [sizes]
//
// Every figure is the median of -runs runs, with the minimum and maximum.
// Wall time and peak RSS come from GNU time (/usr/bin/time -f '%e %M').
// Runs of the two programs of a comparison alternate, so that a change in
// the load of the machine affects both alike. All traffic goes to
// sandboxes that this program starts on 127.0.0.1 and stops by PID.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// config is the command line of measure.
type config struct {
	binary  string // aello-import
	tools   string // directory of gen, excelizeread, sharedstrings and profile
	dataDir string
	output  string
	mapping string

	runs        int
	seed        uint64
	csvRows     int
	xlsxRows    int
	cutRows     int
	sendRows    int
	concurrency int
	// rateSeconds is the planned length of each rate and latency run.
	rateSeconds float64
	rates       []float64
	latency     time.Duration
	// latencyConcurrency are the concurrencies of the latency-bound runs.
	latencyConcurrency []int
	// xlsxMillion is "auto", "yes" or "no": whether to measure check on a
	// workbook of csvRows rows. "auto" does when the estimated time fits
	// in budget.
	xlsxMillion string
	budget      time.Duration
}

func main() {
	cfg := defaultConfig()
	flags := flag.NewFlagSet("measure", flag.ContinueOnError)
	flags.StringVar(&cfg.binary, "bin", cfg.binary, "aello-import binary to measure")
	flags.StringVar(&cfg.tools, "tools", cfg.tools, "directory holding the gen, excelizeread, sharedstrings and profile binaries")
	flags.StringVar(&cfg.dataDir, "data", cfg.dataDir, "directory of the generated inputs (kept) and of the run's outputs (replaced)")
	flags.StringVar(&cfg.output, "out", cfg.output, "Markdown file to write the results to")
	flags.StringVar(&cfg.mapping, "mapping", cfg.mapping, "mapping of the generated files")
	flags.IntVar(&cfg.runs, "runs", cfg.runs, "runs per figure; the median, minimum and maximum are reported")
	flags.Uint64Var(&cfg.seed, "seed", cfg.seed, "seed of the generated files")
	flags.IntVar(&cfg.csvRows, "csv-rows", cfg.csvRows, "data rows of the large CSV file")
	flags.IntVar(&cfg.xlsxRows, "xlsx-rows", cfg.xlsxRows, "data rows of the large XLSX file")
	flags.IntVar(&cfg.cutRows, "cut-rows", cfg.cutRows, "data rows of the small cuts of both")
	flags.IntVar(&cfg.sendRows, "send-rows", cfg.sendRows, "rows sent to the sandbox in the send and hey comparison")
	flags.IntVar(&cfg.concurrency, "concurrency", cfg.concurrency, "requests in flight for send and hey")
	flags.Float64Var(&cfg.rateSeconds, "rate-seconds", cfg.rateSeconds, "planned length in seconds of each rate and latency run")
	flags.DurationVar(&cfg.latency, "latency", cfg.latency, "sandbox latency of the latency-bound runs")
	flags.StringVar(&cfg.xlsxMillion, "xlsx-million", cfg.xlsxMillion, "check a workbook of -csv-rows rows too: auto (when it fits in -budget), yes or no")
	flags.DurationVar(&cfg.budget, "budget", cfg.budget, "time the whole run should stay under; used by -xlsx-million auto")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if err := cfg.validate(flags.NArg()); err != nil {
		fmt.Fprintf(os.Stderr, "measure: %v\n", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintf(os.Stderr, "measure: %v\n", err)
		os.Exit(1)
	}
}

func defaultConfig() config {
	return config{
		binary:             "bin/aello-import",
		tools:              filepath.Join("bench", "data", "bin"),
		dataDir:            filepath.Join("bench", "data"),
		output:             "BENCHMARKS.md",
		mapping:            filepath.Join("samples", "mapping.yaml"),
		runs:               3,
		seed:               2026,
		csvRows:            1_000_000,
		xlsxRows:           100_000,
		cutRows:            10_000,
		sendRows:           100_000,
		concurrency:        8,
		rateSeconds:        10,
		rates:              []float64{50, 200, 1000},
		latency:            50 * time.Millisecond,
		latencyConcurrency: []int{8, 32},
		xlsxMillion:        "auto",
		budget:             18 * time.Minute,
	}
}

func (c *config) validate(positional int) error {
	switch {
	case positional > 0:
		return fmt.Errorf("unexpected argument: every setting is a flag, see -h")
	case c.runs < 1:
		return fmt.Errorf("invalid -runs %d: give 1 or more (3 or more for a meaningful median)", c.runs)
	case c.cutRows < 1 || c.xlsxRows < c.cutRows || c.csvRows < c.xlsxRows:
		return fmt.Errorf("invalid sizes -cut-rows %d, -xlsx-rows %d, -csv-rows %d: give 1 <= cut <= xlsx <= csv",
			c.cutRows, c.xlsxRows, c.csvRows)
	case c.sendRows < 1 || c.concurrency < 1:
		return fmt.Errorf("invalid -send-rows %d or -concurrency %d: give 1 or more", c.sendRows, c.concurrency)
	case c.rateSeconds <= 0 || c.latency <= 0:
		return fmt.Errorf("invalid -rate-seconds %g or -latency %s: give a positive length", c.rateSeconds, c.latency)
	case c.xlsxMillion != "auto" && c.xlsxMillion != "yes" && c.xlsxMillion != "no":
		return fmt.Errorf("invalid -xlsx-million %q: use auto, yes or no", c.xlsxMillion)
	}
	return nil
}
