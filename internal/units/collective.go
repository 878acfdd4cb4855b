package units

import (
	"regexp"
	"strings"
)

// Collective is a name that stands for units the notice does not list:
// 市有关部门, 负有安全监管职责的部门, 各相关县（市、区）政府. An office that
// knows who they are declares Members, and the collective's duties then
// reach them as a group's do. Until then each unit the collective may
// include (MayInclude, or what its name implies, see MayInclude) sees
// those duties apart, as possibly its own.
type Collective struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases,omitempty"`
	Kind    Kind     `yaml:"kind,omitempty"`
	Members []Entry  `yaml:"members,omitempty"`
	// MayInclude lists the units it may include when Members are not
	// known: unit names, group names (for their members) and kinds
	// (department: every department). Empty: as its name implies.
	MayInclude []string `yaml:"may_include,omitempty"`
}

// collectiveRe matches the names that stand for units not listed: 有关,
// 相关, 负有…职责, 成员单位, 各… (each of some class) and the like.
var collectiveRe = regexp.MustCompile(`有关|相关|负有|各级|成员单位|其他|^各|^地方`)

// IsCollective reports whether a name (canonical) stands for units the
// notice does not list and the registry does not resolve: a collective
// with no declared members, or a name that reads as one (市有关部门,
// 各相关县（市、区）政府) and is no group of the registry. Its duties are
// shown to the units it may include as possible, never as theirs.
func (r *Registry) IsCollective(name string) bool {
	if len(r.members[name]) > 0 {
		return false
	}
	if _, declared := r.mayInclude[name]; declared {
		return true
	}
	return collectiveRe.MatchString(name) || Classify(name, false) == Class
}

// Declared reports whether the registry lists a name under collectives.
func (r *Registry) Declared(name string) bool { return r.collective[name] }

// DeclaredMayInclude returns what the registry says a collective may
// include (names, groups, kinds), or nil when its name decides.
func (r *Registry) DeclaredMayInclude(collective string) []string {
	return r.mayInclude[collective]
}

// MayInclude reports whether a collective may include a unit of the
// given kind. The registry's may_include decides when given; otherwise
// the collective's name does:
//
//   - 各相关县（市、区）政府 and the like: the members of the group named
//     without 相关/有关 (各县（市、区）政府), when the registry has it;
//   - a level it names (市有关部门, 市级…, 市安委会有关成员单位): only units
//     whose name starts with it (市应急局);
//   - the bodies it names: 政府/管委会/各地 governments; 成员单位/单位
//     departments, agencies and the army; 部门, 机构 and committees
//     (各安全生产专业委员会, whose members are departments) departments,
//     and agencies too when no level is named.
//
// A unit never may be a collective or a group itself.
func (r *Registry) MayInclude(collective, unit string, kind Kind) bool {
	if unit == collective || r.IsCollective(unit) || len(r.members[unit]) > 0 {
		return false
	}
	if declared, ok := r.mayInclude[collective]; ok && len(declared) > 0 {
		for _, d := range declared {
			if d == unit || Kind(d) == kind {
				return true
			}
			for _, m := range r.members[d] {
				if m == unit {
					return true
				}
			}
		}
		return false
	}
	base := strings.NewReplacer("相关", "", "有关", "").Replace(collective)
	if base != collective {
		if members := r.members[r.Canonical(base)]; len(members) > 0 {
			for _, m := range members {
				if m == unit {
					return true
				}
			}
			return false
		}
	}
	level := collectiveLevel(collective)
	if level != "" && !strings.HasPrefix(unit, level) {
		return false
	}
	for _, k := range collectiveKinds(collective, level) {
		if k == kind {
			return true
		}
	}
	return false
}

// collectiveLevel is the level of government a collective names by its
// first word (市有关部门, 市级负有…, 各市直部门), or "".
func collectiveLevel(name string) string {
	name = strings.TrimPrefix(name, "各")
	for _, l := range []string{"市", "县", "区", "省"} {
		if strings.HasPrefix(name, l) && !strings.HasPrefix(name, "县（市、区）") && !strings.HasPrefix(name, "县(市、区)") {
			return l
		}
	}
	return ""
}

// collectiveKinds are the kinds of unit the bodies a collective names
// may be.
func collectiveKinds(name, level string) []Kind {
	switch {
	case strings.HasSuffix(name, "政府") || strings.HasSuffix(name, "管委会") || strings.HasPrefix(name, "各地") || strings.HasPrefix(name, "地方"):
		return []Kind{Government}
	case strings.HasSuffix(name, "单位"):
		return []Kind{Department, Agency, Military}
	case level == "":
		return []Kind{Department, Agency}
	}
	return []Kind{Department}
}
