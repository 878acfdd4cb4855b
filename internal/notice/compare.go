package notice

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"

	"qingdan/internal/textnorm"
)

// A table row usually repeats the body's text of its item, but not always
// word for word. compareWithBody finds the stretch of the body the row
// restates; where the two differ it keeps the body's wording on the task
// and warns with a short diff.

// bodyText returns the full body text of a task's place: the sub-item
// (heading included) or the whole item.
func (p *parser) bodyText(sec, item, sub int) (string, bool) {
	s := p.findSection(sec)
	if s == nil {
		return "", false
	}
	for _, it := range s.items {
		if it.number != item {
			continue
		}
		var parts []string
		add := func(h line, paras []line) {
			for _, l := range withHeading(h, paras) {
				parts = append(parts, l.orig)
			}
		}
		if sub > 0 {
			for _, sb := range it.subs {
				if sb.number == sub {
					add(sb.heading, sb.paras)
				}
			}
		} else {
			add(it.heading, it.paras)
			for _, sb := range it.subs {
				add(sb.full, sb.paras)
			}
		}
		text := strings.Join(parts, "")
		return text, text != ""
	}
	return "", false
}

// fold makes two wordings comparable: widths folded, no white space, and
// quotation marks of either shape made one. It is a string, so the tests
// of containment need no conversion; only a diff takes runes.
func fold(s string) string {
	var out strings.Builder
	out.Grow(len(s))
	for _, r := range s {
		switch r = textnorm.Rune(r); r {
		case ' ', '\t', '\n':
			continue
		case '"', '“', '”':
			r = '"'
		case '\'', '‘', '’':
			r = '\''
		}
		out.WriteRune(r)
	}
	return out.String()
}

func (p *parser) compareWithBody(t *Task) {
	body, ok := p.bodyText(t.Section, t.Item, t.Subitem)
	if !ok {
		return
	}
	fb, ft := fold(body), fold(t.Text)
	if containsText(fb, ft) || (t.Title != "" && containsText(fb, fold(t.Title))) {
		return
	}
	// A difference in punctuation alone (。 for ，) is not a rewording.
	if containsText(stripPunct(fb), stripPunct(ft)) {
		return
	}
	// Ignore a difference only in the final full stop.
	ft = strings.TrimRight(ft, "。；")
	if containsText(fb, ft) {
		return
	}
	bodyRunes, tableRunes := []rune(fb), []rune(ft)
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffMainRunes(bodyRunes, tableRunes, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	start, end := window(diffs)
	if end <= start {
		p.warn(t.Line, fmt.Sprintf("%s在表格中的文字与正文对不上", placeName(t)))
		return
	}
	seg := bodyRunes[start:end]
	d := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(seg, tableRunes, false))
	t.BodyText = string(seg)
	t.Diff = shortDiff(d, 3)
	p.warn(t.Line, fmt.Sprintf("%s在表格中的文字与正文不同：%s", placeName(t), t.Diff))
}

func stripPunct(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsPunct(c) || unicode.IsSymbol(c) {
			return -1
		}
		return c
	}, s)
}

func placeName(t *Task) string {
	if t.Subitem > 0 {
		return fmt.Sprintf("（%s）下第%d项", cnNum(t.Item), t.Subitem)
	}
	return fmt.Sprintf("（%s）", cnNum(t.Item))
}

// containsText reports a needle, not empty, that the haystack holds.
func containsText(hay, needle string) bool {
	return needle != "" && strings.Contains(hay, needle)
}

// window returns the range of the body (text1 of diffs) that the table's
// text aligns with: from the first to the last stretch both share, where
// a stretch counts when it is at least four characters long.
func window(diffs []diffmatchpatch.Diff) (int, int) {
	pos, start, end := 0, -1, -1
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			if n >= 4 {
				if start < 0 {
					start = pos
				}
				end = pos + n
			}
			pos += n
		case diffmatchpatch.DiffDelete:
			pos += n
		}
	}
	return start, end
}

// shortDiff writes at most limit changes as …context[-body-]{+table+}context…;
// changes closer than a few characters are shown as one.
func shortDiff(diffs []diffmatchpatch.Diff, limit int) string {
	const ctx = 6
	type hunk struct{ from, to int } // indexes into diffs, to exclusive
	var hunks []hunk
	for i, d := range diffs {
		if d.Type == diffmatchpatch.DiffEqual {
			continue
		}
		if n := len(hunks); n > 0 {
			last := &hunks[n-1]
			gap := 0
			for _, e := range diffs[last.to:i] {
				gap += len([]rune(e.Text))
			}
			if gap <= 2*ctx {
				last.to = i + 1
				continue
			}
		}
		hunks = append(hunks, hunk{i, i + 1})
	}
	var parts []string
	for k, h := range hunks {
		if k == limit {
			break
		}
		var b strings.Builder
		if h.from > 0 {
			r := []rune(diffs[h.from-1].Text)
			if len(r) > ctx {
				b.WriteString("…")
				r = r[len(r)-ctx:]
			}
			b.WriteString(string(r))
		}
		for _, d := range diffs[h.from:h.to] {
			switch d.Type {
			case diffmatchpatch.DiffDelete:
				b.WriteString("[-" + d.Text + "-]")
			case diffmatchpatch.DiffInsert:
				b.WriteString("{+" + d.Text + "+}")
			default:
				b.WriteString(d.Text)
			}
		}
		if h.to < len(diffs) {
			r := []rune(diffs[h.to].Text)
			if len(r) > ctx {
				b.WriteString(string(r[:ctx]) + "…")
			} else {
				b.WriteString(string(r))
			}
		}
		parts = append(parts, b.String())
	}
	s := strings.Join(parts, "；")
	if len(hunks) > limit {
		s += fmt.Sprintf("（另有%d处）", len(hunks)-limit)
	}
	return s
}

// matchItem finds the body item whose text a table row restates: the item
// holding the largest share of the row's character pairs, when that share
// is at least 0.6 and clearly above the next item's.
func (p *parser) matchItem(text string) (sec, item int, ok bool) {
	want := bigrams([]rune(fold(text)))
	if len(want) == 0 {
		return 0, 0, false
	}
	best, second := 0.0, 0.0
	for _, s := range p.sections {
		for _, it := range s.items {
			body, found := p.bodyText(s.number, it.number, 0)
			if !found {
				continue
			}
			have := bigrams([]rune(fold(body)))
			n := 0
			for b := range want {
				if have[b] {
					n++
				}
			}
			score := float64(n) / float64(len(want))
			switch {
			case score > best:
				second, best = best, score
				sec, item = s.number, it.number
			case score > second:
				second = score
			}
		}
	}
	return sec, item, best >= 0.6 && best-second >= 0.15
}

func bigrams(r []rune) map[[2]rune]bool {
	out := map[[2]rune]bool{}
	for i := 0; i+1 < len(r); i++ {
		out[[2]rune{r[i], r[i+1]}] = true
	}
	return out
}
