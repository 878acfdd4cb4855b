package notice_test

import (
	"path/filepath"
	"testing"

	"qingdan/internal/gen"
	"qingdan/internal/notice"
)

// BenchmarkParse parses the shipped notice.
func BenchmarkParse(b *testing.B) {
	data := []byte(shippedB(b))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := notice.Parse(data, "seed.txt"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGenerated parses the 100 generated notices a whole-build
// benchmark starts from, the mix of templates the parser meets at scale.
func BenchmarkParseGenerated(b *testing.B) {
	templates, err := gen.Load(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	notices := gen.Notices(templates, 100, 1)
	var size int64
	for _, g := range notices {
		size += int64(len(g.Text))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, g := range notices {
			if _, err := notice.Parse([]byte(g.Text), g.Name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
