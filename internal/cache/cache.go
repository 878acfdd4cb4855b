// Package cache keeps, on this machine, what a build may reuse from the
// builds before it: notices as parsed, the key each file of public/ was
// made from, and the state of the inputs. It lives under the user's cache
// directory, one folder per project (Dir), never in the reviewed tree.
//
// Its rules, which every entry follows:
//
//   - An entry never changes what a build makes: a missing, damaged or
//     foreign entry only costs the time to make its data again, so every
//     error of the cache is ignored.
//   - An entry is named by a key derived from all the data that produced
//     it (Key, Keyer), never by a list of fields kept by hand: a field
//     added to the data is in the key.
//   - An entry is written through a temporary name of the process and
//     carries the SHA-256 of its bytes, so a killed build or a flipped bit
//     leaves nothing that reads as valid.
package cache

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// EnvVar names the environment variable that sets the cache folder of a
// project (the --cache-dir flag sets it too).
const EnvVar = "QINGDAN_CACHE_DIR"

// Cache is a project's cache folder. A nil Cache, or one opened on "",
// keeps nothing: Get finds nothing and Put does nothing.
type Cache struct {
	fsys afero.Fs
	dir  string
}

// Open returns the cache in dir of fsys; "" keeps nothing.
func Open(fsys afero.Fs, dir string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{fsys: fsys, dir: dir}
}

// Dir returns the default cache folder of the project whose working
// folder is root: a folder under os.UserCacheDir named by root's base name
// and a digest of its absolute path, so two checkouts never share one.
func Dir(root string) (string, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w", err)
	}
	user, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w (set %s or --cache-dir)", err, EnvVar)
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(user, "qingdan", fmt.Sprintf("%s-%x", filepath.Base(abs), sum[:6])), nil
}

func (c *Cache) file(kind, name string) string { return path.Join(c.dir, kind, name) }

// Get returns the entry name of kind as Put wrote it; false when it is
// missing or its bytes are not what was written.
func (c *Cache) Get(kind, name string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	b, err := afero.ReadFile(c.fsys, c.file(kind, name))
	if err != nil || len(b) < sha256.Size || sha256.Sum256(b[sha256.Size:]) != [sha256.Size]byte(b[:sha256.Size]) {
		return nil, false
	}
	return b[sha256.Size:], true
}

// Put writes the entry name of kind: its SHA-256, then data, through a
// temporary name of this process, so two builds at once never write into
// the same file.
func (c *Cache) Put(kind, name string, data []byte) {
	if c == nil {
		return
	}
	file := c.file(kind, name)
	if c.fsys.MkdirAll(path.Dir(file), 0o755) != nil {
		return
	}
	sum := sha256.Sum256(data)
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	if afero.WriteFile(c.fsys, tmp, append(sum[:], data...), 0o644) == nil {
		if c.fsys.Rename(tmp, file) != nil {
			c.fsys.Remove(tmp)
		}
	}
}

// Clean removes what a killed build left half written, in every kind:
// the temporary files of Put. A build calls it at its start, under the
// project's lock.
func (c *Cache) Clean() {
	if c == nil {
		return
	}
	kinds, err := afero.ReadDir(c.fsys, c.dir)
	if err != nil {
		return
	}
	for _, k := range kinds {
		if !k.IsDir() {
			continue
		}
		entries, err := afero.ReadDir(c.fsys, path.Join(c.dir, k.Name()))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				c.fsys.Remove(c.file(k.Name(), e.Name()))
			}
		}
	}
}

// Prune removes the entries of kind that keep refuses, and what a killed
// build left half written.
func (c *Cache) Prune(kind string, keep func(name string) bool) {
	if c == nil {
		return
	}
	entries, err := afero.ReadDir(c.fsys, path.Join(c.dir, kind))
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || !keep(e.Name()) {
			c.fsys.RemoveAll(c.file(kind, e.Name()))
		}
	}
}
