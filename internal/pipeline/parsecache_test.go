package pipeline_test

import (
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
)

// The caches of parsed notices and compressed table blocks are used by
// the next build, give the same site as making everything, survive a
// damaged entry, and follow the seeds.
func TestParseCache(t *testing.T) {
	fsys, opt, notices := several(t)
	first := run(t, fsys, opt)
	if first.Reparsed != len(notices) {
		t.Fatalf("first build parsed %d of %d notices", first.Reparsed, len(notices))
	}
	cachedIn := func(dir string) []string {
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
	cached := func() []string { return cachedIn("content/.qingdan-parsed") }
	entries := cached()
	if blocks := cachedIn("content/.qingdan-blocks"); len(blocks) != len(notices) {
		t.Fatalf("block cache holds %v", blocks)
	}
	if len(entries) != len(notices) {
		t.Fatalf("cache holds %v", entries)
	}

	// A forced build decodes every notice and finds nothing to change.
	opt.Force = true
	again := run(t, fsys, opt)
	if again.Reparsed != 0 || again.Content.Written != 0 || again.Site.Swapped {
		t.Errorf("from the cache: %d parsed, %d content files written, site swapped %v", again.Reparsed, again.Content.Written, again.Site.Swapped)
	}

	// A damaged entry is parsed again, and written anew; damaged blocks
	// are compressed again.
	damaged := path.Join("content/.qingdan-parsed", entries[0])
	put(t, fsys, damaged, "garbage")
	// An entry damaged inside (its gob might still decode) is parsed too.
	inside := path.Join("content/.qingdan-parsed", entries[1])
	e := []byte(get(t, fsys, inside))
	e[len(e)/2] ^= 0x01
	put(t, fsys, inside, string(e))
	put(t, fsys, path.Join("content/.qingdan-blocks", cachedIn("content/.qingdan-blocks")[0]), "garbage")
	// A blocks file damaged inside (it would still decode) is not used.
	flipped := path.Join("content/.qingdan-blocks", cachedIn("content/.qingdan-blocks")[1])
	b := []byte(get(t, fsys, flipped))
	b[len(b)-40] ^= 0xff
	put(t, fsys, flipped, string(b))
	// Without the record of what made each page, every table is made,
	// from the blocks of every notice.
	if err := fsys.Remove("content/" + pipeline.KeysName); err != nil {
		t.Fatal(err)
	}
	fixed := run(t, fsys, opt)
	if fixed.Reparsed != 2 || fixed.Content.Written != 0 || fixed.Site.Swapped {
		t.Errorf("damaged entry: %d parsed, %d content files written, site swapped %v", fixed.Reparsed, fixed.Content.Written, fixed.Site.Swapped)
	}
	if get(t, fsys, damaged) == "garbage" {
		t.Error("the damaged entry was not replaced")
	}
	if get(t, fsys, flipped) == string(b) {
		t.Error("the damaged blocks file was not replaced")
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
	after := cached()
	if len(after) != len(notices) {
		t.Errorf("cache holds %d entries after a revision, want %d", len(after), len(notices))
	}
	if blocks := cachedIn("content/.qingdan-blocks"); len(blocks) != len(notices) {
		t.Errorf("block cache holds %d files after a revision, want %d", len(blocks), len(notices))
	}
}
