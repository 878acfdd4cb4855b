package notice

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"qingdan/internal/textnorm"
	"qingdan/internal/units"
)

// Deadline is when a task is due, as the notice writes it: a 完成时限
// label or column, a deadline clause among the units, or a time phrase
// that ends the task's text (…，2024年6月底前完成。).
type Deadline struct {
	// Text is the deadline as written: 2024年6月底前, 长期坚持, 每季度.
	Text string `json:"text" yaml:"text"`
	// Date is the last day the text allows, YYYY-MM-DD, when it names a
	// year: 2024年6月底前 is 2024-06-30, 2024年底 2024-12-31.
	Date string `json:"date,omitempty" yaml:"date,omitempty"`
}

// setDeadline takes the task's deadline out of its fields, or else from
// the end of its text.
func setDeadline(t *Task) {
	var kept []Field
	for _, f := range t.Fields {
		if timeFieldRe.MatchString(f.Name) && t.Deadline == nil && strings.TrimSpace(f.Value) != "" {
			t.Deadline = &Deadline{Text: strings.TrimSpace(f.Value)}
			continue
		}
		kept = append(kept, f)
	}
	t.Fields = kept
	if t.Deadline == nil {
		if s := trailingTime(t.Text); s != "" {
			t.Deadline = &Deadline{Text: s}
		}
	}
	if t.Deadline != nil {
		t.Deadline.Date = deadlineDate(t.Deadline.Text)
	}
}

// trailingTime returns the time phrase that ends a text as its own
// clause (…，年内完成。 or …（2024年底前）), or "".
func trailingTime(text string) string {
	s := strings.TrimRight(strings.TrimSpace(text), "。；;.")
	norm := textnorm.String(s)
	if strings.HasSuffix(norm, "）") {
		if i := strings.LastIndex(norm, "（"); i >= 0 {
			inner := strings.TrimSuffix(norm[i+len("（"):], "）")
			if units.IsDeadline(inner) {
				return strings.TrimSpace(cutLike(s, norm, i+len("（"), len(norm)-len("）")))
			}
		}
		return ""
	}
	i := strings.LastIndexAny(norm, "，。；")
	if i < 0 {
		return "" // the whole text is no deadline of a task
	}
	_, size := firstRune(norm[i:])
	if clause := norm[i+size:]; units.IsDeadline(clause) {
		return strings.TrimSpace(cutLike(s, norm, i+size, len(norm)))
	}
	// The last clause is looked at first: it is short, and seldom opens
	// with a time, while the roles are read from the whole text before it.
	if j, k := roleClauseTime(norm[i+size:]); k > j && units.EndsWithRole(norm[:i]) {
		return strings.TrimSpace(cutLike(s, norm, i+size+j, i+size+k))
	}
	return ""
}

// roleClauseTime finds the time phrase of the clause that follows the
// roles of a duty (由市发改委牵头，市财政局配合，在6月底前完成): the clause
// may open with 在 and go on with what is done by then (9月底前投入试运行),
// which no deadline clause among the units does. It returns the bytes
// [j, k) of the phrase in the clause, or 0, 0.
func roleClauseTime(clause string) (j, k int) {
	m := roleClauseTimeRe.FindStringSubmatchIndex(clause)
	if m == nil {
		return 0, 0
	}
	if units.IsDeadline(clause[m[2]:]) {
		return m[2], len(clause) // 在6月底前完成: the time and its 完成
	}
	if m[4] < 0 || m[1] == len(clause) {
		return 0, 0 // a time that is no limit (6月底) before an action
	}
	return m[2], m[1] // 9月底前投入试运行: the time alone
}

// roleClauseTimeRe is a clause that opens with a time, maybe after 在 or
// 于; group 2 is the 前 or 内 that makes it a limit. Its parts of a month
// and of a year are those of a deadline (units.MonthParts, YearParts),
// but not the whole of units' time: that may be empty, recurring (每月)
// or a start (6月起), and none of those is a date to finish by.
var roleClauseTimeRe = regexp.MustCompile(`^(?:在|于)?((?:\d{4}年(?:底|内|末)|(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?(?:` + units.MonthParts + `)?|` + units.YearParts + `))(前|以前|之前|内)?)`)

// cutLike cuts orig at the rune positions of norm[i:j]; textnorm keeps
// one rune for one rune.
func cutLike(orig, norm string, i, j int) string {
	return line{orig: orig, norm: norm}.cut(i, j)
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// timeFieldRe names a field or column that holds a deadline.
var timeFieldRe = regexp.MustCompile(`^(?:` + units.DeadlineField + `|完成期限|办结时限|时间节点|完成时间|时间要求|时限要求|时限|完成时间节点|时间安排|进度安排)$`)

var (
	dayRe     = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
	monthRe   = regexp.MustCompile(`(\d{4})年(\d{1,2})月(上旬|中旬|下旬)?`)
	quarterRe = regexp.MustCompile(`(\d{4})年(?:第)?([一二三四1-4])季度`)
	halfRe    = regexp.MustCompile(`(\d{4})年(上半年|下半年|前三季度)`)
	yearsRe   = regexp.MustCompile(`\d{4}年?\s*[-—–~～至到]\s*(\d{4})年`)
	yearRe    = regexp.MustCompile(`(\d{4})年`)
)

// deadlineDate returns the last day a deadline allows, or "" when it
// names no year.
func deadlineDate(text string) string {
	s := textnorm.Compact(text)
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	formatDate := func(y, m, d int) string {
		if !validDate(y, m, d) {
			return ""
		}
		return formatDate(y, m, d)
	}
	switch {
	case dayRe.MatchString(s):
		m := dayRe.FindStringSubmatch(s)
		if y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3]); validDate(y, mo, d) && d <= monthEnd(y, mo) {
			return formatDate(y, mo, d)
		}
	case monthRe.MatchString(s):
		m := monthRe.FindStringSubmatch(s)
		y, mo := atoi(m[1]), atoi(m[2])
		if !validDate(y, mo, 1) {
			return ""
		}
		switch m[3] {
		case "上旬":
			return formatDate(y, mo, 10)
		case "中旬":
			return formatDate(y, mo, 20)
		}
		return formatDate(y, mo, monthEnd(y, mo))
	case quarterRe.MatchString(s):
		m := quarterRe.FindStringSubmatch(s)
		q := strings.Index("一二三四", m[2])/len("一") + 1
		if q <= 0 {
			q = atoi(m[2])
		}
		y := atoi(m[1])
		return formatDate(y, 3*q, monthEnd(y, 3*q))
	case halfRe.MatchString(s):
		m := halfRe.FindStringSubmatch(s)
		y := atoi(m[1])
		switch m[2] {
		case "上半年":
			return formatDate(y, 6, 30)
		case "前三季度":
			return formatDate(y, 9, 30)
		}
		return formatDate(y, 12, 31)
	case yearsRe.MatchString(s):
		return formatDate(atoi(yearsRe.FindStringSubmatch(s)[1]), 12, 31)
	case yearRe.MatchString(s):
		return formatDate(atoi(yearRe.FindStringSubmatch(s)[1]), 12, 31)
	}
	return ""
}

// monthEnd returns the number of days of a month.
func monthEnd(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
