package seen

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aello-copilot/aello-import/i18n"
)

// smallConfig makes runs and merges happen after a few entries. Its
// chunks of 3 blocks and buffers of 5 entries make buffers end before,
// at and after chunk ends.
func smallConfig(memtableEntries, fanOut, blockEntries int) config {
	return config{
		memtableEntries:  memtableEntries,
		fanOut:           fanOut,
		blockEntries:     blockEntries,
		chunkEntries:     3 * blockEntries,
		bufferEntries:    5,
		filterBitsPerKey: 12,
		unlinkEarly:      true,
	}
}

// mustFirstOrAdd calls FirstOrAdd and fails the test on error.
func mustFirstOrAdd(t *testing.T, s *Set, key uint64, row uint32) (uint32, bool) {
	t.Helper()
	first, seen, err := s.FirstOrAdd(key, row)
	if err != nil {
		t.Fatalf("FirstOrAdd(%#x, %d): %v", key, row, err)
	}
	return first, seen
}

// closeSet closes s and fails the test on error.
func closeSet(t *testing.T, s *Set) {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// maxTier returns the highest tier among the runs of s, or -1 without runs.
func maxTier(s *Set) int {
	tier := -1
	for _, r := range s.runs {
		tier = max(tier, r.tier)
	}
	return tier
}

// location returns where s stores key: "memtable", "tier N", or "" when
// it does not.
func location(s *Set, key uint64) string {
	m := mix(key)
	if _, found := s.memtable.lookup(m); found {
		return "memtable"
	}
	for _, r := range s.runs {
		if _, found, _ := s.lookup(r, m); found {
			return fmt.Sprintf("tier %d", r.tier)
		}
	}
	return ""
}

func TestFirstOrAddMatchesMap(t *testing.T) {
	weakFilter := smallConfig(32, 3, 4)
	weakFilter.filterBitsPerKey = 1
	keepNames := smallConfig(50, 2, 3)
	keepNames.unlinkEarly = false

	tests := []struct {
		name       string
		config     config
		count      int
		sequential bool // keys 0, 1, 2… in place of random keys
		// minTier is the lowest tier that the oldest run must reach, so
		// that merges of merged runs happen. -1 means no run at all.
		minTier int
	}{
		{"memtable only", defaultConfig, 30_000, false, -1},
		{"default sizes", defaultConfig, 280_000, false, 1},
		{"fan-out 2", smallConfig(16, 2, 4), 20_000, false, 8},
		{"fan-out 3", smallConfig(100, 3, 7), 30_000, false, 4},
		{"one entry per block", smallConfig(64, 4, 1), 20_000, false, 3},
		{"weak filter", weakFilter, 10_000, false, 4},
		{"sequential keys", smallConfig(64, 4, 8), 20_000, true, 3},
		{"files removed by Close", keepNames, 5_000, false, 5},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSet(t.TempDir(), tt.config)
			defer closeSet(t, s)
			random := rand.New(rand.NewPCG(6, uint64(i)))
			want := map[uint64]uint32{}
			var keys []uint64

			for n := range tt.count {
				row := uint32(n + 1)
				var key uint64
				switch {
				case n == tt.count/3:
					key = 0
				case n == tt.count/2:
					key = math.MaxUint64
				case len(keys) > 0 && random.IntN(20) == 0:
					key = keys[random.IntN(len(keys))] // a repeat, 5 %
				case tt.sequential:
					key = uint64(n)
				default:
					key = random.Uint64()
				}

				first, seen := mustFirstOrAdd(t, s, key, row)
				wantFirst, wantSeen := want[key]
				if seen != wantSeen || first != wantFirst {
					t.Fatalf("row %d: FirstOrAdd(%#x) = %d, %v, want %d, %v", row, key, first, seen, wantFirst, wantSeen)
				}
				if !seen {
					want[key] = row
					keys = append(keys, key)
				}
			}

			if got := maxTier(s); tt.minTier < 0 && got != -1 {
				t.Errorf("highest tier = %d, want no run", got)
			}
			if got := maxTier(s); got < tt.minTier {
				t.Errorf("highest tier = %d, want at least %d", got, tt.minTier)
			}
			// Every key, asked again, returns its first row.
			for _, key := range keys {
				first, seen := mustFirstOrAdd(t, s, key, math.MaxUint32)
				if !seen || first != want[key] {
					t.Fatalf("again FirstOrAdd(%#x) = %d, %v, want %d, true", key, first, seen, want[key])
				}
			}
			if got, want := storedEntries(s), len(keys); got != want {
				t.Errorf("stored entries = %d, want %d", got, want)
			}
		})
	}
}

// storedEntries returns the number of entries in the memtable and runs.
func storedEntries(s *Set) int {
	n := s.memtable.count
	for _, r := range s.runs {
		n += r.count
	}
	return n
}

func TestFirstOrAddRepeatEachLocation(t *testing.T) {
	// With 8 entries per memtable and a fan-out of 2, 7 spills leave runs
	// of tiers 2, 1 and 0, and 5 more keys stay in the memtable.
	s := newSet(t.TempDir(), smallConfig(8, 2, 2))
	defer closeSet(t, s)
	random := rand.New(rand.NewPCG(7, 7))
	keys := make([]uint64, 8*7+5)
	for i := range keys {
		keys[i] = random.Uint64()
		if _, seen := mustFirstOrAdd(t, s, keys[i], uint32(i)); seen {
			t.Fatalf("FirstOrAdd(%#x) of a new key = seen", keys[i])
		}
	}

	found := map[string]int{}
	for i, key := range keys {
		where := location(s, key)
		found[where]++
		first, seen := mustFirstOrAdd(t, s, key, 1000)
		if !seen || first != uint32(i) {
			t.Errorf("repeat in %s: FirstOrAdd(%#x) = %d, %v, want %d, true", where, key, first, seen, i)
		}
	}
	for where, want := range map[string]int{"tier 2": 32, "tier 1": 16, "tier 0": 8, "memtable": 5} {
		if found[where] != want {
			t.Errorf("keys in %s = %d, want %d (all: %v)", where, found[where], want, found)
		}
	}
}

func TestFirstOrAddEdgeKeys(t *testing.T) {
	tests := []struct {
		name  string
		extra int // keys added after the 4 edge keys, 8 per spill
		want  string
	}{
		{"in memtable", 3, "memtable"},
		{"in first run", 6, "tier 0"},
		{"in merged run", 14, "tier 1"},
		{"in merge of merges", 30, "tier 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSet(t.TempDir(), smallConfig(8, 2, 2))
			defer closeSet(t, s)
			edges := []uint64{0, math.MaxUint64, 1, math.MaxUint64 - 1}
			for i, key := range edges {
				mustFirstOrAdd(t, s, key, uint32(i+1))
			}
			for i := range tt.extra {
				mustFirstOrAdd(t, s, uint64(1000+i), uint32(100+i))
			}

			for i, key := range edges {
				if where := location(s, key); where != tt.want {
					t.Errorf("key %#x is in %q, want %q", key, where, tt.want)
				}
				first, seen := mustFirstOrAdd(t, s, key, 999)
				if !seen || first != uint32(i+1) {
					t.Errorf("FirstOrAdd(%#x) = %d, %v, want %d, true", key, first, seen, i+1)
				}
			}
		})
	}
}

func TestFirstOrAddEdgeRows(t *testing.T) {
	s := newSet(t.TempDir(), smallConfig(4, 2, 2))
	defer closeSet(t, s)
	rows := []uint32{0, math.MaxUint32, 1, math.MaxUint32 - 1, 0, 0}
	for i, row := range rows {
		mustFirstOrAdd(t, s, uint64(i)*7919, row)
	}
	mustFirstOrAdd(t, s, 1, 5) // one more spill
	for i, row := range rows {
		first, seen := mustFirstOrAdd(t, s, uint64(i)*7919, 12)
		if !seen || first != row {
			t.Errorf("FirstOrAdd(%d) = %d, %v, want %d, true", i*7919, first, seen, row)
		}
	}
}

// entries returns the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, entry := range list {
		names = append(names, entry.Name())
	}
	return names
}

func TestCloseRemovesFile(t *testing.T) {
	tests := []struct {
		name        string
		unlinkEarly bool
	}{
		{"removed at creation", true},
		{"removed by Close", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c := smallConfig(10, 3, 2)
			c.unlinkEarly = tt.unlinkEarly
			s := newSet(dir, c)
			for i := range 1000 {
				mustFirstOrAdd(t, s, uint64(i), uint32(i))
			}
			if len(s.runs) < 2 {
				t.Fatalf("runs = %d, want at least 2", len(s.runs))
			}

			names := entries(t, dir)
			if tt.unlinkEarly && len(names) != 0 {
				t.Errorf("files before Close = %v, want none", names)
			}
			if !tt.unlinkEarly && len(names) != 1 {
				t.Errorf("files before Close = %v, want one", names)
			}

			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if names := entries(t, dir); len(names) != 0 {
				t.Errorf("files after Close = %v, want none", names)
			}
			if err := s.Close(); err != nil {
				t.Errorf("second Close = %v, want nil", err)
			}
			if _, _, err := s.FirstOrAdd(1, 1); !errors.Is(err, ErrClosed) {
				t.Errorf("FirstOrAdd after Close = %v, want ErrClosed", err)
			}
		})
	}
}

func TestSpillFileReusesChunks(t *testing.T) {
	c := smallConfig(4096, 4, 64)
	c.chunkEntries = 1024
	s := newSet(t.TempDir(), c)
	defer closeSet(t, s)
	random := rand.New(rand.NewPCG(10, 10))
	for i := range 200_000 {
		mustFirstOrAdd(t, s, random.Uint64(), uint32(i))
	}
	if got := maxTier(s); got < 2 {
		t.Fatalf("highest tier = %d, want at least 2", got)
	}

	used := 0
	for _, r := range s.runs {
		used += len(r.chunks)
	}
	// A merge holds at most one partly read chunk per input and one
	// partly written output chunk beyond the chunks of the runs.
	if limit := int64(used + 2*c.fanOut); s.spill.chunks > limit {
		t.Errorf("chunks in the file = %d, want at most %d (%d used by runs)", s.spill.chunks, limit, used)
	}
	if got, want := int64(len(s.spill.free)), s.spill.chunks-int64(used); got != want {
		t.Errorf("free chunks = %d, want %d", got, want)
	}
}

func TestCloseWithoutRuns(t *testing.T) {
	s := New(t.TempDir())
	mustFirstOrAdd(t, s, 5, 1)
	if err := s.Close(); err != nil {
		t.Errorf("Close = %v, want nil", err)
	}
}

func TestNewDefaultDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	c := smallConfig(4, 2, 2)
	c.unlinkEarly = false
	s := newSet("", c)
	for i := range 10 {
		mustFirstOrAdd(t, s, uint64(i), uint32(i))
	}
	if names := entries(t, dir); len(names) == 0 {
		t.Errorf("no file in os.TempDir() %s, want the runs there", dir)
	}
	closeSet(t, s)
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf("files after Close = %v, want none", names)
	}
}

func TestFirstOrAddMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	s := newSet(dir, smallConfig(4, 2, 2))
	defer closeSet(t, s)

	var err error
	for i := range 4 {
		if _, _, err = s.FirstOrAdd(uint64(i), uint32(i)); err != nil {
			break
		}
	}
	var fileErr *FileError
	if !errors.As(err, &fileErr) {
		t.Fatalf("error = %v, want a *FileError", err)
	}
	if fileErr.Op != OpCreate {
		t.Errorf("Op = %q, want %q", fileErr.Op, OpCreate)
	}
	if fileErr.Path != dir {
		t.Errorf("Path = %q, want %q", fileErr.Path, dir)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want it to wrap fs.ErrNotExist", err)
	}
	if _, _, again := s.FirstOrAdd(100, 100); again != err {
		t.Errorf("next FirstOrAdd error = %v, want the first error %v", again, err)
	}
}

func TestFirstOrAddReadError(t *testing.T) {
	s := newSet(t.TempDir(), smallConfig(4, 4, 2))
	defer closeSet(t, s)
	for i := range 5 {
		mustFirstOrAdd(t, s, uint64(i), uint32(i))
	}
	if len(s.runs) != 1 {
		t.Fatalf("runs = %d, want 1", len(s.runs))
	}
	// A write-only file fails every read, as a failing disk would.
	writeOnly, err := os.OpenFile(filepath.Join(t.TempDir(), "write-only"), os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	original := s.spill.file
	defer original.Close()
	s.spill.file = writeOnly

	_, _, err = s.FirstOrAdd(1, 10)
	var fileErr *FileError
	if !errors.As(err, &fileErr) {
		t.Fatalf("error = %v, want a *FileError", err)
	}
	if fileErr.Op != OpRead {
		t.Errorf("Op = %q, want %q", fileErr.Op, OpRead)
	}
	if fileErr.Path != s.spill.name {
		t.Errorf("Path = %q, want %q", fileErr.Path, s.spill.name)
	}
	if _, _, again := s.FirstOrAdd(2, 11); again != err {
		t.Errorf("next FirstOrAdd error = %v, want the first error %v", again, err)
	}
	if errors.Unwrap(err) == nil {
		t.Errorf("error = %v, want it to wrap the cause", err)
	}
}

// readOnlyFile returns a file opened for reading only, whose writes fail
// as they would on a full disk.
func readOnlyFile(t *testing.T) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "read-only")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	return file
}

func TestRunWriterWriteError(t *testing.T) {
	tests := []struct {
		name    string
		entries int
	}{
		{"while adding", 100},
		{"while finishing", 2}, // fewer than a buffer
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSet(t.TempDir(), smallConfig(4, 2, 2))
			defer closeSet(t, s)
			for i := range 4 {
				mustFirstOrAdd(t, s, uint64(i), uint32(i))
			}
			usedBefore := s.spill.chunks - int64(len(s.spill.free))
			original := s.spill.file
			s.spill.file = readOnlyFile(t)
			defer func() { s.spill.file = original }()

			var err error
			w := s.newRunWriter(tt.entries, 0)
			for i := range tt.entries {
				if err = w.add(uint64(i), uint32(i)); err != nil {
					w.abort()
					break
				}
			}
			if err == nil {
				_, err = w.finish()
			}

			var fileErr *FileError
			if !errors.As(err, &fileErr) {
				t.Fatalf("error = %v, want a *FileError", err)
			}
			if fileErr.Op != OpWrite {
				t.Errorf("Op = %q, want %q", fileErr.Op, OpWrite)
			}
			if errors.Unwrap(err) == nil {
				t.Errorf("error = %v, want it to wrap the cause", err)
			}
			if usedAfter := s.spill.chunks - int64(len(s.spill.free)); usedAfter != usedBefore {
				t.Errorf("chunks in use after the failed run = %d, want %d as before", usedAfter, usedBefore)
			}
		})
	}
}

func TestFirstOrAddWriteError(t *testing.T) {
	s := newSet(t.TempDir(), smallConfig(4, 2, 2))
	defer closeSet(t, s)
	for i := range 4 {
		mustFirstOrAdd(t, s, uint64(i), uint32(i))
	}
	original := s.spill.file
	s.spill.file = readOnlyFile(t)
	defer func() { s.spill.file = original }()

	var err error
	for i := 4; i < 8 && err == nil; i++ {
		_, _, err = s.FirstOrAdd(uint64(i), uint32(i))
	}
	var fileErr *FileError
	if !errors.As(err, &fileErr) {
		t.Fatalf("error = %v, want a *FileError", err)
	}
	if fileErr.Op != OpWrite {
		t.Errorf("Op = %q, want %q", fileErr.Op, OpWrite)
	}
	if _, _, again := s.FirstOrAdd(100, 100); again != err {
		t.Errorf("next FirstOrAdd error = %v, want the first error %v", again, err)
	}
}

func TestFileErrorText(t *testing.T) {
	cause := errors.New("disk on fire")
	for _, op := range []string{OpCreate, OpWrite, OpRead, OpRemove} {
		t.Run(op, func(t *testing.T) {
			err := &FileError{Op: op, Path: "/tmp/x.run", Err: cause}
			for _, want := range []string{"/tmp/x.run", "disk on fire", "temporary"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Error() = %q, want it to contain %q", err.Error(), want)
				}
			}
			if !errors.Is(err, cause) {
				t.Errorf("errors.Is(err, cause) = false, want true")
			}
		})
	}
}

func TestFirstOrAddMoreThan64Runs(t *testing.T) {
	s := newSet(t.TempDir(), smallConfig(2, 100, 1))
	defer closeSet(t, s)
	for i := range 180 {
		mustFirstOrAdd(t, s, uint64(i), uint32(i))
	}
	if len(s.runs) <= 64 {
		t.Fatalf("runs = %d, want more than 64", len(s.runs))
	}
	for i := range 180 {
		first, seen := mustFirstOrAdd(t, s, uint64(i), 1000)
		if !seen || first != uint32(i) {
			t.Errorf("FirstOrAdd(%d) = %d, %v, want %d, true", i, first, seen, i)
		}
	}
	for i := 1000; i < 1100; i++ {
		if _, seen := mustFirstOrAdd(t, s, uint64(i), uint32(i)); seen {
			t.Errorf("FirstOrAdd(%d) of a new key = seen", i)
		}
	}
}

func TestFileErrorFrench(t *testing.T) {
	for _, op := range []string{OpCreate, OpWrite, OpRead, OpRemove} {
		t.Run(op, func(t *testing.T) {
			key := (&FileError{Op: op, Path: "x", Err: errFull}).Text().Key
			if !i18n.HasFrench(key) {
				t.Errorf("no French translation for %q", key)
			}
		})
	}
}

var errFull = errors.New("no space left on device")

// unmix inverts mix, so that tests can choose where a key lands.
func unmix(m uint64) uint64 {
	inverse := func(a uint64) uint64 { // of an odd a, modulo 2^64
		x := a
		for range 6 {
			x *= 2 - a*x
		}
		return x
	}
	m ^= m >> 33
	m *= inverse(0xc4ceb9fe1a85ec53)
	m ^= m >> 33
	m *= inverse(0xff51afd7ed558ccd)
	m ^= m >> 33
	return m
}

func TestUnmixInvertsMix(t *testing.T) {
	for _, key := range []uint64{0, 1, 42, math.MaxUint64, 0x8000000000000000} {
		if got := unmix(mix(key)); got != key {
			t.Errorf("unmix(mix(%#x)) = %#x", key, got)
		}
	}
}

func TestFirstOrAddProbePastTail(t *testing.T) {
	// A limit of 600 keeps the memtable at its first size, whose last
	// home slot is memtableMinSlots-1 and is followed by memtableTail
	// slots. Keys whose mixed top bits all are 1 share that home slot.
	s := newSet(t.TempDir(), smallConfig(600, 4, 4))
	defer closeSet(t, s)
	lastHome := uint64(memtableMinSlots-1) << s.memtable.shift
	count := memtableTail + 2
	for i := range count {
		key := unmix(lastHome | uint64(i+1))
		if _, seen := mustFirstOrAdd(t, s, key, uint32(i)); seen {
			t.Fatalf("FirstOrAdd(%#x) of a new key = seen", key)
		}
	}

	if len(s.runs) != 1 || s.runs[0].count != memtableTail+1 {
		t.Errorf("runs = %d, want 1 of %d entries", len(s.runs), memtableTail+1)
	}
	if s.memtable.count != 1 {
		t.Errorf("memtable entries = %d, want 1", s.memtable.count)
	}
	for i := range count {
		key := unmix(lastHome | uint64(i+1))
		first, seen := mustFirstOrAdd(t, s, key, 1000)
		if !seen || first != uint32(i) {
			t.Errorf("FirstOrAdd(%#x) = %d, %v, want %d, true", key, first, seen, i)
		}
	}
}
