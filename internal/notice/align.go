package notice

import (
	"math"
	"regexp"
	"strings"

	"qingdan/internal/units"
)

// A row with fewer cells than the header has lost some: a cell merged
// over several rows is written only in the first of them, and an empty
// last cell (备注) is often dropped with its border. The cells a row keeps
// stand in the header's order, so each is put in the column its content
// fits — a list of units under units, a time under a time, a person's
// name under 分管领导, 是 or 否 under 是否…, the longest text under the
// task — and the columns left out are empty: before the
// task they continue the cell above (a merged group), after it they are
// simply empty.

// timeColRe names a column of deadlines; timeCellRe is in most of their
// cells (2021年8月前, 长期推进, 每季度).
var (
	timeColRe  = regexp.MustCompile(`时限|时间|期限|节点`)
	timeCellRe = regexp.MustCompile(`\d{4}\s*年|\d{1,2}\s*月|年底|年内|月底|季度|长期|持续|常态|前$`)
	// yesNoRe is a cell of a column of yes or no (是否达序).
	yesNoRe = regexp.MustCompile(`^(?:是|否|√|×)$`)
)

// alignShort places the cells of a short row in the table's columns and
// returns the row at full width; nil when no placement fits.
func (r *tableReader) alignShort(cells []cell, blank func() cell) []cell {
	out, _ := r.align(cells, blank)
	return out
}

// shiftedRow returns the cells of a row of the table's width, without the
// empty cells it ends with, placed by content, when they fit their
// columns so much better than where they stand that the row must have
// lost a cell before them and padded its end (a column empty in every
// row, written without a placeholder, then || closing the row); nil
// otherwise.
func (r *tableReader) shiftedRow(cells []cell, blank func() cell) []cell {
	n := len(cells)
	for n > 0 && cells[n-1].norm == "" {
		n--
	}
	if n == len(cells) || n == 0 || !fitsColumn(r.cols[0], cells[0].line) {
		return nil
	}
	asWritten := 0.0
	for j, c := range cells {
		if c.norm == "" {
			asWritten += r.skipCost(j)
		} else {
			asWritten += r.placeCost(c, j)
		}
	}
	out, cost := r.align(cells[:n], blank)
	if out == nil || cost+shiftMargin > asWritten {
		return nil
	}
	return out
}

// shiftMargin is how much better a row must fit placed by content than
// as written to be read so: a few cells out of their kind, not one.
const shiftMargin = 4

// align places cells in the table's columns in order, each where its
// content fits best, and returns the row at full width and the cost of
// the placement; nil when no placement fits.
func (r *tableReader) align(cells []cell, blank func() cell) ([]cell, float64) {
	n, width := len(cells), r.width
	inf := math.Inf(1)
	// best[i][j]: least cost of placing cells[:i] in columns[:j], the
	// last placed in column j-1 or earlier.
	best := make([][]float64, n+1)
	took := make([][]bool, n+1)
	for i := range best {
		best[i] = make([]float64, width+1)
		took[i] = make([]bool, width+1)
		for j := range best[i] {
			best[i][j] = inf
		}
	}
	best[0][0] = 0
	for j := 1; j <= width; j++ {
		best[0][j] = best[0][j-1] + r.skipCost(j-1)
	}
	for i := 1; i <= n; i++ {
		for j := i; j <= width; j++ {
			skip := best[i][j-1] + r.skipCost(j-1)
			place := best[i-1][j-1] + r.placeCost(cells[i-1], j-1)
			// On a tie the cell goes to the earlier column, as the
			// cells of a row written short are read from its start.
			if place < skip {
				best[i][j], took[i][j] = place, true
			} else {
				best[i][j] = skip
			}
		}
	}
	if best[n][width] == inf {
		return nil, inf
	}
	out := make([]cell, width)
	for i, j := n, width; j > 0; j-- {
		if i > 0 && took[i][j] {
			out[j-1] = cells[i-1]
			i--
		} else {
			out[j-1] = blank()
		}
	}
	return out, best[n][width]
}

// skipCost is what leaving column j empty costs: little for a column
// before the task (a merged group) or for notes, more for units, most for
// the task itself.
func (r *tableReader) skipCost(j int) float64 {
	c := r.cols[j]
	switch {
	case c.kind == colTask:
		return 3
	case j == r.primary:
		return 1.5 // a task always has a lead or responsible unit
	case c.kind == colUnits:
		return 1
	case c.kind == colNumber:
		return 2
	case r.taskCol >= 0 && j < r.taskCol:
		return 0.1
	}
	return 0.3
}

// cellTraits is what a cell's text is, as placeCost weighs it.
type cellTraits struct {
	unitish, integer, person, shortPerson, yesNo bool
}

func (r *tableReader) traitsOf(v string) cellTraits {
	if t, ok := r.traits[v]; ok {
		return t
	}
	t := cellTraits{
		unitish: units.IsUnitList(v) || (!strings.ContainsAny(v, "。；") && runeLen(v) <= 60 && units.IsDuty(v)),
		integer: isInteger(v),
		person:  isPersonName(v),
		yesNo:   yesNoRe.MatchString(v),
	}
	t.shortPerson = t.person && personShort(v)
	if r.traits == nil {
		r.traits = map[string]cellTraits{}
	}
	r.traits[v] = t
	return t
}

// placeCost is how badly a cell fits column j.
func (r *tableReader) placeCost(c cell, j int) float64 {
	col := r.cols[j]
	v := strings.TrimSpace(c.norm)
	t := r.traitsOf(v)
	switch col.kind {
	case colNumber:
		if t.integer {
			return 0
		}
		return math.Inf(1)
	case colUnits:
		if t.unitish {
			return 0
		}
		return 2
	case colTask:
		if t.unitish {
			return 3
		}
		return 0
	}
	// A person's name (王 五) goes under 分管领导, a yes or no under 是否达序,
	// and nothing else does.
	person, yesNo := personColRe.MatchString(col.name), strings.Contains(col.name, "是否")
	switch {
	case person || yesNo:
		if person && t.person || yesNo && t.yesNo {
			return 0
		}
		return 3
	case t.shortPerson || t.yesNo:
		return 2
	}
	if timeColRe.MatchString(col.name) {
		if units.IsDeadline(v) || timeCellRe.MatchString(v) {
			return 0
		}
		return 3
	}
	if t.unitish || t.integer {
		return 3
	}
	return 0.5
}
