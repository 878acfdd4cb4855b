// Package docx reads a Word document (.docx, as Word, WPS or LibreOffice
// save it) into a source.Document: paragraphs with the numbers Word
// generates for them, tables with their merged cells and header rows.
//
// It keeps what the page shows: tracked insertions are read and
// deletions left out (the document as if every change were accepted),
// hidden text is left out. Text boxes, footnotes, endnotes, comments,
// embedded objects and page headers and footers are not part of the
// notice's flow; each is left out with a warning that quotes it.
//
// The archive is checked before anything is inflated (entries, sizes,
// ratio) so a hostile file is refused at once; see MaxEntries, MaxPart
// and MaxTotal.
package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"qingdan/internal/source"
)

// The namespaces of WordprocessingML: transitional (what Word writes by
// default) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMath    = "http://schemas.openxmlformats.org/officeDocument/2006/math"
)

// maxDepth bounds the nesting of elements, so a hostile file cannot run
// the reader's recursion out of stack.
const maxDepth = 256

// Read reads a .docx file. name is for the Document only; errors name
// the part of the archive and leave the file name to the caller.
func Read(data []byte, name string) (*source.Document, error) {
	a, err := openArchive(data)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	main := a.mainPart()
	if !a.has(main) {
		return nil, fmt.Errorf("docx: 压缩包中没有%s：这是Word文档吗？", main)
	}
	rels, err := a.relationships(main)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	first := func(kind, fallback string) string {
		if p := rels[kind]; len(p) > 0 {
			return p[0]
		}
		if a.has(fallback) {
			return fallback
		}
		return ""
	}
	st, err := decodeStyles(a, first("styles", "word/styles.xml"))
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	num, err := decodeNumbering(a, first("numbering", "word/numbering.xml"), st)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	r := &reader{
		part: main,
		num:  num,
		st:   st,
		doc:  &source.Document{Name: name, Format: source.Docx, Encoding: "UTF-8"},
	}
	r.notes = map[string]map[string]string{}
	for _, kind := range []string{"footnotes", "endnotes", "comments"} {
		if p := rels[kind]; len(p) > 0 && a.has(p[0]) {
			texts, err := noteTexts(a, p[0])
			if err != nil {
				return nil, fmt.Errorf("docx: %w", err)
			}
			r.notes[kind] = texts
		}
	}
	rc, err := a.open(main)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	r.dec = xml.NewDecoder(rc)
	if err := r.document(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	if err := r.pageFurniture(a, rels); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return r.doc, nil
}

type reader struct {
	dec   *xml.Decoder
	part  string
	num   *numbering
	st    *styles
	doc   *source.Document
	depth int
	// notes are the texts of footnotes, endnotes and comments by id, to
	// quote what was left out.
	notes map[string]map[string]string

	line, para, table int
}

// item is one piece of block content: a paragraph or a table.
type item struct {
	p *para
	t *rawTable
}

// para is a paragraph as read.
type para struct {
	b      strings.Builder
	number string
	// left are the things left out of the paragraph, for warnings.
	left []string
	// joined marks a paragraph whose mark was deleted in a tracked
	// change: accepted, it runs on into the next paragraph.
	joined bool

	numID, style string
	ilvl         int
	hasNumPr     bool
}

func (p *para) text() string { return strings.TrimSpace(p.b.String()) }

func (r *reader) xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Msg == "unexpected EOF" {
		return fmt.Errorf("%s提前结束：文件是否完整？", r.part)
	}
	if errors.As(err, &se) {
		// The editor needs where and that the file is damaged; the decoder's
		// English detail is kept, in brackets, for whoever repairs it.
		return fmt.Errorf("%s第%d行：XML已损坏（%s）", r.part, se.Line, se.Msg)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s提前结束：文件是否完整？", r.part)
	}
	return fmt.Errorf("%s: %w", r.part, err)
}

// children calls f for each child element of the element whose start
// was just read; f must consume the child. It returns at the element's
// end. Text between elements is layout and is dropped.
func (r *reader) children(f func(xml.StartElement) error) error {
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return r.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			r.depth++
			if r.depth > maxDepth {
				return fmt.Errorf("%s：元素嵌套超过%d层，文件已损坏或是故意构造的", r.part, maxDepth)
			}
			if err := f(t); err != nil {
				return err
			}
			r.depth--
		case xml.EndElement:
			return nil
		}
	}
}

// skip consumes the element whose start was just read.
func (r *reader) skip() error {
	if err := r.dec.Skip(); err != nil {
		return r.xmlError(err)
	}
	return nil
}

// chars returns the text of the element whose start was just read.
func (r *reader) chars() (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return "", r.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

// allText returns every w:t of the element whose start was just read,
// to quote something that is left out.
func (r *reader) allText() (string, error) {
	var b strings.Builder
	depth, inText := 0, 0
	for {
		tok, err := r.dec.Token()
		if errors.Is(err, io.EOF) && depth == 0 {
			// Called on a whole part rather than an element.
			return strings.TrimSpace(b.String()), nil
		}
		if err != nil {
			return "", r.xmlError(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if inText > 0 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
			if isW(t.Name, "t") {
				inText++
			} else if isW(t.Name, "p") && b.Len() > 0 {
				b.WriteByte(' ')
			}
		case xml.EndElement:
			if depth == 0 {
				return strings.TrimSpace(b.String()), nil
			}
			depth--
			if isW(t.Name, "t") {
				inText--
			}
		}
	}
}

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func atoi(s string, fallback int) int {
	n := 0
	if s == "" || len(s) > 9 {
		return fallback
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return fallback
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// document reads the main part down to w:body and the blocks in it.
func (r *reader) document() error {
	for {
		tok, err := r.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("%s中没有正文（w:body）", r.part)
			}
			return r.xmlError(err)
		}
		if se, ok := tok.(xml.StartElement); ok && isW(se.Name, "body") {
			items, err := r.content()
			if err != nil {
				return err
			}
			r.emit(items)
			return nil
		}
	}
}

// content reads the block content of the element just opened (the body,
// a cell, a content control): paragraphs and tables in order.
func (r *reader) content() ([]item, error) {
	var items []item
	var f func(se xml.StartElement) error
	f = func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "p"):
			p, err := r.paragraph()
			if err != nil {
				return err
			}
			items = append(items, item{p: p})
			return nil
		case isW(se.Name, "tbl"):
			t, err := r.tbl()
			if err != nil {
				return err
			}
			items = append(items, item{t: t})
			return nil
		case isW(se.Name, "sdt"), isW(se.Name, "sdtContent"), isW(se.Name, "customXml"),
			isW(se.Name, "ins"), isW(se.Name, "moveTo"):
			return r.children(f)
		case se.Name.Local == "AlternateContent":
			return r.alternate(f)
		}
		return r.skip()
	}
	err := r.children(f)
	return items, err
}

// alternate reads the first choice of mc:AlternateContent and skips the
// fallback, which repeats it for older readers.
func (r *reader) alternate(f func(xml.StartElement) error) error {
	chosen := false
	return r.children(func(se xml.StartElement) error {
		if se.Name.Local == "Choice" && !chosen {
			chosen = true
			return r.children(f)
		}
		if se.Name.Local == "Fallback" && !chosen {
			chosen = true
			return r.children(f)
		}
		return r.skip()
	})
}

// paragraph reads a w:p: its numbering, then its runs.
func (r *reader) paragraph() (*para, error) {
	p := &para{ilvl: -1}
	var inline func(se xml.StartElement) error
	inline = func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "pPr"):
			return r.paragraphProps(p)
		case isW(se.Name, "r"):
			return r.run(p)
		case isW(se.Name, "del"), isW(se.Name, "moveFrom"),
			isW(se.Name, "sdtPr"), isW(se.Name, "sdtEndPr"), isW(se.Name, "rPr"),
			isW(se.Name, "rt"):
			return r.skip()
		case isW(se.Name, "commentRangeStart"):
			return r.skip()
		case se.Name.Local == "t" && se.Name.Space == nsMath:
			s, err := r.chars()
			p.b.WriteString(s)
			return err
		case se.Name.Local == "AlternateContent":
			return r.alternate(inline)
		}
		// hyperlink, ins, moveTo, smartTag, sdt, fldSimple, customXml,
		// math, ruby: their runs are the text.
		return r.children(inline)
	}
	if err := r.children(inline); err != nil {
		return nil, err
	}
	numID, ilvl := p.numID, p.ilvl
	if numID == "" && p.style != "" {
		if id, lvl, ok := r.st.numPr(p.style); ok {
			numID = id
			if ilvl < 0 {
				ilvl = lvl
			}
			if ilvl < 0 {
				ilvl, _ = r.num.styleLevel(id, p.style)
			}
		}
	}
	if ilvl < 0 {
		ilvl = 0
	}
	if numID != "" && numID != "0" {
		p.number = r.num.next(numID, ilvl)
	}
	return p, nil
}

func (r *reader) paragraphProps(p *para) error {
	return r.children(func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "pStyle"):
			p.style, _ = attr(se, "val")
		case isW(se.Name, "numPr"):
			p.hasNumPr = true
			return r.children(func(se xml.StartElement) error {
				switch {
				case isW(se.Name, "numId"):
					p.numID, _ = attr(se, "val")
				case isW(se.Name, "ilvl"):
					v, _ := attr(se, "val")
					p.ilvl = atoi(v, 0)
				}
				return r.skip()
			})
		case isW(se.Name, "rPr"):
			// The paragraph mark's own properties: a deleted mark joins
			// this paragraph to the next.
			return r.children(func(se xml.StartElement) error {
				if isW(se.Name, "del") || isW(se.Name, "moveFrom") {
					p.joined = true
				}
				return r.skip()
			})
		}
		return r.skip()
	})
}

// run reads a w:r: its text, unless hidden, and what it holds that is
// left out.
func (r *reader) run(p *para) error {
	hidden := false
	var f func(se xml.StartElement) error
	f = func(se xml.StartElement) error {
		if se.Name.Space != nsW && se.Name.Space != nsWStrict {
			if se.Name.Local == "AlternateContent" {
				return r.alternate(f)
			}
			return r.skip()
		}
		write := func(s string) {
			if !hidden {
				p.b.WriteString(s)
			}
		}
		switch se.Name.Local {
		case "rPr":
			return r.children(func(se xml.StartElement) error {
				if isW(se.Name, "vanish") || isW(se.Name, "specVanish") {
					v, _ := attr(se, "val")
					hidden = on(v)
				}
				return r.skip()
			})
		case "t":
			s, err := r.chars()
			write(s)
			return err
		case "tab", "ptab":
			// A tab is layout inside a paragraph, not a cell boundary.
			write(" ")
		case "br", "cr":
			write("\n")
		case "noBreakHyphen":
			write("-")
		case "drawing", "pict":
			return r.graphic(p)
		case "object":
			p.left = append(p.left, "略去了一个嵌入对象（文档中嵌入的表格或图形）；请把其内容作为表格粘贴进来")
		case "footnoteReference":
			r.leftNote(p, se, "footnotes", "脚注")
		case "endnoteReference":
			r.leftNote(p, se, "endnotes", "尾注")
		case "commentReference":
			r.leftNote(p, se, "comments", "批注")
		case "ruby":
			return r.children(func(se xml.StartElement) error {
				if isW(se.Name, "rubyBase") {
					return r.children(func(se xml.StartElement) error {
						if isW(se.Name, "r") {
							return r.run(p)
						}
						return r.skip()
					})
				}
				return r.skip()
			})
		}
		return r.skip()
	}
	return r.children(f)
}

func (r *reader) leftNote(p *para, se xml.StartElement, kind, what string) {
	id, _ := attr(se, "id")
	text := r.notes[kind][id]
	if text == "" {
		p.left = append(p.left, "略去了一处"+what)
		return
	}
	p.left = append(p.left, fmt.Sprintf("略去了一处%s：%s", what, quote(text)))
}

// graphic reads a drawing or VML picture: a picture is silently layout,
// a text box with text is left out with a warning.
func (r *reader) graphic(p *para) error {
	var f func(se xml.StartElement) error
	f = func(se xml.StartElement) error {
		if isW(se.Name, "txbxContent") {
			text, err := r.allText()
			if err == nil && text != "" {
				p.left = append(p.left, "略去了一个文本框："+quote(text))
			}
			return err
		}
		if se.Name.Local == "AlternateContent" {
			return r.alternate(f)
		}
		return r.children(f)
	}
	return r.children(f)
}

// quote shortens text that was left out, for a warning.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return "“" + s + "”"
}

// noteTexts reads footnotes.xml, endnotes.xml or comments.xml: the text
// of each note by its id.
func noteTexts(a *archive, part string) (map[string]string, error) {
	rc, err := a.open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := &reader{part: part, dec: xml.NewDecoder(rc)}
	out := map[string]string{}
	for {
		tok, err := r.dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, r.xmlError(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !(isW(se.Name, "footnote") || isW(se.Name, "endnote") || isW(se.Name, "comment")) {
			continue
		}
		id, _ := attr(se, "id")
		text, err := r.allText()
		if err != nil {
			return nil, err
		}
		out[id] = text
	}
}

// pageFurniture warns of page headers and footers that hold words: a
// page number is layout, a 密级 mark or a title in the header is text
// the notice does not show in its flow.
func (r *reader) pageFurniture(a *archive, rels map[string][]string) error {
	seen := map[string]bool{}
	for _, kind := range []string{"header", "footer"} {
		for _, part := range rels[kind] {
			if !a.has(part) {
				continue
			}
			rc, err := a.open(part)
			if err != nil {
				return err
			}
			pr := &reader{part: part, dec: xml.NewDecoder(rc)}
			text, err := pr.allText()
			rc.Close()
			if err != nil {
				return err
			}
			if !hasHan(text) || seen[kind+text] {
				continue
			}
			seen[kind+text] = true
			what := "页眉"
			if kind == "footer" {
				what = "页脚"
			}
			r.doc.Warnings = append(r.doc.Warnings, source.Warning{Message: fmt.Sprintf("略去了%s：%s", what, quote(text))})
		}
	}
	return nil
}

func hasHan(s string) bool {
	for _, c := range s {
		if unicode.Is(unicode.Han, c) {
			return true
		}
	}
	return false
}

func partError(part string, err error) error {
	r := &reader{part: part}
	return r.xmlError(err)
}
