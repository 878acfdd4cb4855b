package notice

import (
	"fmt"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// fromCarrier takes what a document's carrier gives beside its text: the
// reader's warnings (a text box left out), and the fields of a portal
// page's metadata table. 索引号 and 主题分类 are kept; the table's 文号,
// issuer, title and date fill what the text leaves out, and a 文号 that
// disagrees with the text's is pointed out.
func (p *parser) fromCarrier(doc *source.Document) {
	n := p.n
	for _, w := range doc.Warnings {
		n.Warnings = append(n.Warnings, Warning{Line: w.Pos.Line, Place: w.Pos.String(), Message: w.Message})
	}
	for _, f := range doc.Meta {
		v := strings.TrimSpace(f.Value)
		if v == "" {
			continue
		}
		switch f.Name {
		case "索引号":
			n.IndexNumber = v
		case "主题分类":
			n.Category = v
		case "发文字号", "文号", "文件编号":
			switch {
			case n.DocNumber == "":
				n.DocNumber = v
			case compact(n.DocNumber) != compact(v):
				p.warn(0, fmt.Sprintf("the page's metadata gives the document number %s, the text %s; the text's was kept", v, n.DocNumber))
			}
		case "发文机关", "发文单位", "发布机构":
			if n.Issuer == "" {
				n.Issuer = v
			}
		case "标题":
			if n.Title == "" {
				n.Title = v
			}
		case "成文日期":
			if d, _ := findDate(textnorm.String(v)); d != "" && n.Date == "" {
				n.Date = d
			}
		}
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
