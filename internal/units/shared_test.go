package units_test

import (
	"testing"

	"qingdan/internal/units"
)

// What a list writes once — a leading 各, the place of a body type, the
// level of a department — is given to each of its names; names written
// with no separator are split where one ends and the next begins. The
// lists are written as city, district and provincial notices write them.
func TestSharedParts(t *testing.T) {
	cases := []struct{ name, in, want string }{
		// ---- valid: a leading 各 ----
		{"各 over bare levels", "牵头单位：市教育局；配合单位：市财政局，各区、县级市", "市教育局/lead、市财政局/cooperate、各区/cooperate、各县级市/cooperate"},
		{"各有关 over bare levels", "市农业局牵头，各有关区、县级市配合", "市农业局/lead、各有关区/cooperate、各有关县级市/cooperate"},
		{"各 over three bare levels", "各县、市、区", "各县/responsible、各市/responsible、各区/responsible"},
		{"各 over a level and its body", "各乡镇人民政府、街道办事处负责", "各乡镇人民政府/responsible、各街道办事处/responsible"},
		{"a shared body type stays one group", "各区、县级市政府", "各区、县级市政府/responsible"},
		{"the place of a bare body type", "参与单位：市直有关部门，各县区政府、管委会", "市直有关部门/cooperate、各县区政府/cooperate、各县区管委会/cooperate"},
		{"a named body is not bare", "各县（市、区）政府、高新区管委会", "各县（市、区）政府/responsible、高新区管委会/responsible"},
		// ---- valid: bodies of one place joined by 和 ----
		{"party committee and government of a group", "各县（市、区）党委和人民政府", "各县（市、区）党委/responsible、各县（市、区）人民政府/responsible"},
		{"a place alone shares the bodies after it", "示范区、高新区党工委和管委会负责", "示范区党工委/responsible、高新区党工委/responsible、示范区管委会/responsible、高新区管委会/responsible"},
		{"a place alone shares one body", "越秀区、海珠区政府牵头，市财政局配合", "越秀区政府/lead、海珠区政府/lead、市财政局/cooperate"},
		{"a run of places alone shares one body", "天河区、越秀区、海珠区政府负责", "天河区政府/responsible、越秀区政府/responsible、海珠区政府/responsible"},
		{"a run of places alone shares the bodies after it", "示范区、高新区、经开区党工委和管委会", "示范区党工委/responsible、高新区党工委/responsible、经开区党工委/responsible、示范区管委会/responsible、高新区管委会/responsible、经开区管委会/responsible"},
		{"党工委和办事处", "各街道党工委和办事处负责", "各街道党工委/responsible、各街道办事处/responsible"},
		{"two named bodies joined by 和 stay", "市委和市政府", "市委/responsible、市政府/responsible"},
		// ---- valid: the level of a department ----
		{"市 written once", "责任单位：市行政审批局、住建局、司法局，各市（区）人民政府", "市行政审批局/responsible、市住建局/responsible、市司法局/responsible、各市（区）人民政府/responsible"},
		{"区 written once", "区发改局、统计局、财政局负责", "区发改局/responsible、区统计局/responsible、区财政局/responsible"},
		{"县 written once, roles kept", "县教育局牵头，卫健局、民政局配合", "县教育局/lead、县卫健局/cooperate、县民政局/cooperate"},
		{"a 厅 takes the province's level", "省发展改革委、商务厅、省大数据中心", "省发展改革委/responsible、省商务厅/responsible、省大数据中心/responsible"},
		{"省 written once over 厅 and 委", "省交通运输厅牵头，财政厅、发展改革委配合", "省交通运输厅/lead、省财政厅/cooperate、省发展改革委/cooperate"},
		{"a city has no 厅: left bare, the level goes on", "市交通运输局牵头，财政厅、发展改革委配合", "市交通运输局/lead、财政厅/cooperate、市发展改革委/cooperate"},
		{"州 written once", "州发展改革委、财政局、州医保局", "州发展改革委/responsible、州财政局/responsible、州医保局/responsible"},
		{"自治州 written once", "自治州住建局牵头，交通运输局配合", "自治州住建局/lead、自治州交通运输局/cooperate"},
		{"盟 and 旗 written once", "盟发展改革委、财政局；旗教育局、卫健委", "盟发展改革委/responsible、盟财政局/responsible、旗教育局/responsible、旗卫健委/responsible"},
		{"自治区 written once", "责任单位：自治区农牧厅、财政厅、发展改革委", "自治区农牧厅/responsible、自治区财政厅/responsible、自治区发展改革委/responsible"},
		{"省 written once over a 委 and a 局", "省交通运输厅牵头，发展改革委、自然资源局配合", "省交通运输厅/lead、省发展改革委/cooperate、省自然资源局/cooperate"},
		{"a branch carries its own place", "区发改局、海曙生态环境分局", "区发改局/responsible、海曙生态环境分局/responsible"},
		{"no level before: as written", "立山经济开发区，各街道，税务局", "立山经济开发区/responsible、各街道/responsible、税务局/responsible"},
		{"a vertical body is not the city's", "市发展改革委，税务局", "市发展改革委/responsible、税务局/responsible"},
		{"a party committee's level is not a government's", "市委组织部、编办", "市委组织部/responsible、编办/responsible"},
		{"a 局 after a party body is the government's", "区委宣传部、文旅局", "区委宣传部/responsible、区文旅局/responsible"},
		{"a national list has no level", "发展改革委、财政部、商务部", "发展改革委/responsible、财政部/responsible、商务部/responsible"},
		// ---- valid: names glued together ----
		{"two departments in one cell", "区发改局区统计局", "区发改局/responsible、区统计局/responsible"},
		{"party and government", "区委区政府", "区委/responsible、区政府/responsible"},
		{"glued names in a list", "区经信局区统计局、区商务局", "区经信局/responsible、区统计局/responsible、区商务局/responsible"},
		{"市场 is no level", "区市场监管局", "区市场监管局/responsible"},
		{"a section of a bureau", "县商务局市场科", "县商务局市场科/responsible"},
		{"a brigade of a bureau", "市公安局交警支队", "市公安局交警支队/responsible"},
		{"市直 is no name", "市委市直机关工委", "市委市直机关工委/responsible"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := show(units.Parse(c.in, units.Options{}).Units); got != c.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", c.in, got, c.want)
			}
		})
	}
}

// The bodies notices name beside government as a matter of course are
// units without a warning; companies and associations still get one, once.
func TestGenreBodies(t *testing.T) {
	for _, name := range []string{"团市委", "团县委", "市科协", "市妇联", "区残联", "县工商联", "市红十字会", "市总工会", "全区经济运行各专班", "市疫情防控指挥部", "县创文工作领导小组办公室", "市妇女联合会", "省科学技术协会"} {
		if p := units.Parse(name+"负责", units.Options{}); len(p.Problems) != 0 || len(p.Units) != 1 {
			t.Errorf("%s: units %v problems %v", name, p.Units, p.Problems)
		}
	}
	for _, name := range []string{"市篮球协会", "国网忻州供电公司", "市餐饮行业商会"} {
		if p := units.Parse(name+"负责", units.Options{}); len(p.Problems) != 1 {
			t.Errorf("%s: want one problem, got %v", name, p.Problems)
		}
	}
}
