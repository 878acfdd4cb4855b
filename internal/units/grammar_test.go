package units_test

import (
	"fmt"
	"strings"
	"testing"

	"qingdan/internal/units"
)

func show(list []units.Assignment) string {
	var parts []string
	for _, a := range list {
		parts = append(parts, a.Name+"/"+string(a.Role))
	}
	return strings.Join(parts, "、")
}

func TestParse(t *testing.T) {
	cases := []struct {
		name, in, want string
		opt            units.Options
	}{
		// ---- valid: lists ----
		{"one unit", "市应急局", "市应急局/responsible", units.Options{}},
		{"brackets are not separators", "各县（市、区）政府、忻州经济开发区管委会", "各县（市、区）政府/responsible、忻州经济开发区管委会/responsible", units.Options{}},
		{"comma, ASCII comma and semicolon", "市应急局，市公安局,市交通局；市住建局", "市应急局/responsible、市公安局/responsible、市交通局/responsible、市住建局/responsible", units.Options{}},
		{"和 joins two units", "市有关部门和市安委办", "市有关部门/responsible、市安委办/responsible", units.Options{}},
		{"和 inside a name", "工业和信息化部、住房和城乡建设部、文化和旅游部", "工业和信息化部/responsible、住房和城乡建设部/responsible、文化和旅游部/responsible", units.Options{}},
		{"等部门 closes the list", "市应急局、市消防救援支队等部门", "市应急局/responsible、市消防救援支队/responsible", units.Options{}},
		{"等有关部门", "市行政审批局等有关部门", "市行政审批局/responsible", units.Options{}},
		{"white space and width", " 市 应急局 ， 各县(市、区)政府 ", "市应急局/responsible、各县（市、区）政府/responsible", units.Options{}},
		// ---- valid: roles ----
		{"lead and cooperate", "各县（市、区）政府，市自然资源局牵头，市应急局、市公安局等部门配合", "各县（市、区）政府/responsible、市自然资源局/lead、市应急局/cooperate、市公安局/cooperate", units.Options{}},
		{"参与", "生态环境部牵头，国家发展改革委、国家统计局参与", "生态环境部/lead、国家发展改革委/cooperate、国家统计局/cooperate", units.Options{}},
		{"督促企业落实", "市应急局、市能源局督促企业落实", "市应急局/supervise、市能源局/supervise", units.Options{}},
		{"指导", "商务部指导，供销合作总社参与", "商务部/guide、供销合作总社/cooperate", units.Options{}},
		{"会同", "国家发展改革委、财政部会同有关部门负责", "国家发展改革委/responsible、财政部/responsible、有关部门/cooperate", units.Options{}},
		{"会 alone for 会同 in a cell", "宣传处会办公室", "宣传处/responsible、办公室/cooperate", units.Options{}},
		{"会 between two bureaus", "市商务局会市发改委", "市商务局/responsible、市发改委/cooperate", units.Options{}},
		{"a 委会 is a name", "区管委会办公室", "区管委会办公室/responsible", units.Options{}},
		{"会计 is part of a name", "市财政局会计管理处", "市财政局会计管理处/responsible", units.Options{}},
		{"会展 is part of a name", "市商务局会展业促进办公室", "市商务局会展业促进办公室/responsible", units.Options{}},
		{"会议 is part of a name", "市政府办公室会议服务处", "市政府办公室会议服务处/responsible", units.Options{}},
		{"会务 is part of a name", "市委办公室会务保障处", "市委办公室会务保障处/responsible", units.Options{}},
		{"会 before a name of no level is part of a name", "市档案局会签管理处", "市档案局会签管理处/responsible", units.Options{}},
		{"会 before a department of a known stem", "市商务局会财政局", "市商务局/responsible、市财政局/cooperate", units.Options{}},
		{"牵头负责", "农业农村部、工业和信息化部牵头负责", "农业农村部/lead、工业和信息化部/lead", units.Options{}},
		{"labels", "牵头单位：市应急局；配合单位：市公安局、市交通局", "市应急局/lead、市公安局/cooperate、市交通局/cooperate", units.Options{}},
		{"label 责任单位", "责任单位：市住建局、市城管局", "市住建局/responsible、市城管局/responsible", units.Options{}},
		{"column default", "最高人民法院、国家知识产权局", "最高人民法院/guide、国家知识产权局/guide", units.Options{Default: units.Guide}},
		// ---- valid: rules ----
		{"lead first, declared", "工业和信息化部、发展改革委、科技部等负责。列第一位者为牵头单位，下同", "工业和信息化部/lead、发展改革委/responsible、科技部/responsible", units.Options{}},
		{"lead first, in force", "农业农村部、财政部等负责", "农业农村部/lead、财政部/responsible", units.Options{LeadFirst: true}},
		{"lead first, one unit", "各省级人民政府负责", "各省级人民政府/responsible", units.Options{LeadFirst: true}},
		{"standing rule", "生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出", "生态环境部/guide、试点城市政府/responsible", units.Options{}},
		{"role in brackets", "市发展改革委（牵头）、市住建局", "市发展改革委/lead、市住建局/responsible", units.Options{}},
		{"label with role in brackets", "责任单位：市文旅局（牵头），各县（市、区）人民政府", "市文旅局/lead、各县（市、区）人民政府/responsible", units.Options{}},
		{"deadline clause", "市农业农村局负责，2024年11月底前完成", "市农业农村局/responsible", units.Options{}},
		{"deadline label", "牵头单位：市供销社；配合单位：市市场监管局；完成时限：2024年5月底前", "市供销社/lead、市市场监管局/cooperate", units.Options{}},
		{"lead first, other wording", "市发展改革委、市行政审批局。列第一位的单位为牵头单位，下同", "市发展改革委/lead、市行政审批局/responsible", units.Options{}},
		// ---- valid: lists closed by 等, collective units, levels of government ----
		{"等部门，ends a list, not its role", "市发展改革委牵头，市财政局、市商务局等部门，市人社局、市税务局配合", "市发展改革委/lead、市财政局/cooperate、市商务局/cooperate、市人社局/cooperate、市税务局/cooperate", units.Options{}},
		{"等， keeps the default role", "市疫情防控指挥部办公室、市卫生健康委等，各县（市、区）政府（管委会）", "市疫情防控指挥部办公室/responsible、市卫生健康委/responsible、各县（市、区）政府（管委会）/responsible", units.Options{}},
		{"等和 ends a list inside a clause", "市应急局、市公安局等和各县（市、区）政府配合", "市应急局/cooperate、市公安局/cooperate、各县（市、区）政府/cooperate", units.Options{}},
		{"等有关部门和单位 closes a list", "人力资源社会保障部、财政部、教育部等有关部门和单位负责", "人力资源社会保障部/responsible、财政部/responsible、教育部/responsible", units.Options{}},
		{"有关部门和单位 is one unit", "各有关部门和单位，各省级人民政府按职责分工负责", "各有关部门和单位/responsible、各省级人民政府/responsible", units.Options{}},
		{"各县、市、区政府 is one unit", "市经信局、中新苏滁高新区管委会等，各县、市、区政府", "市经信局/responsible、中新苏滁高新区管委会/responsible、各县、市、区政府/responsible", units.Options{}},
		{"how, between the units and the marker", "市教育局、市人社局按职能分工负责", "市教育局/responsible、市人社局/responsible", units.Options{}},
		{"根据各自职责", "市发展改革委牵头，市财政局、市商务局根据各自职责配合", "市发展改革委/lead、市财政局/cooperate、市商务局/cooperate", units.Options{}},
		{"各省、自治区、直辖市人民政府 is one unit", "各省、自治区、直辖市人民政府负责", "各省、自治区、直辖市人民政府/responsible", units.Options{}},
		{"各市、县（市、区）人民政府 is one unit", "省发展改革委牵头，各市、县（市、区）人民政府配合", "省发展改革委/lead、各市、县（市、区）人民政府/cooperate", units.Options{}},
		{"等按职责分工负责", "教育部牵头，国家发展改革委、财政部等按职责分工负责", "教育部/lead、国家发展改革委/responsible、财政部/responsible", units.Options{}},
		{"分别牵头", "经济投资局和航空口岸局分别牵头、区发改局", "经济投资局/lead、航空口岸局/lead、区发改局/responsible", units.Options{}},
		{"参加 inside one label, 等有关部门 closing the list", "责任单位：县农业农村局牵头，县财政局、县民政局等有关部门参加，各镇街落实", "县农业农村局/lead、县财政局/cooperate、县民政局/cooperate、各镇街/responsible", units.Options{}},
		{"参加 after a list", "市发展改革委牵头，市财政局、市统计局参加", "市发展改革委/lead、市财政局/cooperate、市统计局/cooperate", units.Options{}},
		{"a time after the units", "国务院各部门分别负责，年内持续推进", "国务院各部门/responsible", units.Options{}},
		{"a way of going on after the units", "各省级人民政府负责，长期坚持", "各省级人民政府/responsible", units.Options{}},
		{"a name the parser does not know stays", "市体育局、市篮球协会、国网忻州供电公司负责", "市体育局/responsible、市篮球协会/responsible、国网忻州供电公司/responsible", units.Options{}},
		// ---- valid: labels in every wording ----
		{"牵头责任单位", "牵头责任单位：市发展改革委", "市发展改革委/lead", units.Options{}},
		{"协同责任单位", "协同责任单位：市经信局、市商务局等，各县、市、区政府", "市经信局/cooperate、市商务局/cooperate、各县、市、区政府/cooperate", units.Options{}},
		{"负责部门 and 适用范围", "负责部门：发展改革委、粮食和储备局，适用范围：浙江自贸试验区", "发展改革委/responsible、粮食和储备局/responsible", units.Options{}},
		{"a leader is no unit", "牵头负责领导：金力", "", units.Options{}},
		{"labels without their last word", "牵头：市发展改革委；配合：市财政局、市统计局", "市发展改革委/lead、市财政局/cooperate、市统计局/cooperate", units.Options{}},
		{"bracketed labels one after a name", "【牵头单位】区发改局【配合单位】区财政局、区统计局", "区发改局/lead、区财政局/cooperate、区统计局/cooperate", units.Options{}},
		{"主办 and 协办 alone", "主办：市商务局；协办：市财政局", "市商务局/lead、市财政局/cooperate", units.Options{}},
		{"主要责任单位 and 协办单位", "主要责任单位：市教育局；协办单位：市财政局", "市教育局/responsible、市财政局/cooperate", units.Options{}},
		// ---- valid: rules in every wording ----
		{"rule in brackets after the last name", "区发改局、海曙生态环境分局（列第一位者为牵头或汇总单位，下同）", "区发改局/lead、海曙生态环境分局/responsible", units.Options{}},
		{"排在第一位的部门为牵头部门", "教育部、财政部负责。排在第一位的部门为牵头部门", "教育部/lead、财政部/responsible", units.Options{}},
		{"standing rule naming a list", "责任单位：市工信局、市财政局等有关部门，各县区人民政府、园区管委会。以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出", "市工信局/responsible、市财政局/responsible、各县区人民政府/responsible、园区管委会/responsible", units.Options{}},
		{"责任单位即为牵头单位, declared", "市住建局、市城管局负责。无牵头单位的，责任单位即为牵头单位，下同", "市住建局/lead、市城管局/lead", units.Options{}},
		{"责任单位即为牵头单位, in force", "市住建局、市城管局", "市住建局/lead、市城管局/lead", units.Options{ResponsibleLead: true}},
		{"责任单位即为牵头单位, a lead named", "市住建局牵头，市城管局配合", "市住建局/lead、市城管局/cooperate", units.Options{ResponsibleLead: true}},
		// ---- hostile ----
		{"slash kept whole", "市应急局/市消防救援支队", "市应急局/市消防救援支队/responsible", units.Options{}},
		{"markup kept as text", "<b>市应急局</b>、{{.X}}", "<b>市应急局</b>/responsible、{{.X}}/responsible", units.Options{}},
		{"unbalanced bracket", "各县（市、区政府、市应急局", "各县（市、区政府、市应急局/responsible", units.Options{}},
		{"empty", "", "", units.Options{}},
		{"only separators", "、，；", "", units.Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := show(units.Parse(c.in, c.opt).Units); got != c.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", c.in, got, c.want)
			}
		})
	}
}

func TestFields(t *testing.T) {
	p := units.Parse("牵头单位：市文旅局；配合单位：市交通局；完成时限：2024年6月底前", units.Options{})
	if len(p.Fields) != 1 || p.Fields[0].Name != "完成时限" || p.Fields[0].Value != "2024年6月底前" {
		t.Errorf("fields %+v", p.Fields)
	}
	for in, when := range map[string]string{
		"国务院各部门分别负责，年内持续推进":  "年内持续推进",
		"市水利局负责，2025年第一季度":   "2025年第一季度",
		"市城管局负责，常态化推进":       "常态化推进",
		"省商务厅负责，2024年底前完成":   "2024年底前完成",
		"市住建局负责，2024年—2025年": "2024年—2025年",
	} {
		p := units.Parse(in, units.Options{})
		if len(p.Fields) != 1 || p.Fields[0].Value != when {
			t.Errorf("Parse(%q): fields %+v, want the deadline %s", in, p.Fields, when)
		}
	}
	for _, notTime := range []string{"推进", "实施", "市住建局", "年终考核"} {
		if units.IsDeadline(notTime) {
			t.Errorf("IsDeadline(%q) is true", notTime)
		}
	}
	p = units.Parse("市农业农村局负责，2024年11月底前完成", units.Options{})
	if len(p.Fields) != 1 || p.Fields[0].Value != "2024年11月底前完成" {
		t.Errorf("fields %+v", p.Fields)
	}
	if !units.EndsWithRole("市某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某负责") || units.EndsWithRole("试行") {
		t.Error("EndsWithRole")
	}
}

func TestRules(t *testing.T) {
	p := units.Parse("生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出", units.Options{})
	if len(p.Rules) != 1 || p.Rules[0].Kind != units.Standing || len(p.Rules[0].Units) != 1 || p.Rules[0].Units[0].Name != "试点城市政府" || !p.Rules[0].Onward {
		t.Errorf("rules %+v", p.Rules)
	}
	p = units.Parse("A局、B局等负责。列第一位者为牵头单位，下同", units.Options{})
	if len(p.Rules) != 1 || p.Rules[0].Kind != units.LeadFirst || !p.Rules[0].Onward {
		t.Errorf("rules %+v", p.Rules)
	}
}

// A rule is never part of a unit's name, and names what it adds.
func TestRulesInEveryWording(t *testing.T) {
	for _, c := range []struct {
		in     string
		kind   units.RuleKind
		onward bool
		units  string
	}{
		{"区发改局、海曙生态环境分局（列第一位者为牵头或汇总单位，下同）", units.LeadFirst, true, ""},
		{"人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同", units.LeadFirst, true, ""},
		{"教育部、财政部负责。排在第一位的部门为牵头部门", units.LeadFirst, false, ""},
		{"责任单位：市工信局、市财政局。以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出", units.Standing, true, "各县区人民政府/responsible、园区管委会/responsible"},
		{"生态环境部指导。以下均需试点城市政府落实，不再列出", units.Standing, true, "试点城市政府/responsible"},
		{"市住建局负责。无牵头单位的，责任单位即为牵头单位，下同", units.ResponsibleLead, true, ""},
		{"责任单位：省发展改革委、省商务厅按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，下同。", units.Standing, true, "相关市（州）人民政府/responsible"},
		{"省交通运输厅负责。各项任务均涉及各市（州）人民政府，不再进行分工", units.Standing, false, "各市（州）人民政府/responsible"},
	} {
		p := units.Parse(c.in, units.Options{})
		if len(p.Rules) != 1 || p.Rules[0].Kind != c.kind || p.Rules[0].Onward != c.onward || show(p.Rules[0].Units) != c.units {
			t.Errorf("Parse(%q): rules %+v", c.in, p.Rules)
		}
		for _, u := range p.Units {
			if strings.ContainsAny(u.Name, "第下不以") {
				t.Errorf("Parse(%q): a rule leaked into the unit %q", c.in, u.Name)
			}
		}
	}
}

func TestLabels(t *testing.T) {
	var got []string
	for _, l := range units.Labels("牵头负责领导：金力；牵头责任单位：市发展改革委；协同责任单位：市经信局；完成时限：年底前；适用范围：全市") {
		got = append(got, fmt.Sprintf("%s%s", l.Role, l.Field))
	}
	if strings.Join(got, ",") != "牵头负责领导,lead,cooperate,完成时限,适用范围" {
		t.Errorf("labels %v", got)
	}
	if ls := units.Labels("各县（市、区）人民政府，市直有关单位："); len(ls) != 0 {
		t.Errorf("the end of a recipients line is no label: %+v", ls)
	}
	p := units.Parse("牵头负责领导：金力。牵头责任单位：市财政局；时间节点：2024年6月底前", units.Options{})
	if fmt.Sprint(p.Fields) != "[{牵头负责领导 金力} {完成时限 2024年6月底前}]" || show(p.Units) != "市财政局/lead" {
		t.Errorf("fields %v units %s", p.Fields, show(p.Units))
	}
	p = units.Parse("市体育局、市篮球协会负责", units.Options{})
	if len(p.Problems) != 1 || !strings.Contains(p.Problems[0], "市篮球协会") {
		t.Errorf("an unknown name gets a problem: %v", p.Problems)
	}
}

// Sentences written unit first, from the duties of an emergency plan,
// and sentences that only look so.
func TestSubject(t *testing.T) {
	for in, want := range map[string]string{
		"国家发展改革委及国家粮食局负责应急工作的综合协调；做好粮食市场调控和供应工作。":    "国家发展改革委/responsible、国家粮食局/responsible",
		"国家发展改革委及国家粮食局、商务部按照各自职能分工，负责粮食市场应急供应工作。":    "国家发展改革委/responsible、国家粮食局/responsible、商务部/responsible",
		"公安部负责维护粮食供应场所的治安秩序。":                        "公安部/responsible",
		"铁道部、交通部负责根据粮食应急工作的需要，及时安排落实应急粮食的运输。":        "铁道部/responsible、交通部/responsible",
		"国务院新闻办会同国家发展改革委制订国家粮食应急新闻发布预案，负责组织发布相关新闻。":  "国务院新闻办/responsible、国家发展改革委/cooperate",
		"中国储备粮管理总公司负责中央储备粮动用计划的执行。":                  "中国储备粮管理总公司/responsible",
		"其他有关部门在指挥部的统一领导下，做好相关配合工作。":                 "其他有关部门/cooperate",
		"市发展改革委：负责统筹推进全市重点项目建设。":                     "市发展改革委/responsible",
		"市商务局、市外事办：牵头做好外资招引工作。":                      "市商务局/lead、市外事办/lead",
		"工作要求：各单位要负责落实。":                             "",
		"市应急局牵头开展专项整治，市公安局配合。":                       "市应急局/lead",
		"掌握粮食市场形势，向国务院提出启动或终止实施应急措施的建议。":             "",
		"省级人民政府有关部门按照职能分工，及时采取应急措施。":                 "",
		"各成员单位要按照职责分工，积极研究办好新时代职业教育的有关问题。":           "",
		"教育部为牵头单位，发展改革委、财政部等为成员单位。":                  "",
		"根据国家粮食应急工作指挥部的安排，中国储备粮管理总公司负责中央储备粮动用计划的执行。": "",
		// Clauses of roles opening a sentence, a person in charge first.
		"由王建国副市长负责，市农业农村局牵头，相关部门配合，尽快完成方案。":     "市农业农村局/lead、相关部门/cooperate",
		"试验区事宜由张副市长负责，市发改委牵头，市财政局、市统计局配合，抓紧推进。": "市发改委/lead、市财政局/cooperate、市统计局/cooperate",
		"县城东环路改造工程。县住建局牵头，县交通运输局配合，年底前完成。":      "县住建局/lead、县交通运输局/cooperate",
		"由张副市长负责，尽快完成方案。":                       "",
		// One clause where the roles are plainly given.
		"二是山洪沟道清障，由市水利局负责，汛前完成。":                  "市水利局/responsible",
		"县城东环路改造工程。县住建局负责，年底前完成路面改造。":             "县住建局/responsible",
		"由副市长王建国负责，市水利局牵头，汛前完成。":                  "市水利局/lead",
		"由市委常委、副市长李红负责，市住建局牵头，汛前完成。":              "市住建局/lead",
		"由李红副市长、王建国副市长负责，市住建局牵头，汛前完成。":            "市住建局/lead",
		"由市政府分管领导负责，市住建局牵头，汛前完成。":                 "市住建局/lead",
		"由市长负责，市住建局牵头，汛前完成。":                      "市住建局/lead",
		"市住建局负责，汛前完成。":                            "市住建局/responsible",
		"二是山洪沟道清障，由各县（市、区）党委和人民政府负责，市水利局配合，汛前完成。": "各县（市、区）党委/responsible、各县（市、区）人民政府/responsible、市水利局/cooperate",
		"自由贸易试验区负责，市商务局配合，年底前完成。":                 "自由贸易试验区/responsible、市商务局/cooperate",
		"城东环路改造工程。要求各单位密切配合，年底前完成。":               "",
		// Words leading in to the clauses of roles.
		"为完成城西片区土地收储工作，会议要求，由市发改委牵头，市财政局、市自然资源局配合，在6月底前完成。": "市发改委/lead、市财政局/cooperate、市自然资源局/cooperate",
		"为保障项目用工，会议强调，经研究，由市人社局负责，各县（市、区）人民政府配合，持续开展。":      "市人社局/responsible、各县（市、区）人民政府/cooperate",
		"市住建局负责，加快推进，由市政府督查室配合。":                            "市住建局/responsible",
		"市住建局牵头，市城管局配合，由市政府督查室跟踪督办。":                        "市住建局/lead、市城管局/cooperate",
	} {
		p, ok := units.Subject(in)
		if got := show(p.Units); got != want || ok != (want != "") {
			t.Errorf("Subject(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
}

// A person a sentence puts in charge is the task's leader, never a unit.
func TestSubjectLeader(t *testing.T) {
	p, ok := units.Subject("由王建国副市长负责，市农业农村局牵头，相关部门配合，尽快完成方案。")
	if !ok || len(p.Fields) != 1 || p.Fields[0] != (units.Field{Name: units.LeaderField, Value: "王建国副市长"}) {
		t.Errorf("fields %+v, %v", p.Fields, ok)
	}
	for _, leader := range []string{"副市长王建国", "市委常委、副市长李红", "李红副市长、王建国副市长", "市长", "市政府分管领导"} {
		p, ok := units.Subject("由" + leader + "负责，市住建局牵头，汛前完成。")
		if !ok || len(p.Fields) != 1 || p.Fields[0].Value != leader {
			t.Errorf("由%s负责: fields %+v, %v", leader, p.Fields, ok)
		}
		for _, u := range p.Units {
			if strings.Contains(u.Name, "市长") || strings.Contains(u.Name, "领导") {
				t.Errorf("由%s负责: a person as a unit: %+v", leader, u)
			}
		}
	}
	for _, u := range p.Units {
		if strings.Contains(u.Name, "市长") {
			t.Errorf("a person as a unit: %+v", u)
		}
	}
}

func TestIsDuty(t *testing.T) {
	for in, want := range map[string]bool{
		"市应急局负责": true,
		"生态环境部牵头，国家发展改革委参与": true,
		"国家发展改革委会同有关部门负责":   true,
		"牵头单位：市应急局":         true,
		"生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出": true,
		"市气象台负责":           true,
		"市科协、市农业农村局负责":     true,
		"忻州海关负责":           true,
		"市融媒体中心、忻州广播电视台负责": true,
		"市水利局牵头，各县（市、区）配合": true,
		"负责部门：人力资源社会保障部、住房城乡建设部、商务部；适用范围：所有自贸试验区，以下除标注适用于特定自贸试验区的措施外，适用范围均为所有自贸试验区": true,
		"人力资源社会保障部等有关部门和单位负责":     true,
		"各有关部门和单位，各省级人民政府按职责分工负责": true,
		"责任单位：市工信局、市财政局等有关部门，各县区人民政府、园区管委会。以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出": true,
		"市体育局、各新闻媒体负责":                        true,
		"国务院各部门分别负责，年内持续推进":                   true,
		"责任单位：县扶贫开发办牵头，县民政局等有关部门参加，各镇街落实":     true,
		"牵头单位：区卫健局；责任单位：区疫情防控指挥部成员单位、各街办（新区）": true,
		"由企业自主负责":               false,
		"牵头负责领导：金力":             false,
		"市农业农村局负责，2024年11月底前完成": true,
		"牵头单位：市供销社；配合单位：市市场监管局；完成时限：2024年5月底前": true,
		"完成时限：长期坚持": false,
		"PPP":       false,
		"此件公开发布":    false,
		"共5项":       false,
		"市、区":       false,
		"试行":        false,
		"免税进口的科研仪器设备按有关政策规定执行":                    false,
		"垃圾焚烧企业依法依规安装污染物排放自动监测设备、自动监测设备与生态环境部门联网": false,
	} {
		if got := units.IsDuty(in); got != want {
			t.Errorf("IsDuty(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for name, want := range map[string]units.Kind{
		"各县（市、区）政府":        units.Government,
		"各相关县（市、区）政府":      units.Government,
		"忻州经济开发区管委会":       units.Government,
		"市应急局":             units.Department,
		"市公安局交警支队":         units.Department,
		"市安委办":             units.Committee,
		"各安全生产专业委员会":       units.Class,
		"国家矿山安监局山西局监察执法四处": units.Agency,
		"忻州公路分局":           units.Agency,
		"武警忻州支队":           units.Military,
		"忻州军分区":            units.Military,
		"市有关部门":            units.Class,
		"负有安全监管职责的部门":      units.Class,
		"生态环境部":            units.Agency,
	} {
		if got := units.Classify(name, false); got != want {
			t.Errorf("Classify(%s) = %s, want %s", name, got, want)
		}
	}
	if got := units.Classify("发展改革委", true); got != units.Agency {
		t.Errorf("in a national notice 发展改革委 is a ministry, got %s", got)
	}
}

func TestRegistry(t *testing.T) {
	reg, err := units.LoadRegistry([]byte(`
units:
  - {name: 市发展改革委, aliases: [市发改委]}
groups:
  - name: 各县（市、区）政府
    members: [{name: 忻府区政府}, {name: 原平市政府}]
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := reg.Canonical("市发改委"); got != "市发展改革委" {
		t.Errorf("alias: %s", got)
	}
	if got := reg.Canonical("各县(市、区)政府"); got != "各县（市、区）政府" {
		t.Errorf("width folded: %s", got)
	}
	if got := fmt.Sprint(reg.Members("各县（市、区）政府"), reg.GroupsOf("原平市政府")); got != "[忻府区政府 原平市政府] [各县（市、区）政府]" {
		t.Errorf("group: %s", got)
	}
	for _, bad := range []string{"units: [{name: A局, kind: spaceship}]", "units: [{name: A局, aliases: [B局]}, {name: C局, aliases: [B局]}]", "colour: red", "units: [{name: A局"} {
		if _, err := units.LoadRegistry([]byte(bad)); err == nil {
			t.Errorf("registry %q: want an error", bad)
		}
	}
	if _, err := units.LoadRegistry([]byte("units:\n  - name: A局\n    kind: [x]\n")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("error should name the line: %v", err)
	}
}

func TestSlugs(t *testing.T) {
	got := units.Slugs([]string{"市应急局", "各县（市、区）政府", "../../etc", "市农机局", "市农技局"})
	want := map[string]string{"市应急局": "shi-ying-ji-ju", "各县（市、区）政府": "ge-xian-shi-qu-zheng-fu", "../../etc": "etc", "市农技局": "shi-nong-ji-ju", "市农机局": "shi-nong-ji-ju-2"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("slug of %s: %s, want %s", k, got[k], v)
		}
	}
}

// A line of units alone, as a flattened table's unit cell gives it, and
// lines that only look so.
func TestIsUnitLine(t *testing.T) {
	for in, want := range map[string]bool{
		"市应急管理局、市消防救援支队、市卫生健康局": true,
		"市应急管理局":         true,
		"区发改局区统计局":       true,
		"县农业农村局，各乡镇人民政府": true,
		"市应急管理局、市公安局等":   true,
		"梅州市人民政府":        false, // an issuer standing alone
		"南州市安全生产委员会办公室":  false,
		"各县（市、区）":        false,
		"加强组织领导":         false,
		"市应急管理局负责。":      false,
		"责任单位：市应急管理局":    false,
		"2024年3月6日":      false,
		"市应急管理局、市篮球协会":   false,
		"全面推进、重点突破":      false,
	} {
		if got := units.IsUnitLine(in); got != want {
			t.Errorf("IsUnitLine(%q) = %v, want %v", in, got, want)
		}
	}
}
