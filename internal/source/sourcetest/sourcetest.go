// Package sourcetest writes documents out for the tests of the readers:
// a document one block per line, as a text copy of it lays it out, so a
// reader's result can be compared with the text of the same notice.
package sourcetest

import (
	"fmt"
	"strings"

	"qingdan/internal/source"
)

// Layout writes a paragraph with its generated number, a table row with
// its cells joined by tabs. With marks, a declared header row starts with
// "h: ", a merged cell with ^, and a span follows its cell as [n].
func Layout(doc *source.Document, marks bool) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Table == nil {
			b.WriteString(bl.Number + bl.Text + "\n")
			continue
		}
		for _, r := range bl.Table.Rows {
			if marks && r.Header {
				b.WriteString("h: ")
			}
			for j, c := range r.Cells {
				if j > 0 {
					b.WriteByte('\t')
				}
				if marks && c.Merged {
					b.WriteByte('^')
				}
				b.WriteString(c.Text)
				if marks && c.Span > 1 {
					fmt.Fprintf(&b, "[%d]", c.Span)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Warnings writes a document's warnings one per line, each after its
// place.
func Warnings(doc *source.Document) string {
	var b strings.Builder
	for _, w := range doc.Warnings {
		if s := w.Pos.String(); s != "" {
			b.WriteString(s + ": ")
		}
		b.WriteString(w.Message + "\n")
	}
	return b.String()
}

// NonBlank is a text file's lines that hold something, trimmed: what a
// reader of the same notice in another format must give.
func NonBlank(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// FirstDiff names the first line where two layouts differ.
func FirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\n got %q\nwant %q", i+1, a, b)
		}
	}
	return ""
}
