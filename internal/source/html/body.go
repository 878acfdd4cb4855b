package html

import (
	"regexp"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"qingdan/internal/source"
)

// walker turns the article into blocks: each block element ends a
// paragraph, inline elements run on, <br> breaks a line.
type walker struct {
	doc               *source.Document
	cur               textBuf
	line, para, table int
	// stopped is set at a heading such as 相关文件 inside the article:
	// what follows is the site's, not the notice's.
	stopped bool
}

func (w *walker) container(n *xhtml.Node) {
	for c := n.FirstChild; c != nil && !w.stopped; c = c.NextSibling {
		w.node(c)
	}
}

func (w *walker) node(n *xhtml.Node) {
	if skipped(n) {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		w.cur.text(n.Data)
		return
	case xhtml.ElementNode:
	default:
		w.container(n)
		return
	}
	switch {
	case boxInside(n):
		// A share or related-files box the site put inside the article.
	case n.DataAtom == atom.Br:
		w.cur.br()
	case n.DataAtom == atom.Table:
		w.flush()
		w.tableNode(n)
	case isBlock(n):
		w.flush()
		w.container(n)
		w.flush()
	default:
		w.container(n)
	}
}

// flush ends the paragraph being read.
func (w *walker) flush() {
	text := w.cur.String()
	w.cur = textBuf{}
	if text == "" || w.stopped {
		return
	}
	switch furniture(text) {
	case furnitureLine:
		return
	case furnitureEnd:
		w.stopped = true
		return
	}
	w.line++
	w.para++
	w.doc.Blocks = append(w.doc.Blocks, source.Block{Pos: source.Pos{Line: w.line, Para: w.para}, Text: text})
}

const (
	notFurniture = iota
	furnitureLine
	furnitureEnd
)

var (
	// endHeadings open the site's boxes that portals place inside the
	// article area, after the notice.
	endHeadings = map[string]bool{
		"相关文件": true, "相关链接": true, "相关阅读": true, "相关新闻": true, "相关稿件": true,
		"延伸阅读": true, "相关政策": true, "相关解读": true, "政策解读": true, "相关附件": true,
	}
	furnitureRe = regexp.MustCompile(`^分享到[:：]|^(?:(?:【|\[)?(?:打印本页|打印|关闭窗口|关闭|收藏|我要纠错|返回顶部|分享到?)(?:】|\])?[|｜]?)+$|^扫一扫在手机打开当前页$|^字体[:：]?[【\[]?大[】\]]?[【\[]?中[】\]]?[【\[]?小[】\]]?$|^(?:责任编辑|编辑|来源)[:：]`)
)

// furniture tells a line of the site (print and close links, share
// buttons, 责任编辑) from the notice's text. Only short lines qualify.
func furniture(text string) int {
	if len([]rune(text)) > 40 {
		return notFurniture
	}
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
	if endHeadings[strings.TrimRight(compact, ":：")] {
		return furnitureEnd
	}
	if furnitureRe.MatchString(compact) {
		return furnitureLine
	}
	return notFurniture
}

// isBlock reports an element that starts a line of its own.
func isBlock(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Dd, atom.Details,
		atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
		atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Ul, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot:
		return true
	}
	return false
}

// textBuf collects the text of a paragraph with HTML's white space
// rules: runs collapse to one space, none at the ends of a line, and a
// line break of the source between two Chinese characters is dropped, as
// it is only where the page's author wrapped the line.
type textBuf struct {
	b              strings.Builder
	last           rune
	space, newline bool
}

func (t *textBuf) text(s string) {
	for _, r := range s {
		if isCollapsible(r) {
			t.space = true
			if r == '\n' || r == '\r' {
				t.newline = true
			}
			continue
		}
		if t.space && t.b.Len() > 0 && t.last != '\n' && !(t.newline && wide(t.last) && wide(r)) {
			t.b.WriteByte(' ')
		}
		t.space, t.newline = false, false
		t.b.WriteRune(r)
		t.last = r
	}
}

func (t *textBuf) br() {
	t.b.WriteByte('\n')
	t.last = '\n'
	t.space, t.newline = false, false
}

// String is the text, each line trimmed, blank lines dropped.
func (t *textBuf) String() string {
	lines := strings.Split(t.b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// wide reports a character of the East Asian scripts or their
// punctuation, between which a source line break means nothing.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
