//go:build linux || darwin

package seen

import (
	"syscall"
	"unsafe"
)

// minMappedBytes is the smallest filter kept outside the Go heap. Smaller
// ones are not worth a system call and a page of their own.
const minMappedBytes = 64 << 10

// allocWords returns n zeroed words for a filter, and whether they were
// mapped outside the Go heap, in which case freeWords must release them.
//
// Filters are the only part of a Set that grows with its keys. Kept on the
// Go heap, they would also raise the garbage collector's target, which lets
// the heap reach about twice its live data, so a filter would cost the
// process about twice its size.
func allocWords(n int) (words []uint64, mapped bool) {
	size := n * 8
	if size < minMappedBytes {
		return make([]uint64, n), false
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint64, n), false
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(mem))), n), true
}

// freeWords releases words that allocWords mapped.
func freeWords(words []uint64) {
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)
	// Munmap fails only for memory that is not a mapping of its own, which
	// allocWords rules out. On such an error the memory stays mapped.
	_ = syscall.Munmap(mem)
}
