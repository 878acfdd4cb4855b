package notice

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"qingdan/internal/units"
)

// Duties written in the body close the text before them: a parenthetical
// （X负责） at the end of (or inside) a paragraph, or a label line
// 牵头单位：X；配合单位：Y under it. Each closes one task whose text runs
// from the previous duty (or the start of the item) to the duty. A label
// line straight after another adds to the same task (牵头单位 on one line,
// 配合单位 on the next), and a deadline (完成时限：…) after a duty is a
// field of that duty's task.

// duty is a responsibility found in a line: its byte range in the folded
// line and its text without brackets.
type duty struct {
	start, end int
	text       string // folded
	orig       string
	label      bool // a label (牵头单位：…), not a parenthetical
	fieldOnly  bool // only fields (完成时限：…), no unit
}

// shown is the duty as the notice writes it, for messages.
func (d duty) shown() string {
	if d.label {
		return d.orig
	}
	return "（" + d.orig + "）"
}

// findDuties finds the duties in one line, in order. Parentheticals that
// end like a duty (…负责) but name nothing recognisable as a unit are
// reported, since they may be duties with unusual unit names.
func (p *parser) findDuties(l line) []duty {
	key := dutyKey{l.num, l.norm, l.unitLine}
	found, ok := p.duties[key]
	if !ok {
		saved := len(p.n.Warnings)
		found.duties = p.scanDuties(l)
		found.warnings = append([]Warning{}, p.n.Warnings[saved:]...)
		p.n.Warnings = p.n.Warnings[:saved]
		if p.duties == nil {
			p.duties = map[dutyKey]foundDuties{}
		}
		p.duties[key] = found
	}
	p.n.Warnings = append(p.n.Warnings, found.warnings...)
	return found.duties
}

// dutyKey names a line for the cache of its duties: the body is looked
// at several times (parts, closing words, lists, cutting).
type dutyKey struct {
	num      int
	norm     string
	unitLine bool
}

// foundDuties is what scanDuties found in a line, and the warnings it
// gave, given again each time the line is read for its tasks.
type foundDuties struct {
	duties   []duty
	warnings []Warning
}

// scanDuties finds the duties of a line (see findDuties).
func (p *parser) scanDuties(l line) []duty {
	n := l.norm
	if l.unitLine {
		return []duty{{start: 0, end: len(n), text: n, orig: l.orig, label: true}}
	}
	if _, ok := units.LeadingLabel(n); ok {
		return []duty{{start: 0, end: len(n), text: n, orig: l.orig, label: true, fieldOnly: fieldsOnly(n)}}
	}
	var out []duty
	labelAt := labelAfterSentence(n)
	var (
		depth     int
		open      = -1
		openSize  int
		closeWith rune
	)
	for i, r := range n {
		if labelAt >= 0 && i >= labelAt {
			break
		}
		if depth == 0 {
			if c := closingBracket(r); c != 0 {
				open, openSize, closeWith, depth = i, utf8.RuneLen(r), c, 1
			}
			continue
		}
		switch {
		case r == closeWith:
			depth--
		case closingBracket(r) == closeWith:
			depth++ // the same bracket nested
		}
		if depth > 0 {
			continue
		}
		inner := n[open+openSize : i]
		d := duty{start: open, end: i + utf8.RuneLen(r), text: inner, orig: l.cut(open+openSize, i)}
		switch {
		case units.IsDuty(inner):
			out = append(out, d)
		case fieldsOnly(inner):
			d.fieldOnly = true
			out = append(out, d)
		case units.EndsWithRole(inner) && len([]rune(inner)) <= 80:
			p.warn(l.num, fmt.Sprintf("%c%s%c像是分工，但没有能认出的单位，作为正文保留", []rune(n[open:])[0], d.orig, r))
		}
		open = -1
	}
	if depth > 0 && open >= 0 && labelAt < 0 {
		// A bracket left open at the end of the line.
		inner := n[open+openSize:]
		if units.IsDuty(inner) {
			p.warn(l.num, fmt.Sprintf("“%s”前的括号没有闭合，按分工读入", excerpt(l.cut(open+openSize, len(n)), 20)))
			out = append(out, duty{start: open, end: len(n), text: inner, orig: l.cut(open+openSize, len(n))})
		}
	}
	if labelAt >= 0 {
		rest := n[labelAt:]
		out = append(out, duty{start: labelAt, end: len(n), text: rest, orig: l.cut(labelAt, len(n)), label: true, fieldOnly: fieldsOnly(rest)})
	}
	return out
}

// closingBracket returns the bracket that closes one a duty may be
// written in, or 0: （X负责）, and where the duty itself holds round brackets or the
// notice prefers them, 〔责任单位：…市（州）…〕, [牵头单位：X], 【牵头单位：X】.
func closingBracket(open rune) rune {
	switch open {
	case '（':
		return '）'
	case '〔':
		return '〕'
	case '[':
		return ']'
	case '【':
		return '】'
	}
	return 0
}

// fieldsOnly tells a text of fields (完成时限：…, 牵头负责领导：…) from one
// whose labels name units too (责任单位：…).
func fieldsOnly(text string) bool {
	labels := units.Labels(text)
	if len(labels) == 0 || labels[0].Start != 0 {
		return false
	}
	for _, l := range labels {
		if l.Field == "" {
			return false
		}
	}
	return true
}

// labelAfterSentence returns where a label line starts inside a line,
// after the sentence it closes (…工作。责任单位：X), or -1.
func labelAfterSentence(n string) int {
	for _, l := range units.Labels(n) {
		if l.Start > 0 && strings.HasSuffix(strings.TrimRight(n[:l.Start], " "), "。") {
			return l.Start
		}
	}
	return -1
}

// isBareLabel reports a line that is a label alone, its value on the
// next line: 责任单位：.
func isBareLabel(l line) bool {
	lb, ok := units.LeadingLabel(l.norm)
	return ok && strings.TrimSpace(l.norm[lb.End:]) == ""
}

// isLabelLine reports a line that opens with a label: 责任单位：….
func isLabelLine(l line) bool {
	_, ok := units.LeadingLabel(l.norm)
	return ok
}

// onlyDuty reports a line that is nothing but a duty: （市水利局负责）.
func (p *parser) onlyDuty(l line) bool {
	ds := p.quietDuties(l)
	return len(ds) == 1 && !ds[0].fieldOnly && strings.TrimSpace(l.norm[:ds[0].start]) == "" && strings.Trim(l.norm[ds[0].end:], "。； ") == ""
}

// hasDuty reports a line that holds a duty, or a field of one.
func (p *parser) hasDuty(l line) bool { return len(p.quietDuties(l)) > 0 }

// quietDuties finds duties without warning, for looking ahead.
func (p *parser) quietDuties(l line) []duty {
	saved := len(p.n.Warnings)
	ds := p.findDuties(l)
	p.n.Warnings = p.n.Warnings[:saved]
	return ds
}
