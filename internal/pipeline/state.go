package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"sync"

	"github.com/spf13/afero"

	"qingdan/internal/cache"
	"qingdan/internal/publish"
)

// A build that finds its inputs as the last build left them writes
// nothing and is done at once. The inputs are the program, the options,
// the bytes of the notices, the registry, the site's templates and static
// files as the build read them (sources.go: links followed, so a seed
// behind a link or a linked seeds/ folder that changes is seen), the
// names, sizes and times of content/, and the times of public/ and its
// manifest (which the last build itself wrote; their state is taken after
// that). The digest is kept in the cache (stateEntry), which belongs to
// the machine. A file of public/ changed by hand is not seen: --force
// reads them all.

// stateEntry is the cache entry that holds the digest.
const stateEntry = "inputs"

// oldCaches are what earlier versions kept in content/; they belong to
// the machine, and a build removes them.
var oldCaches = []string{".qingdan-state", ".qingdan-pages", ".qingdan-parsed", ".qingdan-blocks"}

func removeOldCaches(fsys afero.Fs, opt Options) {
	for _, name := range oldCaches {
		fsys.RemoveAll(path.Join(opt.Content, name))
	}
}

// version digests what every page depends on besides the notices: the
// program, the options, the templates and the unit registry.
// programID names the running program: its size and its first bytes,
// which hold Go's build id (go run runs the same program from different
// places). Computed once.
var programID = sync.OnceValue(func() string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			if info, err := f.Stat(); err == nil {
				fmt.Fprintf(h, "%d\n", info.Size())
			}
			io.CopyN(h, f, 64<<10)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// version digests what every page depends on besides the notices: the
// program, the options, the embedded templates and, as read, the site's
// own templates and the unit registry.
func version(opt Options, src *sources) string {
	h := sha256.New()
	// Not Force: it decides what happens to hand edits of content/, whose
	// digests the pages' keys hold, so a forced build's pages serve the
	// next build.
	fmt.Fprintf(h, "opt %q %q %q %q %q %q %q %q\n", opt.Seeds, opt.Content, opt.Public, opt.Registry, opt.TemplateDir, opt.Title, opt.Base, opt.Notices)
	fmt.Fprintf(h, "program %s\n", programID())
	if opt.Templates != nil {
		digestFS(h, opt.Templates)
	}
	src.read.Digest(h, opt.TemplateDir, opt.Registry)
	return hex.EncodeToString(h.Sum(nil))
}

// inputs digests what a build reads besides content/: the version and,
// as read, the notices and the static files (which no page depends on).
func inputs(opt Options, version string, src *sources) hash.Hash {
	h := sha256.New()
	fmt.Fprintf(h, "version %s\n", version)
	fmt.Fprintf(h, "static %q\n", opt.Static)
	src.read.Digest(h, opt.Seeds, opt.Static)
	return h
}

// contentState digests content/ as it is now (digestDir).
func contentState(fsys afero.Fs, opt Options) ([]byte, error) {
	c := sha256.New()
	if err := digestDir(c, fsys, opt.Content); err != nil {
		return nil, err
	}
	return c.Sum(nil), nil
}

// state completes the digest of the inputs with content/ (contentState)
// and public/ as they are now.
func state(h hash.Hash, content []byte, fsys afero.Fs, opt Options) string {
	c := sha256.New()
	c.Write(h.Sum(nil))
	c.Write(content)
	// public/ is replaced as a whole by every build that changes it, so
	// the folder and its manifest say whether it is still the one the
	// last build left, without going through its many files.
	for _, p := range []string{opt.Public, path.Join(opt.Public, publish.ManifestName)} {
		if info, err := fsys.Stat(p); err == nil {
			fmt.Fprintf(c, "%s %d %d %d\n", p, info.Size(), info.ModTime().UnixNano(), changeTime(info))
		} else {
			fmt.Fprintf(c, "%s absent\n", p)
		}
	}
	return hex.EncodeToString(c.Sum(nil))
}

// lastState is the state the last build left; "" when unknown.
func lastState(c *cache.Cache) string {
	b, _ := c.Get("state", stateEntry)
	return string(b)
}

// saveState records the state, unless it is already recorded.
func saveState(c *cache.Cache, s string) {
	if lastState(c) != s {
		c.Put("state", stateEntry, []byte(s))
	}
}

// digestDir adds the names, sizes and times of the files under dir
// (the time of the last change of a file's inode too, where there is one,
// which no tool sets back), dir followed when it is a link. A missing dir
// adds nothing.
func digestDir(h hash.Hash, fsys afero.Fs, dir string) error {
	err := publish.Walk(fsys, dir, func(rel string, info os.FileInfo) error {
		if !info.IsDir() {
			fmt.Fprintf(h, "%s %d %d %d %d\n", rel, info.Size(), info.ModTime().UnixNano(), changeTime(info), uint32(info.Mode()))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read the state of %s: %w", dir, err)
	}
	return nil
}

// digestFS adds the embedded templates (part of the program: they
// cannot fail to read).
func digestFS(h hash.Hash, fsys fs.FS) {
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		fmt.Fprintf(h, "%s %d\n", path.Clean(p), len(b))
		h.Write(b)
		return err
	})
}
