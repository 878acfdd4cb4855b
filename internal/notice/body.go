package notice

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"qingdan/internal/textnorm"
	"qingdan/internal/units"
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
	label   string
	title   string
	sep     string
	line    int
	paras   []line
	heading line
	full    line // the whole line, number included
}

// name is the item as messages name it: its numbering as written
// (（三）, 2.1), or as notices number items when the table made it.
func (it *itemBlock) name() string {
	if it.label != "" {
		return it.label
	}
	return "（" + cnNum(it.number) + "）"
}

// name is the sub-item as messages name it: 2. or （2）, 2.1.3.
func (sb *subBlock) name() string {
	if sb.label != "" {
		return sb.label
	}
	return fmt.Sprint(sb.number)
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

// titleWithoutDuty takes a duty written in a heading out of its title:
// 强化组织领导（责任单位：市委组织部） is titled 强化组织领导.
func titleWithoutDuty(title string) string {
	t := strings.TrimSpace(title)
	norm := textnorm.String(t)
	l := line{orig: t, norm: norm}
	if strings.HasSuffix(norm, "）") {
		if i := strings.LastIndex(norm, "（"); i > 0 && units.IsDuty(strings.TrimSuffix(norm[i+len("（"):], "）")) {
			return strings.TrimSpace(l.cut(0, i))
		}
	}
	if strings.HasPrefix(norm, "（") {
		if j := strings.Index(norm, "）"); j > 0 && j+len("）") < len(norm) && units.IsDuty(norm[len("（"):j]) {
			return strings.TrimSpace(l.cut(j+len("）"), len(norm)))
		}
	}
	return title
}

// gluedDigitRe is a number 1. whose text opens with digits: 11.121人才….
var gluedDigitRe = regexp.MustCompile(`^(\d{1,3})([.、])(\d+(?:\.\d+)?)(\p{Han}|%)`)

// gluedDigit reads a line numbered want whose text opens with digits:
// 11.121人才梯队项目 after 10. is item 11, of a project named 121人才梯队.
// Only the number the list expects is read so, and after a point only
// before a word, not before a measure (12.5万亿元); 12、2.5万元 is item 12.
func gluedDigit(l line, want int) (heading, bool) {
	m := gluedDigitRe.FindStringSubmatchIndex(l.norm)
	if m == nil {
		return heading{}, false
	}
	n, _ := strconv.Atoi(l.norm[m[2]:m[3]])
	// 12、2.5万元 cannot be a number, 12.5万元 can.
	decimal := l.norm[m[4]:m[5]] == "."
	if n != want || (decimal && strings.ContainsAny(l.norm[m[8]:m[9]], "万亿元倍")) {
		return heading{}, false
	}
	return heading{style: styleDigit, num: n, rest: l.sub(m[6], len(l.norm))}, true
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

// bodyReader reads the lines of one part of the body into sections,
// items and sub-items. Sections are numbered 一、 (or 1 in a plan numbered
// by decimals). The first other style met in a section numbers its items,
// the next one its sub-items: 1. is a sub-item under （一） and an item
// directly under 一、. Deeper numbering is text of the sub-item.
type bodyReader struct {
	p       *parser
	pt      *part
	decimal bool
	// chapters is true for a plan divided into 第一部分 above its 一、:
	// the chapters are then its sections, and 一、 its items.
	chapters bool
	// itemsAtTop is true when most 一、 lines are paragraphs, not
	// headings: they are then the items of an untitled section 0.
	itemsAtTop bool

	sec       *sectionBlock
	item      *itemBlock
	sub       *subBlock
	itemStyle style
	subStyle  style
	// lastDigit is the number of the last heading numbered 1. read, for
	// one whose text opens with digits (11.121人才梯队项目).
	lastDigit int
}

// part is one run of numbered body: the notice's own, or that of a plan
// it sends (a cover letter 一、二、 and its plan 一、二、 are two parts).
type part struct {
	sections []*sectionBlock
	lines    []line // every line, for a cover folded into the preamble
	// intro holds the lines between the end of the previous part and
	// this one: the plan's title and its opening words.
	intro []line
	// pre holds paragraphs before the part's first heading.
	pre []line
	// closing holds unnumbered paragraphs after the last duty of the
	// part's last item: 各地区各部门要…, 有关要求.
	closing []line
	line    int
}

func (p *parser) newBodyReader(first line) *bodyReader {
	return &bodyReader{p: p, pt: &part{line: first.num}, decimal: p.decimal, chapters: p.chapters}
}

// add reads one line of the part.
func (b *bodyReader) add(raw line) {
	if raw.blank() || raw.table != nil {
		return
	}
	b.pt.lines = append(b.pt.lines, raw)
	l := raw.trim()
	h, ok := headingOf(l, b.decimal)
	if !ok && !b.decimal {
		h, ok = gluedDigit(l, b.lastDigit+1)
	}
	if ok && h.style == styleDigit {
		b.lastDigit = h.num
	}
	if ps := b.current(); !ok && len(*ps) > 0 && isBareLabel((*ps)[len(*ps)-1]) && !isLabelLine(l) {
		// 责任单位： with its units on the next line.
		last := &(*ps)[len(*ps)-1]
		last.orig += l.orig
		last.norm += l.norm
		return
	}
	switch {
	case !ok:
	case b.isSection(h):
		b.newSection(l, h)
		return
	case b.isItem(h):
		b.newItem(l, h)
		return
	case b.isSub(h):
		b.newSub(l, h)
		return
	}
	ps := b.current()
	if n := len(b.pt.lines); (len(*ps) > 0 || b.item != nil) && n > 1 && !strings.HasSuffix(strings.TrimSpace(b.pt.lines[n-2].norm), "：") {
		// Under text, a line of units alone is that text's duty; under
		// 成员单位： it is the list the colon announces.
		l.unitLine = units.IsUnitLine(l.norm)
	}
	*ps = append(*ps, l)
}

// lastParagraph returns the last line read when it was a paragraph, not
// a heading.
func (b *bodyReader) lastParagraph() (line, bool) {
	if ps := b.current(); ps != nil && len(*ps) > 0 {
		last := (*ps)[len(*ps)-1]
		if n := len(b.pt.lines); n > 0 && b.pt.lines[n-1].num == last.num {
			return last, true
		}
	}
	return line{}, false
}

// takeLast removes the paragraph lastParagraph returns.
func (b *bodyReader) takeLast() {
	ps := b.current()
	*ps = (*ps)[:len(*ps)-1]
	b.pt.lines = b.pt.lines[:len(b.pt.lines)-1]
}

// current returns the paragraphs of the block being read.
func (b *bodyReader) current() *[]line {
	switch {
	case b.sub != nil:
		return &b.sub.paras
	case b.item != nil:
		return &b.item.paras
	case b.sec != nil:
		return &b.sec.paras
	}
	return &b.pt.pre
}

func (b *bodyReader) isSection(h heading) bool {
	switch {
	case b.decimal:
		return h.style == styleDecimal && len(h.path) == 1
	case b.chapters:
		return h.style == styleChapter
	}
	return h.style == styleCN && !b.itemsAtTop
}

func (b *bodyReader) isItem(h heading) bool {
	switch {
	case b.decimal:
		return h.style == styleDecimal && len(h.path) == 2
	case h.style == styleDecimal, h.style == styleChapter:
		return false
	case b.itemStyle == noStyle:
		b.itemStyle = h.style
		return true
	}
	return h.style.rank() <= b.itemStyle.rank()
}

func (b *bodyReader) isSub(h heading) bool {
	switch {
	case b.item == nil:
		return false
	case b.decimal:
		return h.style == styleDecimal && len(h.path) == 3
	case b.subStyle == noStyle:
		b.subStyle = h.style
		return true
	}
	return h.style.rank() <= b.subStyle.rank()
}

// startsPart reports a heading that opens a new part: the first section
// number again (一、 after 三、), or the first item number again in a part
// without sections.
func (b *bodyReader) startsPart(l line) bool {
	h, ok := headingOf(l, b.decimal)
	if !ok || h.num != 1 || (b.decimal && len(h.path) != 1) {
		return false
	}
	if b.isTopStyle(h) {
		return len(b.pt.sections) > 0 && (b.pt.sections[0].number != 0 || len(b.pt.sections[0].items) > 0)
	}
	return false
}

// isTopStyle reports a heading of the part's top level: its sections, or
// its items when it has no sections.
func (b *bodyReader) isTopStyle(h heading) bool {
	switch {
	case b.decimal:
		return h.style == styleDecimal
	case b.chapters:
		return h.style == styleChapter
	case h.style == styleCN:
		return true
	case len(b.pt.sections) == 1 && b.pt.sections[0].number == 0:
		return h.style == b.itemStyle
	}
	return false
}

func (b *bodyReader) ensureSection(l line) {
	if b.sec == nil {
		b.sec = &sectionBlock{number: 0, line: l.num}
		b.pt.sections = append(b.pt.sections, b.sec)
	}
}

func (b *bodyReader) newSection(l line, h heading) {
	num := h.num
	if h.style == styleDecimal {
		num = h.path[0]
	}
	if free := nextNumber(len(b.pt.sections), func(i int) int { return b.pt.sections[i].number }, num); free != num {
		b.p.warn(l.num, fmt.Sprintf("“%s、”出现两次，后一个记作“%s、”", cnNum(num), cnNum(free)))
		num = free
	}
	title, body := "", line{}
	if isHeadingLike(h.rest) {
		title = strings.TrimSpace(strings.TrimRight(h.rest.orig, "。 "))
	} else {
		title, _, body = splitTitle(h.rest)
	}
	b.sec = &sectionBlock{number: num, label: label(l, h.rest), title: title, line: l.num}
	if !body.blank() {
		b.sec.paras = append(b.sec.paras, body)
	}
	b.pt.sections = append(b.pt.sections, b.sec)
	b.item, b.sub = nil, nil
	if !b.decimal {
		b.itemStyle, b.subStyle = noStyle, noStyle
	}
}

func (b *bodyReader) newItem(l line, h heading) {
	b.ensureSection(l)
	num := h.num
	if h.style == styleDecimal && h.path[0] != b.sec.number {
		b.p.warn(l.num, fmt.Sprintf("编号%s写在“%s、”之下，与其编号不符", label(l, h.rest), cnNum(b.sec.number)))
	}
	if free := nextNumber(len(b.sec.items), func(i int) int { return b.sec.items[i].number }, num); free != num {
		b.p.warn(l.num, fmt.Sprintf("（%s）出现两次，后一个记作（%s）", cnNum(num), cnNum(free)))
		num = free
	}
	title, sep, body := splitTitle(h.rest)
	title = titleWithoutDuty(title)
	b.item = &itemBlock{section: b.sec.number, number: num, label: label(l, h.rest), title: title, sep: sep, line: l.num, heading: h.rest}
	if !body.blank() {
		b.item.paras = append(b.item.paras, body)
	}
	b.sec.items = append(b.sec.items, b.item)
	b.sub = nil
	if !b.decimal {
		b.subStyle = noStyle
	}
}

func (b *bodyReader) newSub(l line, h heading) {
	num := h.num
	if free := nextNumber(len(b.item.subs), func(i int) int { return b.item.subs[i].number }, num); free != num {
		b.p.warn(l.num, fmt.Sprintf("%s下的第%d项出现两次，后一个记作第%d项", b.item.name(), num, free))
		num = free
	}
	title, sep, body := splitTitle(h.rest)
	title = titleWithoutDuty(title)
	b.sub = &subBlock{number: num, label: label(l, h.rest), title: title, sep: sep, line: l.num, heading: h.rest, full: l}
	if !body.blank() {
		b.sub.paras = append(b.sub.paras, body)
	}
	b.item.subs = append(b.item.subs, b.sub)
}

// nextNumber returns num when none of the n numbers at(0)…at(n-1) is
// num, else the number after the highest of them: a heading numbered
// twice is counted on, and no two blocks share a number.
func nextNumber(n int, at func(int) int, num int) int {
	taken, high := false, 0
	for i := 0; i < n; i++ {
		taken = taken || at(i) == num
		high = max(high, at(i))
	}
	if !taken {
		return num
	}
	return high + 1
}

// itemsAtTop reports a run of body lines whose 一、 lines are mostly
// paragraphs (一、对…（X负责）) rather than headings.
func itemsAtTop(lines []line, decimal, chapters bool) bool {
	if decimal || chapters {
		return false
	}
	tops, headings := 0, 0
	for _, l := range lines {
		if l.table != nil {
			continue
		}
		if h, ok := headingOf(l, false); ok && h.style == styleCN {
			tops++
			if isHeadingLike(h.rest) {
				headings++
			}
		}
	}
	return tops > 0 && headings*2 < tops
}

// finishPart sets apart the closing words that follow the last duty of
// the part's last item: they belong to no item.
func (b *bodyReader) finishPart() *part {
	pt := b.pt
	if len(pt.sections) == 0 {
		return pt
	}
	last := pt.sections[len(pt.sections)-1]
	if len(last.items) == 0 {
		return pt
	}
	it := last.items[len(last.items)-1]
	paras := &it.paras
	if n := len(it.subs); n > 0 {
		paras = &it.subs[n-1].paras
	}
	cut := len(*paras)
	for cut > 0 && !b.p.hasDuty((*paras)[cut-1]) {
		cut--
	}
	if cut == 0 && !b.p.hasDuty(it.heading) {
		return pt // no duty in the last item: nothing tells its end
	}
	if len(it.subs) == 0 && b.p.dutyAfterTitle(it) {
		// The item's one duty stands in its heading (1.制定清单。（牵头单位：
		// X）): the paragraphs under it are its text, up to closing words.
		cut = len(*paras)
		for cut > 0 && closingRe.MatchString(strings.TrimSpace((*paras)[cut-1].norm)) {
			cut--
		}
	}
	pt.closing = append(pt.closing, (*paras)[cut:]...)
	*paras = (*paras)[:cut]
	return pt
}

// dutyAfterTitle reports an item whose heading is a title and a duty
// (1.制定清单。（牵头单位：X）), the duty covering the text under it.
func (p *parser) dutyAfterTitle(it *itemBlock) bool {
	for _, d := range p.quietDuties(it.heading) {
		if d.fieldOnly {
			continue
		}
		before := trimLead(it.heading.cut(0, d.start))
		after := strings.Trim(it.heading.norm[d.end:], "。；， ")
		return before != "" && isTitleSentence(before) && after == ""
	}
	return false
}

// closingRe opens the closing words of a notice: what every recipient is
// asked, when the notice takes effect, whom to call.
var closingRe = regexp.MustCompile(`^(?:各[^。，；]{0,20}?(?:要|应|须|务必)|请各|本(?:通知|方案|意见|办法|细则|措施|计划|清单)|以上|上述|特此|联系人|联系电话|有关要求|工作要求)`)

// checkNumbering warns about numbers that skip or repeat, the sign of a
// lost or doubled paragraph.
func (p *parser) checkNumbering() {
	prevSec := 0
	prevItem, prevName := 0, "（零）"
	runOn := 0 // sub-items numbered on across items: 1.–21. through （一）…（五）
	// digits is the last number of the series numbered 1. 2., which may
	// run on through items and sub-items alike: 1. under 一、, 2.–31.
	// under its （一）…, 40. under 四、 again.
	digits := 0
	onDigits := func(label string, n int) bool {
		ok := isDigitLabel(label) && n == digits+1
		if isDigitLabel(label) {
			digits = n
		}
		return ok
	}
	for _, s := range p.sections {
		if s.number != 0 && s.number != prevSec+1 {
			p.warn(s.line, fmt.Sprintf("“%s、”紧接在“%s、”之后：是否有缺漏或重复？", cnNum(s.number), cnNum(prevSec)))
		}
		if s.number != 0 {
			prevSec = s.number
		}
		for i, it := range s.items {
			// Items run on across sections in most notices, restart in some.
			inSeries := onDigits(it.label, it.number)
			if it.number != prevItem+1 && !(i == 0 && it.number == 1) && !inSeries {
				p.warn(it.line, fmt.Sprintf("%s紧接在%s之后：是否有缺漏或重复？", it.name(), prevName))
			}
			prevItem, prevName = it.number, it.name()
			prevSub := 0
			for k, sb := range it.subs {
				inSeries := onDigits(sb.label, sb.number)
				if sb.number != prevSub+1 && !(k == 0 && sb.number == runOn+1) && !inSeries {
					p.warn(sb.line, fmt.Sprintf("%s下的第%d项紧接在第%d项之后：是否有缺漏或重复？", it.name(), sb.number, prevSub))
				}
				prevSub = sb.number
				runOn = sb.number
			}
		}
	}
}

// isDigitLabel reports a heading numbered 1. or 1、.
func isDigitLabel(label string) bool {
	t := strings.TrimRight(label, ".、．")
	return t != label && t != "" && strings.Trim(t, "0123456789") == ""
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
