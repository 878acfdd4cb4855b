package search

import (
	"encoding/binary"
	"runtime"
	"slices"
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
	// UnitTasks are, for each unit (by document; units come first), the
	// documents of its tasks.
	UnitTasks []UnitTasks
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

func runeCount(s string) int { return utf8.RuneCountInString(s) }
