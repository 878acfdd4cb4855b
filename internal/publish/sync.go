// Package publish writes generated trees safely: content/ file by file,
// never overwriting a file a person edited, and public/ as a whole, built
// beside the old site and swapped in at once, so a reader or a web server
// never sees half a site.
package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"qingdan/internal/parallel"
)

// ManifestName is the file in a synced tree that records what was
// generated, so a later build can tell a hand edit from its own output.
const ManifestName = ".qingdan-manifest"

// BackupDir holds copies of hand-edited files that a forced build replaced.
const BackupDir = ".qingdan-backup"

// EditedError lists generated files a person changed since the last build
// whose generated text has changed too: overwriting them would lose the edit.
type EditedError struct {
	Dir   string
	Files []string
}

func (e *EditedError) Error() string {
	return fmt.Sprintf("publish: %d file(s) in %s were edited by hand since they were generated, and the build would change them:\n  %s\nmerge the edit into seeds/ (or keep it as a notes file), or run again with --force to overwrite them (a copy is kept in %s/%s)",
		len(e.Files), e.Dir, strings.Join(e.Files, "\n  "), e.Dir, BackupDir)
}

// SyncStats counts what a sync did.
type SyncStats struct {
	Written, Removed, Unchanged, KeptEdits int
	// Extra are the files of the folder that the build did not make: hand
	// written additions, which it keeps.
	Extra []string
	// Digests are the SHA-256 of the generated files, by path.
	Digests map[string]string
}

// Sync makes the generated files of dir equal to files (relative path →
// bytes), writing only what changed. A file that differs both from the
// last generated version (recorded in the manifest) and from the new one
// was edited by hand: Sync stops with an *EditedError before writing
// anything, unless force is set, in which case the file is copied to the
// backup folder first. A hand-edited file the build would not change is
// left as the person wrote it. Files not in the manifest and not generated
// (hand-written additions) are never touched.
func Sync(fsys afero.Fs, dir string, files map[string][]byte, force bool) (SyncStats, error) {
	var st SyncStats
	old, err := readManifest(fsys, dir)
	if err != nil {
		return st, err
	}
	type op struct {
		path   string
		data   []byte // nil: remove
		backup bool
	}
	var (
		ops    []op
		edited []string
	)
	// Each file is read and compared on its own, on several goroutines;
	// the outcomes are then taken in path order.
	type outcome struct {
		sum       string
		unchanged bool
		write     bool // the new version goes in
		keptEdit  bool
		err       error
	}
	paths := slices.Sorted(maps.Keys(files))
	outcomes := make([]outcome, len(paths))
	parallel.Each(len(paths), ioWorkers(), func(i int) {
		p, data, o := paths[i], files[paths[i]], &outcomes[i]
		o.sum = digest(data)
		cur, err := afero.ReadFile(fsys, path.Join(dir, p))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			o.write = true
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
			}
		}
	})
	newManifest := make(map[string]string, len(paths))
	for i, p := range paths {
		o := outcomes[i]
		newManifest[p] = o.sum
		switch {
		case o.err != nil:
			return st, o.err
		case o.unchanged:
			st.Unchanged++
		case o.keptEdit:
			st.KeptEdits++
		case o.write:
			ops = append(ops, op{path: p, data: files[p]})
		default:
			edited = append(edited, path.Join(dir, p))
			ops = append(ops, op{path: p, data: files[p], backup: true})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(old)) {
		if _, still := files[p]; still {
			continue
		}
		cur, err := afero.ReadFile(fsys, path.Join(dir, p))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
		if digest(cur) != old[p] {
			edited = append(edited, path.Join(dir, p))
			ops = append(ops, op{path: p, backup: true})
			continue
		}
		ops = append(ops, op{path: p})
	}
	if len(edited) > 0 && !force {
		return st, &EditedError{Dir: dir, Files: edited}
	}
	// Backups and removals first, in order; then the writes, which are
	// independent, on several goroutines.
	var writes []op
	for _, o := range ops {
		full := path.Join(dir, o.path)
		if o.data != nil && !o.backup {
			writes = append(writes, o)
			continue
		}
		if o.backup {
			cur, err := afero.ReadFile(fsys, full)
			if err != nil {
				return st, fmt.Errorf("publish: %w", err)
			}
			if err := writeAtomic(fsys, path.Join(dir, BackupDir, o.path), cur); err != nil {
				return st, err
			}
		}
		if o.data == nil {
			if err := fsys.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return st, fmt.Errorf("publish: %w", err)
			}
			removeEmptyParents(fsys, dir, path.Dir(o.path))
			st.Removed++
			continue
		}
		if err := writeAtomic(fsys, full, o.data); err != nil {
			return st, err
		}
		st.Written++
	}
	errs := make([]error, len(writes))
	parallel.Each(len(writes), ioWorkers(), func(i int) {
		errs[i] = writeAtomic(fsys, path.Join(dir, writes[i].path), writes[i].data)
	})
	if err := errors.Join(errs...); err != nil {
		return st, err
	}
	st.Written += len(writes)
	all, err := listFiles(fsys, dir)
	if err != nil {
		return st, err
	}
	for _, p := range slices.Sorted(maps.Keys(all)) {
		_, made := files[p]
		_, was := old[p]
		if !made && !was && !strings.HasPrefix(p, ".qingdan-") && !strings.HasSuffix(p, ".tmp-qingdan") {
			st.Extra = append(st.Extra, p)
		}
	}
	st.Digests = newManifest
	if st.Written > 0 || st.Removed > 0 || !sameManifest(old, newManifest) {
		if err := writeAtomic(fsys, path.Join(dir, ManifestName), manifestBytes(newManifest, contentHeader)); err != nil {
			return st, err
		}
	}
	return st, nil
}

// ioWorkers is how many files are read or written at once: twice the
// cores, since a disk serves several requests at once.
func ioWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func readManifest(fsys afero.Fs, dir string) (map[string]string, error) {
	out := map[string]string{}
	data, err := afero.ReadFile(fsys, path.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, p, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			return nil, fmt.Errorf("publish: %s:%d: expected \"<sha256>  <path>\"", path.Join(dir, ManifestName), n)
		}
		out[p] = sum
	}
	return out, nil
}

const (
	contentHeader = "# Files generated by qingdan, with their SHA-256. A file whose bytes\n# differ from its line here was edited by hand; the build will not\n# overwrite it without --force. Do not edit this file.\n"
	siteHeader    = "# Files of the site with their SHA-256, so a build can tell a changed\n# file from an unchanged one without reading it. Do not edit this file.\n"
)

func manifestBytes(m map[string]string, header string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, p := range slices.Sorted(maps.Keys(m)) {
		b.WriteString(m[p] + "  " + p + "\n")
	}
	return b.Bytes()
}

func sameManifest(a, b map[string]string) bool {
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

// writeAtomic writes a file through a temporary name and a rename, so a
// killed build leaves either the old file or the new one.
func writeAtomic(fsys afero.Fs, name string, data []byte) error {
	if err := fsys.MkdirAll(path.Dir(name), 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	tmp := name + ".tmp-qingdan"
	if err := afero.WriteFile(fsys, tmp, data, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := fsys.Rename(tmp, name); err != nil {
		fsys.Remove(tmp)
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

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
