package cli

import "runtime/debug"

// importMemoryLimit is the heap size above which check and send collect
// garbage more often. The import keeps a bounded number of rows in memory,
// so its live heap stays well under this, but with the Go default (a heap
// twice the live data between collections) the fixed buffers of the errors
// workbook made peak RSS vary with the file; this limit keeps it flat.
const importMemoryLimit = 64 << 20

// limitMemory sets importMemoryLimit as the runtime's soft memory limit,
// unless GOMEMLIMIT chooses another one.
func limitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(importMemoryLimit)
}
