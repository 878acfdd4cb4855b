package units

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"qingdan/internal/textnorm"
)

// orgEnds are the last characters a duty parenthetical's unit names end
// with; a parenthetical none of whose names does is prose, not a duty.
const orgEnds = nameEnds + "地方镇乡村街道院台馆协关校构业所班）"

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
// (X负责), (X牵头，Y参与), (牵头单位：X), (负责部门：X；适用范围：Y), and
// not (PPP), (试行) or a parenthetical remark that happens to list
// things. One name the parser does not know among known ones does not
// make a duty prose: it is kept, and Parse reports it.
func IsDuty(text string) bool {
	norm := strings.TrimSpace(textnorm.Name(text))
	if norm == "" || utf8.RuneCountInString(norm) > 300 {
		return false
	}
	_, labelled := LeadingLabel(norm)
	p := Parse(norm, Options{})
	if len(p.Units) == 0 {
		return len(p.Rules) > 0 && labelled
	}
	known := 0
	for _, u := range p.Units {
		n := []rune(u.Name)
		if len(n) > 30 || !hasHan(u.Name) {
			return false
		}
		if Recognised(u.Name) || strings.ContainsRune(orgEnds, n[len(n)-1]) {
			known++
		}
	}
	if known == 0 {
		return false
	}
	if labelled {
		return true
	}
	// Unlabelled: the last clause that is not a rule must end with a marker.
	for _, sentence := range splitTop(norm, "。") {
		clauses := splitTop(sentence, "，；")
		for i := len(clauses) - 1; i >= 0; i-- {
			c := clauses[i]
			if c == "" || isRuleClause(clauses, i) || isDeadline(c) {
				continue
			}
			_, _, ok := stripMarker(c)
			return ok
		}
	}
	return false
}

var (
	// predicateRe opens what follows the units of a sentence written unit
	// first: 公安部负责…, 国务院新闻办会同…, 其他有关部门在…下，做好….
	predicateRe = regexp.MustCompile(`^(?:负责|牵头|会同|配合|协助|参与|指导|按照|按|根据|在|做好|组织|共同|分别|依法|依据)`)
	// dutyWordRe must be in the first sentence of a unit-first duty.
	dutyWordRe = regexp.MustCompile(`负责|牵头|会同|配合|协助|参与`)
)

// Subject reads a sentence written unit first, as plans list duties:
// 公安部负责维护…, 铁道部、交通部负责…, 国务院新闻办会同国家发展改革委制订…，
// 负责…. It returns the units the sentence opens with, with their roles,
// and false when the sentence does not open with a list of units
// followed by what they do. Problems name the units the parser does not
// know.
func Subject(sentence string) (Parsed, bool) {
	norm := textnorm.Name(sentence)
	first := norm
	if i := strings.IndexAny(norm, "。；"); i >= 0 {
		first = norm[:i]
	}
	if !dutyWordRe.MatchString(first) {
		// A heading sentence (城乡供水一体化工程。) may come before the
		// clauses of roles.
		if i := strings.Index(norm, "。"); i >= 0 && utf8.RuneCountInString(first) <= 40 {
			next := norm[i+len("。"):]
			if j := strings.IndexAny(next, "。；"); j >= 0 {
				next = next[:j]
			}
			return roleClauses(next, true)
		}
		return Parsed{}, false
	}
	if parsed, ok := roleClauses(first, false); ok {
		return parsed, true
	}
	// 市发展改革委：负责… — the units, a colon, what they do.
	if k := strings.Index(first, "："); k > 0 && depthAt(first, k) == 0 {
		if list, ok := subjectList(first[:k]); ok {
			return subjectParsed(list, first, first[k+len("："):]), true
		}
	}
	runes := 0
	for i := range first {
		if runes++; i == 0 {
			continue
		}
		if runes > 60 {
			break
		}
		rest := first[i:]
		if !predicateRe.MatchString(rest) || depthAt(first, i) != 0 {
			continue
		}
		if list, ok := subjectList(first[:i]); ok {
			return subjectParsed(list, first, rest), true
		}
	}
	return Parsed{}, false
}

// LeaderField names the person a sentence puts in charge (由张副市长负责).
const LeaderField = "责任领导"

var (
	// roleClauseRe is a clause that is only who and their role, as a
	// sentence may open with several: 由张副市长负责，市发改委牵头，相关部门配合，….
	roleClauseRe = guard(`^(?:由)?(.+?)(负责|牵头|配合|协助|参与|落实)$`, endingWith("负责", "牵头", "配合", "协助", "参与", "落实"))
	// personRe is a person named by name and office, either way round, or
	// by office alone: 杨志武副市长, 张副市长, 副市长王建国, 市委常委、副市长
	// 李红, 市长, 市政府分管领导, 王明同志.
	personRe = regexp.MustCompile(`^\p{Han}{0,4}?` + officeRe + `$|^(?:[省市县区]委常委、)?` + officeRe + `\p{Han}{2,3}$|^(?:[省市县区](?:政府)?)?(?:分管|主要)?(?:领导|负责同志)$|^\p{Han}{2,4}同志$`)
)

// officeRe is the office of a leader a sentence puts in charge.
const officeRe = `(?:常务)?副?(?:市长|县长|区长|省长|州长|旗长|书记|主任|秘书长)`

// roleClauses reads a sentence that opens with clauses of who and their
// role: a person in charge (a field, never a unit), then units that lead,
// are responsible or cooperate. It takes two clauses or more, or one
// where the roles are plainly given — opened by 由 (由市水利局负责), or
// after a heading sentence (afterHeading: 县城东环路改造工程。县住建局负责，…).
// A heading run into the sentence (…事宜由X负责) is left before 由.
func roleClauses(first string, afterHeading bool) (Parsed, bool) {
	clauses := strings.Split(first, "，")
	if i := matterCut(clauses[0]); i >= 0 {
		clauses[0] = clauses[0][i:]
	}
	clauses = clauses[leadInClauses(clauses):]
	var p Parsed
	n := 0
	given := afterHeading
	for _, c := range clauses {
		if n == 0 && strings.HasPrefix(c, "由") {
			given = true
		}
		m := roleClauseRe.FindStringSubmatch(c)
		if m == nil {
			break
		}
		who, role := m[1], labelRole(m[2])
		if isLeader(who) {
			p.Fields = append(p.Fields, Field{Name: LeaderField, Value: who})
			n++
			continue
		}
		list, ok := subjectList(who)
		if !ok {
			break
		}
		for j := range list {
			list[j].Role = role
		}
		p.Units = append(p.Units, list...)
		n++
	}
	if n < 2 && !given || len(p.Units) == 0 {
		return Parsed{}, false
	}
	p.Units = dedupe(p.Units)
	p.RolesGiven = true
	return withProblems(p), true
}

// leadInClauses counts the clauses before the roles: the matter they are
// given for and the words that lead in to them (城东地块处置，由…;
// 为完成…工作，会议要求，由…), when a later clause opens with 由 and no
// clause before it gives a role itself.
func leadInClauses(clauses []string) int {
	if strings.HasPrefix(clauses[0], "由") {
		return 0
	}
	for k := 1; k < len(clauses); k++ {
		if strings.HasPrefix(clauses[k], "由") {
			return k
		}
		if roleClauseRe.MatchString(clauses[k-1]) || roleClauseRe.MatchString(clauses[k]) {
			return 0
		}
	}
	return 0
}

// isLeader reports persons a sentence puts in charge, one or a list:
// 李红副市长、王建国副市长.
func isLeader(who string) bool {
	if personRe.MatchString(who) {
		return true
	}
	if !strings.Contains(who, "、") {
		return false // one name, which personRe did not take
	}
	for _, p := range strings.Split(who, "、") {
		if !personRe.MatchString(p) {
			return false
		}
	}
	return true
}

// matterCut returns where 由 opens the roles after a matter run into the
// clause (…事宜由X负责), or -1; the 由 of a word (自由贸易试验区, 理由) opens
// nothing.
func matterCut(c string) int {
	for i := strings.LastIndex(c, "由"); i > 0; i = strings.LastIndex(c[:i], "由") {
		if !strings.HasSuffix(c[:i], "自") && !strings.HasSuffix(c[:i], "理") {
			return i
		}
	}
	return -1
}

// subjectParsed gives the units of a unit-first sentence the role what
// follows them says: 牵头…, 配合…, 指导…, else responsible; 会同 X adds X
// as cooperating.
func subjectParsed(list []Assignment, first, rest string) Parsed {
	role := Responsible
	switch {
	case strings.HasPrefix(rest, "牵头"):
		role = Lead
	case strings.HasPrefix(rest, "配合") || strings.HasPrefix(rest, "协助") || strings.HasPrefix(rest, "参与"),
		!strings.Contains(first, "负责") && strings.Contains(first, "配合"):
		role = Cooperate
	case strings.HasPrefix(rest, "指导"):
		role = Guide
	}
	for j := range list {
		list[j].Role = role
	}
	if strings.HasPrefix(rest, "会同") {
		if name := leadingName(rest[len("会同"):]); name != "" {
			list = append(list, Assignment{Name: name, Role: Cooperate})
		}
	}
	return withProblems(Parsed{Units: dedupe(list)})
}

// withProblems adds to p what checkName finds wrong with its units' names.
func withProblems(p Parsed) Parsed {
	for _, u := range p.Units {
		if msg := checkName(u.Name); msg != "" {
			p.Problems = append(p.Problems, msg)
		}
	}
	return p
}

// subjectList reads the units that open a unit-first sentence: every name
// must end as names of bodies do.
func subjectList(s string) ([]Assignment, bool) {
	if strings.ContainsAny(s, "，；：") {
		return nil, false
	}
	var out []Assignment
	for _, n := range splitNames(s) {
		name := cleanName(n)
		if name == "" || utf8.RuneCountInString(name) > 30 || !strings.ContainsRune(orgEnds, lastRune(name)) || ruleWordRe.MatchString(name) {
			return nil, false
		}
		out = append(out, Assignment{Name: name, Role: Responsible})
	}
	// 各县（市、区）党委和人民政府: the same reading of shared places as
	// Parse gives a label's list.
	return expandShared(out), len(out) > 0
}

// leadingName returns the organisation name s opens with: up to the end
// of the first run of characters names end with (有关部门, 国家发展改革委).
func leadingName(s string) string {
	runes := []rune(s)
	for i, r := range runes {
		if i == 0 || !strings.ContainsRune(nameEnds, r) {
			continue
		}
		j := i + 1
		for j < len(runes) && strings.ContainsRune(nameEnds, runes[j]) {
			j++
		}
		if name := string(runes[:j]); Recognised(name) {
			return name
		}
		return ""
	}
	return ""
}

// unitLineBadRe is in no line that only lists units: sentence marks,
// colons, quotes, digits.
var unitLineBadRe = regexp.MustCompile(`[。；：！？“”《》0-9]`)

// IsUnitLine reports a line that is nothing but units, as a table's unit
// cell gives it when the table is flattened to text, with no label:
// 市应急管理局、市消防救援支队、市卫生健康局. Every name must end as the
// names of bodies do and be one the parser knows. A single name must
// open with its level (市应急管理局) and be no government or office, which
// would rather be an issuer's name standing alone (梅州市人民政府).
func IsUnitLine(s string) bool {
	names, ok := unitList(s)
	if !ok {
		return false
	}
	if len(names) == 1 {
		name := names[0]
		return levelPrefixRe.MatchString(name) && !strings.HasPrefix(name, "各") && !typeEndRe.MatchString(name) && !strings.HasSuffix(name, "办公室")
	}
	return true
}

// IsUnitList reports a text that is nothing but a list of units the
// parser knows, as a table's unit cell holds: 区发改局区统计局, 各县（市、
// 区）政府. Unlike IsUnitLine, one name of any kind will do.
func IsUnitList(s string) bool {
	_, ok := unitList(s)
	return ok
}

// unitList returns the names of a text that only lists units.
func unitList(s string) ([]string, bool) {
	if len(s) > 400 || strings.ContainsAny(s, "。；：") {
		return nil, false // most lines of a notice: sentences
	}
	norm := strings.TrimSpace(textnorm.Name(s))
	if norm == "" || utf8.RuneCountInString(norm) > 120 || unitLineBadRe.MatchString(norm) {
		return nil, false
	}
	var names []string
	for _, c := range splitTop(norm, "，,") {
		for _, n := range splitNames(c) {
			name := cleanName(n)
			if name == "" {
				return nil, false
			}
			names = append(names, splitGlued(name)...)
		}
	}
	for _, name := range names {
		if utf8.RuneCountInString(name) > 25 || !Recognised(name) || !strings.ContainsRune(orgEnds, lastRune(name)) || ruleWordRe.MatchString(name) {
			return nil, false
		}
	}
	return names, len(names) > 0
}
