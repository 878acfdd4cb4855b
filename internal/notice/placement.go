package notice

import (
	"fmt"
	"strconv"
	"strings"

	"qingdan/internal/textnorm"
)

// A table's rows find their place in the notice: the body section and
// item they restate, or sections of their own after the body's.

// comparable folds a heading for matching a table's wording against the
// body's: no white space or punctuation, no announced counts (（共5项）, 5项).
func comparable(s string) string {
	s = textnorm.Compact(s)
	if strings.HasSuffix(s, "项") || strings.HasSuffix(s, "项）") { // the only ends countRe matches
		s = countRe.ReplaceAllString(s, "")
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("，。、；：！？（）“”‘’《》〔〕【】\"'.,;:", r) {
			return -1
		}
		return r
	}, s)
}

// placeTableSection decides where a table section's tasks go: the body
// section of the same number when the table has an item column; else the
// body section or item whose title matches; else a new section named after
// the table, with the table's sections as its items.
func (p *parser) placeTableSection(s *tableSection, hasItems bool, t *table) {
	if hasItems || (s.number == 0 && s.title == "") {
		if s.number == 0 && s.title == "" {
			// No section in the table: rows find their place by their item
			// (hasItems) or by their text (flat).
			s.flat, s.itemsOnly = !hasItems, hasItems
			return
		}
		s.section = s.number
		body := p.findSection(s.number)
		switch {
		case body == nil:
			p.warn(s.line, fmt.Sprintf("“%s、%s”见于表格，正文中没有", cnNum(s.number), s.title))
			p.sections = append(p.sections, &sectionBlock{number: s.number, title: s.title, line: s.line})
		case comparable(body.title) != comparable(s.title) && s.title != "":
			p.warn(s.line, fmt.Sprintf("“%s、”的标题表格写作“%s”，正文写作“%s”", cnNum(s.number), s.title, body.title))
		}
		return
	}
	want := comparable(s.title)
	for _, sec := range p.sections {
		if comparable(sec.title) == want && sec.number == s.number {
			s.section = sec.number
			return
		}
	}
	for _, sec := range p.sections {
		for _, it := range sec.items {
			if want != "" && comparable(it.title) == want {
				s.section, s.item = sec.number, it.number
				if s.count < 0 {
					s.count = announced(it.title)
				}
				return
			}
		}
	}
	// 一、要素保障 in the table, （二）强化要素保障 in the body: one title
	// inside the other, and no other item like it.
	var found []*itemBlock
	for _, sec := range p.sections {
		for _, it := range sec.items {
			c := comparable(it.title)
			if want != "" && c != "" && runeLen(want) >= 2 && (strings.Contains(c, want) || strings.Contains(want, c)) {
				found = append(found, it)
			}
		}
	}
	if len(found) == 1 {
		s.section, s.item = found[0].section, found[0].number
		return
	}
	sec := p.extraSection(t)
	n := nextNumber(len(sec.items), func(i int) int { return sec.items[i].number }, 1)
	sec.items = append(sec.items, &itemBlock{section: sec.number, number: n, title: s.title, line: s.line})
	s.section, s.item = sec.number, n
}

// announced reads the count in a heading such as 知识产权保护方面5项.
func announced(title string) int {
	m := announcedRe.FindStringSubmatch(textnorm.Compact(title))
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// extraSection returns the section made for a table whose sections the
// body does not have, creating it after the body's sections; for a table
// standing under a section heading, that section.
func (p *parser) extraSection(t *table) *sectionBlock {
	if s, ok := p.tableSections[t]; ok {
		return s
	}
	for _, s := range p.sections {
		if s == t.under {
			p.tableSections[t] = s
			return s
		}
	}
	num := 1
	for _, s := range p.sections {
		num = max(num, s.number+1)
	}
	title := firstNonEmpty(t.caption, "附表")
	s := &sectionBlock{number: num, title: title, line: t.start}
	p.sections = append(p.sections, s)
	p.tableSections[t] = s
	return s
}

// sectionOfItem returns the first body section holding item num.
func (p *parser) sectionOfItem(num int) *sectionBlock {
	for _, s := range p.sections {
		for _, it := range s.items {
			if it.number == num {
				return s
			}
		}
	}
	return nil
}

func (p *parser) findSection(num int) *sectionBlock {
	for _, s := range p.sections {
		if s.number == num {
			return s
		}
	}
	return nil
}

// ensureItem finds or creates item num of section sec, warning when the
// table names an item the body lacks or titles it differently.
func (p *parser) ensureItem(secNum, num int, title string, lineNum int) {
	sec := p.findSection(secNum)
	if sec == nil {
		sec = &sectionBlock{number: secNum, line: lineNum}
		p.sections = append(p.sections, sec)
	}
	if num == 0 {
		return
	}
	for _, it := range sec.items {
		if it.number == num {
			if title != "" && it.title != "" && comparable(it.title) != comparable(title) {
				key := fmt.Sprintf("%d-%d", secNum, num)
				if !p.titleWarned[key] {
					p.titleWarned[key] = true
					p.warn(lineNum, fmt.Sprintf("（%s）的标题表格写作“%s”，正文写作“%s”", cnNum(num), title, it.title))
				}
			}
			return
		}
	}
	key := fmt.Sprintf("%d-%d", secNum, num)
	if !p.titleWarned[key] {
		p.titleWarned[key] = true
		if len(p.sections) > 0 && p.hasBody {
			p.warn(lineNum, fmt.Sprintf("“（%s）%s”见于表格，正文中没有", cnNum(num), title))
		}
	}
	sec.items = append(sec.items, &itemBlock{section: secNum, number: num, title: title, line: lineNum})
}

func (p *parser) ensureSubitem(secNum, itemNum, num int, title string, lineNum int) {
	sec := p.findSection(secNum)
	if sec == nil {
		return
	}
	for _, it := range sec.items {
		if it.number != itemNum {
			continue
		}
		for _, sb := range it.subs {
			if sb.number == num {
				if title != "" && sb.title != "" && comparable(sb.title) != comparable(title) {
					p.warn(lineNum, fmt.Sprintf("（%s）下第%d项的标题表格写作“%s”，正文写作“%s”", cnNum(itemNum), num, title, sb.title))
				}
				return
			}
		}
		if p.hasBody {
			p.warn(lineNum, fmt.Sprintf("（%s）下第%d项见于表格，正文中没有", cnNum(itemNum), num))
		}
		it.subs = append(it.subs, &subBlock{number: num, title: title, line: lineNum})
		return
	}
}
