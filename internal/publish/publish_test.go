package publish_test

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/publish"
)

func put(t *testing.T, fsys afero.Fs, p, s string) {
	t.Helper()
	if err := fsys.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := afero.WriteFile(fsys, p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// files returns the files under dir by relative path, manifest aside.
func files(t *testing.T, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == publish.ManifestName {
			return nil
		}
		b, err := afero.ReadFile(fsys, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func bytesOf(m map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = []byte(v)
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: %q, want %q", p, got[p], w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: not wanted", p)
		}
	}
}

func stage(t *testing.T, fsys afero.Fs, want map[string]string, opt publish.StageOptions) (publish.SyncStats, error) {
	t.Helper()
	tree, st, err := publish.Stage(fsys, "content", bytesOf(want), opt)
	if err != nil {
		return st, err
	}
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	return st, nil
}

// --- content/: staged whole, put in place at Commit ---

func TestStageNothingBeforeCommit(t *testing.T) {
	fsys := afero.NewMemMapFs()
	v1 := map[string]string{"a.md": "1", "notices/n/t.md": "t"}
	if _, err := stage(t, fsys, v1, publish.StageOptions{}); err != nil {
		t.Fatal(err)
	}
	tree, st, err := publish.Stage(fsys, "content", bytesOf(map[string]string{"a.md": "2"}), publish.StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 1 || st.Removed != 1 {
		t.Errorf("stats %+v", st)
	}
	sameFiles(t, files(t, fsys, "content"), v1)
	tree.Abort()
	sameFiles(t, files(t, fsys, "content"), v1)
	if ok, _ := afero.Exists(fsys, "content.new-qingdan"); ok {
		t.Error("Abort left the new version")
	}
}

// A staged version the same as the old one is read from the folder
// itself: nothing is linked into the new version for it.
func TestStageUnchangedView(t *testing.T) {
	fsys := afero.NewMemMapFs()
	v1 := map[string]string{"a.md": "1", "notices/n/t.md": "t"}
	stage(t, fsys, v1, publish.StageOptions{})
	tree, st, err := publish.Stage(fsys, "content", bytesOf(v1), publish.StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Abort()
	if st.Unchanged != 2 || st.Written != 0 {
		t.Errorf("stats %+v", st)
	}
	view, err := tree.View()
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, view, "content"), v1)
	if staged := files(t, fsys, tree.Dir()); len(staged) > 0 {
		t.Errorf("the new version, the same as the old, was linked: %v", staged)
	}
}

func TestStageHandEdits(t *testing.T) {
	fsys := afero.NewMemMapFs()
	stage(t, fsys, map[string]string{"a.md": "1", "b.md": "1", "units/u.md": "u"}, publish.StageOptions{})
	put(t, fsys, "content/a.md", "1 edited")
	put(t, fsys, "content/b.md", "1 edited")
	put(t, fsys, "content/units/u.notes.md", "notes")
	put(t, fsys, "content/.qingdan-state", "machine")

	// b.md unchanged by the build: the edit is kept; a.md changed: refused.
	_, err := stage(t, fsys, map[string]string{"a.md": "2", "b.md": "1", "units/u.md": "u"}, publish.StageOptions{})
	var ed *publish.EditedError
	if !errors.As(err, &ed) || !slices.Equal(ed.Files, []string{"content/a.md"}) {
		t.Fatalf("want content/a.md refused, got %v", err)
	}

	// Forced twice in the same second: a backup folder each.
	for i, name := range []string{".qingdan-backup/2026-01-02-030405", ".qingdan-backup/2026-01-02-030405-2"} {
		put(t, fsys, "content/a.md", fmt.Sprintf("edit %d", i))
		st, err := stage(t, fsys, map[string]string{"a.md": fmt.Sprint(3 + i), "b.md": "1", "units/u.md": "u"}, publish.StageOptions{Force: true, BackupName: "2026-01-02-030405"})
		if err != nil {
			t.Fatal(err)
		}
		if st.Backup != name || st.KeptEdits != 1 {
			t.Errorf("backup %q, kept edits %d", st.Backup, st.KeptEdits)
		}
	}
	sameFiles(t, files(t, fsys, "content"), map[string]string{
		"a.md": "4", "b.md": "1 edited", "units/u.md": "u", "units/u.notes.md": "notes", ".qingdan-state": "machine",
		".qingdan-backup/2026-01-02-030405/a.md":   "edit 0",
		".qingdan-backup/2026-01-02-030405-2/a.md": "edit 1",
	})
}

func TestStageOrphans(t *testing.T) {
	orphan := func(p string) (string, bool) {
		rest, ok := strings.CutPrefix(p, "notices/")
		slug, _, _ := strings.Cut(rest, "/")
		return "notices/" + slug, ok && slug != "kept"
	}
	fsys := afero.NewMemMapFs()
	v1 := map[string]string{"notices/kept/a.md": "a", "notices/gone/a.md": "a", "notices/edited/a.md": "a", "notices/added/a.md": "a"}
	stage(t, fsys, v1, publish.StageOptions{Orphan: orphan})
	put(t, fsys, "content/notices/edited/a.md", "edited")
	put(t, fsys, "content/notices/added/mine.md", "mine")
	put(t, fsys, "content/notices/kept/mine.md", "mine")

	// Their seeds gone: the generated folder goes, the others are named.
	v2 := map[string]string{"notices/kept/a.md": "a"}
	_, err := stage(t, fsys, v2, publish.StageOptions{Orphan: orphan})
	var ed *publish.EditedError
	if !errors.As(err, &ed) || !slices.Equal(ed.Orphans, []string{"content/notices/added/", "content/notices/edited/"}) || len(ed.Files) != 0 {
		t.Fatalf("want the two folders named, got %v", err)
	}
	if !strings.Contains(err.Error(), "belong to no notice in the seeds") {
		t.Errorf("message: %v", err)
	}
	st, err := stage(t, fsys, v2, publish.StageOptions{Orphan: orphan, Force: true, BackupName: "b"})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, fsys, "content"), map[string]string{
		"notices/kept/a.md": "a", "notices/kept/mine.md": "mine",
		".qingdan-backup/b/notices/edited/a.md": "edited", ".qingdan-backup/b/notices/added/mine.md": "mine",
	})
	if st.Removed != 4 {
		t.Errorf("removed %d", st.Removed)
	}
}

// --- public/: files the build did not make, repairs, leftovers ---

func TestTreeKeepsUnknownFiles(t *testing.T) {
	fsys := afero.NewMemMapFs()
	cfg := publish.Config{Header: publish.SiteHeader, KeepUnknown: true}
	commit := func(files map[string]string) publish.SwapStats {
		t.Helper()
		tree, err := publish.Begin(fsys, "public", cfg)
		if err != nil {
			t.Fatal(err)
		}
		for p, s := range files {
			if err := tree.Put(p, []byte(s)); err != nil {
				t.Fatal(err)
			}
		}
		st, err := tree.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	commit(map[string]string{"index.html": "1", "old.html": "o"})
	put(t, fsys, "public/robots.txt", "r")
	st := commit(map[string]string{"index.html": "2"})
	sameFiles(t, files(t, fsys, "public"), map[string]string{"index.html": "2", "robots.txt": "r"})
	if !slices.Equal(st.Kept, []string{"robots.txt"}) || st.Removed != 1 {
		t.Errorf("kept %v, removed %d", st.Kept, st.Removed)
	}
	// Nothing changed: the folder is left alone.
	if st := commit(map[string]string{"index.html": "2"}); st.Swapped {
		t.Error("swapped with nothing changed")
	}
}

func TestTreeRehash(t *testing.T) {
	fsys := afero.NewMemMapFs()
	tree, _ := publish.Begin(fsys, "public", publish.Config{})
	tree.Put("a.html", []byte("aaa"))
	tree.Put("b.html", []byte("bbb"))
	tree.Commit()
	put(t, fsys, "public/a.html", "AAA")
	fsys.Remove("public/b.html")
	// Trusting the manifest, the changed file passes for the build's.
	tree, _ = publish.Begin(fsys, "public", publish.Config{})
	if d, _, ok := tree.Old("a.html"); !ok || d == "" {
		t.Fatal("a.html not known")
	}
	tree.Abort()
	tree, _ = publish.Begin(fsys, "public", publish.Config{Rehash: true})
	tree.Put("a.html", []byte("aaa"))
	tree.Put("b.html", []byte("bbb"))
	st, _ := tree.Commit()
	if !slices.Equal(st.Repaired, []string{"a.html", "b.html"}) || st.Written != 2 {
		t.Errorf("repaired %v, written %d", st.Repaired, st.Written)
	}
	sameFiles(t, files(t, fsys, "public"), map[string]string{"a.html": "aaa", "b.html": "bbb"})
}

func TestCleanLeftovers(t *testing.T) {
	fsys := afero.NewMemMapFs()
	put(t, fsys, "public.new-qingdan/half.html", "half")
	put(t, fsys, "public.new-qingdan-2/half.html", "half")
	put(t, fsys, "public/.qingdan-new/x.html", "x")
	put(t, fsys, "public/index.html", "site")
	put(t, fsys, "publications/keep.txt", "not ours")
	if notes := publish.Clean(fsys, "public"); len(notes) > 0 {
		t.Fatal(notes)
	}
	for _, p := range []string{"public.new-qingdan", "public.new-qingdan-2", "public/.qingdan-new"} {
		if ok, _ := afero.Exists(fsys, p); ok {
			t.Errorf("%s left", p)
		}
	}
	sameFiles(t, files(t, fsys, "public"), map[string]string{"index.html": "site"})
	sameFiles(t, files(t, fsys, "publications"), map[string]string{"keep.txt": "not ours"})

	// Killed between the two renames of a swap without the one-step
	// exchange: the old version is put back.
	fsys.Rename("public", "public.old-qingdan")
	publish.Clean(fsys, "public")
	sameFiles(t, files(t, fsys, "public"), map[string]string{"index.html": "site"})
}

// --- on the disk: links, locks ---

func TestTreeThroughLink(t *testing.T) {
	dir := t.TempDir()
	fsys := publish.NewOsFs()
	www := filepath.Join(dir, "www")
	put(t, fsys, filepath.Join(www, "web.config"), "admin")
	os.Symlink(www, filepath.Join(dir, "public"))
	// In place (public/): the link and the folder stay, the admin's file too.
	for _, v := range []string{"1", "2"} {
		tree, err := publish.Begin(fsys, filepath.Join(dir, "public"), publish.Config{InPlace: true, KeepUnknown: true})
		if err != nil {
			t.Fatal(err)
		}
		tree.Put("index.html", []byte(v))
		tree.Put("v"+v+".html", []byte(v))
		if _, err := tree.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	sameFiles(t, files(t, fsys, www), map[string]string{"web.config": "admin", "index.html": "2", "v2.html": "2"})
	if target, _ := os.Readlink(filepath.Join(dir, "public")); target != www {
		t.Errorf("link now %q", target)
	}

	// Not in place (content/): the folder linked to is replaced whole, the
	// link stays.
	data := filepath.Join(dir, "data")
	put(t, fsys, filepath.Join(data, "old.md"), "old")
	os.Symlink(data, filepath.Join(dir, "content"))
	tree, _, err := publish.Stage(fsys, filepath.Join(dir, "content"), map[string][]byte{"new.md": []byte("new")}, publish.StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, fsys, data), map[string]string{"old.md": "old", "new.md": "new"})

	// A link a person made in it is kept.
	os.Symlink("new.md", filepath.Join(data, "alias.md"))
	tree, _, err = publish.Stage(fsys, filepath.Join(dir, "content"), map[string][]byte{"new.md": []byte("newer")}, publish.StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(filepath.Join(data, "alias.md")); err != nil || target != "new.md" {
		t.Errorf("the link: %q, %v", target, err)
	}
	if info, err := os.Lstat(filepath.Join(dir, "content")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("content/ is no longer a link")
	}
}

func TestLock(t *testing.T) {
	name := filepath.Join(t.TempDir(), ".qingdan-lock")
	for _, fsys := range []afero.Fs{publish.NewOsFs(), afero.NewMemMapFs()} {
		unlock, err := publish.Lock(fsys, name, nil)
		if err != nil {
			t.Fatal(err)
		}
		waited := make(chan string, 1)
		got := make(chan bool)
		go func() {
			unlock2, err := publish.Lock(fsys, name, func(holder string) { waited <- holder })
			if err == nil {
				unlock2()
			}
			got <- true
		}()
		holder := <-waited
		select {
		case <-got:
			t.Fatal("the second lock did not wait")
		case <-time.After(50 * time.Millisecond):
		}
		unlock()
		<-got
		if _, ok := fsys.(*publish.OsFs); ok && !strings.HasPrefix(holder, fmt.Sprintf("process %d, started ", os.Getpid())) {
			t.Errorf("holder %q", holder)
		}
	}
}

// Example: a new version of a folder is built, then put in place at once.
func ExampleBegin() {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "public/old.html", []byte("old"), 0o644)
	tree, _ := publish.Begin(fsys, "public", publish.Config{Header: publish.SiteHeader})
	tree.Put("index.html", []byte("<h1>清单</h1>"))
	before, _ := afero.Exists(fsys, "public/index.html")
	st, _ := tree.Commit()
	after, _ := afero.Exists(fsys, "public/index.html")
	gone, _ := afero.Exists(fsys, "public/old.html")
	fmt.Println(before, after, gone, st.Written, st.Removed)
	// Output: false true false 1 1
}

// Files are put one by one from one buffer used again, on several
// goroutines, as content/ is written: each file keeps the bytes it was
// put with, and a file put twice is an error.
func TestStagerFileByFile(t *testing.T) {
	fsys := afero.NewMemMapFs()
	stage(t, fsys, map[string]string{"a.md": "old", "b.md": "b"}, publish.StageOptions{})
	s, err := publish.BeginStage(fsys, "content", publish.StageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"b.md": "b"}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 16)
			for i := range 25 {
				buf = fmt.Appendf(buf[:0], "file %d of %d", i, w)
				if err := s.Put(fmt.Sprintf("n/%d/%d.md", w, i), buf); err != nil {
					t.Error(err)
				}
				copy(buf, "XXXXXXXXXXXXXXXX")
			}
		}()
		for i := range 25 {
			want[fmt.Sprintf("n/%d/%d.md", w, i)] = fmt.Sprintf("file %d of %d", i, w)
		}
	}
	wg.Wait()
	buf := []byte("new")
	if err := s.Put("a.md", buf); err != nil {
		t.Fatal(err)
	}
	copy(buf, "XXX")
	want["a.md"] = "new"
	if err := s.Put("b.md", []byte("b")); err != nil {
		t.Fatal(err)
	}
	tree, st, err := s.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 101 || st.Unchanged != 1 {
		t.Errorf("stats %+v", st)
	}
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, files(t, fsys, "content"), want)

	s, _ = publish.BeginStage(fsys, "content", publish.StageOptions{})
	s.Put("b.md", []byte("b2"))
	if err := s.Put("b.md", []byte("b3")); err == nil {
		t.Error("b.md put twice: no error")
	}
	if _, _, err := s.Finish(); err == nil {
		t.Error("Finish after a file put twice: no error")
	}
	sameFiles(t, files(t, fsys, "content"), want)
}

// A file written through Create as it is made counts as Put counts it:
// the same bytes as before are the old file kept (nothing changed, no
// swap), other bytes a new version; beside the folder and in place (a
// link's target) alike.
func TestTreeCreate(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "www"), 0o755)
	os.Symlink(filepath.Join(dir, "www"), filepath.Join(dir, "linked"))
	for _, c := range []struct {
		fsys     afero.Fs
		dir, www string // the folder built, and where its files are
	}{{afero.NewMemMapFs(), "public", "public"}, {publish.NewOsFs(), filepath.Join(dir, "linked"), filepath.Join(dir, "www")}} {
		build := func(files map[string]string) publish.SwapStats {
			t.Helper()
			tree, err := publish.Begin(c.fsys, c.dir, publish.Config{Header: publish.SiteHeader, InPlace: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range slices.Sorted(maps.Keys(files)) {
				w, err := tree.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				s := files[p]
				w.WriteString(s[:len(s)/2])
				w.Write([]byte(s[len(s)/2:]))
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			}
			st, err := tree.Commit()
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		large := strings.Repeat("单位", 300<<10)
		v1 := map[string]string{"data/units.json": large, "a.csv": "a,b"}
		build(v1)
		sameFiles(t, files(t, c.fsys, c.www), v1)
		if st := build(v1); st.Swapped || st.Written != 0 || st.Unchanged != 2 {
			t.Errorf("%s: the same files again: %+v", c.dir, st)
		}
		v2 := map[string]string{"data/units.json": large + "]", "a.csv": "a,b"}
		if st := build(v2); !st.Swapped || st.Written != 1 || st.Unchanged != 1 {
			t.Errorf("%s: one file changed: %+v", c.dir, st)
		}
		sameFiles(t, files(t, c.fsys, c.www), v2)
		if c.dir != "public" {
			if st, err := os.Lstat(c.dir); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s is no longer a link", c.dir)
			}
		}
	}
}

// A file put twice fails the new version before the second writes a
// byte: an unchanged file is a hard link to the old version's, which a
// second write would change in place. A file given up (its making
// failed) or never closed leaves the new version unsealable, so no part
// of it is taken for the whole.
func TestTreeIncompleteFiles(t *testing.T) {
	dir := t.TempDir()
	fsys := publish.NewOsFs()
	public := filepath.Join(dir, "public")
	begin := func() *publish.Tree {
		t.Helper()
		tree, err := publish.Begin(fsys, public, publish.Config{Header: publish.SiteHeader})
		if err != nil {
			t.Fatal(err)
		}
		return tree
	}
	tree := begin()
	tree.Put("a.json", []byte("whole"))
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}

	tree = begin()
	if err := tree.Put("a.json", []byte("whole")); err != nil {
		t.Fatal(err)
	}
	if w, err := tree.Create("a.json"); err == nil {
		io.WriteString(w, "HALF")
		w.Close()
		t.Error("a file created after it was put: no error")
	}
	if err := tree.Put("a.json", []byte("other")); err == nil {
		t.Error("a file put twice: no error")
	}
	if _, err := tree.Commit(); err == nil {
		t.Error("committed a version with a file written twice")
	}
	sameFiles(t, files(t, fsys, public), map[string]string{"a.json": "whole"})

	tree = begin()
	w, err := tree.Create("a.json")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "HA")
	w.Abort()
	if _, err := tree.Commit(); err == nil || !strings.Contains(err.Error(), "a.json") {
		t.Errorf("committed a version with a file given up: %v", err)
	}
	sameFiles(t, files(t, fsys, public), map[string]string{"a.json": "whole"})

	tree = begin()
	w, _ = tree.Create("a.json")
	io.WriteString(w, "HA")
	if _, err := tree.Commit(); err == nil {
		t.Error("committed a version with a file still being written")
	}
	w.Close()
	sameFiles(t, files(t, fsys, public), map[string]string{"a.json": "whole"})
}

// Hand edits are found alike when files are put from several goroutines
// at once, as content/ is written: every edited file named, in path
// order, and, forced, each backed up and replaced.
func TestStagerEditsPutAtOnce(t *testing.T) {
	fsys := afero.NewMemMapFs()
	v1 := map[string]string{}
	for i := range 200 {
		v1[fmt.Sprintf("notices/n%03d/t.md", i)] = "1"
	}
	stage(t, fsys, v1, publish.StageOptions{})
	edited := []string{"notices/n007/t.md", "notices/n100/t.md", "notices/n199/t.md"}
	for _, p := range edited {
		put(t, fsys, "content/"+p, "edited")
	}
	putAll := func(opt publish.StageOptions) (*publish.Tree, publish.SyncStats, error) {
		s, err := publish.BeginStage(fsys, "content", opt)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < 200; i += 4 {
					if err := s.Put(fmt.Sprintf("notices/n%03d/t.md", i), []byte("2")); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		return s.Finish()
	}
	_, _, err := putAll(publish.StageOptions{})
	var ed *publish.EditedError
	want := []string{"content/notices/n007/t.md", "content/notices/n100/t.md", "content/notices/n199/t.md"}
	if !errors.As(err, &ed) || !slices.Equal(ed.Files, want) {
		t.Fatalf("want %v refused, got %v", want, err)
	}
	tree, st, err := putAll(publish.StageOptions{Force: true, BackupName: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 200 || st.Backup != ".qingdan-backup/b" {
		t.Errorf("stats %+v", st)
	}
	if _, err := tree.Commit(); err != nil {
		t.Fatal(err)
	}
	got := files(t, fsys, "content")
	for _, p := range edited {
		if got[".qingdan-backup/b/"+p] != "edited" || got[p] != "2" {
			t.Errorf("%s: backup %q, now %q", p, got[".qingdan-backup/b/"+p], got[p])
		}
	}
}
