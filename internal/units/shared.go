package units

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A list of units often writes once what its names share, and a reader
// gives it to each of them:
//
//   - a leading 各 (各有关, 各相关) over bare levels of government:
//     各区、县级市 are 各区 and 各县级市;
//   - the place a body type belongs to: 各县区政府、管委会 are 各县区政府
//     and 各县区管委会;
//   - the level of a department: 市行政审批局、住建局、司法局 are three
//     departments of the city, 市住建局 and 市司法局 as the same units are
//     named everywhere else; so are 自治区农牧厅、财政厅 and 省交通运输厅、
//     财政厅; 州, 盟 and 旗 are levels too (州发展改革委、财政局);
//   - the bodies of one place joined by 和: 各县（市、区）党委和人民政府
//     are 各县（市、区）党委 and 各县（市、区）人民政府, and a place written
//     alone before them shares them: 示范区、高新区党工委和管委会 are the
//     党工委 and the 管委会 of each.
//
// Names written together with no separator at all (区发改局区统计局, as a
// table flattened to text gives two names of one cell) are split where one
// name ends and the next, opening with its level, begins.

var (
	// bareLevelRe is a level of government written without 各: what a
	// leading 各 is given to. A list written 各县、市、区政府 names one group
	// (see glueLevels) and never reaches this.
	bareLevelRe = regexp.MustCompile(`^(?:县级市|地级市|县区|市区|区县|县市区|乡镇|镇街|街道|[省市县区乡镇旗盟州]|自治区|自治州|自治县|开发区|园区)$`)
	// qualifierRe is what opens a name standing for every body of a level:
	// 各, 各有关, 各相关.
	qualifierRe = regexp.MustCompile(`^各(?:有关|相关|其他)?`)
	// bodyTypeRe is a body named by its type alone, which takes the place
	// of the name before it: 管委会 after 各县区政府.
	bodyTypeRe = regexp.MustCompile(`^(?:` + bodyTypes + `)$`)
	// levelBodyRe is a level and its body type written without 各:
	// 街道办事处 after 各乡镇人民政府, 县级市政府 after 各区.
	levelBodyRe = regexp.MustCompile(`^(?:县级市|县区|乡镇|镇街|街道|[市县区乡镇])(?:人民政府|政府|办事处|管委会)$`)
	// typeEndRe is the body type that ends a name whose place a bare type
	// after it shares.
	typeEndRe = guard(`(?:街道办事处|`+bodyTypes+`)$`, endingWith("政府", "管委会", "管理委员会", "办事处", "党工委", "党委"))
	// levelPrefixRe is the level a department's name opens with.
	levelPrefixRe = regexp.MustCompile(`^(?:自治区|自治州|[省市县区州盟旗])`)
	// barePlaceRe is a place written alone in a list, before a name of
	// the same kind of place and its body: 示范区 before 高新区党工委.
	barePlaceRe = guard(`^\p{Han}{1,8}[区县市州旗]$`, lastRuneIn("区县市州旗"))
)

// departmentStems are the short names of the departments every local
// government has, as notices write them after a level (市住建局, 区统计局).
// A name made of one of them and 局, 委 or 办 alone, after a name that
// opens with a level, belongs to the same level. Only these are given the
// level: a name like 海曙生态环境分局 or 滁州海关 carries its own place.
var departmentStems = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`发改 发展改革 发展和改革 经信 工信 工业和信息化 科技 科技和信息化 教育 教体 教育和体育
		公安 民政 司法 财政 人社 人力资源和社会保障 人力资源社会保障 自然资源 自然资源和规划 规划 国土 国土资源
		生态环境 环保 住建 住房和城乡建设 城乡建设 交通 交通运输 水利 水务 农业 农业农村 农业和农村 商务 文旅
		文化和旅游 文广旅 文化广电旅游 卫健 卫生健康 卫生 退役军人事务 应急 应急管理 审计 国资 市场监管 市场监督管理
		体育 统计 医保 医疗保障 林业 林草 城管 城市管理 综合执法 行政审批 审批服务 数据 大数据 政务服务 信访 人防
		粮食 能源 发展改革委 商务 外事 金融 投促 投资促进 招商 旅游 文化 广电 新闻出版 食药 安监 物价 工商 质监
		档案 机关事务 民宗 民族宗教 侨务 侨 台 港澳 编 网信 扶贫 乡村振兴 法制 供销 气象 地震 住保 房管 园林
		城管 国资 农 教 科 建 经贸 经济和信息化 外办 农牧 农牧业 工业和信息化 文化和旅游 住房城乡建设 人力资源社会保障`) {
		departmentStems[s] = true
	}
}

// expandShared gives the names of one list the 各 or the place it wrote
// once (see above). Only names that follow each other in one list, with
// no ， between them, are read so.
func expandShared(list []Assignment) []Assignment {
	list = sharePlaceBodies(list)
	for i := 1; i < len(list); i++ {
		prev, cur := list[i-1].Name, list[i].Name
		if len(cur) > 8*3 || !strings.HasPrefix(prev, "各") {
			continue // what a 各 is given to is a short word
		}
		switch {
		case bareLevelRe.MatchString(cur) || levelBodyRe.MatchString(cur):
			if q := qualifierRe.FindString(prev); q != "" && isLevelName(strings.TrimPrefix(prev, q)) {
				list[i].Name = q + cur
			}
		case bodyTypeRe.MatchString(cur):
			if strings.HasPrefix(prev, "各") {
				if loc := typeEndRe.FindStringIndex(prev); loc != nil && loc[0] > 0 {
					list[i].Name = prev[:loc[0]] + cur
				}
			}
		}
	}
	return list
}

// bodyTypes are the types of a place's bodies, written alone after the
// first of them (党委和人民政府, 党工委和办事处).
const bodyTypes = `人民政府|政府|管委会|管理委员会|办事处|党工委|党委`

// sharePlaceBodies gives the bodies of one place joined by 和 their
// place (党委和人民政府 after 各县（市、区）), and a place written alone
// the bodies the next place has (示范区、高新区党工委和管委会).
func sharePlaceBodies(list []Assignment) []Assignment {
	var (
		out []Assignment
		// alone holds the places written alone just before, which
		// share the bodies of the place after them.
		alone []string
	)
	for i := 0; i < len(list); i++ {
		cur := list[i]
		if i > 0 && len(cur.Name) <= len("管理委员会") && bodyTypeRe.MatchString(cur.Name) {
			prev := list[i-1].Name
			if loc := typeEndRe.FindStringIndex(prev); loc != nil && loc[0] > 0 && !bodyTypeRe.MatchString(prev) {
				cur.Name = prev[:loc[0]] + cur.Name
				for _, place := range alone {
					out = append(out, Assignment{Name: place + list[i].Name, Role: cur.Role, Rule: cur.Rule})
				}
			}
			out = append(out, cur)
			continue
		}
		if i+1 < len(list) && len(cur.Name) <= 9*3 && barePlaceRe.MatchString(cur.Name) && !strings.HasPrefix(cur.Name, "各") {
			// The whole run of places written alone shares the body of
			// the place after it: 天河区、越秀区、海珠区政府.
			j := i + 1
			for j < len(list) && len(list[j].Name) <= 9*3 && barePlaceRe.MatchString(list[j].Name) {
				j++
			}
			if j < len(list) {
				if loc := typeEndRe.FindStringIndex(list[j].Name); loc != nil && loc[0] > 0 && barePlaceRe.MatchString(list[j].Name[:loc[0]]) {
					alone = append(alone, cur.Name)
					cur.Name += list[j].Name[loc[0]:]
					out = append(out, cur)
					continue
				}
			}
		}
		if !typeEndRe.MatchString(cur.Name) {
			alone = nil
		}
		out = append(out, cur)
	}
	return out
}

// carryLevel gives a department named without its level the level of the
// name before it in the same duty: 市行政审批局、住建局 and 县教育局牵头，
// 卫健局配合 name 市住建局 and 县卫健局; 省交通运输厅牵头，财政厅、发展改革委
// 配合 names 省财政厅 and 省发展改革委. After a party committee's body
// (市委组织部) only a 局 takes the level. A name the level is not given to
// (a 厅 under a city, which has none) leaves it to the names after it.
func carryLevel(list []Assignment) []Assignment {
	level, party := "", false
	for i := range list {
		name := list[i].Name
		if l := levelPrefixRe.FindString(name); l != "" {
			level, party = l, strings.HasPrefix(name, l+"委")
			continue
		}
		if level == "" || !isBareDepartment(name) {
			level = ""
			continue
		}
		if strings.HasSuffix(name, "厅") && !provinceLevels[level] {
			continue
		}
		// After 市委组织部 only a 局 is surely the government's: a 委 or
		// an 办 may be the party committee's (市委编办).
		if party && !strings.HasSuffix(name, "局") {
			level = ""
			continue
		}
		list[i].Name, party = level+name, false
	}
	return list
}

// provinceLevels are the levels whose departments are 厅.
var provinceLevels = map[string]bool{"省": true, "自治区": true}

// isLevelName reports a name that stands for the bodies of one level,
// once its 各 is taken off: 区, 乡镇人民政府, 街道办事处.
func isLevelName(s string) bool {
	return bareLevelRe.MatchString(s) || levelBodyRe.MatchString(s)
}

// isBareDepartment reports a department named without its level: 住建局,
// 司法局, 发改委.
func isBareDepartment(name string) bool {
	for _, end := range []string{"局", "委", "办", "厅"} {
		if stem, ok := strings.CutSuffix(name, end); ok && departmentStems[stem] {
			return true
		}
	}
	return false
}

// gluedEnds are the last characters of a name after which a level opens
// the next name in a cell written without separators.
const gluedEnds = "局委办部厅院队"

// notNameStartRe opens a word after a level character that is no name of
// a body: 市场, 区域, 市级, 县直 ….
var notNameStartRe = regexp.MustCompile(`^[省市县区](?:场|域|级|属|直|内|外|民|情)`)

// splitGlued splits names written together with no separator:
// 区发改局区统计局 is 区发改局 and 区统计局, 区委区政府 区委 and 区政府.
// A part must be a name of two characters at least that ends as the
// names of bodies do.
func splitGlued(name string) []string {
	if len(name) < 5*3 || !strings.ContainsAny(name[3:], "省市县区") {
		return []string{name}
	}
	runes := []rune(name)
	if len(runes) < 5 {
		return []string{name}
	}
	var out []string
	start, depth := 0, 0
	for i := 1; i < len(runes)-1; i++ {
		switch {
		case isOpen(runes[i-1]):
			depth++
		case isClose(runes[i-1]) && depth > 0:
			depth--
		}
		if depth > 0 || !strings.ContainsRune(gluedEnds, runes[i-1]) || !strings.ContainsRune("省市县区", runes[i]) {
			continue
		}
		rest := string(runes[i:])
		if notNameStartRe.MatchString(rest) || i-start < 2 {
			continue
		}
		if tail := nextNameEnd(runes[i:]); tail < 2 {
			continue
		}
		out = append(out, string(runes[start:i]))
		start = i
	}
	if len(out) == 0 {
		return []string{name}
	}
	last := string(runes[start:])
	if utf8.RuneCountInString(last) < 2 || !strings.ContainsRune(nameEnds, lastRune(last)) {
		return []string{name}
	}
	return append(out, last)
}

// nextNameEnd returns the length of the name that opens runes: up to and
// including the first character names end with, past the level; 0 when
// there is none.
func nextNameEnd(runes []rune) int {
	for j := 1; j < len(runes); j++ {
		if strings.ContainsRune(gluedEnds+"府", runes[j]) {
			return j + 1
		}
	}
	return 0
}
