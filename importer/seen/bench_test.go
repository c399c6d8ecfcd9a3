package seen

import (
	"math/rand/v2"
	"testing"
)

// streamKeys is the number of keys a Set receives before the benchmarks
// start a new one.
const streamKeys = 1_000_000

// keyStream returns streamKeys keys, of which repeatPercent percent repeat
// an earlier key picked uniformly.
func keyStream(repeatPercent int) []uint64 {
	random := rand.New(rand.NewPCG(9, uint64(repeatPercent)))
	keys := make([]uint64, streamKeys)
	for i := range keys {
		if i > 0 && random.IntN(100) < repeatPercent {
			keys[i] = keys[random.IntN(i)]
		} else {
			keys[i] = random.Uint64()
		}
	}
	return keys
}

// BenchmarkFirstOrAdd measures one FirstOrAdd, averaged over the life of
// Sets of 1,000,000 keys each. blockreads/op is the share of calls that
// read a block of the spill file.
func BenchmarkFirstOrAdd(b *testing.B) {
	for _, bench := range []struct {
		name          string
		repeatPercent int
	}{
		{"fresh", 0},
		{"5pct-repeats", 5},
	} {
		b.Run(bench.name, func(b *testing.B) {
			keys := keyStream(bench.repeatPercent)
			dir := b.TempDir()
			s := New(dir)
			reads := 0
			b.ReportAllocs()
			b.ResetTimer()

			for i := range b.N {
				at := i % streamKeys
				if at == 0 && i > 0 {
					b.StopTimer()
					reads += s.blockReads
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
					s = New(dir)
					b.StartTimer()
				}
				if _, _, err := s.FirstOrAdd(keys[at], uint32(at)); err != nil {
					b.Fatal(err)
				}
			}

			b.StopTimer()
			reads += s.blockReads
			b.ReportMetric(float64(reads)/float64(b.N), "blockreads/op")
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// BenchmarkMapFirstOrAdd is the baseline that a Set replaces: a Go map from
// key to first row, on the same streams as BenchmarkFirstOrAdd.
func BenchmarkMapFirstOrAdd(b *testing.B) {
	for _, bench := range []struct {
		name          string
		repeatPercent int
	}{
		{"fresh", 0},
		{"5pct-repeats", 5},
	} {
		b.Run(bench.name, func(b *testing.B) {
			keys := keyStream(bench.repeatPercent)
			rows := map[uint64]uint32{}
			repeats := 0
			b.ReportAllocs()
			b.ResetTimer()

			for i := range b.N {
				at := i % streamKeys
				if at == 0 && i > 0 {
					rows = map[uint64]uint32{}
				}
				if _, seen := rows[keys[at]]; seen {
					repeats++
				} else {
					rows[keys[at]] = uint32(at)
				}
			}

			b.StopTimer()
			b.ReportMetric(float64(repeats)/float64(b.N), "repeats/op")
		})
	}
}

// BenchmarkSpillFileWrite compares writing 12 MiB to a new file with
// writing over the same bytes of a file that was written before.
func BenchmarkSpillFileWrite(b *testing.B) {
	const (
		writeSize = 64 << 10
		writes    = 192
	)
	buf := make([]byte, writeSize)
	for _, bench := range []struct {
		name  string
		reuse bool
	}{
		{"new-file", false},
		{"overwrite", true},
	} {
		b.Run(bench.name, func(b *testing.B) {
			dir := b.TempDir()
			spill, err := createSpillFile(dir, writeSize, true)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(writeSize * writes)
			b.ResetTimer()

			for range b.N {
				if !bench.reuse {
					b.StopTimer()
					if err := spill.close(); err != nil {
						b.Fatal(err)
					}
					if spill, err = createSpillFile(dir, writeSize, true); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				for i := range writes {
					if _, err := spill.file.WriteAt(buf, int64(i)*writeSize); err != nil {
						b.Fatal(err)
					}
				}
			}

			b.StopTimer()
			if err := spill.close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
