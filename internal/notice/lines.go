package notice

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// line is one line of the notice: the original text and its folded form,
// which has the same runes in the same places (textnorm maps rune to
// rune), so a cut made in norm can be made at the same place in orig.
type line struct {
	num  int // 1-based
	orig string
	norm string
	// table is set on the one line that stands for a table block; its
	// text is empty.
	table *table
	// unitLine is set by the body on a paragraph that only lists units
	// (a table's unit cell flattened to a line of its own): the duty of
	// the text above it.
	unitLine bool
}

// documentLines lays a document out as the grammar reads it: a line for
// each line of a paragraph, its generated numbering written before it,
// and one line standing for each table.
func documentLines(doc *source.Document) []line {
	out := make([]line, 0, len(doc.Blocks))
	for _, b := range doc.Blocks {
		if b.Table != nil {
			out = append(out, line{num: b.Pos.Line, table: tableOf(b)})
			continue
		}
		for _, s := range strings.Split(b.Number+b.Text, "\n") {
			out = append(out, line{num: b.Pos.Line, orig: s, norm: textnorm.String(s)})
		}
	}
	return out
}

// cut returns the original text of norm[i:j] (byte offsets into norm).
func (l line) cut(i, j int) string {
	if len(l.orig) == len(l.norm) && l.orig == l.norm {
		return l.orig[i:j] // nothing was folded: the common case
	}
	return l.orig[origOffset(l.norm, l.orig, i):origOffset(l.norm, l.orig, j)]
}

// origOffset maps a byte offset in norm to the same rune position in orig.
func origOffset(norm, orig string, i int) int {
	o := 0
	for n := 0; n < i; {
		_, sn := utf8.DecodeRuneInString(norm[n:])
		_, so := utf8.DecodeRuneInString(orig[o:])
		n += sn
		o += so
	}
	return o
}

// sub returns the line cut to norm[i:j], keeping its number.
func (l line) sub(i, j int) line {
	return line{num: l.num, orig: l.cut(i, j), norm: l.norm[i:j]}
}

// trim removes white space at both ends.
func (l line) trim() line {
	n := l.norm
	i := len(n) - len(strings.TrimLeft(n, " \t"))
	j := len(strings.TrimRight(n, " \t"))
	if i >= j {
		return line{num: l.num}
	}
	return l.sub(i, j)
}

func (l line) blank() bool { return strings.TrimSpace(l.norm) == "" }

// chineseNumber reads 一 … 九十九 (and 一百 …); 0 if it cannot.
func chineseNumber(s string) int {
	digit := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, cur := 0, 0
	seen := false
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			d, ok := digit[r]
			if !ok {
				return 0
			}
			cur = cur*10 + d
		}
		seen = true
	}
	if !seen {
		return 0
	}
	return total + cur
}

// chineseDigits reads a year or day written digit by digit (二〇二四).
func chineseDigits(s string) int {
	digit := map[rune]int{'零': 0, '〇': 0, 'Ｏ': 0, 'O': 0, '○': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n := 0
	for _, r := range s {
		d, ok := digit[r]
		if !ok {
			return 0
		}
		n = n*10 + d
	}
	return n
}

// Dates: 2024年2月23日, 二〇二四年二月二十三日.
var (
	dateRe   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	dateCNRe = regexp.MustCompile(`([〇零一二三四五六七八九○OＯ]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
)

// findDate returns the first date in s as YYYY-MM-DD, its byte range, or "".
func findDate(s string) (string, []int) {
	if m := dateRe.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		if ok := validDate(y, mo, d); ok {
			return formatDate(y, mo, d), m[:2]
		}
	}
	if m := dateCNRe.FindStringSubmatchIndex(s); m != nil {
		y := chineseDigits(s[m[2]:m[3]])
		mo := chineseNumber(s[m[4]:m[5]])
		d := chineseNumber(s[m[6]:m[7]])
		if validDate(y, mo, d) {
			return formatDate(y, mo, d), m[:2]
		}
	}
	return "", nil
}

func validDate(y, m, d int) bool {
	return y >= 1949 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func formatDate(y, m, d int) string {
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// isDateLine reports a line that is only a date (a signature date).
func isDateLine(l line) (string, bool) {
	t := strings.TrimSpace(l.norm)
	d, loc := findDate(t)
	if d == "" || loc[0] != 0 || strings.TrimSpace(t[loc[1]:]) != "" {
		return "", false
	}
	return d, true
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
