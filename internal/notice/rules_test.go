package notice_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/notice"
)

// The rules of the genre, each tried on several documents: the corpus
// (20–30) and the constructed notices of testdata/genre, which reuse the
// corpus's texts in the other layouts offices use.

func parseFile(t *testing.T, pattern string) *notice.Notice {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", pattern))
	if len(files) != 1 {
		t.Fatalf("%s: %d files", pattern, len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Parse(data, filepath.Base(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sectionLabels(n *notice.Notice) string {
	var out []string
	for _, s := range n.Sections {
		out = append(out, s.Label+s.Title)
	}
	return strings.Join(out, "|")
}

func hasPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// Rule 1: a cover notice with its own 一、二、 and the plan it sends: the
// plan's sections are the notice's, the cover's paragraphs its preamble;
// with a signature between, the attachments' heading, or nothing but the
// numbering starting again.
func TestCoverAndPlan(t *testing.T) {
	for _, c := range []struct {
		file, sections, cover string
	}{
		{"genre/s14_*.txt", "一、叶枝利区长牵头重点工作|二、徐洪涛常务副区长牵头重点工作", "一、提高思想认识"},
		{"genre/s15_*.txt", "一、丰富赛事活动，完善赛事体系|二、壮大市场主体，优化市场环境", "二、抓好督促落实"},
		{"genre/s16_*.txt", "一、抓好常态化疫情防控，全面恢复生产生活秩序|二、扎实做好“六稳”工作", "一、各责任单位要尽快制定"},
		{"corpus/26_*.txt", "一、叶枝利区长牵头重点工作|二、张盈军区政府党组成员牵头重点工作|三、徐洪涛常务副区长牵头重点工作", "《2023年政府工作报告重点工作责任分解》"},
	} {
		n := parseFile(t, c.file)
		if got := sectionLabels(n); got != c.sections {
			t.Errorf("%s: sections %s\nwant %s", n.Source, got, c.sections)
		}
		if !hasPrefix(n.Preamble, c.cover) {
			t.Errorf("%s: the cover's text %q is not in the preamble %q", n.Source, c.cover, n.Preamble)
		}
		for _, w := range n.Warnings {
			if strings.Contains(w.Message, "出现两次") || strings.Contains(w.Message, "编号在此重新开始") {
				t.Errorf("%s: %s", n.Source, w.Message)
			}
		}
	}
}

// Rule 1, the other side: two parts that both assign duties keep both,
// the second numbered on, with a warning that names the line.
func TestTwoPartsWithDuties(t *testing.T) {
	text := "关于做好两项工作的通知\n忻政发〔2024〕9号\n各县（市、区）人民政府：\n" +
		"一、加强组织领导\n（一）健全工作机制。（市应急局负责）\n二、强化督导\n（二）开展督查。（市政府督查室负责）\n" +
		"一、做好宣传\n（一）加强舆论引导。（市委宣传部负责）\n"
	n := parseText(t, text)
	if got := sectionLabels(n); got != "一、加强组织领导|二、强化督导|一、做好宣传" {
		t.Fatalf("sections %s", got)
	}
	if n.Sections[2].Number != 3 || task(t, n, "3-1-0-1").Units[0].Name != "市委宣传部" {
		t.Errorf("the second part is numbered on: %+v", n.Sections[2])
	}
	found := false
	for _, w := range n.Warnings {
		found = found || (w.Line == 8 && strings.Contains(w.Message, "编号在此重新开始"))
	}
	if !found {
		t.Errorf("no warning on line 8: %+v", n.Warnings)
	}
}

// Rule 5: a portal page's metadata in any layout, and none of it in the
// title; the day the page went up is the publish date, never 成文日期.
func TestPageHeaders(t *testing.T) {
	for _, c := range []struct {
		file, doc, issuer, title, date, published string
	}{
		{"genre/s17_*.txt", "国发〔2018〕38号", "国务院", "国务院关于支持自由贸易试验区深化改革创新若干措施的通知", "2018-11-07", "2018-11-23"},
		{"corpus/25_*.txt", "", "滁州市人民政府", "滁州市人民政府关于2020年市政府重点工作及责任分解的通知", "", "2020-02-03"},
		{"corpus/26_*.txt", "海政办发〔2023〕2号", "宁波市海曙区人民政府办公室", "2023年政府工作报告重点工作责任分解", "2023-02-10", ""},
		{"corpus/27_*.txt", "", "芜湖市人民政府", "芜湖市人民政府关于2021年重点工作及责任分解的通知", "", "2021-04-01"},
		{"corpus/28_*.txt", "许政 [2020] 20号", "", "", "", ""},
		{"corpus/29_*.txt", "", "", "关于进一步帮助市场主体纾困解难着力稳定经济增长的具体实施细则", "", ""},
	} {
		n := parseFile(t, c.file)
		if n.DocNumber != c.doc || n.Issuer != c.issuer || n.Title != c.title || n.Date != c.date || n.PublishDate != c.published {
			t.Errorf("%s: header %q %q %q %q 发布 %q\n want %q %q %q %q 发布 %q", n.Source, n.DocNumber, n.Issuer, n.Title, n.Date, n.PublishDate, c.doc, c.issuer, c.title, c.date, c.published)
		}
		for _, p := range n.Preamble {
			if strings.Contains(p, "索") && strings.Contains(p, "引") || strings.Contains(p, "字体") || strings.Contains(p, "发布时间") {
				t.Errorf("%s: page furniture in the preamble: %q", n.Source, p)
			}
		}
	}
}

// Rule 6: numbering as it really runs — items through sections, sub-items
// through items, 1. directly under 一、, （1） and ① below 1., 1 / 1.1 /
// 2.1.3, 第一部分 above 一、 — and a closing paragraph belongs to no item.
func TestNumbering(t *testing.T) {
	for _, c := range []struct {
		file    string
		item    [2]int
		label   string
		subs    string
		closing string
	}{
		{"corpus/20_*.txt", [2]int{2, 17}, "（十七）", "", ""},
		{"corpus/26_*.txt", [2]int{3, 2}, "2.", "", ""},
		{"corpus/30_*.txt", [2]int{1, 2}, "（二）", "3.", ""},
		{"corpus/23_*.txt", [2]int{2, 1}, "2.1", "2.1.1|2.1.2|2.1.3", ""},
		{"corpus/21_*.txt", [2]int{5, 19}, "（十九）", "", "各地区、各有关部门要充分认识"},
		{"genre/s18_*.txt", [2]int{1, 1}, "（一）", "1.|2.", "各地区、各部门要把稳就业"},
		{"genre/s21_*.txt", [2]int{2, 1}, "一、", "（一）|（二）", ""},
	} {
		n := parseFile(t, c.file)
		it := n.Item(c.item[0], c.item[1])
		if it == nil {
			t.Errorf("%s: no item %v", n.Source, c.item)
			continue
		}
		var subs []string
		for _, s := range it.Subitems {
			subs = append(subs, s.Label)
		}
		if it.Label != c.label || strings.Join(subs, "|") != c.subs {
			t.Errorf("%s: item %v is %q with sub-items %q; want %q with %q", n.Source, c.item, it.Label, subs, c.label, c.subs)
		}
		if c.closing != "" && (!hasPrefix(n.Closing, c.closing) || strings.Contains(it.Text+strings.Join(subs, ""), c.closing)) {
			t.Errorf("%s: closing %q", n.Source, n.Closing)
		}
		for _, w := range n.Warnings {
			if strings.Contains(w.Message, "紧接在") {
				t.Errorf("%s: %s", n.Source, w.Message)
			}
		}
	}
}

// Rule 8: no duty is invented — 牵头 in prose, a member list, a remark in
// brackets.
func TestNoDutyInvented(t *testing.T) {
	for _, file := range []string{"corpus/24_*.txt", "genre/s22_*.txt", "genre/s05_*.txt"} {
		if n := parseFile(t, file); len(n.Tasks) != 0 {
			t.Errorf("%s: %d tasks, want none: %+v", n.Source, len(n.Tasks), n.Tasks[0])
		}
	}
}

// Rule 2: every way a duty is stated gives the same units and roles.
func TestDutyStatements(t *testing.T) {
	const head = "关于做好工作的通知\n忻政发〔2024〕9号\n各县（市、区）人民政府：\n一、重点任务\n"
	for _, c := range []struct{ name, body, want string }{
		{"parenthetical with 负责部门 and 适用范围", "（一）支持开展试点。（负责部门：商务部、海关总署；适用范围：所有自贸试验区）", "商务部/responsible、海关总署/responsible"},
		{"three label lines", "（一）地区生产总值增长8%以上。\n牵头负责领导：金力。\n牵头责任单位：市发展改革委。\n协同责任单位：市经信局、市商务局等，各县、市、区政府。", "市发展改革委/lead、市经信局/cooperate、市商务局/cooperate、各县、市、区政府/cooperate"},
		{"责任单位 line under 1.", "1.一般公共预算收入增长6%。\n责任单位：区财政局、区税务局", "区财政局/responsible、区税务局/responsible"},
		{"牵头单位 and 责任单位 in one parenthetical", "（一）推进改革。（牵头单位：市发展改革委；责任单位：市财政局、市商务局）", "市发展改革委/lead、市财政局/responsible、市商务局/responsible"},
		{"A和B分别牵头", "1.打造航空物流枢纽。\n责任单位：经济投资局和航空口岸局分别牵头、区发改局", "经济投资局/lead、航空口岸局/lead、区发改局/responsible"},
		{"label after the sentence on its line", "（一）推进改革。责任单位：市发展改革委、市财政局", "市发展改革委/responsible、市财政局/responsible"},
		{"【】 labels", "（一）推进改革。\n【牵头单位】市发展改革委\n【配合单位】市财政局", "市发展改革委/lead、市财政局/cooperate"},
		{"labels on one line set apart by spaces", "（一）推进改革。\n牵头单位：市发展改革委  配合单位：市财政局", "市发展改革委/lead、市财政局/cooperate"},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := parseText(t, head+c.body+"\n")
			if len(n.Tasks) != 1 {
				t.Fatalf("%d tasks: %+v", len(n.Tasks), n.Tasks)
			}
			if got := u(n.Tasks[0].Units); got != c.want {
				t.Errorf("units %s\nwant %s", got, c.want)
			}
			for _, f := range n.Tasks[0].Fields {
				if f.Name == "牵头负责领导" && f.Value != "金力" {
					t.Errorf("leader %q", f.Value)
				}
			}
		})
	}
}

// Rule 7: deadlines, from a label, a column, a clause among the units, or
// the end of the text.
func TestDeadlines(t *testing.T) {
	const head = "关于做好工作的通知\n忻政发〔2024〕9号\n各县（市、区）人民政府：\n一、重点任务\n"
	for _, c := range []struct{ body, text, date string }{
		{"（一）推进改革。\n责任单位：市发展改革委\n完成时限：2024年6月底前", "2024年6月底前", "2024-06-30"},
		{"（一）推进改革。（市发展改革委负责，2024年11月底前完成）", "2024年11月底前完成", "2024-11-30"},
		{"（一）推进改革，2024年底前完成。（市发展改革委负责）", "2024年底前完成", "2024-12-31"},
		{"（一）推进改革，长期坚持。（市发展改革委负责）", "长期坚持", ""},
		{"（一）推进改革（2025年第一季度）。（市发展改革委负责）", "2025年第一季度", "2025-03-31"},
		{"（一）推进改革，2024年6月15日前完成。（市发展改革委负责）", "2024年6月15日前完成", "2024-06-15"},
		{"（一）推进改革。（市发展改革委负责）", "", ""},
	} {
		n := parseText(t, head+c.body+"\n")
		if len(n.Tasks) != 1 {
			t.Fatalf("%q: %d tasks", c.body, len(n.Tasks))
		}
		d := n.Tasks[0].Deadline
		switch {
		case c.text == "" && d != nil:
			t.Errorf("%q: deadline %+v, want none", c.body, d)
		case c.text != "" && (d == nil || d.Text != c.text || d.Date != c.date):
			t.Errorf("%q: deadline %+v, want %s %s", c.body, d, c.text, c.date)
		}
	}
}

// The clause after the roles of a duty in a meeting report says when it
// is due, also when it opens with 在 or goes on with what is done by then.
func TestDeadlinesAfterRoles(t *testing.T) {
	// The meeting of testdata/genre/s64, its first duty's time varied.
	const head = "宁远市召开2024年重点项目建设调度会\n5月8日，市政府召开重点项目建设调度会，副市长李红出席会议并讲话。\n会议听取了市直有关部门工作情况汇报，研究部署下一步工作。会议明确：为完成城西片区土地收储工作，会议要求，由市发改委牵头，市财政局、市自然资源局配合，"
	const rest = "；为加快城南污水处理厂建设，由市住建局牵头，市生态环境局配合，9月底前投入试运行；高铁站前广场改造，由市城管局负责，市交通运输局配合，年底前完成；为保障项目用工，会议强调，经研究，由市人社局负责，各县（市、区）人民政府配合，持续开展。\n会议要求，各责任单位要强化责任担当，确保按时完成任务。\n"
	for _, c := range []struct{ clause, text, date string }{
		{"在6月底前完成", "6月底前完成", ""},
		{"2024年6月底前完成", "2024年6月底前完成", "2024-06-30"},
		{"9月底前投入试运行", "9月底前", ""},
		// The parts of a month a deadline label knows (初 too).
		{"10月初前投入试运行", "10月初前", ""},
		{"10月上旬前投入试运行", "10月上旬前", ""},
		{"于2025年第一季度前建成投用", "2025年第一季度前", "2025-03-31"},
		{"在2024年底前全面完成", "2024年底前全面完成", "2024-12-31"},
		{"年内完成", "年内完成", ""},
		// A time without 前 or 内 before an action sets no limit.
		{"6月底召开推进会", "", ""},
		{"加快推进", "", ""},
	} {
		n := parseText(t, head+c.clause+rest)
		if len(n.Tasks) != 4 {
			t.Fatalf("%q: %d tasks", c.clause, len(n.Tasks))
		}
		d := n.Tasks[0].Deadline
		switch {
		case c.text == "" && d != nil:
			t.Errorf("%q: deadline %+v, want none", c.clause, d)
		case c.text != "" && (d == nil || d.Text != c.text || d.Date != c.date):
			t.Errorf("%q: deadline %+v, want %s %s", c.clause, d, c.text, c.date)
		}
	}
}

// A heading numbered twice is counted on past the highest number so far,
// never onto a number taken (a regression the fuzz target found: （一）
// （三）（二）（三） gave two items （三）).
func TestRepeatedNumbers(t *testing.T) {
	n := parseText(t, "关于做好工作的通知\n忻政发〔2024〕9号\n各县（市、区）人民政府：\n一、总则\n（一）甲。（市应急局负责）\n（三）乙。（市应急局负责）\n（二）丙。（市应急局负责）\n（三）丁。（市应急局负责）\n")
	var got []string
	for _, it := range n.Sections[0].Items {
		got = append(got, it.Label+itoa(it.Number))
	}
	if strings.Join(got, " ") != "（一）1 （三）3 （二）2 （三）4" {
		t.Errorf("items %v", got)
	}
}

// A deadline after text that names no unit, in brackets or on a label
// line: the editor is told which text under which heading was not made a
// task, and what was dropped.
func TestFieldsWithoutUnitNamed(t *testing.T) {
	cases := []struct{ name, item, want string }{
		{"in brackets", "（一）抓好粮食生产。稳定全区粮食播种面积，确保总产量不减。（完成时限：6月底前）\n",
			"（一）中的“抓好粮食生产。稳定全区粮食播种面积，确保…”没有写出单位，未列为任务；其后的（完成时限：6月底前）已略去"},
		{"on a label line", "（一）抓好粮食生产。稳定播种面积。\n完成时限：6月底前\n",
			"（一）中的“抓好粮食生产。稳定播种面积。”没有写出单位，未列为任务；其后的“完成时限：6月底前”已略去"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := parseText(t, "关于做好春耕生产的通知\n忻政发〔2024〕9号\n各镇人民政府：\n一、重点任务\n"+
				c.item+"（二）推进农田建设。建成高标准农田。（牵头单位：区农业农村局）\n")
			if len(n.Tasks) != 1 || n.Tasks[0].Item != 2 {
				t.Fatalf("tasks %+v", n.Tasks)
			}
			for _, w := range n.Warnings {
				if w.Line == 5 && w.Message == c.want {
					return
				}
			}
			t.Errorf("no warning %q on line 5: %+v", c.want, n.Warnings)
		})
	}
}
