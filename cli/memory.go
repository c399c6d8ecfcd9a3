package cli

import "runtime/debug"

// importMemoryLimit is the heap size above which check and send collect
// garbage more often. With the Go default, the heap may grow to twice the
// live data between collections. The errors workbook's buffers then doubled
// the peak RSS of a 1M-row XLSX check, and this limit caps that growth.
const importMemoryLimit = 64 << 20

// limitMemory sets importMemoryLimit as the runtime's soft memory limit,
// unless GOMEMLIMIT chooses another one.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(importMemoryLimit)
}
