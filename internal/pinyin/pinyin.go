// Package pinyin romanises unit names for URLs and for pinyin search.
//
// It wraps github.com/mozillazg/go-pinyin, which reads each character on
// its own, and corrects the readings of the few words in unit and place
// names where the first reading of a character is wrong (银行 is yín háng,
// 繁峙 is fán shì).
package pinyin

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// wordReadings fixes polyphonic characters inside common words of unit
// and place names. Keys are matched left to right, longest first.
var wordReadings = map[string][]string{
	"银行":  {"yin", "hang"},
	"繁峙":  {"fan", "shi"},
	"重庆":  {"chong", "qing"},
	"西藏":  {"xi", "zang"},
	"会计":  {"kuai", "ji"},
	"长江":  {"chang", "jiang"},
	"长城":  {"chang", "cheng"},
	"长治":  {"chang", "zhi"},
	"长沙":  {"chang", "sha"},
	"长春":  {"chang", "chun"},
	"厦门":  {"xia", "men"},
	"蚌埠":  {"beng", "bu"},
	"六安":  {"lu", "an"},
	"成都":  {"cheng", "du"},
	"首都":  {"shou", "du"},
	"都市":  {"du", "shi"},
	"单县":  {"shan", "xian"},
	"乐亭":  {"lao", "ting"},
	"行业":  {"hang", "ye"},
	"调度":  {"diao", "du"},
	"调查":  {"diao", "cha"},
	"供销":  {"gong", "xiao"},
	"解放军": {"jie", "fang", "jun"},
}

// maxWord is the length in characters of the longest word above.
var maxWord = func() int {
	n := 0
	for w := range wordReadings {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

// Syllables returns one syllable per Han character of s, in order, using
// the corrected readings. Characters that are not Han are skipped.
func Syllables(s string) []string {
	runes := []rune(s)
	out := make([]string, 0, len(runes))
	for i := 0; i < len(runes); {
		if n, rd := matchWord(runes[i:]); n > 0 {
			out = append(out, rd...)
			i += n
			continue
		}
		r := runes[i]
		i++
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		if p := reading(r); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readings caches go-pinyin's first reading of each character (rune →
// string): it runs several regular expressions per call, and a build asks
// for the same few hundred characters many times.
var readings sync.Map

func reading(r rune) string {
	if p, ok := readings.Load(r); ok {
		return p.(string)
	}
	p := ""
	if ps := gopinyin.SinglePinyin(r, gopinyin.NewArgs()); len(ps) > 0 {
		p = ps[0]
	}
	readings.Store(r, p)
	return p
}

func matchWord(runes []rune) (int, []string) {
	for n := min(maxWord, len(runes)); n >= 2; n-- {
		if rd, ok := wordReadings[string(runes[:n])]; ok {
			return n, rd
		}
	}
	return 0, nil
}

// Slug returns an ASCII slug of s: pinyin syllables of Han characters,
// Latin letters and digits lowercased, parts joined by '-'. Everything
// else (punctuation, slashes, dots) is dropped, so a slug can never
// climb out of the folder it is written to.
func Slug(s string) string {
	var parts []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			parts = append(parts, word.String())
			word.Reset()
		}
	}
	runes := []rune(s)
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if n, rd := matchWord(runes[i:]); n > 0 {
				parts = append(parts, rd...)
				i += n
				continue
			}
			parts = append(parts, Syllables(string(r))...)
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(unicode.ToLower(r))
		case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
			word.WriteRune(unicode.ToLower(r - 0xFF01 + '!'))
		default:
			flush()
		}
		i++
	}
	flush()
	return strings.Join(parts, "-")
}

// Full returns the pinyin of s without separators: 市应急局 → shiyingjiju.
func Full(s string) string {
	return strings.Join(Syllables(s), "")
}

// Initials returns the first letter of each syllable: 市应急局 → syjj.
func Initials(s string) string {
	var b strings.Builder
	for _, syl := range Syllables(s) {
		b.WriteByte(syl[0])
	}
	return b.String()
}
