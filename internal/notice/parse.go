package notice

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/source/read"
	"qingdan/internal/units"
)

// Error is a notice that cannot be read at all. Line is 0 when the
// problem is the whole file.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNoNotice is returned for a text that holds no notice: no numbered
// sections or items and no table of duties.
var ErrNoNotice = errors.New("没有找到带编号的部分（一、）、条目（（一））或任务分工表：这是一份通知吗？是否完整？")

type parser struct {
	n        *Notice
	sections []*sectionBlock
	parts    []*part
	tables   []*table
	// decimal is true for a plan numbered 1 / 1.1 / 1.1.1.
	decimal bool
	// topStyle is the numbering of a notice (or an excerpt of one)
	// numbered only 1. 2. or only （1）（2）: its top headings. noStyle
	// for a notice with 一、 or （一）.
	topStyle style
	// chapters is true for a plan divided into 第一部分 / 第一章.
	chapters bool

	tableTasks      []Task
	leadFirst       bool
	responsibleLead bool
	standing        []units.Assignment

	ccText       string
	headerIssuer string
	// draftDate is a date in brackets under the title (（2015年9月15日）),
	// taken when no signature or metadata dates the notice.
	draftDate     string
	meta          metaHeader
	hasBody       bool
	tableSections map[*table]*sectionBlock
	titleWarned   map[string]bool
	// duties caches the duties found in each line.
	duties map[dutyKey]foundDuties
	// guessMerges is true for a format that cannot mark a merged cell
	// (plain text): an empty cell may then continue the one above.
	guessMerges bool
}

// metaHeader holds what a page's metadata says of the notice.
type metaHeader struct {
	docNumber, issuer, date, published, title string
	// source is the body a page says the text came from (来源), the
	// issuer only when neither the text nor the title names one.
	source string
}

func (p *parser) warn(line int, msg string) {
	p.n.Warnings = append(p.n.Warnings, Warning{Line: line, Message: msg})
}

var leadFirstNoteRe = regexp.MustCompile(`(列|排|排名)在?(第一位|首位|第一)(者|的)?(单位|部门)?(为|是)牵头(单位|部门)`)

// Parse reads a notice from the bytes of a file; name is the file name
// for messages. The format is told by content (plain text, Word .docx, a
// page saved from a portal; see internal/source/read), and the document
// parsed (see ParseDocument).
func Parse(data []byte, name string) (*Notice, error) {
	doc, err := read.Document(data, name)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return ParseDocument(doc)
}

// ParseDocument reads a notice from a document of any format. It never
// panics on bad input: text it cannot place becomes a warning, and a
// document that is not a notice an *Error.
func ParseDocument(doc *source.Document) (n *Notice, err error) {
	name := doc.Name
	defer func() {
		// A panic here is a bug of ours; report it against the file rather
		// than crash a build of many notices.
		if r := recover(); r != nil {
			n, err = nil, &Error{File: name, Err: fmt.Errorf("解析时出现内部错误：%v", r)}
		}
	}()
	p := &parser{
		n:             &Notice{Source: name, Encoding: doc.Encoding},
		tableSections: map[*table]*sectionBlock{},
		titleWarned:   map[string]bool{},
		guessMerges:   doc.Format == "txt" || doc.Format == "",
	}
	p.applyMeta(doc.Meta)
	lines := documentLines(doc)
	p.decimal = isDecimalPlan(lines)
	p.chapters = !p.decimal && hasChapters(lines)
	lines = p.dropContents(lines)

	bodyStart, topStyle := bodyStart(lines, p.decimal)
	p.topStyle = topStyle
	bodyStart = captionOfFirstTable(lines, bodyStart)
	p.parseHeader(lines[:bodyStart])
	p.readRest(lines[bodyStart:])
	p.resolveParts()
	if len(p.sections) == 0 && len(p.tables) == 0 {
		p.listParagraph(lines)
	}
	p.hasBody = len(p.sections) > 0
	p.checkNumbering()
	// A note such as 注：列第一位者为牵头单位 outside any bracket sets the
	// rule for the table's rows.
	for _, l := range lines {
		if !strings.Contains(l.norm, "牵头") {
			continue // what the pattern needs
		}
		if loc := leadFirstNoteRe.FindStringIndex(l.norm); loc != nil && l.table == nil && bracketDepth(l.norm[:loc[0]]) == 0 {
			p.leadFirst = true
		}
	}
	for _, t := range p.tables {
		p.parseTable(t)
	}
	// Body duties declare their own rules, in order.
	p.leadFirst, p.responsibleLead, p.standing = false, false, nil

	p.fromCarrier(doc)
	p.finish()
	placeWarnings(p.n, doc)
	if len(p.n.Sections) == 0 && len(p.n.Tasks) == 0 {
		return nil, &Error{File: name, Err: ErrNoNotice}
	}
	return p.n, nil
}

// bodyStart returns the index of the first line of the body: the first
// section or item heading, or the first table. A notice numbered only
// 1. 2. (or （1）（2）) starts at its first such line, whose style is then
// returned as its top.
func bodyStart(lines []line, decimal bool) (start int, top style) {
	digits := -1
	for i, l := range lines {
		if l.table != nil {
			return i, noStyle
		}
		h, ok := headingOf(l, decimal)
		switch {
		case !ok:
		case h.style == styleCN, h.style == styleCNParen, h.style == styleChapter:
			return i, noStyle
		case h.style == styleDecimal && len(h.path) == 1:
			return i, noStyle
		case (h.style == styleDigit || h.style == styleDigitParen) && digits < 0:
			digits, top = i, h.style
		}
	}
	if digits >= 0 {
		return digits, top
	}
	return len(lines), noStyle
}

// captionOfFirstTable moves the caption of a table that opens the body
// out of the header, when the header is complete above it (recipients,
// a signature or the attachments' heading stand before it): 附件 /
// 重点任务分工表 / the table.
func captionOfFirstTable(lines []line, start int) int {
	if start == 0 || start >= len(lines) || lines[start].table == nil || !isCaption(lines[start-1]) {
		return start
	}
	for i := 0; i < start-1; i++ {
		t := strings.TrimSpace(lines[i].norm)
		if attachHead.MatchString(t) || attachRefRe.MatchString(t) || isRecipients(t) {
			return start - 1
		}
		if _, _, ok := isSignature(lines, i); ok {
			return start - 1
		}
	}
	return start
}

// dropContents removes a table of contents (目录 and the headings it
// lists, up to where the first of them is written again).
func (p *parser) dropContents(lines []line) []line {
	for i, l := range lines {
		if l.table != nil || !contentsRe.MatchString(strings.TrimSpace(l.norm)) {
			continue
		}
		first := -1
		for j := i + 1; j < len(lines); j++ {
			if lines[j].table != nil || lines[j].blank() {
				continue
			}
			if first < 0 {
				first = j
				continue
			}
			if compactLine(lines[j]) == compactLine(lines[first]) {
				out := append([]line{}, lines[:i]...)
				return append(out, lines[j:]...)
			}
		}
		return lines
	}
	return lines
}

func compactLine(l line) string { return unspaced(strings.TrimSpace(l.norm)) }

func isDateOnly(l line) bool {
	_, ok := isDateLine(l)
	return ok
}

func bracketDepth(s string) int {
	d := 0
	for _, r := range s {
		switch r {
		case '（':
			d++
		case '）':
			if d > 0 {
				d--
			}
		}
	}
	return d
}

// finish assembles the notice from the blocks and the tasks.
func (p *parser) finish() {
	n := p.n
	p.completeHeader()
	n.Tasks = p.orderTasks()
	n.Sections = p.sectionModel()
	if n.Preamble == nil {
		n.Preamble = []string{}
	}
	if n.CC == nil {
		n.CC = []string{}
	}
	if len(n.Tasks) == 0 && len(n.Sections) > 0 {
		p.warn(0, "没有找到分工：没有任务分工表（责任单位），正文中也没有（X负责）或“牵头单位：”")
	}
	if n.Date == "" {
		p.warn(0, "没有找到成文日期（没有落款日期，也没有“××××年×月×日印发”一行）：通知是否完整？")
	}
	if n.Title == "" {
		p.warn(0, "没有找到标题（主送单位之前应有“关于……的通知”这样的一行）")
	}
	if n.DocNumber == "" {
		p.warn(0, "没有找到文号（如忻政发〔2024〕1号）")
	}
	sort.SliceStable(n.Warnings, func(i, j int) bool { return n.Warnings[i].Line < n.Warnings[j].Line })
	n.Warnings = oncePerName(n.Warnings)
	if n.Warnings == nil {
		n.Warnings = []Warning{}
	}
}

// completeHeader fills what the text left out of the header: from the
// red head, the page's metadata, the title; the notice's own text wins.
func (p *parser) completeHeader() {
	n := p.n
	if p.ccText != "" {
		n.CC = splitList(p.ccText)
	}
	if p.headerIssuer != "" {
		n.Issuer = p.headerIssuer
	}
	if n.Issuer == "" {
		n.Issuer = p.meta.issuer
	}
	metaTitle, metaDoc := cleanTitle(p.meta.title)
	if n.DocNumber == "" {
		n.DocNumber = firstNonEmpty(p.meta.docNumber, metaDoc)
	}
	if n.Title == "" {
		n.Title = metaTitle
	} else if !strings.Contains(n.Title, "关于") && len(compact(metaTitle)) > len(compact(n.Title)) && strings.Contains(compact(metaTitle), compact(n.Title)) {
		// The text's title is a caption above a table (2021年政务公开
		// 工作重点任务台账); the page names the notice in full. A title of
		// 关于… is the notice's own, issuer left out or not.
		n.Title = metaTitle
	}
	for _, t := range []string{n.Title, metaTitle} {
		if i := strings.Index(t, "关于"); n.Issuer == "" && i > 0 && isOrgLine(line{norm: t[:i]}) {
			n.Issuer = t[:i]
		}
	}
	if n.Issuer == "" {
		n.Issuer = p.meta.source
	}
	// The day the page went up is no 成文日期; without one the notice
	// is warned of as incomplete.
	n.Date = firstNonEmpty(n.Date, p.meta.date, n.PrintDate, p.draftDate)
	n.PublishDate = p.meta.published
}

// orderTasks joins the table's tasks and the body's, in the notice's
// order, and gives each its id from its place.
func (p *parser) orderTasks() []Task {
	covered := map[[2]int]bool{}
	for i := range p.tableTasks {
		t := &p.tableTasks[i]
		covered[[2]int{t.Section, t.Item}] = true
		if p.hasBody {
			p.compareWithBody(t)
		}
	}
	tasks := append(p.tableTasks, p.bodyTasks(covered)...)
	// Notice order: by the place of the task's section and item.
	order := map[[2]int]int{}
	for si, s := range p.sections {
		order[[2]int{s.number, 0}] = si * 10000
		for ii, it := range s.items {
			order[[2]int{s.number, it.number}] = si*10000 + ii + 1
		}
	}
	sort.SliceStable(tasks, func(i, j int) bool {
		return order[[2]int{tasks[i].Section, tasks[i].Item}] < order[[2]int{tasks[j].Section, tasks[j].Item}]
	})
	rows := map[[3]int]int{}
	for i := range tasks {
		t := &tasks[i]
		key := [3]int{t.Section, t.Item, t.Subitem}
		rows[key]++
		t.Row = rows[key]
		t.ID = fmt.Sprintf("%d-%d-%d-%d", t.Section, t.Item, t.Subitem, t.Row)
		setDeadline(t)
		if t.Units == nil {
			t.Units = []units.Assignment{}
		}
	}
	if tasks == nil {
		tasks = []Task{}
	}
	return tasks
}

// sectionModel makes the model's sections from the blocks.
func (p *parser) sectionModel() []Section {
	out := make([]Section, 0, len(p.sections))
	for _, s := range p.sections {
		sec := Section{Number: s.number, Label: s.label, Title: s.title, Text: joinOrig(s.paras), Line: s.line, Items: []Item{}}
		for _, it := range s.items {
			item := Item{Number: it.number, Section: s.number, Label: it.label, Title: it.title, Sep: it.sep, Line: it.line, Lead: joinOrig(it.paras)}
			for _, sb := range it.subs {
				item.Subitems = append(item.Subitems, Subitem{Number: sb.number, Label: sb.label, Title: sb.title, Sep: sb.sep, Text: joinOrig(sb.paras), Line: sb.line})
			}
			item.Text = ComposeText(item.Lead, item.Subitems)
			sec.Items = append(sec.Items, item)
		}
		out = append(out, sec)
	}
	return out
}

// oncePerName keeps the first of the warnings about the same unit name:
// a name the parser does not know is named once per notice, not at each
// of its duties.
func oncePerName(ws []Warning) []Warning {
	seen := map[string]bool{}
	out := ws[:0]
	for _, w := range ws {
		if strings.HasPrefix(w.Message, units.NameProblemPrefix) {
			if seen[w.Message] {
				continue
			}
			seen[w.Message] = true
		}
		out = append(out, w)
	}
	return out
}

func joinOrig(ls []line) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		if s := strings.TrimSpace(l.orig); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}
