package pipeline_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

const killEnv = "QINGDAN_KILL_TEST_DIR"

// TestKilledBuildLeavesSite kills a build while it writes the new site and
// finds the old public/ whole; the next build then succeeds and leaves no
// half-built folder behind.
func TestKilledBuildLeavesSite(t *testing.T) {
	if os.Getenv(killEnv) != "" {
		t.Skip("helper")
	}
	dir := t.TempDir()
	text := read(t, shipped)
	// Enough notices that writing the site takes a while.
	for i := 1; i <= 25; i++ {
		n := strings.Replace(text, "忻政发〔2024〕1号", fmt.Sprintf("忻政发〔2024〕%d号", i), 1)
		if err := os.MkdirAll(filepath.Join(dir, "seeds"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "seeds", fmt.Sprintf("n%02d.txt", i)), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := options(dir)
	if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, opt.Public)

	// A revision of every notice, so that every page changes.
	for i := 1; i <= 25; i++ {
		p := filepath.Join(dir, "seeds", fmt.Sprintf("n%02d.txt", i))
		b, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(b), "强化城镇燃气企业运行安全", "全面强化城镇燃气企业运行安全", 1)), 0o644)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), killEnv+"="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tmp := opt.Public + ".new-qingdan"
	deadline := time.Now().Add(60 * time.Second)
	for {
		if entries, err := os.ReadDir(tmp); err == nil && len(entries) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the build never started writing the new site")
		}
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()

	if after := snapshot(t, opt.Public); !equal(before, after) {
		t.Fatal("public/ changed under a build that was killed")
	}
	// The next build completes and cleans up.
	r, err := pipeline.Run(publish.NewOsFs(), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Site.Swapped || len(r.Changes) != 25 {
		t.Errorf("swapped %v, changes %d", r.Site.Swapped, len(r.Changes))
	}
	for _, leftover := range []string{tmp, opt.Public + ".old-qingdan"} {
		if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left behind", leftover)
		}
	}
}

// TestKillHelper is the build the test above kills.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv(killEnv)
	if dir == "" {
		t.Skip("run by TestKilledBuildLeavesSite")
	}
	pipeline.Run(publish.NewOsFs(), options(dir), nil)
}

func options(dir string) pipeline.Options {
	return pipeline.Options{
		Seeds:       filepath.Join(dir, "seeds"),
		Content:     filepath.Join(dir, "content"),
		Public:      filepath.Join(dir, "public"),
		Registry:    "../../seeds/units.yaml",
		Templates:   os.DirFS("../../templates"),
		TemplateDir: filepath.Join(dir, "templates"),
	}
}

func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equal(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

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
