// Command mksrc writes the sources LibreOffice turns into the .docx
// fixtures (see ../make.sh): the article of each saved portal page, and
// the shipped notice laid out as its office lays it out — once with its
// numbering typed and its table's merged cells as rowspan, once with
// Word's automatic numbering and header rows. Run from the repository
// root.
//
// "mksrc encrypt in.docx out.docx password" protects a .docx with a
// password the way Word does (ECMA-376 agile encryption, written by
// excelize), LibreOffice having no way to do it from the command line.
package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
	xhtml "golang.org/x/net/html"
)

const out = "testdata/docx/src"

func main() {
	if len(os.Args) == 5 && os.Args[1] == "encrypt" {
		if err := encrypt(os.Args[2], os.Args[3], os.Args[4]); err != nil {
			fmt.Fprintln(os.Stderr, "mksrc:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "mksrc:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	pages, err := filepath.Glob("testdata/html/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		if err := articlePage(p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	data, err := os.ReadFile("testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		return err
	}
	n := split(string(data))
	if err := os.WriteFile(filepath.Join(out, "00_xinzhou-2024-anquan-shengchan-tongzhi.html"), typedHTML(n), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "00_xinzhou-2024-anquan-shengchan-tongzhi-autonumber.fodt"), autoFODT(n), 0o644); err != nil {
		return err
	}
	// The revision of the notice, as the office sends it the next time.
	data, err = os.ReadFile("testdata/revision/00-revised.txt")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "00-revised.html"), typedHTML(split(string(data))), 0o644)
}

func encrypt(in, out, password string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	enc, err := excelize.Encrypt(data, &excelize.Options{Password: password})
	if err != nil {
		return err
	}
	return os.WriteFile(out, enc, 0o644)
}

// articlePage keeps what an office copies into Word from a portal page:
// the article (gov.cn's UCAP-CONTENT), without the portal around it.
func articlePage(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	root, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		return err
	}
	var content *xhtml.Node
	var find func(n *xhtml.Node)
	find = func(n *xhtml.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == "UCAP-CONTENT" {
				content = n
			}
		}
		for c := n.FirstChild; c != nil && content == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if content == nil {
		return fmt.Errorf("no UCAP-CONTENT")
	}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title></title></head><body>\n")
	for c := content.FirstChild; c != nil; c = c.NextSibling {
		if err := xhtml.Render(&b, c); err != nil {
			return err
		}
	}
	b.WriteString("\n</body></html>\n")
	return os.WriteFile(filepath.Join(out, filepath.Base(path)), b.Bytes(), 0o644)
}

// notice is the shipped notice cut into its parts.
type notice struct {
	head, body []string // paragraphs
	caption    string
	rows       [][]string // table rows as cells, the header first
	foot       []string
}

func split(text string) notice {
	var n notice
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	part := 0 // head, body, table, foot
	var row []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case part == 0 && sectionRe.MatchString(t):
			part = 1
		case part == 1 && t == "重点任务分工":
			n.caption = t
			part = 2
			continue
		case part == 2 && t != "" && !strings.HasPrefix(l, "\t"):
			part = 3
		}
		switch part {
		case 2:
			if strings.HasPrefix(l, "\t") {
				row = append(row, strings.TrimSpace(l))
			} else if len(row) > 0 {
				n.rows = append(n.rows, row)
				row = nil
			}
			continue
		case 3:
			if len(row) > 0 {
				n.rows = append(n.rows, row)
				row = nil
			}
		}
		if t == "" {
			continue
		}
		switch part {
		case 0:
			n.head = append(n.head, t)
		case 1:
			n.body = append(n.body, t)
		case 3:
			// The copy broke 抄送 over a page and repeated its label; the
			// office's file has one paragraph.
			if k := len(n.foot) - 1; k >= 0 && strings.HasPrefix(t, "抄送：") && strings.HasPrefix(n.foot[k], "抄送：") {
				n.foot[k] += strings.TrimPrefix(t, "抄送：")
				continue
			}
			n.foot = append(n.foot, t)
		}
	}
	return n
}

var (
	sectionRe = regexp.MustCompile(`^([一二三四五六七八九十]+)、`)
	itemRe    = regexp.MustCompile(`^（([一二三四五六七八九十]+)）`)
	subRe     = regexp.MustCompile(`^(\d+)\.`)
)

// The table's grid: 主要内容, 具体事项, a sub-item heading where a row
// gives one (2.落实部门监管责任), 工作任务, 责任单位. A row of four cells
// lets its task span the sub-item column.
const gridCols = 5

type gridCell struct {
	text    string
	colspan int
	rowspan int
	covered bool // continues the cell above
}

// grid lays the rows out on the five columns and merges each empty
// cell, and each section or item cell the copy repeated at a page break,
// into the cell above, as the office's table has them.
func grid(rows [][]string) [][]*gridCell {
	var g [][]*gridCell
	for _, r := range rows {
		line := make([]*gridCell, gridCols)
		if len(r) == gridCols {
			for j, t := range r {
				line[j] = &gridCell{text: t, colspan: 1, rowspan: 1}
			}
		} else {
			line[0] = &gridCell{text: r[0], colspan: 1, rowspan: 1}
			line[1] = &gridCell{text: r[1], colspan: 1, rowspan: 1}
			line[2] = &gridCell{text: r[2], colspan: 2, rowspan: 1}
			line[4] = &gridCell{text: r[3], colspan: 1, rowspan: 1}
		}
		g = append(g, line)
	}
	owner := func(i, j int) *gridCell {
		for k := i; k >= 0; k-- {
			if c := g[k][j]; c != nil && !c.covered {
				return c
			}
		}
		return nil
	}
	for i := 2; i < len(g); i++ { // row 0 is the header
		for j := 0; j < gridCols; j++ {
			c, up := g[i][j], g[i-1][j]
			if c == nil || up == nil || c.colspan != up.colspan || j == 3 {
				continue
			}
			if j == 1 && !g[i][0].covered {
				continue // an item never spans two sections
			}
			o := owner(i-1, j)
			if o == nil || j == 2 && c.colspan == 2 {
				continue
			}
			if c.text == "" || (j <= 1 && c.text == o.text) {
				c.covered = true
				o.rowspan++
			}
		}
	}
	return g
}

func typedHTML(n notice) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title></title></head><body>\n")
	for _, p := range n.head {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	for _, p := range n.body {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	fmt.Fprintf(&b, "<p>%s</p>\n<table border=\"1\" cellspacing=\"0\">\n", html.EscapeString(n.caption))
	for i, line := range grid(n.rows) {
		if i == 0 {
			b.WriteString("<thead>\n")
		}
		b.WriteString("<tr>")
		for _, c := range line {
			if c == nil || c.covered {
				continue
			}
			tag := "td"
			if i == 0 {
				tag = "th"
			}
			fmt.Fprintf(&b, "<%s", tag)
			if c.colspan > 1 {
				fmt.Fprintf(&b, " colspan=\"%d\"", c.colspan)
			}
			if c.rowspan > 1 {
				fmt.Fprintf(&b, " rowspan=\"%d\"", c.rowspan)
			}
			fmt.Fprintf(&b, ">%s</%s>", html.EscapeString(c.text), tag)
		}
		b.WriteString("</tr>\n")
		if i == 0 {
			b.WriteString("</thead>\n<tbody>\n")
		}
	}
	b.WriteString("</tbody>\n</table>\n")
	for _, p := range n.foot {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<text:list-style style:name="Sections">
<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>
</text:list-style>
<text:list-style style:name="Items">
<text:list-level-style-number text:level="1" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>
<text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/>
</text:list-style>
</office:automatic-styles>
<office:body><office:text>
`

// autoFODT writes the notice with its sections, items and sub-items as
// lists: one list of sections, one of items (numbered across sections,
// the list continued after each section heading) with sub-items as its
// second level. The table has a header row.
func autoFODT(n notice) []byte {
	var b bytes.Buffer
	esc := html.EscapeString
	b.WriteString(fodtHead)
	for _, p := range n.head {
		fmt.Fprintf(&b, "<text:p>%s</text:p>\n", esc(p))
	}
	sections, items := 0, 0
	inItem, inSub := false, false
	closeItems := func() {
		if inSub {
			b.WriteString("</text:list>")
			inSub = false
		}
		if inItem {
			b.WriteString("</text:list-item></text:list>\n")
			inItem = false
		}
	}
	for _, p := range n.body {
		switch {
		case sectionRe.MatchString(p):
			closeItems()
			cont := ` xml:id="sections"`
			if sections > 0 {
				cont = ` text:continue-list="sections"`
			}
			sections++
			fmt.Fprintf(&b, "<text:list%s text:style-name=\"Sections\"><text:list-item><text:p>%s</text:p></text:list-item></text:list>\n", cont, esc(sectionRe.ReplaceAllString(p, "")))
		case itemRe.MatchString(p):
			if inItem {
				if inSub {
					b.WriteString("</text:list>")
					inSub = false
				}
				b.WriteString("</text:list-item>\n<text:list-item>")
			} else {
				cont := ` xml:id="items"`
				if items > 0 {
					cont = ` text:continue-list="items"`
				}
				fmt.Fprintf(&b, "<text:list%s text:style-name=\"Items\"><text:list-item>", cont)
				inItem = true
			}
			items++
			fmt.Fprintf(&b, "<text:p>%s</text:p>", esc(itemRe.ReplaceAllString(p, "")))
		case subRe.MatchString(p) && inItem:
			if !inSub {
				b.WriteString("<text:list>")
				inSub = true
			}
			fmt.Fprintf(&b, "<text:list-item><text:p>%s</text:p></text:list-item>", esc(subRe.ReplaceAllString(p, "")))
		default:
			closeItems()
			fmt.Fprintf(&b, "<text:p>%s</text:p>\n", esc(p))
		}
	}
	closeItems()
	fmt.Fprintf(&b, "<text:p>%s</text:p>\n", esc(n.caption))
	fmt.Fprintf(&b, "<table:table table:name=\"分工\"><table:table-column table:number-columns-repeated=\"%d\"/>\n", gridCols)
	for i, line := range grid(n.rows) {
		if i == 0 {
			b.WriteString("<table:table-header-rows>")
		}
		b.WriteString("<table:table-row>")
		for j := 0; j < gridCols; j++ {
			c := line[j]
			switch {
			case c == nil:
				continue // under the span of the cell before
			case c.covered:
				b.WriteString("<table:covered-table-cell/>")
				continue
			}
			b.WriteString("<table:table-cell")
			if c.colspan > 1 {
				fmt.Fprintf(&b, ` table:number-columns-spanned="%d"`, c.colspan)
			}
			if c.rowspan > 1 {
				fmt.Fprintf(&b, ` table:number-rows-spanned="%d"`, c.rowspan)
			}
			fmt.Fprintf(&b, "><text:p>%s</text:p></table:table-cell>", esc(c.text))
			for k := 1; k < c.colspan; k++ {
				b.WriteString("<table:covered-table-cell/>")
			}
		}
		b.WriteString("</table:table-row>\n")
		if i == 0 {
			b.WriteString("</table:table-header-rows>\n")
		}
	}
	b.WriteString("</table:table>\n")
	for _, p := range n.foot {
		fmt.Fprintf(&b, "<text:p>%s</text:p>\n", esc(p))
	}
	b.WriteString("</office:text></office:body>\n</office:document>\n")
	return b.Bytes()
}
