// Package txt reads a notice saved as plain text into a source.Document.
//
// Each line that is not blank is a paragraph. A table pasted as text
// arrives in one of a few shapes, and each becomes a table block with its
// cells split:
//
//   - one cell per line, each line led by a tab, a blank line between
//     rows (the shape of a table copied out of a Word file);
//   - one row per line, cells joined by tabs, a heading that spans the
//     table on a line of its own (一、知识产权保护方面（共5项）);
//   - one cell per line without tabs, a blank line between rows, under a
//     header of column names (序号, 重点任务, 牵头单位 …) written the same way;
//   - one cell per line with nothing between rows, as a web page's table
//     copies, a cell merged over rows written once (stream.go: the rows
//     are told by the kinds of their cells);
//   - one row per line, cells set apart by single spaces, under a header
//     of names, letter-spaced or not (spaced.go);
//   - cells set apart by | (a row a line, or a cell a line ending in
//     " |"), rewritten first into the shapes above (pipes.go).
//
// A cell wrapped onto a line of its own is joined to the cell it
// continues. What the cells mean (which row is a header, which empty cell
// continues the one above) is the grammar's to decide, not the reader's.
package txt

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"qingdan/internal/decode"
	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// Read decodes the bytes of a text file (UTF-8, GB18030, UTF-16) and
// returns its document; name is the file name, for messages. The error
// is decode's, for the caller to wrap with the file.
func Read(data []byte, name string) (*source.Document, error) {
	text, enc, err := decode.Text(data)
	if err != nil {
		return nil, err
	}
	doc := FromText(text, name)
	doc.Encoding = string(enc)
	return doc, nil
}

// FromText returns the document of a decoded text.
func FromText(text, name string) *source.Document {
	r := reader{lines: unpipe(splitLines(text))}
	r.read()
	return &source.Document{Name: name, Format: "txt", Blocks: r.blocks}
}

// line is one line of the file: its text and the folded copy the shapes
// are recognised on.
type line struct {
	num  int
	text string
	norm string
}

func splitLines(text string) []line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	out := make([]line, len(raw))
	for i, s := range raw {
		out[i] = line{num: i + 1, text: s, norm: textnorm.String(s)}
	}
	return out
}

func (l line) blank() bool { return strings.TrimSpace(l.norm) == "" }

// tabLed reports a line of the one-cell-per-line shape.
func (l line) tabLed() bool { return strings.HasPrefix(l.text, "\t") }

// tabs counts the tabs between cells, not those that only trail.
func (l line) tabs() int { return strings.Count(strings.TrimRight(l.text, "\t "), "\t") }

type reader struct {
	lines  []line
	blocks []source.Block
	tables int
}

func (r *reader) read() {
	for i := 0; i < len(r.lines); {
		l := r.lines[i]
		switch {
		case l.blank():
			i++
		case r.tabLedStart(i):
			i = r.readTabLed(i)
		case r.tabRowStart(i):
			i = r.readTabRows(i)
		case r.cellRunStart(i):
			i = r.readCellRuns(i)
		case r.streamStart(i):
			i = r.readStream(i)
		case r.spacedStart(i):
			i = r.readSpaced(i)
		default:
			r.blocks = append(r.blocks, source.Block{Pos: source.Pos{Line: l.num}, Text: trim(l.text)})
			i++
		}
	}
}

// trim removes the white space around a line or cell, the full-width
// space of an indent included.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return textnorm.Rune(r) == ' ' || r == '\t' })
}

// addTable appends a table block; rows without cells are dropped.
func (r *reader) addTable(rows []source.Row) {
	if len(rows) == 0 {
		return
	}
	r.tables++
	for i := range rows {
		rows[i].Pos.Table, rows[i].Pos.Row = r.tables, i+1
	}
	r.blocks = append(r.blocks, source.Block{Pos: source.Pos{Line: rows[0].Pos.Line}, Table: &source.Table{Rows: rows}})
}

func cell(text string, num int) source.Cell {
	return source.Cell{Text: trim(text), Span: 1, Line: num}
}

// cellsOf cuts a line at its tabs.
func cellsOf(text string, num int) []source.Cell {
	parts := strings.Split(text, "\t")
	out := make([]source.Cell, len(parts))
	for i, p := range parts {
		out[i] = cell(p, num)
	}
	return out
}

// continueCell adds a wrapped line to the last cell of a row.
func continueCell(row *source.Row, text string) {
	c := &row.Cells[len(row.Cells)-1]
	if c.Text == "" {
		c.Text = trim(text)
		return
	}
	c.Text += "\n" + trim(text)
}

// nextNonBlank returns the index of the first line at or after i that is
// not blank, or len(lines).
func (r *reader) nextNonBlank(i int) int {
	for i < len(r.lines) && r.lines[i].blank() {
		i++
	}
	return i
}

// ---- one cell per tab-led line ----

// tabLedStart reports at least two tab-led lines close together: one
// stray tab does not make a table.
func (r *reader) tabLedStart(i int) bool {
	if !r.lines[i].tabLed() {
		return false
	}
	for j := i + 1; j < len(r.lines) && j <= i+3; j++ {
		if r.lines[j].tabLed() {
			return true
		}
	}
	return false
}

func (r *reader) readTabLed(i int) int {
	var (
		rows []source.Row
		open bool // a row is being read: no blank line since its last cell
	)
	for ; i < len(r.lines); i++ {
		l := r.lines[i]
		switch {
		case l.tabLed():
			if !open {
				rows = append(rows, source.Row{Pos: source.Pos{Line: l.num}})
				open = true
			}
			row := &rows[len(rows)-1]
			row.Cells = append(row.Cells, cellsOf(l.text[1:], l.num)...)
		case l.blank():
			open = false
		case open && r.wrapped(i, line.tabLed):
			continueCell(&rows[len(rows)-1], l.text)
		default:
			r.addTable(rows)
			return i
		}
	}
	r.addTable(rows)
	return i
}

// wrapped reports a line inside a table that continues the cell above:
// the table goes on after it, and it is no footer.
func (r *reader) wrapped(i int, tableLine func(line) bool) bool {
	if isFooter(r.lines[i].norm) {
		return false
	}
	j := r.nextNonBlank(i + 1)
	return j < len(r.lines) && tableLine(r.lines[j])
}

// wrappedTight is wrapped for rows of tab-joined cells, where a wrapped
// line sits between two lines of its row, with no blank line around it.
func (r *reader) wrappedTight(i int) bool {
	return i+1 < len(r.lines) && !r.lines[i+1].blank() && r.wrapped(i, isJoinedRow)
}

var footerRe = regexp.MustCompile(`^\s*(抄送|抄报|附\s*件|注\s*：|[^\t]*印发\s*$)`)

func isFooter(norm string) bool { return footerRe.MatchString(norm) }

// ---- one row per line, cells joined by tabs ----

func (r *reader) tabRowStart(i int) bool {
	l := r.lines[i]
	if l.tabs() < 1 || len(strings.Split(l.text, "\t")) < 2 {
		return false
	}
	for j := i + 1; j < len(r.lines) && j <= i+3; j++ {
		if r.lines[j].tabs() >= 1 {
			return true
		}
	}
	return false
}

func isTabRow(l line) bool { return l.tabs() >= 1 }

// isJoinedRow reports a row of tab-joined cells right after a wrapped
// line: one led by a tab belongs to another table.
func isJoinedRow(l line) bool { return isTabRow(l) && !l.tabLed() }

func (r *reader) readTabRows(i int) int {
	var rows []source.Row
	width := r.tabWidth(i)
	for ; i < len(r.lines); i++ {
		l := r.lines[i]
		switch {
		case l.blank():
			continue
		case isTabRow(l):
			cells := cellsOf(l.text, l.num)
			if n := len(rows); n > 0 && continues(rows[n-1], cells, width) {
				prev := &rows[n-1]
				continueCell(prev, cells[0].Text)
				prev.Cells = append(prev.Cells, cells[1:]...)
				continue
			}
			rows = append(rows, source.Row{Pos: source.Pos{Line: l.num}, Cells: cells})
		case isSpanning(l.norm):
			rows = append(rows, source.Row{Pos: source.Pos{Line: l.num}, Cells: []source.Cell{cell(l.text, l.num)}})
		case len(rows) > 0 && len(rows[len(rows)-1].Cells) > 1 && lastCellOn(rows[len(rows)-1], r.lines[i-1].num) && r.wrappedTight(i):
			continueCell(&rows[len(rows)-1], l.text)
		default:
			r.addTable(rows)
			return i
		}
	}
	r.addTable(rows)
	return i
}

// tabWidth returns the number of cells most lines of tab-joined cells
// from i have, the greater on a tie: the table's width, which a wrapped
// cell (of the header too) breaks on a line with fewer.
func (r *reader) tabWidth(i int) int {
	counts := map[int]int{}
	for ; i < len(r.lines); i++ {
		l := r.lines[i]
		switch {
		case l.blank(), isSpanning(l.norm):
		case isTabRow(l):
			counts[len(strings.Split(l.text, "\t"))]++
		case r.wrappedTight(i):
		default:
			i = len(r.lines)
		}
	}
	width, best := 0, 0
	for w, n := range counts {
		if n > best || (n == best && w > width) {
			width, best = w, n
		}
	}
	return width
}

// lastCellOn reports a row whose last cell was read on line num.
func lastCellOn(row source.Row, num int) bool {
	return row.Cells[len(row.Cells)-1].Line == num
}

// continues reports a line of tab-joined cells that completes the row
// above, whose last cell was wrapped: the row above is short of the
// table's width, both fit in it together, and the line does not open
// with a number as a row of its own would.
func continues(prev source.Row, cells []source.Cell, width int) bool {
	if len(prev.Cells) < 2 || len(prev.Cells) >= width || len(prev.Cells)+len(cells)-1 > width {
		return false
	}
	first := textnorm.Compact(cells[0].Text)
	return first != "" && !startsNumbered(first)
}

var (
	numberedRe = regexp.MustCompile(`^(\d+[.、．]?$|\d+[.、．]|[一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十百零〇\d]+）)`)
	spanningRe = regexp.MustCompile(`^\s*([一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十百零〇]+）)`)
	sentenceRe = regexp.MustCompile(`[。！？；]`)
)

func startsNumbered(s string) bool { return numberedRe.MatchString(s) }

// isSpanning reports a line that is a heading spanning the table:
// 一、知识产权保护方面（共5项）.
func isSpanning(norm string) bool {
	if !spanningRe.MatchString(norm) {
		return false
	}
	t := strings.TrimRight(strings.TrimSpace(norm), "。 ")
	return utf8.RuneCountInString(t) <= 44 && !sentenceRe.MatchString(t)
}

// ---- one cell per line without tabs ----

// columnRe names the columns of a responsibility table.
var columnRe = regexp.MustCompile(`序号|编号|任务|内容|事项|举措|措施|单位|部门|时限|时间|节点|领导|范围|备注|目标|分工|进度|进展|情况|是否|说明|责任|项目|分值|指标|类别|名称|牵头|配合`)

// captionRe ends the caption of a table or of a plan (重点任务清单,
// 城市更新重点任务分工), which may stand right above the header.
var captionRe = regexp.MustCompile(`(?:清单|分工|分解|方案|表|计划|要点|安排|通知|意见)$`)

// isColumnName reports a short line that reads as a column header, not
// as a caption (a name of four characters such as 责任分工 is a column's).
func isColumnName(norm string) bool {
	if len(norm) > 60 {
		return false // ten characters, with some letter-spacing
	}
	t := textnorm.Compact(norm)
	n := utf8.RuneCountInString(t)
	return n >= 2 && n <= 10 && !strings.ContainsAny(t, "：。，；、") && columnRe.MatchString(t) && (n <= 4 || !captionRe.MatchString(t))
}

// run returns the lines of the blank-separated run that starts at i.
func (r *reader) run(i int) []line {
	j := i
	for j < len(r.lines) && !r.lines[j].blank() && !r.lines[j].tabLed() {
		j++
	}
	return r.lines[i:j]
}

// cellRunStart reports a header written one column name per line, with
// a row of at least as many lines after it.
func (r *reader) cellRunStart(i int) bool {
	head := r.run(i)
	if len(head) < 3 {
		return false
	}
	for k, l := range head {
		// A name of the notice's own (民生实事) between known ones.
		own := k > 0 && k+1 < len(head) && isOwnColumnName(l.norm) && isColumnName(head[k+1].norm)
		if !isColumnName(l.norm) && !own {
			return false
		}
	}
	next := r.nextNonBlank(i + len(head))
	if next == i+len(head) || next >= len(r.lines) {
		return false // rows are set apart by blank lines
	}
	return len(r.run(next)) >= 2
}

func (r *reader) readCellRuns(i int) int {
	var rows []source.Row
	head := r.run(i)
	for i < len(r.lines) {
		i = r.nextNonBlank(i)
		if i >= len(r.lines) {
			break
		}
		run := r.run(i)
		switch {
		case len(run) == 0:
			r.addTable(rows)
			return i
		case len(run) == 1 && isSpanning(run[0].norm):
		case len(run) == 1 || isFooter(run[0].norm):
			r.addTable(rows)
			return i
		}
		row := source.Row{Pos: source.Pos{Line: run[0].num}}
		cells := run
		if len(rows) > 0 && len(run) > len(head) {
			// The units of one cell written one a line.
			cells = joinUnitLines(run, head)
		}
		for _, l := range cells {
			row.Cells = append(row.Cells, cell(l.text, l.num))
		}
		rows = append(rows, row)
		i += len(run)
	}
	r.addTable(rows)
	return i
}
