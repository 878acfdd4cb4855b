package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/gen"
	"qingdan/internal/notice"
	"qingdan/internal/revision"
	"qingdan/internal/site"
	"qingdan/internal/units"
)

// TestFastPagesMatchTemplates renders sites through the Go page writers
// and through the templates alone: every file must be the same bytes. The
// site holds the corpus, the genre samples, a hostile notice, a unit with
// notes and a revised notice, so every branch of the writers is taken.
func TestFastPagesMatchTemplates(t *testing.T) {
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
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n, err := notice.Parse(b, p)
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
	for _, g := range gen.Notices(templates, 3, 1) { // units with duties in several notices
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
	cat, tree := throughContent(t, reg, notices, func(cat *catalog.Catalog) map[string]string {
		noted = cat.Units[0].Slug
		return map[string]string{"units/" + noted + ".notes.md": "备注 **加粗** <i>x</i> + 1\n"}
	})
	if tree.Notes[noted] == "" {
		t.Fatalf("notes of %s not read", noted)
	}
	revised, err := notice.Parse([]byte(read(t, "../../testdata/revision/00-revised.txt")), "seeds/00.txt")
	if err != nil {
		t.Fatal(err)
	}
	first := cat.Notices[0]
	changes := map[string]*revision.Report{first.Slug: revision.Compare(revised, first.Notice)}

	// With changes and without: unit pages and the notice's pages differ.
	for _, changes := range []map[string]*revision.Report{changes, nil} {
		render := func(templatesOnly bool) map[string][]byte {
			pages, err := site.Render(site.Input{Catalog: cat, Tree: tree}, site.Options{
				Templates: os.DirFS("../../templates"), Changes: changes, TemplatesOnly: templatesOnly,
			})
			if err != nil {
				t.Fatal(err)
			}
			return pages
		}
		samePages(t, render(false), render(true))
	}
}

func samePages(t *testing.T, fast, slow map[string][]byte) {
	t.Helper()
	if len(fast) != len(slow) {
		t.Fatalf("%d files through Go, %d through templates", len(fast), len(slow))
	}
	for p, want := range slow {
		got, ok := fast[p]
		if !ok {
			t.Errorf("%s: not made through Go", p)
			continue
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			from := max(0, i-80)
			t.Errorf("%s differs at byte %d:\nGo:       %q\ntemplate: %q", p, i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
		}
	}
}
