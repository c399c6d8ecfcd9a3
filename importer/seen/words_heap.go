//go:build !(linux || darwin)

package seen

// allocWords returns n zeroed words for a filter on the Go heap. Systems
// with anonymous memory maps keep large filters outside the heap (see
// words_mmap.go).
func allocWords(n int) (words []uint64, mapped bool) {
	return make([]uint64, n), false
}

// freeWords is never called here, since allocWords maps nothing.
func freeWords([]uint64) {}
