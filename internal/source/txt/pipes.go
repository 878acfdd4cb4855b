package txt

import (
	"regexp"
	"strconv"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// ---- cells set apart by | ----
//
// A table copied out of a web page or a Markdown editor may keep its
// cell borders as |: a row a line (序号 | 工作任务 | 责任单位 |, with or
// without the outer bars and a | --- | rule under the header), or a cell
// a line, each ending in " |", with a line holding a lone | between rows.
// Before the shapes are read, such bars become what the other shapes
// use: tabs between the cells of a row, nothing after a cell alone, no
// rule lines. A lone | between rows goes too: the rows of cells written
// one a line are then told apart by their cells (stream.go), as a web
// page's table copied without borders is, and a blank line in their
// place would cut the header from the first row.

// pipeRuleRe is a Markdown rule under a header: | --- | :---: |.
var pipeRuleRe = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)

// unpipe rewrites the lines of cells set apart by |: those of a table
// whose header names a column of units — the contiguous run of bar lines
// the header stands in (its caption and the header's own cells above it,
// its rows below) — and rows of metadata anywhere. A page's links set
// apart by bars (首页 | 政务公开 above the notice, 上一篇 | 下一篇 under a
// table) stay as they are.
func unpipe(lines []line) []line {
	inTable := tableRuns(lines)
	opens := numberedRowStarts(lines, inTable)
	out := make([]line, 0, len(lines))
	for i, l := range lines {
		t := strings.TrimSpace(l.norm)
		if opens[i] {
			// A blank line before the row, as rows set apart by blank
			// lines are written: its cells are then the row's, however
			// few.
			out = append(out, line{num: l.num})
		}
		switch {
		case metaPipeRow(l.norm):
			// | 发文机关 | 区政府 | 文号 | 区政发〔2023〕5号 |: the page's
			// metadata, written as the other shapes of it are.
			l.text = joinMetaCells(l.text)
			l.norm = joinMetaCells(l.norm)
		case !inTable[i]:
			// Outside a table: as written.
		case barsOnly(t) || pipeRuleRe.MatchString(t) && strings.Contains(t, "|"):
			continue
		case pipeCells(l.norm) > 0:
			l.text = joinPipeCells(l.text)
			l.norm = joinPipeCells(l.norm)
		}
		out = append(out, l)
	}
	return out
}

// barsOnly reports a line of nothing but the bar or two that close a row.
func barsOnly(t string) bool { return t == "|" || t == "||" }

// tableRuns marks the lines of each table written with bars: from a
// header naming a column of units, back over the bar lines above it and
// on over the bar lines, rules and blank lines below, to the first line
// of other text.
func tableRuns(lines []line) []bool {
	in := make([]bool, len(lines))
	barLine := func(i int) bool {
		t := strings.TrimSpace(lines[i].norm)
		return t == "" || barsOnly(t) || pipeCells(lines[i].norm) > 0 || pipeRuleRe.MatchString(t)
	}
	for i, l := range lines {
		if in[i] || pipeCells(l.norm) == 0 || !unitHeaderCell(l.norm) {
			continue
		}
		for k := i - 1; k >= 0 && pipeCells(lines[k].norm) > 0 && !metaPipeRow(lines[k].norm) && !source.PageEndRe.MatchString(lines[k].norm); k-- {
			in[k] = true
		}
		for k := i; k < len(lines) && barLine(k); k++ {
			in[k] = true
		}
	}
	return in
}

// pipeCells counts the cells of a line written with bars: a line ending
// in " |" (or "|" after a cell), or holding " | " between cells; 0 for a
// line without them. A bar inside running text (A|B) is no border.
func pipeCells(s string) int {
	t := strings.TrimSpace(s)
	if !strings.HasSuffix(t, "|") && !strings.Contains(t, " | ") && !strings.HasPrefix(t, "| ") {
		return 0
	}
	cells := splitPipes(t)
	if len(cells) == 0 {
		return 0
	}
	return len(cells)
}

// splitPipes returns the cells of a line written with bars, without the
// outer bars.
func splitPipes(t string) []string {
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	if strings.TrimSpace(t) == "" {
		return nil
	}
	parts := strings.Split(t, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func joinPipeCells(s string) string { return strings.Join(splitPipes(s), "\t") }

// unitHeaderCell reports a line of cells one of which names a column of
// units (责任单位, 牵头单位 …), as a table's header does.
func unitHeaderCell(s string) bool {
	for _, c := range splitPipes(s) {
		if isColumnName(c) && unitColumnRe.MatchString(c) {
			return true
		}
	}
	return false
}

// metaPipeRow reports a row of label and value pairs, as a portal's
// metadata writes them above a notice: every other cell a label, one of
// them at least a label the page's metadata is known to use and the
// others short words like them (组织机构, 生成日期 on some portals). A
// table's header, whose cells name 序号 or a column of units, is never
// metadata; but a known label that ends in 单位 like a units column
// (发布单位) is a label, not a column, in a row of pairs.
func metaPipeRow(s string) bool {
	cells := splitPipes(s)
	if len(cells) < 2 || len(cells)%2 != 0 {
		return false
	}
	known := make([]bool, len(cells))
	anyKnown := false
	for i := 0; i < len(cells); i += 2 {
		label := textnorm.Compact(strings.TrimSuffix(cells[i], "："))
		if _, ok := source.MetaLabels[label]; ok {
			known[i], anyKnown = true, true
			continue
		}
		if !labelLikeRe.MatchString(label) {
			return false
		}
	}
	if !anyKnown {
		return false
	}
	for i, c := range cells {
		if known[i] {
			continue
		}
		t := textnorm.Compact(c)
		if t == "序号" || isColumnName(c) && unitColumnRe.MatchString(c) {
			return false
		}
	}
	return true
}

// labelLikeRe is a word that may label a field of a page's metadata.
var labelLikeRe = regexp.MustCompile(`^\p{Han}{2,6}$`)

func joinMetaCells(s string) string {
	cells := splitPipes(s)
	var b strings.Builder
	for i := 0; i+1 < len(cells); i += 2 {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(strings.TrimSuffix(cells[i], "：") + "：" + cells[i+1])
	}
	return b.String()
}

// numberedRowStarts marks the lines that open a row of a table written a
// cell a line under a header that opens with 序号, where some row has
// fewer cells than the header names: a column left empty in every row
// without a placeholder (年度目标), or a merged cell written once. Its
// cells alone cannot tell the rows apart, but its numbers can: a row
// starts at a line holding only the next number, once the row before has
// all its cells but one (two in a table of six columns or more) or was
// closed by a bar of its own (||, or | alone). The
// rows are then read as rows set apart by blank lines, each placed in the
// columns by its content (the grammar's to do).
func numberedRowStarts(lines []line, inTable []bool) map[int]bool {
	opens := map[int]bool{}
	for i := 0; i < len(lines); {
		if !inTable[i] {
			i++
			continue
		}
		j := i
		for j < len(lines) && inTable[j] {
			j++
		}
		for k, v := range numberedRows(lines[i:j]) {
			opens[i+k] = v
		}
		i = j
	}
	return opens
}

// numberedRows marks the row starts of one run of bar lines (see
// numberedRowStarts); nil when the run is not such a table.
func numberedRows(run []line) map[int]bool {
	var body []int // the lines of cells, by index in run
	width, k := 0, 0
	for ; k < len(run); k++ {
		t := strings.TrimSpace(run[k].norm)
		if t == "" {
			continue
		}
		if pipeCells(t) > 1 {
			return nil // a row a line
		}
		c := joinPipeCells(t)
		if width == 0 && textnorm.Compact(c) != "序号" {
			continue // a caption above the header
		}
		if !isColumnName(c) && !isOwnColumnName(c) {
			break
		}
		width++
	}
	if width < 3 {
		return nil
	}
	for ; k < len(run); k++ {
		t := strings.TrimSpace(run[k].norm)
		if t == "" {
			continue
		}
		if pipeCells(t) > 1 {
			return nil
		}
		body = append(body, k)
	}
	opens := map[int]bool{}
	short, cells, closed, last := false, 0, false, 0
	end := func() bool {
		// A row of more cells than the header names was cut wrong: a
		// number in it was a value (分值 4), not the next row's.
		short = short || cells < width
		return cells > width
	}
	for _, k := range body {
		t := strings.TrimSpace(run[k].norm)
		if barsOnly(t) {
			closed = cells > 0
			continue
		}
		num, err := strconv.Atoi(joinPipeCells(t))
		switch {
		case len(opens) == 0 && err != nil:
			return nil // the first row opens with its number
		case len(opens) == 0, err == nil && num == last+1 && (closed || cells >= width-1 || width >= 6 && cells >= width-2):
			if len(opens) > 0 && end() {
				return nil
			}
			opens[k], cells, closed, last = true, 1, false, num
			continue
		}
		cells++
	}
	if end() || !short || len(opens) < 2 {
		return nil // whole rows: the other shapes read them
	}
	return opens
}
