package notice

import (
	"regexp"
	"strconv"
	"strings"

	"qingdan/internal/units"
)

// A table's columns are told by their header, in any order and wording
// (序号; 重点任务, 工作任务, 主要内容 …; 牵头单位, 配合单位, 指导部门 …;
// 完成时限, 时间节点; 备注, 推广范围), and where the header is silent by
// their cells: numbered 一、 are sections, （一） items, integers 序号, the
// longest text the task.

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

const noteColWords = `时限|时间|期限|节点|进度|范围|备注|说明|情况|进展|是否|成效`

var (
	unitColRe   = regexp.MustCompile(`单位|部门|责任主体|责任处室|责任科室|承办|牵头|配合`)
	personColRe = regexp.MustCompile(`领导|负责人|责任人|联系人|联络员|姓名`)
	numberColRe = regexp.MustCompile(`^(序号|编号|序|No\.?)$`)
	// 目标任务 alone is a column of targets beside the indicator that is
	// the task; 目标与任务 is the task.
	taskColRe  = regexp.MustCompile(`^(工作任务|重点任务|主要任务|具体任务|任务|目标与任务|重点工作任务|主要工作任务|重点工作|工作措施|具体措施|主要措施|措施|主要内容|具体内容|工作内容|任务内容|内容|工作要求|任务要求|具体工作|指标|指标名称|考核指标|主要指标|工作指标|指标项目)$`)
	titleColRe = regexp.MustCompile(`举措|事项|名称|项目|任务名称`)
	// Columns of time and progress a ledger adds (1-10月推进情况, 进展情况,
	// 是否达序) are notes, however long their text.
	noteColRe = regexp.MustCompile(noteColWords)
	// Columns of targets (目标任务, 指标) are notes too beside a column that
	// is the task; alone, they are the task.
	fieldColRe  = regexp.MustCompile(noteColWords + `|目标|指标`)
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
// Rows short of cells tell their columns only once placed: the columns
// are first told from the whole rows, the short rows then placed in them
// by content (align.go), and the columns told again from all the rows.
func (t *table) classify() []column {
	width := len(t.header)
	if width == 0 {
		// No header: the widest row decides; the last column is units.
		for _, r := range t.rows {
			width = max(width, len(r.cells))
		}
	}
	cols := t.classifyRows(t.rows, width)
	if rows, ok := t.alignedRows(cols, width); ok {
		cols = t.classifyRows(rows, width)
	}
	return cols
}

// alignedRows returns the table's rows with each short row (or row
// shifted by a lost cell, see shiftedRow) placed in the columns cols by
// its content, as the reader of its rows will place it; false when there
// is none.
func (t *table) alignedRows(cols []column, width int) ([]tableRow, bool) {
	task := colIndex(cols, colTask)
	if task < 0 {
		return nil, false
	}
	a := &tableReader{cols: cols, width: width, taskCol: task, primary: primaryColumn(cols)}
	out := make([]tableRow, 0, len(t.rows))
	short := false
	for _, r := range t.rows {
		blank := func() cell { return cell{line: line{num: r.line}} }
		switch {
		case len(r.cells) > 0 && len(r.cells) < width && fitsColumn(cols[0], r.cells[0].line):
			if cells := a.alignShort(r.cells, blank); cells != nil {
				r.cells, short = cells, true
			}
		case len(r.cells) == width:
			if cells := a.shiftedRow(r.cells, blank); cells != nil {
				r.cells, short = cells, true
			}
		}
		out = append(out, r)
	}
	return out, short
}

// classifyRows tells the columns from their names and the cells of the
// rows of the table's width.
func (t *table) classifyRows(rows []tableRow, width int) []column {
	st := t.statsOf(rows, width)
	cols := make([]column, width)
	for j := range cols {
		if j < len(t.header) {
			cols[j].name = t.header[j]
		}
		cols[j].kind, cols[j].role = st.kindOf(j, cols[j].name)
	}
	if len(t.header) == 0 && width > 0 && cols[width-1].kind == colField {
		cols[width-1].kind, cols[width-1].role = colUnits, units.Responsible
	}
	task := st.taskColumn(cols)
	if task < 0 {
		return cols
	}
	cols[task].kind = colTask
	// A column of text before the task whose cells are merged over groups
	// of rows (主要任务 over its 具体措施) groups them into items.
	for j := 0; j < task; j++ {
		if cols[j].kind == colField && !fieldColRe.MatchString(cols[j].name) && !personColRe.MatchString(cols[j].name) && grouping(rows, j, width) {
			cols[j].kind = colItem
		}
	}
	for j := 0; j < task; j++ {
		if cols[j].kind == colField && !fieldColRe.MatchString(cols[j].name) && (titleColRe.MatchString(cols[j].name) || cols[j].name == "") {
			cols[j].kind = colTitle
			break
		}
	}
	return cols
}

// primaryColumn is the first column of units that lead or are
// responsible, else the first of units; -1 when none.
func primaryColumn(cols []column) int {
	primary := -1
	for j, c := range cols {
		if c.kind == colUnits && (primary < 0 || (!leads(cols[primary].role) && leads(c.role))) {
			primary = j
		}
	}
	return primary
}

// columnStats are the non-empty cells of each column, from the rows of
// the table's width.
type columnStats [][]string

func (t *table) statsOf(rows []tableRow, width int) columnStats {
	values := make(columnStats, width)
	// When hardly a row has the header's width and the last column is for
	// notes (备注), most rows have dropped its empty cell with its border:
	// those rows tell the columns. A row short of another column lost a
	// cell elsewhere (a merged group before the task), which only placing
	// it tells.
	full := 0
	for _, r := range rows {
		if len(r.cells) == width {
			full++
		}
	}
	lacking := 0
	if full < 2 && len(t.header) == width && width > 0 && lastNoteRe.MatchString(t.header[width-1]) {
		lacking = 1
	}
	for _, r := range rows {
		if len(r.cells) != width && (lacking == 0 || len(r.cells) != width-lacking) {
			continue
		}
		for j, c := range r.cells {
			if v := strings.TrimSpace(c.norm); v != "" {
				values[j] = append(values[j], v)
			}
		}
	}
	return values
}

// lastNoteRe names a last column of notes, whose empty cells a copied
// table often drops.
var lastNoteRe = regexp.MustCompile(`备注|说明`)

// share is the part of column j's cells for which f holds.
func (st columnStats) share(j int, f func(string) bool) float64 {
	if len(st[j]) == 0 {
		return 0
	}
	n := 0
	for _, v := range st[j] {
		if f(v) {
			n++
		}
	}
	return float64(n) / float64(len(st[j]))
}

// counts reports a column of integers that numbers its rows: each the
// one above plus one, or 1 again. A column of figures (分值 3, 3, 2) is
// no 序号.
func (st columnStats) counts(j int) bool {
	if st.share(j, isInteger) < 1 {
		return false
	}
	steps := 0
	for i := 1; i < len(st[j]); i++ {
		prev, _ := strconv.Atoi(strings.TrimSpace(st[j][i-1]))
		n, _ := strconv.Atoi(strings.TrimSpace(st[j][i]))
		if n == prev+1 || n == 1 {
			steps++
		}
	}
	return 5*steps >= 4*(len(st[j])-1)
}

// avgLen is the mean length of column j's cells, in characters.
func (st columnStats) avgLen(j int) float64 {
	if len(st[j]) == 0 {
		return 0
	}
	n := 0
	for _, v := range st[j] {
		n += runeLen(v)
	}
	return float64(n) / float64(len(st[j]))
}

// kindOf tells a column by its name, then by its cells: units by name,
// 序号 by name or integers, sections and items by their numbering.
func (st columnStats) kindOf(j int, name string) (colKind, units.Role) {
	isLevel := func(want int) func(string) bool {
		return func(v string) bool { lvl, _, _ := numbered(line{norm: v, orig: v}); return lvl == want }
	}
	switch {
	case len(st[j]) > 0 && st.share(j, isPersonName) >= 0.8 && (!unitColRe.MatchString(name) || personColRe.MatchString(name) || st.share(j, isShortPersonName) >= 0.8):
		// 徐国江, 俞 悦: a column of persons, whatever its header says; under
		// a header naming units, only names as short as a person's.
		return colField, ""
	case name != "" && unitColRe.MatchString(name) && !taskColRe.MatchString(name) && !personColRe.MatchString(name):
		return colUnits, unitColumnRole(name)
	case numberColRe.MatchString(name) || (name == "" && len(st[j]) > 0 && st.share(j, isInteger) == 1) || (len(st[j]) > 1 && st.counts(j)):
		return colNumber, ""
	case st.share(j, isLevel(1)) >= 0.6:
		return colSection, ""
	case st.share(j, isLevel(2)) >= 0.6:
		return colItem, ""
	}
	return colField, ""
}

// taskColumn picks the task column: one named so (the longest of them),
// else the column of the longest text, a column of targets only when no
// other is; -1 when none.
func (st columnStats) taskColumn(cols []column) int {
	// The mean lengths once: each is compared several times.
	avg := make([]float64, len(cols))
	for j := range cols {
		avg[j] = st.avgLen(j)
	}
	task := -1
	for j := range cols {
		if cols[j].kind == colField && taskColRe.MatchString(cols[j].name) && (task < 0 || avg[j] > avg[task]) {
			task = j
		}
	}
	for j := range cols {
		if task >= 0 && avg[task] >= avg[j] {
			continue
		}
		if cols[j].kind == colField && !fieldColRe.MatchString(cols[j].name) && !personColRe.MatchString(cols[j].name) && (task < 0 || avg[j] > 2*avg[task]) {
			task = j
		}
	}
	if task >= 0 {
		return task
	}
	for j := range cols {
		if cols[j].kind == colField && !noteColRe.MatchString(cols[j].name) && !personColRe.MatchString(cols[j].name) && (task < 0 || avg[j] > avg[task]) {
			task = j
		}
	}
	return task
}

// grouping reports a column some of whose cells are empty or merged,
// under a first cell with text: one value over a group of rows.
func grouping(rows []tableRow, j, width int) bool {
	filled, open := 0, 0
	for _, r := range rows {
		if len(r.cells) != width {
			continue
		}
		c := r.cells[j]
		switch {
		case c.norm != "" && !c.merged:
			filled++
		case filled > 0:
			open++
		}
	}
	return filled > 0 && open > 0
}

// personNameRe is a person's name as a table writes it: two or three
// characters, sometimes spaced (俞 悦), two names glued (陆 明俞 悦).
var personNameRe = regexp.MustCompile(`^(?:\p{Han}\s*\p{Han}{1,2}\s*){1,3}$`)

// isPersonName reports a cell that is persons' names, not a body's.
func isPersonName(s string) bool {
	t := strings.TrimSpace(s)
	return len(t) <= 40 && personNameRe.MatchString(t) && runeLen(strings.Join(strings.Fields(t), "")) <= 9 && !strings.ContainsAny(t, "局委办部厅院署会队处所站室司府心组区县市") && !units.Recognised(t) && !units.OtherBody(t) && !units.IsUnitList(t)
}

// isShortPersonName reports persons' names no longer than a person's
// (王强, 徐国江) or set apart by spaces (俞 悦): a short body's name (水务
// 集团, 城管执法) is longer and glued.
func isShortPersonName(s string) bool {
	t := strings.TrimSpace(s)
	return isPersonName(t) && personShort(t)
}

// personShort tells a person's name from a short body's by its form, once
// it reads as a name.
func personShort(t string) bool { return runeLen(t) <= 3 || strings.ContainsAny(t, " 　") }

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

func nonEmpty(cells []cell) int {
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
