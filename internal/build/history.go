package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/notice"
	"qingdan/internal/revision"
)

// The site keeps, for each notice, the version it last published
// (data/notices/<slug>.json) and the one before (<slug>.prev.json). A build
// compares the notice with them: ids of unchanged tasks are carried over,
// and what changed since the previous version is shown until the next.

// history is what the published site knows of a notice.
type history struct {
	last, prev *notice.Notice
}

const dataDir = "data/notices"

// loadHistory finds the published versions of each notice, by its slug
// (its 文号) or, failing that, by its seed file. A version that cannot be
// read is reported and ignored: history never blocks a build.
func loadHistory(fsys afero.Fs, public string, notices []*notice.Notice, progress io.Writer) map[string]*history {
	out := map[string]*history{}
	dir := path.Join(public, dataDir)
	entries, err := afero.ReadDir(fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(progress, "note: %v; earlier versions are not compared\n", err)
		}
		return out
	}
	bySlug := map[string]*notice.Notice{}
	bySource := map[string]string{}
	read := func(name string) *notice.Notice {
		data, err := afero.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil
		}
		var n notice.Notice
		if err := json.Unmarshal(data, &n); err != nil {
			fmt.Fprintf(progress, "note: %s: %v; this earlier version is not compared\n", path.Join(dir, name), err)
			return nil
		}
		return &n
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".prev.json") {
			continue
		}
		if n := read(name); n != nil {
			slug := strings.TrimSuffix(name, ".json")
			bySlug[slug] = n
			bySource[n.Source] = slug
		}
	}
	for _, n := range notices {
		slug := catalog.NoticeSlug(n)
		if _, ok := bySlug[slug]; !ok {
			slug = bySource[n.Source]
		}
		if last := bySlug[slug]; last != nil {
			out[n.Source] = &history{last: last, prev: read(slug + ".prev.json")}
		}
	}
	return out
}

// revisions compares each notice of the catalog with its published
// versions: with the last one when the notice changed since, else with
// the one before, so the changes stay on the site until the next
// revision. It returns the reports and the .prev.json files to publish.
func revisions(cat *catalog.Catalog, hist map[string]*history) (map[string]*revision.Report, map[string][]byte, error) {
	reports := map[string]*revision.Report{}
	files := map[string][]byte{}
	for _, n := range cat.Notices {
		h := hist[n.Source]
		if h == nil {
			continue
		}
		cur, err := n.JSON()
		if err != nil {
			return nil, nil, err
		}
		last, err := h.last.JSON()
		if err != nil {
			return nil, nil, err
		}
		old := h.last
		if bytes.Equal(cur, last) {
			old = h.prev
		}
		if old == nil {
			continue
		}
		b, err := old.JSON()
		if err != nil {
			return nil, nil, err
		}
		files[path.Join(dataDir, n.Slug+".prev.json")] = b
		reports[n.Slug] = revision.Compare(old, n.Notice)
	}
	return reports, files, nil
}
