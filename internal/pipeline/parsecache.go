package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
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
	// jsonSums holds, by source, the SHA-256 of the notice's JSON as
	// parsed, which tells at once whether it is the published version.
	jsonSums map[string][sha256.Size]byte
}

const parsedDir = ".qingdan-parsed"

func openParseCache(fsys afero.Fs, opt Options) *parseCache {
	return &parseCache{fsys: fsys, dir: path.Join(opt.Content, parsedDir), program: programID(), used: map[string]bool{}, jsonSums: map[string][sha256.Size]byte{}}
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
	// An entry is the SHA-256 of the notice's JSON, then its gob.
	if enc, ok := readChecked(c.fsys, file); ok && len(enc) > sha256.Size {
		if n, err := notice.DecodeGob(enc[sha256.Size:]); err == nil {
			c.mu.Lock()
			c.jsonSums[source] = [sha256.Size]byte(enc[:sha256.Size])
			c.mu.Unlock()
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
	// from the last version).
	js, err := n.JSON()
	if err != nil {
		return n, nil
	}
	sum := sha256.Sum256(js)
	c.mu.Lock()
	c.jsonSums[source] = sum
	c.mu.Unlock()
	if enc, err := notice.EncodeGob(n); err == nil {
		writeChecked(c.fsys, file, append(sum[:], enc...))
	}
	return n, nil
}

// writeChecked writes data to a cache file after its SHA-256, through a
// temporary name of this process: a killed build leaves no half file, and
// two builds at once do not write into the same one. Errors are ignored:
// a cache file that is missing is made again.
func writeChecked(fsys afero.Fs, name string, data []byte) {
	if fsys.MkdirAll(path.Dir(name), 0o755) != nil {
		return
	}
	sum := sha256.Sum256(data)
	tmp := fmt.Sprintf("%s.%d.tmp", name, os.Getpid())
	if afero.WriteFile(fsys, tmp, append(sum[:], data...), 0o644) == nil {
		if fsys.Rename(tmp, name) != nil {
			fsys.Remove(tmp)
		}
	}
}

// readChecked returns what writeChecked wrote; false when the file is
// missing or its bytes are not what was written.
func readChecked(fsys afero.Fs, name string) ([]byte, bool) {
	b, err := afero.ReadFile(fsys, name)
	if err != nil || len(b) < sha256.Size || sha256.Sum256(b[sha256.Size:]) != [sha256.Size]byte(b[:sha256.Size]) {
		return nil, false
	}
	return b[sha256.Size:], true
}

// jsonSum returns the SHA-256 of the JSON of the notice parsed from
// source, before the build changed it; false when unknown.
func (c *parseCache) jsonSum(source string) ([sha256.Size]byte, bool) {
	if c == nil {
		return [sha256.Size]byte{}, false
	}
	sum, ok := c.jsonSums[source]
	return sum, ok
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
