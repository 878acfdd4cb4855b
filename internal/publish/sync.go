package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// ManifestName is the file in a folder that records what the build made,
// so a later build can tell a hand edit from its own output.
const ManifestName = ".qingdan-manifest"

// BackupDir holds copies of hand-edited files that a forced build
// replaced, in a folder per build named by its time.
const BackupDir = ".qingdan-backup"

// EditedError lists the files a person changed or wrote that the build
// would overwrite or remove.
type EditedError struct {
	Dir string
	// Files are generated files edited since they were generated, whose
	// generated text has changed too: overwriting them would lose the edit.
	Files []string
	// Orphans are notice folders whose seed is gone, holding files
	// edited or written by hand.
	Orphans []string
}

func (e *EditedError) Error() string {
	var b strings.Builder
	if len(e.Files) > 0 {
		fmt.Fprintf(&b, "publish: %d file(s) in %s were edited by hand since they were generated, and the build would change them:\n  %s\nmerge the edit into seeds/ (or keep it as a notes file), ",
			len(e.Files), e.Dir, strings.Join(e.Files, "\n  "))
	}
	if len(e.Orphans) > 0 {
		if b.Len() > 0 {
			b.WriteString("and ")
		} else {
			b.WriteString("publish: ")
		}
		fmt.Fprintf(&b, "%d notice folder(s) in %s belong to no notice in the seeds (the seed was removed or renamed) and hold files edited or written by hand, so they are not removed with it:\n  %s\nmove what is worth keeping out of them and delete them, ",
			len(e.Orphans), e.Dir, strings.Join(e.Orphans, "\n  "))
	}
	fmt.Fprintf(&b, "or run again with --force to overwrite (a copy is kept in %s/%s/)", e.Dir, BackupDir)
	return b.String()
}

// SyncStats counts what a sync of content/ did.
type SyncStats struct {
	Written, Removed, Unchanged, KeptEdits int
	// Extra are the files of the folder that the build did not make: hand
	// written additions, which it keeps.
	Extra []string
	// Backup is the folder, under the synced one, where the hand-edited
	// files a forced build replaced were copied ("" when none was).
	Backup string
}

// StageOptions are the choices of a sync.
type StageOptions struct {
	// Force overwrites hand edits, keeping a copy of each.
	Force bool
	// BackupName names the folder of this build's copies under BackupDir
	// (a time); it is made unique if taken.
	BackupName string
	// Orphan tells whether a path (relative) lies in the folder of a
	// generated part whose source is gone, and returns that folder: such
	// a folder is removed whole when the build made all of it, and
	// refused by name when a person edited or added to it. nil: none.
	Orphan func(p string) (folder string, ok bool)
}

// Stage prepares the new version of the generated folder dir holding
// files (relative path → bytes), as a Stager given each file in path
// order, and returns it sealed and uncommitted (see Stager). A build
// stages content/ file by file as it is rendered; this is for tests and
// tools that hold the files.
func Stage(fsys afero.Fs, dir string, files map[string][]byte, opt StageOptions) (*Tree, SyncStats, error) {
	s, err := BeginStage(fsys, dir, opt)
	if err != nil {
		return nil, SyncStats{}, err
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := s.Put(p, files[p]); err != nil {
			s.Abort()
			return nil, SyncStats{}, err
		}
	}
	return s.Finish()
}

// A Stager prepares the new version of a generated folder file by file,
// so the files need not be held in memory together: nothing in the folder
// changes until the Tree that Finish returns is committed. A file that
// differs both from the last generated version (recorded in the manifest)
// and from the new one was edited by hand: Finish stops with an
// *EditedError, unless forced, in which case the file is copied to the
// backup folder. A hand-edited file the build would not change is kept as
// the person wrote it. Files not in the manifest and not generated
// (hand-written additions, and the machine's own files) are kept, but for
// orphans (StageOptions.Orphan).
type Stager struct {
	t   *Tree
	dir string
	opt StageOptions
	old map[string]string // the manifest of the last version

	mu     sync.Mutex
	made   map[string]bool // the files the build makes now
	edited []backup        // hand edits the new version would replace
	st     SyncStats
	failed error
}

type backup struct {
	path string
	data []byte
}

// BeginStage starts a new version of dir (see Stager).
func BeginStage(fsys afero.Fs, dir string, opt StageOptions) (*Stager, error) {
	t, err := Begin(fsys, dir, Config{Header: contentHeader, Defer: true})
	if err != nil {
		return nil, err
	}
	return &Stager{t: t, dir: dir, opt: opt, old: t.Listed(), made: map[string]bool{}}, nil
}

// Put adds the generated file p (relative, slash-separated) with these
// bytes. It may be called from several goroutines, and keeps nothing of
// data once it returns, so the caller may use the buffer again.
func (s *Stager) Put(p string, data []byte) error {
	s.mu.Lock()
	if s.failed != nil {
		defer s.mu.Unlock()
		return s.failed
	}
	if s.made[p] {
		s.mu.Unlock()
		return s.fail(fmt.Errorf("publish: %s written twice", p))
	}
	s.made[p] = true
	s.mu.Unlock()
	t := s.t
	sum := digest(data)
	if _, there := t.files[p]; !there {
		return s.count(t.Write(p, data, sum), &s.st.Written)
	}
	cur, err := afero.ReadFile(t.fsys, path.Join(t.root, p))
	if err != nil {
		return s.fail(fmt.Errorf("publish: %w", err))
	}
	if bytes.Equal(cur, data) {
		return s.count(t.KeepAs(p, sum), &s.st.Unchanged)
	}
	prev, known := s.old[p]
	switch {
	case known && digest(cur) == prev:
		return s.count(t.Write(p, data, sum), &s.st.Written)
	case known && prev == sum:
		// Edited by hand, and the build has nothing new for it: keep.
		return s.count(t.KeepAs(p, sum), &s.st.KeptEdits)
	}
	s.mu.Lock()
	s.edited = append(s.edited, backup{p, cur})
	s.mu.Unlock()
	if !s.opt.Force {
		return nil // refused by Finish, with every such file named
	}
	return s.count(t.Write(p, data, sum), &s.st.Written)
}

// count adds one to n when err is nil, and records err otherwise.
func (s *Stager) count(err error, n *int) error {
	if err != nil {
		return s.fail(err)
	}
	s.mu.Lock()
	*n++
	s.mu.Unlock()
	return nil
}

func (s *Stager) fail(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed == nil {
		s.failed = err
	}
	return s.failed
}

// Abort discards the new version; the folder is as it was.
func (s *Stager) Abort() { s.t.Abort() }

// Err returns the first error a Put met, if any: after it every Put
// fails, and this is the one to report.
func (s *Stager) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

// Finish completes the new version once every file is put: it keeps the
// files the build did not make, refuses hand edits the build would lose
// (unless forced), and returns the new version sealed and uncommitted.
func (s *Stager) Finish() (*Tree, SyncStats, error) {
	t, opt, st := s.t, s.opt, s.st
	fail := func(err error) (*Tree, SyncStats, error) {
		t.Abort()
		return nil, st, err
	}
	if s.failed != nil {
		return fail(s.failed)
	}
	backups := slices.SortedFunc(slices.Values(s.edited), func(a, b backup) int { return strings.Compare(a.path, b.path) })
	var edited, orphans []string
	for _, b := range backups {
		edited = append(edited, path.Join(s.dir, b.path))
	}
	orphanSeen := map[string]bool{}
	// The files there that the build does not make now.
	var carry []string
	for _, p := range slices.Sorted(maps.Keys(t.files)) {
		if s.made[p] || strings.HasSuffix(p, ".tmp-qingdan") {
			continue // the suffix: a leftover of a build before this one wrote in one step
		}
		prev, wasMade := s.old[p]
		folder, orphan := "", false
		if opt.Orphan != nil {
			folder, orphan = opt.Orphan(p)
		}
		if !wasMade && !orphan {
			carry = append(carry, p)
			if !strings.HasPrefix(p, ".qingdan-") {
				st.Extra = append(st.Extra, p)
			}
			continue
		}
		cur, err := afero.ReadFile(t.fsys, path.Join(t.root, p))
		if err != nil {
			return fail(fmt.Errorf("publish: %w", err))
		}
		if wasMade && digest(cur) == prev {
			st.Removed++ // made by the build, now without a source
			continue
		}
		// Edited or written by hand, and going.
		backups = append(backups, backup{p, cur})
		if orphan {
			if !orphanSeen[folder] {
				orphanSeen[folder] = true
				orphans = append(orphans, path.Join(s.dir, folder)+"/")
			}
			st.Removed++
			continue
		}
		edited = append(edited, path.Join(s.dir, p))
		st.Removed++
	}
	if (len(edited) > 0 || len(orphans) > 0) && !opt.Force {
		return fail(&EditedError{Dir: s.dir, Files: edited, Orphans: orphans})
	}
	if len(backups) > 0 {
		st.Backup = backupFolder(t, opt.BackupName)
		for _, b := range backups {
			if err := t.Write(path.Join(st.Backup, b.path), b.data, ""); err != nil {
				return fail(err)
			}
		}
	}
	// Links a person made in the folder are kept as they are too.
	for p := range t.links {
		if !s.made[p] {
			carry = append(carry, p)
		}
	}
	for _, p := range carry {
		if err := t.KeepAs(p, ""); err != nil {
			return fail(err)
		}
	}
	if err := t.Err(); err != nil {
		return fail(err) // the first write that failed, not each after it
	}
	// The new version is complete: sealed now, it holds no list of files
	// while the site is made from it.
	if err := t.Seal(); err != nil {
		return fail(err)
	}
	t.made = nil
	s.made, s.edited = nil, nil
	return t, st, nil
}

// backupFolder names this build's backup folder: BackupDir/name, with a
// number added when an earlier build of the same second took it.
func backupFolder(t *Tree, name string) string {
	if name == "" {
		name = "backup"
	}
	taken := map[string]bool{}
	for p := range t.files {
		if rest, ok := strings.CutPrefix(p, BackupDir+"/"); ok {
			first, _, _ := strings.Cut(rest, "/")
			taken[first] = true
		}
	}
	folder := name
	for i := 2; taken[folder]; i++ {
		folder = fmt.Sprintf("%s-%d", name, i)
	}
	return path.Join(BackupDir, folder)
}

// ioWorkers is how many files are read or written at once: twice the
// cores, since a disk serves several requests at once.
func ioWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

const (
	contentHeader = "# Files generated by qingdan, with their SHA-256. A file whose bytes\n# differ from its line here was edited by hand; the build will not\n# overwrite it without --force. Do not edit this file.\n"
	// SiteHeader heads the manifest of public/.
	SiteHeader = "# Files of the site with their SHA-256, so a build can tell a changed\n# file from an unchanged one without reading it. Do not edit this file.\n"
)

func removeEmptyParents(fsys afero.Fs, root, dir string) {
	for dir != "." && dir != "/" && dir != "" {
		full := path.Join(root, dir)
		entries, err := afero.ReadDir(fsys, full)
		if err != nil || len(entries) > 0 {
			return
		}
		if fsys.Remove(full) != nil {
			return
		}
		dir = path.Dir(dir)
	}
}
