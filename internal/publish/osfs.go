package publish

import (
	"os"

	"github.com/spf13/afero"
)

// OsFs is the real file system with hard links and, where the kernel has
// it, an atomic swap of two directories.
type OsFs struct {
	afero.OsFs
}

// NewOsFs returns the real file system.
func NewOsFs() afero.Fs { return &OsFs{} }

// Link makes newname a hard link to oldname.
func (OsFs) Link(oldname, newname string) error { return os.Link(oldname, newname) }

// Exchange swaps two directories atomically.
func (OsFs) Exchange(a, b string) error { return exchange(a, b) }
