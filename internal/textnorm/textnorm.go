// Package textnorm folds the many ways a notice can write the same
// character into one, so the parser can match them alike.
//
// The mapping is one rune for one rune: a parser can work on the folded
// text and cut the original at the same rune positions, keeping the
// original for display. Chinese punctuation folds to its full-width form
// (（）,，；：！？), digits, Latin letters and the remaining ASCII
// punctuation fold to ASCII, and every kind of space folds to ' '.
package textnorm

import (
	"strings"
	"unicode"
)

// Rune returns the folded form of r.
func Rune(r rune) rune {
	switch r {
	case '(':
		return '（'
	case ')':
		return '）'
	case ',':
		return '，'
	case ';':
		return '；'
	case ':':
		return '：'
	case '!':
		return '！'
	case '?':
		return '？'
	case '（', '）', '，', '；', '：', '！', '？':
		return r
	case '\t', '\n', '\r':
		return r
	case '\u3000', '\u00a0', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff', '\u202f':
		return ' '
	case '．':
		return '.'
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFF01 + '!'
	}
	return r
}

// String folds every rune of s.
func String(s string) string {
	if allFixed(s) {
		return s
	}
	return strings.Map(Rune, s)
}

// allFixed reports a text of runes from U+3001 to U+FEFE alone: Chinese
// characters and punctuation, most of a notice, none of which folds or is
// a space. Such a text is its own folded form, found without calling
// Rune on each rune.
func allFixed(s string) bool {
	for _, r := range s {
		if r < 0x3001 || r >= 0xFEFF {
			return false
		}
	}
	return true
}

// Name folds a unit name: width as String does, and all white space
// removed, since spaces inside a Chinese name are only typesetting.
func Name(s string) string {
	if allFixed(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		r = Rune(r)
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Compact folds s and removes white space, for comparing two texts that
// should read the same (body and table, revisions).
func Compact(s string) string {
	return Name(s)
}
