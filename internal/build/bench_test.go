package build_test

import (
	"testing"

	"qingdan/internal/build"
)

// BenchmarkBuildShipped builds the shipped notice from nothing, in memory.
func BenchmarkBuildShipped(b *testing.B) {
	t := &testing.T{}
	for b.Loop() {
		b.StopTimer()
		fsys, opt := site(t, map[string]string{seedAs: shipped})
		b.StartTimer()
		if _, err := build.Run(fsys, opt, nil); err != nil {
			b.Fatal(err)
		}
	}
}
