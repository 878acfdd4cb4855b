package site_test

import (
	"os"
	"testing"

	"qingdan/internal/gen"
	"qingdan/internal/site"
)

// BenchmarkRender renders the site of 20 generated notices, discarding
// the files.
func BenchmarkRender(b *testing.B) {
	cat, err := gen.Catalog("../..", 20, 1)
	if err != nil {
		b.Fatal(err)
	}
	opt := site.Options{Templates: os.DirFS("../../templates"), Emit: func(string, []byte) error { return nil }}
	for b.Loop() {
		if _, err := site.Render(cat, opt); err != nil {
			b.Fatal(err)
		}
	}
}
