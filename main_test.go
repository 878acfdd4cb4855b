package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"qingdan/internal/cli"
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
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("CORPUS", corpus)
			return nil
		},
	})
}
