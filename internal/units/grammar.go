package units

import (
	"fmt"
	"regexp"
	"strings"

	"qingdan/internal/textnorm"
)

// Assignment is one unit named by a duty, with the role the notice gives it.
type Assignment struct {
	// Name is the unit as the notice writes it, with white space removed
	// and punctuation width folded, and with what its list wrote once
	// given to it (各区、县级市 names 各县级市, 市行政审批局、住建局 names
	// 市住建局; see shared.go); never otherwise renamed.
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Rule is set when the unit was not written with the duty but comes
	// from a standing rule declared earlier (以下均需…落实，不再列出).
	Rule string `json:"rule,omitempty"`
}

// Options set the context a responsibility text is read in.
type Options struct {
	// Default is the role of units written without a marker; zero means
	// Responsible. A table column named 指导部门 sets Guide, say.
	Default Role
	// LeadFirst is true when an earlier 列第一位者为牵头单位，下同 is in force.
	LeadFirst bool
	// ResponsibleLead is true when an earlier 无牵头单位的，责任单位即为牵头
	// 单位，下同 is in force.
	ResponsibleLead bool
}

// Field is a labelled value written among the units that is not a unit:
// 完成时限：2024年底前, 牵头负责领导：金力, 适用范围：…, or a deadline
// clause such as 2024年11月底前完成 (named 完成时限).
type Field struct {
	Name, Value string
}

// DeadlineField is the name every deadline is given, whatever its label
// (完成时限, 时间节点, 完成时间 …) or none.
const DeadlineField = "完成时限"

// Parsed is what Parse makes of a responsibility text.
type Parsed struct {
	Units  []Assignment
	Rules  []Rule
	Fields []Field
	// Problems are things a person should look at: odd unit names, a
	// text with no unit. Each is a sentence without file or line.
	Problems []string
	// RolesGiven marks a sentence that opens with clauses of roles
	// (由李红副市长负责，市住建局牵头，…): a duty on its own, whatever the
	// list around it.
	RolesGiven bool
}

// Parse reads a responsibility cell or parenthetical: units separated by
// 、，；and 和 (never inside brackets), closed by 等/等部门, with role
// markers (X牵头，Y配合; 督促企业落实), labels (牵头单位：X；配合单位：Y;
// 牵头负责领导：…, a person, kept as a field) and rules declared once
// (列第一位者为牵头单位，下同; 以下均需X落实; 无牵头单位的，责任单位即为牵头单位).
func Parse(text string, opt Options) Parsed {
	def := opt.Default
	if def == "" {
		def = Responsible
	}
	var p Parsed
	norm := strings.TrimSpace(textnorm.Name(separateLabels(textnorm.String(text))))
	norm, p.Rules = bracketedRules(norm)
	for _, sentence := range splitTop(norm, "。") {
		for _, seg := range labelSegments(sentence, def) {
			if seg.field != "" {
				p.Fields = append(p.Fields, Field{Name: seg.field, Value: seg.text})
				continue
			}
			units, rules, fields := parseClauses(seg.text, seg.role)
			p.Fields = append(p.Fields, fields...)
			p.Units = append(p.Units, units...)
			p.Rules = append(p.Rules, rules...)
		}
	}
	leadFirst, responsibleLead := opt.LeadFirst, opt.ResponsibleLead
	for _, r := range p.Rules {
		switch r.Kind {
		case LeadFirst:
			leadFirst = true
		case ResponsibleLead:
			responsibleLead = true
		}
	}
	for _, r := range p.Rules {
		if r.Kind == Standing && r.Here {
			for _, u := range r.Units {
				u.Rule = r.Text
				p.Units = append(p.Units, u)
			}
		}
	}
	p.Units, p.Problems = dropRuleWords(dedupe(p.Units), p.Problems)
	applyLeadRules(p.Units, leadFirst, responsibleLead)
	p = withProblems(p)
	if len(p.Units) == 0 && len(p.Rules) == 0 {
		p.Problems = append(p.Problems, "没有责任单位")
	}
	return p
}

// dropRuleWords drops "units" that hold the words of a rule the grammar
// could not read, so that no rule ever reaches a unit's name.
func dropRuleWords(list []Assignment, problems []string) ([]Assignment, []string) {
	out := list[:0]
	for _, u := range list {
		if ruleWordRe.MatchString(u.Name) {
			problems = append(problems, fmt.Sprintf("“%s”像是一条认不出的规则，不是单位，已略去", u.Name))
			continue
		}
		out = append(out, u)
	}
	return out, problems
}

// applyLeadRules gives the lead to the first unit of a plain list when
// 列第一位者为牵头单位 is in force, and else to the responsible units of a
// duty that names no lead when 责任单位即为牵头单位 is.
func applyLeadRules(list []Assignment, leadFirst, responsibleLead bool) {
	for _, u := range list {
		if u.Role == Lead {
			return
		}
	}
	plain := true
	for _, u := range list {
		if u.Role != Responsible {
			plain = false
		}
	}
	switch {
	case leadFirst && plain && len(list) >= 2:
		list[0].Role = Lead
	case responsibleLead:
		for i := range list {
			if list[i].Role == Responsible {
				list[i].Role = Lead
			}
		}
	}
}

// parseClauses reads one sentence: clauses separated by ，and ；, each a
// list of units with an optional role marker at its end. A list closed
// by 等 or 等部门 with no marker of its own takes the role of the clause
// after it: in A牵头，B、C等部门，D、E配合, B and C cooperate too.
func parseClauses(s string, def Role) ([]Assignment, []Rule, []Field) {
	clauses := splitTop(s, "，；")
	var (
		units  []Assignment
		rules  []Rule
		fields []Field
		open   []int // indexes in units of a closed list waiting for its role
	)
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if c == "" {
			continue
		}
		if r, skip, ok := ruleAt(clauses, i); ok {
			rules = append(rules, r...)
			i += skip
			continue
		}
		if c == "下同" || notListedRe.MatchString(c) {
			continue
		}
		if isDeadline(c) {
			fields = append(fields, Field{Name: DeadlineField, Value: c})
			continue
		}
		list := parseClause(c, def)
		if role, ok := trailingMarker(c); ok {
			for _, j := range open {
				units[j].Role = role
			}
			open = nil
		}
		if _, marked := trailingMarker(c); !marked && closerRe.MatchString(c) {
			for j := range list {
				open = append(open, len(units)+j)
			}
		} else {
			open = nil
		}
		units = append(units, list...)
	}
	return carryLevel(units), rules, fields
}

// bareWithRe is two names joined by 会 for 会同; a 委 before 会 is part
// of a name (管委会, 居委会).
var bareWithRe = regexp.MustCompile(`^(\p{Han}{2,20}[处局办室厅部])会(\p{Han}{2,20}[处局办室厅部委])$`)

// joinedByHui reports whether the name after a bare 会 is one the grammar
// knows by itself: a name opening with its level (市发改委), a department
// of a known stem (财政局), or 办公室 alone (宣传处会办公室). Any other
// tail is the rest of one name: 会计管理处, 会展业促进办公室, 会议服务处,
// 会签管理处.
func joinedByHui(right string) bool {
	return levelPrefixRe.MatchString(right) || isBareDepartment(right) || right == "办公室"
}

// parseClause reads "A、B会同C负责" or "A、B牵头、C配合": a marker ending a
// name gives its role to the names before it since the last marker.
func parseClause(c string, def Role) []Assignment {
	// 会同: the units after it join the units before it; a table cell
	// may write it 会 alone between two names (宣传处会办公室).
	i := indexTop(c, "会同")
	if i <= 0 && strings.Contains(c, "会") {
		if m := bareWithRe.FindStringSubmatchIndex(c); m != nil && Recognised(c[m[2]:m[3]]) && joinedByHui(c[m[4]:m[5]]) {
			left, right := c[m[2]:m[3]], c[m[4]:m[5]]
			c, i = left+"会同"+right, len(left)
		}
	}
	if i > 0 {
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
		if name = cleanName(name); name != "" {
			pending = append(pending, splitGlued(name)...)
		}
		if marked {
			flush(role)
		}
	}
	flush(def)
	return expandShared(out)
}

// trailingMarker reports the role marker that ends s, if any.
func trailingMarker(s string) (Role, bool) {
	_, role, ok := stripMarker(s)
	return role, ok
}

func stripMarker(s string) (string, Role, bool) {
	for _, m := range markers {
		if strings.HasSuffix(s, m.word) {
			name := strings.TrimSuffix(s, m.word)
			// 按职能分工负责, 根据各自职责负责: how, not who.
			if loc := mannerRe.FindStringIndex(name); loc != nil {
				name = name[:loc[0]]
			}
			return name, m.role, true
		}
	}
	return s, "", false
}

// mannerRe is how units carry a duty, written between them and the
// marker: 按职能分工, 根据各自职责, 依法.
var mannerRe = guard(`(?:(?:按照|按|根据|依照|依据|依)(?:各自)?(?:职责|职能|分工)(?:分工)?|依法|分别|共同)$`, lastRuneIn("责能工法别同"))

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
