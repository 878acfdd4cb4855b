package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/afero"

	"qingdan/internal/cli"
	"qingdan/internal/pipeline"
)

// The command line is tested end to end by the scripts in
// testdata/script, which run the real entry point as `qingdan`.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"qingdan": func() {
			templates, err := fs.Sub(embedded, "templates")
			if err != nil {
				panic(err)
			}
			os.Exit(cli.Main(templates))
		},
	})
}

func TestScripts(t *testing.T) {
	corpus, err := filepath.Abs("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	revision, err := filepath.Abs("testdata/revision")
	if err != nil {
		t.Fatal(err)
	}
	docx, err := filepath.Abs("testdata/docx")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Abs("testdata/html")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			env.Setenv("REVISION", revision)
			// The cache of the scripts' builds stays in their folder.
			env.Setenv("QINGDAN_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("DOCX", docx)
			env.Setenv("PAGES", pages)
			return nil
		},
	})
}

// TestCommittedSiteIsCurrent builds the shipped seeds over a copy in
// memory of the committed content/ and public/: the build must find
// nothing to write. When it fails, run `go run .` and commit the result.
func TestCommittedSiteIsCurrent(t *testing.T) {
	templates, err := fs.Sub(embedded, "templates")
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	for _, dir := range []string{"seeds", "templates", "content", "public"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return afero.WriteFile(fsys, filepath.ToSlash(p), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := pipeline.Run(fsys, pipeline.Options{Templates: templates}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Content.Written+r.Content.Removed > 0 {
		t.Errorf("content/ is stale: the build would write %d and remove %d files; run `go run .`", r.Content.Written, r.Content.Removed)
	}
	if r.Site.Swapped {
		t.Errorf("public/ is stale: the build would write %d and remove %d files; run `go run .`", r.Site.Written, r.Site.Removed)
	}
}
