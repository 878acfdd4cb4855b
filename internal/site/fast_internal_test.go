package site

import (
	"maps"
	"os"
	"slices"
	"testing"
)

// The Go page writers are used with the shipped templates: when a
// template is edited, this fails until its writer (fast.go) is brought in
// line and its digest updated; TestFastPagesMatchTemplates then checks
// the bytes.
func TestFastWritersCoverShippedTemplates(t *testing.T) {
	fsys := os.DirFS("../../templates")
	tpl, err := loadTemplates(fsys, (&renderer{}).fragmentFuncs())
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(tpl.fast))
	want := slices.Sorted(maps.Keys(fastPages))
	if !slices.Equal(got, want) {
		t.Errorf("Go writers in use: %v, want %v (a template was edited: update fast.go and its digest)", got, want)
	}
}

// A site's own base.html turns every Go writer off; its own page template
// turns off that page's writer only.
func TestFastWritersStepAsideForOwnTemplates(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile("../../templates/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sources := map[string][]byte{}
	for name := range fastPages {
		sources[name] = read(name)
	}
	base := read("base.html")
	if got := fastWriters(append(base, ' '), sources); len(got) != 0 {
		t.Errorf("own base.html: %d writers still used", len(got))
	}
	sources["task.html"] = append(sources["task.html"], ' ')
	got := fastWriters(base, sources)
	if _, ok := got["task.html"]; ok || len(got) != len(fastPages)-1 {
		t.Errorf("own task.html: writers %v", slices.Sorted(maps.Keys(got)))
	}
}
