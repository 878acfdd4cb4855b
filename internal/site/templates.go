package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"qingdan/internal/units"
	"qingdan/internal/views"
)

// The templates are the only writer of every page. base.html and
// blocks.html are parsed once and cloned for each page template, which
// defines "content" (and may define "head") and is executed inside
// base.html. blocks.html defines what several pages show (a task card, a
// duty, a row); a block called through `shared` is made once per view
// and page depth and reused as trusted HTML, which is most of what keeps
// the templates cheap on a large site.

// sharedTemplates are parsed into every page's set.
var sharedTemplates = []string{"base.html", "blocks.html"}

// The page templates.
var pageTemplates = []string{
	"home.html", "notice.html", "full.html", "check.html", "section.html", "item.html",
	"task.html", "units.html", "unit.html", "matrix.html", "404.html", "search.html",
	"changes.html",
}

// Part is what a block of blocks.html gets: a view, and the page's root
// for its links. It holds nothing else of the page, so a block made for
// one page is right for every page at the same depth.
type Part struct {
	Root string
	Data any
	// set is the template set of the page the part is shown on.
	set *template.Template
}

// Rel turns a site-relative link into one relative to the page, for a
// site's own templates; the shipped ones call rel with the root, which
// html/template calls more cheaply than a method.
func (p Part) Rel(target string) string { return rel(p.Root, target) }

// ChangesCard is the data of the changes-body partial.
type ChangesCard struct {
	P *Page
	C views.ChangesView
}

type templates struct {
	pages map[string]*template.Template
	// own holds, by page set, the blocks its page template defines
	// again; the blocks a page does not redefine are the same in every
	// set, so a block made for one page serves the others.
	own map[*template.Template]map[string]bool
	// blocks holds the blocks made by `shared`: of views of the notice
	// being made until reset, and in lasting those of site-wide views
	// (views.SiteWide, Frame), which later pages show too.
	mu      sync.Mutex
	blocks  map[blockKey]template.HTML
	lasting map[blockKey]template.HTML
	// buffers holds page buffers to use again: pages are small and
	// many, so a sync.Pool, which the collector may empty, serves (the
	// downloads are written as they are made, see Options.Create).
	buffers sync.Pool
}

// blockKey names a block made for a page: the page's template set when
// its page template defines the block again (nil otherwise), the block,
// the page's depth and the view. A view is a pointer to a view made once per
// build and never changed, or a comparable value of such pointers and
// strings (Frame): either way it stands for all the data the block
// shows. The map holding a key keeps its pointers alive, so no other view
// takes their address.
type blockKey struct {
	set  *template.Template
	name string
	root string
	view any
}

var funcs = template.FuncMap{
	"roleClass": func(r units.Role) string { return "role-" + string(r) },
	"roleShort": views.RoleMark,
	"add":       func(a, b int) int { return a + b },
	// changes pairs a changes view with its page, for changes-body.
	"changes": func(p *Page, c views.ChangesView) ChangesCard { return ChangesCard{P: p, C: c} },
	"join":    strings.Join,
	// rel makes a site link relative to a page, given the page's root:
	// a function is called more cheaply than the Rel methods.
	"rel": rel,
	// part hands a view to a block of blocks.html, on a page or inside
	// a block.
	"part": partOf,
}

func loadTemplates(fsys fs.FS) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}, own: map[*template.Template]map[string]bool{}}
	root := template.New("base.html").Funcs(funcs).Funcs(template.FuncMap{"shared": t.shared})
	for _, name := range sharedTemplates {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load templates: %w", err)
		}
		tp := root
		if name != root.Name() {
			tp = root.New(name)
		}
		if _, err := tp.Parse(string(src)); err != nil {
			return nil, fmt.Errorf("load templates: %w", err)
		}
	}
	for _, name := range pageTemplates {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load templates: %w", err)
		}
		set, err := root.Clone()
		if err == nil {
			_, err = set.New(name).Parse(string(src))
		}
		if err != nil {
			return nil, fmt.Errorf("load templates: %w", err)
		}
		t.pages[name] = set
		t.own[set] = map[string]bool{}
		for _, shared := range root.Templates() {
			if mine := set.Lookup(shared.Name()); mine.Tree == nil || shared.Tree == nil || mine.Tree.Root.String() != shared.Tree.Root.String() {
				t.own[set][shared.Name()] = true
			}
		}
	}
	return t, nil
}

// execute renders a page into a buffer from the pool; release gives the
// buffer back once its bytes are no longer used.
func (t *templates) execute(name string, p *Page) (*bytes.Buffer, error) {
	set, ok := t.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %s", name)
	}
	p.set = set
	b := t.buffer()
	if err := set.ExecuteTemplate(b, "base.html", p); err != nil {
		t.release(b)
		return nil, err
	}
	return b, nil
}

func (t *templates) buffer() *bytes.Buffer {
	if b, ok := t.buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return bytes.NewBuffer(make([]byte, 0, 16<<10)) // most pages are 8 to 16 KB
}

func (t *templates) release(b *bytes.Buffer) {
	b.Reset()
	t.buffers.Put(b)
}

// shared renders a block of the page's set for a view, or returns the
// one made before for the same view at the same depth; given a slice of
// views, it does so for each and joins them. A view that cannot be a key
// is rendered every time. It is called on a page (*Page) or inside a
// block (Part).
func (t *templates) shared(name string, on any, view any) (template.HTML, error) {
	at, err := partOf(on, nil)
	if err != nil {
		return "", err
	}
	if v := reflect.ValueOf(view); v.Kind() == reflect.Slice {
		// Joined in one string of the right size (a list of one is
		// its block): on a large site these lists are much of what the
		// templates allocate.
		parts := make([]template.HTML, v.Len())
		size := 0
		for i := range parts {
			h, err := t.sharedOne(name, at, v.Index(i).Interface())
			if err != nil {
				return "", err
			}
			parts[i] = h
			size += len(h)
		}
		if len(parts) == 1 {
			return parts[0], nil
		}
		var b strings.Builder
		b.Grow(size)
		for _, h := range parts {
			b.WriteString(string(h))
		}
		return template.HTML(b.String()), nil
	}
	return t.sharedOne(name, at, view)
}

// partOf returns the part that shows view on a page or inside a block.
func partOf(on, view any) (Part, error) {
	switch on := on.(type) {
	case *Page:
		return Part{Root: on.Root, Data: view, set: on.set}, nil
	case Part:
		return Part{Root: on.Root, Data: view, set: on.set}, nil
	}
	return Part{}, fmt.Errorf("a block is shown on a %T, not a page or a block", on)
}

func (t *templates) sharedOne(name string, at Part, view any) (template.HTML, error) {
	at.Data = view
	if view == nil || !reflect.TypeOf(view).Comparable() {
		return t.block(name, at)
	}
	k := blockKey{nil, name, at.Root, view}
	if t.own[at.set][name] {
		k.set = at.set
	}
	lasting := isSiteWide(view)
	t.mu.Lock()
	var h template.HTML
	var ok bool
	if lasting {
		h, ok = t.lasting[k]
	} else {
		h, ok = t.blocks[k]
	}
	t.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := t.block(name, at)
	if err != nil {
		return "", err
	}
	t.mu.Lock()
	switch {
	case lasting:
		if t.lasting == nil {
			t.lasting = map[blockKey]template.HTML{}
		}
		t.lasting[k] = h
	default:
		if t.blocks == nil {
			t.blocks = map[blockKey]template.HTML{}
		}
		t.blocks[k] = h
	}
	t.mu.Unlock()
	return h, nil
}

func (t *templates) block(name string, part Part) (template.HTML, error) {
	b := t.buffer()
	defer t.release(b)
	if err := part.set.ExecuteTemplate(b, name, part); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

func isSiteWide(view any) bool {
	switch v := view.(type) {
	case views.SiteWide:
		return v.SiteWide()
	case Frame:
		return true
	}
	return false
}

// resetBlocks lets go of the blocks made so far of views no page to come
// shows.
func (t *templates) resetBlocks() {
	t.mu.Lock()
	t.blocks = nil
	t.mu.Unlock()
}

// Overlay returns the templates of a site: its own file where it has one,
// else the embedded default.
func Overlay(own, defaults fs.FS) fs.FS {
	if own == nil {
		return defaults
	}
	return overlay{own, defaults}
}

type overlay struct{ own, def fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.own.Open(name); err == nil {
		return f, nil
	}
	return o.def.Open(name)
}

// ReadDir merges both directories so assets/ lists files from either.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, f := range []fs.FS{o.def, o.own} {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			firstErr = err
			continue
		}
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		out = append(out, seen[k])
	}
	return out, nil
}
