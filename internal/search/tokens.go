// Package search builds the full-text index of the site at build time;
// the browser script (templates/assets/search.js) answers queries over
// it, and so does its Go mirror for tests, search/searchtest.
//
// Chinese has no spaces between words, and a segmenter that cuts words
// one way in a page and another way in a query loses results. So text is
// cut the same way at index and at query time into tokens that need no
// dictionary: every Han character, every pair of adjacent Han characters
// (with its position), every run of ASCII letters or digits, lowercased.
// A query of Chinese characters finds its candidates through its pairs
// and is then verified by their positions, so every document containing
// the query string is found and no document where the pairs only occur
// apart. Unit names are also indexed by pinyin and initials (市应急局 →
// shiyingjiju, syjj, and every run of whole syllables: yingjiju, yjj).
//
// The index is written as script files (search/*.js) that the page loads
// with <script> tags, so search works from file:// as well as from a
// server; tokens are spread over shards by hash, so a query loads only
// the shards of its tokens.
package search

import (
	"strings"
	"unicode"
	"unicode/utf16"

	"qingdan/internal/textnorm"
)

// fold is the character mapping shared with the browser: widths folded
// (Ａ１ → a1), ASCII lowercased. One rune in, one rune out.
func fold(r rune) rune {
	r = textnorm.Rune(r)
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWord(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') }

// Tokens calls emit for each token of s with the rune position where it
// starts: Han characters, pairs of adjacent Han characters, and ASCII
// words. The browser script tokenises identically.
func Tokens(s string, emit func(tok string, pos int)) {
	tokensKeyed(s, func(k uint64, word string, pos int) {
		if word == "" {
			word = keyString(k)
		}
		emit(word, pos)
	})
}

// tokensKeyed makes the tokens of Tokens: a Han token comes as a key of
// its runes (see keyString), which spares the indexer a string per
// token, a word as its string.
func tokensKeyed(s string, emit func(k uint64, word string, pos int)) {
	var (
		pos      int
		prev     rune = -1
		word     strings.Builder
		wordFrom int
	)
	flush := func() {
		if word.Len() > 0 {
			emit(0, word.String(), wordFrom)
			word.Reset()
		}
	}
	for _, r := range s {
		r = fold(r)
		switch {
		case isHan(r):
			flush()
			emit(uint64(r), "", pos)
			if prev >= 0 {
				emit(uint64(prev)<<32|uint64(r), "", pos-1)
			}
			prev = r
		case isWord(r):
			if word.Len() == 0 {
				wordFrom = pos
			}
			word.WriteRune(r)
			prev = -1
		default:
			flush()
			prev = -1
		}
		pos++
	}
	flush()
}

// keyString is the token of a key: one rune, or two.
func keyString(k uint64) string {
	if a := rune(k >> 32); a != 0 {
		return string([]rune{a, rune(k & 0xffffffff)})
	}
	return string(rune(k))
}

// Term is one part of a query that must be found: a run of Han characters
// or an ASCII word. Space-separated words and runs are all required.
type Term struct {
	Text string
	Han  bool
}

// QueryTerms splits a query into its terms.
func QueryTerms(q string) []Term {
	var (
		out  []Term
		cur  []rune
		han  bool
		seen = map[string]bool{}
	)
	flush := func() {
		if len(cur) > 0 {
			t := Term{Text: string(cur), Han: han}
			if !seen[t.Text] {
				seen[t.Text] = true
				out = append(out, t)
			}
			cur = cur[:0]
		}
	}
	for _, r := range q {
		r = fold(r)
		switch {
		case isHan(r):
			if !han {
				flush()
			}
			han = true
			cur = append(cur, r)
		case isWord(r):
			if han {
				flush()
			}
			han = false
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Shard is the token shard a token's postings are in, of shards: FNV-1a
// over UTF-16 code units, as the script computes it with charCodeAt.
func Shard(tok string, shards int) int { return int(hash(tok) % uint32(shards)) }

func hash(tok string) uint32 {
	h := uint32(2166136261)
	for _, u := range utf16.Encode([]rune(tok)) {
		h ^= uint32(u)
		h *= 16777619
	}
	return h
}

// Fold folds every rune of s as the script does before matching: widths
// folded (Ａ１ → a1), ASCII lowercased, one rune for one.
func Fold(s string) string { return strings.Map(fold, s) }
