package txt

import (
	"regexp"
	"strings"
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

// unpipe rewrites the lines of cells set apart by |, when the text has
// at least two lines of them; other texts are left as they are.
func unpipe(lines []line) []line {
	n := 0
	for _, l := range lines {
		if pipeCells(l.norm) > 0 {
			n++
		}
	}
	if n < 2 {
		return lines
	}
	out := make([]line, 0, len(lines))
	for _, l := range lines {
		t := strings.TrimSpace(l.norm)
		switch {
		case t == "|" || pipeRuleRe.MatchString(t) && strings.Contains(t, "|"):
			continue
		case pipeCells(l.norm) > 0:
			l.text = joinPipeCells(l.text)
			l.norm = joinPipeCells(l.norm)
		}
		out = append(out, l)
	}
	return out
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
