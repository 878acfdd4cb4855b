package search

import (
	"slices"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/textnorm"
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

	unitDoc := map[*catalog.Unit]int{}
	for _, u := range cat.Units {
		unitDoc[u] = len(docs)
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

	taskDoc := map[[2]string]int{} // notice slug, task id → its document
	for _, n := range cat.Notices {
		short := shortName(n)
		// An item with one task is one result: the task, which names its
		// units, found by the item's title and text too.
		tasksOf := map[[2]int][]*notice.Task{}
		for i := range n.Tasks {
			t := &n.Tasks[i]
			tasksOf[[2]int{t.Section, t.Item}] = append(tasksOf[[2]int{t.Section, t.Item}], t)
		}
		mergedItem := map[string]*notice.Item{} // task id → the item it stands for
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
				if ts := tasksOf[[2]int{s.Number, it.Number}]; len(ts) == 1 {
					mergedItem[ts[0].ID] = &it
					continue
				}
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
			if it := mergedItem[t.ID]; it != nil {
				// The item's title leads, as a title; its text follows
				// where it is not the task's own.
				title := it.Label + it.DisplayTitle()
				if it.Title == "" {
					title = it.Label
				}
				d.Title = title
				if it.Title != "" && t.Title != "" && t.Title != it.Title {
					title += " " + t.Title
				}
				d.Text = title + "\n" + t.Text
				d.TitleLen = runeCount(title)
				if it.Title == "" {
					d.TitleLen = 0
				}
				if strings.TrimSpace(it.Text) != "" && textnorm.Compact(it.Text) != textnorm.Compact(t.Text) {
					d.Text += "\n" + it.Text
				}
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
			taskDoc[[2]string{n.Slug, t.ID}] = len(docs)
			docs = append(docs, d)
		}
	}
	ix := New(docs, sections, kinds, roles)
	// Each unit's tasks, for the filter 我的单位: its own (directly or
	// through a group) and those it may have.
	ix.UnitTasks = make([]UnitTasks, len(cat.Units))
	for _, u := range cat.Units {
		ut := &ix.UnitTasks[unitDoc[u]]
		for _, d := range u.Duties {
			ut.Own = append(ut.Own, taskDoc[[2]string{d.Notice, d.Task}])
		}
		for _, run := range u.Possible {
			for _, d := range run.Duties {
				ut.Possible = append(ut.Possible, taskDoc[[2]string{d.Notice, d.Task}])
			}
		}
		ut.Own, ut.Possible = sortedUnique(ut.Own), sortedUnique(ut.Possible)
	}
	return ix
}

// UnitTasks are the documents of a unit's tasks: its own, and those it
// may have (of collectives it may belong to), sorted.
type UnitTasks struct {
	Own, Possible []int
}

func sortedUnique(list []int) []int {
	if list == nil {
		return []int{}
	}
	slices.Sort(list)
	return slices.Compact(list)
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
