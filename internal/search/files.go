package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"qingdan/internal/jsonquote"
	"qingdan/internal/pinyin"
)

// Layout of the index files.
const (
	// DocShard is how many documents one doc file holds: the results of a
	// page lie in as many files, so few documents a file keeps a query light.
	DocShard = 8
	// AttrShard is how many documents one filter file holds.
	AttrShard = 2048
	// targetShard is the size a token shard aims at.
	targetShard = 32 << 10
	minShards   = 8
	maxShards   = 8192
)

// Dir is the folder of the index in the site.
const Dir = "search"

// Stats describes the written index.
type Stats struct {
	Docs, Tokens, Shards int
	Bytes                int // all files of the index
	TokenBytes           int // the token shards
}

// Files returns the index as script files, by path; see Write.
func (ix *Index) Files() (map[string][]byte, Stats) {
	out := map[string][]byte{}
	var mu sync.Mutex
	st, _ := ix.Write(func(p string, b []byte) error {
		mu.Lock()
		out[p] = b
		mu.Unlock()
		return nil
	})
	return out, st
}

// Write writes the index as script files under search/, each calling a
// loader function of search.js: qdSearch.meta, .t (token shard), .d
// (documents), .a (filter attributes) and .u (units for suggestions).
// Each file goes to emit as soon as it is made, from several goroutines
// at once.
func (ix *Index) Write(emit func(path string, data []byte) error) (st Stats, err error) {
	st = Stats{Docs: len(ix.Docs), Tokens: len(ix.post)}
	var all, tokenBytes atomic.Int64
	put := func(p string, b []byte) error {
		all.Add(int64(len(b)))
		return emit(p, b)
	}
	defer func() { st.Bytes, st.TokenBytes = int(all.Load()), int(tokenBytes.Load()) }()

	// The size of the token data decides the number of shards; the
	// shards are then encoded on every core, one per core in memory.
	total := 0
	for tok, l := range ix.post {
		n := 2 * int(l.docs)
		if !isSingleHan(tok) {
			n += int(l.occs)
		}
		total += len(tok) + 6 + 3*n
	}
	shards := minShards
	for shards < maxShards && total/shards > targetShard {
		shards *= 2
	}
	st.Shards = shards
	byShard := make([][]string, shards)
	for tok := range ix.post {
		i := Shard(tok, shards)
		byShard[i] = append(byShard[i], tok)
	}
	// Shards are encoded on every core, each in one buffer at a time.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range shards {
		g.Go(func() error {
			toks := byShard[i]
			// The object of a shard, written as json.Marshal writes a map
			// (keys sorted, HTML-safe) without its reflection.
			slices.Sort(toks)
			size := 64
			for _, tok := range toks {
				l := ix.post[tok]
				size += len(tok) + 8 + 3*(2*int(l.docs)+int(l.occs))
			}
			var b bytes.Buffer
			b.Grow(size)
			fmt.Fprintf(&b, "qdSearch.t(%d,{", i)
			for j, tok := range toks {
				if j > 0 {
					b.WriteByte(',')
				}
				jsonquote.String(&b, tok, true)
				b.WriteString(":[")
				ix.encode(&b, tok)
				b.WriteByte(']')
			}
			b.WriteString("});\n")
			tokenBytes.Add(int64(b.Len()))
			return put(fmt.Sprintf("%s/t/%d.js", Dir, i), b.Bytes())
		})
	}
	err = g.Wait()
	if err != nil {
		return st, err
	}

	var docs errgroup.Group
	docs.SetLimit(runtime.GOMAXPROCS(0))
	for shard := range (len(ix.Docs) + DocShard - 1) / DocShard {
		docs.Go(func() error {
			var rows []any
			for id := shard * DocShard; id < min((shard+1)*DocShard, len(ix.Docs)); id++ {
				d := ix.Docs[id]
				chips := make([][3]string, 0, len(d.Units))
				for _, c := range d.Units {
					chips = append(chips, [3]string{c.Name, c.Role, c.Href})
				}
				rows = append(rows, []any{d.Kind, d.Title, d.Crumb, d.Href, d.Text, d.TitleLen, chips})
			}
			return put(fmt.Sprintf("%s/d/%d.js", Dir, shard), call("d", shard, rows))
		})
	}
	err = docs.Wait()
	if err != nil {
		return st, err
	}
	kindIndex := map[string]int{KindUnit: 0, KindSection: 1, KindItem: 2, KindTask: 3}
	for start := 0; start < len(ix.Docs); start += AttrShard {
		var flat []int
		for id := start; id < min(start+AttrShard, len(ix.Docs)); id++ {
			d := ix.Docs[id]
			flat = append(flat, kindIndex[d.Kind], d.Section, int(d.UnitKinds), int(d.Roles))
		}
		if err := put(fmt.Sprintf("%s/a/%d.js", Dir, start/AttrShard), call("a", start/AttrShard, flat)); err != nil {
			return st, err
		}
	}

	var unitsList [][]string
	for _, d := range ix.Docs {
		if d.Kind == KindUnit {
			unitsList = append(unitsList, []string{d.Title, d.Href, strings.Join(pinyin.Syllables(d.Title), " "), pinyin.Initials(d.Title), d.Crumb})
		}
	}
	if err := put(Dir+"/units.js", call("u", 0, unitsList)); err != nil {
		return st, err
	}
	// A unit's tasks, loaded when the filter 我的单位 names it.
	for i, ut := range ix.UnitTasks {
		if err := put(fmt.Sprintf("%s/m/%d.js", Dir, i), call("m", i, map[string][]int{"own": ut.Own, "possible": ut.Possible})); err != nil {
			return st, err
		}
	}
	// The words around each character, for suggestions when a query
	// finds nothing.
	near := ix.Neighbours(neighbourCount)
	nShards := 1
	for nShards < maxShards && len(near)*neighbourCount*12/nShards > targetShard {
		nShards *= 2
	}
	byChar := make([]map[string][]any, nShards)
	for c, words := range near {
		i := int(hash(c) % uint32(nShards))
		if byChar[i] == nil {
			byChar[i] = map[string][]any{}
		}
		var flat []any
		for _, w := range words {
			flat = append(flat, w.Text, w.Docs)
		}
		byChar[i][c] = flat
	}
	for i, m := range byChar {
		if m == nil {
			m = map[string][]any{}
		}
		if err := put(fmt.Sprintf("%s/n/%d.js", Dir, i), call("n", i, m)); err != nil {
			return st, err
		}
	}
	return st, put(Dir+"/meta.js", call("meta", 0, map[string]int{
		"docs": len(ix.Docs), "shards": shards, "docShard": DocShard, "attrShard": AttrShard, "units": ix.units(),
		"nearShards": nShards,
	}))
}

// neighbourCount is how many words a character's suggestions hold.
const neighbourCount = 8

// Word is a pair of characters the index holds, with the number of
// documents it is in.
type Word struct {
	Text string
	Docs int
}

// Neighbours returns, for each Han character of the index, the pairs of
// characters that hold it, most documents first (then in text order), at
// most n: a query that finds nothing (汛期) is offered the words around
// its characters (防汛).
func (ix *Index) Neighbours(n int) map[string][]Word {
	out := map[string][]Word{}
	for tok, l := range ix.post {
		r := []rune(tok)
		if len(r) != 2 || !isHan(r[0]) || !isHan(r[1]) {
			continue
		}
		w := Word{tok, int(l.docs)}
		out[string(r[0])] = append(out[string(r[0])], w)
		if r[1] != r[0] {
			out[string(r[1])] = append(out[string(r[1])], w)
		}
	}
	for c, ws := range out {
		sort.Slice(ws, func(i, j int) bool {
			if ws[i].Docs != ws[j].Docs {
				return ws[i].Docs > ws[j].Docs
			}
			return ws[i].Text < ws[j].Text
		})
		out[c] = ws[:min(len(ws), n)]
	}
	return out
}

// encode writes the postings of a token as numbers separated by commas:
// for each document, the gap from the last one, the count of occurrences
// and their gaps, as they are kept.
func (ix *Index) encode(b *bytes.Buffer, tok string) {
	var num []byte
	first := true
	put := func(v int) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		num = strconv.AppendInt(num[:0], int64(v), 10)
		b.Write(num)
	}
	single := isSingleHan(tok)
	for data := ix.post[tok].data; len(data) > 0; {
		gap, n := uvarint(&data), uvarint(&data)
		if single {
			// A single character needs no positions: a query of one
			// character is matched by this posting alone. Keep the
			// count and whether one lies in the title.
			title, v := 0, 0
			for range n {
				v += uvarint(&data)
				title |= v & 1
			}
			put(gap)
			put(n*2 + title)
			continue
		}
		put(gap)
		put(n)
		for range n {
			put(uvarint(&data))
		}
	}
}

func isSingleHan(tok string) bool {
	r := []rune(tok)
	return len(r) == 1 && isHan(r[0])
}

// call writes `qdSearch.fn(i,<json>);`. JSON escapes <, > and & and the
// line separators, so text from a notice cannot end the script.
func call(fn string, i int, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: %v", err)) // plain data always marshals
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "qdSearch.%s(%d,", fn, i)
	b.Write(data)
	b.WriteString(");\n")
	return b.Bytes()
}

// units counts the documents that are units: they come first, so the
// browser knows a unit by its number without loading attributes.
func (ix *Index) units() int {
	n := 0
	for n < len(ix.Docs) && ix.Docs[n].Kind == KindUnit {
		n++
	}
	return n
}
