package units

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	roleParenRe = regexp.MustCompile(`（(牵头|负责|配合|参与|协办|主办|指导|督促企业落实)）$`)
	// closerRe ends a list: 等, 等部门, 等有关部门和单位.
	closerRe = guard(`等(?:有关|相关|其他)?(?:部门和单位|单位和部门|部门|单位|机构)?$`, containing("等"))
	// levelRe is a bare level of government in a list written 各县、市、区
	// 政府, which names one unit, not three.
	levelRe     = guard(`^各?(?:[省市县区乡镇旗盟州]|自治区|直辖市|自治州|自治县|计划单列市|地区){1,3}$`, lastRuneIn("省市县区乡镇旗盟州"))
	levelTailRe = regexp.MustCompile(`^(?:县级市|[省市县区乡镇旗盟州]|自治区|直辖市|自治州|自治县|计划单列市){1,2}(?:（[^）]*）|〔[^〕]*〕)?(?:级)?(?:人民)?政府(?:（[^）]*）)?$`)
	// byRe is what may stand before the units of a duty: 由, 请, 具体由.
	byRe = regexp.MustCompile(`^(?:(?:具体|统一|分别|主要|均|一律|另行|各自)?由|请)`)
	// ruleWordRe is in a rule, never in a unit's name: text that holds
	// it after the rules were read is a rule written askew, not a unit.
	ruleWordRe = guard(`下同|第一位|不再(?:单独)?列|不再(?:做|作|进行)?分工|以下均|均需|均涉及|即为牵头`, containing("下同", "第一位", "不再", "以下均", "均需", "均涉及", "即为牵头"))
	// genericRe is a word that never names a unit alone: 部门和单位 is one
	// phrase, not 部门 and 单位.
	genericRe = regexp.MustCompile(`^(?:单位|部门|机构|个人|企业)`)
)

// nameEnds are the last characters of organisation names; 和 (及, 与)
// splits two names only when the part before it ends with one of them (or
// with 等, which closes a list), so 工业和信息化部 and 住房和城乡建设部 stay
// whole.
const nameEnds = "局委办部厅院署会行队处所站室司社团府门位心组联科股军区县市省"

// splitNames splits a clause into names on 、 and, where it joins two
// names, on 和/及/与/以及 — never inside brackets or quotes. A list of bare
// levels of government (各县、市、区政府) stays one name.
func splitNames(c string) []string {
	c = validUTF8(c)
	var (
		out   []string
		depth int
		start int
	)
	// i and start are byte offsets; the names are cut out of c.
	for i, r := range c {
		next := i + utf8.RuneLen(r)
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && r == '、':
			out = append(out, c[start:i])
			start = next
		case depth == 0 && (r == '和' || r == '及' || r == '与'):
			left := c[start:i]
			if r == '及' {
				left = strings.TrimSuffix(left, "以")
			}
			if utf8.RuneCountInString(left) < 2 || next >= len(c) || genericRe.MatchString(c[next:]) {
				continue
			}
			if last := lastRune(left); strings.ContainsRune(nameEnds, last) || last == '等' {
				out = append(out, left)
				start = next
			}
		}
	}
	out = append(out, c[start:])
	return glueLevels(out)
}

// validUTF8 makes each byte of s that is no UTF-8 U+FFFD, as reading s
// rune by rune sees it, so that parts cut out of s by byte offsets read
// as the runes did.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune { return r }, s)
}

// glueLevels joins 各县、市、区政府 back into one name.
func glueLevels(names []string) []string {
	out := names[:0:0]
	for i := 0; i < len(names); i++ {
		j := i
		for j < len(names) && levelRe.MatchString(strings.TrimSpace(names[j])) {
			j++
		}
		if j > i && j < len(names) && levelTail(strings.TrimSpace(names[j])) {
			out = append(out, strings.Join(names[i:j+1], "、"))
			i = j
			continue
		}
		out = append(out, names[i])
	}
	return out
}

// levelTail reports the last part of 各县、市、区政府, with the role marker
// that may end the clause (各县、市、区政府负责).
func levelTail(s string) bool {
	name, _, _ := stripMarker(s)
	if loc := closerRe.FindStringIndex(name); loc != nil && loc[0] > 0 {
		name = name[:loc[0]]
	}
	return levelTailRe.MatchString(name)
}

// cleanName removes what surrounds a name in a list: 由, 请, 等部门.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	if loc := byRe.FindStringIndex(s); loc != nil && utf8.RuneCountInString(s[loc[1]:]) >= 2 {
		s = s[loc[1]:]
	}
	s = strings.TrimSuffix(s, "分别")
	s = strings.TrimSuffix(s, "共同")
	if loc := closerRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	return trimSeps(s)
}

func isOpen(r rune) bool {
	switch r {
	case '（', '〔', '【', '《', '“', '‘', '「', '『', '[', '{':
		return true
	}
	return false
}

func isClose(r rune) bool {
	switch r {
	case '）', '〕', '】', '》', '”', '’', '」', '』', ']', '}':
		return true
	}
	return false
}

// splitTop splits s at any of seps that stand outside brackets and quotes.
// The parts are cut out of s, not copied.
func splitTop(s, seps string) []string {
	s = validUTF8(s)
	var (
		out          []string
		depth, start int
	)
	for i, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// indexTop is strings.Index for sub outside brackets, or -1.
func indexTop(s, sub string) int {
	from := 0
	for {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return -1
		}
		if depthAt(s, from+i) == 0 {
			return from + i
		}
		from += i + len(sub)
	}
}

// depthAt returns the bracket depth at byte offset i of s.
func depthAt(s string, i int) int {
	depth := 0
	for _, r := range s[:i] {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		}
	}
	return depth
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// NameProblemPrefix opens every problem checkName finds, so a notice can
// name each odd unit once rather than at each of its duties.
const NameProblemPrefix = "单位名称“"

// checkName returns a problem with a unit name, or "".
func checkName(name string) string {
	switch {
	case strings.Contains(name, ".."):
		return fmt.Sprintf(NameProblemPrefix+"%s”含有“..”，照原样保留，其页面只按拼音命名", name)
	case strings.Contains(name, "/") || strings.Contains(name, "\\"):
		return fmt.Sprintf(NameProblemPrefix+"%s”含有斜杠，作为一个名称保留", name)
	case utf8.RuneCountInString(name) > 40:
		return fmt.Sprintf(NameProblemPrefix+"%s”超过40个字：这是一个单位吗？", name)
	case !hasHan(name):
		return fmt.Sprintf(NameProblemPrefix+"%s”没有汉字", name)
	case !Recognised(name):
		return fmt.Sprintf(NameProblemPrefix+"%s”不像已知的机关（公司或协会？），仍作为单位保留", name)
	}
	return ""
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
