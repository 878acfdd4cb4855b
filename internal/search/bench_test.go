package search_test

import (
	"testing"

	"qingdan/internal/gen"
	"qingdan/internal/search"
)

// BenchmarkIndex indexes 20 generated notices and encodes the index
// files, discarding them.
func BenchmarkIndex(b *testing.B) {
	cat, err := gen.Catalog("../..", 20, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := search.Build(cat).Write(func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexOne indexes one generated notice, as a site of the
// shipped notice does.
func BenchmarkIndexOne(b *testing.B) {
	cat, err := gen.Catalog("../..", 1, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := search.Build(cat).Write(func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
