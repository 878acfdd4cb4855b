package site

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/pinyin"
	"qingdan/internal/units"
)

// ---- home ----

// HomeView is the home page: the notices with their sections, a unit
// picker and the search box.
type HomeView struct {
	Notices []*NoticeView
	Kinds   []KindGroup
}

// NoticeView is a notice's overview.
type NoticeView struct {
	Slug, Title, DocNumber, Issuer, Date, Recipients string
	PrintedBy, PrintDate                             string
	// IndexNumber (索引号) and Category (主题分类) of a notice saved from a
	// portal.
	IndexNumber, Category                   string
	CC                                      []string
	Href, FullHref, MatrixHref, ChangesHref string
	JSONHref, CSVHref, XLSXHref             string
	Preamble                                template.HTML
	PreambleExcerpt                         string
	Sections                                []*SectionView
	Tasks, Items, Units                     int
	Warnings                                []notice.Warning
	Notes, Attachments                      []string
	Closing                                 template.HTML
}

// SectionView is a section with its items.
type SectionView struct {
	Number               int
	Label, Title, Href   string
	Anchor               string
	Text                 template.HTML
	Items                []*ItemView
	Tasks                []*TaskView // duties written in the section's own text
	TaskCount, UnitCount int
}

// ItemView is an item with its sub-items and tasks.
type ItemView struct {
	Section, Number         int
	Label, Title, Sep, Href string
	Anchor                  string
	Lead                    template.HTML
	Subitems                []SubitemView
	Tasks                   []*TaskView
	HasHeading              bool
}

// SubitemView is a sub-item of an item.
type SubitemView struct {
	Number            int
	Label, Title, Sep string
	Anchor            string
	Text              template.HTML
}

// KindGroup lists units of one kind.
type KindGroup struct {
	Kind  units.Kind
	Label string
	Units []UnitRow
}

// UnitRow is a unit in the index.
type UnitRow struct {
	Name, Href, Pinyin, Initials string
	Duties, Lead, Via            int
	Aliases                      []string
	Group                        bool
}

func (r *renderer) home() error {
	v := HomeView{Kinds: r.kindGroups()}
	for _, n := range r.cat.Notices {
		nv, err := r.noticeView(n)
		if err != nil {
			return err
		}
		v.Notices = append(v.Notices, nv)
	}
	return r.page("home.html", "index.html", r.info.Title, "home", nil, v)
}

// kindGroups lists the units by kind, for the home page and the unit
// index; built once.
func (r *renderer) kindGroups() []KindGroup {
	if r.kinds == nil {
		r.kinds = r.makeKindGroups()
	}
	return r.kinds
}

func (r *renderer) makeKindGroups() []KindGroup {
	out := []KindGroup{}
	for _, k := range units.Kinds {
		g := KindGroup{Kind: k, Label: k.Label()}
		for _, u := range r.cat.Units {
			if u.Kind != k {
				continue
			}
			row := UnitRow{Name: u.Name, Href: hrefs.Unit(u.Slug), Aliases: u.Aliases, Group: len(u.Members) > 0,
				Pinyin: pinyin.Full(u.Name), Initials: pinyin.Initials(u.Name)}
			row.Duties, row.Lead = u.Counts()
			for _, d := range u.Duties {
				if d.Via != "" {
					row.Via++
				}
			}
			g.Units = append(g.Units, row)
		}
		if len(g.Units) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// noticeView is a notice's overview, built once: the home page lists
// every notice, and each notice's pages show its own.
func (r *renderer) noticeView(n *catalog.Notice) (*NoticeView, error) {
	if v, ok := r.noticeViews[n.Slug]; ok {
		return v, nil
	}
	v, err := r.makeNoticeView(n)
	if err == nil {
		r.noticeViews[n.Slug] = v
	}
	return v, err
}

func (r *renderer) makeNoticeView(n *catalog.Notice) (*NoticeView, error) {
	pre, err := r.body(n, catalog.PreambleBody(), strings.Join(n.Preamble, "\n"), "p-")
	if err != nil {
		return nil, err
	}
	closing, err := r.text(strings.Join(n.Closing, "\n"), "c-")
	if err != nil {
		return nil, err
	}
	v := &NoticeView{
		Slug: n.Slug, Title: n.Title, DocNumber: n.DocNumber, Issuer: n.Issuer, Date: displayDate(n.Date),
		Recipients: n.Recipients, PrintedBy: n.PrintedBy, PrintDate: displayDate(n.PrintDate), CC: n.CC,
		IndexNumber: n.IndexNumber, Category: n.Category,
		Href: hrefs.Notice(n.Slug), FullHref: hrefs.Full(n.Slug), MatrixHref: hrefs.Matrix(n.Slug),
		JSONHref: noticeJSONHref(n.Slug), CSVHref: tasksCSVHref(n.Slug), XLSXHref: tasksXLSXHref(n.Slug),
		Preamble: pre, Tasks: len(n.Tasks), Warnings: n.Warnings, Notes: n.Notes, Attachments: n.Attachments,
		Closing: closing,
	}
	if r.opt.Changes[n.Slug] != nil {
		v.ChangesHref = hrefs.Changes(n.Slug)
	}
	if len(n.Preamble) > 0 {
		v.PreambleExcerpt = excerpt(n.Preamble[0], 120)
	}
	seen := map[string]bool{}
	for _, t := range n.Tasks {
		for _, a := range t.Units {
			seen[r.cat.Registry.Canonical(a.Name)] = true
		}
	}
	v.Units = len(seen)
	for _, s := range n.Sections {
		sv, err := r.sectionView(n, s, false)
		if err != nil {
			return nil, err
		}
		v.Items += len(s.Items)
		v.Sections = append(v.Sections, sv)
	}
	return v, nil
}

// sectionView builds a section; with detail, its items' texts and tasks.
func (r *renderer) sectionView(n *catalog.Notice, s notice.Section, detail bool) (*SectionView, error) {
	sv := &SectionView{
		Number: s.Number, Label: s.Label, Title: s.DisplayTitle(),
		Href: hrefs.Section(n.Slug, s.Number), Anchor: sectionAnchor(s.Number),
	}
	units := map[string]bool{}
	for _, t := range n.Tasks {
		if t.Section == s.Number {
			sv.TaskCount++
			for _, a := range t.Units {
				units[a.Name] = true
			}
		}
	}
	sv.UnitCount = len(units)
	if !detail {
		for _, it := range s.Items {
			sv.Items = append(sv.Items, &ItemView{Section: s.Number, Number: it.Number, Label: it.Label, Title: it.DisplayTitle(), Href: hrefs.Item(n.Slug, s.Number, it.Number)})
		}
		return sv, nil
	}
	var err error
	if sv.Text, err = r.body(n, catalog.SectionBody(s.Number), s.Text, sectionAnchor(s.Number)+"-"); err != nil {
		return sv, err
	}
	for _, it := range s.Items {
		iv, err := r.itemView(n, it)
		if err != nil {
			return sv, err
		}
		sv.Items = append(sv.Items, iv)
	}
	for i := range n.Tasks {
		if t := &n.Tasks[i]; t.Section == s.Number && t.Item == 0 {
			tv, err := r.taskView(n, t)
			if err != nil {
				return sv, err
			}
			sv.Tasks = append(sv.Tasks, tv)
		}
	}
	return sv, nil
}

func (r *renderer) itemView(n *catalog.Notice, it notice.Item) (*ItemView, error) {
	lead, err := r.body(n, catalog.ItemBody(it.Section, it.Number), it.Lead, itemAnchor(it.Section, it.Number)+"-")
	if err != nil {
		return nil, err
	}
	iv := &ItemView{
		Section: it.Section, Number: it.Number, Label: it.Label, Title: it.DisplayTitle(), Sep: it.Sep,
		Href: hrefs.Item(n.Slug, it.Section, it.Number), Anchor: itemAnchor(it.Section, it.Number),
		Lead: lead, HasHeading: it.Title != "",
	}
	for _, sb := range it.Subitems {
		anchor := subitemAnchor(it.Section, it.Number, sb.Number)
		text, err := r.text(sb.Text, anchor+"-")
		if err != nil {
			return nil, err
		}
		iv.Subitems = append(iv.Subitems, SubitemView{
			Number: sb.Number, Label: sb.Label, Title: sb.Title, Sep: sb.Sep, Anchor: anchor, Text: text,
		})
	}
	for i := range n.Tasks {
		t := &n.Tasks[i]
		if t.Section == it.Section && t.Item == it.Number {
			tv, err := r.taskView(n, t)
			if err != nil {
				return nil, err
			}
			iv.Tasks = append(iv.Tasks, tv)
		}
	}
	return iv, nil
}

// ---- a notice's pages ----

// SectionPageView is a section's page.
type SectionPageView struct {
	Notice  *NoticeView
	Section *SectionView
}

// ItemPageView is an item's page.
type ItemPageView struct {
	Notice  *NoticeView
	Section *SectionView
	Item    *ItemView
}

// FullView is the whole notice as written, with an anchor on every part.
type FullView struct {
	Notice   *NoticeView
	Sections []*SectionView
	Tasks    []TaskRow
}

// TaskRow is a row of the responsibility table on the full-text page.
type TaskRow struct {
	Section, Item, Subitem string
	Task                   *TaskView
}

func (r *renderer) notice(n *catalog.Notice) error {
	nv, err := r.noticeView(n)
	if err != nil {
		return err
	}
	home := Crumb{"首页", "index.html"}
	nc := Crumb{noticeShort(n), hrefs.Notice(n.Slug)}
	if err := r.page("notice.html", hrefs.Notice(n.Slug), n.Title, "notice", []Crumb{home}, nv); err != nil {
		return err
	}
	full := FullView{Notice: nv}
	for _, s := range n.Sections {
		sv, err := r.sectionView(n, s, true)
		if err != nil {
			return err
		}
		full.Sections = append(full.Sections, sv)
		if err := r.page("section.html", hrefs.Section(n.Slug, s.Number), sectionName(sv)+" · "+noticeShort(n), "notice", []Crumb{home, nc}, SectionPageView{nv, sv}); err != nil {
			return err
		}
		for _, iv := range sv.Items {
			if err := r.page("item.html", iv.Href, iv.Label+iv.Title+" · "+noticeShort(n), "notice",
				[]Crumb{home, nc, {sectionName(sv), sv.Href}}, ItemPageView{nv, sv, iv}); err != nil {
				return err
			}
		}
	}
	for _, sv := range full.Sections {
		for _, tv := range sv.Tasks {
			full.Tasks = append(full.Tasks, TaskRow{Section: sv.Label + sv.Title, Task: tv})
		}
		for _, iv := range sv.Items {
			for _, tv := range iv.Tasks {
				row := TaskRow{Section: sv.Label + sv.Title, Item: iv.Label + iv.Title, Task: tv}
				if tv.SubitemTitle != "" {
					row.Subitem = tv.SubitemTitle
				}
				full.Tasks = append(full.Tasks, row)
			}
		}
	}
	if err := r.page("full.html", hrefs.Full(n.Slug), "全文 · "+noticeShort(n), "notice", []Crumb{home, nc}, full); err != nil {
		return err
	}
	if err := r.tasks(n, nv, full, home, nc); err != nil {
		return err
	}
	return r.matrix(n, nv, home, nc)
}

func noticeShort(n *catalog.Notice) string {
	if n.DocNumber != "" {
		return n.DocNumber
	}
	return excerpt(n.Title, 16)
}

func sectionName(sv *SectionView) string {
	if sv.Label != "" {
		return sv.Label + sv.Title
	}
	return sv.Title
}

// TaskPageView is a task's own page.
type TaskPageView struct {
	Notice          *NoticeView
	Section         *SectionView
	Item            *ItemView
	Task            *TaskView
	SubitemTitle    string
	Number          int
	Title           string
	BodyText        string
	Diff            []DiffPart
	Fields          []notice.Field
	Source          string
	Line            int
	Prev, Next      *TaskView
	Position, Count int
}

func (r *renderer) tasks(n *catalog.Notice, nv *NoticeView, full FullView, home, nc Crumb) error {
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
	ordered := make([]*TaskView, len(n.Tasks))
	for i := range n.Tasks {
		tv, ok := views[n.Tasks[i].ID]
		if !ok {
			var err error
			if tv, err = r.taskView(n, &n.Tasks[i]); err != nil {
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
			Notice: nv, Section: sv, Item: iv, Task: tv, SubitemTitle: tv.SubitemTitle,
			Number: t.Number, Title: t.Title, BodyText: t.BodyText, Diff: diffParts(t.Diff),
			Fields: t.Fields, Source: t.Source, Line: t.Line, Position: i + 1, Count: len(n.Tasks),
		}
		if i > 0 {
			v.Prev = ordered[i-1]
		}
		if i+1 < len(ordered) {
			v.Next = ordered[i+1]
		}
		crumbs := []Crumb{home, nc, {sectionName(sv), sv.Href}}
		if iv.Href != "" {
			crumbs = append(crumbs, Crumb{iv.Label + iv.Title, iv.Href})
		}
		if err := r.page("task.html", tv.Href, tv.Title+" · "+noticeShort(n), "notice", crumbs, v); err != nil {
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

// ---- matrix ----

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

func (r *renderer) matrix(n *catalog.Notice, nv *NoticeView, home, nc Crumb) error {
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
	byKind := append([]*catalog.Unit(nil), r.cat.UnitsIn(n.Slug)...)
	sort.SliceStable(byKind, func(i, j int) bool { return byKind[i].Kind.Rank() < byKind[j].Kind.Rank() })
	for _, u := range byKind {
		row := MatrixRow{Name: u.Name, Href: hrefs.Unit(u.Slug), Kind: u.Kind.Label(), Cells: make([]MatrixCell, len(itemKeys))}
		byItem := map[key][]catalog.Duty{}
		for _, d := range u.DutiesIn(n.Slug) {
			t := r.cat.Task(n.Slug, d.Task)
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
	return r.page("matrix.html", hrefs.Matrix(n.Slug), "责任矩阵 · "+noticeShort(n), "matrix", []Crumb{home, nc}, v)
}

// ---- units ----

func (r *renderer) unitsIndex() error {
	return r.page("units.html", "units/index.html", "责任单位", "units", []Crumb{{"首页", "index.html"}}, struct {
		Kinds []KindGroup
	}{r.kindGroups()})
}

// UnitView is a unit's page. A unit with duties in one notice at most
// has them all on its page; a unit with duties in several has, on its
// page, a summary by notice, and its duties in each notice on a page of
// their own (Of set): no page grows with the site, and each prints as
// the list of one notice's duties.
type UnitView struct {
	Name, Kind, Href   string
	Aliases            []string
	Groups, Members    []UnitRef
	Total, Direct, Via int
	ByRole             []RoleCount
	Notices            []*UnitNotice
	Summary            []UnitNoticeRow
	Of                 *NoticeLink
	Notes              template.HTML
	CSVHref, XLSXHref  string
	// Changes is what changed for this unit in the last revision.
	Changes []ChangesView
}

// UnitNoticeRow sums up a unit's duties in one notice.
type UnitNoticeRow struct {
	Notice     NoticeLink
	Issuer     string
	Href       string
	Total, Via int
	ByRole     []RoleCount
}

// RoleCount counts a unit's duties of one role.
type RoleCount struct {
	Role  units.Role
	Label string
	Count int
}

// UnitNotice is a unit's duties in one notice.
type UnitNotice struct {
	Notice   NoticeLink
	Issuer   string
	Sections []UnitSection
}

// UnitSection is a unit's duties in one section, by role.
type UnitSection struct {
	Title string
	Href  string
	Roles []UnitRoleDuties
}

// UnitRoleDuties lists the duties of one role.
type UnitRoleDuties struct {
	Role   units.Role
	Label  string
	Duties []*DutyView
}

// DutyView is one duty on a unit page. It shows neither the unit nor
// the role, so the view of a task reaching several units the same way is
// made once (dutyView) and its block shared by their pages.
type DutyView struct {
	Task    *TaskView
	Place   string // the item (and sub-item) the task belongs to
	Via     string
	ViaHref string
}

// dutyCounts counts duties in all, directly, through a group, and by role.
func dutyCounts(ds []catalog.Duty) (total, direct, via int, byRole []RoleCount) {
	counts := map[units.Role]int{}
	for _, d := range ds {
		total++
		counts[d.Role]++
		if d.Via != "" {
			via++
		} else {
			direct++
		}
	}
	for _, role := range units.Roles {
		if counts[role] > 0 {
			byRole = append(byRole, RoleCount{role, role.Label(), counts[role]})
		}
	}
	return
}

// unitCtx is what every page of a unit shares.
type unitCtx struct {
	byNotice map[string][]catalog.Duty
	in       []*catalog.Notice // the notices it has duties in
	notes    template.HTML
	changes  []ChangesView
}

func (r *renderer) unitContext(u *catalog.Unit) (*unitCtx, error) {
	if c, ok := r.units[u]; ok {
		return c, nil
	}
	c := &unitCtx{byNotice: map[string][]catalog.Duty{}}
	for i, d := range u.Duties {
		if i == 0 || d.Notice != u.Duties[i-1].Notice {
			c.byNotice[d.Notice] = u.DutiesIn(d.Notice)
			c.in = append(c.in, r.cat.Notice(d.Notice))
		}
	}
	if notes, ok := r.cat.Notes[u.Slug]; ok {
		h, err := r.md.HTML(notes, "n-")
		if err != nil {
			return nil, fmt.Errorf("render notes of %s: %w", u.Name, err)
		}
		c.notes = h
	}
	c.changes = r.unitChanges(u)
	r.units[u] = c
	return c, nil
}

// unitHead is the part of a unit's view every page of it shows.
func (r *renderer) unitHead(u *catalog.Unit, c *unitCtx, ds []catalog.Duty) (UnitView, error) {
	v := UnitView{Name: u.Name, Kind: u.Kind.Label(), Href: hrefs.Unit(u.Slug), Aliases: u.Aliases,
		CSVHref: unitCSVHref(u.Slug), XLSXHref: unitXLSXHref(u.Slug)}
	for _, g := range u.Groups {
		v.Groups = append(v.Groups, r.unitRef(g, ""))
	}
	for _, m := range u.Members {
		v.Members = append(v.Members, r.unitRef(m, ""))
	}
	v.Total, v.Direct, v.Via, v.ByRole = dutyCounts(ds)
	v.Notes = c.notes
	return v, nil
}

var unitCrumbs = []Crumb{{"首页", "index.html"}, {"责任单位", "units/index.html"}}

// unitPagesOf makes the unit pages that show the duties of one notice:
// the page of a unit with duties in this notice only, and the page of
// each other unit's duties in it. They are made with the notice's own
// pages, while its tasks' views are at hand.
func (r *renderer) unitPagesOf(n *catalog.Notice) error {
	for _, u := range r.cat.UnitsIn(n.Slug) {
		c, err := r.unitContext(u)
		if err != nil {
			return err
		}
		if len(c.in) == 1 {
			if err := r.unitPage(u, c); err != nil {
				return err
			}
			continue
		}
		ds := c.byNotice[n.Slug]
		v, err := r.unitHead(u, c, ds)
		if err != nil {
			return err
		}
		link := noticeLink(n)
		v.Of = &link
		un, err := r.unitNotice(n, ds)
		if err != nil {
			return err
		}
		v.Notices = []*UnitNotice{un}
		err = r.page("unit.html", hrefs.UnitNotice(u.Slug, n.Slug), noticeShort(n)+" · "+u.Name, "units",
			append(unitCrumbs[:2:2], Crumb{u.Name, hrefs.Unit(u.Slug)}), v)
		if err != nil {
			return err
		}
	}
	return nil
}

// unitPage makes the page of a unit with duties in one notice at most:
// all of them.
func (r *renderer) unitPage(u *catalog.Unit, c *unitCtx) error {
	v, err := r.unitHead(u, c, u.Duties)
	if err != nil {
		return err
	}
	v.Changes = c.changes
	for _, n := range c.in {
		un, err := r.unitNotice(n, c.byNotice[n.Slug])
		if err != nil {
			return err
		}
		v.Notices = append(v.Notices, un)
	}
	return r.page("unit.html", hrefs.Unit(u.Slug), u.Name, "units", unitCrumbs, v)
}

// unitPages makes the pages of units with no duties, and the summaries of
// units with duties in several notices; the others are made with their
// notice (unitPagesOf).
func (r *renderer) unitPages() error {
	for _, u := range r.cat.Units {
		c, err := r.unitContext(u)
		if err != nil {
			return err
		}
		switch len(c.in) {
		case 0:
			if err := r.unitPage(u, c); err != nil {
				return err
			}
		case 1:
		default:
			var rows []UnitNoticeRow
			for _, n := range c.in {
				row := UnitNoticeRow{Notice: noticeLink(n), Issuer: n.Issuer, Href: hrefs.UnitNotice(u.Slug, n.Slug)}
				row.Total, _, row.Via, row.ByRole = dutyCounts(c.byNotice[n.Slug])
				rows = append(rows, row)
			}
			v, err := r.unitHead(u, c, u.Duties)
			if err != nil {
				return err
			}
			v.Changes, v.Summary = c.changes, rows
			if err := r.page("unit.html", hrefs.Unit(u.Slug), u.Name, "units", unitCrumbs, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// unitNotice lists a unit's duties in one notice by section and role.
// Units that have the same duties in a notice (the members of a group,
// with none of their own there) share one view, and so its block.
func (r *renderer) unitNotice(n *catalog.Notice, ds []catalog.Duty) (*UnitNotice, error) {
	un, err := r.makeUnitNotice(n, ds)
	if err != nil {
		return nil, err
	}
	key := r.keyer.Key(un)
	if same, ok := r.unitNotices[key]; ok {
		return same, nil
	}
	r.unitNotices[key] = un
	return un, nil
}

func (r *renderer) makeUnitNotice(n *catalog.Notice, ds []catalog.Duty) (*UnitNotice, error) {
	type key struct {
		section int
		role    units.Role
	}
	buckets := map[key][]*DutyView{}
	for _, d := range ds {
		t := r.cat.Task(n.Slug, d.Task)
		dv, err := r.dutyView(n, t, d)
		if err != nil {
			return nil, err
		}
		k := key{t.Section, d.Role}
		buckets[k] = append(buckets[k], dv)
	}
	un := &UnitNotice{Notice: noticeLink(n), Issuer: n.Issuer}
	for _, s := range n.Sections {
		us := UnitSection{Title: sectionName(&SectionView{Label: s.Label, Title: s.DisplayTitle()}), Href: hrefs.Section(n.Slug, s.Number)}
		for _, role := range units.Roles {
			if b := buckets[key{s.Number, role}]; len(b) > 0 {
				us.Roles = append(us.Roles, UnitRoleDuties{Role: role, Label: role.Label(), Duties: b})
			}
		}
		if len(us.Roles) > 0 {
			un.Sections = append(un.Sections, us)
		}
	}
	return un, nil
}

// ---- 404 ----

func (r *renderer) notFound() error {
	pg := &Page{Site: r.info, Title: "页面不存在", Path: "404.html", Root: r.opt.Base, Nav: "", Class: "notfound"}
	b, err := r.tpl.execute("404.html", pg)
	if err != nil {
		return fmt.Errorf("render 404.html: %w", err)
	}
	data := bytes.Clone(b.Bytes())
	r.tpl.release(b)
	return r.emit("404.html", data)
}

// dutyKey is what a duty's view is made from.
type dutyKey struct {
	task *notice.Task
	via  string
}

// dutyView returns the view of a duty, made once per task and group.
func (r *renderer) dutyView(n *catalog.Notice, t *notice.Task, d catalog.Duty) (*DutyView, error) {
	k := dutyKey{t, d.Via}
	if v, ok := r.dutyCache[k]; ok {
		return v, nil
	}
	tv, err := r.taskView(n, t)
	if err != nil {
		return nil, err
	}
	v := &DutyView{Task: tv, Place: taskPlace(n.Notice, t), Via: d.Via}
	if d.Via != "" {
		v.ViaHref = hrefs.Unit(r.cat.Unit(d.Via).Slug)
	}
	r.dutyCache[k] = v
	return v, nil
}
