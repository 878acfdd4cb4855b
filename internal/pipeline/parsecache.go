package pipeline

import (
	"crypto/sha256"
	"sync"

	"qingdan/internal/cache"
	"qingdan/internal/notice"
)

// parseCache keeps in the cache each notice as parsed from a seed, named
// by the key of the program, the seed's path and its bytes: a rebuild
// decodes the notices it parsed before instead of parsing them again
// (several times faster). An entry that cannot be read or decoded is
// ignored, and the notice parsed: the cache never changes what a build
// makes.
type parseCache struct {
	cache   *cache.Cache
	program string
	mu      sync.Mutex
	used    map[string]bool
	parsed  int // notices not found in the cache
	// jsonSums holds, by source, the SHA-256 of the notice's JSON as
	// parsed, which tells at once whether it is the published version.
	jsonSums map[string][sha256.Size]byte
}

func openParseCache(c *cache.Cache) *parseCache {
	return &parseCache{cache: c, program: programID(), used: map[string]bool{}, jsonSums: map[string][sha256.Size]byte{}}
}

// parse parses a seed, or decodes it from the cache; a nil parseCache
// parses.
func (c *parseCache) parse(data []byte, source string) (*notice.Notice, error) {
	if c == nil {
		return notice.Parse(data, source)
	}
	name := cache.Key(c.program, source, data) + ".gob"
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	// An entry is the SHA-256 of the notice's JSON, then its gob.
	if enc, ok := c.cache.Get("parsed", name); ok && len(enc) > sha256.Size {
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
		c.cache.Put("parsed", name, append(sum[:], enc...))
	}
	return n, nil
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
	c.cache.Prune("parsed", func(name string) bool { return c.used[name] })
}
