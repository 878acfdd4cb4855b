package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/site"
	"qingdan/internal/xlsx"
)

// blockCache keeps, in content/.qingdan-blocks/, the compressed table
// blocks made from each notice's rows (a unit's duties in it, its tasks),
// named by a digest of the program and of the notice's content: a rebuild
// compresses only the blocks of revised notices, though a county's table,
// which holds a block of every notice, is made again. Machine-local, like
// the parse cache; a file that cannot be read is ignored.
type blockCache struct {
	fsys   afero.Fs
	dir    string
	names  map[string]string // notice slug → file name
	blocks *xlsx.Blocks
}

const blocksDir = ".qingdan-blocks"

// openBlockCache loads the blocks of the notices whose content digest is
// known.
func openBlockCache(fsys afero.Fs, opt Options, cat *catalog.Catalog, digests map[string]string) *blockCache {
	c := &blockCache{fsys: fsys, dir: path.Join(opt.Content, blocksDir), names: map[string]string{}, blocks: &xlsx.Blocks{}}
	for _, n := range cat.Notices {
		d := digests[n.Slug]
		if d == "" {
			continue
		}
		h := sha256.Sum256([]byte(programID() + "\x00" + n.Slug + "\x00" + d))
		name := hex.EncodeToString(h[:]) + ".gob"
		c.names[n.Slug] = name
		if data, ok := readChecked(fsys, path.Join(c.dir, name)); ok {
			c.blocks.Load(data) // one that does not decode adds nothing
		}
	}
	return c
}

// save writes the blocks of each notice whose file is missing or lacks
// blocks made in this build, and removes the files of notices this build
// does not have. Files are checked (writeChecked), so a damaged one is not
// loaded.
func (c *blockCache) save() {
	files := map[string]string{} // block prefix → file
	for slug, name := range c.names {
		files[site.BlockPrefix(slug)] = path.Join(c.dir, name)
	}
	groups, err := c.blocks.SaveGroups(site.BlockGroup, func(prefix string, made bool) bool {
		file, ok := files[prefix]
		if !ok {
			return false
		}
		exists, _ := afero.Exists(c.fsys, file)
		return made || !exists
	})
	if err != nil {
		return
	}
	keep := map[string]bool{}
	for _, name := range c.names {
		keep[name] = true
	}
	for prefix, data := range groups {
		writeChecked(c.fsys, files[prefix], data)
	}
	entries, _ := afero.ReadDir(c.fsys, c.dir)
	for _, e := range entries {
		if !keep[e.Name()] || !strings.HasSuffix(e.Name(), ".gob") {
			c.fsys.Remove(path.Join(c.dir, e.Name()))
		}
	}
}
