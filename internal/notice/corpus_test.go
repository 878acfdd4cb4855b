package notice_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/units"
)

func parseCorpus(t *testing.T, prefix string) *notice.Notice {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", prefix+"_*.txt"))
	if len(files) != 1 {
		t.Fatalf("corpus file %s_*: found %d", prefix, len(files))
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
		if strings.Contains(w.Message, "announces 6 tasks but lists 0") {
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
