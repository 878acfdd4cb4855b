package units

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A label names what follows it: 牵头单位：X, 协同责任单位：Y, 负责部门：Z
// name units and give them a role; 牵头负责领导：金力 names a person;
// 完成时限：…, 适用范围：…, 备注：… are fields. A label opens the text or
// follows a separator, so 市直有关单位： (the end of a recipients line) is
// no label.
var labelRe = regexp.MustCompile(
	`(【)?(?:((?:牵头|主办|主责|主要|负责|责任|配合|协办|参与|协同|协助|指导|督导|监督|督促|主管|承办|实施|落实)?)(?:责任)?(?:单位|部门|处室|科室|主体)` +
		`|(牵头|主办|主责|配合|协办|参与|协同|协助)` +
		`|((?:牵头|责任|分管|联系|包保|主要)?(?:负责)?(?:市|区|县|省)?(?:领导同志|领导|负责人|责任人|联系人))` +
		`|(完成时限|完成期限|办结时限|时间节点|完成时间|时间要求|时限要求|时限)` +
		`|(适用范围|推广范围|实施范围|备注))(：|】)`)

// Label is a label found in a text.
type Label struct {
	// Start and End are the byte range of the label, colon included.
	Start, End int
	// Role is the role of the units a unit label names; empty for a
	// field label.
	Role Role
	// Field is the name of the field a field label opens: the label as
	// written (牵头负责领导, 适用范围), or DeadlineField for a deadline.
	Field string
}

// Labels returns the labels of s that stand outside brackets, in order.
func Labels(s string) []Label {
	if !mayHaveLabel(s) {
		return nil
	}
	var out []Label
	if !strings.Contains(s, "：") && !strings.Contains(s, "】") {
		return nil
	}
	for _, m := range labelRe.FindAllStringSubmatchIndex(s, -1) {
		// 【牵头单位】 or 牵头单位：, not half of each.
		if bracketed := m[2] >= 0; bracketed != (s[m[14]:m[15]] == "】") {
			continue
		}
		// 【配合单位】 sets itself apart, after a name too (【牵头单位】X【配合单位】Y).
		if m[2] < 0 && (depthAt(s, m[0]) != 0 || !labelMayStart(s, m[0])) {
			continue
		}
		l := Label{Start: m[0], End: m[1]}
		switch {
		case m[8] >= 0:
			l.Field = s[m[8]:m[9]]
		case m[10] >= 0:
			l.Field = DeadlineField
		case m[12] >= 0:
			l.Field = s[m[12]:m[13]]
		case m[6] >= 0:
			// 牵头：X；配合：Y, the label's last word left out.
			l.Role = labelRole(s[m[6]:m[7]])
		default:
			l.Role = labelRole(s[m[4]:m[5]])
		}
		out = append(out, l)
	}
	return out
}

// labelEnds are the last words of every label.
var labelEnds = []string{"单位", "部门", "处室", "科室", "主体", "领导", "负责人", "责任人", "联系人", "同志", "时限", "期限", "节点", "时间", "要求", "范围", "备注",
	"牵头", "主办", "主责", "配合", "协办", "参与", "协同", "协助"}

// mayHaveLabel reports whether a label word stands before some colon or
// 】 of s: most text has none, and needs no pattern tried.
func mayHaveLabel(s string) bool {
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "：】")
		if j < 0 {
			return false
		}
		for _, e := range labelEnds {
			if strings.HasSuffix(s[:i+j], e) {
				return true
			}
		}
		_, size := utf8.DecodeRuneInString(s[i+j:])
		i += j + size
	}
	return false
}

// LeadingLabel returns the label that opens s, if any.
func LeadingLabel(s string) (Label, bool) {
	ls := Labels(s)
	if len(ls) == 0 || ls[0].Start != 0 {
		return Label{}, false
	}
	return ls[0], true
}

// labelMayStart reports whether a label may begin at byte i of s: at the
// start, or after a separator or a space.
func labelMayStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r := lastRune(s[:i])
	return strings.ContainsRune("，；。、,;（(【", r) || unicode.IsSpace(r)
}

// separateLabels puts a separator before a label that white space alone
// sets apart (牵头单位：A  配合单位：B), since the white space goes when
// the text is folded for names.
func separateLabels(s string) string {
	labels := Labels(s)
	for k := len(labels) - 1; k >= 0; k-- {
		i := labels[k].Start
		if i == 0 || !unicode.IsSpace(lastRune(s[:i])) {
			continue
		}
		j := len(strings.TrimRightFunc(s[:i], unicode.IsSpace))
		if j > 0 {
			s = s[:j] + "；" + s[i:]
		}
	}
	return s
}

type segment struct {
	text  string
	role  Role
	field string // the name of a segment that holds a field, not units
}

// labelSegments splits "牵头单位：X；配合单位：A、B；完成时限：…" into its
// labelled parts. Text before the first label keeps the default role.
func labelSegments(s string, def Role) []segment {
	labels := Labels(s)
	if len(labels) == 0 {
		return []segment{{text: trimSeps(s), role: def}}
	}
	var out []segment
	start, cur := 0, segment{role: def}
	for _, l := range labels {
		if t := trimSeps(s[start:l.Start]); t != "" {
			cur.text = t
			out = append(out, cur)
		}
		cur = segment{role: l.Role, field: l.Field}
		start = l.End
	}
	if t := trimSeps(s[start:]); t != "" {
		cur.text = t
		out = append(out, cur)
	}
	return out
}

func trimSeps(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == '，' || r == '；' || r == '。' || r == '、' || unicode.IsSpace(r)
	})
}

// The parts of a month (6月底, 10月上旬) and of a year (年内, 上半年, 第三
// 季度) a time names, as alternations of a regular expression: the one
// list of them, which the time that opens a role clause (notice's
// deadline.go) reads too.
const (
	MonthParts = `底|中旬|上旬|下旬|末|初`
	YearParts  = `年底|年内|年末|年中|上半年|下半年|前三季度|第?[一二三四1-4]季度`
)

// A deadline clause says when, how long or how often: a time (2024年
// 11月底前, 年内, 每季度), a way of going on (持续推进, 长期坚持), or a time
// and what is done by then (2024年11月底前完成, 年内持续推进). A word of
// doing alone (推进, 实施) says nothing of time and is no deadline.
var (
	timeRe = regexp.MustCompile(`^(?:\d{4}年?\s*[-—–~～至到]\s*\d{4}年|当年|全年|今年|明年|每年|每季度|每月|每半年|定期|长期|近期|(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:` + MonthParts + `|` + YearParts + `)?)(?:前|以前|之前|内|起|开始)?`)
	doneRe = regexp.MustCompile(`^(?:完成|结束|办结|见效|建成|落实到位|取得成效|取得明显成效|基本完成|全面完成|持续推进|长期坚持|坚持|持续开展|常态化开展|常态化推进|推进|开展|实施|落实)?$`)
	// goingOnRe is a clause that says how long without a time.
	goingOnRe = regexp.MustCompile(`^(?:长期坚持|持续推进|持续开展|常态化开展|常态化推进|长期|持续|按时完成|逐步推进|分步实施)$`)
)

// isDeadline reports a clause that is a deadline, not a unit.
func isDeadline(c string) bool {
	if c == "" {
		return false
	}
	if goingOnRe.MatchString(c) {
		return true
	}
	loc := timeRe.FindStringIndex(c)
	return loc != nil && loc[1] > 0 && doneRe.MatchString(c[loc[1]:])
}

// IsDeadline reports a text that only says when a duty is due:
// 2024年6月底前, 年内完成, 长期坚持, 每季度.
func IsDeadline(s string) bool { return isDeadline(strings.TrimSpace(s)) }
