package publish

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/spf13/afero"
)

// View returns a file system that reads the new version before Commit
// (making the links Config.Defer put off) under the folder's own name,
// so that what is read from it (and the errors that name its files)
// reads as the folder: content/notices/…, not the folder it is built in.
// Other paths read through. Writing through it is refused.
func (t *Tree) View() (afero.Fs, error) {
	if err := t.linkDeferred(); err != nil {
		return nil, err
	}
	from := path.Clean(t.dir)
	to := t.Dir()
	if to == "" || t.unchanged {
		to = t.root // written in place, or the same as the old version
	}
	return afero.NewReadOnlyFs(&aliasFs{Fs: t.fsys, from: from, to: to}), nil
}

// aliasFs reads the folder from under the name to.
type aliasFs struct {
	afero.Fs
	from, to string
}

func (a *aliasFs) real(name string) string {
	clean := path.Clean(toSlash(name))
	if clean == a.from {
		return a.to
	}
	if rest, ok := strings.CutPrefix(clean, a.from+"/"); ok {
		return path.Join(a.to, rest)
	}
	return name
}

// named puts the folder's own name back into an error.
func (a *aliasFs) named(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

func (a *aliasFs) Open(name string) (afero.File, error) {
	f, err := a.Fs.Open(a.real(name))
	if err != nil {
		return nil, a.named(err, name)
	}
	return f, nil
}

func (a *aliasFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := a.Fs.OpenFile(a.real(name), flag, perm)
	if err != nil {
		return nil, a.named(err, name)
	}
	return f, nil
}

func (a *aliasFs) Stat(name string) (os.FileInfo, error) {
	info, err := a.Fs.Stat(a.real(name))
	return info, a.named(err, name)
}

func (a *aliasFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if l, ok := a.Fs.(afero.Lstater); ok {
		info, ok, err := l.LstatIfPossible(a.real(name))
		return info, ok, a.named(err, name)
	}
	info, err := a.Stat(name)
	return info, false, err
}
