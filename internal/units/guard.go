package units

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// guardedRe is a regular expression behind a cheap test that every text
// it matches passes (a word it must contain or end with): most names and
// clauses fail the test, and the backtracking matcher is not run on them.
// A guard must never reject a text the expression matches.
type guardedRe struct {
	re  *regexp.Regexp
	may func(string) bool
}

func guard(expr string, may func(string) bool) guardedRe {
	return guardedRe{re: regexp.MustCompile(expr), may: may}
}

func (g guardedRe) MatchString(s string) bool { return g.may(s) && g.re.MatchString(s) }

func (g guardedRe) FindStringIndex(s string) []int {
	if !g.may(s) {
		return nil
	}
	return g.re.FindStringIndex(s)
}

func (g guardedRe) FindStringSubmatch(s string) []string {
	if !g.may(s) {
		return nil
	}
	return g.re.FindStringSubmatch(s)
}

// containing passes a text that holds one of the words.
func containing(words ...string) func(string) bool { return anyWord(strings.Contains, words) }

// endingWith passes a text that ends with one of the words.
func endingWith(words ...string) func(string) bool { return anyWord(strings.HasSuffix, words) }

// startingWith passes a text that opens with one of the words.
func startingWith(words ...string) func(string) bool { return anyWord(strings.HasPrefix, words) }

// anyWord passes a text that holds (as holds tells) one of the words.
func anyWord(holds func(s, word string) bool, words []string) func(string) bool {
	return func(s string) bool {
		for _, w := range words {
			if holds(s, w) {
				return true
			}
		}
		return false
	}
}

// anyOf passes a text one of the tests passes.
func anyOf(tests ...func(string) bool) func(string) bool {
	return func(s string) bool {
		for _, t := range tests {
			if t(s) {
				return true
			}
		}
		return false
	}
}

// lastRuneIn passes a text whose last rune is one of runes.
func lastRuneIn(runes string) func(string) bool {
	return func(s string) bool {
		r, _ := utf8.DecodeLastRuneInString(s)
		return r != utf8.RuneError && strings.ContainsRune(runes, r)
	}
}
