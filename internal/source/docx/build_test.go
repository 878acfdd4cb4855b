package docx_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// Documents written by hand, for what the fixtures do not show: each
// builds a .docx from the inside of w:body and the other parts it needs.

const (
	nsDecl = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
		`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
		`xmlns:v="urn:schemas-microsoft-com:vml" ` +
		`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`
	relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

type part struct{ name, rel, content string }

// docxOf returns a .docx whose body is body, with the given parts
// (numbering, styles, footnotes …) related to the document.
func docxOf(t *testing.T, body string, parts ...part) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	add := func(name, content string) {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="`+relType+`officeDocument" Target="word/document.xml"/></Relationships>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+nsDecl+`><w:body>`+body+`</w:body></w:document>`)
	var rels strings.Builder
	rels.WriteString(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, p := range parts {
		add("word/"+p.name, `<?xml version="1.0" encoding="UTF-8"?>`+strings.ReplaceAll(p.content, "NS", nsDecl))
		rels.WriteString(`<Relationship Id="rId` + string(rune('a'+i)) + `" Type="` + relType + p.rel + `" Target="` + p.name + `"/>`)
	}
	rels.WriteString(`</Relationships>`)
	add("word/_rels/document.xml.rels", rels.String())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// p is a paragraph of runs of text.
func p(texts ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, t := range texts {
		b.WriteString("<w:r><w:t xml:space=\"preserve\">" + t + "</w:t></w:r>")
	}
	b.WriteString("</w:p>")
	return b.String()
}

// tc is a cell with properties and paragraphs.
func tc(props string, paras ...string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + strings.Join(paras, "") + "</w:tc>"
}

func tr(props string, cells ...string) string {
	return "<w:tr><w:trPr>" + props + "</w:trPr>" + strings.Join(cells, "") + "</w:tr>"
}

func tbl(rows ...string) string {
	return "<w:tbl><w:tblPr/><w:tblGrid/>" + strings.Join(rows, "") + "</w:tbl>"
}
