package pipeline_test

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/content"
	"qingdan/internal/gen"
	"qingdan/internal/linkcheck"
	"qingdan/internal/pipeline"
	"qingdan/internal/search"
)

// several returns a working folder with four generated notices.
func several(t *testing.T) (afero.Fs, pipeline.Options, []gen.Notice) {
	t.Helper()
	templates, err := gen.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	notices := gen.Notices(templates, 4, 7)
	fsys, opt := site(t, nil)
	for _, n := range notices {
		put(t, fsys, "seeds/"+n.Name, n.Text)
	}
	return fsys, opt, notices
}

// files returns every file under dir, by path relative to it.
func files(t *testing.T, fsys afero.Fs, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := afero.ReadFile(fsys, p)
		out[strings.TrimPrefix(p, dir+"/")] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// copyFs copies a working folder without the cache (which is not in it),
// so a build there makes everything anew.
func copyFs(t *testing.T, from afero.Fs) afero.Fs {
	t.Helper()
	to := afero.NewMemMapFs()
	for _, dir := range []string{"seeds", "content", "public"} {
		for p, b := range files(t, from, dir) {
			put(t, to, path.Join(dir, p), string(b))
		}
	}
	return to
}

// TestRebuildOneNoticeChanged: with several notices, revising one keeps
// every file that does not depend on it, and the site is byte for byte
// what a build that makes every page gives.
func TestRebuildOneNoticeChanged(t *testing.T) {
	fsys, opt, notices := several(t)
	if first := run(t, fsys, opt); first.Kept != 0 {
		t.Fatalf("a first build kept %d files", first.Kept)
	}
	seed := "seeds/" + notices[1].Name
	put(t, fsys, seed, strings.ReplaceAll(notices[1].Text, "加强", "进一步加强"))
	reference := copyFs(t, fsys)

	r := run(t, fsys, opt)
	if len(r.Changes) != 1 {
		t.Fatalf("want one revised notice, got %v", r.Changes)
	}
	var revised string
	for slug := range r.Changes {
		revised = slug
	}
	// Every page of the other notices, and their downloads, was kept.
	others := 0
	for p := range files(t, fsys, "public/notices") {
		if !strings.HasPrefix(p, revised+"/") {
			others++
		}
	}
	for p := range files(t, fsys, "public/data/notices") {
		if !strings.HasPrefix(p, revised+".") {
			others++
		}
	}
	if others == 0 || r.Kept < others {
		t.Errorf("kept %d files; the other notices alone have %d", r.Kept, others)
	}
	if !strings.Contains(get(t, fsys, "public/notices/"+revised+"/full.html"), "进一步加强") {
		t.Error("the revised notice's pages were not made again")
	}

	all := run(t, reference, opt)
	if all.Kept != 0 {
		t.Fatalf("the reference build kept %d files", all.Kept)
	}
	got, want := files(t, fsys, "public"), files(t, reference, "public")
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs from a build that makes every page", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s should not be there", p)
		}
	}
	for _, p := range linkcheck.Check(got, "404.html") {
		t.Error(p)
	}
}

// TestRebuildKeepsNothingStale: a change of templates, of the registry or
// of public/ itself makes every page again.
func TestRebuildKeepsNothingStale(t *testing.T) {
	fsys, opt, notices := several(t)
	run(t, fsys, opt)
	seed := "seeds/" + notices[0].Name

	put(t, fsys, "templates/task.html", strings.Replace(read(t, "../../templates/task.html"), "{{define \"content\"}}", "{{define \"content\"}}<p>本地模板</p>", 1))
	put(t, fsys, seed, notices[0].Text+"\n")
	if r := run(t, fsys, opt); r.Kept != 0 {
		t.Errorf("templates changed, yet %d files kept", r.Kept)
	}
	task := ""
	for p := range files(t, fsys, "public/notices") {
		if strings.Contains(p, "/tasks/") {
			task = p
			break
		}
	}
	if !strings.Contains(get(t, fsys, "public/notices/"+task), "本地模板") {
		t.Errorf("%s does not use the site's own template", task)
	}

	put(t, fsys, "seeds/units.yaml", read(t, "../../seeds/units.yaml")+"\n")
	put(t, fsys, seed, notices[0].Text)
	if r := run(t, fsys, opt); r.Kept != 0 {
		t.Errorf("registry changed, yet %d files kept", r.Kept)
	}

	// A page of public/ replaced by hand is not kept.
	put(t, fsys, "public/notices/"+task, "stale")
	put(t, fsys, seed, notices[0].Text+"\n")
	run(t, fsys, opt)
	if get(t, fsys, "public/notices/"+task) == "stale" {
		t.Error("a page replaced by hand was kept")
	}
	// public/ removed, all else as the last build left it.
	if err := fsys.RemoveAll("public"); err != nil {
		t.Fatal(err)
	}
	if r := run(t, fsys, opt); r.Unchanged || r.Kept != 0 || !strings.Contains(get(t, fsys, "public/notices/"+task), "本地模板") {
		t.Errorf("public/ removed: unchanged %v, kept %d", r.Unchanged, r.Kept)
	}
}

// TestSearchLinksResolve: every result and every unit chip the search
// index links to is a page of the built site, with several notices.
func TestSearchLinksResolve(t *testing.T) {
	fsys, opt, _ := several(t)
	run(t, fsys, opt)
	cat, err := content.Read(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	ix := search.Build(cat)
	if len(ix.Docs) < 100 {
		t.Fatalf("%d documents", len(ix.Docs))
	}
	exists := func(href string) bool {
		p, _, _ := strings.Cut(href, "#")
		_, err := fsys.Stat("public/" + p)
		return err == nil
	}
	for _, d := range ix.Docs {
		if !exists(d.Href) {
			t.Errorf("%s %q links to %s, which is not in the site", d.Kind, d.Title, d.Href)
		}
		for _, c := range d.Units {
			if c.Href != "" && !exists(c.Href) {
				t.Errorf("%q: unit %s links to %s, which is not in the site", d.Title, c.Name, c.Href)
			}
		}
	}
}
