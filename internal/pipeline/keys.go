package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/afero"

	"qingdan/internal/content"
	"qingdan/internal/publish"
)

// KeysName is the file in content/ that records from which key (see
// internal/site/keys.go) the last build made each file of public/, with
// the file's digest. Like the state, it belongs to the machine.
const KeysName = ".qingdan-pages"

// pageKeys lets the site keep the files of the last build whose keys are
// unchanged: the files are linked from the old public/ into the new one.
type pageKeys struct {
	tree  *publish.Tree
	last  map[string][]keptFile // key → the files made from it
	kept  int                   // only the main goroutine of the site keeps files
	mu    sync.Mutex
	made  map[string]string // path → key, in this build
	count *atomic.Int64
}

type keptFile struct {
	path, digest string
	size         int64
}

func loadKeys(fsys afero.Fs, opt Options, tree *publish.Tree, count *atomic.Int64) *pageKeys {
	k := &pageKeys{tree: tree, last: map[string][]keptFile{}, made: map[string]string{}, count: count}
	data, err := afero.ReadFile(fsys, path.Join(opt.Content, KeysName))
	if err != nil {
		return k // a first build, or one after a clean checkout: all is made
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 4)
		if len(f) < 4 || len(f[0]) != 64 || len(f[1]) != 64 {
			continue
		}
		if size, err := strconv.ParseInt(f[2], 10, 64); err == nil {
			k.last[f[0]] = append(k.last[f[0]], keptFile{f[3], f[1], size})
		}
	}
	return k
}

// Keep keeps the files the last build made from key, when public/ still
// holds every one of them as that build left it.
func (k *pageKeys) Keep(key string) (bool, error) {
	files := k.last[key]
	if len(files) == 0 {
		return false, nil
	}
	for _, f := range files {
		// A file replaced since (by hand, or by a checkout of another
		// version of public/) differs in digest or size.
		if d, size, ok := k.tree.Old(f.path); !ok || d != f.digest || size != f.size {
			return false, nil
		}
	}
	for _, f := range files {
		if err := k.tree.Keep(f.path); err != nil {
			return false, err
		}
		k.Made(f.path, key)
	}
	k.kept += len(files)
	k.count.Add(int64(len(files)))
	return true, nil
}

func (k *pageKeys) Made(p, key string) {
	k.mu.Lock()
	k.made[p] = key
	k.mu.Unlock()
}

// save records the keys of this build's files.
func (k *pageKeys) save(fsys afero.Fs, opt Options) error {
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
	if err := afero.WriteFile(fsys, path.Join(opt.Content, KeysName), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	return nil
}

// noticeDigests digests each notice's content files, by slug, from the
// digests of the files (path → SHA-256): the data its pages are made from.
func noticeDigests(files map[string]string) map[string]string {
	hashes := map[string]hash.Hash{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		rest, ok := strings.CutPrefix(p, content.NoticesDir+"/")
		if !ok {
			continue
		}
		slug, _, _ := strings.Cut(rest, "/")
		h := hashes[slug]
		if h == nil {
			h = sha256.New()
			hashes[slug] = h
		}
		fmt.Fprintf(h, "%s %s\n", p, files[p])
	}
	out := map[string]string{}
	for slug, h := range hashes {
		out[slug] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}
