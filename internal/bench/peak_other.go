//go:build !unix

package main

import "os"

// peakKB is 0 where the system does not report a process's peak memory
// through os.ProcessState.
func peakKB(*os.ProcessState) int64 { return 0 }
