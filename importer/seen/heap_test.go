package seen

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// mappedFilterBytes returns the size of the filters of s that lie outside
// the Go heap.
func mappedFilterBytes(s *Set) uint64 {
	var total uint64
	for _, r := range s.runs {
		if r.filter.mapped {
			total += uint64(len(r.filter.words)) * 8
		}
	}
	return total
}

// heapInuse returns HeapInuse after a garbage collection.
func heapInuse() uint64 {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return stats.HeapInuse
}

func TestHeapPerKey(t *testing.T) {
	if testing.Short() {
		t.Skip("adds 2,000,000 keys")
	}
	const (
		half = 1_000_000
		// maxTotal bounds the whole Set, fixed memory included.
		maxTotal = 4.0
		// maxMarginal bounds the growth from half to all keys, in the
		// heap and in the filters kept outside it. The filters and the
		// sparse index need about 1.5 bytes per key, and keeping each
		// row in memory would add 4 more.
		maxMarginal = 2.0
	)
	random := rand.New(rand.NewPCG(8, 8))
	before := heapInuse()
	s := New(t.TempDir())
	defer closeSet(t, s)

	add := func(count int) {
		for i := range count {
			if _, _, err := s.FirstOrAdd(random.Uint64(), uint32(i)); err != nil {
				t.Fatalf("FirstOrAdd: %v", err)
			}
		}
	}
	add(half)
	atHalf := heapInuse() + mappedFilterBytes(s)
	add(half)
	atEnd := heapInuse() + mappedFilterBytes(s)
	runtime.KeepAlive(s)

	total := float64(int64(atEnd)-int64(before)) / (2 * half)
	marginal := float64(int64(atEnd)-int64(atHalf)) / half
	t.Logf("heap: %.2f bytes per key in all, %.2f per key from %d to %d keys", total, marginal, half, 2*half)
	if total > maxTotal {
		t.Errorf("heap = %.2f bytes per key at %d keys, want at most %.1f", total, 2*half, maxTotal)
	}
	if marginal > maxMarginal {
		t.Errorf("heap growth = %.2f bytes per key from %d to %d keys, want at most %.1f", marginal, half, 2*half, maxMarginal)
	}
}
