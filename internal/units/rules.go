package units

import (
	"regexp"
	"strings"
)

// RuleKind tells the kinds of rule a notice declares once.
type RuleKind int

const (
	// LeadFirst: 列第一位者为牵头单位 — the first unit listed leads.
	LeadFirst RuleKind = iota + 1
	// Standing: 以下均需X落实，不再列出 — X is responsible for every later
	// duty; 具体任务均涉及X，不再做分工，下同 — for this duty and the later ones.
	Standing
	// ResponsibleLead: 无牵头单位的，责任单位即为牵头单位 — a duty that names
	// no lead is led by its responsible units.
	ResponsibleLead
)

// Rule is an instruction declared inside a responsibility text.
type Rule struct {
	Kind RuleKind
	// Onward is true when the rule applies to later duties (下同, 以下).
	Onward bool
	// Here is true when the rule applies to the duty that declares it too:
	// 具体任务均涉及X is said of the tasks at hand.
	Here bool
	// Units are the units a Standing rule adds.
	Units []Assignment
	// Text is the clause that declared the rule, for messages.
	Text string
}

var (
	leadFirstRe = regexp.MustCompile(`^(?:责任单位中|以上|上述|注：)?(?:[以按]?(?:列|排|排名|排列|列在|排在|排序|名列)?(?:在)?(?:第一位|首位|第一|最前|第一个|前面)(?:者|的)?(?:单位|部门)?(?:为|是|作为)牵头(?:或汇总|或主办|或召集)?(?:单位|部门)?)(?:，?下同)?$`)
	standingRe  = regexp.MustCompile(`^(?:以下|下列|后文|此后|下述)(?:各项|各条|所有)?(?:政策措施|政策|任务|工作|措施|事项|内容)?(?:均|都|皆|全部|还)?(?:需|须|要|应|由)*(.+?)(?:负责)?(?:贯彻落实|落实|负责|组织实施)$`)
	notListedRe = regexp.MustCompile(`^不再(?:单独|另行|一一|重复|具体|逐项)?(?:列出|列举|重复|列明|标注|标明|(?:做|作|进行)?(?:分工|细分|分解))$`)
	// involvesRe declares units every task concerns without naming them
	// task by task: 具体任务均涉及相关市（州）人民政府，不再做分工.
	involvesRe = regexp.MustCompile(`^(?:具体|各项|上述|以上|相关|所有)?(?:任务|工作|措施|事项)?(?:均|都|全部|皆)涉及(.+?)(?:的)?$`)
	// noLeadRe and responsibleLeadRe are the two clauses of 无牵头单位的，
	// 责任单位即为牵头单位, which may also be written as one.
	noLeadRe          = regexp.MustCompile(`^(?:无|没有|未明确|未列明?|未标明)牵头(?:单位|部门)的?$`)
	responsibleLeadRe = regexp.MustCompile(`^(?:(?:无|没有|未明确|未列明?|未标明)牵头(?:单位|部门)的?)?(?:责任(?:单位|部门)|其)(?:即|均|即视)?为牵头(?:单位|部门)(?:，?下同)?$`)
)

// ruleAt reads a rule starting at clauses[i]: the rules it declares, how
// many further clauses it took (下同, 不再列出 …), and whether there is one.
func ruleAt(clauses []string, i int) ([]Rule, int, bool) {
	c := clauses[i]
	next := func(k int) string {
		if i+k < len(clauses) {
			return clauses[i+k]
		}
		return ""
	}
	switch {
	case isLeadFirst(c):
		onward, skip := strings.HasSuffix(c, "下同"), 0
		if next(1) == "下同" {
			onward, skip = true, 1
		}
		return []Rule{{Kind: LeadFirst, Onward: onward, Text: c}}, skip, true
	case noLeadRe.MatchString(c) && responsibleLeadRe.MatchString(next(1)):
		skip := 1
		if next(2) == "下同" {
			skip = 2
		}
		return []Rule{{Kind: ResponsibleLead, Onward: true, Text: c + "，" + next(1)}}, skip, true
	case strings.Contains(c, "牵头") && responsibleLeadRe.MatchString(c):
		return []Rule{{Kind: ResponsibleLead, Onward: true, Text: c}}, 0, true
	}
	if m := involvesRe.FindStringSubmatch(c); m != nil && strings.Contains(c, "涉及") {
		if list := ruleUnits(m[1]); len(list) > 0 {
			skip, onward := 0, false
			for k := 1; ; k++ {
				switch n := next(k); {
				case notListedRe.MatchString(n):
				case n == "下同":
					onward = true
				default:
					return []Rule{{Kind: Standing, Onward: onward, Here: true, Units: list, Text: c}}, skip, true
				}
				skip = k
			}
		}
	}
	if m := matchStanding(c); m != nil {
		if list := ruleUnits(m[1]); len(list) > 0 {
			skip := 0
			if notListedRe.MatchString(next(1)) {
				skip = 1
			}
			return []Rule{{Kind: Standing, Onward: true, Units: list, Text: c}}, skip, true
		}
	}
	return nil, 0, false
}

// ruleUnits reads the units a standing rule names.
func ruleUnits(s string) []Assignment {
	var list []Assignment
	for _, n := range splitNames(s) {
		if name := cleanName(n); name != "" && !ruleWordRe.MatchString(name) {
			list = append(list, Assignment{Name: name, Role: Responsible})
		}
	}
	return expandShared(list)
}

// isLeadFirst and matchStanding test for the rules; the cheap substring
// checks spare the regular expressions on ordinary clauses.
func isLeadFirst(c string) bool {
	return strings.Contains(c, "牵头") && strings.ContainsAny(c, "第首最前") && leadFirstRe.MatchString(c)
}

func matchStanding(c string) []string {
	for _, p := range []string{"以下", "下列", "后文", "此后", "下述"} {
		if strings.HasPrefix(c, p) {
			return standingRe.FindStringSubmatch(c)
		}
	}
	return nil
}

// isRuleClause reports a clause that declares or closes a rule.
func isRuleClause(clauses []string, i int) bool {
	c := clauses[i]
	if _, _, ok := ruleAt(clauses, i); ok {
		return true
	}
	return c == "下同" || notListedRe.MatchString(c) || responsibleLeadRe.MatchString(c)
}

// bracketedRules takes out of s the bracketed remarks that declare a
// rule — 区发改局、海曙生态环境分局（列第一位者为牵头或汇总单位，下同） —
// so that no rule is read as part of a unit's name; it returns s without
// them and the rules.
func bracketedRules(s string) (string, []Rule) {
	if !strings.Contains(s, "（") {
		return s, nil
	}
	var rules []Rule
	for {
		open, end := -1, -1
		depth := 0
		for i, r := range s {
			switch r {
			case '（':
				if depth == 0 {
					open = i
				}
				depth++
			case '）':
				if depth == 0 {
					continue
				}
				depth--
				if depth == 0 && open >= 0 {
					inner := s[open+len("（") : i]
					if rs := onlyRules(inner); rs != nil {
						rules = append(rules, rs...)
						end = i + len("）")
					}
				}
			}
			if end >= 0 {
				break
			}
		}
		if end < 0 {
			return s, rules
		}
		s = s[:open] + s[end:]
	}
}

// onlyRules returns the rules of a text made of nothing but rules, or nil.
func onlyRules(s string) []Rule {
	clauses := splitTop(s, "，；。")
	var out []Rule
	for i := 0; i < len(clauses); i++ {
		if clauses[i] == "" {
			continue
		}
		rs, skip, ok := ruleAt(clauses, i)
		if !ok {
			if clauses[i] == "下同" || notListedRe.MatchString(clauses[i]) {
				continue
			}
			return nil
		}
		out = append(out, rs...)
		i += skip
	}
	return out
}
