package normalize

import (
	"slices"
	"sync"
)

// phoneCacheSize is the maximum number of cached phone results. A full
// cache is emptied before the next result is stored, so memory stays flat
// and a number that needs phonenumbers.Parse and repeats within a few
// thousand rows is parsed once.
const phoneCacheSize = 4096

type phoneKey struct {
	raw, region string
}

// phoneResult is the outcome of phoneParse.parse for one key. It is not
// modified once stored, because unpack returns copies of its issues.
type phoneResult struct {
	number   PhoneNumber
	warnings []Issue
	err      *Issue
}

// unpack returns the result in Phone's form, with its own copies of the
// issues so that a caller changing them does not change the cache.
func (r phoneResult) unpack() (PhoneNumber, []Issue, error) {
	warnings := slices.Clone(r.warnings)
	if r.err == nil {
		return r.number, warnings, nil
	}
	issue := *r.err
	return r.number, warnings, &issue
}

// phoneCache is a bounded map guarded by a mutex, safe for concurrent use.
type phoneCache struct {
	mu      sync.Mutex
	entries map[phoneKey]phoneResult
}

var phoneResults = &phoneCache{}

func (c *phoneCache) get(key phoneKey) (phoneResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()

	result, ok := c.entries[key]
	return result, ok
}

func (c *phoneCache) put(key phoneKey, result phoneResult) {
	c.mu.Lock()
	defer c.mu.Unlock()

	switch {
	case c.entries == nil:
		c.entries = make(map[phoneKey]phoneResult, phoneCacheSize)
	case len(c.entries) >= phoneCacheSize:
		// clear keeps the map's memory for the next entries.
		clear(c.entries)
	}
	c.entries[key] = result
}
