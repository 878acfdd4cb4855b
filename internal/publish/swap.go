package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"

	"qingdan/internal/parallel"
)

// Linker is a file system that can hard-link a file: an unchanged page is
// linked into the new site instead of written again.
type Linker interface {
	Link(oldname, newname string) error
}

// Exchanger is a file system that can swap two directories in one step.
type Exchanger interface {
	Exchange(a, b string) error
}

// SwapStats counts what a swap did.
type SwapStats struct {
	Written, Linked, Unchanged, Removed int
	Swapped                             bool // false when nothing changed
}

// Suffixes of the folders a swap works in, beside the target.
const (
	newSuffix = ".new-qingdan"
	oldSuffix = ".old-qingdan"
)

// Tree builds a new version of a folder beside it, file by file, and
// swaps it in at once on Commit, so a web server serves either the old
// site or the new one, and a build killed midway leaves the old site
// whole. Files are compared with the old version by the SHA-256 the
// folder's manifest records (or, without one, by reading them): an
// unchanged file is hard-linked where the file system allows, and when
// nothing changed at all Commit leaves the folder untouched. Put may be
// called from several goroutines.
type Tree struct {
	fsys     afero.Fs
	dir, tmp string
	old      map[string]string // path → digest, from the manifest
	sizes    map[string]int64  // path → size of the old files
	linker   Linker

	mu       sync.Mutex
	digests  map[string]string
	newSizes map[string]int64
	dirs     map[string]bool
	st       SwapStats
	differs  bool
}

// Begin starts a new version of dir.
func Begin(fsys afero.Fs, dir string) (*Tree, error) {
	t := &Tree{fsys: fsys, dir: dir, tmp: dir + newSuffix, digests: map[string]string{}, newSizes: map[string]int64{}, dirs: map[string]bool{}}
	// Leftovers of a build that was killed.
	for _, p := range []string{t.tmp, dir + oldSuffix} {
		if err := fsys.RemoveAll(p); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
	}
	files, err := listFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	t.sizes = map[string]int64{}
	for p, info := range files {
		if p != ManifestName {
			t.sizes[p] = info.Size()
		}
	}
	t.old = readDigests(fsys, dir, t.sizes)
	t.linker, _ = fsys.(Linker)
	if err := fsys.MkdirAll(t.tmp, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return t, nil
}

// readDigests reads the manifest of dir, when it describes the files
// there (a hand-copied folder without one is compared by reading).
func readDigests(fsys afero.Fs, dir string, sizes map[string]int64) map[string]string {
	out := map[string]string{}
	data, err := afero.ReadFile(fsys, path.Join(dir, ManifestName))
	if err != nil {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		sum, p, ok := strings.Cut(sc.Text(), "  ")
		if ok && len(sum) == 64 {
			out[p] = sum
		}
	}
	if len(out) != len(sizes) {
		return nil
	}
	return out
}

// Put adds a file to the new version.
func (t *Tree) Put(p string, data []byte) error {
	sum := digest(data)
	same := false
	if size, ok := t.sizes[p]; ok && size == int64(len(data)) {
		if t.old != nil {
			same = t.old[p] == sum
		} else if cur, err := afero.ReadFile(t.fsys, path.Join(t.dir, p)); err == nil {
			same = bytes.Equal(cur, data)
		}
	}
	dst := path.Join(t.tmp, p)
	if err := t.mkdir(path.Dir(dst)); err != nil {
		return err
	}
	linked := false
	if same && t.linker != nil {
		linked = t.linker.Link(path.Join(t.dir, p), dst) == nil
	}
	if !linked {
		if err := afero.WriteFile(t.fsys, dst, data, 0o644); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	return t.record(p, sum, int64(len(data)), linked, same)
}

// record counts a file of the new version.
func (t *Tree) record(p, sum string, size int64, linked, same bool) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.digests[p]; dup {
		return fmt.Errorf("publish: %s written twice", p)
	}
	t.digests[p] = sum
	t.newSizes[p] = size
	switch {
	case linked:
		t.st.Linked++
		t.st.Unchanged++
	case same:
		t.st.Unchanged++
	default:
		t.st.Written++
		t.differs = true
	}
	return nil
}

// Old returns the digest the old version's manifest records for p and
// the size of the file there, when it has a manifest and the file.
func (t *Tree) Old(p string) (digest string, size int64, ok bool) {
	d, ok := t.old[p]
	return d, t.sizes[p], ok
}

// Keep takes the old version's file at p into the new version unchanged,
// without reading it where the file system can link it.
func (t *Tree) Keep(p string) error {
	sum, ok := t.old[p]
	if !ok {
		return fmt.Errorf("publish: %s is not in the last version of %s", p, t.dir)
	}
	src, dst := path.Join(t.dir, p), path.Join(t.tmp, p)
	if err := t.mkdir(path.Dir(dst)); err != nil {
		return err
	}
	if t.linker != nil && t.linker.Link(src, dst) == nil {
		return t.record(p, sum, t.sizes[p], true, true)
	}
	data, err := afero.ReadFile(t.fsys, src)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return t.Put(p, data)
}

// New returns the digest and size of p in the new version ("" when
// absent).
func (t *Tree) New(p string) (digest string, size int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.digests[p], t.newSizes[p]
}

func (t *Tree) mkdir(dir string) error {
	t.mu.Lock()
	done := t.dirs[dir]
	t.mu.Unlock()
	if done {
		return nil
	}
	if err := t.fsys.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}

// Abort discards the new version.
func (t *Tree) Abort() { t.fsys.RemoveAll(t.tmp) }

// Commit swaps the new version in, or, when every file is the same as
// before, discards it and leaves the folder untouched.
func (t *Tree) Commit() (SwapStats, error) {
	for p := range t.sizes {
		if _, kept := t.digests[p]; !kept {
			t.st.Removed++
		}
	}
	manifest := manifestBytes(t.digests, siteHeader)
	if !t.differs && t.st.Removed == 0 && len(t.digests) == len(t.sizes) {
		t.Abort()
		return t.st, nil
	}
	if err := afero.WriteFile(t.fsys, path.Join(t.tmp, ManifestName), manifest, 0o644); err != nil {
		t.Abort()
		return t.st, fmt.Errorf("publish: %w", err)
	}
	if err := swapDirs(t.fsys, t.tmp, t.dir, t.dir+oldSuffix); err != nil {
		return t.st, err
	}
	t.st.Swapped = true
	return t.st, nil
}

// Swap replaces dir with exactly files, as Tree does.
func Swap(fsys afero.Fs, dir string, files map[string][]byte) (SwapStats, error) {
	t, err := Begin(fsys, dir)
	if err != nil {
		return SwapStats{}, err
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := t.Put(p, files[p]); err != nil {
			t.Abort()
			return t.st, err
		}
	}
	return t.Commit()
}

// swapDirs puts tmp in place of dir. With an Exchanger it is one atomic
// step; otherwise two renames, between which dir is briefly missing.
func swapDirs(fsys afero.Fs, tmp, dir, old string) error {
	_, err := fsys.Stat(dir)
	exists := err == nil
	if exists {
		if ex, ok := fsys.(Exchanger); ok {
			if err := ex.Exchange(tmp, dir); err == nil {
				return removeAll(fsys, tmp)
			}
		}
		if err := fsys.Rename(dir, old); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		if exists {
			fsys.Rename(old, dir) // put the old site back
		}
		return fmt.Errorf("publish: %w", err)
	}
	if exists {
		return removeAll(fsys, old)
	}
	return nil
}

// removeAll removes an old version of a folder: the entries of its
// folders, then its own entries, each level on several goroutines, since
// removing a large site is a system call per file.
func removeAll(fsys afero.Fs, dir string) error {
	var inner, top []string
	if entries, err := afero.ReadDir(fsys, dir); err == nil {
		for _, e := range entries {
			p := path.Join(dir, e.Name())
			top = append(top, p)
			if e.IsDir() {
				sub, _ := afero.ReadDir(fsys, p)
				for _, f := range sub {
					inner = append(inner, path.Join(p, f.Name()))
				}
			}
		}
	}
	for _, level := range [][]string{inner, top} {
		if err := parallel.EachErr(len(level), ioWorkers(), func(i int) error { return fsys.RemoveAll(level[i]) }); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if err := fsys.RemoveAll(dir); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// listFiles returns every regular file under dir, by slash path relative
// to dir; an absent dir has none.
func listFiles(fsys afero.Fs, dir string) (map[string]os.FileInfo, error) {
	out := map[string]os.FileInfo{}
	if _, err := fsys.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			rel := p[len(dir):]
			for len(rel) > 0 && (rel[0] == '/' || rel[0] == os.PathSeparator) {
				rel = rel[1:]
			}
			out[toSlash(rel)] = info
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return out, nil
}

func toSlash(p string) string {
	return strings.ReplaceAll(p, "\\", "/")
}
