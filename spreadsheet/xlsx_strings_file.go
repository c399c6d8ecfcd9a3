package spreadsheet

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime"
)

// unlinkTempFiles makes a large shared string table remove its temporary
// files right after creating them, so that they disappear even if the
// process is killed. Windows cannot remove an open file, so there the
// files are removed when the table is closed. Tests turn it off to check
// that closing removes them.
var unlinkTempFiles = runtime.GOOS != "windows"

// Temporary file layout: the data file holds the entries' bytes one after
// the other, and the index file holds the end offset of each entry in the
// data file as a little-endian uint32, so entry i is
// data[end(i-1):end(i)]. uint32 is enough because the decoded text is
// never longer than the part, whose limit is maxSharedStringsPartSize.
const indexEntrySize = 4

// tempFileError is a failure to create or write the temporary files of a
// shared string table, as opposed to a problem in the workbook.
type tempFileError struct {
	err error
}

func (e *tempFileError) Error() string {
	return "temporary file of the shared string table: " + e.err.Error()
}

func (e *tempFileError) Unwrap() error { return e.err }

var errTempFileOffset = errors.New("offset out of range in the temporary file")

// tempFile is an open temporary file and the name to remove when it is
// closed, "" once removed.
type tempFile struct {
	*os.File
	name string
}

// createTempFile creates a temporary file in os.TempDir and removes its
// name at once when unlinkTempFiles is set.
func createTempFile(pattern string) (tempFile, error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return tempFile{}, &tempFileError{err}
	}
	file := tempFile{File: f, name: f.Name()}
	if unlinkTempFiles && os.Remove(file.name) == nil {
		file.name = ""
	}
	return file, nil
}

// release closes the file and removes its name if still there.
func (f *tempFile) release() error {
	if f.File == nil {
		return nil
	}
	err := f.File.Close()
	if f.name != "" {
		if removeErr := os.Remove(f.name); removeErr != nil && !errors.Is(removeErr, fs.ErrNotExist) {
			err = errors.Join(err, removeErr)
		}
		f.name = ""
	}
	f.File = nil
	return err
}

// sharedStringsWriter appends entries to the temporary files of a large
// table through buffered writers.
type sharedStringsWriter struct {
	data, index       tempFile
	dataOut, indexOut *bufio.Writer
	size              int64 // bytes in the data file
	count             int
	end               [indexEntrySize]byte // scratch for one index entry
}

func newSharedStringsWriter() (*sharedStringsWriter, error) {
	data, err := createTempFile("aello-import-strings-*.data")
	if err != nil {
		return nil, err
	}
	index, err := createTempFile("aello-import-strings-*.index")
	if err != nil {
		data.release()
		return nil, err
	}
	return &sharedStringsWriter{
		data:     data,
		index:    index,
		dataOut:  bufio.NewWriterSize(data, 64<<10),
		indexOut: bufio.NewWriterSize(index, 64<<10),
	}, nil
}

// add appends one entry.
func (w *sharedStringsWriter) add(entry []byte) error {
	if _, err := w.dataOut.Write(entry); err != nil {
		return &tempFileError{err}
	}
	return w.addEnd(len(entry))
}

// addString appends one entry given as a string.
func (w *sharedStringsWriter) addString(entry string) error {
	if _, err := w.dataOut.WriteString(entry); err != nil {
		return &tempFileError{err}
	}
	return w.addEnd(len(entry))
}

// addEnd records the end offset of an entry of length bytes.
func (w *sharedStringsWriter) addEnd(length int) error {
	w.size += int64(length)
	if w.size > math.MaxUint32 {
		return errPartTooLarge
	}
	binary.LittleEndian.PutUint32(w.end[:], uint32(w.size))
	if _, err := w.indexOut.Write(w.end[:]); err != nil {
		return &tempFileError{err}
	}
	w.count++
	return nil
}

// finish flushes the files and returns them as a table. After an error
// the caller still owns the writer and must abort it.
func (w *sharedStringsWriter) finish() (*sharedStringsFile, error) {
	if err := w.dataOut.Flush(); err != nil {
		return nil, &tempFileError{err}
	}
	if err := w.indexOut.Flush(); err != nil {
		return nil, &tempFileError{err}
	}
	return &sharedStringsFile{
		data:      w.data,
		index:     w.index,
		count:     w.count,
		dataSize:  w.size,
		indexSize: int64(w.count) * indexEntrySize,
		cache:     newBlockCache(sharedStringsBlockSize, sharedStringsCacheBlocks),
	}, nil
}

// abort closes and removes the temporary files.
func (w *sharedStringsWriter) abort() {
	w.data.release()
	w.index.release()
}

// sharedStringsFile is a shared string table stored in temporary files and
// read through a small block cache, so that its heap use does not depend
// on its number of entries. Excel orders the entries by first use, so the
// rows of a sheet read entries near one another plus a set of repeated
// values near the start, and a few MiB of cache serve nearly every read.
type sharedStringsFile struct {
	data, index         tempFile
	count               int
	dataSize, indexSize int64
	cache               *blockCache
	bounds              [2 * indexEntrySize]byte // scratch for two index entries
	scratch             []byte                   // an entry that spans blocks
	closed              bool
}

// get returns entry i, which must be in range, as a new string that later
// calls do not change.
func (f *sharedStringsFile) get(i int) (string, error) {
	if f.closed {
		return "", os.ErrClosed
	}
	start, end, err := f.entryBounds(i)
	if err != nil {
		return "", err
	}

	length := end - start
	blockSize := f.cache.blockSize
	first := start / blockSize
	switch {
	case length == 0:
		return "", nil
	case (end-1)/blockSize == first:
		block, err := f.cache.block(f.data.File, f.dataSize, first)
		if err != nil {
			return "", err
		}
		offset := start - first*blockSize
		return string(block[offset : offset+length]), nil
	case length > blockSize:
		// A long entry would push the hot blocks out of the cache, so it
		// is read directly.
		text := make([]byte, length)
		if _, err := f.data.ReadAt(text, start); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		return string(text), nil
	}

	if int64(cap(f.scratch)) < length {
		f.scratch = make([]byte, blockSize)
	}
	text := f.scratch[:length]
	if err := f.cache.read(f.data.File, f.dataSize, start, text); err != nil {
		return "", err
	}
	return string(text), nil
}

// entryBounds returns the start and end offsets of entry i in the data file.
func (f *sharedStringsFile) entryBounds(i int) (start, end int64, err error) {
	if i == 0 {
		bounds := f.bounds[:indexEntrySize]
		if err := f.cache.read(f.index.File, f.indexSize, 0, bounds); err != nil {
			return 0, 0, err
		}
		end = int64(binary.LittleEndian.Uint32(bounds))
	} else {
		bounds := f.bounds[:]
		if err := f.cache.read(f.index.File, f.indexSize, int64(i-1)*indexEntrySize, bounds); err != nil {
			return 0, 0, err
		}
		start = int64(binary.LittleEndian.Uint32(bounds))
		end = int64(binary.LittleEndian.Uint32(bounds[indexEntrySize:]))
	}
	if start > end || end > f.dataSize {
		return 0, 0, errTempFileOffset
	}
	return start, end, nil
}

// close closes and removes the temporary files and drops the cache. Later
// calls to get fail with os.ErrClosed.
func (f *sharedStringsFile) close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	f.cache = nil
	f.scratch = nil
	return errors.Join(f.data.release(), f.index.release())
}

// Block size in bytes and number of blocks of the cache of a large shared
// string table. They are variables so that tests can make entries span
// blocks and tables outgrow the cache.
var (
	sharedStringsBlockSize   int64 = 64 << 10
	sharedStringsCacheBlocks       = 64 // 4 MiB with 64 KiB blocks
)

// blockCache keeps the most recently used fixed-size blocks of files,
// evicted by the clock (second chance) algorithm. Its memory is bounded by
// capacity blocks of blockSize bytes.
type blockCache struct {
	blockSize int64
	capacity  int
	blocks    []cachedBlock
	slots     map[blockKey]int // index in blocks of each cached block
	hand      int              // next block the clock looks at
	// recent holds the slots of the last two blocks returned, or -1. They
	// are checked before the map because reading an entry touches one
	// index block and one data block, mostly the same ones as the entry
	// before.
	recent [2]int
}

type blockKey struct {
	file   *os.File
	number int64 // offset / blockSize
}

type cachedBlock struct {
	key        blockKey
	valid      bool
	referenced bool
	data       []byte
}

func newBlockCache(blockSize int64, capacity int) *blockCache {
	capacity = max(capacity, 1)
	return &blockCache{
		blockSize: blockSize,
		capacity:  capacity,
		slots:     make(map[blockKey]int, capacity),
		recent:    [2]int{-1, -1},
	}
}

// read copies len(dst) bytes at offset off of file, whose size is
// fileSize, into dst.
func (c *blockCache) read(file *os.File, fileSize, off int64, dst []byte) error {
	if off < 0 || off+int64(len(dst)) > fileSize {
		return errTempFileOffset
	}
	for len(dst) > 0 {
		number := off / c.blockSize
		block, err := c.block(file, fileSize, number)
		if err != nil {
			return err
		}
		n := copy(dst, block[off-number*c.blockSize:])
		dst = dst[n:]
		off += int64(n)
	}
	return nil
}

// block returns block number of file, whose size is fileSize. The bytes
// are valid until the next call on the cache.
func (c *blockCache) block(file *os.File, fileSize, number int64) ([]byte, error) {
	key := blockKey{file: file, number: number}
	for _, slot := range c.recent {
		if slot < 0 {
			continue
		}
		if b := &c.blocks[slot]; b.valid && b.key == key {
			b.referenced = true
			return b.data, nil
		}
	}
	if slot, ok := c.slots[key]; ok {
		c.use(slot)
		return c.blocks[slot].data, nil
	}

	length := min(c.blockSize, fileSize-number*c.blockSize)
	if number < 0 || length <= 0 {
		return nil, errTempFileOffset
	}
	slot := c.victim()
	b := &c.blocks[slot]
	if int64(cap(b.data)) < length {
		b.data = make([]byte, c.blockSize)
	}
	b.data = b.data[:length]
	if _, err := file.ReadAt(b.data, number*c.blockSize); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	b.key, b.valid = key, true
	c.slots[key] = slot
	c.use(slot)
	return b.data, nil
}

// use marks the block in slot as read.
func (c *blockCache) use(slot int) {
	c.blocks[slot].referenced = true
	if c.recent[0] != slot {
		c.recent[1], c.recent[0] = c.recent[0], slot
	}
}

// victim frees a slot for a new block and returns its index. While the
// cache is not full the slot is a new one. Then it is the first block at
// or after the clock hand that was not read since the hand last passed it.
func (c *blockCache) victim() int {
	if len(c.blocks) < c.capacity {
		c.blocks = append(c.blocks, cachedBlock{})
		return len(c.blocks) - 1
	}
	for c.blocks[c.hand].referenced {
		c.blocks[c.hand].referenced = false
		c.hand = (c.hand + 1) % c.capacity
	}
	slot := c.hand
	c.hand = (c.hand + 1) % c.capacity
	if c.blocks[slot].valid {
		delete(c.slots, c.blocks[slot].key)
		c.blocks[slot].valid = false
	}
	return slot
}
