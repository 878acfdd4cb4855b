package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"qingdan/internal/source"
)

// metaLabels are the fields of the 政府信息公开 metadata table, as the
// central portal and provincial portals name them.
var metaLabels = map[string]bool{
	"索引号": true, "主题分类": true, "发文机关": true, "成文日期": true, "标题": true,
	"发文字号": true, "发布日期": true, "主题词": true, "发布机构": true, "发文单位": true,
	"文号": true, "文件编号": true, "公开日期": true, "生成日期": true, "有效性": true,
	"体裁分类": true, "组配分类": true, "公开方式": true, "公开范围": true, "信息来源": true,
	"发布时间": true, "成文时间": true,
}

// metadata reads the label–value pairs of the page outside the article:
// a cell or element holding a label (索 引 号：) names the text that
// follows it, in the same element (索引号：000014349/2018-00228) or in
// the next (the next cell of a table row). The first of each name wins.
func metadata(root, article *xhtml.Node) []source.Field {
	var out []source.Field
	seen := map[string]bool{}
	walk(root, func(n *xhtml.Node) bool {
		if n == article || skipped(n) {
			return false
		}
		if n.Type != xhtml.ElementNode {
			return true
		}
		text := textOf(n)
		if utf8.RuneCountInString(text) > 200 {
			return true // a container of many fields: look inside
		}
		name, rest, ok := label(text, n.DataAtom == atom.Td || n.DataAtom == atom.Th)
		if !ok {
			return true
		}
		if labelInside(n) {
			return true // a row or list holding several labels
		}
		value := rest
		if value == "" {
			value = following(n)
		}
		if value != "" && !seen[name] {
			seen[name] = true
			out = append(out, source.Field{Name: name, Value: value})
		}
		return false
	})
	return out
}

// label splits "索 引 号：000014349" into the label without its spacing
// and the value. A label stands without a colon only alone in a cell.
func label(text string, cell bool) (name, rest string, ok bool) {
	i := strings.IndexAny(text, ":：")
	if i < 0 {
		if !cell {
			return "", "", false
		}
		i = len(text)
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text[:i])
	if !metaLabels[name] {
		return "", "", false
	}
	if i < len(text) {
		_, size := utf8.DecodeRuneInString(text[i:])
		rest = strings.TrimSpace(text[i+size:])
	}
	return name, rest, true
}

// labelInside reports a descendant element that holds a label of its
// own, so the label is read there, at its smallest.
func labelInside(n *xhtml.Node) bool {
	found := false
	for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
		walk(c, func(d *xhtml.Node) bool {
			if found || skipped(d) {
				return false
			}
			if d.Type == xhtml.ElementNode {
				if _, _, ok := label(textOf(d), d.DataAtom == atom.Td || d.DataAtom == atom.Th); ok {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// following is the text after a label element up to the next label: in
// its own parent, or, when the label ends its parent (a cell), in the
// parent's next siblings.
func following(n *xhtml.Node) string {
	for level := 0; level < 3 && n != nil; level++ {
		var parts []string
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if skipped(s) {
				continue
			}
			t := textOf(s)
			if _, _, ok := label(t, s.DataAtom == atom.Td || s.DataAtom == atom.Th); ok || (s.Type == xhtml.ElementNode && labelInside(s)) {
				break
			}
			if t != "" {
				parts = append(parts, t)
			}
			if s.Type == xhtml.ElementNode && (s.DataAtom == atom.Td || s.DataAtom == atom.Th) && t != "" {
				break // one cell is one value
			}
		}
		if v := strings.TrimSpace(strings.Join(parts, " ")); v != "" {
			return v
		}
		n = n.Parent
	}
	return ""
}

// textOf is the text of a node, its white space collapsed.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(c *xhtml.Node) bool {
		if skipped(c) {
			return false
		}
		if c.Type == xhtml.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return strings.Join(strings.FieldsFunc(b.String(), isCollapsible), " ")
}

// isCollapsible is the white space HTML collapses, and the no-break
// space that pages use for layout; the ideographic space is text.
func isCollapsible(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0':
		return true
	}
	return false
}
