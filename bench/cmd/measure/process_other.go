//go:build !unix

package main

import "os/exec"

// setProcessGroup does nothing where process groups do not exist; the
// benchmarks need GNU time and therefore a Unix system anyway.
func setProcessGroup(*exec.Cmd) {}
