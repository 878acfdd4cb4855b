package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// Walk calls fn for root and for every entry under it, a folder before
// what it holds, in name order, by slash path relative to root ("" for
// root), with what lstat says of it: links under root are not followed,
// root itself is (content/ or public/ may be a link). A folder for which
// fn returns fs.SkipDir is not entered (fn returns it for folders only). Each folder's entries are read
// with their information at once, which on the disk stats each beside
// its open folder (fstatat) instead of looking its whole path up again,
// as afero.Walk does: on a tree of many small files, most of a walk's
// time.
func Walk(fsys afero.Fs, root string, fn func(rel string, info fs.FileInfo) error) error {
	info, err := fsys.Stat(root)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return walkFrom(fsys, root, "", info, fn)
}

func walkFrom(fsys afero.Fs, root, rel string, info fs.FileInfo, fn func(string, fs.FileInfo) error) error {
	if err := fn(rel, info); err != nil {
		if errors.Is(err, fs.SkipDir) && info.IsDir() {
			return nil
		}
		return err
	}
	if !info.IsDir() {
		return nil
	}
	f, err := fsys.Open(path.Join(root, rel))
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	entries, err := f.Readdir(-1)
	f.Close()
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	slices.SortFunc(entries, func(a, b fs.FileInfo) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range entries {
		if err := walkFrom(fsys, root, path.Join(rel, e.Name()), e, fn); err != nil {
			return err
		}
	}
	return nil
}
