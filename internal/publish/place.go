package publish

import (
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Place is where a folder's files are.
type Place struct {
	// Root is the folder itself, or the one it links to.
	Root string
	// Link is set when the folder is a symbolic link.
	Link bool
	// Mount is set when Root is a mount point, which cannot be renamed.
	Mount bool
}

// Placer is a file system that can tell links and mount points; on
// others every folder is a plain folder.
type Placer interface {
	Place(dir string) (Place, error)
}

func place(fsys afero.Fs, dir string) (Place, error) {
	if p, ok := fsys.(Placer); ok {
		pl, err := p.Place(dir)
		if err != nil {
			return pl, fmt.Errorf("publish: %w", err)
		}
		return pl, nil
	}
	return Place{Root: dir}, nil
}

func lstat(fsys afero.Fs, p string) (os.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(p)
		return info, err
	}
	return fsys.Stat(p)
}

// Writability is a file system that can tell whether a folder may be
// written, without writing to it.
type Writability interface {
	Writable(dir string) error
}

// ReadOnlyError is a folder the build would have to change and cannot.
type ReadOnlyError struct {
	Dir     string // the folder named (content/, public/)
	Folders []string
	Err     error
}

func (e *ReadOnlyError) Error() string {
	more := ""
	if len(e.Folders) > 1 {
		more = fmt.Sprintf(" (and %d more folder(s) in it)", len(e.Folders)-1)
	}
	return fmt.Sprintf("publish: %s cannot be written by this user: %s: %v%s; nothing was changed. Make it writable for the user who builds (chmod -R u+w, or build as its owner), or build into another folder",
		e.Dir, e.Folders[0], e.Err, more)
}

func (e *ReadOnlyError) Unwrap() error { return e.Err }

// checkWritable checks, before anything is written, every folder a
// commit changes: for a swap, the parent (where the new version is made
// and renamed) and every folder of the old version (whose files are then
// removed); in place, every folder of it. The folders are those list
// found.
func (t *Tree) checkWritable() error {
	w, ok := t.fsys.(Writability)
	if !ok {
		return nil
	}
	var dirs []string
	if !t.inPlace {
		parent := path.Dir(t.root)
		if !taken(t.fsys, t.root) {
			// A first build: the nearest folder that exists is written.
			for parent != "." && parent != "/" && !taken(t.fsys, parent) {
				parent = path.Dir(parent)
			}
		}
		dirs = append(dirs, parent)
	}
	dirs = append(dirs, t.folders...)
	var bad []string
	var first error
	for _, d := range dirs {
		if err := w.Writable(d); err != nil {
			bad = append(bad, d)
			if first == nil {
				first = err
			}
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad[1:])
		return &ReadOnlyError{Dir: t.dir, Folders: bad, Err: first}
	}
	return nil
}

// Locker is a file system that can lock a file against other processes.
type Locker interface {
	// Lock takes the lock, calling waiting once with what the lock file
	// says of its holder when another process holds it, and waits. The
	// function returned releases it.
	Lock(name string, waiting func(holder string)) (func(), error)
}

// Lock takes the lock file name, so that one build at a time writes a
// project's folders. On a file system without locks (in memory) the lock
// holds between the goroutines of this process.
func Lock(fsys afero.Fs, name string, waiting func(holder string)) (func(), error) {
	if l, ok := fsys.(Locker); ok {
		unlock, err := l.Lock(name, waiting)
		if err != nil {
			return nil, fmt.Errorf("publish: lock %s: %w", name, err)
		}
		return unlock, nil
	}
	return memLock(fsys, name, waiting), nil
}

// memLocks are the locks of file systems without flock, by file system
// and name: each a channel of one slot, full while held.
var memLocks struct {
	sync.Mutex
	held map[memLockKey]chan struct{}
}

type memLockKey struct {
	fsys afero.Fs
	name string
}

func memLock(fsys afero.Fs, name string, waiting func(string)) func() {
	key := memLockKey{fsys, name}
	memLocks.Lock()
	if memLocks.held == nil {
		memLocks.held = map[memLockKey]chan struct{}{}
	}
	ch := memLocks.held[key]
	if ch == nil {
		ch = make(chan struct{}, 1)
		memLocks.held[key] = ch
	}
	memLocks.Unlock()
	select {
	case ch <- struct{}{}:
	default:
		if waiting != nil {
			waiting("another build in this process")
		}
		ch <- struct{}{}
	}
	return func() { <-ch }
}

// holderLine is what a lock file says of the process holding it.
func holderLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "another process"
	}
	return s
}

var errNotDir = errors.New("not a folder")
