package units

import "sort"

// Role is the part a unit plays in a duty.
type Role string

// The roles a notice gives. Responsible is the plain role: a unit listed
// with no marker, or with 负责.
const (
	Lead        Role = "lead"        // 牵头
	Responsible Role = "responsible" // 负责, or no marker
	Cooperate   Role = "cooperate"   // 配合, 参与, 协同, 会同
	Supervise   Role = "supervise"   // 督促企业落实
	Guide       Role = "guide"       // 指导
)

// Roles lists every role in the order pages group them.
var Roles = []Role{Lead, Responsible, Cooperate, Supervise, Guide}

// Label returns the Chinese name of the role as the site shows it.
func (r Role) Label() string {
	switch r {
	case Lead:
		return "牵头"
	case Cooperate:
		return "配合"
	case Supervise:
		return "督促企业落实"
	case Guide:
		return "指导"
	default:
		return "负责"
	}
}

// Rank orders roles for display: lead first, guide last.
func (r Role) Rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return len(Roles)
}

// Valid reports whether r is one of the five roles.
func (r Role) Valid() bool { return r.Rank() < len(Roles) }

// marker is a word that, ending a clause or a name, gives the role of the
// units before it.
type marker struct {
	word string
	role Role
}

var markers = func() []marker {
	ms := []marker{
		{"牵头负责", Lead}, {"牵头落实", Lead}, {"牵头抓总", Lead}, {"牵头", Lead},
		{"督促企业落实", Supervise}, {"督促指导企业落实", Supervise}, {"督促生产经营单位落实", Supervise},
		{"督促相关企业落实", Supervise}, {"督促落实", Supervise}, {"监督企业落实", Supervise},
		{"负责指导", Guide}, {"业务指导", Guide}, {"指导", Guide},
		{"配合落实", Cooperate}, {"配合", Cooperate}, {"共同参与", Cooperate}, {"参与", Cooperate}, {"参加", Cooperate},
		{"协同", Cooperate}, {"协助", Cooperate}, {"协办", Cooperate},
		{"负责落实", Responsible}, {"分别负责", Responsible}, {"共同负责", Responsible},
		{"按职责分工负责", Responsible}, {"按职责负责", Responsible}, {"分工负责", Responsible},
		{"按职能负责", Responsible}, {"具体负责", Responsible}, {"负责", Responsible}, {"落实", Responsible},
	}
	// Longest first, so 督促企业落实 wins over 落实.
	sort.SliceStable(ms, func(i, j int) bool { return len([]rune(ms[i].word)) > len([]rune(ms[j].word)) })
	return ms
}()

// labelRole maps the word before 单位/部门 in a label (牵头单位：) to a role.
func labelRole(prefix string) Role {
	switch prefix {
	case "牵头", "主办", "主责", "牵头责任":
		return Lead
	case "配合", "协办", "参与", "协同", "协助", "配合责任", "协同责任":
		return Cooperate
	case "指导", "督导", "业务指导":
		return Guide
	case "监督", "督促":
		return Supervise
	default:
		return Responsible
	}
}
