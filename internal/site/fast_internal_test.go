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
