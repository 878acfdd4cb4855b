package notice

import (
	"strings"

	"qingdan/internal/units"
)

// Plans often state duties unit first, one numbered entry per unit:
// （3）公安部负责维护…；（4）财政部负责安排…. A list is read so only when it
// is written that way as a whole — at least three entries, two thirds of
// them opening with their units — so that one sentence that happens to
// open with a unit is never taken for a duty.

const unitFirstMin = 3

// unitFirstShare tells which texts of a list open with their units, and
// whether the list as a whole is written unit first; a list holding a
// sentence that opens with clauses of roles (由X负责，Y牵头) is, however
// short.
func unitFirstShare(texts []string) ([]*units.Parsed, bool) {
	out := make([]*units.Parsed, len(texts))
	n, given := 0, false
	for i, t := range texts {
		if parsed, ok := units.Subject(t); ok {
			out[i] = &parsed
			n++
			given = given || parsed.RolesGiven
		}
	}
	if given {
		return out, true
	}
	return out, len(texts) >= unitFirstMin && 3*n >= 2*len(texts)
}

// unitFirstBlocks returns, for each block of a list (the sub-items of an
// item, the items of a section), the units its text opens with when the
// list is written unit first and no block states a duty otherwise; nil
// entries elsewhere.
func (p *parser) unitFirstBlocks(blocks [][]line) []*units.Parsed {
	out := make([]*units.Parsed, len(blocks))
	if len(blocks) < 2 {
		return out // one block is no list; its clauses are read as entries
	}
	texts := make([]string, len(blocks))
	for i, ls := range blocks {
		if p.blockHasDuty(ls) {
			return out
		}
		texts[i] = joinOrig(ls)
	}
	if subjects, ok := unitFirstShare(texts); ok {
		return subjects
	}
	return out
}

// unitFirstSubs is unitFirstBlocks for the sub-items of an item with no
// duty of its own.
func (p *parser) unitFirstSubs(it *itemBlock) []*units.Parsed {
	if p.blockHasDuty(withHeading(it.heading, it.paras)) {
		return make([]*units.Parsed, len(it.subs))
	}
	blocks := make([][]line, len(it.subs))
	for i, sb := range it.subs {
		blocks[i] = withHeading(sb.heading, sb.paras)
	}
	return p.unitFirstBlocks(blocks)
}

// unitFirstItems is unitFirstBlocks for the items of a section, when
// none has sub-items.
func (p *parser) unitFirstItems(s *sectionBlock) []*units.Parsed {
	blocks := make([][]line, len(s.items))
	for i, it := range s.items {
		if len(it.subs) > 0 {
			return make([]*units.Parsed, len(s.items))
		}
		blocks[i] = withHeading(it.heading, it.paras)
	}
	return p.unitFirstBlocks(blocks)
}

func (p *parser) blockHasDuty(ls []line) bool {
	for _, l := range ls {
		if p.hasDuty(l) {
			return true
		}
	}
	return false
}

// unitFirstTasks reads a container without duties whose text holds a
// numbered list written unit first: each entry so written is a task.
func (p *parser) unitFirstTasks(c container) ([]Task, bool) {
	if p.blockHasDuty(c.lines) {
		return nil, false
	}
	type entry struct {
		text string
		line int
	}
	var entries []entry
	for _, l := range c.lines {
		h, ok := headingOf(l, p.decimal)
		switch {
		case ok && h.style != styleDecimal:
			entries = append(entries, entry{strings.TrimSpace(h.rest.orig), l.num})
		case len(entries) > 0:
			// An unnumbered paragraph goes on with the entry above.
			entries[len(entries)-1].text += "\n" + strings.TrimSpace(l.orig)
		}
	}
	if len(entries) == 0 {
		for _, l := range c.lines {
			for _, s := range clauseEntries(strings.TrimSpace(l.orig)) {
				entries = append(entries, entry{s, l.num})
			}
		}
	}
	texts := make([]string, len(entries))
	for i, e := range entries {
		texts[i] = e.text
	}
	subjects, ok := unitFirstShare(texts)
	if !ok {
		return nil, false
	}
	var tasks []Task
	for i, e := range entries {
		if subjects[i] == nil {
			p.warn(e.line, "以单位开头的清单中，这一条没有写出单位："+excerpt(e.text, 30))
			continue
		}
		tasks = append(tasks, p.subjectTask(c, e.text, *subjects[i], e.line))
	}
	return tasks, true
}

// listParagraph makes the body of a text without numbering or table
// (a report of a meeting) from its first paragraph that lists matters
// and their roles between ；: an item of its own, so that its duties are
// read rather than the whole text refused.
func (p *parser) listParagraph(lines []line) {
	for _, l := range lines {
		if l.table != nil {
			continue
		}
		entries := clauseEntries(strings.TrimSpace(l.orig))
		if _, ok := unitFirstShare(entries); !ok {
			continue
		}
		p.sections = []*sectionBlock{{number: 0, line: l.num, items: []*itemBlock{{section: 0, number: 1, line: l.num, paras: []line{l}}}}}
		text := strings.TrimSpace(l.orig)
		for i, para := range p.n.Preamble {
			if para == text {
				p.n.Preamble = append(p.n.Preamble[:i:i], p.n.Preamble[i+1:]...)
				break
			}
		}
		return
	}
}

// clauseEntries cuts a paragraph that lists matters and their roles
// between ；(会议明确：A事项，由X牵头，Y配合；B事项，由Z负责，…) into its
// entries, the words before the first (会议明确：) left out; nil for a
// paragraph of fewer than three.
func clauseEntries(text string) []string {
	parts := strings.Split(text, "；")
	if len(parts) < unitFirstMin {
		return nil
	}
	if i := strings.LastIndexAny(parts[0], "：。"); i >= 0 {
		_, size := firstRune(parts[0][i:])
		parts[0] = parts[0][i+size:]
	}
	var out []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// subjectTask makes the task of a sentence written unit first.
func (p *parser) subjectTask(c container, text string, parsed units.Parsed, lineNum int) Task {
	for _, prob := range parsed.Problems {
		p.warn(lineNum, prob)
	}
	var names []string
	for _, u := range parsed.Units {
		names = append(names, u.Name)
	}
	t := Task{
		Section: c.section, Item: c.item, Subitem: c.subitem,
		Text: text, UnitText: strings.Join(names, "、"), Units: p.applyStanding(parsed.Units),
		Line: lineNum, Source: "body",
	}
	for _, f := range parsed.Fields {
		t.Fields = append(t.Fields, Field{Name: f.Name, Value: f.Value})
	}
	return t
}
