package notice

import (
	"qingdan/internal/units"
)

// container is a stretch of body text whose duties share a place: an
// item's own text, a sub-item, or a section's text before its items.
// A whole container is an item whose one duty covers all its sub-items.
type container struct {
	section, item, subitem int
	lines                  []line
	name                   string // for messages: item （三）
	whole                  bool
	// subject is set for a sub-item of a list written unit first
	// (（3）公安部负责…): the units its text opens with.
	subject *units.Parsed
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
			out = append(out, container{section: s.number, lines: s.paras, name: "“" + cnNum(s.number) + "、”"})
		}
		itemSubjects := p.unitFirstItems(s)
		for i, it := range s.items {
			name := it.name()
			own := withHeading(it.heading, it.paras)
			if p.itemLevelDuty(it, own) {
				c := container{section: s.number, item: it.number, name: name, whole: true, lines: own}
				for _, sb := range it.subs {
					c.lines = append(c.lines, withHeading(sb.full, sb.paras)...)
				}
				out = append(out, c)
				continue
			}
			out = append(out, container{section: s.number, item: it.number, name: name, lines: own, subject: itemSubjects[i]})
			subjects := p.unitFirstSubs(it)
			for k, sb := range it.subs {
				out = append(out, container{section: s.number, item: it.number, subitem: sb.number,
					name:  it.name() + "下的" + sb.name(),
					lines: withHeading(sb.heading, sb.paras), subject: subjects[k]})
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
	// With one sub-item, a duty after it is the sub-item's own.
	trailingCounts := len(it.subs) > 1
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
		if i == len(it.subs)-1 && trailingCounts {
			// Label lines that end the last sub-item belong to the item.
			for len(ls) > 1 && (isLabelLine(ls[len(ls)-1]) || p.onlyDuty(ls[len(ls)-1])) {
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
