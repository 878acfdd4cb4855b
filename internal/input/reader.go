package input

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Reader reads a build's input files (Read, Files) and digests exactly
// what it read, as it read it: the bytes of each file, links followed,
// and which files there were. A digest of the inputs taken apart from
// the reading (a walk that does not follow links, a file read twice) can
// differ from what the build used; this one cannot. A Reader may be used
// from several goroutines.
type Reader struct {
	fsys afero.Fs
	mu   sync.Mutex
	seen map[string]string // path → digest of its bytes, or "absent"
}

// NewReader returns a Reader of fsys.
func NewReader(fsys afero.Fs) *Reader {
	return &Reader{fsys: fsys, seen: map[string]string{}}
}

// Read reads the input file p as Read does, and records its digest (or
// its absence).
func (r *Reader) Read(p string) ([]byte, error) {
	data, err := Read(r.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.record(p, "absent")
	case err == nil:
		sum := sha256.Sum256(data)
		r.record(p, hex.EncodeToString(sum[:]))
	}
	return data, err
}

// Files lists the files under dir as Files does; reading them (Read)
// records them, and an absent dir is recorded as such.
func (r *Reader) Files(dir string) ([]string, error) {
	files, err := Files(r.fsys, dir)
	if err == nil && files == nil {
		r.record(dir, "absent")
	}
	return files, err
}

func (r *Reader) record(p, what string) {
	r.mu.Lock()
	r.seen[path.Clean(p)] = what
	r.mu.Unlock()
}

// Digest writes to w what was read at each of the paths given and under
// them, in path order: the state of those inputs as the build took them.
func (r *Reader) Digest(w io.Writer, paths ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range slices.Sorted(maps.Keys(r.seen)) {
		for _, under := range paths {
			under = path.Clean(under)
			if p == under || strings.HasPrefix(p, under+"/") || under == "." {
				fmt.Fprintf(w, "%s %s\n", p, r.seen[p])
				break
			}
		}
	}
}
