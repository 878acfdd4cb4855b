package notice

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
	"qingdan/internal/units"
)

// A table reaches the grammar as rows of cells, whatever the format it
// came in (see internal/source); each cell keeps its line.

type tableRow struct {
	line  int
	cells []line
}

type table struct {
	caption string // the line above the table (重点任务分工), if any
	header  []string
	rows    []tableRow
	start   int // line number of the header
}

// tableOf reads a table block into rows of cells.
func tableOf(b source.Block) *table {
	t := &table{start: b.Pos.Line}
	for _, r := range b.Table.Rows {
		row := tableRow{line: r.Pos.Line}
		for _, c := range r.Cells {
			num := c.Line
			if num == 0 {
				num = r.Pos.Line
			}
			row.cells = append(row.cells, line{num: num, orig: c.Text, norm: textnorm.String(c.Text)}.trim())
		}
		t.rows = append(t.rows, row)
	}
	return t.withHeader()
}

// tableStart reports whether a table starts at lines[i].
func tableStart(lines []line, i int) bool { return lines[i].table != nil }

// readTable returns the table at lines[i] and the index after it.
func readTable(lines []line, i int) (*table, int) { return lines[i].table, i + 1 }

var columnWords = regexp.MustCompile(`单位|部门|任务|内容|事项|序号|编号|时限|时间|举措|措施|项目|名称|范围|备注|要求|目标|责任|分工|进度|领域|工作|类别|指标`)

func (t *table) withHeader() *table {
	if len(t.rows) == 0 {
		return t
	}
	first := t.rows[0]
	var names []string
	vocab := 0
	for _, c := range first.cells {
		name := textnorm.Compact(c.orig)
		if runeLen(name) > 12 || strings.ContainsAny(name, "。；") {
			return t
		}
		if columnWords.MatchString(name) {
			vocab++
		}
		names = append(names, name)
	}
	if vocab == 0 || len(names) < 2 {
		return t
	}
	t.header = names
	t.rows = t.rows[1:]
	return t
}

type colKind int

const (
	colField colKind = iota
	colSection
	colItem
	colNumber
	colTask
	colTitle
	colUnits
)

type column struct {
	name string
	kind colKind
	role units.Role // for colUnits
}

var (
	unitColRe   = regexp.MustCompile(`单位|部门|责任主体|责任处室|承办|牵头|配合`)
	personColRe = regexp.MustCompile(`领导|负责人|责任人|联系人|联络员|姓名`)
	numberColRe = regexp.MustCompile(`^(序号|编号|序|No\.?)$`)
	taskColRe   = regexp.MustCompile(`^(工作任务|重点任务|主要任务|具体任务|任务|工作措施|具体措施|主要措施|措施|主要内容|具体内容|工作内容|任务内容|内容|工作要求|任务要求|具体工作)$`)
	titleColRe  = regexp.MustCompile(`举措|事项|名称|项目|任务名称`)
	fieldColRe  = regexp.MustCompile(`时限|时间|期限|节点|进度|范围|备注|说明|目标|指标`)
	countRe     = regexp.MustCompile(`（?共?\d+项）?$`)
	totalRe     = regexp.MustCompile(`（共(\d+)项）`)
	announcedRe = regexp.MustCompile(`(\d+)项$`)
)

func unitColumnRole(name string) units.Role {
	switch {
	case strings.Contains(name, "牵头") || strings.Contains(name, "主办"):
		return units.Lead
	case strings.Contains(name, "配合") || strings.Contains(name, "协办") || strings.Contains(name, "参与"):
		return units.Cooperate
	case strings.Contains(name, "指导"):
		return units.Guide
	case strings.Contains(name, "督促"):
		return units.Supervise
	}
	return units.Responsible
}

// classify decides what each column holds, from its name and its cells.
func (t *table) classify() []column {
	width := len(t.header)
	if width == 0 {
		// No header: the widest row decides; the last column is units.
		for _, r := range t.rows {
			width = max(width, len(r.cells))
		}
	}
	cols := make([]column, width)
	values := make([][]string, width)
	for _, r := range t.rows {
		if len(r.cells) != width {
			continue
		}
		for j, c := range r.cells {
			if v := strings.TrimSpace(c.norm); v != "" {
				values[j] = append(values[j], v)
			}
		}
	}
	share := func(j int, f func(string) bool) float64 {
		if len(values[j]) == 0 {
			return 0
		}
		n := 0
		for _, v := range values[j] {
			if f(v) {
				n++
			}
		}
		return float64(n) / float64(len(values[j]))
	}
	avgLen := func(j int) float64 {
		if len(values[j]) == 0 {
			return 0
		}
		n := 0
		for _, v := range values[j] {
			n += runeLen(v)
		}
		return float64(n) / float64(len(values[j]))
	}
	isLevel := func(want int) func(string) bool {
		return func(v string) bool { lvl, _, _ := numbered(line{norm: v, orig: v}); return lvl == want }
	}
	for j := range cols {
		name := ""
		if j < len(t.header) {
			name = t.header[j]
		}
		cols[j].name = name
		switch {
		case name != "" && unitColRe.MatchString(name) && !taskColRe.MatchString(name) && !personColRe.MatchString(name):
			cols[j].kind, cols[j].role = colUnits, unitColumnRole(name)
		case numberColRe.MatchString(name) || (len(values[j]) > 0 && share(j, isInteger) == 1):
			cols[j].kind = colNumber
		case share(j, isLevel(1)) >= 0.6:
			cols[j].kind = colSection
		case share(j, isLevel(2)) >= 0.6:
			cols[j].kind = colItem
		}
	}
	if len(t.header) == 0 && width > 0 && cols[width-1].kind == colField {
		cols[width-1].kind, cols[width-1].role = colUnits, units.Responsible
	}
	// The task column: named so, else the longest text.
	task := -1
	for j := range cols {
		if cols[j].kind == colField && taskColRe.MatchString(cols[j].name) && (task < 0 || avgLen(j) > avgLen(task)) {
			task = j
		}
	}
	for j := range cols {
		if task >= 0 && avgLen(task) >= avgLen(j) {
			continue
		}
		if cols[j].kind == colField && !fieldColRe.MatchString(cols[j].name) && (task < 0 || avgLen(j) > 2*avgLen(task)) {
			task = j
		}
	}
	if task >= 0 {
		cols[task].kind = colTask
	}
	for j := range cols {
		if cols[j].kind == colField && j < task && !fieldColRe.MatchString(cols[j].name) && (titleColRe.MatchString(cols[j].name) || cols[j].name == "") {
			cols[j].kind = colTitle
			break
		}
	}
	return cols
}

func isInteger(s string) bool {
	_, err := strconv.Atoi(strings.TrimSpace(s))
	return err == nil
}

func colIndex(cols []column, k colKind) int {
	for j, c := range cols {
		if c.kind == k {
			return j
		}
	}
	return -1
}

// tableSection is a section heading met in a table: a cell of the section
// column or a row that spans the table.
type tableSection struct {
	number int
	title  string
	count  int // （共5项）, or -1
	line   int
	tasks  int
	// target is where the table section's tasks go in the notice.
	section, item int
	// flat is true for the one section of a table with neither section
	// nor item cells: each of its rows finds its body item by its text.
	flat bool
}

// parseTable turns the rows of a table into tasks, following merged cells
// (an empty cell repeats the one above), cells repeated at page breaks
// (the same section or item continues), rows with an extra sub-item cell,
// and sub-item numbers written inside the task text.
func (p *parser) parseTable(t *table) {
	if len(t.rows) == 0 {
		p.warn(t.start, "the table has a header but no rows")
		return
	}
	if len(t.header) == 0 {
		p.warn(t.start, "the table has no header row (序号, 工作任务, 责任单位 …); columns were inferred from their cells")
	}
	cols := t.classify()
	width := len(cols)
	secCol, itemCol, taskCol := colIndex(cols, colSection), colIndex(cols, colItem), colIndex(cols, colTask)
	if taskCol < 0 {
		p.warn(t.start, fmt.Sprintf("the table's columns (%s) include none for the task text", strings.Join(t.header, ", ")))
		return
	}
	if colIndex(cols, colUnits) < 0 {
		p.warn(t.start, fmt.Sprintf("the table's columns (%s) include none for responsible units (责任单位, 牵头单位, 指导部门 …)", strings.Join(t.header, ", ")))
	}
	expected := strings.Join(t.header, ", ")

	var (
		secs     []*tableSection
		curSec   *tableSection
		curItem  int
		curItemT string
		curSub   int
		curSubT  string
		above    = map[int]line{} // the cell above, for merged cells
	)
	// primary is the first column of units that lead or are responsible:
	// a task always has some, so an empty cell there continues the one
	// above. An empty cell of another column continues the one above only
	// within a group of rows: the rows of one 序号, or else of one item.
	primary := -1
	for j, c := range cols {
		if c.kind == colUnits && (primary < 0 || (cols[primary].role != units.Lead && cols[primary].role != units.Responsible && (c.role == units.Lead || c.role == units.Responsible))) {
			primary = j
		}
	}
	numCol := colIndex(cols, colNumber)
	newSection := func(num int, title string, l int) {
		above = map[int]line{} // a merged cell never spans sections
		count := -1
		if m := totalRe.FindStringSubmatch(title); m != nil {
			count, _ = strconv.Atoi(m[1])
		}
		curSec = &tableSection{number: num, title: title, count: count, line: l}
		secs = append(secs, curSec)
		curItem, curItemT, curSub, curSubT = 0, "", 0, ""
	}
	type pending struct {
		task    Task
		sec     *tableSection
		itemT   string
		subT    string
		noItem  bool
		cellRow tableRow
	}
	var rows []pending

	for _, r := range t.rows {
		cells := r.cells
		// A row spanning the table: a section heading.
		if nonEmpty(cells) == 1 && len(cells) < width && cells[0].norm != "" {
			lvl, num, rest := numbered(cells[0])
			if lvl == 1 || lvl == 2 {
				newSection(num, strings.TrimSpace(rest.orig), r.line)
				continue
			}
		}
		// Cut a footer glued to the last cell.
		if last := len(cells) - 1; last >= 0 {
			if i := strings.Index(cells[last].norm, "抄送："); i > 0 {
				p.parseFooter(cells[last].sub(i, len(cells[last].norm)))
				cells = append(cells[:last:last], cells[last].sub(0, i).trim())
			}
		}
		var extra []line
		switch {
		case len(cells) > width:
			// Extra cells before the task column are sub-item headings.
			n := len(cells) - width
			extra = cells[taskCol : taskCol+n]
			cells = append(append([]line{}, cells[:taskCol]...), cells[taskCol+n:]...)
		case len(cells) < width:
			p.warn(r.line, fmt.Sprintf("table row has %d cells, expected %d (%s); the missing cells were taken as empty", len(cells), width, expected))
			padded := make([]line, width)
			if fitsColumn(cols[0], cells[0]) {
				// A row of tab-joined cells loses its trailing cells.
				copy(padded, cells)
				for j := len(cells); j < width; j++ {
					padded[j] = line{num: r.line}
				}
			} else {
				// A lost cell line: keep the task and the units, which end
				// the row, by aligning it to the right.
				copy(padded[width-len(cells):], cells)
				for j := range padded[:width-len(cells)] {
					padded[j] = line{num: r.line}
				}
			}
			cells = padded
		}
		if secCol >= 0 && cells[secCol].norm != "" {
			lvl, num, rest := numbered(cells[secCol])
			title := strings.TrimSpace(rest.orig)
			if lvl != 1 {
				num = 0
				if curSec != nil {
					num = curSec.number + 1
				}
				p.warn(cells[secCol].num, fmt.Sprintf("section cell %q has no number 一、", cells[secCol].orig))
				title = strings.TrimSpace(cells[secCol].orig)
			}
			if curSec == nil || curSec.number != num {
				newSection(num, title, cells[secCol].num)
			}
		}
		if curSec == nil && secCol < 0 {
			newSection(0, "", r.line)
		}
		if curSec == nil {
			newSection(0, "", r.line)
			p.warn(r.line, "table row before any section")
		}
		if itemCol >= 0 && cells[itemCol].norm != "" {
			lvl, num, rest := numbered(cells[itemCol])
			if lvl != 2 {
				p.warn(cells[itemCol].num, fmt.Sprintf("item cell %q has no number （一）", cells[itemCol].orig))
				num = curItem + 1
				rest = cells[itemCol]
			}
			if num != curItem {
				curItem, curItemT, curSub, curSubT = num, strings.TrimSpace(rest.orig), 0, ""
			}
		}
		for _, c := range extra {
			if c.norm == "" {
				continue
			}
			if lvl, num, rest := numbered(c); lvl == 3 || lvl == 4 {
				title, _, _ := splitTitle(rest)
				curSub, curSubT = num, title
			} else {
				p.warn(c.num, fmt.Sprintf("extra cell %q is not a numbered sub-item (2.…)", c.orig))
			}
		}
		inGroup := (numCol >= 0 && cells[numCol].norm == "") || (numCol < 0 && itemCol >= 0 && cells[itemCol].norm == "")
		taskCell := cells[taskCol]
		text := taskCell
		if lvl, num, rest := numbered(taskCell); (lvl == 3 || lvl == 4) && itemCol >= 0 {
			curSub = num
			curSubT, _, _ = splitTitle(rest)
			text = rest
		}
		task := Task{
			Section: curSec.number, Item: curItem, Subitem: curSub,
			Text: strings.TrimSpace(text.orig), Line: taskCell.num, Source: "table",
		}
		if task.Line == 0 {
			task.Line = r.line
		}
		var unitCells []string
		var assigned []units.Assignment
		hasUnitCol := false
		for j, c := range cols {
			cell := cells[j]
			switch c.kind {
			case colNumber:
				if n, err := strconv.Atoi(strings.TrimSpace(cell.norm)); err == nil {
					task.Number = n
				}
			case colTitle:
				task.Title = strings.TrimSpace(cell.orig)
			case colUnits:
				hasUnitCol = true
				if cell.norm == "" && p.guessMerges && (j == primary || inGroup) {
					if prev, ok := above[j]; ok {
						cell = prev
						p.warn(r.line, fmt.Sprintf("empty %s cell taken as the same as the row above (a merged cell): %s", nameOr(c.name, "unit"), cell.orig))
					}
				}
				if cell.norm == "" {
					continue
				}
				above[j] = cell
				parsed := units.Parse(cell.norm, units.Options{Default: c.role, LeadFirst: p.leadFirst})
				for _, prob := range parsed.Problems {
					p.warn(cell.num, prob)
				}
				for _, f := range parsed.Fields {
					task.Fields = append(task.Fields, Field{Name: f.Name, Value: f.Value})
				}
				unitCells = append(unitCells, strings.TrimSpace(cell.orig))
				assigned = append(assigned, parsed.Units...)
			case colField:
				if cell.norm == "" && p.guessMerges && inGroup {
					if prev, ok := above[j]; ok {
						cell = prev
					}
				}
				if v := strings.TrimSpace(cell.orig); v != "" {
					above[j] = cell
					task.Fields = append(task.Fields, Field{Name: nameOr(c.name, fmt.Sprintf("第%d列", j+1)), Value: v})
				}
			}
		}
		task.UnitText = strings.Join(unitCells, "；")
		task.Units = dedupeUnits(assigned)
		if len(task.Units) == 0 && hasUnitCol {
			p.warn(r.line, "table row names no responsible unit")
		}
		if task.Text == "" {
			task.Text = firstNonEmpty(task.Title, curSubT, curItemT, curSec.title)
			p.warn(r.line, fmt.Sprintf("table row has no task text; %q stands in for it", task.Text))
		}
		curSec.tasks++
		rows = append(rows, pending{task: task, sec: curSec, itemT: curItemT, subT: curSubT, noItem: itemCol < 0, cellRow: r})
	}

	// Place each table section in the notice.
	for _, s := range secs {
		p.placeTableSection(s, itemCol >= 0, t)
		if s.count >= 0 && s.count != s.tasks {
			p.warn(s.line, fmt.Sprintf("table section %s announces %d tasks but lists %d", s.title, s.count, s.tasks))
		}
	}
	for _, r := range rows {
		task := r.task
		switch {
		case r.sec.flat:
			// A row of a table without sections goes to the body item it
			// restates; rows that restate none share an item of their own.
			if sec, item, ok := p.matchItem(firstNonEmpty(task.Title+task.Text, task.Text)); ok {
				task.Section, task.Item = sec, item
			} else {
				sec := p.extraSection(t)
				if len(sec.items) == 0 {
					sec.items = append(sec.items, &itemBlock{section: sec.number, number: 1, title: t.caption, line: t.start})
				}
				task.Section, task.Item = sec.number, 1
			}
		case r.noItem:
			task.Section, task.Item = r.sec.section, r.sec.item
		default:
			task.Section = r.sec.section
			if secCol < 0 && r.sec.number == 0 {
				// No section column: the item's number finds its section.
				if s := p.sectionOfItem(task.Item); s != nil {
					task.Section = s.number
				}
			}
			p.ensureItem(task.Section, task.Item, r.itemT, task.Line)
		}
		if task.Subitem > 0 {
			p.ensureSubitem(task.Section, task.Item, task.Subitem, r.subT, task.Line)
		}
		p.tableTasks = append(p.tableTasks, task)
	}
}

// fitsColumn reports a cell that holds what its column holds: a row
// whose first cell fits the first column lost cells at its end, not at
// its start.
func fitsColumn(c column, cell line) bool {
	lvl, _, _ := numbered(cell)
	switch c.kind {
	case colNumber:
		return isInteger(cell.norm)
	case colSection:
		return lvl == 1
	case colItem:
		return lvl == 2
	}
	return false
}

func nonEmpty(cells []line) int {
	n := 0
	for _, c := range cells {
		if c.norm != "" {
			n++
		}
	}
	return n
}

func nameOr(name, alt string) string {
	if name != "" {
		return name
	}
	return alt
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func dedupeUnits(in []units.Assignment) []units.Assignment {
	seen := map[string]bool{}
	var out []units.Assignment
	for _, u := range in {
		if !seen[u.Name] {
			seen[u.Name] = true
			out = append(out, u)
		}
	}
	return out
}

// comparable folds a heading for matching a table's wording against the
// body's: no white space or punctuation, no announced counts (（共5项）, 5项).
func comparable(s string) string {
	s = textnorm.Compact(s)
	s = countRe.ReplaceAllString(s, "")
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
		if s.number == 0 && s.title == "" && !hasItems {
			s.flat = true // placed row by row
			return
		}
		s.section = s.number
		body := p.findSection(s.number)
		switch {
		case body == nil:
			p.warn(s.line, fmt.Sprintf("section %s、%s appears in the table but not in the body", cnNum(s.number), s.title))
			p.sections = append(p.sections, &sectionBlock{number: s.number, title: s.title, line: s.line})
		case comparable(body.title) != comparable(s.title) && s.title != "":
			p.warn(s.line, fmt.Sprintf("the table names section %s %q, the body %q", cnNum(s.number), s.title, body.title))
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
	n := len(sec.items) + 1
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
// body does not have, creating it after the body's sections.
func (p *parser) extraSection(t *table) *sectionBlock {
	if s, ok := p.tableSections[t]; ok {
		return s
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
					p.warn(lineNum, fmt.Sprintf("the table titles item （%s） %q, the body %q", cnNum(num), title, it.title))
				}
			}
			return
		}
	}
	key := fmt.Sprintf("%d-%d", secNum, num)
	if !p.titleWarned[key] {
		p.titleWarned[key] = true
		if len(p.sections) > 0 && p.hasBody {
			p.warn(lineNum, fmt.Sprintf("item （%s）%s appears in the table but not in the body", cnNum(num), title))
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
					p.warn(lineNum, fmt.Sprintf("the table titles sub-item %d of item （%s） %q, the body %q", num, cnNum(itemNum), title, sb.title))
				}
				return
			}
		}
		if p.hasBody {
			p.warn(lineNum, fmt.Sprintf("sub-item %d of item （%s） appears in the table but not in the body", num, cnNum(itemNum)))
		}
		it.subs = append(it.subs, &subBlock{number: num, title: title, line: lineNum})
		return
	}
}
