package notice

import (
	"fmt"
	"regexp"
	"strings"

	"qingdan/internal/units"
)

// Duties written in the body close the text before them: a parenthetical
// （X负责） at the end of (or inside) a paragraph, or a label line
// 牵头单位：X；配合单位：Y under it. Each closes one task whose text runs
// from the previous duty (or the start of the item) to the duty.

var (
	labelLineRe = regexp.MustCompile(`^(牵头|责任|配合|协办|主办|主责|参与|协同|指导|督导|监督|主管)?(单位|部门|处室)：`)
	labelMidRe  = regexp.MustCompile(`。\s*((牵头|责任|配合|协办|主办|主责|参与|协同|指导|督导|监督|主管)?(单位|部门|处室)：)`)
)

// duty is a responsibility found in a line: its byte range in the folded
// line and the text of the responsibility without brackets.
type duty struct {
	start, end int
	text       string // folded
	orig       string
}

// findDuties finds the duties in one line, in order.
func findDuties(l line) []duty {
	var out []duty
	n := l.norm
	if labelLineRe.MatchString(n) {
		return []duty{{start: 0, end: len(n), text: n, orig: l.orig}}
	}
	labelAt := -1
	if m := labelMidRe.FindStringSubmatchIndex(n); m != nil {
		labelAt = m[2]
	}
	depth, open := 0, -1
	for i, r := range n {
		if labelAt >= 0 && i >= labelAt {
			break
		}
		switch r {
		case '（':
			if depth == 0 {
				open = i
			}
			depth++
		case '）':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 && open >= 0 {
				inner := n[open+len("（") : i]
				if units.IsDuty(inner) {
					out = append(out, duty{start: open, end: i + len("）"), text: inner, orig: l.cut(open+len("（"), i)})
				}
				open = -1
			}
		}
	}
	if labelAt >= 0 {
		out = append(out, duty{start: labelAt, end: len(n), text: n[labelAt:], orig: l.cut(labelAt, len(n))})
	}
	return out
}

// container is a stretch of body text whose duties share a place: an
// item's own text, a sub-item, or a section's text before its items.
type container struct {
	section, item, subitem int
	lines                  []line
	name                   string // for messages: item （三）
}

// bodyContainers lists the containers of the body in order.
func (p *parser) bodyContainers() []container {
	var out []container
	for _, s := range p.sections {
		if len(s.paras) > 0 {
			out = append(out, container{section: s.number, lines: s.paras, name: "section " + cnNum(s.number)})
		}
		for _, it := range s.items {
			c := container{section: s.number, item: it.number, name: "item （" + cnNum(it.number) + "）"}
			if !it.heading.blank() {
				c.lines = append(c.lines, it.heading)
				if len(it.paras) > 0 && it.paras[0].num == it.heading.num {
					c.lines = append(c.lines, it.paras[1:]...)
				} else {
					c.lines = append(c.lines, it.paras...)
				}
			} else {
				c.lines = append(c.lines, it.paras...)
			}
			out = append(out, c)
			for _, sb := range it.subs {
				sc := container{section: s.number, item: it.number, subitem: sb.number,
					name: fmt.Sprintf("sub-item %d of item （%s）", sb.number, cnNum(it.number))}
				if !sb.heading.blank() {
					sc.lines = append(sc.lines, sb.heading)
					if len(sb.paras) > 0 && sb.paras[0].num == sb.heading.num {
						sc.lines = append(sc.lines, sb.paras[1:]...)
					} else {
						sc.lines = append(sc.lines, sb.paras...)
					}
				} else {
					sc.lines = append(sc.lines, sb.paras...)
				}
				out = append(out, sc)
			}
		}
	}
	return out
}

// bodyTasks cuts the body into tasks at its duties. Items already covered
// by a table are skipped: the table is the notice's own list of duties.
func (p *parser) bodyTasks(covered map[[2]int]bool) []Task {
	var tasks []Task
	for _, c := range p.bodyContainers() {
		if covered[[2]int{c.section, c.item}] {
			continue
		}
		var (
			pending []string
			first   = 0
			found   = 0
		)
		for _, l := range c.lines {
			pos := 0
			for _, d := range findDuties(l) {
				if before := strings.TrimSpace(l.cut(pos, d.start)); before != "" {
					pending = append(pending, before)
					if first == 0 {
						first = l.num
					}
				}
				pos = d.end
				text := strings.Join(pending, "\n")
				lineNum := first
				if lineNum == 0 {
					lineNum = l.num
				}
				if text == "" {
					p.warn(l.num, fmt.Sprintf("responsibility （%s） in %s follows no text of its own", d.orig, c.name))
					text = p.containerTitle(c)
				}
				tasks = append(tasks, p.bodyTask(c, text, d, lineNum))
				pending, first = nil, 0
				found++
			}
			if rest := strings.TrimSpace(l.cut(pos, len(l.norm))); rest != "" && strings.Trim(rest, "。；，") != "" {
				pending = append(pending, rest)
				if first == 0 {
					first = l.num
				}
			}
		}
		if found > 0 && len(pending) > 0 {
			p.warn(first, fmt.Sprintf("text after the last responsibility in %s names no unit: %s", c.name, excerpt(strings.Join(pending, ""), 30)))
		}
	}
	return tasks
}

func (p *parser) containerTitle(c container) string {
	for _, s := range p.sections {
		if s.number != c.section {
			continue
		}
		if c.item == 0 {
			return s.title
		}
		for _, it := range s.items {
			if it.number != c.item {
				continue
			}
			for _, sb := range it.subs {
				if sb.number == c.subitem && sb.title != "" {
					return sb.title
				}
			}
			return it.title
		}
	}
	return ""
}

// bodyTask makes the task closed by duty d, applying the rules in force
// and recording the rules d declares.
func (p *parser) bodyTask(c container, text string, d duty, lineNum int) Task {
	parsed := units.Parse(d.text, units.Options{LeadFirst: p.leadFirst})
	for _, prob := range parsed.Problems {
		p.warn(lineNum, prob)
	}
	task := Task{
		Section: c.section, Item: c.item, Subitem: c.subitem,
		Text: text, UnitText: strings.TrimSpace(d.orig), Units: parsed.Units,
		Line: lineNum, Source: "body",
	}
	task.Units = p.applyStanding(task.Units)
	for _, r := range parsed.Rules {
		switch r.Kind {
		case units.LeadFirst:
			if r.Onward {
				p.leadFirst = true
			}
		case units.Standing:
			u := r.Unit
			u.Rule = r.Text
			p.standing = append(p.standing, u)
		}
	}
	return task
}

// applyStanding adds the units of standing rules declared so far.
func (p *parser) applyStanding(list []units.Assignment) []units.Assignment {
	for _, s := range p.standing {
		present := false
		for _, u := range list {
			if u.Name == s.Name {
				present = true
			}
		}
		if !present {
			list = append(list, s)
		}
	}
	return list
}

// excerpt shortens s to n runes with an ellipsis.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
