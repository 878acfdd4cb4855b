package pipeline_test

import (
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// The cache lives outside content/: notices as parsed are used by the
// next build, give the same site as parsing everything, survive a damaged
// entry, and follow the seeds; caches that earlier versions kept in
// content/ are removed.
func TestParseCache(t *testing.T) {
	fsys, opt, notices := several(t)
	for _, old := range []string{"content/.qingdan-state", "content/.qingdan-pages", "content/.qingdan-parsed/x.gob", "content/.qingdan-blocks/y.gob"} {
		put(t, fsys, old, "left by an earlier version")
	}
	first := run(t, fsys, opt)
	if first.Reparsed != len(notices) {
		t.Fatalf("first build parsed %d of %d notices", first.Reparsed, len(notices))
	}
	for p := range files(t, fsys, "content") {
		if strings.HasPrefix(p, ".qingdan-") && p != ".qingdan-manifest" {
			t.Errorf("content/%s after a build", p)
		}
	}
	dir := path.Join(opt.Cache, "parsed")
	cached := func() []string {
		t.Helper()
		entries, err := afero.ReadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	entries := cached()
	if len(entries) != len(notices) {
		t.Fatalf("cache holds %v", entries)
	}

	// A forced build decodes every notice and finds nothing to change.
	opt.Force = true
	again := run(t, fsys, opt)
	if again.Reparsed != 0 || again.Content.Written != 0 || again.Site.Swapped {
		t.Errorf("from the cache: %d parsed, %d content files written, site swapped %v", again.Reparsed, again.Content.Written, again.Site.Swapped)
	}

	// A damaged entry is parsed again, and written anew.
	damaged := path.Join(dir, entries[0])
	put(t, fsys, damaged, "garbage")
	// An entry damaged inside (its gob might still decode) is parsed too.
	inside := path.Join(dir, entries[1])
	e := []byte(get(t, fsys, inside))
	e[len(e)/2] ^= 0x01
	put(t, fsys, inside, string(e))
	// Without the record of what made each page, every file is made.
	if err := fsys.RemoveAll(path.Join(opt.Cache, "pages")); err != nil {
		t.Fatal(err)
	}
	fixed := run(t, fsys, opt)
	if fixed.Reparsed != 2 || fixed.Content.Written != 0 || fixed.Site.Swapped || fixed.Kept != 0 {
		t.Errorf("damaged entry: %d parsed, %d content files written, site swapped %v, %d files kept", fixed.Reparsed, fixed.Content.Written, fixed.Site.Swapped, fixed.Kept)
	}
	if get(t, fsys, damaged) == "garbage" {
		t.Error("the damaged entry was not replaced")
	}

	// A revised seed is parsed; its old entry goes.
	opt.Force = false
	put(t, fsys, "seeds/"+notices[2].Name, strings.ReplaceAll(notices[2].Text, "加强", "进一步加强"))
	revised := run(t, fsys, opt)
	if revised.Reparsed != 1 {
		t.Errorf("revision: %d parsed", revised.Reparsed)
	}
	// The pages of the forced build before serve this one.
	if revised.Kept == 0 {
		t.Error("after a forced build, a revision kept no page")
	}
	if after := cached(); len(after) != len(notices) {
		t.Errorf("cache holds %d entries after a revision, want %d", len(after), len(notices))
	}
}
