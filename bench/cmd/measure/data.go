package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// stampFile names the hash of the sources that made the cached inputs.
const stampFile = "STAMP"

// stampSources are the sources the cached inputs depend on: the sample
// generator and the shared-string rewriting.
var stampSources = []string{"samples/gen", "bench/cmd/sharedstrings"}

// inputs are the files the benchmarks read. Files of one kind and seed
// with fewer rows are cuts of the larger ones, because the generator
// writes the same first rows whatever the value of -rows.
type inputs struct {
	dir string

	// Dealership exports with the broken, warning and cancelled rows, as
	// French Excel saves CSV: ';', Windows-1252, CRLF.
	csvLarge, csvMedium, csvCut string
	// csvLargeUTF8 is csvLarge converted to UTF-8 for Miller.
	csvLargeUTF8 string
	// Workbooks of the same rows: as the generator writes them (inline
	// strings) and rewritten with a shared string table, as Excel saves.
	xlsxLargeInline, xlsxLarge, xlsxCut string
	xlsxMillion                         string // "" unless measured

	// Files whose rows are all valid, to send.
	sendFile     string
	rateFiles    map[float64]string
	latencyFiles map[int]string
}

// dataset prepares the inputs in dir, generating the missing ones.
type dataset struct {
	cfg    config
	dir    string
	logDir string
	// files are the inputs with the command that makes each, cached or
	// not, in the order they were needed.
	files []inputFile
}

// inputFile is one generated input.
type inputFile struct {
	path    string
	size    int64
	command command
	// redirected is set when the command writes the file to its standard
	// output.
	redirected bool
}

// sourcesStamp returns a hash of the non-test Go files in stampSources,
// below the repository root, so that a change to the generator
// invalidates the cache.
func sourcesStamp(root string) (string, error) {
	hash := sha256.New()
	for _, dir := range stampSources {
		names, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil {
			return "", err
		}
		if len(names) == 0 {
			return "", fmt.Errorf("no Go file in %s", filepath.Join(root, dir))
		}
		slices.Sort(names)
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(hash, "%s %d\n", filepath.Base(name), len(data))
			hash.Write(data)
		}
	}
	return hex.EncodeToString(hash.Sum(nil)), nil
}

// prepare empties the cache when the sources changed since it was filled.
func (d *dataset) prepare() error {
	stamp, err := sourcesStamp(".")
	if err != nil {
		return fmt.Errorf("hash the generator sources (run measure from the repository root): %w", err)
	}
	stampPath := filepath.Join(d.dir, stampFile)
	if old, err := os.ReadFile(stampPath); err != nil || string(old) != stamp {
		if err := os.RemoveAll(d.dir); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(stampPath, []byte(stamp), 0o644)
}

// build generates every input that the configuration needs.
func (d *dataset) build(ctx context.Context, withMillionXLSX bool) (*inputs, error) {
	c := d.cfg
	in := &inputs{dir: d.dir, rateFiles: map[float64]string{}, latencyFiles: map[int]string{}}
	var err error
	step := func(path *string, create func() (string, error)) {
		if err == nil {
			*path, err = create()
		}
	}

	step(&in.csvLarge, func() (string, error) { return d.generate(ctx, "csv", c.csvRows, true) })
	step(&in.csvMedium, func() (string, error) { return d.generate(ctx, "csv", c.xlsxRows, true) })
	step(&in.csvCut, func() (string, error) { return d.generate(ctx, "csv", c.cutRows, true) })
	step(&in.csvLargeUTF8, func() (string, error) { return d.toUTF8(ctx, in.csvLarge) })
	step(&in.xlsxLargeInline, func() (string, error) { return d.generate(ctx, "xlsx", c.xlsxRows, true) })
	step(&in.xlsxLarge, func() (string, error) { return d.shareStrings(ctx, in.xlsxLargeInline) })
	var cutInline string
	step(&cutInline, func() (string, error) { return d.generate(ctx, "xlsx", c.cutRows, true) })
	step(&in.xlsxCut, func() (string, error) { return d.shareStrings(ctx, cutInline) })

	step(&in.sendFile, func() (string, error) { return d.generate(ctx, "csv", c.sendRows, false) })
	for _, rate := range c.rates {
		var path string
		step(&path, func() (string, error) { return d.generate(ctx, "csv", rateRows(c, rate), false) })
		in.rateFiles[rate] = path
	}
	for _, concurrency := range c.latencyConcurrency {
		var path string
		step(&path, func() (string, error) { return d.generate(ctx, "csv", latencyRows(c, concurrency), false) })
		in.latencyFiles[concurrency] = path
	}

	if withMillionXLSX {
		var millionInline string
		step(&millionInline, func() (string, error) { return d.generate(ctx, "xlsx", c.csvRows, true) })
		step(&in.xlsxMillion, func() (string, error) { return d.shareStrings(ctx, millionInline) })
	}
	return in, err
}

// hasMillionXLSX reports whether the cache holds the shared-string
// workbook of csvRows rows.
func (d *dataset) hasMillionXLSX() bool {
	path := filepath.Join(d.dir, fmt.Sprintf("leads-%d-seed%d-shared.xlsx", d.cfg.csvRows, d.cfg.seed))
	_, err := os.Stat(path)
	return err == nil
}

// rateRows is the number of rows that take rateSeconds to send at rate.
func rateRows(c config, rate float64) int {
	return max(2, int(rate*c.rateSeconds))
}

// latencyRows is the number of rows that take rateSeconds to send with
// concurrency requests in flight, each taking the sandbox latency.
func latencyRows(c config, concurrency int) int {
	return max(2, int(float64(concurrency)/c.latency.Seconds()*c.rateSeconds))
}

// generate writes a file with the sample generator unless the cache has
// it, and returns its path.
func (d *dataset) generate(ctx context.Context, format string, rows int, broken bool) (string, error) {
	kind := "leads"
	if !broken {
		kind = "valid"
	}
	path := filepath.Join(d.dir, fmt.Sprintf("%s-%d-seed%d.%s", kind, rows, d.cfg.seed, format))
	c := command{args: []string{filepath.Join(d.cfg.tools, "gen"), "-format", format, "-rows", fmt.Sprint(rows),
		"-seed", fmt.Sprint(d.cfg.seed), fmt.Sprintf("-broken=%t", broken), "-o", path}}
	return path, d.cached(path, c, func() error { return d.exec(ctx, c.args[0], c.args[1:]...) })
}

// toUTF8 converts a Windows-1252 file to UTF-8 with iconv, once.
func (d *dataset) toUTF8(ctx context.Context, source string) (string, error) {
	path := strings.TrimSuffix(source, ".csv") + ".utf8.csv"
	c := command{args: []string{"iconv", "-f", "WINDOWS-1252", "-t", "UTF-8", source}}
	return path, d.cached(path, c, func() error {
		temp := path + ".tmp"
		output, err := os.Create(temp)
		if err != nil {
			return err
		}
		defer os.Remove(temp)
		cmd := exec.CommandContext(ctx, c.args[0], c.args[1:]...)
		cmd.Stdout = output
		runErr := cmd.Run()
		if err := output.Close(); runErr == nil {
			runErr = err
		}
		if runErr != nil {
			return fmt.Errorf("iconv %s: %w", source, runErr)
		}
		return os.Rename(temp, path)
	})
}

// shareStrings rewrites a workbook with a shared string table, once.
func (d *dataset) shareStrings(ctx context.Context, source string) (string, error) {
	path := strings.TrimSuffix(source, ".xlsx") + "-shared.xlsx"
	c := command{args: []string{filepath.Join(d.cfg.tools, "sharedstrings"), source, path}}
	return path, d.cached(path, c, func() error {
		if err := d.exec(ctx, c.args[0], c.args[1:]...); err != nil {
			return err
		}
		return os.Chmod(path, 0o644)
	})
}

// cached runs create, which runs c, when path does not exist yet, and
// prints one line about it. Every maker writes through a temporary file,
// so an existing path is complete.
func (d *dataset) cached(path string, c command, create func() error) error {
	if info, err := os.Stat(path); err == nil {
		fmt.Printf("%-9s %-44s cached\n", "data", filepath.Base(path))
		d.note(path, info.Size(), c)
		return nil
	}
	started := time.Now()
	if err := create(); err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Printf("%-9s %-44s %s in %.1f s\n", "data", filepath.Base(path), formatBytes(info.Size()), time.Since(started).Seconds())
	d.note(path, info.Size(), c)
	return nil
}

// note adds an input to files, once.
func (d *dataset) note(path string, size int64, c command) {
	for _, f := range d.files {
		if f.path == path {
			return
		}
	}
	d.files = append(d.files, inputFile{path: path, size: size, command: c, redirected: c.args[0] == "iconv"})
}

// exec runs a helper program, with its standard error in the log
// directory.
func (d *dataset) exec(ctx context.Context, name string, args ...string) error {
	logPath := filepath.Join(d.logDir, "data-"+filepath.Base(name)+".stderr")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()

	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = logFile
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w:\n%s", command{args: append([]string{name}, args...)}, err, tail(logPath, 10))
	}
	return nil
}

// emitBody writes the request body of the first row of a valid file, as
// "check --emit" gives it, to path: the body that hey posts.
func emitBody(ctx context.Context, binary, mapping, input, workDir, path string) error {
	emitPath := filepath.Join(workDir, "emit.jsonl")
	cmd := exec.CommandContext(ctx, binary, "check", input, "-m", mapping,
		"--report", filepath.Join(workDir, "emit.report.csv"), "--emit", emitPath)
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("check --emit %s: %w:\n%s", input, err, output)
	}

	data, err := os.ReadFile(emitPath)
	if err != nil {
		return err
	}
	first, _, _ := strings.Cut(string(data), "\n")
	var line struct {
		Row  int             `json:"row"`
		Lead json.RawMessage `json:"lead"`
	}
	if err := json.Unmarshal([]byte(first), &line); err != nil || len(line.Lead) == 0 {
		return fmt.Errorf("check --emit wrote no request body in %s (%v)", emitPath, err)
	}
	return os.WriteFile(path, line.Lead, 0o644)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
