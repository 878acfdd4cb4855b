package notice

import (
	"fmt"
	"strings"
)

// After the header a notice is a run of parts: numbered body, then a
// tail (signature, attachments, tables, footer), then perhaps another
// numbered part — the plan a cover letter sends — and its tail. A table
// or a page note may also interrupt a body that then goes on.

// restState is what the reading of the parts and tails has seen.
type restState struct {
	body   *bodyReader // the part being read, or nil before the first
	inBody bool
	// boundary is true after a signature or the attachments' heading:
	// a heading numbered 1 after it opens a new part.
	boundary bool
	// intro holds tail lines that may open the next part (its title and
	// opening words) or, if none follows, end the notice.
	intro []line
	// attaching is true right after 附件：1.…, whose list may go on.
	attaching bool
}

// readRest reads everything after the header.
func (p *parser) readRest(lines []line) {
	var st restState
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.table == nil && l.blank() {
			continue
		}
		if st.inBody {
			if !endsBody(lines, i) {
				p.bodyLine(&st, lines, i)
				continue
			}
			st.inBody = false
			// A table right under a section heading with no items (一、
			// 项目清单) is that section's list.
			if sec := st.body.sec; l.table != nil && sec != nil && len(sec.items) == 0 {
				l.table.under = sec
			}
			// The line just above a table is its caption, not body text.
			if last, ok := st.body.lastParagraph(); ok && l.table != nil && isCaption(last) {
				st.body.takeLast()
				st.intro = append(st.intro, last)
			}
		}
		if l.table == nil && p.resumesBody(&st, l) {
			p.openPart(&st, lines, i)
			continue
		}
		i = p.tailLine(&st, lines, i)
	}
	if st.body != nil {
		p.parts = append(p.parts, st.body.finishPart())
	}
	p.flushIntro(st.intro)
}

// bodyLine reads a line of a part, opening a new part where the
// numbering starts again.
func (p *parser) bodyLine(st *restState, lines []line, i int) {
	l := lines[i]
	if p.planAfterCover(st.body, lines, i) {
		p.newPart(st, lines, i)
		return
	}
	if !st.body.startsPart(l.trim()) {
		st.body.add(l)
		return
	}
	// A plan's title just above its 一、 belongs to the plan.
	if last, ok := st.body.lastParagraph(); ok && isPlanTitle(last) {
		st.body.takeLast()
		st.intro = append(st.intro, last)
	}
	p.openPart(st, lines, i)
}

// resumesBody reports a tail line that is a heading of the body: of the
// part read so far, or of the next.
func (p *parser) resumesBody(st *restState, l line) bool {
	h, ok := headingOf(l, p.decimal)
	if !ok {
		return false
	}
	switch h.style {
	case styleCN, styleCNParen, styleChapter:
		return true
	case styleDecimal:
		return len(h.path) <= 2
	case styleDigit, styleDigitParen:
		return h.style == p.topStyle && !st.attaching
	}
	return false
}

// openPart starts reading lines[i]: a new part when there is none yet,
// when the numbering starts again, or when a heading numbered 1 follows
// a signature or the attachments' heading; else the body read so far
// goes on after an interruption.
func (p *parser) openPart(st *restState, lines []line, i int) {
	l := lines[i]
	st.inBody = true
	if st.body != nil && !st.body.startsPart(l.trim()) && !(st.boundary && startsNumbering(l, p.decimal)) {
		p.flushIntro(st.intro)
		st.intro = nil
		st.body.add(l)
		return
	}
	p.newPart(st, lines, i)
}

// newPart opens a part at lines[i].
func (p *parser) newPart(st *restState, lines []line, i int) {
	l := lines[i]
	st.inBody = true
	if st.body != nil {
		p.parts = append(p.parts, st.body.finishPart())
	}
	st.body = p.newBodyReader(l)
	st.body.itemsAtTop = itemsAtTop(partLines(lines, i), p.decimal, p.chapters)
	st.body.pt.intro = st.intro
	st.intro, st.boundary = nil, false
	st.body.add(l)
}

// planAfterCover reports a heading numbered 1 that opens the plan a cover
// letter sends, with no signature or title between them: the cover's
// 一、二、三、 are paragraphs without duties (高度重视… 压实责任…), the last
// of them no lead-in to a list (…如下：), and the 1. 2. after it state the
// duties.
func (p *parser) planAfterCover(b *bodyReader, lines []line, i int) bool {
	if !b.itemsAtTop || b.item == nil || len(b.item.subs) > 0 {
		return false
	}
	h, ok := headingOf(lines[i].trim(), b.decimal)
	if !ok || h.num != 1 || !b.itemsAtTop || b.item == nil || len(b.item.subs) > 0 || b.item.label == "" {
		return false
	}
	if h.style == styleCN || h.style == styleDecimal || h.style == styleChapter {
		return false
	}
	last := b.item.heading
	if n := len(b.item.paras); n > 0 {
		last = b.item.paras[n-1]
	}
	if isHeadingLike(b.item.heading) || announcesList(last.norm) || p.partHasDuties(b.pt) {
		return false
	}
	for _, l := range partLines(lines, i) {
		for _, d := range p.quietDuties(l.trim()) {
			if !d.fieldOnly {
				return true
			}
		}
	}
	return false
}

// announcesList reports a paragraph whose last sentence leads in to a
// list: …如下：, 重点做好以下工作。
func announcesList(norm string) bool {
	t := strings.TrimSpace(norm)
	if strings.HasSuffix(t, "：") {
		return true
	}
	t = strings.TrimRight(t, "。")
	if i := strings.LastIndexAny(t, "。；"); i >= 0 {
		t = t[i:]
	}
	return strings.Contains(t, "以下") || strings.Contains(t, "如下") || strings.Contains(t, "下列")
}

// startsNumbering reports a heading numbered 1: 一、, （一）, 1.
func startsNumbering(l line, decimal bool) bool {
	h, ok := headingOf(l, decimal)
	return ok && h.num == 1
}

// partLines returns the lines from i to the end of the body run they
// open, to tell how the run numbers its items.
func partLines(lines []line, i int) []line {
	j := i + 1
	for j < len(lines) && !endsBody(lines, j) {
		j++
	}
	return lines[i:j]
}

// tailLine reads a line after the body: a table, the footer, a
// signature, notes, the attachments, a date; it returns the index of
// the last line it took.
func (p *parser) tailLine(st *restState, lines []line, i int) int {
	l := lines[i]
	if l.table != nil {
		if n := len(st.intro); n > 0 && isCaption(st.intro[n-1]) {
			l.table.caption = strings.TrimSpace(st.intro[n-1].orig)
			st.intro = st.intro[:n-1]
		}
		p.flushIntro(st.intro)
		st.intro = nil
		p.tables = append(p.tables, l.table)
		return i
	}
	t := strings.TrimSpace(l.norm)
	if st.attaching && isAttachmentItem(l) {
		p.n.Attachments = append(p.n.Attachments, strings.TrimSpace(l.orig))
		return i
	}
	st.attaching = false
	if p.parseFooter(l) || isChrome(l) {
		// The page's furniture after the article (打印本页, 扫一扫在手机打开
		// 当前页, 上一篇) is dropped as above it.
		return i
	}
	if d, next, ok := isSignature(lines, i); ok {
		p.signature(strings.TrimSpace(l.orig), d)
		st.boundary = true
		return next - 1
	}
	switch {
	case noteRe.MatchString(t) || leadFirstNoteRe.MatchString(t):
		p.n.Notes = append(p.n.Notes, strings.TrimSpace(l.orig))
	case attachRefRe.MatchString(t):
		m := attachRefRe.FindStringIndex(t)
		lt := l.trim()
		p.n.Attachments = append(p.n.Attachments, strings.TrimSpace(lt.cut(m[1], len(lt.norm))))
		st.boundary, st.attaching = true, true
	case attachHead.MatchString(t):
		p.flushIntro(st.intro)
		st.intro = nil
		st.boundary = true
	case isDateOnly(l):
		if d, _ := isDateLine(l); p.n.Date == "" {
			p.n.Date = d
		}
	default:
		st.intro = append(st.intro, l)
	}
	return i
}

// flushIntro keeps tail lines that opened no part as the closing words:
// a caption quietly, other text with a warning.
func (p *parser) flushIntro(intro []line) {
	for _, l := range intro {
		p.n.Closing = append(p.n.Closing, strings.TrimSpace(l.orig))
		if !isCaption(l) {
			p.warn(l.num, "正文之后的这段文字既不是表格也不是版记，作为结尾保留")
		}
	}
}

// resolveParts makes the notice's sections from its parts. A first part
// without duties followed by another is a cover letter: its text joins
// the preamble, and the plan it sends is the body. Parts whose section
// numbers would repeat are numbered on, with a warning.
func (p *parser) resolveParts() {
	parts := p.parts
	if len(parts) > 1 && !p.partHasDuties(parts[0]) {
		for _, l := range parts[0].lines {
			p.n.Preamble = append(p.n.Preamble, strings.TrimSpace(l.orig))
		}
		p.n.Closing = append(p.n.Closing, p.lineTexts(parts[0].intro)...)
		parts = parts[1:]
		p.n.Preamble = append(p.n.Preamble, p.lineTexts(parts[0].intro)...)
		parts[0].intro = nil
	}
	used := map[int]bool{}
	next := 0 // the number after the highest section so far
	for k, pt := range parts {
		if k == 0 {
			p.n.Preamble = append(p.n.Preamble, p.lineTexts(pt.intro)...)
			p.n.Preamble = append(p.n.Preamble, p.lineTexts(pt.pre)...)
		} else {
			p.n.Closing = append(p.n.Closing, p.lineTexts(pt.intro)...)
			p.n.Closing = append(p.n.Closing, p.lineTexts(pt.pre)...)
		}
		offset, low := 0, -1
		for _, s := range pt.sections {
			if low < 0 || s.number < low {
				low = s.number
			}
			if used[s.number] {
				offset = next - low
			}
		}
		if offset != 0 && len(pt.sections) > 0 {
			p.warn(pt.line, fmt.Sprintf("编号在此重新开始：作为通知的另一部分读入，其各部分从“%s、”起接着编号", cnNum(next)))
		}
		for _, s := range pt.sections {
			s.number += offset
			for _, it := range s.items {
				it.section = s.number
			}
			used[s.number] = true
			next = max(next, s.number+1)
		}
		p.sections = append(p.sections, pt.sections...)
		p.n.Closing = append(p.n.Closing, p.lineTexts(pt.closing)...)
	}
}

func (p *parser) lineTexts(ls []line) []string {
	var out []string
	for _, l := range ls {
		if s := strings.TrimSpace(l.orig); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// partHasDuties reports a part that assigns a duty in its text.
func (p *parser) partHasDuties(pt *part) bool {
	for _, l := range pt.lines {
		for _, d := range p.quietDuties(l.trim()) {
			if !d.fieldOnly {
				return true
			}
		}
	}
	return false
}
