package notice

import (
	"regexp"
	"strings"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// A table reaches the grammar as rows of cells, whatever the format it
// came in (see internal/source); each cell keeps its line. The grammar
// finds the header — declared, or the first rows of column names, one or
// two of them — and reads the rest row by row (tablerows.go).

// cell is one cell of a table row.
type cell struct {
	line
	// merged is true for a cell the document marks as continuing the
	// cell above (a vertical merge, a rowspan).
	merged bool
}

type tableRow struct {
	line  int
	cells []cell
	// header is true for a row the document declares a header.
	header bool
}

type table struct {
	caption string // the line above the table (重点任务分工), if any
	header  []string
	rows    []tableRow
	start   int // line number of the header
	// under is the body section the table stands in when it follows the
	// section's heading with no item between: its rows that restate no
	// item are that section's, not a section of the table's own.
	under *sectionBlock
}

// tableOf reads a table block into rows of cells on the table's grid: a
// cell spanning columns is followed by empty cells for the others (in a
// header, by its name again), unless it is alone in its row. The grid is
// that of the declared header when there is one (see columnsOf).
func tableOf(b source.Block) *table {
	t := &table{start: b.Pos.Line}
	cols := columnsOf(b.Table.Rows)
	for _, r := range b.Table.Rows {
		row := tableRow{line: r.Pos.Line, header: r.Header}
		at := 0
		for _, c := range r.Cells {
			num := c.Line
			if num == 0 {
				num = r.Pos.Line
			}
			l := line{num: num, orig: c.Text, norm: textnorm.String(c.Text)}.trim()
			row.cells = append(row.cells, cell{line: l, merged: c.Merged})
			span := c.Span
			switch {
			case len(r.Cells) == 1 && !r.Header:
				// A row of one cell is a heading across the table
				// (一、知识产权保护方面（共5项）): one cell, as a text copy
				// gives it.
				span = 1
			case cols != nil:
				span = cols.covered(at, c.Span)
			}
			at += max(c.Span, 1)
			for k := 1; k < span; k++ {
				spanned := cell{line: line{num: num}}
				if r.Header {
					spanned.line = l
				}
				row.cells = append(row.cells, spanned)
			}
		}
		t.rows = append(t.rows, row)
	}
	return t.withHeader()
}

// columns maps each column of a document's grid to the column of its
// declared header it is under.
type columns []int

// columnsOf reads the columns of a table from its declared header (the
// last of the header rows it opens with): a header cell spanning grid
// columns names one column, and a row that splits it in two (工作任务 over
// a sub-item heading 2.落实部门监管责任 and its task) gives the grammar
// one cell more than the header, as a text copy of the table does. nil
// when no header is declared: the grid's columns are the columns.
func columnsOf(rows []source.Row) columns {
	last := -1
	for i, r := range rows {
		if !r.Header {
			break
		}
		last = i
	}
	if last < 0 {
		return nil
	}
	var out columns
	for j, c := range rows[last].Cells {
		for range max(c.Span, 1) {
			out = append(out, j)
		}
	}
	return out
}

// covered counts the header's columns under a cell that starts at grid
// column at and spans span of them; grid columns past the header count
// one each.
func (cols columns) covered(at, span int) int {
	n, prev := 0, -1
	for g := at; g < at+max(span, 1); g++ {
		if g >= len(cols) {
			n++
			continue
		}
		if cols[g] != prev {
			n++
			prev = cols[g]
		}
	}
	return n
}

// tableStart reports whether a table starts at lines[i].
func tableStart(lines []line, i int) bool { return lines[i].table != nil }

// readTable returns the table at lines[i] and the index after it.
func readTable(lines []line, i int) (*table, int) { return lines[i].table, i + 1 }

var columnWords = regexp.MustCompile(`单位|部门|任务|内容|事项|序号|编号|时限|时间|举措|措施|项目|名称|范围|备注|要求|目标|责任|分工|进度|领域|工作|类别|指标|领导|节点`)

// columnName returns a cell's text as a column name, and whether it reads
// as one: short, no sentence, letter-spacing and line breaks removed.
func columnName(c cell) (string, bool) {
	name := textnorm.Compact(c.orig)
	return name, runeLen(name) <= 12 && !strings.ContainsAny(name, "。；")
}

// headerLike reports a row of column names: every cell short, at least
// two of them, and one at least in the vocabulary of column names.
func headerLike(r tableRow) bool {
	vocab, names := 0, 0
	for _, c := range r.cells {
		name, ok := columnName(c)
		if !ok {
			return false
		}
		if name == "" {
			continue
		}
		names++
		if columnWords.MatchString(name) {
			vocab++
		}
	}
	return names >= 1 && vocab > 0
}

// withHeader takes the header off the rows: the rows the document
// declares, or else a first row of column names. A second row of names
// under a first with gaps (责任单位 over 牵头单位 | 配合单位) completes it.
func (t *table) withHeader() *table {
	if len(t.rows) == 0 || !headerLike(t.rows[0]) || (len(t.rows[0].cells) < 2 && !t.rows[0].header) {
		return t
	}
	first := t.rows[0]
	names := make([]string, len(first.cells))
	for j, c := range first.cells {
		names[j], _ = columnName(c)
	}
	t.rows = t.rows[1:]
	if len(t.rows) > 0 && (t.rows[0].header || (allColumnWords(t.rows[0]) && hasGap(t.rows[0]))) && !t.isRepeat(t.rows[0], names) {
		names = mergeHeader(names, t.rows[0])
		t.rows = t.rows[1:]
	}
	t.header = names
	return t
}

// allColumnWords reports a row whose every cell with text is a column
// name of the vocabulary: 牵头单位 | 配合单位, not 推进工作 | 市城管局.
func allColumnWords(r tableRow) bool {
	for _, c := range r.cells {
		name, ok := columnName(c)
		if !ok || (name != "" && !columnWords.MatchString(name)) {
			return false
		}
	}
	return true
}

func hasGap(r tableRow) bool {
	for _, c := range r.cells {
		if c.norm == "" {
			return true
		}
	}
	return false
}

// mergeHeader completes the names of a first header row with a second:
// the second names a column where it has text; its empty cells keep the
// first row's names, aligned from the left before its text and from the
// right after it (a merged 责任单位 cell lost one column in the first row).
func mergeHeader(first []string, second tableRow) []string {
	out := make([]string, len(second.cells))
	lead, trail := -1, -1
	for j, c := range second.cells {
		if c.norm != "" {
			if lead < 0 {
				lead = j
			}
			trail = j
		}
	}
	for j, c := range second.cells {
		name, _ := columnName(c)
		switch {
		case name != "":
			out[j] = name
		case j < lead && j < len(first):
			out[j] = first[j]
		case j > trail:
			if k := len(first) - (len(second.cells) - j); k >= 0 && k < len(first) {
				out[j] = first[k]
			}
		}
	}
	if len(first) > len(out) {
		out = append(out, first[len(out):]...)
	}
	return out
}

// isRepeat reports a row that repeats the header, as a table broken over
// pages does: every cell a column name, and most of them the header's.
func (t *table) isRepeat(r tableRow, header []string) bool {
	if r.header {
		return true
	}
	if len(header) == 0 || !headerLike(r) {
		return false
	}
	known := map[string]bool{}
	for _, h := range header {
		known[h] = true
	}
	same, names := 0, 0
	for _, c := range r.cells {
		name, _ := columnName(c)
		if name == "" {
			continue
		}
		names++
		if known[name] {
			same++
		}
	}
	return names >= 2 && 2*same >= names
}
