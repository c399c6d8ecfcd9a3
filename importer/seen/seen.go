// Package seen stores the first row of each 64-bit key in a set whose
// memory stays nearly flat as keys are added: the newest entries are kept
// in memory, the others in sorted runs in a temporary file.
//
// Each run has a blocked Bloom filter sized for its keys, at 12 bits per
// key, and a sparse index of one key per 256 entries. A key that no run
// filter matches is new without touching the disk, and a key that a filter
// matches costs one read of a 3 KiB block of that run. Runs are merged in
// tiers, 4 runs of a tier making one run of the next tier, so a lookup
// checks few filters.
//
// Apart from about 1.5 bytes per key for filters and index, the memory of a
// Set is fixed: 1.5 MiB for the memtable and 0.25 MiB of buffers. On Linux
// and macOS the filters of 64 KiB and more are kept outside the Go heap, so
// that they do not raise the garbage collector's target too. The
// temporary file takes 12 bytes per key, in chunks of 768 KiB. A merge
// writes over the chunks it has read, so it adds only a few chunks to the
// file.
package seen

// config holds the sizes of a Set. Tests shrink them to make many runs and
// merges from few keys.
type config struct {
	// memtableEntries is the number of entries at which the memtable is
	// written out as a run.
	memtableEntries int
	// fanOut is the number of runs of a tier that are merged into one.
	fanOut int
	// blockEntries is the number of entries per sparse index key, and so
	// per block read by a lookup.
	blockEntries int
	// chunkEntries is the number of entries per chunk of the spill file.
	// It must be a multiple of blockEntries, so that no block spans
	// two chunks.
	chunkEntries int
	// bufferEntries is the size of the write buffer and of each read
	// buffer of a merge, in entries.
	bufferEntries int
	// filterBitsPerKey sizes the Bloom filter of each run.
	filterBitsPerKey int
	// unlinkEarly removes the spill file from its directory as soon as it
	// is created, so that nothing is left behind if the process dies.
	// Where the system does not allow removing an open file, Close
	// removes it.
	unlinkEarly bool
}

var defaultConfig = config{
	memtableEntries:  1 << 16,
	fanOut:           4,
	blockEntries:     256,
	chunkEntries:     1 << 16,
	bufferEntries:    1 << 12,
	filterBitsPerKey: 12,
	unlinkEarly:      true,
}

// Set maps each key to the first row it was added with. Entries that do not
// fit in memory go to a temporary file, so call Close when done. The zero
// value is not usable: call New. A Set is not safe for concurrent use.
//
// Keys are meant to be hashes, such as the output of hash/maphash, but any
// keys give exact results. The Set mixes them with a bijection first, so
// that keys such as 1, 2, 3 spread as well as hashes.
type Set struct {
	dir    string
	config config

	memtable *memtable
	// runs are ordered from oldest to newest, and their tiers never
	// increase along the slice, so the largest runs come first.
	runs []*run
	// filters holds the filter of each run, in the order of runs, so
	// that FirstOrAdd probes them in a tight loop.
	filters []filter
	spill   *spillFile // nil until the first spill

	writeBuf   []byte
	blockBuf   []byte
	mergeBufs  [][]byte
	blockReads int // blocks read by lookups, for tests and benchmarks

	// err is the first error, which every later call returns.
	err error
}

// New returns an empty set whose spilled entries go to a temporary file in
// dir, or in os.TempDir() when dir is "". It creates no file until the
// first spill, so an unusable dir is reported by FirstOrAdd.
func New(dir string) *Set {
	return newSet(dir, defaultConfig)
}

func newSet(dir string, c config) *Set {
	if c.chunkEntries%c.blockEntries != 0 {
		panic("seen: chunkEntries is not a multiple of blockEntries")
	}
	return &Set{
		dir:      dir,
		config:   c,
		memtable: newMemtable(c.memtableEntries),
	}
}

// FirstOrAdd returns the row stored for key and true when key was added
// before. Otherwise it stores key with row and returns false. Callers add
// rows in increasing order, but the Set does not rely on it.
//
// The error is a *FileError when the temporary file fails, or ErrClosed
// after Close. After an error the Set returns that error from every call,
// and must still be closed.
func (s *Set) FirstOrAdd(key uint64, row uint32) (first uint32, seen bool, err error) {
	if s.err != nil {
		return 0, false, s.err
	}
	m := mix(key)

	// The filters are probed first, in a loop of their own, so that the
	// processor can overlap their cache misses with each other and with
	// the memtable probe. Bit i of candidates is set when run i may
	// contain m. Runs past the 64th are checked in the second loop.
	var candidates uint64
	for i := range s.filters {
		if s.filters[i].mayContain(m) {
			candidates |= 1 << (i & 63)
		}
	}

	if first, seen := s.memtable.lookup(m); seen {
		return first, true, nil
	}
	for i, r := range s.runs {
		if i < 64 && candidates&(1<<i) == 0 {
			continue
		}
		first, seen, err := s.lookup(r, m)
		if err != nil {
			s.err = err
			return 0, false, err
		}
		if seen {
			return first, true, nil
		}
	}

	if err := s.add(m, row); err != nil {
		s.err = err
		return 0, false, err
	}
	return 0, false, nil
}

// add stores the absent mixed key m in the memtable, spilling it when it is
// full.
func (s *Set) add(m uint64, row uint32) error {
	if !s.memtable.insert(m, row) {
		// A probe ran past the end of the table. After a spill the
		// table is empty, so the insertion cannot fail again.
		if err := s.spillMemtable(); err != nil {
			return err
		}
		s.memtable.insert(m, row)
	}
	if s.memtable.count >= s.config.memtableEntries {
		return s.spillMemtable()
	}
	return nil
}

// Close closes and removes the temporary file and releases the memory.
// Calling Close again does nothing and returns nil.
func (s *Set) Close() error {
	if s.err == ErrClosed {
		return nil
	}
	s.err = ErrClosed

	var err error
	if s.spill != nil {
		err = s.spill.close()
	}
	s.spill = nil
	for _, r := range s.runs {
		r.filter.release()
	}
	s.runs = nil
	s.filters = nil
	s.memtable = nil
	s.writeBuf = nil
	s.blockBuf = nil
	s.mergeBufs = nil
	return err
}

// mix is the murmur3 64-bit finalizer. It is a bijection, so the Set stays
// exact on the keys, and it spreads keys that are not uniform.
func mix(key uint64) uint64 {
	key ^= key >> 33
	key *= 0xff51afd7ed558ccd
	key ^= key >> 33
	key *= 0xc4ceb9fe1a85ec53
	key ^= key >> 33
	return key
}

// spillMemtable writes the memtable out as a run of tier 0, then merges
// runs.
func (s *Set) spillMemtable() error {
	if s.spill == nil {
		spill, err := createSpillFile(s.dir, int64(s.config.chunkEntries)*entrySize, s.config.unlinkEarly)
		if err != nil {
			return err
		}
		s.spill = spill
		s.writeBuf = make([]byte, 0, s.config.bufferEntries*entrySize)
		s.blockBuf = make([]byte, s.config.blockEntries*entrySize)
	}

	w := s.newRunWriter(s.memtable.count, 0)
	if err := s.writeMemtable(w); err != nil {
		w.abort()
		return err
	}
	s.memtable.reset()
	r, err := w.finish()
	if err != nil {
		return err
	}
	s.runs = append(s.runs, r)
	s.filters = append(s.filters, r.filter)
	return s.mergeTiers()
}

// writeMemtable adds the entries of the memtable to w in increasing order
// of mixed key.
func (s *Set) writeMemtable(w *runWriter) error {
	if s.memtable.hasZero {
		if err := w.add(0, s.memtable.zeroRow); err != nil {
			return err
		}
	}
	keys, rows := s.memtable.sorted()
	for i, m := range keys {
		if err := w.add(m, rows[i]); err != nil {
			return err
		}
	}
	return nil
}
