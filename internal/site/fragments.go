package site

import (
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// Fragments are the pieces of HTML a page repeats many times — a task
// card, a duty on a unit page, the rows of the matrix — built here in Go
// rather than by the templates: in a template every value costs a
// reflective call, and these pieces held most of them. The pages
// themselves stay templates a site can override; the fragments they call
// (taskCard, roles, duty, matrixRows, taskRows) keep the markup the
// stylesheet expects.

var esc = template.HTMLEscapeString

type fragKey struct {
	kind, root, id string
}

type fragments struct {
	mu    sync.Mutex
	cache map[fragKey]template.HTML
}

func (f *fragments) get(k fragKey, make func() string) template.HTML {
	f.mu.Lock()
	h, ok := f.cache[k]
	f.mu.Unlock()
	if ok {
		return h
	}
	h = template.HTML(make())
	f.mu.Lock()
	if f.cache == nil {
		f.cache = map[fragKey]template.HTML{}
	}
	f.cache[k] = h
	f.mu.Unlock()
	return h
}

func (f *fragments) reset() {
	f.mu.Lock()
	f.cache = nil
	f.mu.Unlock()
}

func href(root, target string) string { return esc(root + target) }

// roles is the block of a task's units by role, with links.
func (r *renderer) roles(root string, t TaskView) template.HTML {
	return r.frags.get(fragKey{"roles", root, t.Href}, func() string {
		var b strings.Builder
		b.WriteString(`<dl class="unit-roles">`)
		for _, g := range t.Roles {
			b.WriteString(`<div class="role-line"><dt class="role-name role-`)
			b.WriteString(string(g.Role))
			b.WriteString(`">`)
			b.WriteString(esc(g.Label))
			b.WriteString(`</dt><dd>`)
			for _, u := range g.Units {
				b.WriteString(`<a class="chip role-`)
				b.WriteString(string(u.Role))
				b.WriteString(`" href="`)
				b.WriteString(href(root, u.Href))
				b.WriteString(`">`)
				b.WriteString(esc(u.Name))
				b.WriteString(`</a>`)
				if u.Rule != "" {
					b.WriteString(`<span class="rule" title="`)
					b.WriteString(esc(u.Rule))
					b.WriteString(`">（统一要求）</span>`)
				}
			}
			b.WriteString(`</dd></div>`)
		}
		b.WriteString(`</dl>`)
		return b.String()
	})
}

// taskCard is a task as item and section pages list it.
func (r *renderer) taskCard(root string, t TaskView) template.HTML {
	return r.frags.get(fragKey{"card", root, t.Href}, func() string {
		var b strings.Builder
		b.WriteString(`<article class="task-card" id="`)
		b.WriteString(esc(t.Anchor))
		b.WriteString(`"><h3><a href="`)
		b.WriteString(href(root, t.Href))
		b.WriteString(`"><span class="task-id">`)
		b.WriteString(esc(t.Label))
		b.WriteString(`</span> `)
		b.WriteString(esc(t.Title))
		b.WriteString(`</a></h3><div class="task-text">`)
		b.WriteString(string(t.Text))
		b.WriteString(`</div>`)
		b.WriteString(string(r.roles(root, t)))
		b.WriteString(`</article>`)
		return b.String()
	})
}

// duties is a list of duties on a unit page; a duty that reaches the
// unit through a group shows the start of the task, the unit's own
// duties all of it.
func (r *renderer) duties(root string, ds []DutyView) template.HTML {
	var b strings.Builder
	for _, d := range ds {
		r.duty(&b, root, d)
	}
	return template.HTML(b.String())
}

// stringWriter is where fragments are written: a strings.Builder, or a
// page being written.
type stringWriter interface {
	WriteString(string) (int, error)
}

func (r *renderer) duty(b stringWriter, root string, d DutyView) {
	b.WriteString(`<li class="duty`)
	if d.Via != "" {
		b.WriteString(` via`)
	}
	b.WriteString(`"><p class="duty-head"><a href="`)
	b.WriteString(href(root, d.Task.Href))
	b.WriteString(`">`)
	b.WriteString(esc(d.Place))
	b.WriteString(`</a> <span class="task-id">任务 `)
	b.WriteString(esc(d.Task.ID))
	b.WriteString(`</span>`)
	if d.Via != "" {
		b.WriteString(` <span class="via-tag">经由 <a href="`)
		b.WriteString(href(root, d.ViaHref))
		b.WriteString(`">`)
		b.WriteString(esc(d.Via))
		b.WriteString(`</a></span></p><p class="task-excerpt">`)
		b.WriteString(esc(d.Task.Excerpt))
		b.WriteString(`</p>`)
	} else {
		b.WriteString(`</p>`)
		b.WriteString(string(r.frags.get(fragKey{"text", "", d.Task.Href}, func() string {
			return `<div class="task-text">` + string(d.Task.Text) + `</div><p class="co-units">责任单位：` + esc(d.Task.UnitText) + `</p>`
		})))
	}
	b.WriteString(`</li>`)
}

// matrixRows is the body of the matrix: a row per unit, a cell per item.
func (r *renderer) matrixRows(root string, v MatrixView) template.HTML {
	var b strings.Builder
	for _, row := range v.Rows {
		b.WriteString(`<tr`)
		if row.Member {
			b.WriteString(` class="member"`)
		}
		b.WriteString(`><th scope="row"><a href="`)
		b.WriteString(href(root, row.Href))
		b.WriteString(`">`)
		b.WriteString(esc(row.Name))
		b.WriteString(`</a></th>`)
		for _, c := range row.Cells {
			b.WriteString(`<td`)
			if c.Via {
				b.WriteString(` class="via"`)
			}
			b.WriteString(`>`)
			if len(c.Roles) > 0 {
				b.WriteString(`<a href="`)
				b.WriteString(href(root, c.Href))
				b.WriteString(`" title="`)
				b.WriteString(esc(c.Title))
				b.WriteString(`">`)
				for _, role := range c.Roles {
					b.WriteString(`<span class="mark role-`)
					b.WriteString(string(role))
					b.WriteString(`">`)
					b.WriteString(roleShort(role))
					b.WriteString(`</span>`)
				}
				b.WriteString(`</a>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString(`<td class="total">`)
		b.WriteString(strconv.Itoa(row.Count))
		b.WriteString(`</td></tr>`)
	}
	return template.HTML(b.String())
}

// taskRows is the body of the responsibility table of the full text.
func (r *renderer) tableRows(root string, rows []TaskRow) template.HTML {
	var b strings.Builder
	for _, row := range rows {
		b.WriteString(`<tr id="`)
		b.WriteString(esc(row.Task.Anchor))
		b.WriteString(`"><td>`)
		b.WriteString(esc(row.Section))
		b.WriteString(`</td><td>`)
		b.WriteString(esc(row.Item))
		if row.Subitem != "" {
			b.WriteString(`<br>`)
			b.WriteString(esc(row.Subitem))
		}
		b.WriteString(`</td><td><a href="`)
		b.WriteString(href(root, row.Task.Href))
		b.WriteString(`">`)
		b.WriteString(esc(row.Task.Excerpt))
		b.WriteString(`</a></td><td>`)
		for _, g := range row.Task.Roles {
			b.WriteString(`<span class="role-line"><span class="role-name role-`)
			b.WriteString(string(g.Role))
			b.WriteString(`">`)
			b.WriteString(esc(g.Label))
			b.WriteString(`</span>`)
			for i, u := range g.Units {
				if i > 0 {
					b.WriteString(`、`)
				}
				b.WriteString(`<a href="`)
				b.WriteString(href(root, u.Href))
				b.WriteString(`">`)
				b.WriteString(esc(u.Name))
				b.WriteString(`</a>`)
			}
			b.WriteString(`</span>`)
		}
		b.WriteString(`</td></tr>`)
	}
	return template.HTML(b.String())
}

// unitList is the list of a task's units on its own page: by role, each
// group with its members.
func (r *renderer) unitList(root string, t TaskView) template.HTML {
	return r.frags.get(fragKey{"units", root, t.Href}, func() string {
		var b strings.Builder
		b.WriteString(`<dl class="unit-roles big">`)
		for _, g := range t.Roles {
			b.WriteString(`<div class="role-line"><dt class="role-name role-`)
			b.WriteString(string(g.Role))
			b.WriteString(`">`)
			b.WriteString(esc(g.Label))
			b.WriteString(`</dt><dd><ul>`)
			for _, u := range g.Units {
				b.WriteString(`<li><a class="chip role-`)
				b.WriteString(string(u.Role))
				b.WriteString(`" href="`)
				b.WriteString(href(root, u.Href))
				b.WriteString(`">`)
				b.WriteString(esc(u.Name))
				b.WriteString(`</a>`)
				if u.Rule != "" {
					b.WriteString(` <span class="rule">（`)
					b.WriteString(esc(u.Rule))
					b.WriteString(`）</span>`)
				}
				if len(u.Members) > 0 {
					b.WriteString(`<details class="members"><summary>含 `)
					b.WriteString(strconv.Itoa(len(u.Members)))
					b.WriteString(` 个单位</summary><ul>`)
					for _, m := range u.Members {
						b.WriteString(`<li><a href="`)
						b.WriteString(href(root, m.Href))
						b.WriteString(`">`)
						b.WriteString(esc(m.Name))
						b.WriteString(`</a></li>`)
					}
					b.WriteString(`</ul></details>`)
				}
				b.WriteString(`</li>`)
			}
			b.WriteString(`</ul></dd></div>`)
		}
		b.WriteString(`</dl>`)
		return b.String()
	})
}
