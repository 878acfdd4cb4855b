//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakKB is the peak memory of a finished process in KB.
func peakKB(ps *os.ProcessState) int64 {
	u, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(u.Maxrss) >> 10 // reported in bytes there, in KB elsewhere
	}
	return int64(u.Maxrss)
}
