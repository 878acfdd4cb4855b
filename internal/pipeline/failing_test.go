package pipeline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// failingFs fails every write into the folder a new site is built in,
// after a number of them: a build that fails midway.
type failingFs struct {
	afero.Fs
	mu   sync.Mutex // the build writes from several goroutines
	left int
}

func (f *failingFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if strings.Contains(name, ".new-qingdan") && flag&os.O_CREATE != 0 {
		f.mu.Lock()
		full := f.left == 0
		if !full {
			f.left--
		}
		f.mu.Unlock()
		if full {
			return nil, errors.New("disk full")
		}
	}
	return f.Fs.OpenFile(name, flag, perm)
}

func (f *failingFs) Create(name string) (afero.File, error) {
	return f.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

// TestFailedBuildLeavesSite: a build whose writes fail midway reports the
// error and leaves the old site as it was.
func TestFailedBuildLeavesSite(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	before := map[string]string{}
	afero.Walk(fsys, "public", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			before[p] = get(t, fsys, p)
		}
		return nil
	})
	put(t, fsys, seedAs, read(t, revised))
	_, err := pipeline.Run(&failingFs{Fs: fsys, left: 50}, opt, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the write error, got %v", err)
	}
	after := 0
	afero.Walk(fsys, "public", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			after++
			if get(t, fsys, p) != before[p] {
				t.Errorf("%s changed", p)
			}
		}
		return nil
	})
	if after != len(before) {
		t.Errorf("public/ had %d files, now %d", len(before), after)
	}
}

// TestRenderErrorChangesNothing: on the disk, a page that cannot be made
// (a template of the site's own that fails) stops a build whose seeds
// changed after content/ was staged: content/ and public/ stay as they
// were, nothing is left beside them, and with the template fixed the
// next build completes.
func TestRenderErrorChangesNothing(t *testing.T) {
	dir := workDir(t)
	notices := smallNotices(t, 6, 4)
	writeSeeds(t, dir, notices[:5])
	opt := options(dir)
	run(t, publish.NewOsFs(), opt)
	before := map[string]map[string][32]byte{"content": digestTree(t, opt.Content), "public": digestTree(t, opt.Public)}

	writeSeeds(t, dir, revise(notices[1:], 2))
	writeFiles(t, opt.TemplateDir, map[string]string{"task.html": `{{define "content"}}{{template "no-such-block" .}}{{end}}`})
	_, err := pipeline.Run(publish.NewOsFs(), opt, nil)
	if err == nil || !strings.Contains(err.Error(), "no-such-block") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("want the template's error, got %v", err)
	}
	for sub, d := range before {
		if diff := sameTree(digestTree(t, filepath.Join(dir, sub)), d); diff != "" {
			t.Errorf("%s/ changed: %s", sub, diff)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}

	if err := os.RemoveAll(opt.TemplateDir); err != nil {
		t.Fatal(err)
	}
	run(t, publish.NewOsFs(), opt)
	checkPublished(t, dir)
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}
