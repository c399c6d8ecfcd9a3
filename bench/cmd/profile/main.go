// Command profile runs the same work as "aello-import check" through
// importer.Run, in process, and writes a CPU profile and a heap profile of
// it, for "go tool pprof". It adds nothing to the product: it calls the
// importer as the check command does, with a nil Poster.
//
// Usage:
//
//	profile -input FILE -mapping MAPPING -report PATH -cpuprofile cpu.pprof -memprofile mem.pprof -peakprofile peak.pprof
//
// The allocation profile is written after the run: its alloc_space view
// shows where the run allocated. The peak profile is a heap profile taken
// while the run had the most live heap, as seen by a check every 100 ms:
// its inuse_space view shows what holds memory when RSS peaks. Both are
// sampled at runtime.MemProfileRate (one sample per 512 KiB by default).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/aello-copilot/aello-import/importer"
	"github.com/aello-copilot/aello-import/mapping"
	"github.com/aello-copilot/aello-import/spreadsheet"
)

type options struct {
	input, mapping, report string
	cpuProfile, memProfile string
	peakProfile            string
	trace                  string
}

func main() {
	var opts options
	flag.StringVar(&opts.input, "input", "", "CSV or XLSX file to check")
	flag.StringVar(&opts.mapping, "mapping", "", "YAML mapping of the file")
	flag.StringVar(&opts.report, "report", "", "path of the report (default: beside the input)")
	flag.StringVar(&opts.cpuProfile, "cpuprofile", "", "write the CPU profile to this file")
	flag.StringVar(&opts.memProfile, "memprofile", "", "write the allocation profile of the run to this file")
	flag.StringVar(&opts.trace, "trace", "", "write an execution trace of the run to this file, for go tool trace")
	flag.StringVar(&opts.peakProfile, "peakprofile", "", "write a heap profile taken when the live heap peaked to this file")
	flag.Parse()
	if opts.input == "" || opts.mapping == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: profile -input FILE -mapping MAPPING [-report PATH] [-cpuprofile FILE] [-memprofile FILE]")
		os.Exit(2)
	}

	if err := run(opts); err != nil {
		fmt.Fprintf(os.Stderr, "profile: %v\n", err)
		os.Exit(1)
	}
}

func run(opts options) error {
	m, err := mapping.Load(opts.mapping)
	if err != nil {
		return err
	}
	runOptions := importer.Options{
		Input:   opts.input,
		Mapping: m,
		Source: spreadsheet.Options{
			Sheet:     m.Source.Sheet,
			HeaderRow: m.Source.HeaderRow,
			Delimiter: m.Source.Delimiter,
			Encoding:  m.Source.Encoding,
		},
		ReportPath: opts.report,
	}

	if opts.cpuProfile != "" {
		file, err := os.Create(opts.cpuProfile)
		if err != nil {
			return err
		}
		defer file.Close()
		if err := pprof.StartCPUProfile(file); err != nil {
			return err
		}
	}
	if opts.trace != "" {
		file, err := os.Create(opts.trace)
		if err != nil {
			return err
		}
		defer file.Close()
		if err := trace.Start(file); err != nil {
			return err
		}
		defer trace.Stop()
	}
	var peak *peakSampler
	if opts.peakProfile != "" {
		peak = startPeakSampler(100 * time.Millisecond)
	}
	summary, runErr := importer.Run(context.Background(), runOptions)
	if opts.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if peak != nil {
		if err := peak.stop(opts.peakProfile); err != nil {
			return err
		}
	}
	if runErr != nil {
		return runErr
	}

	if opts.memProfile != "" {
		if err := writeHeapProfile(opts.memProfile); err != nil {
			return err
		}
	}
	fmt.Printf("rows=%d seconds=%.2f", summary.Rows, summary.Elapsed.Seconds())
	if peak != nil {
		fmt.Printf(" peak_heap_bytes=%d", peak.max)
	}
	fmt.Println()
	return nil
}

func writeHeapProfile(path string) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	// The heap profile shows the state at the last garbage collection;
	// running one now makes inuse_space current.
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(file, 0); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
