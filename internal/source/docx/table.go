package docx

import (
	"encoding/xml"
	"fmt"
	"strings"

	"qingdan/internal/source"
)

// rawTable is a w:tbl as read, before merges are resolved.
type rawTable struct {
	rows []rawRow
}

type rawRow struct {
	header, deleted bool
	// before is the grid columns left empty at the row's start.
	before int
	cells  []rawCell
}

type rawCell struct {
	span int
	// vmerge is "restart", "continue" or "" (no vertical merge); hmerge
	// the same for the legacy horizontal merge.
	vmerge, hmerge string
	deleted        bool
	items          []item
}

func (r *reader) tbl() (*rawTable, error) {
	t := &rawTable{}
	var rows func(se xml.StartElement) error
	rows = func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "tr"):
			row, err := r.row()
			if err != nil {
				return err
			}
			t.rows = append(t.rows, row)
			return nil
		case isW(se.Name, "sdt"), isW(se.Name, "sdtContent"), isW(se.Name, "customXml"):
			return r.children(rows)
		}
		return r.skip()
	}
	err := r.children(rows)
	return t, err
}

func (r *reader) row() (rawRow, error) {
	var row rawRow
	var cells func(se xml.StartElement) error
	cells = func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "trPr"):
			return r.children(func(se xml.StartElement) error {
				switch {
				case isW(se.Name, "tblHeader"):
					v, _ := attr(se, "val")
					row.header = on(v)
				case isW(se.Name, "gridBefore"):
					v, _ := attr(se, "val")
					row.before = min(atoi(v, 0), 64)
				case isW(se.Name, "del"):
					row.deleted = true
				}
				return r.skip()
			})
		case isW(se.Name, "tc"):
			c, err := r.cell()
			if err != nil {
				return err
			}
			row.cells = append(row.cells, c)
			return nil
		case isW(se.Name, "sdt"), isW(se.Name, "sdtContent"), isW(se.Name, "customXml"):
			return r.children(cells)
		}
		return r.skip()
	}
	err := r.children(cells)
	return row, err
}

func (r *reader) cell() (rawCell, error) {
	c := rawCell{span: 1}
	var items []item
	var f func(se xml.StartElement) error
	f = func(se xml.StartElement) error {
		switch {
		case isW(se.Name, "tcPr"):
			return r.children(func(se xml.StartElement) error {
				v, _ := attr(se, "val")
				switch {
				case isW(se.Name, "gridSpan"):
					c.span = max(1, min(atoi(v, 1), 64))
				case isW(se.Name, "vMerge"):
					c.vmerge = "continue" // an absent value continues
					if v == "restart" {
						c.vmerge = "restart"
					}
				case isW(se.Name, "hMerge"):
					c.hmerge = "continue"
					if v == "restart" {
						c.hmerge = "restart"
					}
				case isW(se.Name, "cellDel"):
					c.deleted = true
				}
				return r.skip()
			})
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
	c.items = items
	return c, err
}

// emit adds block content to the document in order. A table of one cell
// is a frame drawn around text, not a table: its content is read as
// body content.
func (r *reader) emit(items []item) {
	var carry string
	for _, it := range items {
		if it.t != nil {
			if inner, ok := frame(it.t); ok {
				r.emit(inner)
				continue
			}
			r.emitTable(it.t)
			continue
		}
		p := it.p
		text := p.text()
		if carry != "" {
			text = carry + text
			carry = ""
		}
		if p.joined {
			carry = text
			continue
		}
		pos := source.Pos{Line: r.line + 1, Para: r.para + 1}
		for _, msg := range p.left {
			r.doc.Warnings = append(r.doc.Warnings, source.Warning{Pos: pos, Message: msg})
		}
		if text == "" && p.number == "" {
			continue
		}
		r.line++
		r.para++
		r.doc.Blocks = append(r.doc.Blocks, source.Block{Pos: pos, Text: text, Number: p.number})
	}
	if carry != "" {
		r.line++
		r.para++
		r.doc.Blocks = append(r.doc.Blocks, source.Block{Pos: source.Pos{Line: r.line, Para: r.para}, Text: carry})
	}
}

func frame(t *rawTable) ([]item, bool) {
	var live []rawRow
	for _, row := range t.rows {
		if !row.deleted {
			live = append(live, row)
		}
	}
	if len(live) != 1 || len(live[0].cells) != 1 {
		return nil, false
	}
	return live[0].cells[0].items, true
}

// emitTable resolves the merges of a table and adds it. A cell that
// continues a vertical merge carries the text of the cell it continues.
func (r *reader) emitTable(t *rawTable) {
	tableNo := r.table + 1
	out := &source.Table{}
	// above holds, by grid column, the last cell that started there.
	above := map[int]source.Cell{}
	rowNo := 0
	for _, raw := range t.rows {
		if raw.deleted {
			continue // a deleted row, the change accepted
		}
		rowNo++
		pos := source.Pos{Line: r.line + 1, Table: tableNo, Row: rowNo}
		row := source.Row{Pos: pos, Header: raw.header}
		col := 0
		if raw.before > 0 {
			// Columns the row leaves out at its start keep the others in
			// their grid columns.
			row.Cells = append(row.Cells, source.Cell{Span: raw.before})
			col = raw.before
		}
		for _, rc := range raw.cells {
			if rc.deleted {
				continue
			}
			if rc.hmerge == "continue" && len(row.Cells) > 0 {
				row.Cells[len(row.Cells)-1].Span += rc.span
				col += rc.span
				continue
			}
			text, left := r.cellText(rc.items)
			for _, msg := range left {
				r.doc.Warnings = append(r.doc.Warnings, source.Warning{Pos: pos, Message: msg})
			}
			c := source.Cell{Text: text, Span: rc.span}
			if rc.vmerge == "continue" {
				if up, ok := above[col]; ok {
					c.Text, c.Merged = up.Text, true
				} else {
					r.doc.Warnings = append(r.doc.Warnings, source.Warning{Pos: pos,
						Message: fmt.Sprintf("第%d格延续合并单元格，但上方没有可延续的格，按空白读入", len(row.Cells)+1)})
				}
			}
			above[col] = c
			row.Cells = append(row.Cells, c)
			col += rc.span
		}
		if row.Empty() {
			continue
		}
		r.line++
		out.Rows = append(out.Rows, row)
	}
	if len(out.Rows) == 0 {
		return
	}
	r.table++
	r.doc.Blocks = append(r.doc.Blocks, source.Block{Pos: source.Pos{Line: out.Rows[0].Pos.Line, Table: tableNo}, Table: out})
}

// cellText is the text of a cell: its paragraphs one per line, each with
// its generated number; a table inside the cell one row per line, cells
// separated by a space. It returns what was left out, for warnings.
func (r *reader) cellText(items []item) (string, []string) {
	var lines, left []string
	var carry string
	for _, it := range items {
		if it.t != nil {
			nested := 0
			for _, row := range it.t.rows {
				if row.deleted {
					continue
				}
				var cells []string
				for _, c := range row.cells {
					if c.deleted || c.vmerge == "continue" {
						continue
					}
					text, l := r.cellText(c.items)
					left = append(left, l...)
					if text != "" {
						cells = append(cells, strings.ReplaceAll(text, "\n", " "))
					}
				}
				if len(cells) > 0 {
					lines = append(lines, strings.Join(cells, " "))
					nested++
				}
			}
			if nested > 0 {
				left = append(left, fmt.Sprintf("单元格中的表格作为该格的%d行文字读入", nested))
			}
			continue
		}
		left = append(left, it.p.left...)
		text := carry + it.p.text()
		carry = ""
		if it.p.joined {
			carry = text
			continue
		}
		if it.p.number != "" {
			text = it.p.number + text
		}
		if text != "" {
			lines = append(lines, text)
		}
	}
	if carry != "" {
		lines = append(lines, carry)
	}
	return strings.Join(lines, "\n"), left
}
