// Package input reads the files a build takes in (notices, the unit
// registry, the site file, static files) safely: only regular files,
// links followed, up to a size, so a named pipe, a device or a huge file
// in seeds/ is a clear error instead of a build that hangs or runs out of
// memory.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// MaxSize is the largest input file read, in bytes: far above any notice
// (the largest of the corpus is 50 KB) or a logo.
const MaxSize = 64 << 20

// Read returns the bytes of the input file p (a link is followed). The
// error names the file and what it is when it is not a regular file or
// is larger than MaxSize; it wraps fs.ErrNotExist when p is absent.
func Read(fsys afero.Fs, p string) ([]byte, error) {
	info, err := fsys.Stat(p)
	if err != nil {
		return nil, err
	}
	if err := check(p, info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Checked again on the open file: it may have been replaced since.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(p, info); err != nil {
		return nil, err
	}
	// Sized to the file, with room to see the end (or that it grew), as
	// os.ReadFile does: growing a buffer from nothing costs more than
	// the reading.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if buf.Len() > MaxSize {
		return nil, tooLarge(p, int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

func check(p string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, not a file; only regular files (or links to them) are read", p, Kind(info.Mode()))
	}
	if info.Size() > MaxSize {
		return tooLarge(p, info.Size())
	}
	return nil
}

func tooLarge(p string, size int64) error {
	return fmt.Errorf("%s is %d MB; an input file is read up to %d MB (is it the right file?)", p, size>>20, MaxSize>>20)
}

// Kind names what a file of this mode is, for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// ErrLinkedFolder is returned by Files for a link to a folder inside the
// folder walked, which is not followed (it could lead back into itself).
var ErrLinkedFolder = errors.New("a link to a folder")

// Files returns the files under dir, by slash path relative to it, in
// order: regular files and links to them. dir may itself be a link; an
// absent dir has none. Anything else in it (a named pipe, a device, a
// link to a folder) is an error naming it.
func Files(fsys afero.Fs, dir string) ([]string, error) {
	info, err := fsys.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is %s, not a folder", dir, Kind(info.Mode()))
	}
	var out []string
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := afero.ReadDir(fsys, path.Join(dir, rel))
		if err != nil {
			return err
		}
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			full := path.Join(dir, p)
			mode := e.Mode()
			if mode&fs.ModeSymlink != 0 {
				target, err := fsys.Stat(full)
				if err != nil {
					return fmt.Errorf("%s is a link to nothing: %w", full, err)
				}
				if target.IsDir() {
					return fmt.Errorf("%s is %w; copy the folder there instead", full, ErrLinkedFolder)
				}
				mode = target.Mode()
			}
			switch {
			case mode.IsDir():
				if err := walk(p); err != nil {
					return err
				}
			case mode.IsRegular():
				out = append(out, p)
			default:
				return fmt.Errorf("%s is %s, not a file; only regular files (or links to them) are read", full, Kind(mode))
			}
		}
		return nil
	}
	if err := walk(""); err != nil {
		return nil, err
	}
	slices.SortFunc(out, strings.Compare)
	return out, nil
}
