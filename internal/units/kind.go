package units

import (
	"regexp"
	"strings"

	"qingdan/internal/source"
)

// Kind is the sort of body a unit is, used to group the units index.
type Kind string

// The kinds of unit. Class names no single body (市有关部门); its members
// are never guessed.
const (
	Government Kind = "government" // 县（市、区）政府、开发区管委会
	Department Kind = "department" // 市直部门：市…局/委/办/支队
	Committee  Kind = "committee"  // 委员会、议事协调机构及其办公室
	Agency     Kind = "agency"     // 省和国家机构：国家…、…分局、部委
	Military   Kind = "military"   // 军队和武警
	Class      Kind = "class"      // 泛指：市有关部门、负有安全监管职责的部门
)

// Kinds lists the kinds in the order the units index shows them.
var Kinds = []Kind{Government, Department, Committee, Agency, Military, Class}

// Label returns the heading the site shows for the kind.
func (k Kind) Label() string {
	switch k {
	case Government:
		return "地方政府和功能区"
	case Department:
		return "部门和直属机构"
	case Committee:
		return "委员会和议事协调机构"
	case Agency:
		return "上级和垂直管理机构"
	case Military:
		return "军队和武警"
	case Class:
		return "泛指类别"
	}
	return string(k)
}

// Rank orders kinds for display.
func (k Kind) Rank() int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k.Rank() < len(Kinds) }

var (
	classRe      = guard(`有关|相关|负有|各级|各部门|各单位|成员单位|其他|^各地|^地方|^试点城市$`, containing("有关", "相关", "负有", "各", "成员单位", "其他", "地方", "试点城市"))
	militaryRe   = guard(`军分区|武警|解放军|部队|警备区|军区|^驻.+军`, containing("军", "武警", "部队", "警备区"))
	governmentRe = guard(`政府$|管委会$|管理委员会$|街道办事处$|[乡镇]$|^各地$|[县区旗市]$|^(各)?(省|市|县)级人民政府$`, lastRuneIn("府会处乡镇地县区旗市"))
	committeeRe  = guard(`委员会|安委会|安委办|专委会|减灾委|防指|指挥部|领导小组|工作小组|工作组|联席会议|专班|办公室$`, containing("委", "防指", "指挥部", "小组", "工作组", "联席会议", "专班", "办公室"))
	agencyRe     = guard(`^(国家|中国|中央|国务院|全国|最高|省|山西|中共中央)|分局|总局|监察执法|^[^市县区]*[部署]$|总社$|银行$|分行$|支行$|^[^市县区]*监会$|^国[资管]`, anyOf(startingWith("国", "中国", "中央", "全国", "最高", "省", "山西", "中共中央"), containing("分局", "总局", "监察执法"), lastRuneIn("部署社行会")))
	departmentRe = guard(`^(市|县|区|旗)|[局委办队所站中心]$`, anyOf(startingWith("市", "县", "区", "旗"), lastRuneIn("局委办队所站中心")))
)

// Classify infers the kind of a unit from its name. A registry entry
// overrides it. The order matters: 各相关县（市、区）政府 is a government,
// 市有关部门 a class, 国家矿山安监局山西局 an agency. In a notice of the
// State Council (national), a bare 发展改革委 is a ministry, so national
// turns departments into agencies.
func Classify(name string, national bool) Kind {
	k := classify(name)
	if national && k == Department && !departmentPrefixRe.MatchString(name) {
		return Agency
	}
	return k
}

// genreBodyEnds name the bodies notices give duties to beside government
// as a matter of course: the people's organisations (团市委, 妇联, 科协,
// 工商联, 残联, 红十字会 …) and the working bodies set up for a task
// (专班, 指挥部, 领导小组办公室). They are recognised, although most end
// as an association's name does (科学技术协会, 妇女联合会).
var genreBodyEnds = []string{"团委", "团市委", "团县委", "团区委", "团省委", "团中央", "妇联", "妇女联合会", "科协", "科学技术协会",
	"工商联", "工商业联合会", "残联", "残疾人联合会", "文联", "文学艺术界联合会", "社科联", "侨联", "归国华侨联合会", "总工会", "工会",
	"红十字会", "关工委", "专班", "工作专班", "指挥部", "领导小组", "工作组", "工作小组", "联席会议"}

// OtherBody reports a name that ends as a company's or an association's
// does (城投集团, 燃气公司; source.OtherBodyEnds): a body, never a person.
// It may carry a duty, but the parser warns, since a name it does not
// place may be prose taken for a unit.
func OtherBody(name string) bool {
	for _, e := range genreBodyEnds {
		if strings.HasSuffix(name, e) {
			return false
		}
	}
	for _, e := range source.OtherBodyEnds {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// genreBody reports a body of the genre outside government proper.
func genreBody(name string) bool {
	for _, e := range genreBodyEnds {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// govEnds are the last characters of the names of government bodies.
const govEnds = "局委办部厅院署队所站室司处科股组台馆府心军关"

// Recognised reports a name the parser knows as a government body or a
// class of them — a department, a government, a committee, an agency,
// the army — rather than a company, an association or a word it cannot
// place.
func Recognised(name string) bool {
	if name == "" || OtherBody(name) {
		return false
	}
	// 规划信息处（爱卫办）: a body with its second name in brackets is the
	// body.
	if strings.HasSuffix(name, "）") || strings.HasSuffix(name, ")") {
		if m := aliasSuffixRe.FindStringSubmatch(name); m != nil {
			return Recognised(m[1]) && Recognised(m[2])
		}
	}
	// The plain string tests first: they settle most names.
	return strings.ContainsRune(govEnds, lastRune(name)) || genreBody(name) ||
		strings.HasSuffix(name, "部门") || strings.HasSuffix(name, "单位") || strings.HasPrefix(name, "各") ||
		militaryRe.MatchString(name) || governmentRe.MatchString(name) || classRe.MatchString(name) ||
		agencyRe.MatchString(name) || committeeRe.MatchString(name) || departmentRe.MatchString(name)
}

var departmentPrefixRe = regexp.MustCompile(`^(市|县|区|旗)`)

// aliasSuffixRe is a name followed by a second name in brackets.
var aliasSuffixRe = regexp.MustCompile(`^(.+[^（(])[（(]([^（）()]{2,12})[）)]$`)

func classify(name string) Kind {
	switch {
	case militaryRe.MatchString(name):
		return Military
	case governmentRe.MatchString(name) && !strings.HasSuffix(name, "部门"):
		return Government
	case classRe.MatchString(name) || strings.HasSuffix(name, "部门") || strings.HasSuffix(name, "单位"):
		return Class
	case strings.HasPrefix(name, "各"):
		return Class
	case agencyRe.MatchString(name):
		return Agency
	case committeeRe.MatchString(name):
		return Committee
	case departmentRe.MatchString(name):
		return Department
	}
	return Department
}
