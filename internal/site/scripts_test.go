package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/evanw/esbuild/pkg/api"
)

// The site's scripts parse in an ES5 engine (old Edge, the compatibility
// mode of 360): esbuild, asked to make them ES5, must neither fail nor
// change anything that making them for the newest engines leaves as is.
// A lowered construct (let, =>, a template, a /u expression) is a
// difference; one it cannot lower is an error.
func TestScriptsAreES5(t *testing.T) {
	files, _ := filepath.Glob("../../templates/assets/*.js")
	if len(files) < 2 {
		t.Fatalf("scripts: %v", files)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		as := func(target api.Target) (string, []api.Message) {
			return transform(string(src), target, filepath.Base(f))
		}
		es5, errs := as(api.ES5)
		for _, e := range errs {
			where := ""
			if e.Location != nil {
				where = fmt.Sprintf("%d:%d %s: ", e.Location.Line, e.Location.Column, strings.TrimSpace(e.Location.LineText))
			}
			t.Errorf("%s: %s%s", filepath.Base(f), where, e.Text)
		}
		next, _ := as(api.ESNext)
		if es5 != next {
			a, b := strings.Split(es5, "\n"), strings.Split(next, "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Errorf("%s: made ES5, line %d becomes\n%s\nwhere the newest engines keep\n%s", filepath.Base(f), i+1, a[i], b[i])
					break
				}
			}
		}
	}
	// The check finds what it looks for.
	for _, bad := range []string{"let x = 1;", "var f = (a) => a;", "var s = `a${1}`;", "var r = /\\p{Script=Han}/u;", "class A {}"} {
		es5, errs := transform(bad, api.ES5, "bad.js")
		next, _ := transform(bad, api.ESNext, "bad.js")
		if len(errs) == 0 && es5 == next {
			t.Errorf("%s passes as ES5", bad)
		}
	}
}

// transform prints src for the target. For the newest engines it is
// told not to use shorthand properties, which it would print where
// the source has none: only lowering then tells the two apart.
func transform(src string, target api.Target, name string) (string, []api.Message) {
	opt := api.TransformOptions{Target: target, Loader: api.LoaderJS, Sourcefile: name}
	if target == api.ESNext {
		opt.Supported = map[string]bool{"object-extensions": false}
	}
	r := api.Transform(src, opt)
	return string(r.Code), r.Errors
}

// search.js tells Han characters by the ranges of Go's unicode.Han, as
// internal/search does: a character is a token alike on both sides.
func TestScriptHanRanges(t *testing.T) {
	src, err := os.ReadFile("../../templates/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`var HAN = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("search.js has no HAN ranges")
	}
	var want []string
	for _, tab := range []struct{ r16, r32 bool }{{true, false}, {false, true}} {
		add := func(lo, hi, stride uint32) {
			for c := lo; c <= hi; c += stride {
				end := c
				if stride == 1 {
					end = hi
				}
				want = append(want, fmt.Sprintf("0x%X", c), fmt.Sprintf("0x%X", end))
				if stride == 1 {
					break
				}
			}
		}
		if tab.r16 {
			for _, r := range unicode.Han.R16 {
				add(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
			}
		} else {
			for _, r := range unicode.Han.R32 {
				add(r.Lo, r.Hi, r.Stride)
			}
		}
	}
	var got []string
	for _, n := range strings.Split(string(m[1]), ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(n), 0, 32)
		if err != nil {
			t.Fatalf("HAN: %v", err)
		}
		got = append(got, fmt.Sprintf("0x%X", v))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("search.js's HAN ranges differ from unicode.Han:\n%s\nwant\n%s", strings.Join(got, ","), strings.Join(want, ","))
	}
}
