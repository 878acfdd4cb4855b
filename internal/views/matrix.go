package views

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/units"
)

// MatrixView is units × items with role marks.
type MatrixView struct {
	Notice *NoticeView
	Items  []MatrixItem
	Rows   []MatrixRow
	Legend []RoleGroup
	Via    bool
	// Parts split the columns for print: each part is a page wide, its
	// rows named again.
	Parts []MatrixPart
}

// MatrixPart is a run of columns, Items[From:To].
type MatrixPart struct {
	From, To int
	Items    []MatrixItem
}

// matrixPrintColumns is the most columns of items a landscape A4 page
// holds at a readable size.
const matrixPrintColumns = 30

// matrixParts splits n columns into as few parts as fit a page, of sizes
// as even as can be.
func matrixParts(items []MatrixItem) []MatrixPart {
	n := len(items)
	parts := (n + matrixPrintColumns - 1) / matrixPrintColumns
	var out []MatrixPart
	for i, from := 0, 0; i < parts; i++ {
		to := from + (n-from)/(parts-i)
		if (n-from)%(parts-i) != 0 {
			to++
		}
		out = append(out, MatrixPart{From: from, To: to, Items: items[from:to]})
		from = to
	}
	return out
}

// MatrixItem is a column.
type MatrixItem struct {
	Label, Title, Href string
}

// MatrixRow is a unit with a cell per item, in the runs of columns
// of the printed parts (Parts[i] holds the cells of MatrixView.Parts[i]):
// the screen's row is its parts one after the other, so each part's
// block is made once for both tables.
type MatrixRow struct {
	Name, Href, Kind string
	Parts            []*MatrixCells
	Count            int
	Member           bool
}

// MatrixCells are cells of a row, one per item. Rows with the same
// cells (the members of a group the notice names, with no duty of their
// own in it) share one value, and so its block.
type MatrixCells struct {
	Cells []*MatrixCell
}

// MatrixCell is a unit's part in an item. The units with the same part
// in an item (the same roles in the same tasks) share one value in a
// notice's matrix, and so its block: a cell's link and marks are most of
// what the matrix shows.
type MatrixCell struct {
	Marks []Mark // none when the unit has no part in the item
	Href  string
	Title string
	Via   bool
}

// Mark is a role in a cell of the matrix: its one-character mark.
type Mark struct {
	Role  units.Role
	Short string
}

// RoleMark is the one-character mark of a role in the matrix.
func RoleMark(r units.Role) string {
	switch r {
	case units.Lead:
		return "牵"
	case units.Cooperate:
		return "配"
	case units.Supervise:
		return "督"
	case units.Guide:
		return "指"
	}
	return "负"
}

// key tells runs of cells apart: equal keys, equal cells. The cells are
// the matrix's own, one value per cell that differs (see cellKey), whose
// numbers in made tell them apart.
func (c *MatrixCells) key(made map[*MatrixCell]int) string {
	k := make([]byte, 0, 2*len(c.Cells))
	for _, cell := range c.Cells {
		k = binary.AppendUvarint(k, uint64(made[cell]))
	}
	return string(k)
}

// cellKey tells cells apart: equal keys, equal cells.
func (c *MatrixCell) cellKey() string {
	var k strings.Builder
	for _, m := range c.Marks {
		k.WriteString(string(m.Role))
		k.WriteByte(0)
	}
	k.WriteString(c.Href)
	k.WriteByte(1)
	k.WriteString(c.Title)
	k.WriteByte(1)
	if c.Via {
		k.WriteByte(1)
	}
	return k.String()
}

func (b *Builder) matrix(n *catalog.Notice, nv *NoticeView, trail *Trail) error {
	v := MatrixView{Notice: nv}
	type key = [2]int
	var itemKeys []key
	for _, s := range n.Sections {
		for _, it := range s.Items {
			itemKeys = append(itemKeys, key{s.Number, it.Number})
			label := it.Label
			if label == "" {
				label = fmt.Sprint(it.Number)
			}
			v.Items = append(v.Items, MatrixItem{Label: strings.Trim(label, "（）()、."), Title: it.DisplayTitle(), Href: hrefs.Item(n.Slug, s.Number, it.Number)})
		}
	}
	v.Parts = matrixParts(v.Items)
	for _, role := range units.Roles {
		v.Legend = append(v.Legend, RoleGroup{Role: role, Label: role.Label()})
	}
	same := map[string]*MatrixCells{}
	// A cell of no part in its item is the same everywhere, and a cell
	// with one is the same for the units with the same roles in the same
	// tasks of the item.
	empty := &MatrixCell{}
	sameCell := map[string]*MatrixCell{}
	made := map[*MatrixCell]int{empty: 0}
	byKind := append([]*catalog.Unit(nil), b.cat.UnitsIn(n.Slug)...)
	sort.SliceStable(byKind, func(i, j int) bool { return byKind[i].Kind.Rank() < byKind[j].Kind.Rank() })
	for _, u := range byKind {
		row := MatrixRow{Name: u.Name, Href: hrefs.Unit(u.Slug), Kind: u.Kind.Label()}
		cells := make([]*MatrixCell, len(itemKeys))
		byItem := map[key][]catalog.Duty{}
		for _, d := range u.DutiesIn(n.Slug) {
			t := b.cat.Task(n.Slug, d.Task)
			k := key{t.Section, t.Item}
			byItem[k] = append(byItem[k], d)
			row.Count++
		}
		if row.Count == 0 {
			continue
		}
		allVia := true
		for i, k := range itemKeys {
			ds := byItem[k]
			if len(ds) == 0 {
				cells[i] = empty
				continue
			}
			c := &MatrixCell{}
			seen := map[units.Role]bool{}
			via := true
			var titles []string
			for _, d := range ds {
				if !seen[d.Role] {
					seen[d.Role] = true
					c.Marks = append(c.Marks, Mark{d.Role, RoleMark(d.Role)})
				}
				if d.Via == "" {
					via = false
				}
				titles = append(titles, fmt.Sprintf("任务 %s（%s）", d.Task, d.Role.Label()))
			}
			c.Via = via
			if !via {
				allVia = false
			}
			if via {
				titles = append(titles, "经由"+ds[0].Via)
			}
			c.Title = strings.Join(titles, "\n")
			if len(ds) == 1 {
				c.Href = hrefs.Task(n.Slug, ds[0].Task)
			} else {
				c.Href = hrefs.Item(n.Slug, k[0], k[1])
			}
			ck := c.cellKey()
			if same := sameCell[ck]; same != nil {
				c = same
			} else {
				sameCell[ck] = c
				made[c] = len(made)
			}
			cells[i] = c
		}
		for _, part := range v.Parts {
			cs := &MatrixCells{Cells: cells[part.From:part.To:part.To]}
			if k := cs.key(made); same[k] != nil {
				cs = same[k]
			} else {
				same[k] = cs
			}
			row.Parts = append(row.Parts, cs)
		}
		row.Member = allVia
		if allVia {
			v.Via = true
		}
		v.Rows = append(v.Rows, row)
	}
	return b.page("matrix.html", hrefs.Matrix(n.Slug), "责任矩阵 · "+noticeShort(n), "matrix", trail, v)
}
