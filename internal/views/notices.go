package views

import (
	"html/template"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/pinyin"
	"qingdan/internal/units"
)

// The home page and the pages of a notice: overview, full text, sections
// and items.

// HomeView is the home page: the notices with their sections, a unit
// picker and the search box.
type HomeView struct {
	Notices []*NoticeView
	Kinds   []KindGroup
}

// NoticeView is a notice's overview.
type NoticeView struct {
	NoticeHead
	NoticeFooter
	NoticeLinks
	NoticeText
	NoticeCounts
	Sections []*SectionView
	Warnings []notice.Warning
}

// NoticeHead is what identifies a notice: its header, and the
// IndexNumber (索引号), Category (主题分类) and PublishDate (发布日期) of
// a notice saved from a portal.
type NoticeHead struct {
	Slug, Title, DocNumber, Issuer, Date, Recipients string
	IndexNumber, Category, PublishDate               string
}

// MetaField is one labelled value of a notice's metadata block.
type MetaField struct{ Label, Value string }

// MetaRows are the notice's metadata as 政府 portals lay it out, two
// fields a row in their order (索引号, 主题分类, 发文机关, 成文日期, 文号,
// 印发日期, 发布日期), the title last; a field the notice does not give
// is left out rather than shown empty.
func (v *NoticeView) MetaRows() [][]MetaField {
	var fields []MetaField
	for _, f := range []MetaField{{"索引号", v.IndexNumber}, {"主题分类", v.Category}, {"发文机关", v.Issuer},
		{"成文日期", v.Date}, {"文号", v.DocNumber}, {"印发日期", v.PrintDate}, {"发布日期", v.PublishDate}} {
		if f.Value != "" {
			fields = append(fields, f)
		}
	}
	var rows [][]MetaField
	for len(fields) > 0 {
		n := min(2, len(fields))
		rows = append(rows, fields[:n])
		fields = fields[n:]
	}
	return append(rows, []MetaField{{"标题", v.Title}})
}

// NoticeFooter is the footer of a notice: who printed it, when, and to
// whom it was copied.
type NoticeFooter struct {
	PrintedBy, PrintDate string
	CC                   []string
}

// NoticeLinks are the pages and downloads of a notice.
type NoticeLinks struct {
	Href, FullHref, MatrixHref, ChangesHref string
	JSONHref, CSVHref, XLSXHref             string
}

// NoticeText is the text of a notice around its sections.
type NoticeText struct {
	Preamble           template.HTML
	PreambleExcerpt    string
	Closing            template.HTML
	Notes, Attachments []string
}

// NoticeCounts counts a notice's tasks, items and units.
type NoticeCounts struct {
	Tasks, Items, Units int
}

// SectionView is a section with its items.
type SectionView struct {
	Label, Title, Href, Anchor string
	// Name is Label and Title as one text, as links name the section.
	Name                 string
	Number               int
	Text                 template.HTML
	Items                []*ItemView
	Tasks                []*TaskView // duties written in the section's own text
	TaskCount, UnitCount int
}

// ItemView is an item with its sub-items and tasks.
type ItemView struct {
	Label, Title, Href, Anchor string
	Section, Number            int
	Sep                        string
	Lead                       template.HTML
	Subitems                   []SubitemView
	Tasks                      []*TaskView
	HasHeading                 bool
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

func (b *Builder) home() error {
	v := HomeView{Kinds: b.kindGroups()}
	for _, n := range b.cat.Notices {
		nv, err := b.noticeView(n)
		if err != nil {
			return err
		}
		v.Notices = append(v.Notices, nv)
	}
	return b.page("home.html", "index.html", b.info.Title, "home", nil, v)
}

// kindGroups lists the units by kind, for the home page and the unit
// index; built once.
func (b *Builder) kindGroups() []KindGroup {
	if b.views.kinds == nil {
		b.views.kinds = b.makeKindGroups()
	}
	return b.views.kinds
}

func (b *Builder) makeKindGroups() []KindGroup {
	out := []KindGroup{}
	for _, k := range units.Kinds {
		g := KindGroup{Kind: k, Label: k.Label()}
		for _, u := range b.cat.Units {
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
func (b *Builder) noticeView(n *catalog.Notice) (*NoticeView, error) {
	if v, ok := b.views.notices[n.Slug]; ok {
		return v, nil
	}
	v, err := b.makeNoticeView(n)
	if err == nil {
		b.views.notices[n.Slug] = v
	}
	return v, err
}

func (b *Builder) makeNoticeView(n *catalog.Notice) (*NoticeView, error) {
	pre, err := b.body(n, catalog.PreambleBody(), strings.Join(n.Preamble, "\n"), "p-")
	if err != nil {
		return nil, err
	}
	closing, err := b.text(strings.Join(n.Closing, "\n"), "c-")
	if err != nil {
		return nil, err
	}
	v := &NoticeView{
		NoticeHead: NoticeHead{Slug: n.Slug, Title: n.Title, DocNumber: n.DocNumber, Issuer: n.Issuer, Date: displayDate(n.Date),
			Recipients: n.Recipients, IndexNumber: n.IndexNumber, Category: n.Category, PublishDate: displayDate(n.PublishDate)},
		NoticeFooter: NoticeFooter{PrintedBy: n.PrintedBy, PrintDate: displayDate(n.PrintDate), CC: n.CC},
		NoticeLinks: NoticeLinks{Href: hrefs.Notice(n.Slug), FullHref: hrefs.Full(n.Slug), MatrixHref: hrefs.Matrix(n.Slug),
			JSONHref: hrefs.NoticeJSON(n.Slug), CSVHref: hrefs.NoticeCSV(n.Slug), XLSXHref: hrefs.NoticeXLSX(n.Slug)},
		NoticeText:   NoticeText{Preamble: pre, Closing: closing, Notes: n.Notes, Attachments: n.Attachments},
		NoticeCounts: NoticeCounts{Tasks: len(n.Tasks)},
		Warnings:     n.Warnings,
	}
	if b.opt.Changes[n.Slug] != nil {
		v.ChangesHref = hrefs.Changes(n.Slug)
	}
	if len(n.Preamble) > 0 {
		v.PreambleExcerpt = excerpt(n.Preamble[0], 120)
	}
	seen := map[string]bool{}
	for _, t := range n.Tasks {
		for _, a := range t.Units {
			seen[b.cat.Registry.Canonical(a.Name)] = true
		}
	}
	v.Units = len(seen)
	for _, s := range n.Sections {
		sv, err := b.sectionView(n, s, false)
		if err != nil {
			return nil, err
		}
		v.Items += len(s.Items)
		v.Sections = append(v.Sections, sv)
	}
	return v, nil
}

// sectionView builds a section; with detail, its items' texts and tasks.
func (b *Builder) sectionView(n *catalog.Notice, s notice.Section, detail bool) (*SectionView, error) {
	sv := &SectionView{Number: s.Number,
		Label: s.Label, Title: s.DisplayTitle(), Href: hrefs.Section(n.Slug, s.Number), Anchor: sectionAnchor(s.Number),
	}
	sv.Name = sv.Label + sv.Title
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
	if sv.Text, err = b.body(n, catalog.SectionBody(s.Number), s.Text, sectionAnchor(s.Number)+"-"); err != nil {
		return sv, err
	}
	for _, it := range s.Items {
		iv, err := b.itemView(n, it)
		if err != nil {
			return sv, err
		}
		sv.Items = append(sv.Items, iv)
	}
	for i := range n.Tasks {
		if t := &n.Tasks[i]; t.Section == s.Number && t.Item == 0 {
			tv, err := b.taskView(n, t)
			if err != nil {
				return sv, err
			}
			sv.Tasks = append(sv.Tasks, tv)
		}
	}
	return sv, nil
}

func (b *Builder) itemView(n *catalog.Notice, it notice.Item) (*ItemView, error) {
	lead, err := b.body(n, catalog.ItemBody(it.Section, it.Number), it.Lead, itemAnchor(it.Section, it.Number)+"-")
	if err != nil {
		return nil, err
	}
	iv := &ItemView{
		Section: it.Section, Number: it.Number, Sep: it.Sep, Lead: lead, HasHeading: it.Title != "",
		Label: it.Label, Title: it.DisplayTitle(), Href: hrefs.Item(n.Slug, it.Section, it.Number), Anchor: itemAnchor(it.Section, it.Number),
	}
	for _, sb := range it.Subitems {
		anchor := subitemAnchor(it.Section, it.Number, sb.Number)
		text, err := b.text(sb.Text, anchor+"-")
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
			tv, err := b.taskView(n, t)
			if err != nil {
				return nil, err
			}
			iv.Tasks = append(iv.Tasks, tv)
		}
	}
	return iv, nil
}

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

func (b *Builder) notice(n *catalog.Notice) error {
	nv, err := b.noticeView(n)
	if err != nil {
		return err
	}
	trail := homeTrail.then(Crumb{noticeShort(n), hrefs.Notice(n.Slug)})
	if err := b.page("notice.html", hrefs.Notice(n.Slug), n.Title, "notice", homeTrail, nv); err != nil {
		return err
	}
	full := FullView{Notice: nv}
	for _, s := range n.Sections {
		sv, err := b.sectionView(n, s, true)
		if err != nil {
			return err
		}
		full.Sections = append(full.Sections, sv)
		if err := b.page("section.html", hrefs.Section(n.Slug, s.Number), sectionName(sv)+" · "+noticeShort(n), "notice", trail, SectionPageView{nv, sv}); err != nil {
			return err
		}
		under := trail.then(Crumb{sectionName(sv), sv.Href})
		for _, iv := range sv.Items {
			if err := b.page("item.html", iv.Href, iv.Label+iv.Title+" · "+noticeShort(n), "notice", under, ItemPageView{nv, sv, iv}); err != nil {
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
	if err := b.page("full.html", hrefs.Full(n.Slug), "全文 · "+noticeShort(n), "notice", trail, full); err != nil {
		return err
	}
	if err := b.page("check.html", hrefs.Check(n.Slug), "校对 · "+noticeShort(n), "notice", trail, nv); err != nil {
		return err
	}
	if err := b.tasks(n, nv, full, trail); err != nil {
		return err
	}
	return b.matrix(n, nv, trail)
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
