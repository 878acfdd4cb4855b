package content_test

import (
	"testing"

	"qingdan/internal/content"
	"qingdan/internal/gen"
)

// BenchmarkFiles makes the content files of 20 generated notices.
func BenchmarkFiles(b *testing.B) {
	cat, err := gen.Catalog("../..", 20, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := content.Files(cat); err != nil {
			b.Fatal(err)
		}
	}
}
