package notice

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"qingdan/internal/units"
)

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
	// itemsOnly is true for the one section of a table with item cells
	// but no section cells: its items find their body section by number.
	itemsOnly bool
}

// tableTask is a row read, waiting for its place in the notice.
type tableTask struct {
	task   Task
	sec    *tableSection
	itemT  string
	subT   string
	noItem bool
}

// tableReader reads the rows of one table in order. Each row is a header
// repeated at a page break (skipped), a heading spanning the table (a
// section), or a task. Cells repeated at page breaks continue the same
// section or item; an empty cell continues the one above where it is
// merged (see carry).
type tableReader struct {
	p        *parser
	t        *table
	cols     []column
	width    int
	expected string // the header, for messages
	secCol   int
	itemCol  int
	taskCol  int
	numCol   int
	// itemsNumbered is true when the item column numbers its items
	// （一）; else its cells name groups of rows.
	itemsNumbered bool
	// primary is the first column of units that lead or are responsible:
	// a task always has some, so an empty cell there continues the one
	// above. An empty cell of another column continues the one above only
	// within a group of rows: the rows of one 序号, or else of one item.
	primary int

	secs  []*tableSection
	sec   *tableSection
	item  int
	itemT string
	sub   int
	subT  string
	above map[int]cell // the cell above, for merged cells
	// traits holds what a cell's text is (cellTraits), worked out once
	// for every column placeCost weighs it against.
	traits  map[string]cellTraits
	lastNum int // the last 序号
	tasks   []tableTask
	// flatItem is the item of the table's own section that holds the
	// rows of a flat table no body item matches; 0 before there is one.
	flatItem int
}

// parseTable turns the rows of a table into tasks and places them in
// the notice.
func (p *parser) parseTable(t *table) {
	if len(t.rows) == 0 {
		p.warn(t.start, "表格只有表头，没有内容行")
		return
	}
	if len(t.header) == 0 {
		p.warn(t.start, "表格没有表头（序号、工作任务、责任单位……），各列按单元格的内容判断")
	}
	r := &tableReader{p: p, t: t, cols: t.classify(), above: map[int]cell{}}
	r.width = len(r.cols)
	r.secCol, r.itemCol, r.taskCol, r.numCol = colIndex(r.cols, colSection), colIndex(r.cols, colItem), colIndex(r.cols, colTask), colIndex(r.cols, colNumber)
	r.expected = strings.Join(t.header, "、")
	if r.taskCol < 0 {
		p.warn(t.start, fmt.Sprintf("表格各列（%s）中没有写任务内容的一列", r.expected))
		return
	}
	if colIndex(r.cols, colUnits) < 0 {
		p.warn(t.start, fmt.Sprintf("表格各列（%s）中没有写责任单位的一列（责任单位、牵头单位、指导部门……）", r.expected))
	}
	if r.itemCol >= 0 {
		for _, row := range t.rows {
			if r.itemCol < len(row.cells) {
				if lvl, _, _ := numbered(row.cells[r.itemCol].line); lvl == 2 {
					r.itemsNumbered = true
				}
			}
		}
	}
	r.primary = primaryColumn(r.cols)
	for _, row := range t.rows {
		r.row(row)
	}
	r.place()
}

func leads(r units.Role) bool { return r == units.Lead || r == units.Responsible }

// row reads one row.
func (r *tableReader) row(row tableRow) {
	if r.t.isRepeat(row, r.t.header) {
		return // the header again, after a page break
	}
	if r.sectionRow(row) {
		return
	}
	cells := r.cutFooter(row.cells)
	cells, extra := r.fit(row, cells)
	r.sectionCell(row, cells)
	r.itemCell(cells)
	r.extraCells(extra)
	r.checkNumber(cells)
	r.tasks = append(r.tasks, r.task(row, cells))
	r.sec.tasks++
}

// sectionRow reads a row that is only a heading spanning the table:
// 一、知识产权保护方面（共5项）.
func (r *tableReader) sectionRow(row tableRow) bool {
	cells := row.cells
	if nonEmpty(cells) != 1 || cells[0].norm == "" || (len(cells) >= r.width && r.secCol >= 0) {
		return false
	}
	lvl, num, rest := numbered(cells[0].line)
	if lvl != 1 && lvl != 2 {
		return false
	}
	if len(cells) >= r.width && !isHeadingLike(rest) {
		return false
	}
	r.newSection(num, strings.TrimSpace(rest.orig), row.line)
	return true
}

func (r *tableReader) newSection(num int, title string, l int) {
	r.above = map[int]cell{} // a merged cell never spans sections
	count := -1
	if m := totalRe.FindStringSubmatch(title); m != nil {
		count, _ = strconv.Atoi(m[1])
	}
	r.sec = &tableSection{number: num, title: title, count: count, line: l}
	r.secs = append(r.secs, r.sec)
	r.item, r.itemT, r.sub, r.subT = 0, "", 0, ""
}

// cutFooter cuts a footer glued to the last cell.
func (r *tableReader) cutFooter(cells []cell) []cell {
	last := len(cells) - 1
	if last < 0 {
		return cells
	}
	if i := strings.Index(cells[last].norm, "抄送："); i > 0 {
		r.p.parseFooter(cells[last].sub(i, len(cells[last].norm)))
		out := append([]cell{}, cells[:last]...)
		return append(out, cell{line: cells[last].sub(0, i).trim()})
	}
	return cells
}

// fit brings a row to the table's width: extra cells before the task
// column are sub-item headings (2.落实部门监管责任 in a cell of its own);
// in a row short of cells whose first cell fits the first column, each
// cell goes to the column its content fits (align.go), a column left out
// before the task continuing the cell above; other rows short of cells
// are missing them at their start, taken as empty.
func (r *tableReader) fit(row tableRow, cells []cell) ([]cell, []cell) {
	blank := func() cell { return cell{line: line{num: row.line}} }
	switch {
	case len(cells) > r.width:
		n := len(cells) - r.width
		extra := cells[r.taskCol : r.taskCol+n]
		return append(append([]cell{}, cells[:r.taskCol]...), cells[r.taskCol+n:]...), extra
	case len(cells) < r.width:
		short := fmt.Sprintf("表格此行有%d格，应有%d格", len(cells), r.width)
		if r.expected != "" {
			short += "（" + r.expected + "）"
		}
		padded := make([]cell, r.width)
		for j := range padded {
			padded[j] = blank()
		}
		if len(cells) > 0 && fitsColumn(r.cols[0], cells[0].line) {
			if aligned := r.alignShort(cells, blank); aligned != nil {
				// A cell missing before the task is a group's, merged
				// over this row from the one above; after it, a cell
				// the row leaves empty.
				how := "；各格按内容归入各列，缺少的格按空白处理"
				for j := 0; j < r.taskCol; j++ {
					if aligned[j].norm == "" {
						aligned[j].merged = true
						how = "；各格按内容归入各列，任务之前缺少的格视同上一行（合并单元格），其余缺少的格按空白处理"
					}
				}
				r.p.warn(row.line, short+how)
				return aligned, nil
			}
			copy(padded, cells)
		} else {
			copy(padded[r.width-len(cells):], cells)
		}
		r.p.warn(row.line, short+"；缺少的格按空白处理")
		return padded, nil
	}
	if shifted := r.shiftedRow(cells, blank); shifted != nil {
		r.p.warn(row.line, "表格此行末尾的格是空的，其余各格与表头各列的内容不符（像是前面少了一格）；各格按内容归入各列")
		return shifted, nil
	}
	return cells, nil
}

// sectionCell reads the section column: a new section, or the same one
// repeated at a page break.
func (r *tableReader) sectionCell(row tableRow, cells []cell) {
	if r.secCol >= 0 && cells[r.secCol].norm != "" {
		c := cells[r.secCol]
		lvl, num, rest := numbered(c.line)
		title := strings.TrimSpace(rest.orig)
		if lvl != 1 {
			num = 0
			if r.sec != nil {
				num = r.sec.number + 1
			}
			r.p.warn(c.num, fmt.Sprintf("部分标题格“%s”没有“一、”这样的编号", c.orig))
			title = strings.TrimSpace(c.orig)
		}
		if r.sec == nil || r.sec.number != num {
			r.newSection(num, title, c.num)
		}
	}
	if r.sec == nil {
		r.newSection(0, "", row.line)
		if r.secCol >= 0 {
			r.p.warn(row.line, "表格此行在第一个部分（一、）之前")
		}
	}
}

// itemCell reads the item column: a new item, or the same one repeated.
func (r *tableReader) itemCell(cells []cell) {
	if r.itemCol < 0 || cells[r.itemCol].norm == "" {
		return
	}
	c := cells[r.itemCol]
	lvl, num, rest := numbered(c.line)
	if lvl != 2 {
		if r.itemsNumbered {
			r.p.warn(c.num, fmt.Sprintf("条目格“%s”没有“（一）”这样的编号", c.orig))
		}
		if strings.TrimSpace(rest.orig) == r.itemT && r.item > 0 {
			return // the same group, repeated at a page break
		}
		num = r.item + 1
		rest = c.line
	}
	if num != r.item {
		r.item, r.itemT, r.sub, r.subT = num, strings.TrimSpace(rest.orig), 0, ""
	}
}

// extraCells reads sub-item headings in cells of their own.
func (r *tableReader) extraCells(extra []cell) {
	for _, c := range extra {
		if c.norm == "" {
			continue
		}
		if lvl, num, rest := numbered(c.line); lvl == 3 || lvl == 4 {
			title, _, _ := splitTitle(rest)
			r.sub, r.subT = num, title
		} else {
			r.p.warn(c.num, fmt.Sprintf("多出的一格“%s”不是带编号的一项（2.……）", c.orig))
		}
	}
}

// checkNumber warns about a 序号 that repeats or skips; numbering may
// start again at 1 (in each section, say).
func (r *tableReader) checkNumber(cells []cell) {
	if r.numCol < 0 || cells[r.numCol].merged {
		return
	}
	c := cells[r.numCol]
	n, err := strconv.Atoi(strings.TrimSpace(c.norm))
	if err != nil {
		return
	}
	switch {
	case r.lastNum > 0 && n == r.lastNum:
		r.p.warn(c.num, fmt.Sprintf("序号%d与上一行重复", n))
	case r.lastNum > 0 && n != r.lastNum+1 && n != 1:
		r.p.warn(c.num, fmt.Sprintf("序号%d紧接在%d之后：是否漏了一行？", n, r.lastNum))
	}
	r.lastNum = n
}

// inGroup reports a row that continues the group of rows above it: its
// 序号 cell (or, without one, its item cell) is empty or merged.
func (r *tableReader) inGroup(cells []cell) bool {
	if r.numCol >= 0 {
		return cells[r.numCol].norm == "" || cells[r.numCol].merged
	}
	return r.itemCol >= 0 && (cells[r.itemCol].norm == "" || cells[r.itemCol].merged)
}

// carry returns the cell of column j, or the one above it where the empty
// cell continues it: always where the document marks the cell merged; in
// a format that cannot mark merges (text), in the primary column of units
// and, within a group of rows, in the others. Never a cell with text of
// its own.
func (r *tableReader) carry(j int, c cell, group bool) (cell, bool) {
	if c.norm != "" {
		return c, false
	}
	prev, ok := r.above[j]
	if !ok {
		return c, false
	}
	if c.merged || (r.p.guessMerges && (j == r.primary || group)) {
		return prev, !c.merged
	}
	return c, false
}

// task makes the task of a row.
func (r *tableReader) task(row tableRow, cells []cell) tableTask {
	p := r.p
	taskCell := cells[r.taskCol]
	text := taskCell.line
	if lvl, num, rest := numbered(taskCell.line); (lvl == 3 || lvl == 4) && r.itemCol >= 0 {
		r.sub = num
		r.subT, _, _ = splitTitle(rest)
		text = rest
	}
	task := Task{
		Section: r.sec.number, Item: r.item, Subitem: r.sub,
		Text: strings.TrimSpace(text.orig), Line: taskCell.num, Source: "table",
	}
	if task.Line == 0 {
		task.Line = row.line
	}
	group := r.inGroup(cells)
	var (
		unitCells []string
		assigned  []units.Assignment
		emptyLead bool
	)
	for _, j := range r.order() {
		col := r.cols[j]
		c, guessed := r.carry(j, cells[j], group)
		switch col.kind {
		case colNumber:
			if n, err := strconv.Atoi(strings.TrimSpace(c.norm)); err == nil {
				task.Number = n
			}
		case colTitle:
			task.Title = strings.TrimSpace(c.orig)
		case colUnits:
			if guessed {
				p.warn(row.line, fmt.Sprintf("%s一格为空，按合并单元格视同上一行：%s", nameOr(col.name, "单位"), c.orig))
			}
			if c.norm == "" {
				emptyLead = emptyLead || j == r.primary
				continue
			}
			r.above[j] = c
			parsed := units.Parse(c.norm, p.unitOptions(col.role))
			p.recordRules(parsed.Rules)
			for _, prob := range parsed.Problems {
				p.warn(c.num, prob)
			}
			for _, f := range parsed.Fields {
				task.Fields = append(task.Fields, Field{Name: f.Name, Value: f.Value})
			}
			unitCells = append(unitCells, strings.TrimSpace(c.orig))
			assigned = append(assigned, parsed.Units...)
		case colField:
			if v := strings.TrimSpace(c.orig); v != "" {
				r.above[j] = c
				task.Fields = append(task.Fields, Field{Name: nameOr(col.name, fmt.Sprintf("第%d列", j+1)), Value: v})
			}
		}
	}
	task.UnitText = strings.Join(unitCells, "；")
	task.Units = dedupeUnits(assigned)
	switch {
	case emptyLead:
		what := "责任单位"
		if len(task.Units) > 0 {
			what = "牵头或责任单位"
		}
		msg := fmt.Sprintf("表格此行没有%s：%s一格为空", what, nameOr(r.cols[r.primary].name, "单位"))
		if r.p.guessMerges {
			msg += "，上方也没有可以延续的格"
		}
		p.warn(row.line, msg)
	case len(task.Units) == 0 && r.primary >= 0:
		p.warn(row.line, "表格此行没有写明责任单位")
	}
	if task.Text == "" {
		task.Text = firstNonEmpty(task.Title, r.subT, r.itemT, r.sec.title)
		p.warn(row.line, fmt.Sprintf("表格此行没有任务内容，以“%s”代替", task.Text))
	}
	return tableTask{task: task, sec: r.sec, itemT: r.itemT, subT: r.subT, noItem: r.itemCol < 0}
}

// order returns the columns in the order a task lists its units: the
// columns of units by role, leads first, then the others as they stand.
func (r *tableReader) order() []int {
	out := make([]int, len(r.cols))
	for j := range out {
		out[j] = j
	}
	rank := func(j int) int {
		if r.cols[j].kind != colUnits {
			return len(units.Roles)
		}
		return r.cols[j].role.Rank()
	}
	sort.SliceStable(out, func(a, b int) bool { return rank(out[a]) < rank(out[b]) })
	return out
}

// place puts each table section and then each task in the notice.
func (r *tableReader) place() {
	p, t := r.p, r.t
	// A row of a table without sections goes to the body item it
	// restates; rows that restate none share an item of their own, made
	// first, as they come first in the table.
	type match struct{ sec, item int }
	matched := map[int]match{}
	for i, tt := range r.tasks {
		if tt.sec.number != 0 || tt.sec.title != "" || r.itemCol >= 0 {
			continue // a section or an item of the table places it
		}
		if sec, item, ok := p.matchItem(firstNonEmpty(tt.task.Title+tt.task.Text, tt.task.Text)); ok {
			matched[i] = match{sec, item}
		} else if r.flatItem == 0 {
			sec := p.extraSection(t)
			r.flatItem = nextNumber(len(sec.items), func(i int) int { return sec.items[i].number }, 1)
			sec.items = append(sec.items, &itemBlock{section: sec.number, number: r.flatItem, title: t.caption, line: t.start})
		}
	}
	for _, s := range r.secs {
		p.placeTableSection(s, r.itemCol >= 0, t)
		if s.count >= 0 && s.count != s.tasks {
			p.warn(s.line, fmt.Sprintf("表格中的“%s”写明共%d项，实际列出%d项", s.title, s.count, s.tasks))
		}
	}
	for i, tt := range r.tasks {
		task := tt.task
		switch {
		case tt.sec.flat:
			if m, ok := matched[i]; ok {
				task.Section, task.Item = m.sec, m.item
			} else {
				task.Section, task.Item = p.extraSection(t).number, r.flatItem
			}
		case tt.noItem:
			task.Section, task.Item = tt.sec.section, tt.sec.item
		case tt.sec.itemsOnly:
			// No section column: a numbered item finds the body section
			// that holds it; groups and items the body lacks go to a
			// section of the table's own.
			if s := p.sectionOfItem(task.Item); s != nil && r.itemsNumbered {
				task.Section = s.number
			} else {
				task.Section = p.extraSection(t).number
			}
			p.ensureItem(task.Section, task.Item, tt.itemT, task.Line)
		default:
			task.Section = tt.sec.section
			p.ensureItem(task.Section, task.Item, tt.itemT, task.Line)
		}
		if task.Subitem > 0 {
			p.ensureSubitem(task.Section, task.Item, task.Subitem, tt.subT, task.Line)
		}
		p.tableTasks = append(p.tableTasks, task)
	}
}
