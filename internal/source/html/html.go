// Package html reads a notice page saved from a government portal
// (政府信息公开) into a source.Document: the page's metadata table
// (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) into Meta,
// and the article's paragraphs and tables into Blocks, without the site
// around it (navigation, 相关文件, share and print links, footers).
//
// The page may be in any encoding it declares, GBK included; a page that
// declares none is read as UTF-8 when it is valid UTF-8, else as GB18030.
// Tables keep their merges: a cell covered by a rowspan becomes a Merged
// cell carrying the text of the cell above.
package html

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"qingdan/internal/source"
)

// Read reads a saved web page. name is for the Document only.
func Read(data []byte, name string) (*source.Document, error) {
	text, enc, warning, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	root, err := xhtml.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	doc := &source.Document{Name: name, Format: source.HTML, Encoding: enc}
	if warning != "" {
		doc.Warnings = append(doc.Warnings, source.Warning{Message: warning})
	}
	body := article(root)
	if body == nil {
		return nil, fmt.Errorf("html: 网页中没有正文（找不到中文段落）")
	}
	doc.Meta = metadata(root, body)
	w := &walker{doc: doc}
	w.container(body)
	w.flush()
	if len(doc.Blocks) == 0 {
		return nil, fmt.Errorf("html: 网页的正文是空的")
	}
	return doc, nil
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)`)

// decode turns the page into UTF-8 by its byte-order mark, else the
// charset its <meta> declares, else by content. A page that declares
// UTF-8 but is not (a GBK page re-saved by an editor) is read as GB18030
// with a warning, as a browser would show it garbled.
func decode(data []byte) (text, name, warning string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", "", fmt.Errorf("网页以UTF-8字节顺序标记开头，但内容不是有效的UTF-8")
		}
		return string(data), "UTF-8", "", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s, err := convert(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
		return s, "UTF-16LE", "", err
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, err := convert(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
		return s, "UTF-16BE", "", err
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	declared := ""
	if m := metaCharset.FindSubmatch(head); m != nil {
		declared = strings.ToLower(string(m[1]))
	}
	enc, _ := htmlindex.Get(declared)
	canonical, _ := htmlindex.Name(enc)
	switch {
	case canonical == "gbk" || canonical == "gb18030":
		// GB18030 reads every GBK and GB2312 page, and the characters
		// offices type that GBK lacks.
		s, err := convert(simplifiedchinese.GB18030, data)
		return s, strings.ToUpper(canonical), "", err
	case enc != nil && canonical != "utf-8" && canonical != "windows-1252":
		s, err := convert(enc, data)
		return s, strings.ToUpper(canonical), "", err
	case utf8.Valid(data):
		return string(data), "UTF-8", "", nil
	}
	s, err := convert(simplifiedchinese.GB18030, data)
	if err != nil {
		return "", "", "", err
	}
	if canonical == "utf-8" {
		warning = "网页声明为UTF-8编码，实际不是，已按GB18030读入"
	}
	return s, "GB18030", warning, nil
}

func convert(e encoding.Encoding, data []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("网页无法解码：%v", err)
	}
	return string(out), nil
}

// skipped are elements whose content is never text of the article.
func skipped(n *xhtml.Node) bool {
	if n.Type == xhtml.CommentNode {
		return true
	}
	if n.Type != xhtml.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object,
		atom.Embed, atom.Form, atom.Button, atom.Input, atom.Select, atom.Textarea,
		atom.Nav, atom.Svg, atom.Canvas, atom.Head, atom.Title, atom.Audio, atom.Video, atom.Map:
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if style, ok := attr(n, "style"); ok {
		s := strings.ReplaceAll(strings.ToLower(style), " ", "")
		if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
			return true
		}
	}
	return false
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
