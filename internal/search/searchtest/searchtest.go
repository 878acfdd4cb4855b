// Package searchtest answers queries from the index files of a built site
// the way the browser's search script (templates/assets/search.js) does:
// the same terms, the same files loaded, the same ranking. Tests compare
// it with the browser and with Contains, the property the index must
// keep; internal/bench measures with Loads what a query costs the
// browser. The program itself never imports it.
package searchtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"qingdan/internal/search"
)

// Index is the index of a built site as the browser reads it: the files
// under search/, each loaded once, when a query first needs it.
type Index struct {
	read func(p string) ([]byte, error)
	meta meta

	mu     sync.Mutex
	tokens map[int]map[string][]int // token shard → token → its numbers
	attrs  map[int][]int            // attribute file → four numbers a document
	docs   map[int][]Doc            // document file → its documents
	loaded map[string]bool          // the files read, by path in the site
}

// meta is search/meta.js.
type meta struct {
	Docs      int `json:"docs"`
	Shards    int `json:"shards"`
	DocShard  int `json:"docShard"`
	AttrShard int `json:"attrShard"`
	Units     int `json:"units"`
}

// Doc is a document as its file gives it to the browser.
type Doc struct {
	Kind, Title, Crumb, Href, Text string
	TitleLen                       int
}

// Filter narrows results as the search page's filters do; zero fields
// do not filter.
type Filter struct {
	Section  int // index+1 into the index's sections
	UnitKind int // index+1 into its unit kinds
	Role     int // index+1 into its roles
}

// Result is a document that matches, with what ranked it.
type Result struct {
	Doc       int
	UnitName  bool // a unit whose name matches
	TitleHits int
	Hits      int
	Span      int // smallest stretch holding every term, in runes
}

// Open reads the index through read, which returns a file of the site
// by its path (search/meta.js …).
func Open(read func(p string) ([]byte, error)) (*Index, error) {
	ix := &Index{read: read, tokens: map[int]map[string][]int{}, attrs: map[int][]int{}, docs: map[int][]Doc{}, loaded: map[string]bool{}}
	if err := ix.load("meta.js", &ix.meta); err != nil {
		return nil, err
	}
	if ix.meta.Shards <= 0 || ix.meta.DocShard <= 0 || ix.meta.AttrShard <= 0 {
		return nil, fmt.Errorf("searchtest: %s/meta.js: no shards in %+v", search.Dir, ix.meta)
	}
	return ix, nil
}

// FromFiles reads the index from the files of a site, by path.
func FromFiles(files map[string][]byte) (*Index, error) {
	return Open(func(p string) ([]byte, error) {
		b, ok := files[p]
		if !ok {
			return nil, fmt.Errorf("searchtest: no file %s", p)
		}
		return b, nil
	})
}

// load reads search/<file>, a call of a loader function
// (qdSearch.t(3,{…});), into v.
func (ix *Index) load(file string, v any) error {
	p := path.Join(search.Dir, file)
	b, err := ix.read(p)
	if err != nil {
		return err
	}
	ix.loaded[p] = true
	// The argument after the file's number: qdSearch.fn(i,<json>);
	rest, isCall := bytes.CutPrefix(b, []byte("qdSearch."))
	_, args, opens := bytes.Cut(rest, []byte("("))
	_, arg, hasArg := bytes.Cut(args, []byte(","))
	if !isCall || !opens || !hasArg {
		return fmt.Errorf("searchtest: %s is not a loader call", p)
	}
	b = bytes.TrimSuffix(bytes.TrimSpace(arg), []byte(");"))
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("searchtest: %s: %w", p, err)
	}
	return nil
}

// postings returns the documents holding tok, each with its values
// pos*2+title in ascending order. A single Han character has no positions
// in the files, only its count and whether one lies in the title: its
// values are then as many, the first 1 when in the title, all others 0.
func (ix *Index) postings(tok string, single bool) (map[int][]int, error) {
	shard := search.Shard(tok, ix.meta.Shards)
	m, ok := ix.tokens[shard]
	if !ok {
		if err := ix.load(fmt.Sprintf("t/%d.js", shard), &m); err != nil {
			return nil, err
		}
		ix.tokens[shard] = m
	}
	flat := m[tok]
	out := map[int][]int{}
	doc := 0
	for k := 0; k+1 < len(flat); {
		doc += flat[k]
		n := flat[k+1]
		k += 2
		var occ []int
		if single {
			for c := range n >> 1 {
				if c == 0 {
					occ = append(occ, n&1)
				} else {
					occ = append(occ, 0)
				}
			}
		} else {
			if k+n > len(flat) {
				return nil, fmt.Errorf("searchtest: the postings of %q end early", tok)
			}
			v := 0
			for _, gap := range flat[k : k+n] {
				v += gap
				occ = append(occ, v)
			}
			k += n
		}
		out[doc] = occ
	}
	return out, nil
}

func isSingle(t search.Term) bool { return t.Han && len([]rune(t.Text)) == 1 }

// termMatches returns, for each document holding the term, the values
// where it starts: a run of Han characters is found by its pairs, at
// positions where pair i starts i characters after pair 0.
func (ix *Index) termMatches(t search.Term) (map[int][]int, error) {
	runes := []rune(t.Text)
	if !t.Han || len(runes) == 1 {
		return ix.postings(t.Text, isSingle(t))
	}
	pairs := make([]map[int][]int, len(runes)-1)
	for i := range pairs {
		var err error
		if pairs[i], err = ix.postings(string(runes[i:i+2]), false); err != nil {
			return nil, err
		}
	}
	out := map[int][]int{}
	for doc, occ := range pairs[0] {
		var found []int
		for _, v := range occ {
			p := v >> 1
			ok := true
			for i := 1; i < len(pairs) && ok; i++ {
				o := pairs[i][doc]
				ok = slices.Contains(o, (p+i)*2) || slices.Contains(o, (p+i)*2+1)
			}
			if ok {
				found = append(found, v)
			}
		}
		if len(found) > 0 {
			out[doc] = found
		}
	}
	return out, nil
}

// attr returns a document's kind, section, unit kinds and roles, from its
// attribute file.
func (ix *Index) attr(doc int) ([]int, error) {
	i := doc / ix.meta.AttrShard
	a, ok := ix.attrs[i]
	if !ok {
		if err := ix.load(fmt.Sprintf("a/%d.js", i), &a); err != nil {
			return nil, err
		}
		ix.attrs[i] = a
	}
	k := (doc % ix.meta.AttrShard) * 4
	if k+4 > len(a) {
		return nil, fmt.Errorf("searchtest: no attributes of document %d", doc)
	}
	return a[k : k+4], nil
}

// Doc returns a document as its file gives it.
func (ix *Index) Doc(doc int) (Doc, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.doc(doc)
}

func (ix *Index) doc(doc int) (Doc, error) {
	i := doc / ix.meta.DocShard
	ds, ok := ix.docs[i]
	if !ok {
		var rows [][]json.RawMessage
		if err := ix.load(fmt.Sprintf("d/%d.js", i), &rows); err != nil {
			return Doc{}, err
		}
		for _, row := range rows {
			var d Doc
			if len(row) < 6 {
				return Doc{}, fmt.Errorf("searchtest: a document of d/%d.js has %d fields", i, len(row))
			}
			for j, into := range []any{&d.Kind, &d.Title, &d.Crumb, &d.Href, &d.Text, &d.TitleLen} {
				if err := json.Unmarshal(row[j], into); err != nil {
					return Doc{}, fmt.Errorf("searchtest: d/%d.js: %w", i, err)
				}
			}
			ds = append(ds, d)
		}
		ix.docs[i] = ds
	}
	if doc%ix.meta.DocShard >= len(ds) {
		return Doc{}, fmt.Errorf("searchtest: no document %d", doc)
	}
	return ds[doc%ix.meta.DocShard], nil
}

// Search returns the documents matching every term of q, ranked as the
// browser ranks them: units whose name matches, then matches in titles,
// then by frequency, then by closeness of the terms, then in index order.
func (ix *Index) Search(q string, f Filter) ([]Result, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	terms := search.QueryTerms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	ms := make([]map[int][]int, len(terms))
	for i, t := range terms {
		var err error
		if ms[i], err = ix.termMatches(t); err != nil {
			return nil, err
		}
	}
	var out []Result
	for d := range ms[0] {
		all := true
		for _, m := range ms[1:] {
			if _, ok := m[d]; !ok {
				all = false
			}
		}
		if !all {
			continue
		}
		// The attributes are loaded only when a filter is set.
		if f != (Filter{}) {
			a, err := ix.attr(d)
			if err != nil {
				return nil, err
			}
			if (f.Section > 0 && a[1] != f.Section-1) || (f.UnitKind > 0 && a[2]&(1<<(f.UnitKind-1)) == 0) || (f.Role > 0 && a[3]&(1<<(f.Role-1)) == 0) {
				continue
			}
		}
		r := Result{Doc: d, UnitName: d < ix.meta.Units}
		var pos [][]int
		for ti, m := range ms {
			inTitle := false
			var ps []int
			for _, v := range m[d] {
				r.Hits++
				if v&1 == 1 {
					r.TitleHits++
					inTitle = true
				}
				ps = append(ps, v>>1)
			}
			if !inTitle {
				r.UnitName = false
			}
			// Single characters have no positions: no part in closeness.
			if !isSingle(terms[ti]) {
				pos = append(pos, ps)
			}
		}
		r.Span = span(pos)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].less(out[j]) })
	return out, nil
}

func (a Result) less(b Result) bool {
	switch {
	case a.UnitName != b.UnitName:
		return a.UnitName
	case (a.TitleHits > 0) != (b.TitleHits > 0):
		return a.TitleHits > 0
	case a.Hits != b.Hits:
		return a.Hits > b.Hits
	case a.Span != b.Span:
		return a.Span < b.Span
	}
	return a.Doc < b.Doc
}

// span is the length of the shortest stretch holding a position from
// every list (0 for one list).
func span(lists [][]int) int {
	if len(lists) < 2 {
		return 0
	}
	best := -1
	for _, p := range lists[0] {
		lo, hi := p, p
		for _, l := range lists[1:] {
			near := l[0] // the position of l nearest p
			for _, q := range l {
				if abs(q-p) < abs(near-p) {
					near = q
				}
			}
			lo, hi = min(lo, near), max(hi, near)
		}
		if best < 0 || hi-lo < best {
			best = hi - lo
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Loads returns the files a browser that has loaded nothing yet reads to
// answer q and show its first page of results (page documents):
// meta.js, the token shards of its terms and the document files of the
// results shown.
func (ix *Index) Loads(q string, page int) ([]string, error) {
	fresh, err := Open(ix.read)
	if err != nil {
		return nil, err
	}
	rs, err := fresh.Search(q, Filter{})
	if err != nil {
		return nil, err
	}
	for _, r := range rs[:min(page, len(rs))] {
		if _, err := fresh.doc(r.Doc); err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(fresh.loaded))
	for p := range fresh.loaded {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// Contains reports whether a document's text holds q term by term: a run
// of Han characters as a substring, a word as a whole token of the text
// or of its pinyin. For a query of Han characters the index must find
// exactly the documents for which this holds.
func Contains(d search.Doc, q string) bool {
	text := search.Fold(d.Text)
	for _, t := range search.QueryTerms(q) {
		if t.Han {
			if !strings.Contains(text, t.Text) {
				return false
			}
			continue
		}
		found := slices.Contains(d.Pinyin, t.Text)
		search.Tokens(text, func(tok string, _ int) {
			found = found || tok == t.Text
		})
		if !found {
			return false
		}
	}
	return true
}
