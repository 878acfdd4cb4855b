//go:build linux

package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/gen"
	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// BenchmarkBuildShipped builds the shipped notice from nothing, in memory.
func BenchmarkBuildShipped(b *testing.B) {
	t := &testing.T{}
	for b.Loop() {
		b.StopTimer()
		fsys, opt := site(t, map[string]string{seedAs: shipped})
		b.StartTimer()
		if _, err := pipeline.Run(fsys, opt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild20 builds 20 generated notices from nothing, in memory.
func BenchmarkBuild20(b *testing.B) {
	templates, err := gen.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	notices := gen.Notices(templates, 20, 1)
	t := &testing.T{}
	for b.Loop() {
		b.StopTimer()
		fsys, opt := site(t, nil)
		for _, n := range notices {
			put(t, fsys, "seeds/"+n.Name, n.Text)
		}
		b.StartTimer()
		if _, err := pipeline.Run(fsys, opt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildDisk100 builds 100 generated notices on disk from nothing.
func BenchmarkBuildDisk100(b *testing.B) {
	templates, err := gen.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	notices := gen.Notices(templates, 100, 1)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		os.MkdirAll(filepath.Join(dir, "seeds"), 0o755)
		for _, n := range notices {
			os.WriteFile(filepath.Join(dir, "seeds", n.Name), []byte(n.Text), 0o644)
		}
		b.StartTimer()
		if _, err := pipeline.Run(publish.NewOsFs(), options(dir), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOneChanged100 rebuilds 100 generated notices on disk
// after one of them was revised.
func BenchmarkRebuildOneChanged100(b *testing.B) {
	templates, err := gen.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	notices := gen.Notices(templates, 100, 1)
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "seeds"), 0o755)
	for _, n := range notices {
		os.WriteFile(filepath.Join(dir, "seeds", n.Name), []byte(n.Text), 0o644)
	}
	opt := options(dir)
	if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
		b.Fatal(err)
	}
	first := filepath.Join(dir, "seeds", notices[0].Name)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		os.WriteFile(first, []byte(strings.ReplaceAll(notices[0].Text, "加强", fmt.Sprintf("第%d次加强", i))), 0o644)
		b.StartTimer()
		if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNothingChanged100 rebuilds 100 generated notices on disk with
// nothing changed: the lock, the leftovers looked for, the inputs read
// and digested, the state of content/ and public/ taken. The CPU time
// per build is reported beside the wall time.
func BenchmarkNothingChanged100(b *testing.B) {
	templates, err := gen.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "seeds"), 0o755)
	for _, n := range gen.Notices(templates, 100, 1) {
		os.WriteFile(filepath.Join(dir, "seeds", n.Name), []byte(n.Text), 0o644)
	}
	opt := options(dir)
	for range 2 {
		if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime()
	for b.Loop() {
		r, err := pipeline.Run(publish.NewOsFs(), opt, nil)
		if err != nil || !r.Unchanged {
			b.Fatalf("%v, unchanged %v", err, r != nil && r.Unchanged)
		}
	}
	reportCPU(b, cpu)
}
