package spreadsheet

import "unsafe"

// Sizes of the blocks of a rowArena. A block of text holds about a hundred
// rows of a typical export, and a block of cells 128 rows of 16 columns.
const (
	arenaTextBytes = 32 << 10
	arenaCells     = 2048
)

// rowArena hands out the text and the cell slices of rows from blocks that
// many rows share, so that a row costs no allocation of its own. A block is
// freed by the garbage collector once no row refers to it, so a value kept
// after its row is done keeps its whole block alive: a cache of values must
// store copies (strings.Clone).
//
// Reading a million rows took two allocations a row before, and the
// allocator and collector were the largest cost of a check after mapping.
type rowArena struct {
	text  []byte
	cells []string
}

// copyText returns a string with the bytes of b. Bytes handed out are never
// written again, which makes the string immutable.
func (a *rowArena) copyText(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > arenaTextBytes/8:
		return string(b)
	case len(b) > len(a.text):
		a.text = make([]byte, arenaTextBytes)
	}
	n := copy(a.text, b)
	s := unsafe.String(unsafe.SliceData(a.text), n)
	a.text = a.text[n:]
	return s
}

// cellSlice returns a slice of n empty strings whose capacity is n, so that
// appending to it never writes over the next row's cells.
func (a *rowArena) cellSlice(n int) []string {
	if n > arenaCells/8 {
		return make([]string, n)
	}
	if n > len(a.cells) {
		a.cells = make([]string, arenaCells)
	}
	cells := a.cells[:n:n]
	a.cells = a.cells[n:]
	return cells
}
