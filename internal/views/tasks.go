package views

import (
	"fmt"
	"html/template"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// The views of tasks, which most pages show, and the task pages.

// Anchors of the full notice text.
func sectionAnchor(n int) string { return fmt.Sprintf("s%d", n) }

func itemAnchor(s, n int) string { return fmt.Sprintf("i%d-%d", s, n) }

func subitemAnchor(s, n, sub int) string { return fmt.Sprintf("i%d-%d-%d", s, n, sub) }

func taskAnchor(id string) string { return "t" + id }

// body renders the Markdown body of a part of a notice: as content/
// holds it, or made from text.
func (b *Builder) body(n *catalog.Notice, of catalog.BodyOf, text, prefix string) (template.HTML, error) {
	h, err := b.md.HTML(n.Body(of, text), prefix)
	if err != nil {
		return "", fmt.Errorf("render the Markdown of %s %v: %w", n.Slug, of, err)
	}
	return h, nil
}

// text renders text of the notice that has no content file of its own.
func (b *Builder) text(text, prefix string) (template.HTML, error) {
	h, err := b.md.HTML(catalog.Markdown(text), prefix)
	if err != nil {
		return "", fmt.Errorf("render Markdown of %q…: %w", excerpt(text, 20), err)
	}
	return h, nil
}

// UnitRef is a unit named on a page.
type UnitRef struct {
	Name, Href, Kind string
	Role             units.Role
	RoleLabel        string
	Rule             string   // the standing rule that added it
	Members          *Members // when the unit is a group
}

// Members are the units of a group, one value per group for all the
// pages naming it, so that its block is made once.
type Members struct {
	Units []UnitRef
}

// RoleGroup lists the units of one role.
type RoleGroup struct {
	Role  units.Role
	Label string
	Units []UnitRef
}

func (b *Builder) unitRef(name string, role units.Role) UnitRef {
	u := b.cat.Unit(name)
	ref := UnitRef{Name: name, Role: role, RoleLabel: role.Label()}
	if u != nil {
		ref.Href = hrefs.Unit(u.Slug)
		ref.Kind = string(u.Kind)
		ref.Members = b.members(u)
	}
	return ref
}

// members returns the members of a group; nil for a unit that is none.
func (b *Builder) members(u *catalog.Unit) *Members {
	if len(u.Members) == 0 {
		return nil
	}
	if m, ok := b.groups[u]; ok {
		return m
	}
	m := &Members{}
	for _, name := range u.Members {
		m.Units = append(m.Units, UnitRef{Name: name, Href: hrefs.Unit(b.cat.Unit(name).Slug)})
	}
	b.groups[u] = m
	return m
}

// UnitList is the units a task names, by role in the order of
// units.Roles. Tasks that name the same units the same way share one
// value (unitList), and so its blocks.
type UnitList struct {
	Roles []RoleGroup
}

// unitList returns the units of a task by role, made once for all the
// tasks that name them alike.
func (b *Builder) unitList(list []units.Assignment) *UnitList {
	var k strings.Builder
	for _, a := range list {
		k.WriteString(a.Name)
		k.WriteByte(0)
		k.WriteString(string(a.Role))
		k.WriteByte(0)
		k.WriteString(a.Rule)
		k.WriteByte(1)
	}
	if l, ok := b.unitLists[k.String()]; ok {
		return l
	}
	l := &UnitList{Roles: b.roleGroups(list)}
	b.unitLists[k.String()] = l
	return l
}

// roleGroups groups a task's units by role, in the order of Roles.
func (b *Builder) roleGroups(list []units.Assignment) []RoleGroup {
	var out []RoleGroup
	for _, role := range units.Roles {
		g := RoleGroup{Role: role, Label: role.Label()}
		for _, a := range list {
			if a.Role == role {
				ref := b.unitRef(a.Name, a.Role)
				ref.Rule = a.Rule
				g.Units = append(g.Units, ref)
			}
		}
		if len(g.Units) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// TaskView is a task as pages list it.
type TaskView struct {
	// ID, Title, Href, Anchor and Label name and link the task. (The
	// views templates show most are flat: html/template finds a field of
	// an embedded struct by a search that costs more than the rest of
	// showing it.)
	ID, Title, Href, Anchor, Label string
	Text                           template.HTML
	Excerpt                        string
	Units                          *UnitList
	UnitText                       string
	Subitem                        int
	SubitemTitle                   string
	// Deadline is when the task is due, or nil.
	Deadline *notice.Deadline
}

// taskView returns the view of a task, made once per build and shared by
// every page that shows the task.
func (b *Builder) taskView(n *catalog.Notice, t *notice.Task) (*TaskView, error) {
	if v, ok := b.views.tasks[t]; ok {
		return v, nil
	}
	text, err := b.body(n, catalog.TaskBody(t.ID), t.Text, "t"+t.ID+"-")
	if err != nil {
		return nil, err
	}
	v := &TaskView{
		ID: t.ID, Title: t.DisplayTitle(), Href: hrefs.Task(n.Slug, t.ID), Anchor: taskAnchor(t.ID), Label: taskLabel(n.Notice, t),
		Text: text, Excerpt: excerpt(t.Text, 60), Units: b.unitList(t.Units), UnitText: t.UnitText,
		Subitem: t.Subitem, Deadline: t.Deadline,
	}
	if it := n.Item(t.Section, t.Item); it != nil && t.Subitem > 0 {
		if sb := it.Subitem(t.Subitem); sb != nil {
			v.SubitemTitle = sb.Label + sb.Title
		}
	}
	b.views.tasks[t] = v
	return v, nil
}

// taskPlace names the item of a task, and its sub-item:
// （二）严格落实职责任务 › 2.落实部门监管责任.
func taskPlace(n *notice.Notice, t *notice.Task) string {
	it := n.Item(t.Section, t.Item)
	if it == nil {
		if s := n.Section(t.Section); s != nil {
			return s.Label + s.DisplayTitle()
		}
		return t.ID
	}
	place := it.Label + it.DisplayTitle()
	if sb := it.Subitem(t.Subitem); sb != nil {
		place += " › " + sb.Label + sb.Title
	}
	if t.Title != "" {
		place += " › " + t.Title
	}
	return place
}

// taskLabel names a task by its place: （二）2 · 第3项.
func taskLabel(n *notice.Notice, t *notice.Task) string {
	var parts []string
	if it := n.Item(t.Section, t.Item); it != nil && it.Label != "" {
		parts = append(parts, it.Label)
	}
	if t.Subitem > 0 {
		parts = append(parts, fmt.Sprintf("%d.", t.Subitem))
	}
	if t.Number > 0 {
		parts = append(parts, fmt.Sprintf("第%d项", t.Number))
	} else {
		parts = append(parts, fmt.Sprintf("任务%d", t.Row))
	}
	return strings.Join(parts, " ")
}

func excerpt(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// TaskPageView is a task's own page.
type TaskPageView struct {
	Notice       *NoticeView
	Section      *SectionView
	Item         *ItemView
	Task         *TaskView
	SubitemTitle string
	Number       int
	Title        string
	Origin       TaskSource
	Order        TaskOrder
}

// TaskSource is where a task comes from: its line, the fields of its
// row, and how the body text says it where the table words it otherwise.
type TaskSource struct {
	BodyText string
	Diff     []DiffPart
	Fields   []notice.Field
	Source   string
	Line     int
}

// TaskOrder places a task among its notice's.
type TaskOrder struct {
	Prev, Next      *TaskView
	Position, Count int
}

func (b *Builder) tasks(n *catalog.Notice, nv *NoticeView, full FullView, trail *Trail) error {
	views := map[string]*TaskView{}
	for _, row := range full.Tasks {
		views[row.Task.ID] = row.Task
	}
	sections := map[int]*SectionView{}
	items := map[[2]int]*ItemView{}
	for _, sv := range full.Sections {
		sections[sv.Number] = sv
		for _, iv := range sv.Items {
			items[[2]int{iv.Section, iv.Number}] = iv
		}
	}
	// The trails of the tasks of each section and item.
	trails := map[[2]int]*Trail{}
	trailOf := func(sv *SectionView, iv *ItemView) *Trail {
		k := [2]int{sv.Number, iv.Number}
		if t, ok := trails[k]; ok {
			return t
		}
		t := trail.then(Crumb{sectionName(sv), sv.Href})
		if iv.Href != "" {
			t = t.then(Crumb{iv.Label + iv.Title, iv.Href})
		}
		trails[k] = t
		return t
	}
	ordered := make([]*TaskView, len(n.Tasks))
	for i := range n.Tasks {
		tv, ok := views[n.Tasks[i].ID]
		if !ok {
			var err error
			if tv, err = b.taskView(n, &n.Tasks[i]); err != nil {
				return err
			}
		}
		ordered[i] = tv
	}
	for i := range n.Tasks {
		t := &n.Tasks[i]
		tv := ordered[i]
		sv := sections[t.Section]
		if sv == nil {
			sv = &SectionView{}
		}
		iv := items[[2]int{t.Section, t.Item}]
		if iv == nil {
			iv = &ItemView{} // a duty written in the section's own text
		}
		v := TaskPageView{
			Notice: nv, Section: sv, Item: iv, Task: tv, SubitemTitle: tv.SubitemTitle, Number: t.Number, Title: t.Title,
			Origin: TaskSource{BodyText: t.BodyText, Diff: diffParts(t.Diff), Fields: t.Fields, Source: t.Source, Line: t.Line},
			Order:  TaskOrder{Position: i + 1, Count: len(n.Tasks)},
		}
		if i > 0 {
			v.Order.Prev = ordered[i-1]
		}
		if i+1 < len(ordered) {
			v.Order.Next = ordered[i+1]
		}
		if err := b.page("task.html", tv.Href, tv.Title+" · "+noticeShort(n), "notice", trailOf(sv, iv), v); err != nil {
			return err
		}
	}
	return nil
}

// DiffPart is a run of a diff: kept (Op 0), deleted (-1) or inserted
// (1); the "diff" block shows it.
type DiffPart struct {
	Op   int
	Text string
}

// diffParts reads a short diff written [-body-]{+table+}.
func diffParts(d string) []DiffPart {
	var out []DiffPart
	add := func(op int, text string) {
		if text != "" || op != 0 {
			out = append(out, DiffPart{op, text})
		}
	}
	for d != "" {
		i := strings.Index(d, "[-")
		j := strings.Index(d, "{+")
		open, close, op := i, "-]", -1
		if i < 0 || (j >= 0 && j < i) {
			open, close, op = j, "+}", 1
		}
		if open < 0 {
			add(0, d)
			break
		}
		add(0, d[:open])
		end := strings.Index(d[open:], close)
		if end < 0 {
			add(0, d[open:])
			break
		}
		add(op, d[open+2:open+end])
		d = d[open+end+2:]
	}
	return out
}
