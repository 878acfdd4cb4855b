package notice

import (
	"fmt"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// fromCarrier takes what a document's carrier gives beside its text: the
// reader's warnings (a text box left out), and a 文号 in the page's
// metadata that disagrees with the one the text gives, which is pointed
// out (the text's is kept; see applyMeta for the fields that fill the
// header).
func (p *parser) fromCarrier(doc *source.Document) {
	n := p.n
	for _, w := range doc.Warnings {
		n.Warnings = append(n.Warnings, Warning{Line: w.Pos.Line, Place: w.Pos.String(), Message: w.Message})
	}
	if n.DocNumber != "" && p.meta.docNumber != "" && compact(n.DocNumber) != compact(p.meta.docNumber) {
		p.warn(0, fmt.Sprintf("网页上的发文字号为%s，正文为%s；采用正文的文号", p.meta.docNumber, n.DocNumber))
	}
}

func compact(s string) string {
	return strings.Join(strings.Fields(textnorm.String(s)), "")
}

// placeWarnings names the place of each warning of a document without
// lines (a .docx, a web page) as its reader gave it: the grammar counts
// a line per block and table row, which a person cannot find in Word.
func placeWarnings(n *Notice, doc *source.Document) {
	if doc.Format == source.Text || doc.Format == "" {
		return
	}
	places := map[int]source.Pos{}
	for _, b := range doc.Blocks {
		places[b.Pos.Line] = b.Pos
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				places[r.Pos.Line] = r.Pos
			}
		}
	}
	for i, w := range n.Warnings {
		if w.Line > 0 && w.Place == "" {
			n.Warnings[i].Place = places[w.Line].String()
		}
	}
}
