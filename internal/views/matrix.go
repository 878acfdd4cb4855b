package views

import (
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
}

// MatrixItem is a column.
type MatrixItem struct {
	Label, Title, Href string
}

// MatrixRow is a unit with a cell per item.
type MatrixRow struct {
	Name, Href, Kind string
	Cells            []MatrixCell
	Count            int
	Member           bool
}

// MatrixCell is a unit's part in an item.
type MatrixCell struct {
	Roles []units.Role
	Href  string
	Title string
	Via   bool
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
	for _, role := range units.Roles {
		v.Legend = append(v.Legend, RoleGroup{Role: role, Label: role.Label()})
	}
	byKind := append([]*catalog.Unit(nil), b.cat.UnitsIn(n.Slug)...)
	sort.SliceStable(byKind, func(i, j int) bool { return byKind[i].Kind.Rank() < byKind[j].Kind.Rank() })
	for _, u := range byKind {
		row := MatrixRow{Name: u.Name, Href: hrefs.Unit(u.Slug), Kind: u.Kind.Label(), Cells: make([]MatrixCell, len(itemKeys))}
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
				continue
			}
			c := &row.Cells[i]
			seen := map[units.Role]bool{}
			via := true
			var titles []string
			for _, d := range ds {
				if !seen[d.Role] {
					seen[d.Role] = true
					c.Roles = append(c.Roles, d.Role)
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
		}
		row.Member = allVia
		if allVia {
			v.Via = true
		}
		v.Rows = append(v.Rows, row)
	}
	return b.page("matrix.html", hrefs.Matrix(n.Slug), "责任矩阵 · "+noticeShort(n), "matrix", trail, v)
}
