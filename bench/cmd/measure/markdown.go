package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// report is everything BENCHMARKS.md shows.
type report struct {
	cfg      config
	machine  machine
	results  []*result
	targets  []target
	profiles []profileResult
	inputs   []inputFile
	skipped  []string
	elapsed  float64 // seconds the whole measurement took
}

// section groups results by key. A key ending in "/" selects every result
// whose key starts with it.
type section struct {
	title string
	intro string
	keys  []string
	// sandbox is the sandbox command line shown with the commands, or "".
	sandbox string
}

func (rep *report) sections() []section {
	c := rep.cfg
	return []section{
		{
			title: "CSV: check vs Miller",
			intro: "check reads the Windows-1252, `;`-separated file, maps and validates every row and writes the report and the errors file. Miller reads a UTF-8 copy of the same file, made once by iconv outside the timing, and writes every record as JSON to the null device.",
			keys:  []string{"check/csv-large", "mlr/csv-large"},
		},
		{
			title: "XLSX: check vs a plain excelize read and xlsx2csv",
			intro: "The excelize baseline (`bench/cmd/excelizeread`) opens the workbook and calls `Rows` and `Columns` on every row, which is the least work a Go program built on excelize does to see every value. xlsx2csv writes CSV to the null device.",
			keys: []string{"check/xlsx-large", "excelize/xlsx-large", "xlsx2csv/xlsx-large",
				"check/xlsx-large-inline", "excelize/xlsx-large-inline"},
		},
		{
			title: "send vs hey",
			intro: fmt.Sprintf("Each run gets a fresh sandbox, because the sandbox keeps every lead in memory, and send runs without a journal from earlier runs. hey posts one lead body, taken from `check --emit`, %s times; the sandbox stores the first as a lead and merges the others into it as messages.",
				formatNumber(float64(c.sendRows), 0)),
			keys:    []string{"send/", "hey/"},
			sandbox: command{args: []string{c.binary, "sandbox", "--key", apiKey, "--addr", "127.0.0.1:0"}}.String(),
		},
		{
			title: "Rate accuracy",
			intro: fmt.Sprintf("send of enough rows for about %g s at each rate, with %d requests in flight. The achieved rate is the accepted rows divided by `elapsed_seconds` of the run's JSON summary, which covers the sending phase: rows are read and validated while earlier rows are sent. The sandbox response rate is (requests − 1) / (last response − first response) from the sandbox's request log, which shows the pacing alone.",
				c.rateSeconds, c.concurrency),
			keys:    []string{"rate/"},
			sandbox: command{args: []string{c.binary, "sandbox", "--key", apiKey, "--addr", "127.0.0.1:0"}}.String(),
		},
		{
			title: "Latency-bound throughput",
			intro: fmt.Sprintf("The sandbox waits %s before each response and send has no rate limit, so the best possible throughput is concurrency / latency. The throughput is the accepted rows divided by `elapsed_seconds` of the run's JSON summary.",
				c.latency),
			keys:    []string{"latency/"},
			sandbox: command{args: []string{c.binary, "sandbox", "--key", apiKey, "--addr", "127.0.0.1:0", "--latency", c.latency.String()}}.String(),
		},
		{
			title: "Growth: check on more rows",
			intro: "The smaller files are the first rows of the larger ones. The largest CSV file and the shared-string workbook are the runs of the comparisons above.",
			keys:  []string{"check/csv-cut", "check/csv-medium", "check/csv-large", "check/xlsx-cut", "check/xlsx-large", "check/xlsx-million"},
		},
	}
}

// matching returns the results that keys select, in the order of keys.
func (rep *report) matching(keys []string) []*result {
	var list []*result
	for _, key := range keys {
		for _, r := range rep.results {
			if r.key == key || strings.HasSuffix(key, "/") && strings.HasPrefix(r.key, key) {
				list = append(list, r)
			}
		}
	}
	return list
}

func (rep *report) write(w io.Writer) error {
	var b strings.Builder
	c := rep.cfg

	b.WriteString("# Benchmarks\n\n")
	fmt.Fprintf(&b, "Speed and memory of aello-import next to the tools a user would compare it with. `make bench` wrote this page: "+
		"it builds `%s`, generates the inputs with `samples/gen` (seed %d) and runs `bench/cmd/measure`, in %.1f minutes this time. "+
		"Every figure is the median of %d runs, followed by the minimum and maximum in brackets. "+
		"Wall time and peak RSS come from GNU time (`/usr/bin/time -f '%%e %%M'`). Ratios divide medians measured in this same run.\n\n",
		c.binary, c.seed, rep.elapsed/60, c.runs)

	b.WriteString("## Targets\n\n| Target | Goal | Measured (medians) | Status |\n| --- | --- | --- | --- |\n")
	for _, t := range rep.targets {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.name, t.goal, orDash(t.measured), t.status())
	}

	b.WriteString("\n## Machine\n\n| | |\n| --- | --- |\n")
	for _, row := range rep.machine.rows() {
		fmt.Fprintf(&b, "| %s | %s |\n", row[0], escapeCell(row[1]))
	}

	if len(rep.inputs) > 0 {
		b.WriteString("\n## Inputs\n\n```sh\n")
		for _, f := range rep.inputs {
			line := f.command.String()
			if f.redirected {
				line += " > " + shellQuote(f.path)
			}
			fmt.Fprintln(&b, line)
		}
		b.WriteString("```\n\n| File | Size |\n| --- | --- |\n")
		for _, f := range rep.inputs {
			fmt.Fprintf(&b, "| `%s` | %s |\n", filepath.Base(f.path), formatBytes(f.size))
		}
	}

	b.WriteString("\n## Figures\n")
	for _, s := range rep.sections() {
		results := rep.matching(s.keys)
		if len(results) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n```sh\n", s.title, s.intro)
		if s.sandbox != "" {
			fmt.Fprintf(&b, "%s &   # one per run, stopped with SIGINT by PID\n", s.sandbox)
		}
		seen := map[string]bool{}
		for _, r := range results {
			line := displayCommand(r.command)
			if !seen[line] {
				seen[line] = true
				fmt.Fprintln(&b, line)
			}
		}
		b.WriteString("```\n\n")
		writeResultTable(&b, results, c.runs)
	}

	if len(rep.profiles) > 0 {
		b.WriteString("\n## Profiles\n\n" +
			"`bench/cmd/profile` runs the check command's work through `importer.Run` in process, with a CPU profile, an allocation profile written at the end, and a heap profile taken when the live heap peaked (checked every 100 ms). " +
			"The tops below are `go tool pprof -nodecount=10 -top` (flat), `-top -cum`, `-sample_index=alloc_space -top` and `-sample_index=inuse_space -top`.\n")
		for _, p := range rep.profiles {
			fmt.Fprintf(&b, "\n### check, %s\n\n```sh\n%s\n```\n", p.input, p.command)
			for _, part := range []struct{ title, text string }{
				{"CPU, by flat time", p.cpuFlat},
				{"CPU, by cumulative time", p.cpuCum},
				{"Allocations over the run (alloc_space)", p.allocs},
				{"Live heap at its peak (inuse_space)", p.peakHeap},
			} {
				fmt.Fprintf(&b, "\n%s:\n\n```text\n%s\n```\n", part.title, part.text)
			}
		}
	}

	b.WriteString("\n## Method and limits\n\n")
	for _, note := range rep.notes() {
		fmt.Fprintf(&b, "- %s\n", note)
	}

	_, err := io.WriteString(w, b.String())
	return err
}

// verdictNote describes the mix of verdicts in the largest CSV file, as
// its first check reported them.
func (rep *report) verdictNote() string {
	for _, r := range rep.results {
		if r.key != "check/csv-large" || len(r.counts) == 0 {
			continue
		}
		var parts []string
		for _, status := range []string{"valid", "invalid", "skipped"} {
			parts = append(parts, fmt.Sprintf("%s %s", formatNumber(float64(r.counts[status]), 0), status))
		}
		return fmt.Sprintf(" In the %s, check finds %s.", r.input, strings.Join(parts, ", "))
	}
	return ""
}

// notes are the caveats that the figures need.
func (rep *report) notes() []string {
	notes := []string{
		"Runs of the programs of one comparison alternate (A, B, A, B, ...), so that other work on the machine slows both alike. The machine may be shared: the load averages above show how busy it was.",
		"The inputs are generated by `samples/gen` with `-broken=true` for check, and `-broken=false` (every row valid) for send. They are cached in `bench/data/inputs/` and generated again when the generator's source changes." + rep.verdictNote(),
		"The generator writes workbooks with excelize's StreamWriter, which stores every text as an inline string. `bench/cmd/sharedstrings` rewrites them with a shared string table, as Excel saves workbooks; the shared-string workbook is the one the XLSX targets use, and the inline one is measured too.",
		"check writes its report and its errors file to disk (an XLSX errors file for XLSX input, with comments when it has at most 2 000 rows); the comparison tools write to the null device.",
		"In the comparison and growth tables, throughput is rows (or requests) divided by the wall time of the process, start-up included. The rate and latency tables use the run's own elapsed time instead, as their introductions say.",
		"The package benchmarks (reading, mapping, parsing phones, emails and prices, the duplicate check's set, encoding bodies, writing the report and the errors files) are not part of this page: run them with `go test -run '^$' -bench . -benchmem ./spreadsheet ./normalize ./mapping ./importer/... ./aello`.",
	}
	if rep.cfg.xlsxMillion != "yes" {
		notes = append(notes, fmt.Sprintf("check on a %s-row workbook runs only when `-xlsx-million yes` is given, or with `auto` when its estimated time fits in the %s budget.",
			formatNumber(float64(rep.cfg.csvRows), 0), rep.cfg.budget))
	}
	for _, skipped := range rep.skipped {
		notes = append(notes, "Not measured: "+skipped+".")
	}
	return notes
}

// writeResultTable writes one row per result. A result with fewer runs
// than planned shows how many it has.
func writeResultTable(b *strings.Builder, results []*result, runs int) {
	withPaced := false
	for _, r := range results {
		if len(r.paced) > 0 {
			withPaced = true
		}
	}
	b.WriteString("| Program | Input | Wall time (s) | Peak RSS (MiB) | Throughput |")
	if withPaced {
		b.WriteString(" Sandbox response rate (/s) |")
	}
	b.WriteString("\n| --- | --- | --- | --- | --- |")
	if withPaced {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range results {
		decimals := rateDecimals(r.rate.median())
		input := r.input
		if len(r.wall) != runs {
			input += fmt.Sprintf(" (%d of %d runs)", len(r.wall), runs)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s %s |", r.program, input, r.wall.format(2), r.rssMiB.format(1), r.rate.format(decimals), r.unit)
		if withPaced {
			fmt.Fprintf(b, " %s |", r.paced.format(2))
		}
		b.WriteString("\n")
	}
}

// displayCommand renders a command with the sandbox placeholder as the
// address it stands for.
func displayCommand(c command) string {
	return strings.ReplaceAll(c.String(), "SANDBOX", "http://127.0.0.1:PORT")
}

func escapeCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// printTargets prints the targets as a plain table.
func printTargets(w io.Writer, targets []target) {
	fmt.Fprintf(w, "\n%-52s %-30s %-14s %s\n", "TARGET", "GOAL", "STATUS", "MEASURED")
	for _, t := range targets {
		fmt.Fprintf(w, "%-52s %-30s %-14s %s\n", t.name, t.goal, t.status(), orDash(t.measured))
	}
}
