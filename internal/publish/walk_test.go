package publish_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/publish"
)

// walked lists what Walk reports under root: "rel kind" in the order
// reported, kind d for a folder, l for a link, f for a file; a folder
// named in skip is reported and not entered.
func walked(t *testing.T, fsys afero.Fs, root string, skip ...string) ([]string, error) {
	t.Helper()
	var got []string
	err := publish.Walk(fsys, root, func(rel string, info fs.FileInfo) error {
		kind := "f"
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			kind = "l"
		case info.IsDir():
			kind = "d"
		}
		got = append(got, rel+" "+kind)
		if slices.Contains(skip, rel) {
			return fs.SkipDir
		}
		return nil
	})
	return got, err
}

// TestWalkOrderAndSkip: a folder comes before what it holds, entries in
// name order whatever order they were made in, and a folder fn skips is
// not entered while the walk goes on past it.
func TestWalkOrderAndSkip(t *testing.T) {
	for _, disk := range []bool{false, true} {
		fsys, root := afero.NewMemMapFs(), "/site"
		if disk {
			fsys, root = publish.NewOsFs(), t.TempDir()
		}
		for _, p := range []string{"z.html", "b/2.html", "b/1.html", "a.html", "skip/x.html", "c/d/e.html"} {
			put(t, fsys, filepath.Join(root, p), p)
		}
		got, err := walked(t, fsys, root, "skip")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{" d", "a.html f", "b d", "b/1.html f", "b/2.html f", "c d", "c/d d", "c/d/e.html f", "skip d", "z.html f"}
		if !slices.Equal(got, want) {
			t.Errorf("disk %v: walked\n%q\nwant\n%q", disk, got, want)
		}
	}
}

// TestWalkLinks: a root that is a link to a folder is followed (public/
// may be a link to the web root); links under it are reported as links
// and not followed, also one to a folder or to nothing.
func TestWalkLinks(t *testing.T) {
	dir := t.TempDir()
	fsys := publish.NewOsFs()
	put(t, fsys, filepath.Join(dir, "www", "index.html"), "x")
	put(t, fsys, filepath.Join(dir, "elsewhere", "secret.html"), "x")
	for link, target := range map[string]string{
		"site":           "www",
		"www/outside":    "../elsewhere",
		"www/alias.html": "index.html",
		"www/dangling":   "no-such-file",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := walked(t, fsys, filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{" d", "alias.html l", "dangling l", "index.html f", "outside l"}
	if !slices.Equal(got, want) {
		t.Errorf("walked\n%q\nwant\n%q", got, want)
	}
}

// TestWalkErrors: a missing root is an error that says so (the callers
// take a missing folder as empty), and fn's error stops the walk and is
// returned as it is.
func TestWalkErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := walked(t, publish.NewOsFs(), filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing root: %v", err)
	}
	put(t, publish.NewOsFs(), filepath.Join(dir, "a", "b.html"), "x")
	put(t, publish.NewOsFs(), filepath.Join(dir, "a", "c.html"), "x")
	stop := errors.New("stop")
	calls := 0
	err := publish.Walk(publish.NewOsFs(), dir, func(rel string, info fs.FileInfo) error {
		calls++
		if rel == "a/b.html" {
			return stop
		}
		return nil
	})
	if err != stop || calls != 3 {
		t.Errorf("got %v after %d calls, want stop after 3", err, calls)
	}
}

// Folders are read ahead on several goroutines, yet fn sees every entry
// once, in order, and an error of fn ends the walk at once with it.
func TestWalkReadAhead(t *testing.T) {
	fsys, root := publish.NewOsFs(), t.TempDir()
	var want []string
	want = append(want, " d")
	for i := range 60 {
		dir := fmt.Sprintf("n%02d", i)
		want = append(want, dir+" d")
		for _, sub := range []string{"items", "tasks"} {
			want = append(want, dir+"/"+sub+" d")
			for j := range 5 {
				p := fmt.Sprintf("%s/%s/%d.md", dir, sub, j)
				put(t, fsys, filepath.Join(root, p), p)
				want = append(want, p+" f")
			}
		}
	}
	for range 3 {
		got, err := walked(t, fsys, root)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("walked %d entries (%v), want %d in order", len(got), err, len(want))
		}
	}
	stop := errors.New("stop")
	calls := 0
	err := publish.Walk(fsys, root, func(rel string, info fs.FileInfo) error {
		if calls++; rel == "n01/tasks/2.md" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != slices.Index(want, "n01/tasks/2.md f")+1 {
		t.Errorf("walk stopped by fn: %v after %d calls", err, calls)
	}
}
