package site_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"qingdan/internal/catalog"
	"qingdan/internal/gen"
	"qingdan/internal/notice"
	"qingdan/internal/revision"
	"qingdan/internal/site"
	"qingdan/internal/units"
)

// richSite is a site that takes every branch of the templates: the
// corpus, the genre samples, generated notices (units with duties in
// several notices), a hostile notice, a unit with notes and a revised
// notice.
func richSite(t *testing.T) (*catalog.Catalog, map[string]*revision.Report) {
	t.Helper()
	reg, err := units.LoadRegistry([]byte(read(t, "../../seeds/units.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, glob := range []string{"../../testdata/corpus/*.txt", "../../testdata/genre/*.txt"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	if len(paths) < 15 {
		t.Fatalf("only %d notices found", len(paths))
	}
	var notices []*notice.Notice
	seen := map[string]bool{}
	for _, p := range paths {
		n, err := notice.Parse([]byte(read(t, p)), p)
		if err != nil {
			t.Fatal(err)
		}
		if !seen[n.DocNumber] { // one version of each notice
			seen[n.DocNumber] = true
			notices = append(notices, n)
		}
	}
	templates, err := gen.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gen.Notices(templates, 3, 1) {
		n, err := notice.Parse([]byte(g.Text), g.Name)
		if err != nil {
			t.Fatal(err)
		}
		notices = append(notices, n)
	}
	hostile, err := notice.Parse([]byte(hostileNotice), "seeds/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	notices = append(notices, hostile)
	var noted string
	cat := throughContent(t, reg, notices, func(cat *catalog.Catalog) map[string]string {
		noted = cat.Units[0].Slug
		return map[string]string{"units/" + noted + ".notes.md": "备注 **加粗** <i>x</i> + 1\n"}
	})
	if cat.Notes[noted] == "" {
		t.Fatalf("notes of %s not read", noted)
	}
	revised, err := notice.Parse([]byte(read(t, "../../testdata/revision/00-revised.txt")), "seeds/00.txt")
	if err != nil {
		t.Fatal(err)
	}
	first := cat.Notices[0]
	return cat, map[string]*revision.Report{first.Slug: revision.Compare(revised, first.Notice)}
}

// unshared are the shipped page templates with every block executed in
// place instead of through `shared`.
func unshared(t *testing.T) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"base.html", "blocks.html", "item.html", "section.html", "unit.html", "task.html", "matrix.html"} {
		src := read(t, "../../templates/"+name)
		for _, r := range []struct{ from, to string }{
			{`{{shared "site-links" $ .Site}}`, `{{template "site-links" (part $ .Site)}}`},
			{`{{shared "site-top" $ .Frame}}`, `{{template "site-top" (part $ .Frame)}}`},
			{`{{shared "site-footer" $ .Site}}`, `{{template "site-footer" (part $ .Site)}}`},
			{`{{with .Item.Tasks}}{{shared "task-card" $ .}}{{else}}`, `{{range .Item.Tasks}}{{template "task-card" (part $ .)}}{{else}}`},
			{`{{shared "task-card" $ .Section.Tasks}}`, `{{range .Section.Tasks}}{{template "task-card" (part $ .)}}{{end}}`},
			{`{{with .Tasks}}{{shared "task-card" $ .}}{{else}}`, `{{range .Tasks}}{{template "task-card" (part $ .)}}{{else}}`},
			{`{{shared "duty" $ .Duties}}`, `{{range .Duties}}{{template "duty" (part $ .)}}{{end}}`},
			{`{{shared "possible-task" $ .Duties}}`, `{{range .Duties}}{{template "possible-task" (part $ .)}}{{end}}`},
			{`{{shared "possible-group" $ .Possible}}`, `{{range .Possible}}{{template "possible-group" (part $ .)}}{{end}}`},
			{`{{- with .Members}}{{shared "members" $ .}}{{end -}}`, `{{- with .Members}}{{template "members" (part $ .)}}{{end -}}`},
			{`{{shared "print-head" $ .Notice}}`, `{{template "print-head" (part $ .Notice)}}`},
			{`{{shared "unit-section-head" $ .Section}}`, `{{template "unit-section-head" (part $ .Section)}}`},
			{`{{shared "notice-link" $ .Notice}}`, `{{template "notice-link" (part $ .Notice)}}`},
			{`{{shared "notice-link" $ .}}`, `{{template "notice-link" (part $ .)}}`},
			{`{{shared "unit-title" $ .Head}}`, `{{template "unit-title" (part $ .Head)}}`},
			{`{{shared "unit-relations" $ .Head}}`, `{{template "unit-relations" (part $ .Head)}}`},
			{`{{shared "unit-actions" $ .Head}}`, `{{template "unit-actions" (part $ .Head)}}`},
			{`{{shared "role-head" $ .Head}}`, `{{template "role-head" (part $ .Head)}}`},
			{`{{shared "possible-role-head" $ .Head}}`, `{{template "possible-role-head" (part $ .Head)}}`},
			{`{{shared "role-count" $ .}}`, `{{template "role-count" (part $ .)}}`},
			{`{{shared "role-count" $ $r}}`, `{{template "role-count" (part $ $r)}}`},
			{`{{shared "section-link" $ .Section}}`, `{{template "section-link" (part $ .Section)}}`},
			{`{{shared "unit-all-link" $ $.Data.Head}}`, `{{template "unit-all-link" (part $ $.Data.Head)}}`},
			{`{{- shared "role-chip" $ .Units -}}`, `{{- range .Units}}{{template "role-chip" (part $ .)}}{{end -}}`},
			{`{{- shared "unit-item" $ .Units -}}`, `{{- range .Units}}{{template "unit-item" (part $ .)}}{{end -}}`},
			{`{{shared "unit-link" $ $u}}`, `{{template "unit-link" (part $ $u)}}`},
			{`{{shared "matrix-cell" $ .Data.Cells}}`, `{{range .Data.Cells}}{{template "matrix-cell" (part $ .)}}{{end}}`},
			{`{{- shared "matrix-cells" $ .Parts -}}`, `{{- range .Parts}}{{template "matrix-cells" (part $ .)}}{{end -}}`},
			{`{{shared "matrix-cells" $ (index .Parts $i)}}`, `{{template "matrix-cells" (part $ (index .Parts $i))}}`},
			{`{{with .Up}}{{shared "crumbs" $ .}}{{end}}`, `{{with .Up}}{{template "crumbs" (part $ .)}}{{end}}`},
			{`{{- shared "unit-line" $ .Task.Units -}}`, `{{- template "unit-line" (part $ .Task.Units) -}}`},
			{`{{shared "duty-counts" $ .Counts}}`, `{{template "duty-counts" (part $ .Counts)}}`},
			{`{{shared "crumbs" $ .Crumbs}}`, `{{template "crumbs" (part $ .Crumbs)}}`},
			{`{{shared "task-roles" $ .Units}}`, `{{template "task-roles" (part $ .Units)}}`},
			{`{{shared "task-units" $ .Task.Units}}`, `{{template "task-units" (part $ .Task.Units)}}`},
			{`{{with .Notices}}{{shared "unit-notice" $ .}}{{shared "unit-possible" $ .}}{{else}}`, `{{range .Notices}}{{template "unit-notice" (part $ .)}}{{end}}{{range .Notices}}{{template "unit-possible" (part $ .)}}{{else}}`},
		} {
			src = strings.ReplaceAll(src, r.from, r.to)
		}
		if strings.Contains(src, "{{shared") {
			t.Fatalf("%s still calls shared", name)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return site.Overlay(fsys, os.DirFS("../../templates"))
}

// TestSharedBlocks: a block made once and reused on other pages gives
// every page the bytes it gets when the block is executed in place.
func TestSharedBlocks(t *testing.T) {
	in, changes := richSite(t)
	for _, changes := range []map[string]*revision.Report{changes, nil} {
		shared, err := site.Render(in, site.Options{Templates: os.DirFS("../../templates"), Changes: changes})
		if err != nil {
			t.Fatal(err)
		}
		inPlace, err := site.Render(in, site.Options{Templates: unshared(t), Changes: changes})
		if err != nil {
			t.Fatal(err)
		}
		samePages(t, shared, inPlace)
		// The site has what every shared block shows: among them the
		// possible duties of a collective, on the pages of several units.
		possible := 0
		for p, b := range shared {
			if strings.HasPrefix(p, "units/") && bytes.Contains(b, []byte(`class="possible-group"`)) {
				possible++
			}
		}
		if possible < 2 {
			t.Errorf("%d unit pages show possible duties, want several", possible)
		}
	}
}

// TestPageDefinesBlock: a site's page template may define a block again;
// its pages show its own, and the other pages the shipped one, whichever
// page is made first.
func TestPageDefinesBlock(t *testing.T) {
	in, _ := richSite(t)
	unit := read(t, "../../templates/unit.html") + `{{define "duty"}}<li class="own-duty">{{.Data.Task.ID}}</li>{{end}}`
	item := read(t, "../../templates/item.html") + `{{define "task-card"}}<p class="own-card">{{.Data.ID}}</p>{{end}}`
	pages, err := site.Render(in, site.Options{Templates: site.Overlay(fstest.MapFS{
		"unit.html": {Data: []byte(unit)},
		"item.html": {Data: []byte(item)},
	}, os.DirFS("../../templates"))})
	if err != nil {
		t.Fatal(err)
	}
	var units, items, sections int
	for p, b := range pages {
		switch {
		case strings.HasPrefix(p, "units/") && bytes.Contains(b, []byte(`class="duties"`)):
			units++
			if !bytes.Contains(b, []byte(`class="own-duty"`)) || bytes.Contains(b, []byte(`class="duty`)) {
				t.Errorf("%s does not show the site's own duty block", p)
			}
		case strings.Contains(p, "/items/") && bytes.Contains(b, []byte("任务与责任单位")):
			if !bytes.Contains(b, []byte("本事项未列责任单位")) {
				items++
				if !bytes.Contains(b, []byte(`class="own-card"`)) || bytes.Contains(b, []byte(`class="task-card"`)) {
					t.Errorf("%s does not show the site's own task card", p)
				}
			}
		case strings.Contains(p, "/sections/") && bytes.Contains(b, []byte(`class="task-card"`)):
			sections++
			if bytes.Contains(b, []byte(`class="own-card"`)) {
				t.Errorf("%s shows the item page's own task card", p)
			}
		}
	}
	if units == 0 || items == 0 || sections == 0 {
		t.Fatalf("checked %d unit, %d item and %d section pages", units, items, sections)
	}
}

func samePages(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("%s: not made", p)
			continue
		}
		if !bytes.Equal(g, w) {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			from := max(0, i-80)
			t.Errorf("%s differs at byte %d:\ngot:  %q\nwant: %q", p, i, g[from:min(len(g), i+80)], w[from:min(len(w), i+80)])
		}
	}
}

// TestEmitGetsEachFileWhole: files handed to Emit one by one, from
// buffers used again for the next ones, are the files Render returns
// when it keeps them all (run with -race to see the buffers shared).
func TestEmitGetsEachFileWhole(t *testing.T) {
	in, changes := richSite(t)
	kept, err := site.Render(in, site.Options{Templates: os.DirFS("../../templates"), Changes: changes})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	emitted := map[string][]byte{}
	_, err = site.Render(in, site.Options{Templates: os.DirFS("../../templates"), Changes: changes, Emit: func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		emitted[p] = bytes.Clone(data)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	samePages(t, emitted, kept)
}
