package search

import (
	"encoding/binary"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"qingdan/internal/pinyin"
)

// Kinds of document, in the order a tie is broken.
const (
	KindUnit    = "unit"
	KindSection = "section"
	KindItem    = "item"
	KindTask    = "task"
)

// Chip is a unit shown under a result.
type Chip struct {
	Name, Role, Href string
}

// Doc is one searchable document.
type Doc struct {
	Kind  string
	Title string
	Crumb string // where the document sits: notice › section › item
	Href  string // site-relative link
	// Text is what is indexed and searched; the first TitleLen runes are
	// the title region, where a match ranks higher.
	Text     string
	TitleLen int
	Units    []Chip
	// Section is an index into Index.Sections, or -1.
	Section int
	// UnitKinds and Roles are bit masks (by index into Index.UnitKinds
	// and Index.Roles) for the filters.
	UnitKinds, Roles uint32
	// Pinyin holds extra title tokens: the pinyin spans of unit names.
	Pinyin []string
}

// plist holds the postings of a token: for each document containing it,
// the gap from the previous such document, the number of occurrences and
// the gaps between them (from 0), as unsigned varints. An occurrence is
// pos*2+1 when it lies in the title region, pos*2 otherwise. A site of a
// thousand notices has tens of millions of occurrences, most gaps fit in
// a byte, and this is the form the index files take.
type plist struct {
	data       []byte
	docs, occs int32
	last       int32 // the last document, while the index is built
}

// posting is one document's occurrences of a token, decoded.
type posting struct {
	doc int
	occ []int
}

// postings decodes the postings of a token.
func (ix *Index) postings(tok string) []posting {
	l := ix.post[tok]
	if l == nil {
		return nil
	}
	out := make([]posting, 0, l.docs)
	doc := 0
	for data := l.data; len(data) > 0; {
		gap, n := uvarint(&data), uvarint(&data)
		doc += gap
		p := posting{doc: doc, occ: make([]int, n)}
		v := 0
		for i := range p.occ {
			v += uvarint(&data)
			p.occ[i] = v
		}
		out = append(out, p)
	}
	return out
}

func uvarint(data *[]byte) int {
	v, n := binary.Uvarint(*data)
	*data = (*data)[n:]
	return int(v)
}

// Index is the built index.
type Index struct {
	Docs      []Doc
	Sections  []string // labels of the section filter
	UnitKinds []string // codes of the unit kind filter
	Roles     []string // codes of the role filter
	post      map[string]*plist
}

// New indexes the documents, in the order given: that order breaks ties.
// Units come first (the browser tells a unit by its number).
func New(docs []Doc, sections, unitKinds, roles []string) *Index {
	ix := &Index{Docs: docs, Sections: sections, UnitKinds: unitKinds, Roles: roles}
	// The documents are indexed in runs on every core; a token's postings
	// are then its runs' postings one after another, the first gap of
	// each run counted again from the last document of the runs before.
	runs := make([]map[string]*plist, 4*runtime.GOMAXPROCS(0))
	size := (len(docs) + len(runs) - 1) / len(runs)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for r := range runs {
		g.Go(func() error {
			runs[r] = indexRun(docs, r*size, min((r+1)*size, len(docs)))
			return nil
		})
	}
	g.Wait()
	ix.post = runs[0]
	for _, run := range runs[1:] {
		for tok, l := range run {
			into := ix.post[tok]
			if into == nil {
				ix.post[tok] = l
				continue
			}
			data := l.data
			first := uvarint(&data) // the gap from document 0
			into.data = binary.AppendUvarint(into.data, uint64(first-int(into.last)))
			into.data = append(into.data, data...)
			into.last, into.docs, into.occs = l.last, into.docs+l.docs, into.occs+l.occs
		}
	}
	return ix
}

// indexRun indexes documents from..to-1 (numbered as in docs), by token.
func indexRun(docs []Doc, from, to int) map[string]*plist {
	// Tokens are numbered as they are first seen: Han tokens by the key
	// of their runes, words by their string; the strings of Han tokens
	// are made once, at the end. A document's occurrences are gathered as
	// (token, occurrence) pairs and sorted, which needs no map per
	// document.
	var (
		hanIDs  = map[uint64]int32{}
		wordIDs = map[string]int32{}
		tokens  []uint64 // token number → Han key; 0 for a word
		words   []string // token number → word
		lists   []*plist
		hits    []uint64 // token<<32 | occurrence
	)
	number := func(k uint64, word string) int32 {
		if word == "" {
			if id, ok := hanIDs[k]; ok {
				return id
			}
			hanIDs[k] = int32(len(tokens))
		} else {
			if id, ok := wordIDs[word]; ok {
				return id
			}
			wordIDs[word] = int32(len(tokens))
		}
		tokens, words, lists = append(tokens, k), append(words, word), append(lists, &plist{})
		return int32(len(tokens) - 1)
	}
	for id := from; id < to; id++ {
		d := &docs[id]
		hits = hits[:0]
		tokensKeyed(d.Text, func(k uint64, word string, pos int) {
			v := pos * 2
			if pos < d.TitleLen {
				v++
			}
			hits = append(hits, uint64(number(k, word))<<32|uint64(v))
		})
		for _, p := range d.Pinyin {
			hits = append(hits, uint64(number(0, p))<<32|1)
		}
		slices.Sort(hits)
		for i := 0; i < len(hits); {
			tok := hits[i] >> 32
			j := i
			for j < len(hits) && hits[j]>>32 == tok {
				j++
			}
			occ := slices.Compact(hits[i:j])
			l := lists[tok]
			l.data = binary.AppendUvarint(l.data, uint64(int32(id)-l.last))
			l.data = binary.AppendUvarint(l.data, uint64(len(occ)))
			prev := uint32(0)
			for _, h := range occ {
				l.data = binary.AppendUvarint(l.data, uint64(uint32(h)-prev))
				prev = uint32(h)
			}
			l.last, l.docs, l.occs = int32(id), l.docs+1, l.occs+int32(len(occ))
			i = j
		}
	}
	post := make(map[string]*plist, len(lists))
	for i, l := range lists {
		tok := words[i]
		if tok == "" {
			tok = keyString(tokens[i])
		}
		post[tok] = l
	}
	return post
}

// PinyinSpans returns the tokens a unit name is found by: its full pinyin
// and its initials, and every run of whole syllables of each, so that
// yingjiju and yjj find 市应急局 as well as shiyingjiju and syjj.
func PinyinSpans(name string) []string {
	syl := pinyin.Syllables(name)
	seen := map[string]bool{}
	var out []string
	for i := range syl {
		var full, ini strings.Builder
		for j := i; j < len(syl); j++ {
			full.WriteString(syl[j])
			ini.WriteByte(syl[j][0])
			if j > i || len(syl) == 1 {
				for _, s := range []string{full.String(), ini.String()} {
					if len(s) >= 2 && !seen[s] {
						seen[s] = true
						out = append(out, s)
					}
				}
			}
		}
	}
	return out
}

// Filter narrows results. Empty fields do not filter.
type Filter struct {
	Section  int // index+1 into Sections; 0 for all
	UnitKind int // index+1 into UnitKinds
	Role     int // index+1 into Roles
}

func (f Filter) keep(d *Doc) bool {
	if f.Section > 0 && d.Section != f.Section-1 {
		return false
	}
	if f.UnitKind > 0 && d.UnitKinds&(1<<(f.UnitKind-1)) == 0 {
		return false
	}
	if f.Role > 0 && d.Roles&(1<<(f.Role-1)) == 0 {
		return false
	}
	return true
}

// Result is a document that matches, with what ranked it.
type Result struct {
	Doc       int
	UnitName  bool // a unit whose name matches
	TitleHits int
	Hits      int
	Span      int // smallest stretch holding every term, in runes
}

// Search returns the documents matching every term of q, ranked: units
// whose name matches, then matches in titles, then by frequency, then by
// closeness of the terms, then in index order.
func (ix *Index) Search(q string, f Filter) []Result {
	terms := QueryTerms(q)
	if len(terms) == 0 {
		return nil
	}
	var (
		docs    map[int]bool
		matches = map[int][][]int{} // doc → per term, its match values
	)
	for ti, t := range terms {
		m := ix.termMatches(t)
		next := map[int]bool{}
		for d, vs := range m {
			if ti == 0 || docs[d] {
				next[d] = true
				matches[d] = append(matches[d], vs)
			}
		}
		docs = next
		if len(docs) == 0 {
			return nil
		}
	}
	var out []Result
	for d := range docs {
		doc := &ix.Docs[d]
		if !f.keep(doc) {
			continue
		}
		r := Result{Doc: d}
		allTitle := true
		var firsts [][]int
		for ti, vs := range matches[d] {
			inTitle := false
			var ps []int
			for _, v := range vs {
				r.Hits++
				if v&1 == 1 {
					r.TitleHits++
					inTitle = true
				}
				ps = append(ps, v>>1)
			}
			if !inTitle {
				allTitle = false
			}
			// The index keeps no positions of single characters, so they
			// take no part in closeness.
			if !isSingleHan(terms[ti].Text) {
				firsts = append(firsts, ps)
			}
		}
		r.UnitName = doc.Kind == KindUnit && allTitle
		r.Span = minSpan(firsts)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].less(out[j]) })
	return out
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

// minSpan is the length of the shortest stretch holding a position from
// every list (0 for one list).
func minSpan(lists [][]int) int {
	if len(lists) < 2 {
		return 0
	}
	best := -1
	for _, p := range lists[0] {
		lo, hi := p, p
		for _, l := range lists[1:] {
			// The position of l nearest p.
			near := l[0]
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

// termMatches returns, for each document containing the term, the values
// (pos*2+title) where it starts.
func (ix *Index) termMatches(t Term) map[int][]int {
	out := map[int][]int{}
	runes := []rune(t.Text)
	if !t.Han || len(runes) == 1 {
		for _, p := range ix.postings(t.Text) {
			out[p.doc] = p.occ
		}
		return out
	}
	// Pairs of the term; candidates hold them all, and a match is a
	// position where pair i starts i characters after pair 0.
	lists := make([][]posting, len(runes)-1)
	for i := range lists {
		lists[i] = ix.postings(string(runes[i : i+2]))
		if len(lists[i]) == 0 {
			return out
		}
	}
	occ := make([]map[int][]int, len(lists))
	for i, l := range lists {
		occ[i] = map[int][]int{}
		for _, p := range l {
			occ[i][p.doc] = p.occ
		}
	}
	for _, p := range lists[0] {
		var found []int
		for _, v := range p.occ {
			pos := v >> 1
			ok := true
			for i := 1; i < len(lists) && ok; i++ {
				vs, has := occ[i][p.doc]
				ok = has && (containsInt(vs, (pos+i)*2) || containsInt(vs, (pos+i)*2+1))
			}
			if ok {
				found = append(found, v)
			}
		}
		if len(found) > 0 {
			out[p.doc] = found
		}
	}
	return out
}

func containsInt(sorted []int, x int) bool {
	i := sort.SearchInts(sorted, x)
	return i < len(sorted) && sorted[i] == x
}

// Contains reports whether a document's text contains the query string
// term by term, the recall property the index must keep: for a query of
// Han characters, Search returns exactly the documents for which this is
// true.
func (ix *Index) Contains(doc int, q string) bool {
	text := foldString(ix.Docs[doc].Text)
	for _, t := range QueryTerms(q) {
		if t.Han {
			if !strings.Contains(text, t.Text) {
				return false
			}
			continue
		}
		found := false
		Tokens(text, func(tok string, _ int) {
			if tok == t.Text {
				found = true
			}
		})
		if !found && !containsString(ix.Docs[doc].Pinyin, t.Text) {
			return false
		}
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }
