package pipeline_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// olderProgram rewrites a published notice's JSON as an older program
// wrote it: warnings in English, no print_date (a field it did not read),
// and a field this program does not know.
func olderProgram(t *testing.T, fsys afero.Fs, p string) {
	t.Helper()
	var n map[string]any
	if err := json.Unmarshal([]byte(get(t, fsys, p)), &n); err != nil {
		t.Fatal(err)
	}
	warnings, _ := n["warnings"].([]any)
	if len(warnings) == 0 {
		t.Fatal("the shipped notice has no warnings to rewrite")
	}
	for _, w := range warnings {
		w.(map[string]any)["message"] = "table row differs from the body text"
	}
	if n["print_date"] == "" || n["print_date"] == nil {
		t.Fatal("the shipped notice has no print_date to leave out")
	}
	delete(n, "print_date")
	n["generator"] = "qingdan 0.1"
	b, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	put(t, fsys, p, string(b))
}

// TestRereadIsNoRevision: a published site whose notice JSON an older
// program wrote (other warnings, a field fewer) is rebuilt from the same
// notice, and from its seed with other bytes but the same words: no
// 修订对照 page, no .prev.json, the JSON replaced by this program's. A real
// change of one task's units after that is a revision as before.
func TestRereadIsNoRevision(t *testing.T) {
	const (
		slug = "xin-zheng-fa-2024-1"
		data = "public/data/notices/" + slug + ".json"
		prev = "public/data/notices/" + slug + ".prev.json"
		page = "public/notices/" + slug + "/changes.html"
	)
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	current := get(t, fsys, data)
	absent := func(p string) {
		t.Helper()
		if _, err := fsys.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: want none, got %v", p, err)
		}
	}

	// A new program finds none of the records the last one kept.
	upgrade := func() { opt.Cache += "-new" }
	olderProgram(t, fsys, data)
	upgrade()
	r := run(t, fsys, opt)
	if len(r.Changes) != 0 {
		t.Errorf("same notice, other warnings: changes %+v", r.Changes)
	}
	absent(prev)
	absent(page)
	if len(r.Reread) != 1 || r.Reread[0] != "忻政发〔2024〕1号" || !strings.Contains(r.Summary(), "忻政发〔2024〕1号: re-read, no change in the notice") {
		t.Errorf("re-read: %q\n%s", r.Reread, r.Summary())
	}
	if get(t, fsys, data) != current {
		t.Error("the older JSON was not replaced by this program's")
	}

	// Other bytes, the same notice: a blank line on top moves every line.
	olderProgram(t, fsys, data)
	put(t, fsys, seedAs, "\n"+read(t, shipped))
	upgrade()
	r = run(t, fsys, opt)
	if len(r.Changes) != 0 || len(r.Reread) != 1 {
		t.Errorf("same words, other bytes: changes %+v, re-read %q", r.Changes, r.Reread)
	}
	absent(prev)
	absent(page)
	if get(t, fsys, data) == current {
		t.Fatal("the lines moved, the JSON should say so")
	}

	// One task loses a unit: a revision, with the older JSON as the
	// previous version.
	olderProgram(t, fsys, data)
	edited := strings.Replace(read(t, shipped), "市工信局、市商务局、市应急局等部门", "市工信局、市应急局等部门", 1)
	if edited == read(t, shipped) {
		t.Fatal("the unit to remove is not in the shipped notice")
	}
	put(t, fsys, seedAs, edited)
	upgrade()
	r = run(t, fsys, opt)
	c := r.Changes[slug]
	if c == nil || len(r.Reread) != 0 {
		t.Fatalf("a unit removed: changes %+v, re-read %q", r.Changes, r.Reread)
	}
	if len(c.Added)+len(c.Removed)+len(c.Reworded) != 0 || len(c.Units) != 1 ||
		c.Units[0].Unit != "市商务局" || c.Units[0].Task != "2-3-0-1" || c.Units[0].Edit != "removed" {
		t.Errorf("units: %+v", c.Units)
	}
	if !strings.Contains(get(t, fsys, page), "责任单位调整 1 处") {
		t.Error("the changes page does not show the unit removed")
	}
	if p := get(t, fsys, prev); !strings.Contains(p, "table row differs from the body text") {
		t.Error("the previous version is not the one published before")
	}
}
