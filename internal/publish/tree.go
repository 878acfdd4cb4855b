package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"
	"golang.org/x/sync/errgroup"
)

// Linker is a file system that can hard-link a file: an unchanged file is
// linked into the new version instead of written again.
type Linker interface {
	Link(oldname, newname string) error
}

// Exchanger is a file system that can swap two directories in one step.
type Exchanger interface {
	Exchange(a, b string) error
}

// Config says how a Tree treats the folder it replaces.
type Config struct {
	// Header is the comment at the top of the folder's manifest.
	Header string
	// InPlace lets the Tree write into a folder it must not replace — a
	// symbolic link's target or a mount point, set up by an
	// administrator — file by file. Without it such a folder is replaced
	// where it can be (a link's target) and refused where it cannot.
	InPlace bool
	// KeepUnknown keeps the files the manifest does not list: files the
	// build did not make, which it has no right to delete.
	KeepUnknown bool
	// Rehash reads every file the manifest lists instead of trusting the
	// digest it records, so a file changed or deleted by hand is found
	// (and made again).
	Rehash bool
	// Defer links the old files taken into the new version only at Seal,
	// all at once, and only when the new version differs from the old:
	// a folder most builds leave as it is (content/) then costs nothing.
	Defer bool
}

// SwapStats counts what a Tree did.
type SwapStats struct {
	Written, Linked, Unchanged, Removed int
	Swapped                             bool // false when nothing changed
	// InPlace is set when the folder was written into file by file (a
	// link's target or a mount point) rather than replaced.
	InPlace bool
	// Kept are the files there that the build did not make, kept as
	// they are (Config.KeepUnknown).
	Kept []string
	// Repaired are the files that differed from the manifest, changed or
	// deleted since the last build, found by Config.Rehash.
	Repaired []string
	// Notes are problems that did not stop the build, such as a leftover
	// of an earlier build that could not be removed.
	Notes []string
}

// Names of the folders a Tree works in: beside the folder it replaces, or
// inside the folder it writes in place.
const (
	newSuffix    = ".new-qingdan"
	oldSuffix    = ".old-qingdan"
	inPlaceStage = ".qingdan-new"
	pendingName  = ManifestName + ".pending"
)

// Tree builds a new version of a folder and puts it in place in one step
// on Commit, so a web server or a reader sees either the old version or
// the new one, and a build that fails or is killed midway leaves the old
// version whole. Normally the new version is built beside the folder,
// unchanged files hard-linked from the old one, and the two swapped in one
// system call. A folder that must not be replaced (Config.InPlace) is
// written into: new files are staged inside it and renamed over the old
// ones at Commit, each file whole, and the manifest records what is
// pending until it is done. Put and the other adders may be called from
// several goroutines.
type Tree struct {
	fsys    afero.Fs
	cfg     Config
	dir     string // as named
	root    string // the folder written: dir, or the folder its link points to
	stage   string // where the new version is built
	inPlace bool
	linker  Linker

	oldManifest []byte
	listed      map[string]string // manifest: path → digest recorded
	known       map[string]string // path → digest of the file there, when known
	files       map[string]int64  // regular files there → size
	links       map[string]string // symbolic links there → their target
	folders     []string          // the folder and those in it

	mu      sync.Mutex
	made    map[string]made // the new version's files
	claimed map[string]bool // the files written or taken so far, or being written
	open    int             // Writers not yet closed
	broken  []string        // files whose Writer was aborted
	dirs    map[string]bool
	staged  []string // files written into stage
	st      SwapStats
	differs bool

	failed            error
	deferred          []string // links put off (Config.Defer)
	linked            bool     // the deferred links are made
	removed           []string // old files the new version drops (Seal)
	sealed, unchanged bool
	done              bool
}

// Begin starts a new version of dir. It removes what an earlier build
// that was killed left, and checks that the folder can be written, before
// anything else: a read-only folder is reported with nothing changed.
func Begin(fsys afero.Fs, dir string, cfg Config) (*Tree, error) {
	t := &Tree{fsys: fsys, cfg: cfg, dir: dir, made: map[string]made{}, claimed: map[string]bool{}, dirs: map[string]bool{}}
	pl, err := place(fsys, dir)
	if err != nil {
		return nil, err
	}
	t.root = pl.Root
	if pl.Mount || (pl.Link && cfg.InPlace) {
		if !cfg.InPlace {
			return nil, fmt.Errorf("publish: %s is a mount point, which cannot be replaced in one step; make it a folder inside the mount (or point a symbolic link at one)", dir)
		}
		t.inPlace = true
		t.st.InPlace = true
	}
	t.st.Notes = clean(fsys, t.root, t.inPlace)
	if err := t.list(); err != nil {
		return nil, err
	}
	if err := t.checkWritable(); err != nil {
		return nil, err
	}
	if err := t.readManifests(); err != nil {
		return nil, err
	}
	t.linker, _ = fsys.(Linker)
	if t.inPlace {
		t.stage = path.Join(t.root, inPlaceStage)
	} else {
		t.stage = t.root + newSuffix
		if taken(fsys, t.stage) { // a leftover that could not be removed
			for i := 2; taken(fsys, t.stage); i++ {
				t.stage = fmt.Sprintf("%s%s-%d", t.root, newSuffix, i)
			}
		}
	}
	if err := fsys.MkdirAll(t.stage, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return t, nil
}

func taken(fsys afero.Fs, p string) bool {
	_, err := lstat(fsys, p)
	return err == nil
}

// Clean removes what a build that was killed or failed left beside dir
// or in it: half-built versions, and an old version that a swap without
// the one-step exchange did not put back. A leftover that cannot be
// removed is returned as a note; it does not stop the next build.
func Clean(fsys afero.Fs, dir string) []string {
	pl, err := place(fsys, dir)
	if err != nil {
		return nil
	}
	return clean(fsys, pl.Root, pl.Mount || pl.Link)
}

func clean(fsys afero.Fs, root string, inPlace bool) []string {
	var notes []string
	remove := func(p string) {
		if err := fsys.RemoveAll(p); err != nil {
			notes = append(notes, fmt.Sprintf("could not remove %s, left by an earlier build: %v; remove it by hand", p, err))
		}
	}
	// Inside the folder: the stage of an in-place build (a folder that was
	// a link and is now a folder, or the other way round, has either).
	if taken(fsys, path.Join(root, inPlaceStage)) {
		remove(path.Join(root, inPlaceStage))
	}
	if inPlace {
		return notes
	}
	parent, base := path.Dir(root), path.Base(root)
	// Two renames without the one-step exchange: killed between them,
	// the old version is beside a missing folder. Put it back.
	if !taken(fsys, root) && taken(fsys, root+oldSuffix) {
		if err := fsys.Rename(root+oldSuffix, root); err != nil {
			notes = append(notes, fmt.Sprintf("could not put back %s: %v", root+oldSuffix, err))
		}
	}
	entries, err := afero.ReadDir(fsys, parent)
	if err != nil {
		return notes
	}
	for _, e := range entries {
		if rest, ok := strings.CutPrefix(e.Name(), base); ok && (strings.HasPrefix(rest, newSuffix) || strings.HasPrefix(rest, oldSuffix)) {
			remove(path.Join(parent, e.Name()))
		}
	}
	return notes
}

// list records the files of the old version.
func (t *Tree) list() error {
	t.files, t.links = map[string]int64{}, map[string]string{}
	if !taken(t.fsys, t.root) {
		return nil
	}
	reader, _ := t.fsys.(afero.LinkReader)
	return walk(t.fsys, t.root, func(rel string, info os.FileInfo) error {
		switch {
		case info.IsDir():
			t.folders = append(t.folders, path.Join(t.root, rel))
		case rel == ManifestName || rel == pendingName:
		case info.Mode().IsRegular():
			t.files[rel] = info.Size()
		case info.Mode()&fs.ModeSymlink != 0 && reader != nil:
			target, err := reader.ReadlinkIfPossible(path.Join(t.root, rel))
			if err != nil {
				return fmt.Errorf("publish: %w", err)
			}
			t.links[rel] = target
		}
		return nil
	})
}

// walk calls fn for root and every entry under it but the stage of an
// in-place build, by slash path relative to root ("" for root).
func walk(fsys afero.Fs, root string, fn func(rel string, info os.FileInfo) error) error {
	return Walk(fsys, root, func(rel string, info os.FileInfo) error {
		if rel == inPlaceStage {
			return fs.SkipDir
		}
		return fn(rel, info)
	})
}

// readManifests reads what the last build recorded. An in-place commit
// that was killed left its new manifest pending: the files are then
// some old, some new, and are read to know which.
func (t *Tree) readManifests() error {
	data, err := afero.ReadFile(t.fsys, path.Join(t.root, ManifestName))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("publish: %w", err)
	}
	t.oldManifest = data
	t.listed = parseManifest(data)
	rehash := t.cfg.Rehash
	if pending, err := afero.ReadFile(t.fsys, path.Join(t.root, pendingName)); err == nil {
		for p, sum := range parseManifest(pending) {
			if _, ok := t.listed[p]; !ok {
				t.listed[p] = sum
			}
		}
		rehash = true
	}
	if !rehash {
		return nil
	}
	t.known = map[string]string{}
	paths := slices.Sorted(maps.Keys(t.listed))
	sums := make([]string, len(paths))
	errs := make([]error, len(paths))
	var g errgroup.Group
	g.SetLimit(ioWorkers())
	for i := range paths {
		g.Go(func() error {
			if _, ok := t.files[paths[i]]; !ok {
				return nil
			}
			b, err := afero.ReadFile(t.fsys, path.Join(t.root, paths[i]))
			sums[i], errs[i] = digest(b), err
			return nil
		})
	}
	g.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	for i, p := range paths {
		if sums[i] != t.listed[p] && t.cfg.Rehash {
			t.st.Repaired = append(t.st.Repaired, p)
		}
		if sums[i] != "" {
			t.known[p] = sums[i]
		}
	}
	return nil
}

// knownDigest is the digest of the old file at p: read (Config.Rehash,
// or after a killed in-place commit), or else as the manifest records it.
func (t *Tree) knownDigest(p string) (string, bool) {
	if t.known != nil {
		d, ok := t.known[p]
		return d, ok
	}
	if _, there := t.files[p]; !there {
		return "", false
	}
	d, ok := t.listed[p]
	return d, ok
}

// parseManifest reads the lines "<sha256>  <path>" of a manifest.
func parseManifest(data []byte) map[string]string {
	out := map[string]string{}
	for line := range bytes.Lines(data) {
		sum, p, ok := strings.Cut(strings.TrimRight(string(line), "\n"), "  ")
		if ok && len(sum) == 64 && !strings.HasPrefix(sum, "#") {
			out[p] = sum
		}
	}
	return out
}

// Dir is the folder the new version can be read from before Commit, when
// it is built whole beside the old one ("" when it is written in place).
func (t *Tree) Dir() string {
	if t.inPlace {
		return ""
	}
	return t.stage
}

// Root is the folder written: the folder named, or the folder a symbolic
// link there points to.
func (t *Tree) Root() string { return t.root }

// Listed returns the digests the last version's manifest records, by
// path: what the last build made.
func (t *Tree) Listed() map[string]string { return t.listed }

// Files returns the regular files of the last version (not its
// manifest), by path, with their sizes.
func (t *Tree) Files() map[string]int64 { return t.files }

// Put adds a file the build made. A file the same as the old version's,
// by the digest the manifest records, is linked rather than written.
func (t *Tree) Put(p string, data []byte) error {
	if err := t.claim(p); err != nil {
		return err
	}
	sum := digest(data)
	if t.sameAsOld(p, sum, int64(len(data)), data) {
		return t.link(p, sum, sum)
	}
	return t.write(p, data, sum)
}

// sameAsOld tells whether the old version's file at p has the digest sum
// and size; data, when given, are the new bytes, compared with a file
// the manifest does not know instead of its digest.
func (t *Tree) sameAsOld(p, sum string, size int64, data []byte) bool {
	if old, ok := t.files[p]; !ok || old != size {
		return false
	}
	if d, ok := t.knownDigest(p); ok {
		return d == sum
	}
	cur, err := afero.ReadFile(t.fsys, path.Join(t.root, p)) // a file the manifest does not know
	if err != nil {
		return false
	}
	if data != nil {
		return bytes.Equal(cur, data)
	}
	return digest(cur) == sum
}

// Create adds the file p, written through the Writer it returns as it is
// made, so a large file (a site's data/units.json, hundreds of megabytes
// on a large site) is never whole in memory. Closing the Writer completes
// it; the file then counts as Put would count it: unchanged when it has
// the old version's bytes.
func (t *Tree) Create(p string) (*Writer, error) {
	if err := t.claim(p); err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.open++
	t.mu.Unlock()
	dst := path.Join(t.stage, p)
	if err := t.mkdir(path.Dir(dst)); err != nil {
		t.closed("")
		return nil, t.fail(err)
	}
	f, err := t.fsys.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		t.closed("")
		return nil, t.fail(fmt.Errorf("publish: writing the new version of %s: %w", t.dir, err))
	}
	w := &Writer{t: t, p: p, f: f, sum: sha256.New()}
	w.buf = writeBuffers.Get().(*bufio.Writer)
	w.buf.Reset(io.MultiWriter(f, w.sum))
	return w, nil
}

// writeBuffers are the buffers of Writers, used again: a site has
// hundreds of downloads, and a fresh buffer costs more to clear than a
// small file to write.
var writeBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// A Writer writes one file of a Tree (Create).
type Writer struct {
	t    *Tree
	p    string
	f    afero.File
	sum  hash.Hash
	buf  *bufio.Writer
	size int64
	err  error
}

// Write writes to the file.
func (w *Writer) Write(b []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.buf.Write(b)
	w.size += int64(n)
	w.err = err
	return n, err
}

// WriteString writes s to the file.
func (w *Writer) WriteString(s string) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.buf.WriteString(s)
	w.size += int64(n)
	w.err = err
	return n, err
}

// Close completes the file. A file that could not be written fails the
// Tree (Err).
func (w *Writer) Close() error {
	if w.buf == nil {
		return os.ErrClosed
	}
	t := w.t
	err := w.release()
	t.closed("")
	if err != nil {
		return t.fail(fmt.Errorf("publish: writing the new version of %s: %w", t.dir, err))
	}
	sum := hex.EncodeToString(w.sum.Sum(nil))
	if t.sameAsOld(w.p, sum, w.size, nil) {
		// Linked as Put would have: the staged copy goes.
		if err := t.fsys.Remove(path.Join(t.stage, w.p)); err != nil {
			return t.fail(fmt.Errorf("publish: %w", err))
		}
		return t.link(w.p, sum, sum)
	}
	return t.record(w.p, sum, sum, w.size, recWritten)
}

// Abort leaves the file out: the new version cannot be sealed without
// it. A file whose making failed is aborted, not closed, so that no part
// of it is taken for the whole.
func (w *Writer) Abort() {
	if w.buf == nil {
		return
	}
	w.release()
	w.t.fsys.Remove(path.Join(w.t.stage, w.p))
	w.t.closed(w.p)
}

// release flushes and closes the file and gives its buffer back.
func (w *Writer) release() error {
	err := w.err
	if err == nil {
		err = w.buf.Flush()
	}
	w.buf.Reset(nil)
	writeBuffers.Put(w.buf)
	w.buf, w.err = nil, os.ErrClosed
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// closed counts a Writer done; broken names its file when it was
// aborted.
func (t *Tree) closed(broken string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.open--
	if broken != "" {
		t.broken = append(t.broken, broken)
	}
}

// claim reserves p for one file of the new version: a second would
// overwrite the first, or write through the hard link it may be into the
// old version.
func (t *Tree) claim(p string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failed != nil {
		return t.failed
	}
	if t.claimed[p] {
		t.failed = fmt.Errorf("publish: %s written twice", p)
		return t.failed
	}
	t.claimed[p] = true
	return nil
}

// Write adds a file with these bytes, written whatever the old version
// holds there. manifestDigest is what the manifest records for it; ""
// leaves it out (a file the build keeps but does not own, such as a
// backup).
func (t *Tree) Write(p string, data []byte, manifestDigest string) error {
	if err := t.claim(p); err != nil {
		return err
	}
	return t.write(p, data, manifestDigest)
}

func (t *Tree) write(p string, data []byte, manifestDigest string) error {
	dst := path.Join(t.stage, p)
	if err := t.mkdir(path.Dir(dst)); err != nil {
		return t.fail(err)
	}
	if err := afero.WriteFile(t.fsys, dst, data, 0o644); err != nil {
		return t.fail(fmt.Errorf("publish: writing the new version of %s: %w", t.dir, err))
	}
	sum := manifestDigest
	if sum == "" {
		sum = digest(data)
	}
	return t.record(p, sum, manifestDigest, int64(len(data)), recWritten)
}

// Keep takes the old version's file at p into the new one unchanged, as
// the build made it last time (it must be in the manifest).
func (t *Tree) Keep(p string) error {
	sum, ok := t.knownDigest(p)
	if !ok {
		return fmt.Errorf("publish: %s is not in the last version of %s", p, t.dir)
	}
	if err := t.claim(p); err != nil {
		return err
	}
	return t.link(p, sum, sum)
}

// KeepAs takes the old version's file at p into the new one as it is,
// recording manifestDigest for it ("" leaves it out of the manifest: a
// file the build did not make).
func (t *Tree) KeepAs(p, manifestDigest string) error {
	if _, ok := t.files[p]; !ok {
		if _, ok := t.links[p]; !ok {
			return fmt.Errorf("publish: %s is not in %s", p, t.dir)
		}
	}
	if err := t.claim(p); err != nil {
		return err
	}
	sum, _ := t.knownDigest(p)
	return t.link(p, sum, manifestDigest)
}

// link takes the old file at p into the new version: a hard link, a copy
// where the file system has none, nothing when written in place.
func (t *Tree) link(p, sum, manifestDigest string) error {
	return t.linkAs(p, sum, manifestDigest, recLinked)
}

func (t *Tree) linkAs(p, sum, manifestDigest string, how int) error {
	if err := t.Err(); err != nil {
		return err
	}
	if !t.inPlace {
		t.mu.Lock()
		later := t.cfg.Defer && !t.linked
		if later {
			t.deferred = append(t.deferred, p)
		}
		t.mu.Unlock()
		if !later {
			if err := t.linkFile(p, path.Join(t.root, p), path.Join(t.stage, p)); err != nil {
				return t.fail(err)
			}
		}
	}
	return t.record(p, sum, manifestDigest, t.files[p], how)
}

// linkDeferred makes the links Config.Defer put off, on several
// goroutines; the links asked for after it are made at once.
func (t *Tree) linkDeferred() error {
	t.mu.Lock()
	t.linked = true
	todo := t.deferred
	t.deferred = nil
	t.mu.Unlock()
	var g errgroup.Group
	g.SetLimit(ioWorkers())
	for i := range todo {
		g.Go(func() error {
			return t.linkFile(todo[i], path.Join(t.root, todo[i]), path.Join(t.stage, todo[i]))
		})
	}
	err := g.Wait()
	if err != nil {
		return t.fail(err)
	}
	return nil
}

func (t *Tree) linkFile(p, src, dst string) error {
	if err := t.mkdir(path.Dir(dst)); err != nil {
		return err
	}
	if target, ok := t.links[p]; ok {
		sl, _ := t.fsys.(afero.Linker)
		if sl == nil {
			return fmt.Errorf("publish: %s: symbolic links are not supported here", src)
		}
		if err := sl.SymlinkIfPossible(target, dst); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	if t.linker != nil && t.linker.Link(src, dst) == nil {
		return nil
	}
	data, err := afero.ReadFile(t.fsys, src)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := afero.WriteFile(t.fsys, dst, data, 0o644); err != nil {
		return fmt.Errorf("publish: writing the new version of %s: %w", t.dir, err)
	}
	return nil
}

// fail records the first error of a write: the new version cannot be
// completed, and the adders after it return that error at once, so a
// full disk is one error, not one per file.
func (t *Tree) fail(err error) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failed == nil {
		t.failed = err
	}
	return t.failed
}

// Err returns the first error a write of the new version met, if any.
func (t *Tree) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.failed
}

// made is a file of the new version.
type made struct {
	sum    string // its SHA-256, or what the manifest records for it
	size   int64
	listed bool // in the manifest: the build's
}

// manifestBytes is the manifest of the new version.
func (t *Tree) manifestBytes() []byte {
	var b bytes.Buffer
	b.WriteString(t.cfg.Header)
	for _, p := range slices.Sorted(maps.Keys(t.made)) {
		if e := t.made[p]; e.listed {
			b.WriteString(e.sum + "  " + p + "\n")
		}
	}
	return b.Bytes()
}

// How a file came into the new version.
const (
	recWritten = iota
	recLinked  // the build's, unchanged
	recKept    // not the build's, kept as it is
)

// record counts a file of the new version.
func (t *Tree) record(p, sum, manifestDigest string, size int64, how int) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.made[p]; dup {
		return fmt.Errorf("publish: %s written twice", p)
	}
	e := made{size: size, sum: sum}
	if manifestDigest != "" {
		// What the manifest records stands for the file: it is the
		// file's digest but for a kept hand edit of content/, whose
		// digest no one asks for.
		e.sum, e.listed = manifestDigest, true
	}
	t.made[p] = e
	switch how {
	case recKept:
	case recLinked:
		t.st.Linked++
		t.st.Unchanged++
	default:
		t.st.Written++
		t.differs = true
		if t.inPlace {
			t.staged = append(t.staged, p)
		}
	}
	return nil
}

// Old returns the digest of the old version's file at p and its size,
// when the manifest records it (or it was read: Config.Rehash).
func (t *Tree) Old(p string) (digest string, size int64, ok bool) {
	d, ok := t.knownDigest(p)
	return d, t.files[p], ok
}

// New returns the digest and size of p in the new version ("" when
// absent).
func (t *Tree) New(p string) (digest string, size int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.made[p]
	return e.sum, e.size
}

func (t *Tree) mkdir(dir string) error {
	if err := t.Err(); err != nil {
		return err
	}
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

// Abort discards the new version; the folder is as it was. It may be
// called after Commit, which it then leaves alone.
func (t *Tree) Abort() {
	if !t.done {
		t.done = true
		t.fsys.RemoveAll(t.stage)
	}
}

// Seal completes the new version: the old files it does not take are
// counted for removal (or kept, Config.KeepUnknown), and its manifest is
// written into it. After Seal, Commit only renames, which takes no room
// on the disk: a full disk stops a build before anything is in place.
func (t *Tree) Seal() error {
	if t.done {
		return errors.New("publish: the new version was already committed or discarded")
	}
	if t.sealed {
		return nil
	}
	t.mu.Lock()
	open, broken, failed := t.open, t.broken, t.failed
	t.mu.Unlock()
	if failed != nil {
		return failed // a write failed: the new version is not whole
	}
	if open > 0 || len(broken) > 0 {
		return fmt.Errorf("publish: the new version of %s is not complete: %d file(s) still being written, %d given up (%s)", t.dir, open, len(broken), strings.Join(broken, ", "))
	}
	t.removed = nil
	for _, p := range slices.Sorted(maps.Keys(t.files)) {
		if err := t.settle(p); err != nil {
			return err
		}
	}
	for _, p := range slices.Sorted(maps.Keys(t.links)) {
		if err := t.settle(p); err != nil {
			return err
		}
	}
	t.st.Removed = len(t.removed)
	manifest := t.manifestBytes()
	t.unchanged = !t.differs && len(t.removed) == 0 && bytes.Equal(manifest, t.oldManifest)
	if !t.unchanged {
		if err := t.linkDeferred(); err != nil {
			return err
		}
		if err := afero.WriteFile(t.fsys, path.Join(t.stage, ManifestName), manifest, 0o644); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if t.unchanged {
		// The new version is the old one: a View reads the folder itself,
		// and nothing put off is linked.
		t.linked, t.deferred = true, nil
	}
	t.sealed = true
	// What is known of the old version is not needed any more (a large
	// site's lists are tens of megabytes, held while the next stage works).
	t.files, t.links, t.listed, t.known, t.folders = nil, nil, nil, nil, nil
	return nil
}

// Commit puts the new version in place in one step, or, when every file
// is the same as before, discards it and leaves the folder untouched.
// On an error the folder is as it was.
func (t *Tree) Commit() (SwapStats, error) {
	if err := t.Seal(); err != nil {
		t.Abort()
		return t.st, err
	}
	if t.unchanged {
		t.Abort()
		return t.st, nil
	}
	var err error
	if t.inPlace {
		err = t.commitInPlace()
	} else {
		err = swapDirs(t.fsys, t.stage, t.root, t.root+oldSuffix)
	}
	t.done = true
	if err != nil {
		t.fsys.RemoveAll(t.stage)
		return t.st, err
	}
	t.st.Swapped = true
	return t.st, nil
}

// settle decides what becomes of an old file the new version lacks.
func (t *Tree) settle(p string) error {
	if _, ok := t.made[p]; ok {
		return nil
	}
	if _, made := t.listed[p]; t.cfg.KeepUnknown && !made {
		t.st.Kept = append(t.st.Kept, p)
		sum, _ := t.knownDigest(p)
		return t.linkAs(p, sum, "", recKept)
	}
	t.removed = append(t.removed, p)
	return nil
}

// commitInPlace moves the staged files over the old ones, each whole,
// and removes the files the build made before and no longer makes. The
// new manifest is pending meanwhile: a build killed here leaves some
// files old and some new, and the next one reads them to tell.
func (t *Tree) commitInPlace() error {
	pending := path.Join(t.root, pendingName)
	if err := t.fsys.Rename(path.Join(t.stage, ManifestName), pending); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	slices.Sort(t.staged)
	for _, p := range t.staged {
		dst := path.Join(t.root, p)
		if err := t.fsys.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		if err := t.fsys.Rename(path.Join(t.stage, p), dst); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	for _, p := range t.removed {
		if err := t.fsys.Remove(path.Join(t.root, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: %w", err)
		}
		removeEmptyParents(t.fsys, t.root, path.Dir(p))
	}
	if err := t.fsys.Rename(pending, path.Join(t.root, ManifestName)); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return t.fsys.RemoveAll(t.stage)
}

// swapDirs puts tmp in place of dir. With an Exchanger it is one atomic
// step; otherwise two renames, between which dir is briefly missing (a
// build killed there has its old version put back by the next: clean).
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
			fsys.Rename(old, dir) // put the old version back
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
// removing a large site is a system call per file. Symbolic links are
// removed, never followed.
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
		var g errgroup.Group
		g.SetLimit(ioWorkers())
		for i := range level {
			g.Go(func() error {
				return fsys.RemoveAll(level[i])
			})
		}
		if err := g.Wait(); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	if err := fsys.RemoveAll(dir); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

func toSlash(p string) string {
	return strings.ReplaceAll(p, "\\", "/")
}
