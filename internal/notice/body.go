package notice

import (
	"fmt"
	"strings"
)

// The body is built first as blocks that keep their lines, so duties can
// be cut out of the text with positions intact; the model is made from
// the blocks afterwards.

type sectionBlock struct {
	number int
	label  string
	title  string
	line   int
	paras  []line // the section's own paragraphs
	items  []*itemBlock
}

type itemBlock struct {
	section int
	number  int
	label   string
	title   string
	sep     string // what ended the title: 。 or ：, "" when the title is the whole line
	line    int
	paras   []line // own paragraphs, the first being the text after the title
	subs    []*subBlock
	// heading is the item's first line after its number, title included.
	heading line
}

type subBlock struct {
	number  int
	level   int // 3 for 1., 4 for （1）
	label   string
	title   string
	sep     string
	line    int
	paras   []line
	heading line
	full    line // the whole line, number included
}

// splitTitle cuts a heading line after its number into a title and the
// text after it. A title is a first sentence of at most 40 characters
// ending in 。 or ：, or a whole line of at most 60 with no sentence in it.
func splitTitle(rest line) (title, sep string, body line) {
	t := rest.norm
	depth := 0
	for i, r := range t {
		switch r {
		case '（', '“', '《', '〔', '【':
			depth++
		case '）', '”', '》', '〕', '】':
			if depth > 0 {
				depth--
			}
		case '。', '：':
			if depth > 0 {
				continue
			}
			if runeLen(t[:i]) > 40 || i == 0 {
				return "", "", rest
			}
			end := i + len(string(r))
			return strings.TrimSpace(rest.cut(0, i)), rest.cut(i, end), rest.sub(end, len(t)).trim()
		case '；', '！', '？':
			if depth == 0 {
				return "", "", rest
			}
		}
	}
	if runeLen(t) <= 60 {
		return strings.TrimSpace(rest.orig), "", line{num: rest.num}
	}
	return "", "", rest
}

// label returns the numbering of l as written: the part before rest.
func label(l, rest line) string {
	return strings.TrimSpace(l.cut(0, len(l.norm)-len(rest.norm)))
}

// isHeadingLike reports a top-level line that reads as a section heading
// rather than a paragraph: short, with no sentence inside.
func isHeadingLike(rest line) bool {
	t := strings.TrimRight(rest.norm, "。 ")
	return runeLen(t) <= 40 && !sentenceRe.MatchString(t)
}

// parseBody reads sections 一、, items （一）, sub-items 1. and their
// paragraphs. When most top-level lines are paragraphs rather than
// headings, the notice's numbered units are items of an untitled section 0
// and unnumbered paragraphs after the last one are its closing words.
func (p *parser) parseBody(lines []line) {
	tops, headings := 0, 0
	for _, l := range lines {
		if lvl, _, rest := numbered(l); lvl == 1 {
			tops++
			if isHeadingLike(rest) {
				headings++
			}
		}
	}
	itemsAtTop := tops > 0 && headings*2 < tops

	var (
		sec  *sectionBlock
		item *itemBlock
		sub  *subBlock
	)
	ensureSection := func(l line) {
		if sec == nil {
			sec = &sectionBlock{number: 0, line: l.num}
			p.sections = append(p.sections, sec)
		}
	}
	newItem := func(num int, l, rest line) {
		ensureSection(l)
		for _, it := range sec.items {
			if it.number == num {
				last := sec.items[len(sec.items)-1].number
				p.warn(l.num, fmt.Sprintf("item （%s） appears twice; the second is counted as item （%s）", cnNum(num), cnNum(last+1)))
				num = last + 1
				break
			}
		}
		title, sep, body := splitTitle(rest)
		item = &itemBlock{section: sec.number, number: num, label: label(l, rest), title: title, sep: sep, line: l.num, heading: rest}
		if !body.blank() {
			item.paras = append(item.paras, body)
		}
		sec.items = append(sec.items, item)
		sub = nil
	}
	for _, raw := range lines {
		if raw.blank() {
			continue
		}
		l := raw.trim()
		lvl, num, rest := numbered(l)
		switch {
		case lvl == 1 && itemsAtTop:
			newItem(num, l, rest)
			continue
		case lvl == 1:
			title, body := "", line{}
			if isHeadingLike(rest) {
				title = strings.TrimSpace(strings.TrimRight(rest.orig, "。 "))
			} else {
				title, _, body = splitTitle(rest)
			}
			sec = &sectionBlock{number: num, label: label(l, rest), title: title, line: l.num}
			if !body.blank() {
				sec.paras = append(sec.paras, body)
			}
			p.sections = append(p.sections, sec)
			item, sub = nil, nil
			continue
		case lvl == 2:
			newItem(num, l, rest)
			continue
		case (lvl == 3 || lvl == 4) && item == nil && sec != nil && !itemsAtTop:
			// A section numbered straight 1. 2. …: those are its items.
			newItem(num, l, rest)
			continue
		case (lvl == 3 || lvl == 4) && item != nil && (sub == nil || sub.level == lvl):
			for _, sb := range item.subs {
				if sb.number == num {
					last := item.subs[len(item.subs)-1].number
					p.warn(l.num, fmt.Sprintf("sub-item %d of item （%s） appears twice; the second is counted as %d", num, cnNum(item.number), last+1))
					num = last + 1
					break
				}
			}
			title, sep, body := splitTitle(rest)
			sub = &subBlock{number: num, level: lvl, label: label(l, rest), title: title, sep: sep, line: l.num, heading: rest, full: l}
			if !body.blank() {
				sub.paras = append(sub.paras, body)
			}
			item.subs = append(item.subs, sub)
			continue
		}
		switch {
		case sub != nil:
			sub.paras = append(sub.paras, l)
		case item != nil:
			item.paras = append(item.paras, l)
		case sec != nil:
			sec.paras = append(sec.paras, l)
		default:
			p.n.Preamble = append(p.n.Preamble, strings.TrimSpace(l.orig))
		}
	}
	if itemsAtTop && item != nil && len(item.subs) == 0 && len(item.paras) > 1 {
		// The closing words follow the last paragraph-item and its label
		// lines (牵头单位：…).
		keep := 1
		for keep < len(item.paras) && labelLineRe.MatchString(item.paras[keep].norm) {
			keep++
		}
		for _, l := range item.paras[keep:] {
			p.n.Closing = append(p.n.Closing, strings.TrimSpace(l.orig))
		}
		item.paras = item.paras[:keep]
	}
	p.checkNumbering()
}

// checkNumbering warns about numbers that skip or repeat, the sign of a
// lost or doubled paragraph.
func (p *parser) checkNumbering() {
	prevSec := 0
	prevItem := 0
	for _, s := range p.sections {
		if s.number != 0 && s.number != prevSec+1 {
			p.warn(s.line, fmt.Sprintf("section %s follows section %s; is one missing or repeated?", cnNum(s.number), cnNum(prevSec)))
		}
		if s.number != 0 {
			prevSec = s.number
		}
		for i, it := range s.items {
			// Items run on across sections in most notices, restart in some.
			if it.number != prevItem+1 && !(i == 0 && it.number == 1) {
				p.warn(it.line, fmt.Sprintf("item （%s） follows item （%s）; is one missing or repeated?", cnNum(it.number), cnNum(prevItem)))
			}
			prevItem = it.number
			prevSub := 0
			for _, sb := range it.subs {
				if sb.number != prevSub+1 {
					p.warn(sb.line, fmt.Sprintf("sub-item %d follows sub-item %d in item （%s）", sb.number, prevSub, cnNum(it.number)))
				}
				prevSub = sb.number
			}
		}
	}
}

// cnNum writes n in Chinese numerals as notices number sections: 二十三.
func cnNum(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n-10]
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return fmt.Sprint(n)
}
