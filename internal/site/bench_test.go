package site_test

import (
	"os"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/gen"
	"qingdan/internal/notice"
	"qingdan/internal/site"
	"qingdan/internal/units"
)

// BenchmarkRender renders the site of 20 generated notices, discarding
// the files.
func BenchmarkRender(b *testing.B) {
	tpls, err := gen.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	regData, _ := os.ReadFile("../../seeds/units.yaml")
	reg, _ := units.LoadRegistry(regData)
	var ns []*notice.Notice
	for _, g := range gen.Notices(tpls, 20, 1) {
		n, err := notice.Parse([]byte(g.Text), g.Name)
		if err != nil {
			b.Fatal(err)
		}
		ns = append(ns, n)
	}
	cat, _ := catalog.New(ns, reg)
	tree := &content.Tree{Notices: ns, Registry: reg, Bodies: map[string]string{}}
	opt := site.Options{Templates: os.DirFS("../../templates"), Emit: func(string, []byte) error { return nil }}
	for b.Loop() {
		if _, err := site.Render(site.Input{Catalog: cat, Tree: tree}, opt); err != nil {
			b.Fatal(err)
		}
	}
}
