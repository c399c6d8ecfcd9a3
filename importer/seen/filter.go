package seen

// filterBlockWords is the number of 64-bit words in a filter block: 64
// contiguous bytes, usually one cache line.
const filterBlockWords = 8

// filter is a blocked Bloom filter over mixed keys. A key sets one bit in
// each of the 8 words of a single block, so a query reads one block. At 12
// bits per key its false positive rate is about 0.4 %, as measured by
// TestFilterFalsePositiveRate.
//
// The block of a key is chosen by the key's top 32 bits, so that keys added
// in increasing order fill the blocks in increasing order.
type filter struct {
	words  []uint64
	blocks uint64
	// mapped is set when words lie outside the Go heap and must be
	// released with release.
	mapped bool
}

// newFilter returns a filter sized for count keys at bitsPerKey bits each.
func newFilter(count, bitsPerKey int) filter {
	blocks := (count*bitsPerKey + 511) / 512
	if blocks < 1 {
		blocks = 1
	}
	words, mapped := allocWords(blocks * filterBlockWords)
	return filter{words: words, blocks: uint64(blocks), mapped: mapped}
}

// release frees the words of f. The filter must not be used afterwards.
func (f *filter) release() {
	if f.mapped {
		freeWords(f.words)
	}
	f.words, f.blocks, f.mapped = nil, 0, false
}

// block returns the words of the block of the mixed key m.
func (f filter) block(m uint64) []uint64 {
	index := ((m >> 32) * f.blocks) >> 32
	start := index * filterBlockWords
	return f.words[start : start+filterBlockWords : start+filterBlockWords]
}

// bitPattern returns the 8 bit positions of m in its block, 6 bits each,
// from bits that the block choice does not use.
func bitPattern(m uint64) uint64 {
	return (m * 0x9e3779b97f4a7c15) >> 16
}

func (f filter) add(m uint64) {
	block := f.block(m)
	pattern := bitPattern(m)
	for i := range block {
		block[i] |= 1 << (pattern & 63)
		pattern >>= 6
	}
}

// mayContain reports whether m may have been added. It returns false only
// for keys that were never added.
func (f filter) mayContain(m uint64) bool {
	block := f.block(m)
	pattern := bitPattern(m)
	var missing uint64
	for i := range block {
		missing |= ^block[i] & (1 << (pattern & 63))
		pattern >>= 6
	}
	return missing == 0
}
