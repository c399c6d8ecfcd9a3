//go:build !unix

package soak

import "os"

// maxRSS returns 0: this system does not report the peak memory of a
// child process through os.ProcessState.
func maxRSS(*os.ProcessState) int64 {
	return 0
}
