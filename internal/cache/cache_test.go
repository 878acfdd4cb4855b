package cache_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/cache"
)

type inner struct {
	Name  string
	notes []string
}

type view struct {
	Title string
	Count int
	Ratio float64
	On    bool
	Body  []byte
	Inner inner
	Ptr   *inner
	Any   any
	Tags  map[string]int
}

func sample() view {
	return view{Title: "任务", Count: 3, Ratio: 0.5, On: true, Body: []byte("ab"),
		Inner: inner{"甲", []string{"x"}}, Ptr: &inner{"乙", nil}, Any: "s", Tags: map[string]int{"a": 1, "b": 2}}
}

// TestKeyChangesWithAnyField: a change anywhere in the data, exported or
// not, behind a pointer or an interface, changes the key.
func TestKeyChangesWithAnyField(t *testing.T) {
	base := cache.Key(sample())
	if cache.Key(sample()) != base {
		t.Fatal("equal data, different keys")
	}
	for name, change := range map[string]func(*view){
		"string":           func(v *view) { v.Title = "任务2" },
		"int":              func(v *view) { v.Count = 4 },
		"float":            func(v *view) { v.Ratio = 0.25 },
		"bool":             func(v *view) { v.On = false },
		"bytes":            func(v *view) { v.Body = []byte("ac") },
		"unexported slice": func(v *view) { v.Inner.notes = []string{"y"} },
		"pointee":          func(v *view) { v.Ptr = &inner{"丙", nil} },
		"nil pointer":      func(v *view) { v.Ptr = nil },
		"interface type":   func(v *view) { v.Any = []byte("s") },
		"map value":        func(v *view) { v.Tags = map[string]int{"a": 1, "b": 3} },
		"map key":          func(v *view) { v.Tags = map[string]int{"a": 1, "c": 2} },
		"moved boundary":   func(v *view) { v.Title, v.Inner.Name = "任务甲", "" },
	} {
		v := sample()
		change(&v)
		if cache.Key(v) == base {
			t.Errorf("%s: changed data, same key", name)
		}
	}
	if cache.Key("ab", "c") == cache.Key("a", "bc") {
		t.Error("parts run together")
	}
}

// TestKeyerRemembersPointers: a Keyer digests a pointee once; Forget lets
// a changed pointee be seen.
func TestKeyerRemembersPointers(t *testing.T) {
	var k cache.Keyer
	p := &inner{Name: "甲"}
	before := k.Key(p)
	p.Name = "乙" // not allowed while the Keyer remembers p: shows the memo
	if k.Key(p) != before {
		t.Fatal("the pointee was walked again")
	}
	k.Forget()
	if k.Key(p) == before {
		t.Error("after Forget the changed pointee gave the old key")
	}
	if k.Key(p) != cache.Key(&inner{Name: "乙"}) {
		t.Error("a Keyer's key differs from Key's")
	}
}

func TestKeyRefusesFunctions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a function was keyed")
		}
	}()
	cache.Key(struct{ F func() }{func() {}})
}

// TestEntries: what Put writes, Get returns; a damaged or missing entry
// is not found; a cache opened on "" keeps nothing.
func TestEntries(t *testing.T) {
	fsys := afero.NewMemMapFs()
	c := cache.Open(fsys, "/cache")
	c.Put("parsed", "a", []byte("甲乙"))
	c.Put("parsed", "b", []byte("丙"))
	if b, ok := c.Get("parsed", "a"); !ok || string(b) != "甲乙" {
		t.Fatalf("got %q, %v", b, ok)
	}
	if _, ok := c.Get("parsed", "zz"); ok {
		t.Error("a missing entry was found")
	}
	raw, _ := afero.ReadFile(fsys, "/cache/parsed/b")
	raw[len(raw)-1] ^= 1
	afero.WriteFile(fsys, "/cache/parsed/b", raw, 0o644)
	if _, ok := c.Get("parsed", "b"); ok {
		t.Error("a damaged entry was found")
	}
	afero.WriteFile(fsys, "/cache/parsed/c.123.tmp", []byte("half"), 0o644)
	c.Prune("parsed", func(name string) bool { return name == "a" })
	names, _ := afero.ReadDir(fsys, "/cache/parsed")
	if len(names) != 1 || names[0].Name() != "a" {
		t.Errorf("after Prune: %v", names)
	}

	// What a killed build left half written, in any kind, goes at the
	// next start; the entries stay.
	afero.WriteFile(fsys, "/cache/state/inputs.77.tmp", []byte("half"), 0o644)
	afero.WriteFile(fsys, "/cache/pages/public.77.tmp", []byte("half"), 0o644)
	c.Put("state", "inputs", []byte("s"))
	c.Clean()
	for _, kind := range []string{"state", "pages", "parsed"} {
		names, _ := afero.ReadDir(fsys, "/cache/"+kind)
		for _, n := range names {
			if strings.HasSuffix(n.Name(), ".tmp") {
				t.Errorf("after Clean: %s/%s", kind, n.Name())
			}
		}
	}
	if b, ok := c.Get("state", "inputs"); !ok || string(b) != "s" {
		t.Errorf("Clean removed an entry: %q, %v", b, ok)
	}

	off := cache.Open(fsys, "")
	off.Put("parsed", "x", []byte("1"))
	if _, ok := off.Get("parsed", "x"); ok {
		t.Error("a cache opened on \"\" kept an entry")
	}
}

// TestDir: one folder per project, under the user's cache directory.
func TestDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	a, err := cache.Dir("projects/anquan")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := cache.Dir("other/anquan")
	again, _ := cache.Dir("projects/./anquan")
	if a == b || a != again {
		t.Errorf("folders %q, %q, %q", a, b, again)
	}
	if !strings.HasPrefix(filepath.Base(a), "anquan-") {
		t.Errorf("folder %q does not name the project", a)
	}
}

func ExampleKey() {
	type row struct{ Task, Unit string }
	a := cache.Key([]row{{"1-1-0-1", "市应急局"}})
	b := cache.Key([]row{{"1-1-0-1", "市应急局"}})
	c := cache.Key([]row{{"1-1-0-1", "市公安局"}})
	fmt.Println(a == b, a == c)
	// Output: true false
}
