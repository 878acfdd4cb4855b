package txt

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"qingdan/internal/source"
	"qingdan/internal/units"
)

// ---- one row per line, cells set apart by single spaces ----
//
// A table copied out of some pages keeps one row a line with a space
// between cells, its header letter-spaced:
//
//	序号 工 作 任 务 牵头负责部门
//	1 居民消费价格涨幅3%左右 发展改革委
//
// Only the task's text may hold spaces of its own: the cells before the
// task column take one word each from the start of the line, the cells
// after it one word each from its end, and the task the words between.

// spacedHeader returns the column names of a line of space-separated
// column names, letter-spaced names joined (工 作 任 务 is 工作任务), or
// nil.
func spacedHeader(l line) []string {
	t := strings.TrimSpace(l.norm)
	if len(t) > 120 || !strings.Contains(t, " ") || strings.ContainsAny(t, "\t。，；：") {
		return nil
	}
	var names []string
	single := "" // a run of single characters: a letter-spaced name
	flush := func() {
		if single != "" {
			names = append(names, single)
			single = ""
		}
	}
	for _, w := range strings.Fields(t) {
		if utf8.RuneCountInString(w) == 1 && unicode.Is(unicode.Han, []rune(w)[0]) {
			single += w
			continue
		}
		flush()
		names = append(names, w)
	}
	flush()
	if len(names) < 2 {
		return nil
	}
	units, task := false, false
	for _, n := range names {
		if !isColumnName(n) {
			return nil
		}
		units = units || unitColumnRe.MatchString(n)
		task = task || !numberColumnRe.MatchString(n) && !unitColumnRe.MatchString(n) && !timeColumnRe.MatchString(n)
	}
	if !units || !task {
		return nil
	}
	return names
}

var (
	numberColumnRe = regexp.MustCompile(`^(?:序号|编号|序)$`)
	unitColumnRe   = regexp.MustCompile(`单位|部门|牵头|配合|责任主体|处室|科室`)
	timeColumnRe   = regexp.MustCompile(`时限|时间|节点|进度|期限`)
	integerRe      = regexp.MustCompile(`^\d{1,4}$`)
)

// spacedColumns is a header of space-separated rows: its names, the task
// column and whether the first column numbers the rows.
type spacedColumns struct {
	names    []string
	task     int
	numbered bool
}

func newSpacedColumns(names []string) spacedColumns {
	c := spacedColumns{names: names, task: -1, numbered: numberColumnRe.MatchString(names[0])}
	for j, n := range names {
		if !numberColumnRe.MatchString(n) && !unitColumnRe.MatchString(n) && !timeColumnRe.MatchString(n) {
			c.task = j
			break
		}
	}
	return c
}

// cells cuts a row line into the header's cells, or returns nil when the
// line is no row of the table: too few words, or no number where the
// rows are numbered.
func (c spacedColumns) cells(l line) []source.Cell {
	words := strings.Fields(l.text)
	before, after := c.task, len(c.names)-c.task-1
	if len(words) < len(c.names) || (c.numbered && !integerRe.MatchString(words[0])) {
		return nil
	}
	// A row whose units stand last names units there: a line of words
	// under the table is no row of it.
	if last := len(c.names) - 1; unitColumnRe.MatchString(c.names[last]) && !units.IsUnitList(words[len(words)-1]) {
		return nil
	}
	var out []source.Cell
	for _, w := range words[:before] {
		out = append(out, cell(w, l.num))
	}
	out = append(out, cell(strings.Join(words[before:len(words)-after], " "), l.num))
	for _, w := range words[len(words)-after:] {
		out = append(out, cell(w, l.num))
	}
	return out
}

// spacedStart reports a header of space-separated column names with at
// least two rows of the table after it.
func (r *reader) spacedStart(i int) bool {
	names := spacedHeader(r.lines[i])
	if names == nil {
		return false
	}
	cols := newSpacedColumns(names)
	rows := 0
	for j := r.nextNonBlank(i + 1); j < len(r.lines) && rows < 2; j = r.nextNonBlank(j + 1) {
		if cols.cells(r.lines[j]) == nil {
			break
		}
		rows++
	}
	return rows >= 2
}

func (r *reader) readSpaced(i int) int {
	head := r.lines[i]
	names := spacedHeader(head)
	cols := newSpacedColumns(names)
	row := source.Row{Pos: source.Pos{Line: head.num}}
	for _, n := range names {
		row.Cells = append(row.Cells, cell(n, head.num))
	}
	rows := []source.Row{row}
	for i++; i < len(r.lines); i++ {
		l := r.lines[i]
		if l.blank() {
			continue
		}
		var cells []source.Cell
		switch {
		case isSpanning(l.norm):
			cells = []source.Cell{cell(l.text, l.num)}
		default:
			cells = cols.cells(l)
		}
		if cells == nil {
			break
		}
		rows = append(rows, source.Row{Pos: source.Pos{Line: l.num}, Cells: cells})
	}
	r.addTable(rows)
	return i
}
