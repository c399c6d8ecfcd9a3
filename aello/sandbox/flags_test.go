package sandbox

import (
	"bytes"
	"flag"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aello-copilot/aello-import/i18n"
)

// parseFlags registers the sandbox flags on a new FlagSet, parses args and
// returns the Config.
func parseFlags(t *testing.T, args ...string) (Config, error) {
	t.Helper()
	var cfg Config
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(new(bytes.Buffer))
	cfg.RegisterFlags(fs)
	err := fs.Parse(args)
	return cfg, err
}

func TestRegisterFlags(t *testing.T) {
	cfg, err := parseFlags(t,
		"--key", "key-one-1111", "--key", "key-two-2222", "--key", "key-one-1111",
		"--orphan-key", "gone-3333",
		"--addr", "127.0.0.1:9999",
		"--store", "leads.jsonl",
		"--latency", "50ms", "--jitter", "10ms",
		"--fail-rate", "0.1", "--drop-rate", "0.05",
		"--rate-limit", "20", "--seed", "99")
	if err != nil {
		t.Fatalf("Parse error = %v", err)
	}

	wantKeys := map[string]string{"key-one-1111": "dealership-1", "key-two-2222": "dealership-2"}
	if len(cfg.Keys) != len(wantKeys) {
		t.Errorf("keys = %v, want %v", cfg.Keys, wantKeys)
	}
	for key, dealership := range wantKeys {
		if cfg.Keys[key] != dealership {
			t.Errorf("dealership of %s = %q, want %q", key, cfg.Keys[key], dealership)
		}
	}
	if !slices.Equal(cfg.OrphanKeys, []string{"gone-3333"}) {
		t.Errorf("orphan keys = %v, want [gone-3333]", cfg.OrphanKeys)
	}

	checks := []struct {
		name      string
		got, want any
	}{
		{"addr", cfg.Addr, "127.0.0.1:9999"},
		{"store", cfg.StorePath, "leads.jsonl"},
		{"latency", cfg.Latency, 50 * time.Millisecond},
		{"jitter", cfg.Jitter, 10 * time.Millisecond},
		{"fail-rate", cfg.FailRate, 0.1},
		{"drop-rate", cfg.DropRate, 0.05},
		{"rate-limit", cfg.RateLimit, 20},
		{"seed", cfg.Seed, int64(99)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("--%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestRegisterFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags(t)
	if err != nil {
		t.Fatalf("Parse error = %v", err)
	}
	if cfg.Addr != DefaultAddr {
		t.Errorf("addr = %q, want %q", cfg.Addr, DefaultAddr)
	}
	if cfg.Keys != nil || cfg.FailRate != 0 || cfg.RateLimit != 0 {
		t.Errorf("config = %+v, want no keys and no faults", cfg)
	}
	if _, err := New(cfg); err == nil {
		t.Error("New accepted a config without keys")
	}
}

func TestRegisterFlagsKeepsPresetValues(t *testing.T) {
	cfg := Config{Addr: "127.0.0.1:0", Seed: 5, Keys: map[string]string{"preset-key-1234": "Garage Preset"}}
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	if err := fs.Parse([]string{"--key", "added-key-5678"}); err != nil {
		t.Fatalf("Parse error = %v", err)
	}

	if cfg.Addr != "127.0.0.1:0" || cfg.Seed != 5 {
		t.Errorf("addr, seed = %q, %d, want the preset 127.0.0.1:0, 5", cfg.Addr, cfg.Seed)
	}
	if cfg.Keys["preset-key-1234"] != "Garage Preset" || cfg.Keys["added-key-5678"] != "dealership-2" {
		t.Errorf("keys = %v, want the preset key and dealership-2", cfg.Keys)
	}
}

func TestFlagHelpHidesKeys(t *testing.T) {
	cfg := Config{Keys: map[string]string{"preset-key-1234": "Garage Preset"}, OrphanKeys: []string{"preset-gone-5678"}}
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	var help bytes.Buffer
	fs.SetOutput(&help)
	cfg.RegisterFlags(fs)
	fs.PrintDefaults()

	for _, key := range []string{"preset-key-1234", "preset-gone-5678"} {
		if strings.Contains(help.String(), key) {
			t.Errorf("help shows the key %q:\n%s", key, help.String())
		}
	}
	if !strings.Contains(help.String(), "-fail-rate") {
		t.Errorf("help does not list -fail-rate:\n%s", help.String())
	}
}

func TestFlagHelpTranslated(t *testing.T) {
	var cfg Config
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	cfg.RegisterFlags(fs)

	fs.VisitAll(func(f *flag.Flag) {
		if strings.Contains(f.Usage, "%") {
			t.Errorf("help of --%s contains %%, so it cannot be a catalog key", f.Name)
		}
		if !i18n.HasFrench(f.Usage) {
			t.Errorf("help of --%s has no French translation", f.Name)
		}
	})
}

func TestFlagParseErrorHidesKey(t *testing.T) {
	_, err := parseFlags(t, "--key", "flag-key-9090", "--fail-rate", "often")
	if err == nil {
		t.Fatal("Parse accepted --fail-rate often")
	}
	if strings.Contains(err.Error(), "flag-key-9090") {
		t.Errorf("error %q shows the key", err)
	}
}
