package notice

import (
	"fmt"
	"strings"

	"qingdan/internal/units"
)

// bodyTasks cuts the body into tasks at its duties. Items already covered
// by a table are skipped: the table is the notice's own list of duties.
func (p *parser) bodyTasks(covered map[[2]int]bool) []Task {
	var tasks []Task
	for _, c := range p.bodyContainers() {
		switch {
		case covered[[2]int{c.section, c.item}]:
		case c.whole:
			if t, ok := p.wholeTask(c); ok {
				tasks = append(tasks, t)
			}
		case c.subject != nil:
			tasks = append(tasks, p.subjectTask(c, strings.Join(p.lineTexts(c.lines), "\n"), *c.subject, c.lines[0].num))
		default:
			if ts, ok := p.unitFirstTasks(c); ok {
				tasks = append(tasks, ts...)
				continue
			}
			cut := cutter{p: p, c: c, last: -1}
			for _, l := range c.lines {
				cut.line(l)
			}
			tasks = append(tasks, cut.finish()...)
		}
	}
	p.warnUnassigned(tasks, covered)
	return tasks
}

// cutter cuts one container into tasks: each duty closes the text since
// the previous one. Label lines that follow each other are one duty: a
// person (牵头负责领导：…) or a deadline before the units waits for them,
// and 配合单位：… on the line after 牵头单位：… joins the same task.
type cutter struct {
	p       *parser
	c       container
	tasks   []Task
	pending []string // text since the last duty
	first   int      // line of the first pending text
	last    int      // index in tasks of the last task, or -1
	// lastLabel is true when the last duty was a label line with
	// nothing after it.
	lastLabel bool
	// held are field labels waiting for the units of their group.
	held []duty
	// early is true when the container's one duty stands in its heading
	// or before its text: （一）加强组织领导（市委组织部牵头）。各县区要…
	// — the duty is then the whole container's.
	early bool
	// standIn is true when the heading stood in for the text of the first
	// task: its duty came before any text.
	standIn      bool
	standInShown string
}

func (ct *cutter) line(l line) {
	pos := 0
	for _, d := range ct.p.findDuties(l) {
		if before := trimLead(l.cut(pos, d.start)); before != "" {
			ct.text(before, l.num)
		}
		pos = d.end
		ct.duty(d, l.num)
	}
	if rest := trimLead(l.cut(pos, len(l.norm))); rest != "" && strings.Trim(rest, "。；，") != "" {
		ct.text(rest, l.num)
	}
}

func (ct *cutter) text(s string, num int) {
	ct.dropHeld()
	ct.pending = append(ct.pending, s)
	ct.lastLabel = false
	if ct.first == 0 {
		ct.first = num
	}
}

func (ct *cutter) duty(d duty, num int) {
	p := ct.p
	adjoining := len(ct.pending) == 0 && ct.last >= 0
	switch {
	case d.fieldOnly && adjoining:
		ct.tasks[ct.last].Fields = append(ct.tasks[ct.last].Fields, p.fields(d)...)
		return
	case d.fieldOnly && d.label && len(ct.pending) > 0:
		ct.held = append(ct.held, d)
		return
	case d.fieldOnly:
		ct.warnNoUnit(num, d)
		return
	case d.label && adjoining && ct.lastLabel:
		p.extendTask(&ct.tasks[ct.last], d, num)
		return
	}
	text := strings.Join(ct.pending, "\n")
	lineNum := ct.first
	if lineNum == 0 {
		lineNum = num
	}
	if len(ct.tasks) == 0 && len(ct.c.lines) > 0 && num == ct.c.lines[0].num && isTitleSentence(text) {
		ct.early = true
	}
	if text == "" {
		ct.standIn, ct.standInShown = len(ct.tasks) == 0, d.shown()
		text = p.containerTitle(ct.c)
		if !ct.standIn {
			p.warn(num, fmt.Sprintf("%s中的分工%s前面没有任务文字，以标题代替", ct.c.name, d.shown()))
		}
	}
	t := p.bodyTask(ct.c, text, d, lineNum)
	for _, h := range ct.held {
		t.Fields = append(t.Fields, p.fields(h)...)
	}
	ct.held = nil
	ct.tasks = append(ct.tasks, t)
	ct.last = len(ct.tasks) - 1
	ct.lastLabel = d.label
	ct.pending, ct.first = nil, 0
}

// isTitleSentence reports a text that is at most a title: no sentence
// inside, or one short sentence (制定清单。).
func isTitleSentence(text string) bool {
	t := strings.TrimRight(strings.TrimSpace(text), "。")
	return !strings.ContainsAny(t, "。；") && (t == strings.TrimSpace(text) || runeLen(t) <= 40)
}

// dropHeld warns about field labels no unit label followed.
func (ct *cutter) dropHeld() {
	for _, h := range ct.held {
		ct.warnNoUnit(ct.first, h)
	}
	ct.held = nil
}

// warnNoUnit tells the editor that the text before a duty of fields alone
// (完成时限：…) names no unit, so it is not a task and the fields are lost.
func (ct *cutter) warnNoUnit(num int, d duty) {
	dropped := d.shown()
	if d.label {
		dropped = "“" + dropped + "”" // a label line has no brackets of its own to set it apart
	}
	text := strings.TrimSpace(strings.Join(ct.pending, ""))
	if text == "" {
		ct.p.warn(num, fmt.Sprintf("%s中的%s前面没有写出单位的任务文字，已略去", ct.c.name, dropped))
		return
	}
	ct.p.warn(num, fmt.Sprintf("%s中的“%s”没有写出单位，未列为任务；其后的%s已略去", ct.c.name, excerpt(text, 20), dropped))
}

func (ct *cutter) finish() []Task {
	ct.dropHeld()
	if len(ct.tasks) == 1 && ct.early && len(ct.pending) > 0 {
		// The one duty is the whole container's: its text runs on.
		ct.tasks[0].Text, _ = ct.p.withoutDuties(ct.c.lines)
		return ct.tasks
	}
	if ct.standIn {
		ct.p.warn(ct.tasks[0].Line, fmt.Sprintf("%s中的分工%s前面没有任务文字，以标题代替", ct.c.name, ct.standInShown))
	}
	if len(ct.tasks) > 0 && len(ct.pending) > 0 {
		ct.p.warn(ct.first, fmt.Sprintf("%s中最后一处分工之后的文字没有写出单位：%s", ct.c.name, excerpt(strings.Join(ct.pending, ""), 30)))
	}
	return ct.tasks
}

// trimLead trims white space and the punctuation a duty leaves behind
// (the ，in …（X负责），推动…).
func trimLead(s string) string {
	s = strings.TrimSpace(s)
	return strings.TrimLeft(s, "，,；;、。 ")
}

// withoutDuties returns the text of lines with their duties cut out,
// one paragraph a line, and the duties.
func (p *parser) withoutDuties(lines []line) (string, []duty) {
	var (
		text   []string
		duties []duty
	)
	for _, l := range lines {
		pos := 0
		var b strings.Builder
		for _, d := range p.quietDuties(l) {
			b.WriteString(l.cut(pos, d.start))
			pos = d.end
			duties = append(duties, d)
		}
		b.WriteString(l.cut(pos, len(l.norm)))
		if s := strings.TrimSpace(b.String()); s != "" {
			text = append(text, s)
		}
	}
	return strings.Join(text, "\n"), duties
}

// wholeTask makes the one task of an item whose duty covers all of it.
func (p *parser) wholeTask(c container) (Task, bool) {
	text, duties := p.withoutDuties(c.lines)
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
	t := p.bodyTask(c, text, duties[main], c.lines[0].num)
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
	parsed := units.Parse(d.text, p.unitOptions(""))
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
	parsed := units.Parse(d.text, p.unitOptions(""))
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
	p.recordRules(parsed.Rules)
	return task
}

// unitOptions is the context a responsibility is read in: the rules in
// force, and the role of units written without a marker.
func (p *parser) unitOptions(def units.Role) units.Options {
	return units.Options{Default: def, LeadFirst: p.leadFirst, ResponsibleLead: p.responsibleLead}
}

// recordRules keeps the rules a duty declares for the duties after it.
func (p *parser) recordRules(rules []units.Rule) {
	for _, r := range rules {
		switch r.Kind {
		case units.LeadFirst:
			if r.Onward {
				p.leadFirst = true
			}
		case units.ResponsibleLead:
			if r.Onward {
				p.responsibleLead = true
			}
		case units.Standing:
			if !r.Onward {
				continue
			}
			for _, u := range r.Units {
				u.Rule = r.Text
				p.standing = append(p.standing, u)
			}
		}
	}
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
				p.warn(it.line, fmt.Sprintf("%s没有写出责任单位，而本部分的其他条目都有", it.name()))
				continue
			}
			if has[[3]int{s.number, it.number, 0}] {
				continue // a duty of the item covers its sub-items
			}
			for _, sb := range it.subs {
				if !has[[3]int{s.number, it.number, sb.number}] {
					p.warn(sb.line, fmt.Sprintf("%s下的%s没有写出责任单位，而同级的其他各项都有", it.name(), sb.name()))
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
