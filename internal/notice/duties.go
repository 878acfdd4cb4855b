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
// from the previous duty (or the start of the item) to the duty. A label
// line straight after another adds to the same task (牵头单位 on one line,
// 配合单位 on the next), and a deadline (完成时限：…) after a duty is a
// field of that duty's task.

const (
	unitLabels  = `(?:牵头|责任|配合|协办|主办|主责|参与|协同|协助|指导|督导|监督|主管)?(?:单位|部门|处室)`
	fieldLabels = `(?:完成时限|时间节点|完成时间|时间要求|时限要求|责任人|联系人)`
)

var (
	labelLineRe = regexp.MustCompile(`^(?:` + unitLabels + `|` + fieldLabels + `)：`)
	fieldOnlyRe = regexp.MustCompile(`^` + fieldLabels + `：`)
	labelMidRe  = regexp.MustCompile(`。\s*((?:` + unitLabels + `|` + fieldLabels + `)：)`)
)

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
	n := l.norm
	if labelLineRe.MatchString(n) {
		return []duty{{start: 0, end: len(n), text: n, orig: l.orig, label: true, fieldOnly: fieldsOnly(n)}}
	}
	var out []duty
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
				d := duty{start: open, end: i + len("）"), text: inner, orig: l.cut(open+len("（"), i)}
				switch {
				case units.IsDuty(inner):
					out = append(out, d)
				case fieldOnlyRe.MatchString(inner):
					d.fieldOnly = true
					out = append(out, d)
				case units.EndsWithRole(inner) && len([]rune(inner)) <= 80:
					p.warn(l.num, fmt.Sprintf("（%s） reads like a responsibility but names no unit the parser recognises; it was kept as text", d.orig))
				}
				open = -1
			}
		}
	}
	if depth > 0 && open >= 0 && labelAt < 0 {
		// A bracket left open at the end of the line.
		inner := n[open+len("（"):]
		if units.IsDuty(inner) {
			p.warn(l.num, fmt.Sprintf("bracket opened before %q is never closed; read as a responsibility", excerpt(l.cut(open+len("（"), len(n)), 20)))
			out = append(out, duty{start: open, end: len(n), text: inner, orig: l.cut(open+len("（"), len(n))})
		}
	}
	if labelAt >= 0 {
		rest := n[labelAt:]
		out = append(out, duty{start: labelAt, end: len(n), text: rest, orig: l.cut(labelAt, len(n)), label: true, fieldOnly: fieldsOnly(rest)})
	}
	return out
}

// fieldsOnly tells a label of fields (完成时限：…) from one that names the
// units too (责任单位：… or 责任部门：…).
func fieldsOnly(label string) bool {
	return fieldOnlyRe.MatchString(label) && !strings.Contains(label, "单位：") && !strings.Contains(label, "部门：")
}

// container is a stretch of body text whose duties share a place: an
// item's own text, a sub-item, or a section's text before its items.
// A whole container is an item whose one duty covers all its sub-items.
type container struct {
	section, item, subitem int
	lines                  []line
	name                   string // for messages: item （三）
	whole                  bool
}

// withHeading returns the heading line followed by the paragraphs that
// are not part of it.
func withHeading(h line, paras []line) []line {
	if h.blank() {
		return paras
	}
	out := []line{h}
	if len(paras) > 0 && paras[0].num == h.num {
		paras = paras[1:]
	}
	return append(out, paras...)
}

// bodyContainers lists the containers of the body in order.
func (p *parser) bodyContainers() []container {
	var out []container
	for _, s := range p.sections {
		if len(s.paras) > 0 {
			out = append(out, container{section: s.number, lines: s.paras, name: "section " + cnNum(s.number)})
		}
		for _, it := range s.items {
			name := "item （" + cnNum(it.number) + "）"
			own := withHeading(it.heading, it.paras)
			if p.itemLevelDuty(it, own) {
				c := container{section: s.number, item: it.number, name: name, whole: true, lines: own}
				for _, sb := range it.subs {
					c.lines = append(c.lines, withHeading(sb.full, sb.paras)...)
				}
				out = append(out, c)
				continue
			}
			out = append(out, container{section: s.number, item: it.number, name: name, lines: own})
			for _, sb := range it.subs {
				out = append(out, container{section: s.number, item: it.number, subitem: sb.number,
					name: fmt.Sprintf("sub-item %d of item （%s）", sb.number, cnNum(it.number)), lines: withHeading(sb.heading, sb.paras)})
			}
		}
	}
	return out
}

// itemLevelDuty reports an item with sub-items whose only duty is written
// in its heading or after its last sub-item: that duty covers the whole
// item, sub-items included.
func (p *parser) itemLevelDuty(it *itemBlock, own []line) bool {
	if len(it.subs) == 0 {
		return false
	}
	count := func(ls []line) int {
		n := 0
		for _, l := range ls {
			for _, d := range p.quietDuties(l) {
				if !d.fieldOnly {
					n++
				}
			}
		}
		return n
	}
	inHeading := 0
	if len(own) > 0 && own[0].num == it.line {
		inHeading = count(own[:1])
		own = own[1:]
	}
	if count(own) > 0 {
		return false
	}
	trailing := 0
	for i, sb := range it.subs {
		ls := withHeading(sb.heading, sb.paras)
		if i == len(it.subs)-1 {
			// Label lines that end the last sub-item belong to the item.
			for len(ls) > 1 && labelLineRe.MatchString(ls[len(ls)-1].norm) {
				trailing++
				ls = ls[:len(ls)-1]
			}
		}
		if count(ls) > 0 {
			return false
		}
	}
	return inHeading+trailing > 0
}

// quietDuties finds duties without warning, for looking ahead.
func (p *parser) quietDuties(l line) []duty {
	saved := len(p.n.Warnings)
	ds := p.findDuties(l)
	p.n.Warnings = p.n.Warnings[:saved]
	return ds
}

// bodyTasks cuts the body into tasks at its duties. Items already covered
// by a table are skipped: the table is the notice's own list of duties.
func (p *parser) bodyTasks(covered map[[2]int]bool) []Task {
	var tasks []Task
	for _, c := range p.bodyContainers() {
		if covered[[2]int{c.section, c.item}] {
			continue
		}
		if c.whole {
			if t, ok := p.wholeTask(c); ok {
				tasks = append(tasks, t)
			}
			continue
		}
		var (
			pending   []string
			first     = 0
			found     = 0
			last      = -1    // index in tasks of this container's last task
			lastLabel = false // the last duty was a label line with nothing after it
		)
		for _, l := range c.lines {
			pos := 0
			for _, d := range p.findDuties(l) {
				before := trimLead(l.cut(pos, d.start))
				if before != "" {
					pending = append(pending, before)
					if first == 0 {
						first = l.num
					}
				}
				pos = d.end
				adjoining := len(pending) == 0 && last >= 0
				switch {
				case d.fieldOnly && adjoining:
					tasks[last].Fields = append(tasks[last].Fields, p.fields(d)...)
					continue
				case d.fieldOnly:
					p.warn(l.num, fmt.Sprintf("%s follows text that names no unit; it was dropped", d.shown()))
					continue
				case d.label && adjoining && lastLabel:
					// 配合单位：… on the line after 牵头单位：….
					p.extendTask(&tasks[last], d, l.num)
					continue
				}
				text := strings.Join(pending, "\n")
				lineNum := first
				if lineNum == 0 {
					lineNum = l.num
				}
				if text == "" {
					p.warn(l.num, fmt.Sprintf("responsibility %s in %s follows no text of its own; the heading stands in for it", d.shown(), c.name))
					text = p.containerTitle(c)
				}
				tasks = append(tasks, p.bodyTask(c, text, d, lineNum))
				last = len(tasks) - 1
				lastLabel = d.label
				pending, first = nil, 0
				found++
			}
			if rest := trimLead(l.cut(pos, len(l.norm))); rest != "" && strings.Trim(rest, "。；，") != "" {
				pending = append(pending, rest)
				lastLabel = false
				if first == 0 {
					first = l.num
				}
			}
		}
		if found > 0 && len(pending) > 0 {
			p.warn(first, fmt.Sprintf("text after the last responsibility in %s names no unit: %s", c.name, excerpt(strings.Join(pending, ""), 30)))
		}
	}
	p.warnUnassigned(tasks, covered)
	return tasks
}

// trimLead trims white space and the punctuation a duty leaves behind
// (the ，in …（X负责），推动…).
func trimLead(s string) string {
	s = strings.TrimSpace(s)
	return strings.TrimLeft(s, "，,；;、。 ")
}

// wholeTask makes the one task of an item whose duty covers all of it.
func (p *parser) wholeTask(c container) (Task, bool) {
	var (
		text   []string
		duties []duty
	)
	for _, l := range c.lines {
		pos := 0
		var b strings.Builder
		for _, d := range p.findDuties(l) {
			b.WriteString(l.cut(pos, d.start))
			pos = d.end
			duties = append(duties, d)
		}
		b.WriteString(l.cut(pos, len(l.norm)))
		if s := strings.TrimSpace(b.String()); s != "" {
			text = append(text, s)
		}
	}
	main := -1
	for i := range duties {
		if !duties[i].fieldOnly {
			main = i
			break
		}
	}
	if main < 0 {
		return Task{}, false
	}
	t := p.bodyTask(c, strings.Join(text, "\n"), duties[main], c.lines[0].num)
	for i, d := range duties {
		switch {
		case i == main:
		case d.fieldOnly:
			t.Fields = append(t.Fields, p.fields(d)...)
		default:
			p.extendTask(&t, d, c.lines[0].num)
		}
	}
	return t, true
}

func (p *parser) fields(d duty) []Field {
	var out []Field
	for _, f := range units.Parse(d.text, units.Options{}).Fields {
		out = append(out, Field{Name: f.Name, Value: f.Value})
	}
	return out
}

// extendTask adds the units and fields of a further duty to a task.
func (p *parser) extendTask(t *Task, d duty, lineNum int) {
	parsed := units.Parse(d.text, units.Options{LeadFirst: p.leadFirst})
	for _, prob := range parsed.Problems {
		p.warn(lineNum, prob)
	}
	t.UnitText += "；" + strings.TrimSpace(d.orig)
	for _, u := range parsed.Units {
		present := false
		for _, x := range t.Units {
			if x.Name == u.Name {
				present = true
			}
		}
		if !present {
			t.Units = append(t.Units, u)
		}
	}
	for _, f := range parsed.Fields {
		t.Fields = append(t.Fields, Field{Name: f.Name, Value: f.Value})
	}
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
	for _, f := range parsed.Fields {
		task.Fields = append(task.Fields, Field{Name: f.Name, Value: f.Value})
	}
	task.Units = p.applyStanding(task.Units)
	for _, r := range parsed.Rules {
		switch r.Kind {
		case units.LeadFirst:
			if r.Onward {
				p.leadFirst = true
			}
		case units.Standing:
			for _, u := range r.Units {
				u.Rule = r.Text
				p.standing = append(p.standing, u)
			}
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

// warnUnassigned warns about items that name no unit in a section where
// other items do, and sub-items likewise: the sign of a duty the parser
// did not recognise.
func (p *parser) warnUnassigned(tasks []Task, covered map[[2]int]bool) {
	has := map[[3]int]bool{}
	for _, t := range tasks {
		has[[3]int{t.Section, t.Item, -1}] = true
		has[[3]int{t.Section, t.Item, t.Subitem}] = true
		has[[3]int{t.Section, -1, -1}] = true
	}
	for _, s := range p.sections {
		if !has[[3]int{s.number, -1, -1}] {
			continue
		}
		for _, it := range s.items {
			if covered[[2]int{s.number, it.number}] {
				continue
			}
			if !has[[3]int{s.number, it.number, -1}] {
				p.warn(it.line, fmt.Sprintf("item （%s） names no responsible unit, though other items of its section do", cnNum(it.number)))
				continue
			}
			if has[[3]int{s.number, it.number, 0}] {
				continue // a duty of the item covers its sub-items
			}
			for _, sb := range it.subs {
				if !has[[3]int{s.number, it.number, sb.number}] {
					p.warn(sb.line, fmt.Sprintf("sub-item %d of item （%s） names no responsible unit, though other sub-items do", sb.number, cnNum(it.number)))
				}
			}
		}
	}
}

// excerpt shortens s to n runes with an ellipsis.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
