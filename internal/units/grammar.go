package units

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"qingdan/internal/textnorm"
)

// Assignment is one unit named by a duty, with the role the notice gives it.
type Assignment struct {
	// Name is the unit as the notice writes it, with white space removed
	// and punctuation width folded; never renamed.
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Rule is set when the unit was not written with the duty but comes
	// from a standing rule declared earlier (以下均需…落实，不再列出).
	Rule string `json:"rule,omitempty"`
}

// RuleKind tells the two kinds of rule a notice declares once.
type RuleKind int

const (
	// LeadFirst: 列第一位者为牵头单位 — the first unit listed leads.
	LeadFirst RuleKind = iota + 1
	// Standing: 以下均需X落实，不再列出 — X is responsible for every later duty.
	Standing
)

// Rule is an instruction declared inside a responsibility text.
type Rule struct {
	Kind RuleKind
	// Onward is true when the rule applies to later duties (下同, 以下).
	Onward bool
	// Unit is the unit a Standing rule adds.
	Unit Assignment
	// Text is the clause that declared the rule, for messages.
	Text string
}

// Options set the context a responsibility text is read in.
type Options struct {
	// Default is the role of units written without a marker; zero means
	// Responsible. A table column named 指导部门 sets Guide, say.
	Default Role
	// LeadFirst is true when an earlier 列第一位者为牵头单位，下同 is in force.
	LeadFirst bool
}

// Field is a labelled value written among the units that is not a unit:
// 完成时限：2024年底前, or a deadline clause such as 2024年11月底前完成.
type Field struct {
	Name, Value string
}

// Parsed is what Parse makes of a responsibility text.
type Parsed struct {
	Units  []Assignment
	Rules  []Rule
	Fields []Field
	// Problems are things a person should look at: odd unit names, a
	// text with no unit. Each is a sentence without file or line.
	Problems []string
}

var (
	leadFirstRe = regexp.MustCompile(`^(?:责任单位中|以上|上述|注：)?(?:[以按]?(?:列|排|排名|排列|列在|排在|排序)?(?:在)?(?:第一位|首位|第一|最前|第一个)(?:者|的)?(?:单位|部门)?(?:为|是|作为)牵头(?:单位|部门)?)(?:，?下同)?$`)
	standingRe  = regexp.MustCompile(`^(?:以下|下列|后文|此后)(?:各项|各条|所有)?(?:任务|工作|措施)?(?:均|都|皆|全部)?(?:需|须|要|应)?(?:由)?(.+?)(?:负责)?(?:落实|负责|组织实施)$`)
	notListedRe = regexp.MustCompile(`^不再(?:一一)?(?:列出|列举|重复)$`)
	labelRe     = regexp.MustCompile(`(?:(牵头|责任|配合|协办|主办|主责|参与|协同|协助|指导|督导|监督|督促|主管)?(单位|部门|处室)|(完成时限|时间节点|完成时间|时间要求|时限要求|责任人|联系人|牵头领导|牵头市领导|分管领导))：`)
	deadlineRe  = regexp.MustCompile(`^(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|中旬|上旬|下旬|末|年底|年内)?(?:前|以前|之前)?(?:完成|结束|办结|见效|建成|落实到位)?|长期坚持|持续推进|长期|持续开展|常态化开展|常态化推进|年内完成|按时完成)$`)
	roleParenRe = regexp.MustCompile(`（(牵头|负责|配合|参与|协办|主办|指导|督促企业落实)）$`)
	closerRe    = regexp.MustCompile(`等(?:有关|相关|其他)?(?:部门|单位|机构)?$`)
)

// Parse reads a responsibility cell or parenthetical: units separated by
// 、，；and 和 (never inside brackets), closed by 等/等部门, with role
// markers (X牵头，Y配合; 督促企业落实), labels (牵头单位：X；配合单位：Y)
// and rules declared once (列第一位者为牵头单位，下同; 以下均需X落实).
func Parse(text string, opt Options) Parsed {
	def := opt.Default
	if def == "" {
		def = Responsible
	}
	var p Parsed
	norm := strings.TrimSpace(textnorm.Name(text))
	leadFirst := opt.LeadFirst
	for _, sentence := range splitTop(norm, "。") {
		for _, seg := range labelSegments(sentence, def) {
			if seg.field != "" {
				p.Fields = append(p.Fields, Field{Name: fieldName(seg.field), Value: seg.text})
				continue
			}
			units, rules, fields := parseClauses(seg.text, seg.role)
			p.Fields = append(p.Fields, fields...)
			for _, r := range rules {
				if r.Kind == LeadFirst {
					leadFirst = true
				}
			}
			p.Units = append(p.Units, units...)
			p.Rules = append(p.Rules, rules...)
		}
	}
	if leadFirst && len(p.Units) >= 2 {
		plain := true
		for _, u := range p.Units {
			if u.Role != Responsible {
				plain = false
			}
		}
		if plain {
			p.Units[0].Role = Lead
		}
	}
	p.Units = dedupe(p.Units)
	for _, u := range p.Units {
		if msg := checkName(u.Name); msg != "" {
			p.Problems = append(p.Problems, msg)
		}
	}
	if len(p.Units) == 0 && len(p.Rules) == 0 {
		p.Problems = append(p.Problems, "no responsible unit")
	}
	return p
}

// fieldName gives one name to the labels of a deadline.
func fieldName(label string) string {
	switch label {
	case "完成时限", "时间节点", "完成时间", "时间要求", "时限要求":
		return "完成时限"
	}
	return label
}

// isDeadline reports a clause that is a deadline, not a unit.
func isDeadline(c string) bool {
	return c != "" && deadlineRe.MatchString(c) && (strings.ContainsAny(c, "0123456789") || !strings.ContainsAny(c, "年月日"))
}

type segment struct {
	text  string
	role  Role
	field string // the label of a segment that holds a field, not units
}

// labelSegments splits "牵头单位：X；配合单位：A、B；完成时限：…" into its
// labelled parts. Text before the first label keeps the default role.
func labelSegments(s string, def Role) []segment {
	if !strings.Contains(s, "：") {
		return []segment{{text: trimSeps(s), role: def}}
	}
	locs := labelRe.FindAllStringSubmatchIndex(s, -1)
	var out []segment
	start, cur := 0, segment{role: def}
	for _, loc := range locs {
		if depthAt(s, loc[0]) != 0 {
			continue
		}
		if t := trimSeps(s[start:loc[0]]); t != "" {
			cur.text = t
			out = append(out, cur)
		}
		cur = segment{role: def}
		switch {
		case loc[6] >= 0:
			cur.field = s[loc[6]:loc[7]]
		case loc[2] >= 0:
			cur.role = labelRole(s[loc[2]:loc[3]])
		default:
			cur.role = labelRole("")
		}
		start = loc[1]
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

// parseClauses reads one sentence: clauses separated by ，and ；, each a
// list of units with an optional role marker at its end.
func parseClauses(s string, def Role) ([]Assignment, []Rule, []Field) {
	clauses := splitTop(s, "，；")
	var (
		units  []Assignment
		rules  []Rule
		fields []Field
	)
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if c == "" {
			continue
		}
		if isLeadFirst(c) {
			onward := strings.HasSuffix(c, "下同")
			if i+1 < len(clauses) && clauses[i+1] == "下同" {
				onward = true
				i++
			}
			rules = append(rules, Rule{Kind: LeadFirst, Onward: onward, Text: c})
			continue
		}
		if m := matchStanding(c); m != nil {
			name := cleanName(m[1])
			if name != "" {
				rules = append(rules, Rule{Kind: Standing, Onward: true, Unit: Assignment{Name: name, Role: Responsible}, Text: c})
				if i+1 < len(clauses) && notListedRe.MatchString(clauses[i+1]) {
					i++
				}
				continue
			}
		}
		if c == "下同" || notListedRe.MatchString(c) {
			continue
		}
		if isDeadline(c) {
			fields = append(fields, Field{Name: "完成时限", Value: c})
			continue
		}
		units = append(units, parseClause(c, def)...)
	}
	return units, rules, fields
}

// isLeadFirst and matchStanding test for the two rules; the cheap
// substring checks spare the regular expressions on ordinary clauses.
func isLeadFirst(c string) bool {
	return strings.Contains(c, "牵头") && strings.ContainsAny(c, "第首最") && leadFirstRe.MatchString(c)
}

func matchStanding(c string) []string {
	for _, p := range []string{"以下", "下列", "后文", "此后"} {
		if strings.HasPrefix(c, p) {
			return standingRe.FindStringSubmatch(c)
		}
	}
	return nil
}

// parseClause reads "A、B会同C负责" or "A、B牵头、C配合": a marker ending a
// name gives its role to the names before it since the last marker.
func parseClause(c string, def Role) []Assignment {
	// 会同: the units after it join the units before it.
	if i := indexTop(c, "会同"); i > 0 {
		left, right := c[:i], c[i+len("会同"):]
		rightUnits := parseClause(right, def)
		role := def
		if len(rightUnits) > 0 {
			// The marker that closed the clause belongs to the left side.
			if m, ok := trailingMarker(right); ok {
				role = m
			}
		}
		out := parseClause(left, role)
		for _, u := range rightUnits {
			u.Role = Cooperate
			out = append(out, u)
		}
		return out
	}
	var (
		out     []Assignment
		pending []string
	)
	flush := func(role Role) {
		for _, n := range pending {
			out = append(out, Assignment{Name: n, Role: role})
		}
		pending = pending[:0]
	}
	for _, item := range splitNames(c) {
		// 市发展改革委（牵头）: the role in brackets after one name.
		if m := roleParenRe.FindStringSubmatchIndex(item); m != nil {
			flush(def)
			role, _ := trailingMarker(item[m[2]:m[3]])
			if name := cleanName(item[:m[0]]); name != "" {
				out = append(out, Assignment{Name: name, Role: role})
			}
			continue
		}
		name, role, marked := stripMarker(item)
		name = cleanName(name)
		if name != "" {
			pending = append(pending, name)
		}
		if marked {
			flush(role)
		}
	}
	flush(def)
	return out
}

// trailingMarker reports the role marker that ends s, if any.
func trailingMarker(s string) (Role, bool) {
	_, role, ok := stripMarker(s)
	return role, ok
}

func stripMarker(s string) (string, Role, bool) {
	for _, m := range markers {
		if strings.HasSuffix(s, m.word) {
			return strings.TrimSuffix(s, m.word), m.role, true
		}
	}
	return s, "", false
}

// cleanName removes what surrounds a name in a list: 由, 请, 等部门.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"由", "请"} {
		if strings.HasPrefix(s, p) && utf8.RuneCountInString(s) > 3 {
			s = strings.TrimPrefix(s, p)
		}
	}
	s = strings.TrimSuffix(s, "分别")
	s = strings.TrimSuffix(s, "共同")
	if loc := closerRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	return trimSeps(s)
}

// nameEnds are the last characters of organisation names; 和 (及, 与)
// splits two names only when the part before it ends with one of them,
// so 工业和信息化部 and 住房和城乡建设部 stay whole.
const nameEnds = "局委办部厅院署会行队处所站室司社团府门位心组联科股军区县市省"

// splitNames splits a clause into names on 、 and, where it joins two
// names, on 和/及/与/以及 — never inside brackets or quotes.
func splitNames(c string) []string {
	var (
		out   []string
		depth int
		start int
	)
	runes := []rune(c)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && r == '、':
			out = append(out, string(runes[start:i]))
			start = i + 1
		case depth == 0 && (r == '和' || r == '及' || r == '与'):
			n := 1
			left := runes[start:i]
			if r == '及' && len(left) > 0 && left[len(left)-1] == '以' {
				left = left[:len(left)-1]
			}
			if len(left) >= 2 && strings.ContainsRune(nameEnds, left[len(left)-1]) && i+n < len(runes) {
				out = append(out, string(left))
				start = i + n
			}
		}
	}
	out = append(out, string(runes[start:]))
	return out
}

func isOpen(r rune) bool {
	switch r {
	case '（', '〔', '【', '《', '“', '‘', '「', '『', '[', '{':
		return true
	}
	return false
}

func isClose(r rune) bool {
	switch r {
	case '）', '〕', '】', '》', '”', '’', '」', '』', ']', '}':
		return true
	}
	return false
}

// splitTop splits s at any of seps that stand outside brackets and quotes.
func splitTop(s, seps string) []string {
	var (
		out   []string
		depth int
		b     strings.Builder
	)
	for _, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	out = append(out, strings.TrimSpace(b.String()))
	return out
}

// indexTop is strings.Index for sub outside brackets, or -1.
func indexTop(s, sub string) int {
	from := 0
	for {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return -1
		}
		if depthAt(s, from+i) == 0 {
			return from + i
		}
		from += i + len(sub)
	}
}

// depthAt returns the bracket depth at byte offset i of s.
func depthAt(s string, i int) int {
	depth := 0
	for _, r := range s[:i] {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth > 0 {
				depth--
			}
		}
	}
	return depth
}

func dedupe(in []Assignment) []Assignment {
	seen := make(map[string]bool, len(in))
	out := in[:0]
	for _, u := range in {
		if seen[u.Name] {
			continue
		}
		seen[u.Name] = true
		out = append(out, u)
	}
	return out
}

// checkName returns a problem with a unit name, or "".
func checkName(name string) string {
	switch {
	case strings.Contains(name, ".."):
		return fmt.Sprintf("unit name %q contains \"..\"; kept as written, its page named by pinyin only", name)
	case strings.Contains(name, "/") || strings.Contains(name, "\\"):
		return fmt.Sprintf("unit name %q contains a slash; kept as one name", name)
	case utf8.RuneCountInString(name) > 40:
		return fmt.Sprintf("unit name %q is longer than 40 characters; is it a unit?", name)
	case !hasHan(name):
		return fmt.Sprintf("unit name %q has no Chinese characters", name)
	}
	return ""
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// orgEnds are the last characters a duty parenthetical's unit names end
// with; a parenthetical whose names do not is prose, not a duty.
const orgEnds = nameEnds + "地方镇乡村街院台馆协关校构业所）"

// EndsWithRole reports text whose last clause ends with a role word
// (负责, 牵头, 配合 …): a parenthetical like that which IsDuty rejects is
// worth a warning, since it may be a duty whose unit names are unusual.
func EndsWithRole(text string) bool {
	clauses := splitTop(strings.TrimSpace(textnorm.Name(text)), "，；。")
	for i := len(clauses) - 1; i >= 0; i-- {
		c := clauses[i]
		if c == "" || isDeadline(c) {
			continue
		}
		_, _, ok := stripMarker(c)
		return ok
	}
	return false
}

// IsDuty reports whether the text of a parenthetical assigns a duty:
// (X负责), (X牵头，Y参与), (牵头单位：X), and not (PPP), (试行) or a
// parenthetical remark that happens to list things.
func IsDuty(text string) bool {
	norm := strings.TrimSpace(textnorm.Name(text))
	if norm == "" || utf8.RuneCountInString(norm) > 300 {
		return false
	}
	labelled := false
	if loc := labelRe.FindStringIndex(norm); loc != nil && loc[0] == 0 {
		labelled = true
	}
	p := Parse(norm, Options{})
	if len(p.Units) == 0 {
		return len(p.Rules) > 0 && labelled
	}
	for _, u := range p.Units {
		n := []rune(u.Name)
		if len(n) > 30 || !hasHan(u.Name) || !strings.ContainsRune(orgEnds, n[len(n)-1]) {
			return false
		}
	}
	if labelled {
		return true
	}
	// Unlabelled: the last clause that is not a rule must end with a marker.
	for _, sentence := range splitTop(norm, "。") {
		clauses := splitTop(sentence, "，；")
		for i := len(clauses) - 1; i >= 0; i-- {
			c := clauses[i]
			if c == "" || c == "下同" || isLeadFirst(c) || matchStanding(c) != nil || notListedRe.MatchString(c) || isDeadline(c) {
				continue
			}
			_, _, ok := stripMarker(c)
			return ok
		}
	}
	return false
}
