package site

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"qingdan/internal/units"
)

// The page templates. Each defines "content" (and may define "head"),
// and is executed inside base.html.
var pageTemplates = []string{
	"home.html", "notice.html", "full.html", "section.html", "item.html",
	"task.html", "units.html", "unit.html", "matrix.html", "404.html", "search.html",
	"changes.html",
}

// ChangesCard is the data of the changes-body partial.
type ChangesCard struct {
	P *Page
	C ChangesView
}

type templates struct {
	pages map[string]*template.Template
	// fast holds the Go writers of the pages whose templates are the
	// shipped ones (fast.go).
	fast map[string]fastPage
}

var funcs = template.FuncMap{
	"roleClass": func(r units.Role) string { return "role-" + string(r) },
	"roleShort": roleShort,
	"add":       func(a, b int) int { return a + b },
	// changes pairs a changes view with its page, for changes-body.
	"changes": func(p *Page, c ChangesView) ChangesCard { return ChangesCard{P: p, C: c} },
	"join":    strings.Join,
}

// roleShort is the one-character mark of a role in the matrix.
func roleShort(r units.Role) string {
	switch r {
	case units.Lead:
		return "牵"
	case units.Cooperate:
		return "配"
	case units.Supervise:
		return "督"
	case units.Guide:
		return "指"
	}
	return "负"
}

// fragmentFuncs are the template functions that call the Go-built
// fragments of a renderer.
func (r *renderer) fragmentFuncs() template.FuncMap {
	return template.FuncMap{
		"taskCard":   func(p *Page, t TaskView) template.HTML { return r.taskCard(p.Root, t) },
		"roles":      func(p *Page, t TaskView) template.HTML { return r.roles(p.Root, t) },
		"unitList":   func(p *Page, t TaskView) template.HTML { return r.unitList(p.Root, t) },
		"duties":     func(p *Page, ds []DutyView) template.HTML { return r.duties(p.Root, ds) },
		"matrixRows": func(p *Page, v MatrixView) template.HTML { return r.matrixRows(p.Root, v) },
		"taskRows":   func(p *Page, rows []TaskRow) template.HTML { return r.tableRows(p.Root, rows) },
	}
}

func loadTemplates(fsys fs.FS, more template.FuncMap) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}}
	base, err := fs.ReadFile(fsys, "base.html")
	if err != nil {
		return nil, fmt.Errorf("site: templates: %w", err)
	}
	sources := map[string][]byte{}
	for _, name := range pageTemplates {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("site: templates: %w", err)
		}
		sources[name] = src
		tp, err := template.New("base.html").Funcs(funcs).Funcs(more).Parse(string(base))
		if err == nil {
			tp, err = tp.New(name).Parse(string(src))
		}
		if err != nil {
			return nil, fmt.Errorf("site: templates: %w", err)
		}
		t.pages[name] = tp
	}
	t.fast = fastWriters(base, sources)
	return t, nil
}

func (t *templates) execute(w io.Writer, name string, data any) error {
	tp, ok := t.pages[name]
	if !ok {
		return errors.New("no template " + name)
	}
	return tp.ExecuteTemplate(w, "base.html", data)
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
