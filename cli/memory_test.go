package cli

import (
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	limitBefore := debug.SetMemoryLimit(-1)
	percentBefore := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(limitBefore)
		debug.SetGCPercent(percentBefore)
	})

	tests := []struct {
		name        string
		gomemlimit  string
		gogc        string
		wantLimit   int64
		wantPercent int
	}{
		{"defaults", "", "", importMemoryLimit, importGCPercent},
		{"GOMEMLIMIT wins", "1GiB", "", 12345, importGCPercent},
		{"GOGC wins", "", "50", importMemoryLimit, 77},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(12345)
			debug.SetGCPercent(77)
			limitMemory(func(name string) string {
				switch name {
				case "GOMEMLIMIT":
					return tt.gomemlimit
				case "GOGC":
					return tt.gogc
				}
				return ""
			})
			if got := debug.SetMemoryLimit(-1); got != tt.wantLimit {
				t.Errorf("memory limit = %d, want %d", got, tt.wantLimit)
			}
			if got := debug.SetGCPercent(100); got != tt.wantPercent {
				t.Errorf("GC percent = %d, want %d", got, tt.wantPercent)
			}
		})
	}
}
