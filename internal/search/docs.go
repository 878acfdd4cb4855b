package search

import (
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// Build indexes a catalog: units first (sorted by pinyin), then each
// notice's sections, items and tasks in notice order.
func Build(cat *catalog.Catalog) *Index {
	var (
		docs     []Doc
		sections []string
	)
	kinds := make([]string, len(units.Kinds))
	kindBit := map[units.Kind]uint32{}
	for i, k := range units.Kinds {
		kinds[i] = string(k)
		kindBit[k] = 1 << i
	}
	roles := make([]string, len(units.Roles))
	roleBit := map[units.Role]uint32{}
	for i, r := range units.Roles {
		roles[i] = string(r)
		roleBit[r] = 1 << i
	}

	for _, u := range cat.Units {
		names := append([]string{u.Name}, u.Aliases...)
		d := Doc{
			Kind: KindUnit, Title: u.Name, Crumb: u.Kind.Label(), Href: hrefs.Unit(u.Slug),
			Text: u.Name + "\n" + strings.Join(u.Aliases, "、") + "\n" + u.Kind.Label(), TitleLen: runeCount(u.Name),
			Section: -1, UnitKinds: kindBit[u.Kind],
		}
		for _, n := range names {
			d.Pinyin = append(d.Pinyin, PinyinSpans(n)...)
		}
		docs = append(docs, d)
	}

	for _, n := range cat.Notices {
		short := shortName(n)
		secIndex := map[int]int{}
		for _, s := range n.Sections {
			secIndex[s.Number] = len(sections)
			sections = append(sections, sectionLabel(n, s))
		}
		for _, s := range n.Sections {
			title := sectionName(n.Notice, s)
			docs = append(docs, Doc{
				Kind: KindSection, Title: title, Crumb: short,
				Href: hrefs.Section(n.Slug, s.Number),
				Text: title + "\n" + s.Text, TitleLen: runeCount(title), Section: secIndex[s.Number],
			})
			for _, it := range s.Items {
				title := it.Label + it.DisplayTitle()
				tl := runeCount(title)
				if it.Title == "" {
					tl = 0 // a paragraph without a heading: its start is not a title
				}
				docs = append(docs, Doc{
					Kind: KindItem, Title: title, Crumb: short + " › " + title0(s),
					Href: hrefs.Item(n.Slug, s.Number, it.Number),
					Text: title + "\n" + it.Text, TitleLen: tl, Section: secIndex[s.Number],
				})
			}
		}
		for i := range n.Tasks {
			t := &n.Tasks[i]
			d := Doc{
				Kind: KindTask, Title: t.DisplayTitle(),
				Href: hrefs.Task(n.Slug, t.ID), Section: secIndex[t.Section],
			}
			crumb := []string{short}
			if s := n.Section(t.Section); s != nil {
				crumb = append(crumb, title0(*s))
			}
			if it := n.Item(t.Section, t.Item); it != nil {
				crumb = append(crumb, it.Label+it.DisplayTitle())
			}
			d.Crumb = strings.Join(crumb, " › ")
			// The title region: the table's name for the task, or the
			// short heading its text opens with.
			switch {
			case t.Title != "":
				d.Text = t.Title + "\n" + t.Text
				d.TitleLen = runeCount(t.Title)
			case strings.HasPrefix(t.Text, d.Title) && !strings.HasSuffix(d.Title, "…"):
				d.Text = t.Text
				d.TitleLen = runeCount(d.Title)
			default:
				d.Text = t.Text
			}
			var names []string
			for _, a := range t.Units {
				u := cat.Unit(a.Name)
				names = append(names, a.Name)
				if u != nil && u.Name != a.Name {
					names = append(names, u.Name)
				}
				chip := Chip{Name: a.Name, Role: string(a.Role)}
				if u != nil {
					chip.Href = hrefs.Unit(u.Slug)
					d.UnitKinds |= kindBit[u.Kind]
				}
				d.Roles |= roleBit[a.Role]
				d.Units = append(d.Units, chip)
			}
			if len(names) > 0 {
				d.Text += "\n责任单位：" + strings.Join(names, "、")
			}
			docs = append(docs, d)
		}
	}
	return New(docs, sections, kinds, roles)
}

// SectionLabels are the labels of the section filter, as Build gives
// them in Index.Sections, without building the index.
func SectionLabels(cat *catalog.Catalog) []string {
	var out []string
	for _, n := range cat.Notices {
		for _, s := range n.Sections {
			out = append(out, sectionLabel(n, s))
		}
	}
	return out
}

// sectionLabel names a section in the section filter.
func sectionLabel(n *catalog.Notice, s notice.Section) string {
	return shortName(n) + " " + sectionName(n.Notice, s)
}

func shortName(n *catalog.Notice) string {
	if n.DocNumber == "" {
		return n.Title
	}
	return n.DocNumber
}

func sectionName(n *notice.Notice, s notice.Section) string {
	return strings.TrimSpace(s.Label + s.DisplayTitle())
}

func title0(s notice.Section) string {
	if s.Title == "" {
		return "正文"
	}
	return s.Label + s.Title
}
