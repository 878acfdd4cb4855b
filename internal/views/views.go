// Package views turns a catalog into the views of the site's pages:
// plain values (names, links, counts, the notice's Markdown rendered to
// HTML) that the templates show, and the list of pages with the view each
// gets. It reads no file and executes no template; internal/site executes
// the templates on what it hands out.
//
// Views shown on many pages (a notice's overview, a task, a duty, a
// unit's duties in a notice) are made once and shared by pointer, and
// never changed once handed out: a page's key and a shared block are
// derived from them.
package views

import (
	"fmt"

	"qingdan/internal/cache"
	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/revision"
)

// SiteWide tells the views made once for the whole site: a unit's head,
// the units of tasks and each unit in them (a UnitRef, a value of strings
// and site-wide members), a group's members, a notice's link and overview,
// the site itself, the trails of the unit pages. They outlive Forget, so
// what is made of one serves every later page.
type SiteWide interface{ SiteWide() bool }

func (UnitRef) SiteWide() bool { return true }

func (*UnitHead) SiteWide() bool   { return true }
func (*UnitList) SiteWide() bool   { return true }
func (*Members) SiteWide() bool    { return true }
func (*NoticeLink) SiteWide() bool { return true }
func (*NoticeView) SiteWide() bool { return true }
func (*SiteInfo) SiteWide() bool   { return true }
func (*DutyCounts) SiteWide() bool { return true }
func (t *Trail) SiteWide() bool    { return t.siteWide }

// Options shape the views.
type Options struct {
	// Title is the site's name; default: the title of the only notice, or
	// 工作任务清单 for several.
	Title string
	// Changes holds, by notice slug, what changed since the notice's
	// previous version; nil or missing for a first version.
	Changes map[string]*revision.Report
}

// Page is a page of the site: the template that shows it, where it goes
// and the view it shows.
type Page struct {
	Template string // "task.html"
	Path     string // output path, relative to public/
	Title    string
	Nav      string // active navigation entry
	Crumbs   *Trail // nil on the home page
	Data     any
}

// Crumb is one step of a breadcrumb.
type Crumb struct {
	Label, Href string
}

// Trail is the breadcrumb of a page up to its parent: its last Crumb,
// under the trail Up. One value serves all the pages under the same
// parent, and the trail of the parent's own pages is Up, so each
// step's block is made once.
type Trail struct {
	Up       *Trail // nil for the first step
	Crumb    Crumb
	siteWide bool
}

// then returns the trail of the pages under c, itself under t.
func (t *Trail) then(c Crumb) *Trail {
	return &Trail{Up: t, Crumb: c}
}

// Trails every site has.
var (
	homeTrail  = &Trail{Crumb: Crumb{"首页", "index.html"}, siteWide: true}
	unitsTrail = &Trail{Up: homeTrail, Crumb: Crumb{"责任单位", "units/index.html"}, siteWide: true}
)

// Builder makes the views of a catalog's site and hands each page to a
// function as soon as its view is made. Its methods are called from one
// goroutine; the views it hands out may be read from any.
type Builder struct {
	cat   *catalog.Catalog
	opt   Options
	md    *markdown
	info  *SiteInfo
	emit  func(Page) error
	views views
	// unitLists holds the units of tasks by role, one value for every
	// task naming the same units the same way (unitList).
	unitLists map[string]*UnitList
	// groups holds the members of each group (members), links the link
	// of each notice by slug (noticeLinkOf).
	groups map[*catalog.Unit]*Members
	links  map[string]*NoticeLink
	// counts holds the counts of unit pages by value (unitHead).
	counts map[string]*DutyCounts
	// keyer derives keys of the views, remembering those of the notice
	// being made until Forget.
	keyer cache.Keyer
}

// New returns the builder of cat's views, which hands each page to page.
func New(cat *catalog.Catalog, opt Options, page func(Page) error) *Builder {
	b := &Builder{cat: cat, opt: opt, md: newMarkdown(), emit: page, unitLists: map[string]*UnitList{}, groups: map[*catalog.Unit]*Members{}, links: map[string]*NoticeLink{}, counts: map[string]*DutyCounts{},
		views: views{notices: map[string]*NoticeView{}, units: map[*catalog.Unit]*unitCtx{}}}
	b.views.forgetNotice()
	b.info = b.siteInfo()
	return b
}

// views are the views made once and shown on many pages.
type views struct {
	// tasks, duties and unitNotices hold the views of tasks, of duties
	// and of units' duties in the notice being made; units with the same
	// duties share one unitNotice (by key).
	tasks       map[*notice.Task]*TaskView
	duties      map[dutyKey]*DutyView
	unitNotices map[string]*UnitNotice
	// possible holds the possible duties of each collective in the
	// notice being made, by collective and duties (possibleGroup).
	possible map[string]*PossibleGroup
	// ofRun finds the group of a run the catalog shares between units
	// without spelling its key (a large site has millions of runs).
	ofRun map[catalog.RunID]*PossibleGroup
	// notices, units and kinds are the views every notice's pages share.
	notices map[string]*NoticeView
	units   map[*catalog.Unit]*unitCtx
	kinds   []KindGroup
}

// forgetNotice lets go of the views of the notice just made, which no
// later page shows.
func (v *views) forgetNotice() {
	v.tasks = map[*notice.Task]*TaskView{}
	v.duties = map[dutyKey]*DutyView{}
	v.unitNotices = map[string]*UnitNotice{}
	v.possible = map[string]*PossibleGroup{}
	v.ofRun = map[catalog.RunID]*PossibleGroup{}
}

// Forget lets go of the views of the notice just made (Notice), which no
// later page shows, and of their keys.
func (b *Builder) Forget() {
	b.views.forgetNotice()
	b.keyer.Forget()
}

// Key returns the key of data made of views (cache.Keyer): a view handed
// out since the last Forget is digested once for all the keys it is in.
func (b *Builder) Key(data ...any) string { return b.keyer.Key(data...) }

// Site returns what every page shows of the site.
func (b *Builder) Site() *SiteInfo { return b.info }

// Home hands over the home page.
func (b *Builder) Home() error { return b.home() }

// UnitsIndex hands over the index of units.
func (b *Builder) UnitsIndex() error { return b.unitsIndex() }

// Notice hands over the pages of a notice, and the unit pages that show
// its duties (those of units with duties in this notice only, and each
// other unit's duties in it), made while its tasks' views are at hand.
func (b *Builder) Notice(n *catalog.Notice) error {
	if err := b.notice(n); err != nil {
		return err
	}
	return b.unitPagesOf(n)
}

// UnitPages hands over the pages of units with no duties, and the
// summaries of units with duties in several notices.
func (b *Builder) UnitPages() error { return b.unitPages() }

// Search hands over the search page, which shows filters.
func (b *Builder) Search(filters any) error {
	return b.page("search.html", "search.html", "搜索", "search", homeTrail, filters)
}

// Changes hands over the 修订对照 page of each revised notice.
func (b *Builder) Changes() error { return b.changes() }

func (b *Builder) page(tmpl, p, title, nav string, crumbs *Trail, data any) error {
	return b.emit(Page{Template: tmpl, Path: p, Title: title, Nav: nav, Crumbs: crumbs, Data: data})
}

// SiteInfo is shown on every page. It holds only what changes with the
// list of notices, so that a revised notice leaves the pages of the others
// as they were.
type SiteInfo struct {
	Title   string
	Notices []NoticeLink
}

// NoticeLink names a notice in navigation.
type NoticeLink struct {
	Title, DocNumber, Date, Href string
}

func (b *Builder) siteInfo() *SiteInfo {
	s := &SiteInfo{Title: b.opt.Title}
	for _, n := range b.cat.Notices {
		s.Notices = append(s.Notices, noticeLink(n))
	}
	if s.Title == "" {
		if len(b.cat.Notices) == 1 {
			s.Title = b.cat.Notices[0].Title
		} else {
			s.Title = "工作任务清单"
		}
	}
	return s
}

// noticeLinkOf returns the link of a notice, one value per notice.
func (b *Builder) noticeLinkOf(n *catalog.Notice) *NoticeLink {
	l, ok := b.links[n.Slug]
	if !ok {
		link := noticeLink(n)
		l = &link
		b.links[n.Slug] = l
	}
	return l
}

func noticeLink(n *catalog.Notice) NoticeLink {
	return NoticeLink{Title: n.Title, DocNumber: n.DocNumber, Date: displayDate(n.Date), Href: hrefs.Notice(n.Slug)}
}

func displayDate(d string) string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); err != nil {
		return d
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}
