package html

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"qingdan/internal/source"
)

// maxColspan bounds a cell's colspan (browsers allow 1000): no notice's
// table is that wide, and a hostile page would have every row fill a
// thousand columns. A rowspan ends with its row group, as in browsers.
const maxColspan = 64

type htmlRow struct {
	tr     *xhtml.Node
	header bool
	// group numbers the row group (thead, tbody, tfoot) the row is in;
	// a rowspan never reaches past its group.
	group int
	cells []*xhtml.Node
}

// rows lists a table's rows in order, not those of tables inside it.
func rows(table *xhtml.Node) []htmlRow {
	var out []htmlRow
	group := 0
	add := func(tr *xhtml.Node, head bool, g int) {
		r := htmlRow{tr: tr, header: head, group: g}
		allTh := true
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				r.cells = append(r.cells, c)
				allTh = allTh && c.DataAtom == atom.Th
			}
		}
		r.header = r.header || (allTh && len(r.cells) > 0)
		out = append(out, r)
	}
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			add(c, false, group)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			group++
			for tr := c.FirstChild; tr != nil; tr = tr.NextSibling {
				if tr.Type == xhtml.ElementNode && tr.DataAtom == atom.Tr {
					add(tr, c.DataAtom == atom.Thead, group)
				}
			}
			group++
		}
	}
	return out
}

func span(n *xhtml.Node, key string, fallback, max int) int {
	v, ok := attr(n, key)
	if !ok {
		return fallback
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || i < 0 {
		return fallback
	}
	return min(i, max)
}

// tableNode reads a table. A table of one column is layout (a frame, or
// the page's grid): its cells are read as the article's own blocks.
func (w *walker) tableNode(n *xhtml.Node) {
	rs := rows(n)
	layout := true
	for _, r := range rs {
		if len(r.cells) > 1 {
			layout = false
			break
		}
	}
	if layout {
		for _, r := range rs {
			for _, c := range r.cells {
				w.flush()
				w.container(c)
				w.flush()
			}
		}
		return
	}
	tableNo := w.table + 1
	out := &source.Table{}
	// pending holds, by grid column, a cell of a row above that spans
	// down into the rows below, and how many rows it still covers.
	type cover struct {
		cell source.Cell
		left int
	}
	pending := map[int]*cover{}
	group := -1
	for i, r := range rs {
		if r.group != group {
			pending = map[int]*cover{}
			group = r.group
		}
		pos := source.Pos{Line: w.line + 1, Table: tableNo, Row: i + 1}
		row := source.Row{Pos: pos, Header: r.header}
		col := 0
		take := func() bool {
			c := pending[col]
			if c == nil || c.left == 0 {
				return false
			}
			cell := c.cell
			cell.Merged = true
			row.Cells = append(row.Cells, cell)
			c.left--
			col += cell.Span
			return true
		}
		for _, td := range r.cells {
			for take() {
			}
			text, nested := cellText(td)
			if nested > 0 {
				w.doc.Warnings = append(w.doc.Warnings, source.Warning{Pos: pos,
					Message: fmt.Sprintf("单元格中的表格作为该格的%d行文字读入", nested)})
			}
			c := source.Cell{Text: text, Span: max(1, span(td, "colspan", 1, maxColspan))}
			down := span(td, "rowspan", 1, len(rs))
			if down == 0 {
				down = len(rs) // to the end of its group
			}
			if down > 1 {
				pending[col] = &cover{cell: c, left: down - 1}
			}
			row.Cells = append(row.Cells, c)
			col += c.Span
		}
		// Cells spanning down past the row's own last cell.
		var rest []int
		for k, c := range pending {
			if k >= col && c.left > 0 {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range rest {
			if k > col {
				row.Cells = append(row.Cells, source.Cell{Span: k - col})
				col = k
			}
			take()
		}
		if row.Empty() {
			continue
		}
		w.line++
		out.Rows = append(out.Rows, row)
	}
	if len(out.Rows) == 0 {
		return
	}
	w.table++
	w.doc.Blocks = append(w.doc.Blocks, source.Block{Pos: source.Pos{Line: out.Rows[0].Pos.Line, Table: tableNo}, Table: out})
}

// cellText is a cell's text: its paragraphs one per line; a table inside
// it one row per line, cells separated by a space. nested counts the
// lines so read.
func cellText(td *xhtml.Node) (string, int) {
	var lines []string
	var buf textBuf
	nested := 0
	flush := func() {
		if s := buf.String(); s != "" {
			lines = append(lines, s)
		}
		buf = textBuf{}
	}
	var visit func(n *xhtml.Node)
	visit = func(n *xhtml.Node) {
		if skipped(n) {
			return
		}
		switch {
		case n.Type == xhtml.TextNode:
			buf.text(n.Data)
			return
		case n.Type != xhtml.ElementNode:
		case n.DataAtom == atom.Br:
			buf.br()
			return
		case n.DataAtom == atom.Table:
			flush()
			for _, r := range rows(n) {
				var cells []string
				for _, c := range r.cells {
					if t, _ := cellText(c); t != "" {
						cells = append(cells, strings.ReplaceAll(t, "\n", " "))
					}
				}
				if len(cells) > 0 {
					lines = append(lines, strings.Join(cells, " "))
					nested++
				}
			}
			return
		case isBlock(n):
			flush()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
			flush()
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	for c := td.FirstChild; c != nil; c = c.NextSibling {
		visit(c)
	}
	flush()
	return strings.Join(lines, "\n"), nested
}
