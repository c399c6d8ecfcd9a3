package sandbox

import (
	"flag"
	"strconv"
)

// Help texts of the sandbox flags. They contain no "%", so a caller can
// look them up as i18n keys to print them in French.
const (
	usageKey       = "valid API key of a sandbox dealership. Repeat the flag for more dealerships, named dealership-1, dealership-2 and so on"
	usageOrphanKey = "API key whose dealership is gone, so that requests with it get 422 ERR-CREATE_LEAD-DEALERSHIP_NOT_FOUND. The flag can be repeated"
	usageAddr      = "address to listen on, as host:port. Port 0 picks a free port"
	usageStore     = "JSON Lines file that receives every new lead and merged message, loaded again at the next start. Without it, leads are kept in memory"
	usageLatency   = "time to wait before each response to POST /leads, such as 50ms"
	usageJitter    = "random spread of --latency, plus or minus, such as 20ms"
	usageFailRate  = "probability from 0 to 1 of responding 500 without storing the lead"
	usageDropRate  = "probability from 0 to 1 of storing the lead and then closing the connection without a response"
	usageRateLimit = "number of requests allowed per second, above which the response is 429 with Retry-After: 1. 0 means no limit"
	usageSeed      = "seed of the random latency, failures and drops, so that a run can be repeated"
)

// RegisterFlags defines the flags of the sandbox command on fs, each
// storing its value in c: --key and --orphan-key (both repeatable),
// --addr, --store, --latency, --jitter, --fail-rate, --drop-rate,
// --rate-limit and --seed. The defaults are the current values of c, with
// DefaultAddr for an empty Addr. Values are checked by New, whose errors
// never show a key.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}

	fs.Var(&keysFlag{config: c}, "key", usageKey)
	fs.Var(&orphanKeysFlag{config: c}, "orphan-key", usageOrphanKey)
	fs.StringVar(&c.Addr, "addr", c.Addr, usageAddr)
	fs.StringVar(&c.StorePath, "store", c.StorePath, usageStore)
	fs.DurationVar(&c.Latency, "latency", c.Latency, usageLatency)
	fs.DurationVar(&c.Jitter, "jitter", c.Jitter, usageJitter)
	fs.Float64Var(&c.FailRate, "fail-rate", c.FailRate, usageFailRate)
	fs.Float64Var(&c.DropRate, "drop-rate", c.DropRate, usageDropRate)
	fs.IntVar(&c.RateLimit, "rate-limit", c.RateLimit, usageRateLimit)
	fs.Int64Var(&c.Seed, "seed", c.Seed, usageSeed)
}

// keysFlag is the repeatable --key flag. Each new key gets the dealership
// "dealership-N", N counting the keys of the Config. A key given twice
// keeps its first dealership.
type keysFlag struct {
	config *Config
}

// String returns "" so that no key appears in the help text.
func (f *keysFlag) String() string {
	return ""
}

// Set adds key to the Config's Keys. It returns no error, because the flag
// package would print the key in it. New checks the keys instead.
func (f *keysFlag) Set(key string) error {
	if f.config.Keys == nil {
		f.config.Keys = map[string]string{}
	}
	if _, ok := f.config.Keys[key]; !ok {
		f.config.Keys[key] = "dealership-" + strconv.Itoa(len(f.config.Keys)+1)
	}
	return nil
}

// orphanKeysFlag is the repeatable --orphan-key flag.
type orphanKeysFlag struct {
	config *Config
}

// String returns "" so that no key appears in the help text.
func (f *orphanKeysFlag) String() string {
	return ""
}

// Set adds key to the Config's OrphanKeys. Like keysFlag.Set, it returns
// no error.
func (f *orphanKeysFlag) Set(key string) error {
	f.config.OrphanKeys = append(f.config.OrphanKeys, key)
	return nil
}
