package seen

// memtableTail is the number of slots past the last home slot that linear
// probing may use. Probing never wraps around, so that the table stays
// ordered by home slot. A probe that would run past the tail makes the Set
// spill the memtable early.
const memtableTail = 64

// memtableMinSlots is the number of home slots of a new memtable. The table
// doubles up to the size its limit needs, so a small file does not pay for
// a large table.
const memtableMinSlots = 1 << 10

// memtable is an open-addressing hash table of the newest entries, on flat
// arrays. The home slot of a mixed key is its top bits, so the slot order
// follows the key order. A mixed key of 0 marks an empty slot, and the
// entry of key 0 is kept apart in zeroRow.
type memtable struct {
	keys  []uint64
	rows  []uint32
	shift uint // 64 minus log2 of the number of home slots
	count int
	limit int // number of entries at which the Set spills the table

	hasZero bool
	zeroRow uint32
}

func newMemtable(limit int) *memtable {
	t := &memtable{limit: limit}
	t.allocate(memtableMinSlots)
	return t
}

// homeSlots returns the number of home slots that keeps limit entries at a
// load factor of at most 5/8.
func homeSlots(limit int) int {
	slots := memtableMinSlots
	for slots*5/8 < limit {
		slots *= 2
	}
	return slots
}

func (t *memtable) allocate(slots int) {
	t.keys = make([]uint64, slots+memtableTail)
	t.rows = make([]uint32, slots+memtableTail)
	shift := uint(64)
	for s := slots; s > 1; s >>= 1 {
		shift--
	}
	t.shift = shift
}

// find returns the slot of m and whether m is stored there. When m is
// absent, the slot is the free one where m goes, or -1 when probing reached
// the end of the tail.
func (t *memtable) find(m uint64) (slot int, found bool) {
	for i := int(m >> t.shift); i < len(t.keys); i++ {
		switch t.keys[i] {
		case m:
			return i, true
		case 0:
			return i, false
		}
	}
	return -1, false
}

// lookup returns the row of the mixed key m, if the table has it.
func (t *memtable) lookup(m uint64) (row uint32, found bool) {
	if m == 0 {
		return t.zeroRow, t.hasZero
	}
	slot, found := t.find(m)
	if !found {
		return 0, false
	}
	return t.rows[slot], true
}

// insert stores the absent mixed key m with row. It returns false, storing
// nothing, when no free slot is left before the end of the tail.
func (t *memtable) insert(m uint64, row uint32) bool {
	if m == 0 {
		t.hasZero = true
		t.zeroRow = row
		t.count++
		return true
	}
	if slots := len(t.keys) - memtableTail; t.count+1 > slots*5/8 && slots < homeSlots(t.limit) {
		t.grow()
	}
	slot, _ := t.find(m)
	if slot < 0 {
		return false
	}
	t.keys[slot] = m
	t.rows[slot] = row
	t.count++
	return true
}

// grow doubles the number of home slots and inserts the entries again.
func (t *memtable) grow() {
	keys, rows := t.keys, t.rows
	t.allocate(2 * (len(keys) - memtableTail))
	for i, m := range keys {
		if m == 0 {
			continue
		}
		// The probe cannot run past the tail. The keys homed in the last
		// k new slots were homed in the last k/2 old ones and fitted in
		// k/2+memtableTail old slots, so they fit in k+memtableTail.
		slot, _ := t.find(m)
		t.keys[slot] = m
		t.rows[slot] = rows[i]
	}
}

// sorted moves the entries to the front of the table, in increasing order
// of mixed key, and returns them, except the entry of key 0. The table must
// be reset before it is used again.
//
// Slot order is home slot order, so the compacted entries are sorted except
// where linear probing pushed a key past keys with later home slots. Such a
// key moves back no further than the length of its cluster, so insertion
// sort takes expected linear time at a load factor of 5/8.
func (t *memtable) sorted() (keys []uint64, rows []uint32) {
	n := 0
	for i, m := range t.keys {
		t.keys[n] = m
		t.rows[n] = t.rows[i]
		if m != 0 {
			n++
		}
	}
	keys, rows = t.keys[:n], t.rows[:n]
	sortEntries(keys, rows)
	return keys, rows
}

func (t *memtable) reset() {
	clear(t.keys)
	clear(t.rows)
	t.count = 0
	t.hasZero = false
	t.zeroRow = 0
}

// sortEntries sorts keys in increasing order, and rows with them, by
// insertion sort.
func sortEntries(keys []uint64, rows []uint32) {
	for i := 1; i < len(keys); i++ {
		key, row := keys[i], rows[i]
		j := i
		for j > 0 && keys[j-1] > key {
			keys[j] = keys[j-1]
			rows[j] = rows[j-1]
			j--
		}
		keys[j] = key
		rows[j] = row
	}
}
