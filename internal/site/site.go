// Package site renders the static site from the content tree: pages
// through html/template, Markdown bodies through goldmark, and the data
// downloads. Every link is relative, so the site works under any path of
// a web server and opened from disk.
package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"qingdan/internal/cache"
	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/revision"
	"qingdan/internal/units"
	"qingdan/internal/xlsx"
)

// Options shape the site.
type Options struct {
	// Title is the site's name; default: the title of the only notice, or
	// 工作任务清单 for several.
	Title string
	// Base is the path the site is served under (/ or /anquan/). Only the
	// 404 page uses it, since a web server shows that page at any path.
	Base string
	// Templates holds the page templates and assets/ (defaults embedded,
	// overridden file by file by a site's own templates/).
	Templates fs.FS
	// Extra pages or files to add (the search index), by path.
	Extra map[string][]byte
	// Search holds the labels of the search filters, in the order of the
	// index's own lists.
	Search SearchFilters
	// Changes holds, by notice slug, what changed since the notice's
	// previous version; nil or missing for a first version.
	Changes map[string]*revision.Report
	// Emit, when set, receives each file as soon as it is made, from
	// several goroutines at once, and Render returns no map: a large site
	// is never all in memory. Emit must not keep the bytes after it
	// returns: their buffer is used again.
	Emit func(path string, data []byte) error
	// Reuse and Version let a build keep the files of the last one that
	// were made from the same data (see keys.go); without them every file
	// is made.
	Reuse Reuse
	// Version names the program, templates and options.
	Version string
}

// SearchFilters are the choices of the search page's filters.
type SearchFilters struct {
	Sections, Kinds, Roles []string
}

// Render renders every page and file of the site of a catalog, by path
// relative to public/. The same catalog and options give the same bytes.
func Render(cat *catalog.Catalog, opt Options) (map[string][]byte, error) {
	if opt.Templates == nil {
		return nil, fmt.Errorf("render site: no templates")
	}
	if opt.Base == "" {
		opt.Base = "/"
	}
	if !strings.HasSuffix(opt.Base, "/") {
		opt.Base += "/"
	}
	r := &renderer{cat: cat, opt: opt, md: newMarkdown(), out: map[string][]byte{}, taskCache: map[*notice.Task]*TaskView{}, dutyCache: map[dutyKey]*DutyView{}, unitNotices: map[string]*UnitNotice{}, units: map[*catalog.Unit]*unitCtx{}, noticeViews: map[string]*NoticeView{}}
	tpl, err := loadTemplates(opt.Templates)
	if err != nil {
		return nil, err
	}
	r.tpl = tpl
	r.sheets = &xlsx.Blocks{}
	r.info = r.siteInfo()
	r.startWorkers()
	err = r.all()
	if err := errors.Join(err, r.finish()); err != nil {
		return nil, err
	}
	for _, p := range slices.Sorted(maps.Keys(opt.Extra)) {
		if err := r.emit(p, opt.Extra[p]); err != nil {
			return nil, err
		}
	}
	if opt.Emit != nil {
		return nil, nil
	}
	return r.out, nil
}

// emit hands over a file made now, from the main goroutine, and made by
// every build.
func (r *renderer) emit(p string, data []byte) error {
	return r.put(p, "", data)
}

// put hands over one file made from key: to Options.Emit, or to the map
// Render returns.
func (r *renderer) put(p, key string, data []byte) error {
	if key != "" {
		r.opt.Reuse.Made(p, key)
	}
	if r.opt.Emit != nil {
		return r.opt.Emit(p, data)
	}
	r.outMu.Lock()
	defer r.outMu.Unlock()
	if _, dup := r.out[p]; dup {
		return fmt.Errorf("site: %s made twice", p)
	}
	r.out[p] = data
	return nil
}

type renderer struct {
	cat   *catalog.Catalog
	opt   Options
	tpl   *templates
	md    *markdown
	info  *SiteInfo
	out   map[string][]byte
	outMu sync.Mutex
	work  *workers
	// taskCache and dutyCache hold the views of tasks and duties, which
	// many pages show, for the notice being made.
	taskCache map[*notice.Task]*TaskView
	dutyCache map[dutyKey]*DutyView
	// unitNotices holds the views of units' duties in the notice being
	// made, by key: units with the same duties share one.
	unitNotices map[string]*UnitNotice
	// keyer derives the keys of files (keys.go).
	keyer       cache.Keyer
	units       map[*catalog.Unit]*unitCtx
	noticeViews map[string]*NoticeView
	kinds       []KindGroup
	// sheets holds the compressed row blocks of the XLSX tables.
	sheets *xlsx.Blocks
}

// SiteInfo is shown on every page. It holds only what changes with the
// list of notices, so that a revised notice leaves the pages of the others
// as they were (see keys.go).
type SiteInfo struct {
	Title   string
	Notices []NoticeLink
}

// NoticeLink names a notice in navigation.
type NoticeLink struct {
	Title, DocNumber, Date, Href string
}

func (r *renderer) siteInfo() *SiteInfo {
	s := &SiteInfo{Title: r.opt.Title}
	for _, n := range r.cat.Notices {
		s.Notices = append(s.Notices, noticeLink(n))
	}
	if s.Title == "" {
		if len(r.cat.Notices) == 1 {
			s.Title = r.cat.Notices[0].Title
		} else {
			s.Title = "工作任务清单"
		}
	}
	return s
}

// Page is what every template gets.
type Page struct {
	Site  *SiteInfo
	Title string
	// Heading is the page's own name, for the breadcrumb: the title
	// without the notice it belongs to.
	Heading string
	Path    string // output path, relative to public/
	Root    string // relative path from the page to the site root: "", "../" …
	Nav     string // active navigation entry
	Crumbs  []Crumb
	Class   string // class of <body>
	Data    any
	// set is the template set the page is executed from.
	set *template.Template
}

// Frame is what the header of every page shows: the site and the active
// navigation entry.
type Frame struct {
	Site *SiteInfo
	Nav  string
}

// Frame returns what the page's header shows.
func (p *Page) Frame() Frame { return Frame{p.Site, p.Nav} }

// Crumb is one step of a breadcrumb.
type Crumb struct {
	Label, Href string
}

// Rel turns a site-relative link into one relative to the page.
func (p *Page) Rel(target string) string { return rel(p.Root, target) }

func rel(root, target string) string {
	if strings.HasPrefix(target, "#") {
		return target
	}
	return root + target
}

func rootOf(p string) string {
	depth := strings.Count(p, "/")
	return strings.Repeat("../", depth)
}

// page queues a page; the pages are rendered together, on every core.
func (r *renderer) page(tmpl, p, title, nav string, crumbs []Crumb, data any) error {
	heading, _, _ := strings.Cut(title, " · ")
	pg := &Page{Site: r.info, Title: title, Heading: heading, Path: p, Root: rootOf(p), Nav: nav, Crumbs: crumbs, Data: data, Class: strings.TrimSuffix(tmpl, ".html")}
	key, kept, err := r.keyed(p, tmpl, pg)
	if err != nil || kept {
		return err
	}
	r.queueOwned(p, key, func() ([]byte, func(), error) {
		b, err := r.tpl.execute(tmpl, pg)
		if err != nil {
			return nil, nil, fmt.Errorf("render %s: %w", p, err)
		}
		if r.opt.Emit == nil {
			return b.Bytes(), nil, nil // kept in the map Render returns
		}
		return b.Bytes(), func() { r.tpl.release(b) }, nil
	})
	return nil
}

// job makes one file of the site.
type job struct {
	path, key string
	// make makes the file; release, when not nil, is called once the
	// bytes are handed over.
	make func() (data []byte, release func(), err error)
}

// workers make the queued files on every core while the main goroutine
// builds the views of the next ones. The queue is short, so only a few
// pages' views wait in memory. Each file depends only on its own data, so
// the bytes do not depend on the order.
type workers struct {
	jobs chan job
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

func (r *renderer) startWorkers() {
	w := &workers{jobs: make(chan job, 64)}
	r.work = w
	for range runtime.GOMAXPROCS(0) {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for j := range w.jobs {
				data, release, err := j.make()
				if err == nil {
					err = r.put(j.path, j.key, data)
				}
				if release != nil {
					release()
				}
				if err != nil {
					w.mu.Lock()
					w.errs = append(w.errs, err)
					w.mu.Unlock()
				}
			}
		}()
	}
}

func (r *renderer) queue(p, key string, make func() ([]byte, error)) {
	r.queueOwned(p, key, func() ([]byte, func(), error) {
		data, err := make()
		return data, nil, err
	})
}

// queueOwned queues a file whose bytes belong to a buffer that is
// released once they are handed over.
func (r *renderer) queueOwned(p, key string, make func() ([]byte, func(), error)) {
	r.work.jobs <- job{p, key, make}
}

// failed tells whether a file failed to be made; finish reports why.
func (r *renderer) failed() bool {
	r.work.mu.Lock()
	defer r.work.mu.Unlock()
	return len(r.work.errs) > 0
}

// finish waits for the queued files.
func (r *renderer) finish() error {
	close(r.work.jobs)
	r.work.wg.Wait()
	return errors.Join(r.work.errs...)
}

// Anchors of the full notice text.
func sectionAnchor(n int) string         { return fmt.Sprintf("s%d", n) }
func itemAnchor(s, n int) string         { return fmt.Sprintf("i%d-%d", s, n) }
func subitemAnchor(s, n, sub int) string { return fmt.Sprintf("i%d-%d-%d", s, n, sub) }
func taskAnchor(id string) string        { return "t" + id }

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

func (r *renderer) all() error {
	steps := []func() error{r.home, r.unitsIndex, r.notFound, r.assets, r.searchPage}
	for _, n := range r.cat.Notices {
		n := n
		steps = append(steps, func() error {
			if err := r.notice(n); err != nil {
				return err
			}
			return r.unitPagesOf(n)
		})
	}
	steps = append(steps, r.unitPages, r.data, r.changes)
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
		if r.failed() {
			return nil // finish reports the errors
		}
		// Let go of the views of the notice's tasks, which no later
		// page shows.
		r.taskCache = map[*notice.Task]*TaskView{}
		r.dutyCache = map[dutyKey]*DutyView{}
		r.unitNotices = map[string]*UnitNotice{}
		r.tpl.resetBlocks()
		r.keyer.Forget()
	}
	return nil
}

func (r *renderer) searchPage() error {
	return r.page("search.html", "search.html", "搜索", "search", []Crumb{{"首页", "index.html"}}, r.opt.Search)
}

// assets copies the files under assets/ of the templates.
func (r *renderer) assets() error {
	return fs.WalkDir(r.opt.Templates, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("copy assets: %w", err)
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(r.opt.Templates, p)
		if err != nil {
			return fmt.Errorf("copy assets: %w", err)
		}
		return r.emit(p, b)
	})
}

// body renders the Markdown body of a part of a notice: as content/
// holds it, or made from text.
func (r *renderer) body(n *catalog.Notice, of catalog.BodyOf, text, prefix string) (template.HTML, error) {
	h, err := r.md.HTML(n.Body(of, text), prefix)
	if err != nil {
		return "", fmt.Errorf("render the Markdown of %s %v: %w", n.Slug, of, err)
	}
	return h, nil
}

// text renders text of the notice that has no content file of its own.
func (r *renderer) text(text, prefix string) (template.HTML, error) {
	h, err := r.md.HTML(catalog.Markdown(text), prefix)
	if err != nil {
		return "", fmt.Errorf("render Markdown of %q…: %w", excerpt(text, 20), err)
	}
	return h, nil
}

// ---- shared views ----

// UnitRef is a unit named on a page.
type UnitRef struct {
	Name, Href, Kind string
	Role             units.Role
	RoleLabel        string
	Rule             string    // the standing rule that added it
	Members          []UnitRef // when the unit is a group
}

// RoleGroup lists the units of one role.
type RoleGroup struct {
	Role  units.Role
	Label string
	Units []UnitRef
}

func (r *renderer) unitRef(name string, role units.Role) UnitRef {
	u := r.cat.Unit(name)
	ref := UnitRef{Name: name, Role: role, RoleLabel: role.Label()}
	if u != nil {
		ref.Href = hrefs.Unit(u.Slug)
		ref.Kind = string(u.Kind)
		for _, m := range u.Members {
			mu := r.cat.Unit(m)
			ref.Members = append(ref.Members, UnitRef{Name: m, Href: hrefs.Unit(mu.Slug), Role: role, RoleLabel: role.Label()})
		}
	}
	return ref
}

// roleGroups groups a task's units by role, in the order of Roles.
func (r *renderer) roleGroups(list []units.Assignment) []RoleGroup {
	var out []RoleGroup
	for _, role := range units.Roles {
		g := RoleGroup{Role: role, Label: role.Label()}
		for _, a := range list {
			if a.Role == role {
				ref := r.unitRef(a.Name, a.Role)
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
	ID, Title, Href, Anchor, Label string
	Text                           template.HTML
	Excerpt                        string
	Roles                          []RoleGroup
	UnitText                       string
	Subitem                        int
	SubitemTitle                   string
	// Deadline is when the task is due, or nil.
	Deadline *notice.Deadline
}

// taskView returns the view of a task, made once per build and shared by
// every page that shows the task.
func (r *renderer) taskView(n *catalog.Notice, t *notice.Task) (*TaskView, error) {
	if v, ok := r.taskCache[t]; ok {
		return v, nil
	}
	text, err := r.body(n, catalog.TaskBody(t.ID), t.Text, "t"+t.ID+"-")
	if err != nil {
		return nil, err
	}
	v := &TaskView{
		ID: t.ID, Title: t.DisplayTitle(), Href: hrefs.Task(n.Slug, t.ID), Anchor: taskAnchor(t.ID),
		Text: text, Excerpt: excerpt(t.Text, 60), Roles: r.roleGroups(t.Units), UnitText: t.UnitText,
		Subitem: t.Subitem, Label: taskLabel(n.Notice, t), Deadline: t.Deadline,
	}
	if it := n.Item(t.Section, t.Item); it != nil && t.Subitem > 0 {
		if sb := it.Subitem(t.Subitem); sb != nil {
			v.SubitemTitle = sb.Label + sb.Title
		}
	}
	r.taskCache[t] = v
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
