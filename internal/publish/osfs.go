package publish

import (
	"os"

	"github.com/spf13/afero"
)

// OsFs is the real file system with hard links, an atomic swap of two
// directories where the kernel has it, and what the build needs to know
// of the folders an administrator set up: links, mount points, rights,
// and a lock between builds.
type OsFs struct {
	afero.OsFs
}

// NewOsFs returns the real file system.
func NewOsFs() afero.Fs { return &OsFs{} }

// Link makes newname a hard link to oldname.
func (OsFs) Link(oldname, newname string) error { return os.Link(oldname, newname) }

// Exchange swaps two directories atomically.
func (OsFs) Exchange(a, b string) error { return exchange(a, b) }

// Place says where the files of dir are (see Placer).
func (OsFs) Place(dir string) (Place, error) { return osPlace(dir) }

// Writable tells whether this user may create and remove entries in dir.
func (OsFs) Writable(dir string) error { return writable(dir) }

// Lock takes the lock file name, waiting while another process holds it
// (see Locker).
func (OsFs) Lock(name string, waiting func(holder string)) (func(), error) {
	return flock(name, waiting)
}
