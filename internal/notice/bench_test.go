package notice_test

import (
	"testing"

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
