package site

import (
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync"

	"qingdan/internal/views"
)

// A page is its template executed on its Page, on one of the workers that
// make the site's files on every core.

// Page is what every template gets: a page of internal/views, with what
// its place in the site gives it.
type Page struct {
	Site  *views.SiteInfo
	Title string
	// FullTitle is the title of the document: the page's, then the
	// site's when they differ.
	FullTitle string
	// PrintHead heads each printed page: what the view says for a unit's
	// page (the unit and the notice), else the full title.
	PrintHead string
	// Heading is the page's own name, for the breadcrumb: the title
	// without the notice it belongs to.
	Heading string
	Path    string // output path, relative to public/
	Root    string // relative path from the page to the site root: "", "../" …
	Crumbs  *views.Trail
	Frame   Frame // what the top of the page shows

	Data any
	// set is the template set the page is executed from.
	set *template.Template
}

// Frame is what the top of every page shows: the site, the active
// navigation entry and the kind of page (the class of <body>).
type Frame struct {
	Site  *views.SiteInfo
	Nav   string
	Class string
}

// Rel turns a site-relative link into one relative to the page, for a
// site's own templates; the shipped ones call rel with the root, which
// html/template calls more cheaply than a method.
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

func printHead(v views.Page, site *views.SiteInfo) string {
	if u, ok := v.Data.(views.UnitView); ok && u.PrintHead != "" {
		return u.PrintHead
	}
	return fullTitle(v.Title, site)
}

func fullTitle(title string, site *views.SiteInfo) string {
	if title == site.Title {
		return title
	}
	return title + " · " + site.Title
}

// page queues a page; the pages are rendered together, on every core.
func (r *renderer) page(v views.Page) error {
	tmpl, p := v.Template, v.Path
	heading, _, _ := strings.Cut(v.Title, " · ")
	pg := &Page{Site: r.views.Site(), Title: v.Title, FullTitle: fullTitle(v.Title, r.views.Site()), PrintHead: printHead(v, r.views.Site()), Heading: heading, Path: p, Root: rootOf(p), Crumbs: v.Crumbs, Data: v.Data,
		Frame: Frame{r.views.Site(), v.Nav, strings.TrimSuffix(tmpl, ".html")}}
	key, kept, err := r.keyed(p, tmpl, pg)
	if err != nil || kept {
		return err
	}
	r.queue(p, key, func() ([]byte, func(), error) {
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
	// write, instead of make, writes the file where it goes itself
	// (Options.Create).
	write func() error
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
				var err error
				if j.write != nil {
					if err = j.write(); err == nil && j.key != "" {
						r.opt.Reuse.Made(j.path, j.key)
					}
				} else {
					var data []byte
					var release func()
					data, release, err = j.make()
					if err == nil {
						err = r.put(j.path, j.key, data)
					}
					if release != nil {
						release()
					}
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

// queue queues a file; when its bytes belong to a buffer, make returns
// how to release it once they are handed over.
func (r *renderer) queue(p, key string, make func() ([]byte, func(), error)) {
	r.work.jobs <- job{path: p, key: key, make: make}
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
