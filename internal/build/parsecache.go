package build

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"sync"

	"github.com/spf13/afero"

	"qingdan/internal/notice"
)

// parseCache keeps, in content/.qingdan-parsed/, each notice as parsed
// from a seed, named by a digest of the program, the seed's path and its
// bytes: a rebuild decodes the notices it parsed before instead of
// parsing them again (several times faster). The folder is machine-local
// like the build state. A file that cannot be read or decoded is
// ignored, and the notice parsed: the cache never changes what a build
// makes.
type parseCache struct {
	fsys    afero.Fs
	dir     string
	program string
	mu      sync.Mutex
	used    map[string]bool
	parsed  int // notices not found in the cache
}

const parsedDir = ".qingdan-parsed"

func openParseCache(fsys afero.Fs, opt Options) *parseCache {
	return &parseCache{fsys: fsys, dir: path.Join(opt.Content, parsedDir), program: programID(), used: map[string]bool{}}
}

// parse parses a seed, or decodes it from the cache; a nil cache parses.
func (c *parseCache) parse(data []byte, source string) (*notice.Notice, error) {
	if c == nil {
		return notice.Parse(data, source)
	}
	h := sha256.New()
	h.Write([]byte(c.program + "\x00" + source + "\x00"))
	h.Write(data)
	name := hex.EncodeToString(h.Sum(nil)) + ".gob"
	file := path.Join(c.dir, name)
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	if enc, err := afero.ReadFile(c.fsys, file); err == nil {
		if n, err := notice.DecodeGob(enc); err == nil {
			return n, nil
		}
	}
	c.mu.Lock()
	c.parsed++
	c.mu.Unlock()
	n, err := notice.Parse(data, source)
	if err != nil {
		return nil, err
	}
	// Written before the build changes the notice (ids carried over
	// from the last version); through a temporary name, so a killed
	// build leaves no half file.
	if enc, err := notice.EncodeGob(n); err == nil && c.fsys.MkdirAll(c.dir, 0o755) == nil {
		tmp := file + ".tmp"
		if afero.WriteFile(c.fsys, tmp, enc, 0o644) == nil {
			c.fsys.Rename(tmp, file)
		}
	}
	return n, nil
}

// prune removes the cached notices this build did not use: seeds that
// changed or went, and those of another program.
func (c *parseCache) prune() {
	entries, err := afero.ReadDir(c.fsys, c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !c.used[e.Name()] || !strings.HasSuffix(e.Name(), ".gob") {
			c.fsys.Remove(path.Join(c.dir, e.Name()))
		}
	}
}
