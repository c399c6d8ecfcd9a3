package mapping

import (
	"strings"
	"sync"
)

// foldMemoSize is the number of distinct cells a foldMemo remembers. A
// column that skip_if tests, such as a status, has a handful of values. A
// column of unique values fills the memo, and its cells are then folded
// each time.
const foldMemoSize = 256

// foldMemo remembers foldKey of the first distinct values it is given,
// because folding a value with accents takes a Unicode normalisation, which
// cost more than the rest of a skip_if test. It is safe for concurrent use.
type foldMemo struct {
	mu   sync.RWMutex
	keys map[string]string
}

// key returns foldKey(s).
func (m *foldMemo) key(s string) string {
	if isASCIILowerKey(s) {
		return s
	}
	m.mu.RLock()
	key, ok := m.keys[s]
	m.mu.RUnlock()
	if ok {
		return key
	}

	key = foldKey(s)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil {
		m.keys = make(map[string]string)
	}
	if len(m.keys) < foldMemoSize {
		// The cell may share its memory with the rest of its row: the
		// clone keeps only the value alive.
		m.keys[strings.Clone(s)] = key
	}
	return key
}
