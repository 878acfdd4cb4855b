//go:build unix

package input_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"

	"qingdan/internal/input"
)

// hostile makes a folder of everything that is not a file to read.
func hostile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "notice.txt"), []byte("通知"), 0o644))
	must(os.Symlink("notice.txt", filepath.Join(dir, "linked.txt")))
	must(unix.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")))
	must(os.Mkdir(filepath.Join(dir, "folder.txt"), 0o755))
	must(os.Symlink(filepath.Join(dir, "folder.txt"), filepath.Join(dir, "linked-folder")))
	must(os.Symlink("nothing.txt", filepath.Join(dir, "dangling.txt")))
	// 500 MB that take no room: the size alone must refuse it.
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	must(err)
	must(f.Truncate(500 << 20))
	f.Close()
	return dir
}

func TestRead(t *testing.T) {
	dir := hostile(t)
	fsys := afero.NewOsFs()
	for _, c := range []struct {
		name, want string
	}{
		// valid
		{"notice.txt", ""},
		{"linked.txt", ""},
		// hostile
		{"fifo.txt", "fifo.txt is a named pipe (FIFO), not a file; only regular files (or links to them) are read"},
		{"zero.txt", "zero.txt is a character device, not a file"},
		{"folder.txt", "folder.txt is a folder, not a file"},
		{"huge.txt", "huge.txt is 500 MB; an input file is read up to 64 MB"},
		{"dangling.txt", "no such file or directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan struct{})
			var (
				data []byte
				err  error
			)
			go func() {
				data, err = input.Read(fsys, filepath.Join(dir, c.name))
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Read hangs")
			}
			if c.want == "" {
				if err != nil || string(data) != "通知" {
					t.Errorf("%q, %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("want %q, got %v", c.want, err)
			}
		})
	}
	if _, err := input.Read(fsys, filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent: %v", err)
	}
}

func TestFiles(t *testing.T) {
	fsys := afero.NewOsFs()
	dir := t.TempDir()
	for _, p := range []string{"robots.txt", "img/logo.svg", "img/a/b.png"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), nil, 0o644)
	}
	os.Symlink("robots.txt", filepath.Join(dir, "linked.txt"))
	got, err := input.Files(fsys, dir)
	if want := []string{"img/a/b.png", "img/logo.svg", "linked.txt", "robots.txt"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("%v, %v; want %v", got, err, want)
	}
	// The folder itself may be a link; an absent one has no files.
	static := filepath.Join(t.TempDir(), "static")
	os.Symlink(dir, static)
	if again, err := input.Files(fsys, static); err != nil || !slices.Equal(again, got) {
		t.Errorf("through a link: %v, %v", again, err)
	}
	if got, err := input.Files(fsys, filepath.Join(dir, "absent")); err != nil || got != nil {
		t.Errorf("absent: %v, %v", got, err)
	}

	// Anything else is named.
	bad := hostile(t)
	for _, name := range []string{"fifo.txt", "zero.txt", "linked-folder", "dangling.txt"} {
		sub := t.TempDir()
		os.Rename(filepath.Join(bad, name), filepath.Join(sub, name))
		_, err := input.Files(fsys, sub)
		if err == nil || !strings.Contains(err.Error(), filepath.Join(sub, name)) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Example: a named pipe among the notices is an error, not a build that
// waits for ever.
func ExampleRead() {
	dir, _ := os.MkdirTemp("", "seeds")
	defer os.RemoveAll(dir)
	unix.Mkfifo(filepath.Join(dir, "notice.txt"), 0o644)
	_, err := input.Read(afero.NewOsFs(), filepath.Join(dir, "notice.txt"))
	fmt.Println(strings.TrimPrefix(err.Error(), dir+"/"))
	// Output: notice.txt is a named pipe (FIFO), not a file; only regular files (or links to them) are read
}

// The digest follows what was read: a file reached through a link
// changes it when the file changes, and a file gone is not a file
// unchanged.
func TestReaderDigest(t *testing.T) {
	dir := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "notice.txt")
	os.WriteFile(elsewhere, []byte("一"), 0o644)
	os.Symlink(elsewhere, filepath.Join(dir, "linked.txt"))
	os.WriteFile(filepath.Join(dir, "plain.txt"), []byte("二"), 0o644)
	digest := func(files ...string) string {
		r := input.NewReader(afero.NewOsFs())
		for _, f := range files {
			r.Read(filepath.Join(dir, f))
		}
		r.Files(filepath.Join(dir, "static"))
		var b strings.Builder
		r.Digest(&b, dir)
		return b.String()
	}
	first := digest("linked.txt", "plain.txt")
	if !strings.Contains(first, "static absent") {
		t.Errorf("an absent folder is not recorded:\n%s", first)
	}
	if digest("linked.txt", "plain.txt") != first {
		t.Error("the same files give another digest")
	}
	os.WriteFile(elsewhere, []byte("三"), 0o644)
	if digest("linked.txt", "plain.txt") == first {
		t.Error("a change behind a link is not seen")
	}
	if digest("plain.txt") == digest("plain.txt", "absent.txt") {
		t.Error("an absent file is not recorded")
	}
	var none strings.Builder
	r := input.NewReader(afero.NewOsFs())
	r.Read(filepath.Join(dir, "plain.txt"))
	r.Digest(&none, filepath.Join(dir, "other"))
	if none.Len() != 0 {
		t.Errorf("a digest of other paths holds %q", none.String())
	}
}
