package views

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"qingdan/internal/pinyin"
)

// markdown renders the bodies of content files. Raw HTML in a body is
// not passed through (goldmark's default), so a hand edit cannot inject
// markup; line breaks between Chinese characters are dropped (CJK).
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown() *markdown {
	return &markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.CJK, extension.Table),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)}
}

// HTML renders a Markdown body. Heading ids are pinyin slugs with prefix,
// unique within the page the body lands in.
func (m *markdown) HTML(body, prefix string) (template.HTML, error) {
	if body == "" {
		return "", nil
	}
	var b bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{prefix: prefix, used: map[string]bool{}}))
	if err := m.md.Convert([]byte(body), &b, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // goldmark escapes text and drops raw HTML
}

// headingIDs gives headings ids from the pinyin of their text; goldmark's
// own ids drop every Chinese character, leaving heading, heading-1 ….
type headingIDs struct {
	prefix string
	used   map[string]bool
}

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := pinyin.Slug(string(value))
	if base == "" {
		base = "h"
	}
	base = h.prefix + base
	id := base
	for i := 2; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
