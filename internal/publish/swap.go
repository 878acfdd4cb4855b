package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"

	"github.com/spf13/afero"
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

// Swap replaces dir with exactly files. When every file is already there
// with the same bytes and there is nothing else, nothing is written. Else
// the new tree is built in a sibling folder — unchanged files hard-linked
// where the file system allows — and swapped for dir at once, so a web
// server serves either the old site or the new one, and a build killed
// midway leaves the old site whole.
func Swap(fsys afero.Fs, dir string, files map[string][]byte) (SwapStats, error) {
	var st SwapStats
	tmp, old := dir+newSuffix, dir+oldSuffix
	// Leftovers of a build that was killed.
	if err := fsys.RemoveAll(tmp); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	if err := fsys.RemoveAll(old); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	existing, err := listFiles(fsys, dir)
	if err != nil {
		return st, err
	}
	unchanged := map[string]bool{}
	for p, data := range files {
		info, ok := existing[p]
		if !ok || info.Size() != int64(len(data)) {
			continue
		}
		cur, err := afero.ReadFile(fsys, path.Join(dir, p))
		if err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
		if bytes.Equal(cur, data) {
			unchanged[p] = true
		}
	}
	st.Unchanged = len(unchanged)
	for p := range existing {
		if _, keep := files[p]; !keep {
			st.Removed++
		}
	}
	if len(unchanged) == len(files) && st.Removed == 0 && len(existing) == len(files) {
		return st, nil
	}
	linker, canLink := fsys.(Linker)
	for _, p := range sortedKeys(files) {
		dst := path.Join(tmp, p)
		if err := fsys.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
		if unchanged[p] && canLink {
			if err := linker.Link(path.Join(dir, p), dst); err == nil {
				st.Linked++
				continue
			}
		}
		if err := afero.WriteFile(fsys, dst, files[p], 0o644); err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
		if !unchanged[p] {
			st.Written++
		}
	}
	if err := fsys.MkdirAll(tmp, 0o755); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	if err := swapDirs(fsys, tmp, dir, old); err != nil {
		return st, err
	}
	st.Swapped = true
	return st, nil
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

func removeAll(fsys afero.Fs, dir string) error {
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
	b := []byte(p)
	for i := range b {
		if b[i] == '\\' {
			b[i] = '/'
		}
	}
	return string(b)
}

// Paths returns the sorted paths of a file map.
func Paths(files map[string][]byte) []string {
	out := sortedKeys(files)
	sort.Strings(out)
	return out
}
