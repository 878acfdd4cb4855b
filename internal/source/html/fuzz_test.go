package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"qingdan/internal/source/html"
)

// FuzzRead feeds the reader damaged pages: it must return a document or
// an error, never panic, and every block must have a place.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(testdata + "html/*.html")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<div id="zoom"><table><tr><td rowspan="0" colspan="1000">甲</td><td>乙</td></tr><tr><td>丙</td></tr></table><p>正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文</p></div>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := html.Read(data, "f.html")
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Pos.Line <= 0 {
				t.Fatalf("block without a line: %+v", b.Pos)
			}
		}
	})
}
