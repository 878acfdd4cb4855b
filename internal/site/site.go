// Package site makes the files of the static site: each page by
// executing its template (templates/, through html/template) on the view
// internal/views made for it, the assets, and the data downloads
// (internal/downloads), on every core and keeping the files of the last
// build made from the same data. Every link is relative, so the site
// works under any path of a web server and opened from disk.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"qingdan/internal/catalog"
	"qingdan/internal/downloads"
	"qingdan/internal/revision"
	"qingdan/internal/views"
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
	// Create, with Emit, opens a download to be written as it is made
	// (data/units.json and a county's tables are hundreds of megabytes on
	// a large site). Without it downloads are made in memory and handed
	// to Emit.
	Create func(path string) (FileWriter, error)
	// Reuse and Version let a build keep the files of the last one that
	// were made from the same data (see keys.go); without them every file
	// is made.
	Reuse Reuse
	// Version names the program, templates and options.
	Version string
}

// FileWriter is a download being written where it goes (Options.Create):
// Close completes it; Abort gives it up when making it failed, so that no
// part of it stands for the whole.
type FileWriter interface {
	io.Writer
	Close() error
	Abort()
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
	r := &renderer{cat: cat, opt: opt, out: map[string][]byte{}}
	tpl, err := loadTemplates(opt.Templates)
	if err != nil {
		return nil, err
	}
	r.tpl = tpl
	r.views = views.New(cat, views.Options{Title: opt.Title, Changes: opt.Changes}, r.page)
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
	views *views.Builder
	out   map[string][]byte
	outMu sync.Mutex
	work  *workers
}

func (r *renderer) all() error {
	steps := []func() error{r.views.Home, r.views.UnitsIndex, r.notFound, r.assets, r.searchPage}
	for _, n := range r.cat.Notices {
		steps = append(steps, func() error { return r.views.Notice(n) })
	}
	steps = append(steps, r.views.UnitPages, r.downloads, r.views.Changes)
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
		if r.failed() {
			return nil // finish reports the errors
		}
		// Let go of the views of the notice's tasks, which no later
		// page shows.
		r.views.Forget()
		r.tpl.resetBlocks()
	}
	return nil
}

// downloads queues the data files (internal/downloads), each keyed by
// the data it is made from.
func (r *renderer) downloads() error {
	// A file's key digests the digest of its data: the data of a table
	// (tens of megabytes of rows on a large site) is digested once for
	// its CSV and its XLSX, which hand over the same From one after the
	// other.
	var last []any
	var lastDigest string
	return downloads.Each(r.cat, func(f downloads.File) error {
		key := ""
		if f.From != nil {
			if len(f.From) == 0 || len(last) == 0 || &f.From[0] != &last[0] {
				last, lastDigest = f.From, r.views.Key(f.From...)
			}
			var kept bool
			var err error
			if key, kept, err = r.keyed(f.Path, lastDigest); err != nil || kept {
				return err
			}
		}
		if r.opt.Emit != nil && r.opt.Create != nil {
			r.work.jobs <- job{path: f.Path, key: key, write: func() error {
				w, err := r.opt.Create(f.Path)
				if err != nil {
					return err
				}
				if err := f.Make(w); err != nil {
					w.Abort()
					return err
				}
				return w.Close()
			}}
			return nil
		}
		r.queue(f.Path, key, func() ([]byte, func(), error) {
			var b bytes.Buffer
			if err := f.Make(&b); err != nil {
				return nil, nil, err
			}
			return b.Bytes(), nil, nil
		})
		return nil
	})
}

func (r *renderer) searchPage() error {
	return r.views.Search(r.opt.Search)
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

func (r *renderer) notFound() error {
	pg := &Page{Site: r.views.Site(), Title: "页面不存在", FullTitle: fullTitle("页面不存在", r.views.Site()), Path: "404.html", Root: r.opt.Base, Frame: Frame{Site: r.views.Site(), Class: "notfound"}}
	b, err := r.tpl.execute("404.html", pg)
	if err != nil {
		return fmt.Errorf("render 404.html: %w", err)
	}
	data := bytes.Clone(b.Bytes())
	r.tpl.release(b)
	return r.emit("404.html", data)
}
