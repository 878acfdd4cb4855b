package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"qingdan/internal/cache"
	"qingdan/internal/publish"
)

// pagesEntry is the cache entry that records from which key (see
// internal/site/keys.go) the last build made each file of public/, with
// the file's digest and size.
const pagesEntry = "public"

// pageKeys lets the site keep the files of the last build whose keys are
// unchanged: the files are linked from the old public/ into the new one.
type pageKeys struct {
	tree  *publish.Tree
	last  map[string]keptFile // path → how the last build made it
	kept  int                 // only the main goroutine of the site keeps files
	mu    sync.Mutex
	made  map[string]string // path → key, in this build
	count *atomic.Int64
}

type keptFile struct {
	key, digest string
	size        int64
}

func loadKeys(c *cache.Cache, tree *publish.Tree, count *atomic.Int64) *pageKeys {
	k := &pageKeys{tree: tree, last: map[string]keptFile{}, made: map[string]string{}, count: count}
	data, ok := c.Get("pages", pagesEntry)
	if !ok {
		return k // a first build, or one on another machine: all is made
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 4)
		if len(f) < 4 || len(f[0]) != 64 || len(f[1]) != 64 {
			continue
		}
		if size, err := strconv.ParseInt(f[2], 10, 64); err == nil {
			k.last[f[3]] = keptFile{f[0], f[1], size}
		}
	}
	return k
}

// Keep keeps the file the last build made from key, when public/ still
// holds it as that build left it.
func (k *pageKeys) Keep(p, key string) (bool, error) {
	f, ok := k.last[p]
	if !ok || f.key != key {
		return false, nil
	}
	// A file replaced since (by hand, or by a checkout of another version
	// of public/) differs in digest or size.
	if d, size, ok := k.tree.Old(p); !ok || d != f.digest || size != f.size {
		return false, nil
	}
	if err := k.tree.Keep(p); err != nil {
		return false, err
	}
	k.Made(p, key)
	k.kept++
	k.count.Add(1)
	return true, nil
}

func (k *pageKeys) Made(p, key string) {
	k.mu.Lock()
	k.made[p] = key
	k.mu.Unlock()
}

// save records the keys of this build's files.
func (k *pageKeys) save(c *cache.Cache) {
	paths := make([]string, 0, len(k.made))
	for p := range k.made {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		if d, size := k.tree.New(p); d != "" {
			fmt.Fprintf(&b, "%s %s %d %s\n", k.made[p], d, size, p)
		}
	}
	c.Put("pages", pagesEntry, b.Bytes())
}
