package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeSources writes a Go file into each directory of stampSources below
// root.
func writeSources(t *testing.T, root, content string) {
	t.Helper()
	for _, dir := range stampSources {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, dir, "main.go"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSourcesStamp(t *testing.T) {
	root := t.TempDir()
	writeSources(t, root, "package main\n")
	first, err := sourcesStamp(root)
	if err != nil {
		t.Fatal(err)
	}

	testFile := filepath.Join(root, stampSources[0], "main_test.go")
	if err := os.WriteFile(testFile, []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, _ := sourcesStamp(root); again != first {
		t.Error("a new test file changed the stamp; tests do not change the generated files")
	}

	writeSources(t, root, "package main\n\nconst rows = 2\n")
	if changed, _ := sourcesStamp(root); changed == first {
		t.Error("a changed source kept the same stamp")
	}

	if _, err := sourcesStamp(t.TempDir()); err == nil {
		t.Error("sourcesStamp of a directory without the sources returned no error")
	}
}

func TestSourcesStampOfRepository(t *testing.T) {
	if _, err := sourcesStamp(filepath.Join("..", "..", "..")); err != nil {
		t.Errorf("sourcesStamp of the repository: %v", err)
	}
}

func TestCachedCreatesOnce(t *testing.T) {
	d := &dataset{dir: t.TempDir()}
	path := filepath.Join(d.dir, "file.csv")
	calls := 0
	create := func() error {
		calls++
		return os.WriteFile(path, []byte("x"), 0o644)
	}
	c := command{args: []string{"gen", "-o", path}}
	for range 2 {
		if err := d.cached(path, c, create); err != nil {
			t.Fatal(err)
		}
	}
	if calls != 1 {
		t.Errorf("create ran %d times, want once", calls)
	}
	if len(d.files) != 1 || d.files[0].path != path || d.files[0].size != 1 {
		t.Errorf("files = %+v, want the one file of 1 byte", d.files)
	}
}

func TestRunSizes(t *testing.T) {
	cfg := defaultConfig()
	cfg.rateSeconds = 10
	cfg.latency = 50 * time.Millisecond
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"rate 50 for 10 s", rateRows(cfg, 50), 500},
		{"rate 1000 for 10 s", rateRows(cfg, 1000), 10000},
		{"tiny rate keeps two rows", rateRows(cfg, 0.01), 2},
		{"concurrency 8 at 50 ms for 10 s", latencyRows(cfg, 8), 1600},
		{"concurrency 32 at 50 ms for 10 s", latencyRows(cfg, 32), 6400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %d rows, want %d", tt.got, tt.want)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*config)
		valid  bool
	}{
		{"defaults", func(*config) {}, true},
		{"zero runs", func(c *config) { c.runs = 0 }, false},
		{"cut above xlsx", func(c *config) { c.cutRows = c.xlsxRows + 1 }, false},
		{"xlsx above csv", func(c *config) { c.xlsxRows = c.csvRows + 1 }, false},
		{"zero concurrency", func(c *config) { c.concurrency = 0 }, false},
		{"zero latency", func(c *config) { c.latency = 0 }, false},
		{"unknown million mode", func(c *config) { c.xlsxMillion = "maybe" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := defaultConfig()
			tt.change(&cfg)
			if err := cfg.validate(0); (err == nil) != tt.valid {
				t.Errorf("validate() = %v, want valid %v", err, tt.valid)
			}
		})
	}
	cfg := defaultConfig()
	if err := cfg.validate(1); err == nil {
		t.Error("validate accepted a positional argument")
	}
}
