package html

import (
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Containers the publishing systems of government portals give the
// article, most specific first: gov.cn's UCAP-CONTENT and pages_content,
// the TRS editor's TRS_Editor, and the zoom area most provincial and city
// portals print from.
var articleMarks = []struct{ attr, value string }{
	{"id", "UCAP-CONTENT"},
	{"class", "pages_content"},
	{"class", "TRS_Editor"},
	{"class", "TRS_UEDITOR"},
	{"id", "zoom"},
	{"id", "Zoom"},
	{"class", "article-content"},
	{"class", "article_content"},
	{"id", "content"},
}

// minArticle is the least Chinese text a marked container must hold to
// be taken for the article; an empty zoom box is not one.
const minArticle = 50

// article finds the element holding the article: a container a portal
// marks as such, else the element whose paragraphs hold the most Chinese
// text outside links.
func article(root *xhtml.Node) *xhtml.Node {
	for _, m := range articleMarks {
		var found *xhtml.Node
		walk(root, func(n *xhtml.Node) bool {
			if found != nil || skipped(n) {
				return false
			}
			if n.Type == xhtml.ElementNode && hasMark(n, m.attr, m.value) && hanCount(n, false) >= minArticle {
				found = n
				return false
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	// Each paragraph gives its text to its parent, and half to the
	// grandparent, as reading tools do; the best parent is the article.
	score := map[*xhtml.Node]int{}
	var best *xhtml.Node
	walk(root, func(n *xhtml.Node) bool {
		if skipped(n) || chrome(n) {
			return false
		}
		if n.Type != xhtml.ElementNode || !paragraphLike(n) {
			return true
		}
		h := hanCount(n, true)
		if h == 0 || n.Parent == nil {
			return true
		}
		add := func(p *xhtml.Node, v int) {
			score[p] += v
			if best == nil || score[p] > score[best] {
				best = p
			}
		}
		add(n.Parent, h)
		if n.Parent.Parent != nil {
			add(n.Parent.Parent, h/2)
		}
		return false
	})
	if best == nil || score[best] < minArticle/2 {
		return nil
	}
	return best
}

func paragraphLike(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Blockquote, atom.Li, atom.Table:
		return true
	case atom.Div, atom.Td:
		// A div or cell written as a paragraph: text of its own, no
		// blocks inside.
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && isBlock(c) {
				return false
			}
		}
		return true
	}
	return false
}

// chrome reports an element a site marks as navigation or furniture by
// its name.
func chrome(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Header, atom.Footer, atom.Aside:
		return true
	}
	names := strings.ToLower(attrOr(n, "id") + " " + attrOr(n, "class"))
	for _, w := range []string{"nav", "menu", "footer", "header", "sidebar", "breadcrumb", "crumb", "share", "related", "xgwj", "copyright"} {
		if strings.Contains(names, w) {
			return true
		}
	}
	return false
}

// boxInside reports a box of the site that portals place inside the
// article area, by its name: share buttons, related files.
// The names a whole page uses for its header and footer are not among
// them, since an article may open with a header of its own.
func boxInside(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	names := strings.ToLower(attrOr(n, "id") + " " + attrOr(n, "class"))
	for _, w := range []string{"share", "related", "xgwj", "fenxiang", "qrcode", "breadcrumb", "crumb"} {
		if strings.Contains(names, w) {
			return true
		}
	}
	return false
}

func attrOr(n *xhtml.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

func hasMark(n *xhtml.Node, key, value string) bool {
	v, ok := attr(n, key)
	if !ok {
		return false
	}
	if key == "class" {
		for _, f := range strings.Fields(v) {
			if f == value {
				return true
			}
		}
		return false
	}
	return v == value
}

// walk visits n and its descendants in document order; f returns false
// to skip a node's children.
func walk(n *xhtml.Node, f func(*xhtml.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// hanCount counts the Chinese characters of an element's text, without
// the text of links when noLinks is set (a list of links is navigation).
func hanCount(n *xhtml.Node, noLinks bool) int {
	count := 0
	walk(n, func(c *xhtml.Node) bool {
		if skipped(c) || (noLinks && c.Type == xhtml.ElementNode && c.DataAtom == atom.A) {
			return false
		}
		if c.Type == xhtml.TextNode {
			for _, r := range c.Data {
				if unicode.Is(unicode.Han, r) {
					count++
				}
			}
		}
		return true
	})
	return count
}
