//go:build !linux

package pipeline_test

import (
	"testing"
	"time"
)

func cpuTime() time.Duration { return 0 }

// reportCPU reports nothing where the CPU time is not read.
func reportCPU(*testing.B, time.Duration) {}
