package txt

import (
	"math"
	"regexp"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
	"qingdan/internal/units"
)

// ---- one cell per line, rows not set apart ----
//
// A table of a web page copied as text gives one cell a line and nothing
// between rows; a cell merged over several rows (rowspan) appears only in
// the first of them, so rows have fewer cells than the header:
//
//	项 目 / 分值 / 目标任务 / 监考单位
//	宏观调控 / 地区生产总值增长率 / 3 / 年终…考核 / 区发改局区统计局
//	规模以上工业增加值增长率 / 3 / 年终…考核 / 区经信局区统计局
//	社会消费品零售总额增长率 / 3            (target and units merged)
//
// Nothing but the cells themselves tells the rows apart, so the reader
// reads them by their kinds — a number, a list of units, other text —
// the way a person does: the first row is whole and shows the kind of
// each column; every row has its own cell in one column, the row's
// subject, which is text; a row's cells stand in column order; a column a
// row has no cell in is empty, as the cell above continued (which the
// grammar decides, as for any table pasted as text). Of the ways to cut
// the lines into rows so, the one that leaves fewest cells empty is
// taken.

// cellKind is what a cell holds, as far as it tells its column.
type cellKind int

const (
	kindText cellKind = iota
	kindNumber
	kindUnits
)

// numberCellRe is a cell of figures: 3, 0.5, 186, 15%, 1.2万.
var numberCellRe = regexp.MustCompile(`^[-+]?\d+(?:\.\d+)?\s*(?:%|‰|万|亿|个|项|家|人|分)?$`)

func kindOf(text string) cellKind {
	t := strings.TrimSpace(text)
	switch {
	case numberCellRe.MatchString(t):
		return kindNumber
	case units.IsUnitList(t) || unitsAndBodies(t):
		return kindUnits
	}
	return kindText
}

// unitsAndBodies reports a list of units among which some are bodies
// the unit grammar does not know (县住建局、县城投公司).
func unitsAndBodies(t string) bool {
	parts := strings.Split(t, "、")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !units.IsUnitList(p) && !otherBodyRe.MatchString(textnorm.Compact(p)) {
			return false
		}
	}
	return true
}

// streamStart reports a header of column names one a line (at least
// three, one of units) followed at once, with no blank line, by cells
// that can be cut into rows. A caption above the header that reads as a
// column name (重点任务分工) makes no cut fit, and the header is then
// found on the next line.
func (r *reader) streamStart(i int) bool {
	n := r.streamHeader(i)
	if n < 3 {
		return false
	}
	cells := joinUnitLines(r.streamCells(i+n), r.lines[i:i+n])
	if len(cells) < n+2 {
		return false
	}
	rows, _ := streamRows(cells, n)
	return rows != nil
}

// streamHeader counts the column names that open a run at i. A name of
// the notice's own (民生实事) between known ones is a column too.
func (r *reader) streamHeader(i int) int {
	n, unitCol := 0, false
	for j := i; j < len(r.lines) && !r.lines[j].blank(); j++ {
		norm := r.lines[j].norm
		if !isColumnName(norm) && !(n > 0 && j+1 < len(r.lines) && isOwnColumnName(norm) && isColumnName(r.lines[j+1].norm)) {
			break
		}
		n++
		unitCol = unitCol || unitColumnRe.MatchString(norm)
	}
	if !unitCol {
		return 0
	}
	return n
}

// ownColumnRe is a name a notice may give a column of its own: a few
// characters, no figures or marks.
var ownColumnRe = regexp.MustCompile(`^\p{Han}{2,6}$`)

func isOwnColumnName(norm string) bool { return ownColumnRe.MatchString(textnorm.Compact(norm)) }

// streamCells returns the lines of cells from i: up to a blank line, a
// footer, a line led by a tab or the page's furniture after the article
// (分享到：).
func (r *reader) streamCells(i int) []line {
	j := i
	for j < len(r.lines) && !r.lines[j].blank() && !r.lines[j].tabLed() && !isFooter(r.lines[j].norm) && !source.PageEndRe.MatchString(r.lines[j].norm) {
		j++
	}
	return r.lines[i:j]
}

func (r *reader) readStream(i int) int {
	n := r.streamHeader(i)
	head := r.lines[i : i+n]
	raw := r.streamCells(i + n)
	cells := joinUnitLines(raw, head)
	rows, width := streamRows(cells, len(head))
	header := source.Row{Pos: source.Pos{Line: head[0].num}}
	for k, l := range head {
		c := cell(l.text, l.num)
		if k == 0 {
			// Columns the header does not name stand under its first
			// name, as a header cell spanning them (项目 over a group and
			// the indicator).
			c.Span = 1 + width - len(head)
		}
		header.Cells = append(header.Cells, c)
	}
	r.addTable(append([]source.Row{header}, rows...))
	return i + n + len(raw)
}

// otherBodyRe is a body the unit grammar does not know as a government's
// but a list of units may hold: a company, an association (the names of
// source.OtherBodyEnds), a bank, a centre, a sub-district's office.
var otherBodyRe = regexp.MustCompile(`^\p{Han}{2,20}(` + strings.Join(source.OtherBodyEnds, "|") + `|银行|中心|办事处)$`)

// joinUnitLines joins the units of one cell written one a line
// (县水务局 / 县住建局 / 县护城河指挥部) into one line, when the header
// names a single column of units: under 牵头单位 and 配合单位 two lines of
// units are two cells.
func joinUnitLines(lines, head []line) []line {
	unitCols := 0
	for _, h := range head {
		if unitColumnRe.MatchString(h.norm) {
			unitCols++
		}
	}
	if unitCols != 1 {
		return lines
	}
	var out []line
	for _, l := range lines {
		if n := len(out); n > 0 && (kindOf(l.norm) == kindUnits || otherBodyRe.MatchString(textnorm.Compact(l.norm))) && kindOf(out[n-1].norm) == kindUnits {
			// Both are names: one cell.
			prev := &out[n-1]
			prev.text = trim(prev.text) + "、" + trim(l.text)
			prev.norm = strings.TrimSpace(prev.norm) + "、" + strings.TrimSpace(l.norm)
			continue
		}
		out = append(out, l)
	}
	return out
}

// streamRows cuts the lines into rows of the table's width. The width is
// the header's, or, when the units column is last and the first units
// cell comes later, the cells up to it: the header's first name then
// stands over more than one column. A heading spanning the table
// (一、…（共5项）) is a row of its own, and a merged cell never spans it.
// nil when no cut fits.
func streamRows(lines []line, headWidth int) ([]source.Row, int) {
	var segments [][]line
	var headings []line // headings[k] stands before segments[k+1]
	start := 0
	for i, l := range lines {
		if isSpanning(l.norm) {
			segments = append(segments, lines[start:i])
			headings = append(headings, l)
			start = i + 1
		}
	}
	segments = append(segments, lines[start:])
	first := segments[0]
	if len(first) == 0 && len(segments) > 1 {
		first = segments[1]
	}
	kinds := make([]cellKind, len(first))
	for i, l := range first {
		kinds[i] = kindOf(l.norm)
	}
	width := headWidth
	for i, k := range kinds {
		if k == kindUnits {
			width = max(width, i+1)
			break
		}
	}
	if width > len(first) || width > headWidth+3 {
		return nil, 0
	}
	cols := kinds[:width]
	var (
		best     [][]int
		bestCost = math.Inf(1)
	)
	for _, key := range keyColumns(cols) {
		var cuts [][]int
		total := 0.0
		for _, seg := range segments {
			cut, cost := cutSegment(seg, cols, key)
			if cut == nil && len(seg) > 0 {
				total = math.Inf(1)
				break
			}
			cuts, total = append(cuts, cut), total+cost
		}
		if total < bestCost {
			best, bestCost = cuts, total
		}
		if best != nil {
			break // the likeliest subject fits
		}
	}
	if best == nil {
		return nil, 0
	}
	var rows []source.Row
	for k, seg := range segments {
		if k > 0 {
			h := headings[k-1]
			rows = append(rows, source.Row{Pos: source.Pos{Line: h.num}, Cells: []source.Cell{cell(h.text, h.num)}})
		}
		rows = append(rows, rowsOf(seg, best[k], width)...)
	}
	return rows, width
}

// keyColumns lists the columns that may hold each row's subject, likeliest
// first: the text column just before the first column of figures or units
// (a table groups its rows on the left: 类别 | 指标 | 目标值 | 责任单位;
// 序号 | 重点任务 | 牵头单位),
// then the other columns of text.
func keyColumns(cols []cellKind) []int {
	first := -1
	for j, k := range cols {
		if k == kindText {
			first = j
		} else if first >= 0 {
			break
		}
	}
	var out []int
	if first >= 0 {
		out = append(out, first)
	}
	for j, k := range cols {
		if k == kindText && j != first {
			out = append(out, j)
		}
	}
	return out
}

// cutSegment cuts one run of cells between headings (see cutRows), each
// row's subject its own: a value the key column repeats (宏观调控 over two
// groups) tells a column of groups instead, and costs a merge.
func cutSegment(seg []line, cols []cellKind, key int) ([]int, float64) {
	if len(seg) == 0 {
		return nil, 0
	}
	kinds := make([]cellKind, len(seg))
	for i, l := range seg {
		kinds[i] = kindOf(l.norm)
	}
	cut, cost := cutRows(kinds, cols, key)
	if cut == nil {
		return nil, 0
	}
	seen := map[string]bool{}
	for i, c := range cut {
		if c == key {
			v := strings.TrimSpace(seg[i].norm)
			if seen[v] {
				cost++
			}
			seen[v] = true
		}
	}
	return cut, cost
}

// fitCost is the cost of a cell of kind k in column c of kind col, the
// key column being key: a number in a column of text after the key (a
// target 186 under 年终考核) costs a little; anything else out of its kind
// cannot be, nor a number in the key or in a column of groups before it.
// A cell of a group costs a little too (see below).
func fitCost(k, col cellKind, c, key int) float64 {
	// The least part of a column's number breaks ties toward the first
	// of two columns a cell fits: a unit cell alone leads rather than
	// cooperates.
	tie := float64(c) / 1024
	switch {
	case k == col && c < key:
		// A column of groups changes seldom: a line that may as well
		// end the row above does not open a group.
		return 0.25 + tie
	case k == col:
		return tie
	case k == kindNumber && col == kindText && c > key:
		return 0.5 + tie
	}
	return math.Inf(1)
}

// cutRows assigns each line a column (returned per line) so that the
// first row is whole, each row holds the key column, cells stand in
// column order, and the number of empty cells plus the misfit of kinds
// is least. It returns nil when no assignment is possible.
func cutRows(kinds, cols []cellKind, key int) ([]int, float64) {
	width := len(cols)
	n := len(kinds)
	inf := math.Inf(1)
	if n < width {
		return nil, 0
	}
	// cost[i][c]: least cost of lines width..i with line i in column c;
	// from[i][c] is the column of line i-1 on that path.
	cost := make([][]float64, n)
	from := make([][]int, n)
	for i := range cost {
		cost[i] = make([]float64, width)
		from[i] = make([]int, width)
		for c := range cost[i] {
			cost[i][c] = inf
		}
	}
	for c := 0; c < width; c++ {
		if kinds[c] != cols[c] && fitCost(kinds[c], cols[c], c, key) == inf {
			return nil, 0
		}
	}
	cost[width-1][width-1] = 0
	for i := width; i < n; i++ {
		for prev := 0; prev < width; prev++ {
			base := cost[i-1][prev]
			if base == inf {
				continue
			}
			for c := 0; c < width; c++ {
				fit := fitCost(kinds[i], cols[c], c, key)
				if fit == inf {
					continue
				}
				var merged float64
				switch {
				case c > prev && !(prev < key && key < c):
					// The same row goes on, skipping the columns between.
					merged = float64(c - prev - 1)
				case c <= key && prev >= key:
					// A new row: the rest of the last row and the start of
					// this one are merged.
					merged = float64(width-1-prev) + float64(c)
				default:
					continue
				}
				if v := base + merged + fit; v < cost[i][c] {
					cost[i][c], from[i][c] = v, prev
				}
			}
		}
	}
	end, total := -1, inf
	for c := key; c < width; c++ {
		if v := cost[n-1][c] + float64(width-1-c); v < total {
			end, total = c, v
		}
	}
	if end < 0 {
		return nil, 0
	}
	out := make([]int, n)
	for i, c := n-1, end; i >= width; i-- {
		out[i] = c
		c = from[i][c]
	}
	for c := 0; c < width; c++ {
		out[c] = c
	}
	return out, total
}

// rowsOf lays the lines out in rows by their columns: a line whose column
// is not after the last one's opens a row. A column a row has no line for
// is an empty cell.
func rowsOf(lines []line, col []int, width int) []source.Row {
	var rows []source.Row
	var own map[int]line
	flush := func() {
		if own == nil {
			return
		}
		first := width
		for c := range own {
			first = min(first, c)
		}
		row := source.Row{Pos: source.Pos{Line: own[first].num}}
		for c := 0; c < width; c++ {
			if l, ok := own[c]; ok {
				row.Cells = append(row.Cells, cell(l.text, l.num))
			} else {
				row.Cells = append(row.Cells, source.Cell{Span: 1, Line: row.Pos.Line})
			}
		}
		rows = append(rows, row)
	}
	for i, l := range lines {
		if i == 0 || col[i] <= col[i-1] {
			flush()
			own = map[int]line{}
		}
		own[col[i]] = l
	}
	flush()
	return rows
}
