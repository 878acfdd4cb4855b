package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
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

// history is what the published site knows of a notice. The versions
// are decoded only when needed: most notices of a large site are the same
// as last time, which comparing bytes tells.
type history struct {
	lastJSON   []byte
	prevPath   string
	fsys       afero.Fs
	progress   io.Writer
	last, prev *notice.Notice
	// same is set when the notice says what the last version says
	// (says); reread when it says it in other words of the program.
	same, reread bool
	// judged is the notice same and reread were decided for: the one
	// parsed, or the one read back from content/ when it differs.
	judged *notice.Notice
	// pairs match the tasks of last and judged, when it differs.
	pairs *revision.Pairs
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
	published := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".prev.json") {
			published[strings.TrimSuffix(name, ".json")] = true
		}
	}
	// A notice whose 文号 changed is found by its seed file, which means
	// reading the source of every published version, once. The file is
	// known by its name without the extension: a notice sent as .txt last
	// time and as .docx now is the same notice.
	var bySource map[string]string
	sourceOf := func(source string) string {
		if bySource == nil {
			bySource = map[string]string{}
			for _, slug := range slices.Sorted(maps.Keys(published)) {
				var head struct{ Source string }
				if data, err := afero.ReadFile(fsys, path.Join(dir, slug+".json")); err == nil && json.Unmarshal(data, &head) == nil {
					bySource[sourceStem(head.Source)] = slug
				}
			}
		}
		return bySource[sourceStem(source)]
	}
	for _, n := range notices {
		slug := catalog.NoticeSlug(n)
		if !published[slug] {
			slug = sourceOf(n.Source)
		}
		if slug == "" {
			continue
		}
		data, err := afero.ReadFile(fsys, path.Join(dir, slug+".json"))
		if err != nil {
			continue
		}
		out[n.Source] = &history{lastJSON: data, prevPath: path.Join(dir, slug+".prev.json"), fsys: fsys, progress: progress}
	}
	return out
}

func (h *history) decode(data []byte, name string) *notice.Notice {
	var n notice.Notice
	if err := json.Unmarshal(data, &n); err != nil {
		fmt.Fprintf(h.progress, "note: %s: %v; this earlier version is not compared\n", name, err)
		return nil
	}
	return &n
}

// stabilize gives the tasks of n that were in the last version their ids
// of then, and decides whether n revises it. sum, when known, is the
// SHA-256 of n's JSON: equal to the last version's, n is that version.
func (h *history) stabilize(n *notice.Notice, sum [sha256.Size]byte, known bool) error {
	h.judged = n
	if known && sha256.Sum256(h.lastJSON) == sum {
		h.same = true
		return nil
	}
	cur, err := n.JSON()
	if err != nil {
		return err
	}
	if bytes.Equal(cur, h.lastJSON) {
		h.same = true
		return nil
	}
	if h.last = h.decode(h.lastJSON, "the last version of "+n.Source); h.last != nil {
		h.pairs = revision.Pair(h.last, n)
		h.pairs.Stabilize() // unchanged tasks keep their ids
	}
	h.same, err = h.says(n)
	return err
}

// says tells whether n says what the last version says: the same JSON,
// or (revision.Pairs.Revised) the same notice in other words of the
// program, such as warnings or a field it newly reads. It is the one place
// a build decides that a notice was revised. When n is the last version
// in other words only, reread is set: its new JSON replaces the old one
// silently. The pairs it matched are kept for the report.
func (h *history) says(n *notice.Notice) (bool, error) {
	h.judged, h.reread = n, false
	cur, err := n.JSON()
	if err != nil {
		return false, err
	}
	if bytes.Equal(cur, h.lastJSON) {
		return true, nil
	}
	if h.last == nil {
		return false, nil // not decoded: nothing to compare with
	}
	if h.pairs == nil || !h.pairs.Of(n) {
		h.pairs = revision.Pair(h.last, n)
	}
	h.reread = !h.pairs.Revised()
	return h.reread, nil
}

// previous is the version before the last, if the site has it.
func (h *history) previous() *notice.Notice {
	if h.prev == nil {
		if data, err := afero.ReadFile(h.fsys, h.prevPath); err == nil {
			h.prev = h.decode(data, h.prevPath)
		}
	}
	return h.prev
}

// revisions compares each notice of the catalog with its published
// versions: with the last one when the notice changed since, else with
// the one before, so the changes stay on the site until the next
// revision. It returns the reports, the .prev.json files to publish and
// the 文号 of the notices re-read without a revision, in the catalog's
// order.
func revisions(cat *catalog.Catalog, hist map[string]*history) (map[string]*revision.Report, map[string][]byte, []string, error) {
	reports := map[string]*revision.Report{}
	files := map[string][]byte{}
	var reread []string
	for _, n := range cat.Notices {
		h := hist[n.Source]
		if h == nil {
			continue
		}
		if !h.same && h.judged != n.Notice {
			// content/ was read back: hand edits may make it differ
			// from the notice as parsed.
			same, err := h.says(n.Notice)
			if err != nil {
				return nil, nil, nil, err
			}
			h.same = same
		}
		if h.reread {
			reread = append(reread, n.DocNumber)
		}
		old := h.last
		if h.same {
			old = h.previous()
		}
		if old == nil {
			continue
		}
		b, err := old.JSON()
		if err != nil {
			return nil, nil, nil, err
		}
		files[path.Join(dataDir, n.Slug+".prev.json")] = b
		if old == h.last && h.pairs != nil && h.pairs.Of(n.Notice) {
			reports[n.Slug] = h.pairs.Compare() // matched when judged
		} else {
			reports[n.Slug] = revision.Compare(old, n.Notice)
		}
	}
	return reports, files, reread, nil
}

// sourceStem is a seed's path without its extension.
func sourceStem(p string) string { return strings.TrimSuffix(p, path.Ext(p)) }
