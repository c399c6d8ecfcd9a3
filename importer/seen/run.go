package seen

import (
	"encoding/binary"
	"slices"
)

// entrySize is the size of a run entry on disk: the mixed key as a
// little-endian uint64, then the row as a little-endian uint32.
const entrySize = 12

// run is a sequence of entries sorted by mixed key, stored in chunks of the
// spill file, with the sparse index and the Bloom filter that keep lookups
// off the disk.
type run struct {
	chunks []int64 // file offset of each chunk, in entry order
	count  int
	// tier is the number of merges behind the run: 0 for a spilled
	// memtable, t+1 for a merge of runs of tier t.
	tier int
	// index is the mixed key of the first entry of each block of
	// config.blockEntries entries.
	index  []uint64
	filter filter
}

// offset returns the file offset of entry i. Entries from i to the end of
// its chunk are contiguous in the file.
func (r *run) offset(i int, c *config) int64 {
	return r.chunks[i/c.chunkEntries] + int64(i%c.chunkEntries)*entrySize
}

// lookup returns the row of the mixed key m, reading at most one block of
// the spill file into s.blockBuf.
func (s *Set) lookup(r *run, m uint64) (row uint32, found bool, err error) {
	if !r.filter.mayContain(m) {
		return 0, false, nil
	}

	// The block to read is the last one whose first key is at most m.
	block, exact := slices.BinarySearch(r.index, m)
	if !exact {
		block--
	}
	if block < 0 {
		return 0, false, nil
	}

	first := block * s.config.blockEntries
	n := min(s.config.blockEntries, r.count-first)
	data := s.blockBuf[:n*entrySize]
	s.blockReads++
	if count, err := s.spill.file.ReadAt(data, r.offset(first, &s.config)); count < len(data) {
		return 0, false, &FileError{Op: OpRead, Path: s.spill.name, Err: err}
	}

	low, high := 0, n
	for low < high {
		middle := int(uint(low+high) >> 1)
		if binary.LittleEndian.Uint64(data[middle*entrySize:]) < m {
			low = middle + 1
		} else {
			high = middle
		}
	}
	if low == n || binary.LittleEndian.Uint64(data[low*entrySize:]) != m {
		return 0, false, nil
	}
	return binary.LittleEndian.Uint32(data[low*entrySize+8:]), true, nil
}

// runWriter writes a new run of a known number of entries, which must come
// in increasing order of mixed key. It buffers entries and writes them to
// the chunks it takes from the spill file.
type runWriter struct {
	spill  *spillFile
	config *config
	run    *run
	buf    []byte
	// limit is the number of bytes that buf takes before it is written:
	// its capacity, or less where the current chunk ends sooner.
	limit int
	// blockLeft is the number of entries until the next block starts.
	blockLeft int
}

func (s *Set) newRunWriter(count, tier int) *runWriter {
	c := &s.config
	r := &run{
		chunks: make([]int64, 0, (count+c.chunkEntries-1)/c.chunkEntries),
		tier:   tier,
		index:  make([]uint64, 0, (count+c.blockEntries-1)/c.blockEntries),
		filter: newFilter(count, c.filterBitsPerKey),
	}
	w := &runWriter{spill: s.spill, config: c, run: r, buf: s.writeBuf[:0]}
	w.limit = min(cap(w.buf), c.chunkEntries*entrySize)
	return w
}

// add appends one entry to the run.
func (w *runWriter) add(m uint64, row uint32) error {
	r := w.run
	if w.blockLeft == 0 {
		r.index = append(r.index, m)
		w.blockLeft = w.config.blockEntries
	}
	w.blockLeft--
	r.filter.add(m)
	r.count++

	w.buf = binary.LittleEndian.AppendUint64(w.buf, m)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, row)
	if len(w.buf) == w.limit {
		return w.flush()
	}
	return nil
}

// flush writes the buffered entries, which end the run or fill the buffer
// or the current chunk.
func (w *runWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	r := w.run
	c := w.config
	first := r.count - len(w.buf)/entrySize
	if first%c.chunkEntries == 0 {
		r.chunks = append(r.chunks, w.spill.allocate())
	}
	if _, err := w.spill.file.WriteAt(w.buf, r.offset(first, c)); err != nil {
		return &FileError{Op: OpWrite, Path: w.spill.name, Err: err}
	}

	w.buf = w.buf[:0]
	left := (c.chunkEntries - r.count%c.chunkEntries) * entrySize
	w.limit = min(cap(w.buf), left)
	return nil
}

// finish writes the last entries and returns the run. On error it gives
// the run's chunks back.
func (w *runWriter) finish() (*run, error) {
	if err := w.flush(); err != nil {
		w.abort()
		return nil, err
	}
	return w.run, nil
}

// abort gives the chunks and the filter of an unfinished run back.
func (w *runWriter) abort() {
	for _, offset := range w.run.chunks {
		w.spill.release(offset)
	}
	w.run.chunks = nil
	w.run.filter.release()
}

// runReader reads the entries of a run in order, a buffer at a time, and
// gives each chunk back to the spill file once it has read all of it.
type runReader struct {
	spill  *spillFile
	config *config
	run    *run
	buf    []byte
	unread []byte
	next   int // index of the first entry not yet read from the file
}

// read returns the next entry, or ok false after the last one.
func (r *runReader) read() (m uint64, row uint32, ok bool, err error) {
	if len(r.unread) == 0 {
		if r.next == r.run.count {
			return 0, 0, false, nil
		}
		if err := r.fill(); err != nil {
			return 0, 0, false, err
		}
	}

	m = binary.LittleEndian.Uint64(r.unread)
	row = binary.LittleEndian.Uint32(r.unread[8:])
	r.unread = r.unread[entrySize:]
	return m, row, true, nil
}

// fill reads the next entries of the current chunk into buf.
func (r *runReader) fill() error {
	c := r.config
	inChunk := r.next % c.chunkEntries
	n := min(len(r.buf)/entrySize, c.chunkEntries-inChunk, r.run.count-r.next)
	data := r.buf[:n*entrySize]
	offset := r.run.offset(r.next, c)
	if count, err := r.spill.file.ReadAt(data, offset); count < len(data) {
		return &FileError{Op: OpRead, Path: r.spill.name, Err: err}
	}

	r.unread = data
	r.next += n
	if r.next%c.chunkEntries == 0 || r.next == r.run.count {
		r.spill.release(r.run.chunks[(r.next-1)/c.chunkEntries])
	}
	return nil
}
