package read_test

import (
	"errors"
	"os"
	"testing"

	"qingdan/internal/source"
	"qingdan/internal/source/read"
)

// The content decides the reader, whatever the file is called.
func TestDocument(t *testing.T) {
	file := func(p string) []byte {
		data, err := os.ReadFile("../../../testdata/" + p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cases := []struct {
		name   string
		data   []byte
		format string
		err    error
	}{
		{"notice.docx", file("docx/22_guofa-2018-39-cujin-jiuye-yijian.docx"), source.Docx, nil},
		{"notice.txt", file("docx/22_guofa-2018-39-cujin-jiuye-yijian.docx"), source.Docx, nil},
		{"notice.doc", file("html/22_guofa-2018-39-cujin-jiuye-yijian.html"), source.HTML, nil},
		{"notice.html", file("html/22_guofa-2018-39-cujin-jiuye-yijian.txt"), source.Text, nil},
		{"notice.docx", file("docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi.doc"), "", source.ErrOldWord},
	}
	for _, c := range cases {
		doc, err := read.Document(c.data, c.name)
		if !errors.Is(err, c.err) || (err == nil && (doc.Format != c.format || doc.Name != c.name || len(doc.Blocks) == 0)) {
			t.Errorf("%s holding %s: %+v, %v", c.name, c.format, doc, err)
		}
	}
}
