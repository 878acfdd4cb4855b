package notice

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Each line of a notice is first classified on its own: a heading of some
// numbering style, a metadata field of a portal page, a line of the
// signature or the footer. The parts of the notice (header, body, tail)
// then read the classes in order, each as a small state machine.

// style is a way of numbering headings. Notices nest them in the order
// below (一、 > （一） > 1. > （1） > ①), but skip levels freely: the body
// binds each style it meets to a level (see body.go).
type style int

const (
	noStyle         style = iota
	styleCN               // 一、
	styleCNParen          // （一）
	styleDigit            // 1. or 1、
	styleDigitParen       // （1）
	styleCircled          // ①
	styleDecimal          // 1 / 1.1 / 2.1.3, in a plan numbered by decimals
	styleChapter          // 第一部分, 第一章: above 一、 in a long plan
)

// rank orders the numbering styles as notices nest them.
func (s style) rank() int {
	if s == styleChapter {
		return 0
	}
	return int(s)
}

// heading is the numbering that opens a line.
type heading struct {
	style style
	// num is the heading's own number: 3 for 2.1.3.
	num int
	// path holds every number of a decimal heading: 2, 1, 3.
	path []int
	// rest is the line after the numbering.
	rest line
}

var (
	chapterRe  = regexp.MustCompile(`^第([一二三四五六七八九十百零〇]+)(?:部分|章|篇)\s*`)
	sectionRe  = regexp.MustCompile(`^([一二三四五六七八九十百零〇]+)、\s*`)
	itemRe     = regexp.MustCompile(`^（([一二三四五六七八九十百零〇]+)）\s*`)
	subRe      = regexp.MustCompile(`^(\d{1,3})(?:[.、]|\s)\s*`)
	subParRe   = regexp.MustCompile(`^（(\d{1,3})）\s*`)
	circledRe  = regexp.MustCompile(`^([①-⑳])\s*`)
	decimalRe  = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){1,3})\s*`)
	decimal1Re = regexp.MustCompile(`^(\d{1,2})\s+`)
	// decimalLineRe is a heading of a plan numbered by decimals, such as
	// 2.1.3　国家粮食应急工作指挥部成员单位职责; three make a plan so
	// numbered.
	decimalLineRe = regexp.MustCompile(`^\s*\d{1,2}(?:\.\d{1,2}){1,3}\s+\S`)
)

// hasChapters reports a plan divided into 第一部分 / 第一章 above its 一、.
func hasChapters(lines []line) bool {
	n := 0
	for _, l := range lines {
		if l.table == nil && chapterRe.MatchString(strings.TrimSpace(l.norm)) {
			n++
		}
	}
	return n >= 2
}

// isDecimalPlan reports a document whose headings are numbered 1 / 1.1 /
// 1.1.1, as emergency plans (预案) are.
func isDecimalPlan(lines []line) bool {
	n := 0
	for _, l := range lines {
		if l.table == nil && decimalLineRe.MatchString(l.norm) {
			n++
		}
	}
	return n >= 3
}

// headingPatterns are the numbering styles headingOf tries in turn, each
// with the first runes its pattern can match, so that a line is matched
// only against the patterns its first rune allows.
var headingPatterns = []struct {
	re    *regexp.Regexp
	style style
	opens func(rune) bool
}{
	{chapterRe, styleChapter, func(r rune) bool { return r == '第' }},
	{sectionRe, styleCN, isChineseDigit},
	{itemRe, styleCNParen, func(r rune) bool { return r == '（' }},
	{subRe, styleDigit, func(r rune) bool { return r >= '0' && r <= '9' }},
	{subParRe, styleDigitParen, func(r rune) bool { return r == '（' }},
	{circledRe, styleCircled, func(r rune) bool { return r >= '①' && r <= '⑳' }},
}

func isChineseDigit(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十百零〇", r)
}

// headingOf reads the numbering that opens l; decimal says whether the
// document numbers its headings 1 / 1.1 / 1.1.1.
func headingOf(l line, decimal bool) (heading, bool) {
	t := l.trim()
	// Every number opens with a Chinese numeral, a bracket or a digit;
	// most lines open with none, and need no pattern tried.
	r, _ := utf8.DecodeRuneInString(t.norm)
	switch {
	case r == '（', r == '第', r >= '0' && r <= '9', r >= '①' && r <= '⑳', isChineseDigit(r):
	default:
		return heading{}, false
	}
	if decimal && r >= '0' && r <= '9' {
		if h, ok := decimalHeading(t); ok {
			return h, true
		}
	}
	for _, c := range headingPatterns {
		if !c.opens(r) {
			continue
		}
		m := c.re.FindStringSubmatchIndex(t.norm)
		if m == nil {
			continue
		}
		digits := t.norm[m[2]:m[3]]
		var n int
		switch c.style {
		case styleCN, styleCNParen, styleChapter:
			n = chineseNumber(digits)
		case styleCircled:
			d, _ := utf8.DecodeRuneInString(digits)
			n = int(d-'①') + 1
		default:
			n, _ = strconv.Atoi(digits)
		}
		restNorm := t.norm[m[1]:]
		if c.style == styleDigit && (restNorm == "" || startsWithDigit(restNorm) || strings.HasPrefix(restNorm, "%")) {
			continue // 2024.1, 1.5万 or a bare number is not a heading
		}
		if n <= 0 {
			continue
		}
		return heading{style: c.style, num: n, rest: t.sub(m[1], len(t.norm))}, true
	}
	return heading{}, false
}

// decimalHeading reads 1　总则, 2.1　…, 2.1.3　… of a plan numbered by
// decimals.
func decimalHeading(t line) (heading, bool) {
	m := decimalRe.FindStringSubmatchIndex(t.norm)
	if m == nil {
		m = decimal1Re.FindStringSubmatchIndex(t.norm)
	}
	if m == nil || m[1] == len(t.norm) {
		return heading{}, false
	}
	if next, _ := utf8.DecodeRuneInString(t.norm[m[1]:]); next == '%' || next == '.' || (next >= '0' && next <= '9') {
		return heading{}, false
	}
	var path []int
	for _, d := range strings.Split(t.norm[m[2]:m[3]], ".") {
		n, _ := strconv.Atoi(d)
		if n <= 0 {
			return heading{}, false
		}
		path = append(path, n)
	}
	return heading{style: styleDecimal, num: path[len(path)-1], path: path, rest: t.sub(m[1], len(t.norm))}, true
}

// numbered reports the numbering at the start of l as the levels a table
// cell uses: 1 section (一、), 2 item (（一）), 3 sub-item numbered 1., 4
// sub-item numbered （1）; the number, and the rest of the line.
func numbered(l line) (level, num int, rest line) {
	h, ok := headingOf(l, false)
	if !ok {
		return 0, 0, l.trim()
	}
	switch h.style {
	case styleCN:
		return 1, h.num, h.rest
	case styleCNParen:
		return 2, h.num, h.rest
	case styleDigit:
		return 3, h.num, h.rest
	case styleDigitParen:
		return 4, h.num, h.rest
	}
	return 0, 0, l.trim()
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// ---- lines of the header and the tail ----

var (
	docNumRe    = regexp.MustCompile(`^\S{1,16}?\s*[〔\[【（［]\s*\d{4}\s*[〕\]】）］]\s*第?\s*\d+\s*号$`)
	ccRe        = regexp.MustCompile(`^(抄送|抄报|分送)\s*：\s*`)
	printRe     = regexp.MustCompile(`印发\s*$`)
	noteRe      = regexp.MustCompile(`^（(此件|本文|此文|本件)[^（）]*）$`)
	attachRefRe = regexp.MustCompile(`^附\s*件\s*\d*\s*[：]\s*`)
	attachHead  = regexp.MustCompile(`^附\s*件\s*\d*$`)
	fileHeadRe  = regexp.MustCompile(`^(.+?)文件$`)
	orgEndRe    = regexp.MustCompile(`(人民政府|政府办公室|政府办公厅|办公厅|办公室|国务院|委员会|人民代表大会常务委员会|[局部委厅院署])$`)
	titleEndRe  = regexp.MustCompile(`(通知|意见|方案|决定|办法|规定|通报|报告|批复|函|纲要|规划|细则|要点|清单|计划|公告|通告|指引|指南|措施|安排|决议|分解|分工|预案|制度|任务)$`)
	sentenceRe  = regexp.MustCompile(`[。！？；]`)
	// contentsRe is the heading of a table of contents.
	contentsRe = regexp.MustCompile(`^目\s*录$`)
)

// isOrgLine reports a line that is only the name of an issuing body.
func isOrgLine(l line) bool {
	t := strings.TrimSpace(l.norm)
	n := runeLen(t)
	return n >= 2 && n <= 30 && orgEndRe.MatchString(t) && !strings.ContainsAny(t, "，。：；、（）")
}

// isSignature reports an issuer line followed (after blank lines) by a
// date line, at lines[i]; it returns the date and the index after it.
func isSignature(lines []line, i int) (string, int, bool) {
	if lines[i].table != nil || !isOrgLine(lines[i]) {
		return "", 0, false
	}
	for j := i + 1; j < len(lines) && j <= i+4; j++ {
		if lines[j].table != nil {
			return "", 0, false
		}
		if lines[j].blank() {
			continue
		}
		if d, ok := isDateLine(lines[j]); ok {
			return d, j + 1, true
		}
		return "", 0, false
	}
	return "", 0, false
}

// isPrintLine reports the 印发 line of the footer: an office and a date.
func isPrintLine(t string) bool {
	if !printRe.MatchString(t) {
		return false
	}
	d, _ := findDate(t)
	return d != ""
}

// endsBody reports a line at which the body stops: a table, a footer, a
// signature block or the list of attachments.
func endsBody(lines []line, i int) bool {
	if lines[i].table != nil {
		return true
	}
	t := strings.TrimSpace(lines[i].norm)
	if t == "" {
		return false
	}
	if ccRe.MatchString(t) || isPrintLine(t) || attachRefRe.MatchString(t) || attachHead.MatchString(t) {
		return true
	}
	_, _, ok := isSignature(lines, i)
	return ok
}

// isCaption reports a short line without a sentence: the title of a
// table or of an attached plan.
func isCaption(l line) bool {
	t := strings.TrimSpace(l.norm)
	lvl, _, _ := numbered(l)
	return lvl == 0 && t != "" && runeLen(t) <= 40 && !sentenceRe.MatchString(t)
}

// isPlanTitle reports a caption that names a document: …工作方案,
// …责任分解, …任务清单.
func isPlanTitle(l line) bool {
	return isCaption(l) && titleEndRe.MatchString(strings.TrimRight(strings.TrimSpace(l.norm), "）)"))
}
