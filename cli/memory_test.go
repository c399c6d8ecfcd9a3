package cli

import (
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	tests := []struct {
		name       string
		gomemlimit string
		want       int64
	}{
		{"default limit", "", importMemoryLimit},
		{"GOMEMLIMIT wins", "1GiB", 12345},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(12345)
			limitMemory(func(name string) string {
				if name == "GOMEMLIMIT" {
					return tt.gomemlimit
				}
				return ""
			})
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("memory limit = %d, want %d", got, tt.want)
			}
		})
	}
}
