//go:build linux

package pipeline_test

// Change detection that cannot lie: what a build compares with the last
// build is what it read, links followed; anything that is not a file to
// read is a clear error, never a build that hangs or fills the memory.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// runWithin runs a build that must end within a minute.
func runWithin(t *testing.T, opt pipeline.Options) (*pipeline.Report, error) {
	t.Helper()
	type result struct {
		r   *pipeline.Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		r, err := pipeline.Run(publish.NewOsFs(), opt, nil)
		done <- result{r, err}
	}()
	select {
	case res := <-done:
		return res.r, res.err
	case <-time.After(time.Minute):
		t.Fatal("the build hangs")
		return nil, nil
	}
}

// TestHostileInputs: a named pipe, a link to /dev/zero, a 500 MB file or
// a link to a folder among the seeds, the static files or the templates
// stops the build with an error naming it — also after a build that
// succeeded, with nothing else changed — and nothing is written.
func TestHostileInputs(t *testing.T) {
	for _, c := range []struct {
		name, file, want string
		make             func(p string) error
	}{
		{"FIFO in seeds", "seeds/zz.txt", "is a named pipe (FIFO), not a file", func(p string) error { return unix.Mkfifo(p, 0o644) }},
		{"/dev/zero in seeds", "seeds/zz.txt", "is a character device, not a file", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"500 MB in seeds", "seeds/zz.txt", "is 500 MB; an input file is read up to 64 MB", func(p string) error {
			f, err := os.Create(p)
			if err == nil {
				err = f.Truncate(500 << 20)
				f.Close()
			}
			return err
		}},
		{"folder link in seeds", "seeds/zz.txt", "is a folder, not a file", func(p string) error { return os.Symlink("/", p) }},
		{"FIFO as the registry", "seeds/units.yaml", "is a named pipe (FIFO), not a file", func(p string) error {
			os.Remove(p)
			return unix.Mkfifo(p, 0o644)
		}},
		{"FIFO in static", "static/robots.txt", "is a named pipe (FIFO), not a file", func(p string) error { return unix.Mkfifo(p, 0o644) }},
		{"/dev/zero in templates", "templates/base.html", "is a character device, not a file", func(p string) error { return os.Symlink("/dev/zero", p) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := workDir(t)
			writeSeeds(t, dir, smallNotices(t, 3, 6))
			opt := options(dir)
			opt.Registry = filepath.Join(dir, "seeds", "units.yaml")
			writeFiles(t, dir, map[string]string{"seeds/units.yaml": read(t, "../../seeds/units.yaml")})
			if _, err := runWithin(t, opt); err != nil {
				t.Fatal(err)
			}
			before := digestTree(t, opt.Public)
			p := filepath.Join(dir, c.file)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := c.make(p); err != nil {
				t.Fatal(err)
			}
			_, err := runWithin(t, opt)
			if err == nil || !strings.Contains(err.Error(), p+" "+c.want) {
				t.Fatalf("want %q, got %v", p+" "+c.want, err)
			}
			if d := sameTree(digestTree(t, opt.Public), before); d != "" {
				t.Errorf("public/ changed: %s", d)
			}
		})
	}
}

// TestLinkedSeeds: seeds/ is a link to another folder, and a seed in it a
// link to a file elsewhere; each change behind the links is seen by the
// next build and published.
func TestLinkedSeeds(t *testing.T) {
	dir := workDir(t)
	shared := filepath.Join(workDir(t), "shared")
	notices := smallNotices(t, 3, 12)
	writeSeeds(t, shared, notices[:2])
	elsewhere := filepath.Join(workDir(t), "third.txt")
	writeFiles(t, filepath.Dir(elsewhere), map[string]string{"third.txt": notices[2].Text})
	if err := os.Symlink(elsewhere, filepath.Join(shared, "seeds", "third.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(shared, "seeds"), filepath.Join(dir, "seeds")); err != nil {
		t.Fatal(err)
	}
	opt := options(dir)
	r, err := runWithin(t, opt)
	if err != nil || r.Notices != 3 {
		t.Fatalf("%v, %+v", err, r)
	}
	if r, _ := runWithin(t, opt); !r.Unchanged {
		t.Fatal("a build with nothing changed found something")
	}
	for i, edit := range []struct {
		name, file string
	}{
		{"a seed in the linked folder", filepath.Join(shared, "seeds", notices[0].Name)},
		{"a seed behind a link", elsewhere},
	} {
		b, _ := os.ReadFile(edit.file)
		revised := strings.Replace(string(b), "。", "，限期完成修订核对。", 1)
		if err := os.WriteFile(edit.file, []byte(revised), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := runWithin(t, opt)
		if err != nil {
			t.Fatal(err)
		}
		// The revisions shown grow by one: the notice edited.
		if r.Unchanged || len(r.Changes) != i+1 {
			t.Errorf("%s edited: unchanged %v, %d notice(s) revised", edit.name, r.Unchanged, len(r.Changes))
		}
	}
	if info, err := os.Lstat(filepath.Join(dir, "seeds")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("seeds/ is no longer a link")
	}
}

// TestContentEditKeepingTime: a content file edited by hand and given
// back its size and time is still seen (its inode's change time moved).
func TestContentEditKeepingTime(t *testing.T) {
	dir := workDir(t)
	writeSeeds(t, dir, smallNotices(t, 2, 3))
	opt := options(dir)
	if _, err := runWithin(t, opt); err != nil {
		t.Fatal(err)
	}
	var file string
	filepath.WalkDir(filepath.Join(dir, "content", "notices"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(p, "/tasks/") && file == "" {
			file = p
		}
		return nil
	})
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(file)
	// One character for another of the same length, in the body.
	edited := strings.Replace(string(b), "。", "；", 1)
	if len(edited) != len(b) || edited == string(b) {
		t.Fatal("no edit of the same size")
	}
	os.WriteFile(file, []byte(edited), 0o644)
	os.Chtimes(file, info.ModTime(), info.ModTime())
	r, err := runWithin(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r.Unchanged || r.Content.KeptEdits != 1 {
		t.Errorf("unchanged %v, kept edits %d", r.Unchanged, r.Content.KeptEdits)
	}
}
