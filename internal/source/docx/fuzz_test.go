package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"qingdan/internal/source/docx"
)

// FuzzRead feeds the reader damaged documents: it must return a document
// or an error, never panic, and every block and row must have a place.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(testdata + "docx/*.docx")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := docx.Read(data, "f.docx")
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Pos.Line <= 0 {
				t.Fatalf("block without a line: %+v", b.Pos)
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					if r.Pos.Table <= 0 || r.Pos.Row <= 0 || len(r.Cells) == 0 {
						t.Fatalf("row %+v", r.Pos)
					}
				}
			}
		}
	})
}

// FuzzParts fuzzes the XML inside a sound archive, where the reader's
// own parsing is: the document and its numbering.
func FuzzParts(f *testing.F) {
	files, _ := filepath.Glob(testdata + "docx/*.docx")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		parts := map[string][]byte{}
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			parts[zf.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		f.Add(parts["word/document.xml"], parts["word/numbering.xml"])
	}
	f.Add([]byte(`<w:document `+nsDecl+`><w:body>`+tbl(tr("", tc(`<w:vMerge/><w:gridSpan w:val="9999"/>`, np("1", "8", "甲")), tc(`<w:hMerge/>`, `<w:p/>`)), tr(`<w:gridBefore w:val="99999"/>`, tc(`<w:vMerge/>`, `<w:p/>`)))+`</w:body></w:document>`),
		[]byte(numberingXML))
	f.Fuzz(func(t *testing.T, document, numbering []byte) {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for name, data := range map[string][]byte{"word/document.xml": document, "word/numbering.xml": numbering} {
			fw, _ := w.Create(name)
			fw.Write(data)
		}
		w.Close()
		doc, err := docx.Read(b.Bytes(), "f.docx")
		if err != nil {
			return
		}
		for _, bl := range doc.Blocks {
			if bl.Pos.Line <= 0 {
				t.Fatalf("block without a line: %+v", bl.Pos)
			}
		}
	})
}
