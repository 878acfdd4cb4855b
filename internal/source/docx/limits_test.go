package docx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"qingdan/internal/source/docx"
)

// rawZip writes entries whose directory declares the given sizes, the
// way a zip bomb is built: the reader must refuse it from the directory.
func rawZip(t *testing.T, entries map[string]uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, size := range entries {
		f, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: 0, CompressedSize64: 2, UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte{0x03, 0x00}) // an empty deflate stream
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipOf writes entries deflated, as an archive tool does.
func zipOf(t *testing.T, entries map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range entries {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHostile(t *testing.T) {
	many := map[string][]byte{"word/document.xml": []byte("<w:document/>")}
	for i := 0; i < docx.MaxEntries; i++ {
		many[fmt.Sprintf("word/media/image%d.png", i)] = nil
	}
	manyParts := map[string]uint64{}
	for i := 0; i < 5; i++ {
		manyParts[fmt.Sprintf("word/media/image%d.png", i)] = docx.MaxPart
	}
	manyParts["word/document.xml"] = 100
	// A body of empty paragraphs inflates a thousand times.
	bomb := []byte(`<w:document ` + nsDecl + `><w:body>` + strings.Repeat("<w:p/>", 250_000) + `</w:body></w:document>`)
	deep := `<w:document ` + nsDecl + `><w:body>` + strings.Repeat("<w:sdt><w:sdtContent>", 300) + strings.Repeat("</w:sdtContent></w:sdt>", 300) + `</w:body></w:document>`
	good := docxOf(t, p("正文"))
	cases := []struct {
		name string
		data []byte
		want string
		bomb bool
	}{
		{"a part declared larger than a document can be", rawZip(t, map[string]uint64{"word/document.xml": 1 << 34}),
			"word/document.xml解压后有16384 MB，超过64 MB", true},
		{"parts together too large", rawZip(t, manyParts), "压缩包解压后超过256 MB", true},
		{"too many entries", zipOf(t, many), fmt.Sprintf("压缩包中有%d个条目", docx.MaxEntries+1), true},
		{"a part that inflates far more than XML does", zipOf(t, map[string][]byte{"word/document.xml": bomb}),
			"word/document.xml解压后超过原大小的100倍", true},
		{"elements nested past reason", zipOf(t, map[string][]byte{"word/document.xml": []byte(deep)}),
			"元素嵌套超过256层", false},
		{"a document cut short", zipOf(t, map[string][]byte{"word/document.xml": []byte(`<w:document ` + nsDecl + `><w:body><w:p><w:r><w:t>正`)}),
			"word/document.xml提前结束：文件是否完整？", false},
		{"XML that is not", zipOf(t, map[string][]byte{"word/document.xml": []byte("<w:document " + nsDecl + ">\n<w:body><w:p></w:body>")}),
			"word/document.xml第2行：XML已损坏（element <p> closed by </body>）", false},
		{"no document part", zipOf(t, map[string][]byte{"[Content_Types].xml": nil}), "压缩包中没有word/document.xml", false},
		{"not a zip", []byte("PK\x03\x04 not really"), "不是可以读取的.docx（zip）", false},
		{"half a file", good[:len(good)/2], "不是可以读取的.docx（zip）", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := docx.Read(c.data, "x.docx")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "docx: ") {
				t.Fatalf("error %v, want one with %q", err, c.want)
			}
			if errors.Is(err, docx.ErrTooLarge) != c.bomb {
				t.Errorf("errors.Is(err, ErrTooLarge) = %v, want %v", !c.bomb, c.bomb)
			}
		})
	}
}

// BenchmarkRefuseBomb is the time to refuse a zip bomb whose directory
// declares what it inflates to (as every archive tool writes it), and
// one whose part stays under MaxPart but inflates a thousand times its
// size: both are refused before much is read (see docs/formats.md).
func BenchmarkRefuseBomb(b *testing.B) {
	t := &testing.T{}
	declared := rawZip(t, map[string]uint64{"word/document.xml": 1 << 34})
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create("word/document.xml")
	f.Write([]byte(`<w:document ` + nsDecl + `><w:body>`))
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<16)
	for i := 0; i < 150; i++ { // 59 MB
		f.Write(chunk)
	}
	w.Close()
	inflating := buf.Bytes()
	b.Run("declared", func(b *testing.B) {
		for range b.N {
			if _, err := docx.Read(declared, "x.docx"); !errors.Is(err, docx.ErrTooLarge) {
				b.Fatal(err)
			}
		}
	})
	b.Run("inflating", func(b *testing.B) {
		for range b.N {
			if _, err := docx.Read(inflating, "x.docx"); !errors.Is(err, docx.ErrTooLarge) {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRead reads the shipped notice as its office lays it out.
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile(testdata + "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx")
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		if _, err := docx.Read(data, "x.docx"); err != nil {
			b.Fatal(err)
		}
	}
}
