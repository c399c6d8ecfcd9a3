package seen

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// drained returns the entries of the table in the order a spill writes
// them, key 0 first, and resets the table.
func drained(t *testing.T, table *memtable) (keys []uint64, rows []uint32) {
	t.Helper()
	if table.hasZero {
		keys = append(keys, 0)
		rows = append(rows, table.zeroRow)
	}
	sortedKeys, sortedRows := table.sorted()
	keys = append(keys, sortedKeys...)
	rows = append(rows, sortedRows...)
	table.reset()
	return keys, rows
}

func TestMemtableSorted(t *testing.T) {
	tests := []struct {
		name  string
		count int
	}{
		{"empty", 0},
		{"one entry", 1},
		{"below first growth", 500},
		{"after several growths", 20_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			random := rand.New(rand.NewPCG(3, uint64(tt.count)))
			table := newMemtable(1 << 16)
			want := map[uint64]uint32{}
			for i := range tt.count {
				m := random.Uint64()
				if i == tt.count/2 {
					m = 0
				}
				if !table.insert(m, uint32(i)) {
					t.Fatalf("insert %d of %d failed", i, tt.count)
				}
				want[m] = uint32(i)
			}
			if table.count != tt.count {
				t.Errorf("count = %d, want %d", table.count, tt.count)
			}

			keys, rows := drained(t, table)
			if len(keys) != tt.count {
				t.Fatalf("got %d entries, want %d", len(keys), tt.count)
			}
			if !slices.IsSorted(keys) {
				t.Errorf("keys out of order")
			}
			for i, m := range keys {
				if row, ok := want[m]; !ok || row != rows[i] {
					t.Errorf("got %#x with row %d, want row %d (stored %v)", m, rows[i], row, ok)
				}
			}
			if table.count != 0 {
				t.Errorf("count after reset = %d, want 0", table.count)
			}
			if _, found := table.lookup(0); found {
				t.Errorf("lookup(0) after reset found an entry")
			}
		})
	}
}

func TestMemtableLookup(t *testing.T) {
	table := newMemtable(1 << 12)
	random := rand.New(rand.NewPCG(4, 4))
	stored := make([]uint64, 2000)
	for i := range stored {
		stored[i] = random.Uint64()
		table.insert(stored[i], uint32(i)+7)
	}
	table.insert(0, 1)

	for i, m := range stored {
		row, found := table.lookup(m)
		if !found || row != uint32(i)+7 {
			t.Fatalf("lookup(%#x) = %d, %v, want %d, true", m, row, found, i+7)
		}
	}
	if row, found := table.lookup(0); !found || row != 1 {
		t.Errorf("lookup(0) = %d, %v, want 1, true", row, found)
	}
	for range 2000 {
		m := random.Uint64()
		if _, found := table.lookup(m); found {
			t.Fatalf("lookup(%#x) found a key never inserted", m)
		}
	}
}

func TestMemtableGrowsToLimit(t *testing.T) {
	table := newMemtable(1 << 14)
	if got := len(table.keys) - memtableTail; got != memtableMinSlots {
		t.Fatalf("home slots of a new table = %d, want %d", got, memtableMinSlots)
	}
	random := rand.New(rand.NewPCG(5, 5))
	for i := range 1 << 14 {
		table.insert(random.Uint64()|1, uint32(i))
	}
	if got, want := len(table.keys)-memtableTail, homeSlots(1<<14); got != want {
		t.Errorf("home slots at the limit = %d, want %d", got, want)
	}
	if got, limit := float64(table.count)/float64(len(table.keys)-memtableTail), 5.0/8; got > limit {
		t.Errorf("load factor = %.3f, want at most %.3f", got, limit)
	}
}

func TestMemtableInsertPastTail(t *testing.T) {
	table := newMemtable(1 << 16)
	// Keys with the same top bits share the last home slot, which with
	// the tail leaves memtableTail+1 slots.
	last := uint64(memtableMinSlots-1) << table.shift
	for i := range memtableTail + 1 {
		if !table.insert(last|uint64(i+1), uint32(i)) {
			t.Fatalf("insert %d into the tail failed", i)
		}
	}
	if table.insert(last|uint64(memtableTail+2), 99) {
		t.Errorf("insert past the tail = true, want false")
	}
	if table.count != memtableTail+1 {
		t.Errorf("count = %d, want %d", table.count, memtableTail+1)
	}
}

func TestSortEntries(t *testing.T) {
	tests := []struct {
		name string
		keys []uint64
	}{
		{"empty", nil},
		{"one", []uint64{5}},
		{"sorted", []uint64{1, 2, 3}},
		{"reversed", []uint64{9, 7, 3, 1}},
		{"mixed", []uint64{4, 1, ^uint64(0), 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := slices.Clone(tt.keys)
			rows := make([]uint32, len(keys))
			for i, k := range keys {
				rows[i] = uint32(k % 1000)
			}
			sortEntries(keys, rows)
			if !slices.IsSorted(keys) {
				t.Errorf("keys = %v, want sorted", keys)
			}
			for i, k := range keys {
				if rows[i] != uint32(k%1000) {
					t.Errorf("row of key %d = %d, want %d", k, rows[i], k%1000)
				}
			}
		})
	}
}
