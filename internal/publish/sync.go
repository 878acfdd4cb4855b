package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/afero"
	"golang.org/x/sync/errgroup"
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
// files (relative path → bytes) and returns it sealed and uncommitted:
// nothing in dir changes until the Tree's Commit. A file that differs
// both from the last generated version (recorded in the manifest) and
// from the new one was edited by hand: Stage stops with an *EditedError,
// unless forced, in which case the file is copied to the backup folder. A hand-edited file
// the build would not change is kept as the person wrote it. Files not in
// the manifest and not generated (hand-written additions, and the
// machine's own files) are kept, but for orphans (StageOptions.Orphan).
func Stage(fsys afero.Fs, dir string, files map[string][]byte, opt StageOptions) (*Tree, SyncStats, error) {
	var st SyncStats
	t, err := Begin(fsys, dir, Config{Header: contentHeader, Defer: true})
	if err != nil {
		return nil, st, err
	}
	old := t.Listed()
	// Each file is read and compared on its own, on several goroutines;
	// the outcomes are then taken in path order.
	type outcome struct {
		sum       string
		unchanged bool
		write     bool // the new version goes in
		keptEdit  bool
		cur       []byte
		err       error
	}
	paths := slices.Sorted(maps.Keys(files))
	outcomes := make([]outcome, len(paths))
	var g errgroup.Group
	g.SetLimit(ioWorkers())
	for i := range paths {
		g.Go(func() error {
			p, data, o := paths[i], files[paths[i]], &outcomes[i]
			o.sum = digest(data)
			if _, there := t.files[p]; !there {
				o.write = true
				return nil
			}
			cur, err := afero.ReadFile(fsys, path.Join(t.root, p))
			switch {
			case err != nil:
				o.err = fmt.Errorf("publish: %w", err)
			case bytes.Equal(cur, data):
				o.unchanged = true
			default:
				prev, known := old[p]
				switch {
				case known && digest(cur) == prev:
					o.write = true
				case known && prev == o.sum:
					// Edited by hand, and the build has nothing new for it: keep.
					o.keptEdit = true
				default:
					o.cur = cur
				}
			}
			return nil
		})
	}
	g.Wait()
	type backup struct {
		path string
		data []byte
	}
	var (
		edited, orphans []string
		backups         []backup
		orphanSeen      = map[string]bool{}
	)
	for i, p := range paths {
		if outcomes[i].err != nil {
			t.Abort()
			return nil, st, outcomes[i].err
		}
		if o := outcomes[i]; o.cur != nil {
			edited = append(edited, path.Join(dir, p))
			backups = append(backups, backup{p, o.cur})
		}
	}
	// The files there that the build does not make now.
	var carry []string
	for _, p := range slices.Sorted(maps.Keys(t.files)) {
		if _, made := files[p]; made || strings.HasSuffix(p, ".tmp-qingdan") {
			continue // the suffix: a leftover of a build before this one wrote in one step
		}
		prev, wasMade := old[p]
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
		cur, err := afero.ReadFile(fsys, path.Join(t.root, p))
		if err != nil {
			t.Abort()
			return nil, st, fmt.Errorf("publish: %w", err)
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
				orphans = append(orphans, path.Join(dir, folder)+"/")
			}
			st.Removed++
			continue
		}
		edited = append(edited, path.Join(dir, p))
		st.Removed++
	}
	if (len(edited) > 0 || len(orphans) > 0) && !opt.Force {
		t.Abort()
		return nil, st, &EditedError{Dir: dir, Files: edited, Orphans: orphans}
	}
	fail := func(err error) (*Tree, SyncStats, error) {
		t.Abort()
		return nil, st, err
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
		if _, made := files[p]; !made {
			carry = append(carry, p)
		}
	}
	for _, p := range carry {
		if err := t.KeepAs(p, ""); err != nil {
			return fail(err)
		}
	}
	// Unchanged files and kept edits are linked in path order; written
	// files, independent, on several goroutines.
	var writes []int
	for i, p := range paths {
		o := outcomes[i]
		switch {
		case o.unchanged:
			st.Unchanged++
			err = t.KeepAs(p, o.sum)
		case o.keptEdit:
			st.KeptEdits++
			err = t.KeepAs(p, o.sum)
		default:
			writes = append(writes, i)
		}
		if err != nil {
			return fail(err)
		}
	}
	errs := make([]error, len(writes))
	var writers errgroup.Group
	writers.SetLimit(ioWorkers())
	for j := range writes {
		writers.Go(func() error {
			i := writes[j]
			errs[j] = t.Write(paths[i], files[paths[i]], outcomes[i].sum)
			return nil
		})
	}
	writers.Wait()
	if err := t.Err(); err != nil {
		return fail(err) // the first write that failed, not each after it
	}
	if err := errors.Join(errs...); err != nil {
		return fail(err)
	}
	st.Written = len(writes)
	// The new version is complete: sealed now, it holds no list of files
	// while the site is made from it.
	if err := t.Seal(); err != nil {
		return fail(err)
	}
	t.made = nil
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
