package notice_test

import (
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/units"
)

func parseCorpus(t *testing.T, prefix string) *notice.Notice {
	t.Helper()
	return parseFile(t, filepath.Join("corpus", prefix+"_*.txt"))
}

func task(t *testing.T, n *notice.Notice, id string) notice.Task {
	t.Helper()
	for _, x := range n.Tasks {
		if x.ID == id {
			return x
		}
	}
	t.Fatalf("%s: no task %s", n.Source, id)
	return notice.Task{}
}

// u writes units compactly for comparison: 名称/role, …
func u(list []units.Assignment) string {
	var parts []string
	for _, a := range list {
		parts = append(parts, a.Name+"/"+string(a.Role))
	}
	return strings.Join(parts, "、")
}

type want struct {
	id, textStart, units string
	subitem              int
}

func checkTasks(t *testing.T, n *notice.Notice, wants []want) {
	t.Helper()
	for _, w := range wants {
		got := task(t, n, w.id)
		if !strings.HasPrefix(got.Text, w.textStart) {
			t.Errorf("%s %s: text starts %q, want %q", n.Source, w.id, excerpt(got.Text), w.textStart)
		}
		if u(got.Units) != w.units {
			t.Errorf("%s %s: units\n got %s\nwant %s", n.Source, w.id, u(got.Units), w.units)
		}
		if got.Subitem != w.subitem {
			t.Errorf("%s %s: sub-item %d, want %d", n.Source, w.id, got.Subitem, w.subitem)
		}
	}
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20])
	}
	return s
}

func checkMeta(t *testing.T, n *notice.Notice, doc, issuer, title, date string, tasks int) {
	t.Helper()
	if n.DocNumber != doc || n.Issuer != issuer || n.Title != title || n.Date != date {
		t.Errorf("%s: metadata %q %q %q %q, want %q %q %q %q", n.Source, n.DocNumber, n.Issuer, n.Title, n.Date, doc, issuer, title, date)
	}
	if len(n.Tasks) != tasks {
		t.Errorf("%s: %d tasks, want %d", n.Source, len(n.Tasks), tasks)
	}
	ids := map[string]bool{}
	for _, x := range n.Tasks {
		if ids[x.ID] {
			t.Errorf("%s: task id %s twice", n.Source, x.ID)
		}
		ids[x.ID] = true
		if len(x.Units) == 0 {
			t.Errorf("%s: task %s has no unit", n.Source, x.ID)
		}
		if n.Item(x.Section, x.Item) == nil {
			t.Errorf("%s: task %s is in item %d-%d, which the notice lacks", n.Source, x.ID, x.Section, x.Item)
		}
	}
}

// The shipped notice: the appended table with merged cells, repeated
// cells at page breaks, five-cell rows and a footer glued to the end.
func TestXinzhou(t *testing.T) {
	n := parseCorpus(t, "00")
	checkMeta(t, n, "忻政发〔2024〕1号", "忻州市人民政府", "关于做好2024年安全生产工作的通知", "2024-02-23", 45)
	if got := strings.Join(n.CC, "，"); got != "市委办公室，市人大常委会办公室，市政协办公室，市中级法院，市检察院" {
		t.Errorf("cc: %s", got)
	}
	if n.PrintedBy != "忻州市人民政府办公室" || !strings.HasPrefix(n.Recipients, "各县（市、区）人民政府，忻州经济开发区管委会") {
		t.Errorf("printed by %q, recipients %q", n.PrintedBy, n.Recipients)
	}
	if len(n.Sections) != 7 || n.Sections[6].Title != "严格调查评估与检查考核，倒逼制度措施落实落细" {
		t.Errorf("sections: %d", len(n.Sections))
	}
	if it := n.Item(4, 18); it == nil || len(it.Subitems) != 5 || it.Subitems[0].Title != "森林草原火灾" || it.Subitems[0].Sep != "：" {
		t.Errorf("item 18: %+v", it)
	}
	const counties = "各县（市、区）政府/responsible、忻州经济开发区管委会/responsible、五台山风景名胜区管委会/responsible"
	checkTasks(t, n, []want{
		{"1-1-0-1", "各级各部门要全面落实习近平总书记", counties, 0},
		{"1-2-1-1", "严格党政领导责任。坚持党政同责", counties + "、市安委办/responsible", 1},
		// A five-cell row: the sub-item heading has a cell of its own.
		{"1-2-2-1", "要充分发挥市县安全生产专业委员会作用", "各县（市、区）政府/responsible、五台山风景名胜区管委会/responsible、各安全生产专业委员会/responsible", 2},
		// Merged cells under it: same sub-item, next row.
		{"1-2-2-2", "动态完善监管部门安全生产权责清单", counties + "、市级负有安全监管职责的部门/responsible", 2},
		{"1-2-2-3", "集中审批部门颁发相应许可证照后", counties + "、市行政审批局/responsible", 2},
		{"1-2-3-1", "压实企业主体责任。严格落实安全生产第一责任人责任", "负有安全监管职责的部门/supervise", 3},
		{"2-3-0-3", "严格矿山安全生产准入", "各相关县（市、区）政府/responsible、市能源局/responsible、市自然资源局/responsible、市应急局/responsible", 0},
		// The item repeated at a page break continues the item.
		{"3-12-0-2", "加强安全管理，强化日常检查", counties + "、市住建局/responsible、市公安局/responsible、市城管局/responsible、市自然资源局/responsible、市农业农村局/responsible、市应急局/responsible、市市场监管局/responsible、市行政审批局/responsible、市消防救援支队/responsible", 0},
		{"4-18-1-1", "森林草原火灾：深入开展重大火险隐患排查整治", "各县（市、区）政府/responsible、五台山风景名胜区管委会/responsible、市自然资源局/lead、市应急局/cooperate、市公安局/cooperate", 1},
		// An ASCII comma between units.
		{"5-19-0-1", "完善基层应急管理和消防组织体系", counties + "、市应急局/responsible、市消防救援支队/responsible", 0},
		{"5-20-0-2", "推动煤矿加强采掘智能化", "市应急局/supervise、市能源局/supervise、国家矿山安监局山西局监察执法四处/supervise", 0},
		{"6-23-0-1", "加强以综合性消防救援队伍", counties + "、市应急局/responsible、市消防救援支队/responsible、武警忻州支队/responsible、忻州军分区/responsible", 0},
		// 和 between two units, and the last row before the glued footer.
		{"7-30-0-1", "树立“严管就是厚爱”", counties + "、市有关部门/responsible、市安委办/responsible", 0},
	})
	// The two rows whose wording differs from the body keep both.
	for id, frag := range map[string]string{"6-25-0-1": "推动各级修订专项应急预案", "6-26-0-1": "强化应对准备，遇突发情况"} {
		x := task(t, n, id)
		if !strings.Contains(x.BodyText, frag) || x.Diff == "" {
			t.Errorf("%s: body text %q, diff %q; want the body's wording with %q", id, x.BodyText, x.Diff, frag)
		}
	}
	if len(n.Warnings) != 2 || n.Warnings[0].Line != 271 || n.Warnings[1].Line != 276 {
		t.Errorf("warnings: %+v", n.Warnings)
	}
}

// Parentheticals after (and inside) paragraphs, ASCII brackets, a
// standing rule (以下均需试点城市政府落实，不再列出) and a parenthetical
// remark that is not a duty.
func TestWufei(t *testing.T) {
	n := parseCorpus(t, "01")
	checkMeta(t, n, "国办发〔2018〕128号", "国务院办公厅", "国务院办公厅关于印发“无废城市”建设试点工作方案的通知", "2018-12-29", 39)
	const pilot = "试点城市政府/responsible"
	checkTasks(t, n, []want{
		{"2-1-0-1", "强化顶层设计引领，发挥政府宏观指导作用。建立", "生态环境部/lead、国家发展改革委/cooperate、工业和信息化部/cooperate、住房城乡建设部/cooperate、农业农村部/cooperate、国家统计局/cooperate", 0},
		{"2-1-0-2", "优化固体废物管理体制机制", "生态环境部/guide、" + pilot, 0},
		{"2-2-0-2", "开展绿色设计和绿色供应链建设", "工业和信息化部/guide、商务部/guide、生态环境部/guide、" + pilot, 0},
		// Mid-paragraph: the text after one parenthetical is the next task.
		{"2-2-0-3", "以铅酸蓄电池、动力电池", "国家发展改革委/guide、工业和信息化部/guide、生态环境部/guide、商务部/guide、市场监管总局/guide、" + pilot, 0},
		{"2-2-0-4", "健全标准体系", "市场监管总局/responsible、工业和信息化部/responsible、" + pilot, 0},
		// （垃圾焚烧企业依法依规…联网） is a remark inside the task text.
		{"2-4-0-5", "垃圾焚烧发电企业实施“装、树、联”（垃圾焚烧企业依法依规安装", "生态环境部/guide、" + pilot, 0},
		{"2-6-0-7", "加快建立有利于促进固体废物减量化", "国家发展改革委/guide、工业和信息化部/guide、住房城乡建设部/guide、市场监管总局/guide、国管局/guide、" + pilot, 0},
		{"2-6-0-8", "发展“互联网+”固体废物处理产业", "商务部/guide、供销合作总社/cooperate、" + pilot, 0},
	})
	if x := task(t, n, "2-6-0-8"); x.Units[2].Rule == "" {
		t.Errorf("the standing unit should say which rule added it")
	}
	if x := task(t, n, "2-1-0-2"); x.Units[1].Rule != "" {
		t.Errorf("the task that declares the rule names the unit itself")
	}
}

// 列第一位者为牵头单位，下同: the first unit leads, in this task and after.
func TestNongji(t *testing.T) {
	n := parseCorpus(t, "02")
	checkMeta(t, n, "国发〔2018〕42号", "国务院", "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "2018-12-21", 18)
	checkTasks(t, n, []want{
		{"2-3-0-1", "完善农机装备创新体系。瞄准农业机械化需求", "工业和信息化部/lead、发展改革委/responsible、科技部/responsible、农业农村部/responsible", 0},
		{"2-6-0-1", "加强农机装备质量可靠性建设", "市场监管总局/lead、工业和信息化部/responsible、发展改革委/responsible、农业农村部/responsible", 0},
		{"8-18-0-1", "健全组织实施机制", "农业农村部/lead、工业和信息化部/lead", 0},
		{"8-19-0-1", "强化地方政府责任", "各省级人民政府/responsible", 0},
	})
	if n.Item(2, 3) == nil || n.Item(8, 20) == nil {
		t.Errorf("items are numbered across the parts: （三） in 二, （二十） in 八")
	}
}

// Only an attachment table, cells joined by tabs, a letter-spaced header,
// a responsibility column named 指导部门, section rows spanning the row,
// and rows 15–20 removed before publication.
func TestChuangxin(t *testing.T) {
	n := parseCorpus(t, "03")
	checkMeta(t, n, "国办发〔2018〕126号", "国务院办公厅", "国务院办公厅关于推广第二批支持创新相关改革举措的通知", "2018-12-23", 17)
	checkTasks(t, n, []want{
		{"1-1-0-1", "整合分散的审判资源", "最高人民法院/guide、最高人民检察院/guide、国家知识产权局/guide", 0},
		{"1-3-0-2", "银行完善以专用风险管理制度", "中国银保监会/guide、科技部/guide、中国人民银行/guide", 0},
		{"1-5-0-3", "通过制定实施地方性法规", "国家发展改革委/guide、国务院国资委/guide、审计署/guide", 0},
	})
	var numbers []int
	for _, x := range n.Tasks {
		numbers = append(numbers, x.Number)
	}
	if got := strings.Trim(strings.Join(strings.Fields(strings.Trim(fmtInts(numbers), "[]")), ","), ","); got != "1,2,3,4,5,6,7,8,9,10,11,12,13,14,21,22,23" {
		t.Errorf("numbers %s", got)
	}
	first := task(t, n, "1-1-0-1")
	if first.Title != "知识产权民事、刑事、行政案件“三合一”审判" || len(first.Fields) != 1 || first.Fields[0].Name != "推广范围" || first.Fields[0].Value != "全国" {
		t.Errorf("title %q, fields %+v", first.Title, first.Fields)
	}
	found := false
	for _, w := range n.Warnings {
		if strings.Contains(w.Message, "写明共6项，实际列出0项") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a warning for the removed rows; got %+v", n.Warnings)
	}
}

func fmtInts(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(" ")
		b.WriteString(itoa(x))
	}
	return b.String()
}

func itoa(x int) string {
	if x == 0 {
		return "0"
	}
	var d []byte
	for x > 0 {
		d = append([]byte{byte('0' + x%10)}, d...)
		x /= 10
	}
	return string(d)
}

// Thirty top-level items, each a paragraph ending （X负责） or
// （X会同有关部门负责）; the closing words after them belong to no item.
func TestZhenzhua(t *testing.T) {
	n := parseCorpus(t, "08")
	checkMeta(t, n, "国办发〔2018〕117号", "国务院办公厅", "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知", "2018-12-06", 30)
	checkTasks(t, n, []want{
		{"0-1-0-1", "对深化商事制度改革成效显著", "市场监管总局/responsible", 0},
		{"0-16-0-1", "对大力培育发展战略性新兴产业", "国家发展改革委/responsible、有关部门/cooperate", 0},
		{"0-18-0-1", "对培育壮大接续替代产业", "国家发展改革委/responsible、财政部/responsible、有关部门/cooperate", 0},
		{"0-30-0-1", "对落实有关重大政策措施成效明显", "国务院办公厅/responsible", 0},
	})
	for i, x := range n.Tasks {
		if x.Item != i+1 {
			t.Errorf("task %d is item %d", i, x.Item)
		}
	}
	if len(n.Closing) != 3 || !strings.HasPrefix(n.Closing[2], "自本通知印发之日起") {
		t.Errorf("closing: %q", n.Closing)
	}
}

// ---- the second set: layouts offices copy (corpus README, 20–30) ----

// checkCount requires the number of duty-bearing tasks a careful reader
// counts, unique ids, and no unit that holds a rule's words.
func checkCount(t *testing.T, n *notice.Notice, want int) {
	t.Helper()
	got := 0
	ids := map[string]bool{}
	for _, x := range n.Tasks {
		if len(x.Units) > 0 {
			got++
		}
		if ids[x.ID] {
			t.Errorf("%s: task id %s twice", n.Source, x.ID)
		}
		ids[x.ID] = true
		for _, a := range x.Units {
			if a.Name == "单位" || strings.ContainsAny(a.Name, "：") || strings.Contains(a.Name, "下同") || strings.Contains(a.Name, "第一位") || strings.Contains(a.Name, "不再") || strings.Contains(a.Name, "适用范围") || strings.Contains(a.Name, "领导") {
				t.Errorf("%s %s: unit %q", n.Source, x.ID, a.Name)
			}
		}
	}
	if got != want || len(n.Tasks) != want {
		t.Errorf("%s: %d tasks, %d with units; a reader counts %d", n.Source, len(n.Tasks), got, want)
	}
}

func field(x notice.Task, name string) string {
	for _, f := range x.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// （负责部门：X、Y；适用范围：Z） after each of 53 items: 适用范围 is a field.
func TestZimaoqu(t *testing.T) {
	n := parseCorpus(t, "20")
	checkMeta(t, n, "国发〔2018〕38号", "国务院", "国务院关于支持自由贸易试验区深化改革创新若干措施的通知", "2018-11-07", 53)
	checkCount(t, n, 53)
	checkTasks(t, n, []want{
		{"1-1-0-1", "借鉴北京市服务业扩大开放综合试点经验", "人力资源社会保障部/responsible、住房城乡建设部/responsible、商务部/responsible", 0},
		{"1-16-0-1", "加强顶层设计，在自贸试验区探索创新政府储备", "发展改革委/responsible、粮食和储备局/responsible", 0},
		{"2-18-0-1", "支持有条件的自贸试验区研究和探索", "商务部/responsible、银保监会/responsible、铁路局/responsible、中国铁路总公司/responsible", 0},
		{"4-53-0-1", "支持自贸试验区开展非标准就业形式", "人力资源社会保障部/responsible", 0},
	})
	if got := field(task(t, n, "1-16-0-1"), "适用范围"); got != "浙江自贸试验区" {
		t.Errorf("适用范围 %q", got)
	}
	if s := n.Section(5); s == nil || len(s.Items) != 0 || !strings.HasPrefix(s.Text, "坚持党的领导") {
		t.Errorf("section 五 is text: %+v", s)
	}
}

// Up to three （X负责） in one item; the closing paragraph is no item's.
func TestTiyu(t *testing.T) {
	n := parseCorpus(t, "21")
	checkMeta(t, n, "国办发〔2018〕121号", "国务院办公厅", "国务院办公厅关于加快发展体育竞赛表演产业的指导意见", "2018-12-11", 21)
	checkCount(t, n, 21)
	checkTasks(t, n, []want{
		{"3-10-0-1", "鼓励创新创业。大力推进商事制度改革", "市场监管总局/responsible", 0},
		{"3-10-0-2", "加强体育产业创新创业教育服务", "体育总局/responsible、教育部/responsible", 0},
		{"3-10-0-3", "重视和鼓励新型转播技术", "体育总局/responsible、网信办/responsible、科技部/responsible、工业和信息化部/responsible", 0},
		{"5-19-0-1", "完善相关投入机制。", "体育总局/responsible、人民银行/responsible、银保监会/responsible、证监会/responsible、财政部/responsible", 0},
	})
	if len(n.Closing) != 1 || !strings.HasPrefix(n.Closing[0], "各地区、各有关部门要充分认识") {
		t.Errorf("closing %q", n.Closing)
	}
	if it := n.Item(5, 19); it == nil || strings.Contains(it.Text, "各地区、各有关部门要") {
		t.Errorf("the closing words are not part of item （十九）")
	}
}

// 列第一位者为牵头单位，下同; 等有关部门和单位; 各有关部门和单位 as one unit.
func TestJiuye(t *testing.T) {
	n := parseCorpus(t, "22")
	checkMeta(t, n, "国发〔2018〕39号", "国务院", "国务院关于做好当前和今后一个时期促进就业工作的若干意见", "2018-11-16", 15)
	checkCount(t, n, 15)
	checkTasks(t, n, []want{
		{"1-1-0-1", "加大稳岗支持力度。", "人力资源社会保障部/lead、财政部/responsible", 0},
		{"2-5-0-1", "扩大就业见习补贴范围。", "人力资源社会保障部/responsible", 0},
		{"3-7-0-1", "开展失业人员培训。", "人力资源社会保障部/lead、财政部/responsible、教育部/responsible", 0},
		{"4-11-0-1", "保障困难群众基本生活。", "财政部/lead、人力资源社会保障部/responsible、民政部/responsible", 0},
		{"5-12-0-1", "落实地方政府主体责任。", "各省级人民政府/responsible", 0},
		{"5-13-0-1", "明确部门组织协调责任。", "各有关部门和单位/responsible", 0},
	})
	if len(n.Closing) != 1 || !strings.HasPrefix(n.Closing[0], "从工业企业结构调整专项奖补资金") {
		t.Errorf("closing %q", n.Closing)
	}
}

// A plan numbered 1 / 1.1 / 2.1.3 with a table of contents; the duties of
// 2.1.3 are written unit first.
func TestLiangshiYuan(t *testing.T) {
	n := parseCorpus(t, "23")
	checkMeta(t, n, "国办函〔2005〕57号", "国务院办公厅", "国务院办公厅关于印发国家粮食应急预案的函", "2005-06-11", 13)
	checkCount(t, n, 13)
	checkTasks(t, n, []want{
		{"2-1-3-1", "国家发展改革委及国家粮食局负责应急工作的综合协调", "国家发展改革委/responsible、国家粮食局/responsible", 3},
		{"2-1-3-2", "国家发展改革委及国家粮食局、商务部按照", "国家发展改革委/responsible、国家粮食局/responsible、商务部/responsible", 3},
		{"2-1-3-3", "公安部负责维护粮食供应场所的治安秩序", "公安部/responsible", 3},
		{"2-1-3-5", "铁道部、交通部负责", "铁道部/responsible、交通部/responsible", 3},
		{"2-1-3-10", "国务院新闻办会同国家发展改革委", "国务院新闻办/responsible、国家发展改革委/cooperate", 3},
		{"2-1-3-13", "其他有关部门在指挥部的统一领导下", "其他有关部门/cooperate", 3},
	})
	if len(n.Sections) != 7 || n.Sections[1].Label != "2" || n.Sections[1].Title != "组织机构和职责" {
		t.Errorf("sections: %d, %+v", len(n.Sections), n.Sections[1])
	}
	it := n.Item(2, 1)
	if it == nil || it.Label != "2.1" || len(it.Subitems) != 3 || it.Subitems[2].Label != "2.1.3" {
		t.Fatalf("item 2.1: %+v", it)
	}
	// The table of contents is dropped, not read as a first part.
	for _, s := range n.Preamble {
		if strings.HasPrefix(s, "1.1") || strings.HasPrefix(s, "目") {
			t.Errorf("contents in the preamble: %q", s)
		}
	}
}

// No duty: 牵头 only in prose, a member list.
func TestLianxiHuiyi(t *testing.T) {
	n := parseCorpus(t, "24")
	checkMeta(t, n, "国函〔2018〕144号", "国务院", "国务院关于同意建立国务院职业教育工作部际联席会议制度的批复", "2018-11-20", 0)
	if n.Recipients != "教育部" {
		t.Errorf("recipients %q", n.Recipients)
	}
}

// Three label lines a task: a leader (a person, kept as a field), the
// lead units, the cooperating units; a page header with 【…】.
func TestChuzhou(t *testing.T) {
	n := parseCorpus(t, "25")
	checkCount(t, n, 3)
	if n.Title != "滁州市人民政府关于2020年市政府重点工作及责任分解的通知" || n.Issuer != "滁州市人民政府" || n.Date != "" || n.PublishDate != "2020-02-03" {
		t.Errorf("header %q %q %q 发布 %q", n.Title, n.Issuer, n.Date, n.PublishDate)
	}
	const others = "滁州经开区管委会/cooperate、中新苏滁高新区管委会/cooperate、各县、市、区政府/cooperate"
	checkTasks(t, n, []want{
		{"1-1-0-1", "地区生产总值增长8%以上。", "市发展改革委/lead、市经信局/cooperate、市商务局/cooperate、市交通局/cooperate、市农业农村局/cooperate、" + others, 0},
		{"1-2-0-1", "财政收入增长8%左右。", "市财政局/lead、市税务局/cooperate、滁州海关/cooperate、市人行/cooperate、" + others, 0},
		{"1-3-0-1", "固定资产投资增长10%以上。", "市发展改革委/lead、市经信局/cooperate、市住建局/cooperate、市交通局/cooperate、市水利局/cooperate、" + others, 0},
	})
	if got := field(task(t, n, "1-2-0-1"), "牵头负责领导"); got != "金力" {
		t.Errorf("leader %q", got)
	}
}

// A metadata list, a signed cover letter, then the plan: sections per
// leader, 1. directly under 一、, 责任单位： lines, a rule in brackets.
func TestHaishu(t *testing.T) {
	n := parseCorpus(t, "26")
	checkCount(t, n, 5)
	if n.DocNumber != "海政办发〔2023〕2号" || n.Issuer != "宁波市海曙区人民政府办公室" || n.Date != "2023-02-10" || strings.Contains(n.Title, "索") {
		t.Errorf("header %q %q %q %q", n.DocNumber, n.Issuer, n.Date, n.Title)
	}
	checkTasks(t, n, []want{
		{"1-1-0-1", "一般公共预算收入增长6%。", "区财政局/responsible", 0},
		{"2-1-0-1", "提高国家级临空经济示范区能级", "经济投资局/lead、航空口岸局/lead、区发改局/responsible", 0},
		{"3-2-0-1", "完成上级下达的能源和环境指标计划目标。", "区发改局/lead、海曙生态环境分局/responsible", 0},
		{"3-3-0-1", "城乡居民人均可支配收入", "区发改局/lead、区人力社保局/responsible、区农业农村局/responsible", 0},
	})
}

func TestWuhu(t *testing.T) {
	n := parseCorpus(t, "27")
	checkCount(t, n, 1)
	checkTasks(t, n, []want{
		{"1-1-0-1", "地区生产总值比上年增长8.5%左右。", "市发展和改革委员会/lead、市政府各部门/cooperate、各直属单位/cooperate", 0},
	})
	// The leader's name is also a city's: a field, never a unit.
	if got := field(task(t, n, "1-1-0-1"), "牵头负责领导"); got != "宁波" {
		t.Errorf("leader %q", got)
	}
}

func TestXuchang(t *testing.T) {
	n := parseCorpus(t, "28")
	checkCount(t, n, 2)
	if n.DocNumber != "许政 [2020] 20号" {
		t.Errorf("doc number %q", n.DocNumber)
	}
	checkTasks(t, n, []want{
		{"1-2-0-1", "坚持必要的人员管控和健康监测措施", "市疫情防控指挥部办公室/responsible、市卫生健康委/responsible、各县（市、区）政府（管委会）/responsible", 0},
	})
}

// A standing rule naming two units in another wording.
func TestHuaian(t *testing.T) {
	n := parseCorpus(t, "29")
	checkCount(t, n, 2)
	checkTasks(t, n, []want{
		{"1-1-0-1", "积极争取省级专项资金", "市工信局/responsible、市财政局/responsible、各县区人民政府/responsible、园区管委会/responsible", 0},
		{"1-2-0-1", "成立“智改数转”工作专班", "市工信局/responsible、市财政局/responsible、各县区人民政府/responsible、园区管委会/responsible", 0},
	})
	if x := task(t, n, "1-2-0-1"); x.Units[2].Rule == "" || x.Units[0].Rule != "" {
		t.Errorf("the standing units say which rule added them: %+v", x.Units)
	}
	if n.Title != "关于进一步帮助市场主体纾困解难着力稳定经济增长的具体实施细则" {
		t.Errorf("title %q", n.Title)
	}
}

// Sub-items numbered on across （一）/（二）; the heading of （二） is no
// part of sub-item 3's task.
func TestXiaoshan(t *testing.T) {
	n := parseCorpus(t, "30")
	checkCount(t, n, 3)
	checkTasks(t, n, []want{
		{"1-1-1-1", "培育世界级先进制造业集群。", "区经信局/lead", 1},
		{"1-1-2-1", "做强优势产业链。", "区经信局/lead", 2},
		{"1-2-3-1", "支持产业数字化示范。", "区经信局/lead", 3},
	})
	for _, w := range n.Warnings {
		if strings.Contains(w.Message, "下的第3项紧接在") {
			t.Errorf("sub-items numbered on are no gap: %s", w.Message)
		}
	}
}
