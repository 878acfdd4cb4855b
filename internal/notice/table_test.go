package notice_test

import (
	"fmt"
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/source"
)

// The duties of corpus 25 (滁州, 2020), as an office would lay them out in
// a responsibility table: 序号, 重点任务, 牵头单位, 配合单位, 完成时限. The
// third row's 牵头单位 is the second's, so a table may merge the two cells.
var dutyRows = [][]string{
	{"1", "地区生产总值增长8%以上。", "市发展改革委", "市经信局、市商务局、市交通局、滁州经开区管委会等，各县、市、区政府", "2020年12月底前"},
	{"2", "财政收入增长8%左右。", "市财政局", "市税务局、滁州海关、市人行", "2020年12月底前"},
	{"3", "固定资产投资增长10%以上。", "市财政局", "市经信局、市住建局、市交通局、市水利局", "长期坚持"},
}

var dutyHeader = []string{"序号", "重点任务", "牵头单位", "配合单位", "完成时限"}

// wantDuties is what every shape of the table must give.
const wantDuties = `地区生产总值增长8%以上。 | 市发展改革委/lead、市经信局/cooperate、市商务局/cooperate、市交通局/cooperate、滁州经开区管委会/cooperate、各县、市、区政府/cooperate | 2020年12月底前
财政收入增长8%左右。 | 市财政局/lead、市税务局/cooperate、滁州海关/cooperate、市人行/cooperate | 2020年12月底前
固定资产投资增长10%以上。 | 市财政局/lead、市经信局/cooperate、市住建局/cooperate、市交通局/cooperate、市水利局/cooperate | 长期坚持
`

const tableNoticeHead = "滁州市人民政府办公室\n关于印发2020年重点工作任务分工的通知\n滁政办〔2020〕5号\n各县、市、区人民政府，市政府各部门：\n现将2020年重点工作任务分工印发给你们，请认真贯彻落实。\n滁州市人民政府办公室\n2020年2月3日\n附件\n2020年重点工作任务分工表\n"

func duties(n *notice.Notice) string {
	var b strings.Builder
	for _, x := range n.Tasks {
		d := ""
		if x.Deadline != nil {
			d = x.Deadline.Text
		}
		fmt.Fprintf(&b, "%s | %s | %s\n", strings.ReplaceAll(x.Text, "\n", ""), u(x.Units), d)
	}
	return b.String()
}

func parseText(t *testing.T, text string) *notice.Notice {
	t.Helper()
	n, err := notice.Parse([]byte(text), "table.txt")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// rowsWith returns the duty rows, the third row's cell j emptied (as a
// text copy of a merged cell leaves it).
func rowsWith(emptied int) [][]string {
	out := make([][]string, len(dutyRows))
	for i, r := range dutyRows {
		out[i] = append([]string{}, r...)
	}
	if emptied >= 0 {
		out[2][emptied] = ""
	}
	return out
}

func tabJoined(header []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString(strings.Join(header, "\t") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

func tabLed(header []string, rows [][]string) string {
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for _, c := range r {
			b.WriteString("\t" + c + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func cellPerLine(header []string, rows [][]string) string {
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for _, c := range r {
			b.WriteString(c + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Rule 4 and 1–3: the same duties in every shape give the same tasks.
func TestTableShapes(t *testing.T) {
	reordered := func() string {
		// Columns in another order and wording: 编号 last, 参与单位 before
		// 牵头部门, 时间节点 for the deadline.
		var b strings.Builder
		b.WriteString("工作任务\t参与单位\t牵头部门\t时间节点\t编号\n")
		for _, r := range dutyRows {
			b.WriteString(strings.Join([]string{r[1], r[3], r[2], r[4], r[0]}, "\t") + "\n")
		}
		return b.String()
	}
	wrapped := func() string {
		s := tabJoined(dutyHeader, rowsWith(-1))
		// The task cell of row 1 wrapped onto a line of its own.
		return strings.Replace(s, "地区生产总值增长8%以上。", "地区生产总值\n增长8%以上。", 1)
	}
	pageBreak := func(shape func([]string, [][]string) string) string {
		rows := rowsWith(-1)
		return shape(dutyHeader, rows[:2]) + shape(dutyHeader, rows[2:])
	}
	for _, c := range []struct{ name, table string }{
		{"tab-joined rows", tabJoined(dutyHeader, rowsWith(-1))},
		{"tab-led cells, blank line between rows", tabLed(dutyHeader, rowsWith(-1))},
		{"one cell per line without tabs", cellPerLine(dutyHeader, rowsWith(-1))},
		{"wrapped task cell", wrapped()},
		{"header repeated at a page break, tab-joined", pageBreak(tabJoined)},
		{"header repeated at a page break, tab-led", pageBreak(tabLed)},
		{"header over two rows", "序号\t重点任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\t\n" + tabJoined(nil, rowsWith(-1))[1:]},
		{"header cell wrapped onto the next line", strings.Replace(tabJoined(dutyHeader, rowsWith(-1)), "重点任务", "重点\n任务", 1)},
		{"letter-spaced header", tabJoined([]string{"序　号", "重 点 任 务", "牵头单位", "配合单位", "完成时限"}, rowsWith(-1))},
		{"columns in another order and wording", reordered()},
		{"merged 牵头单位 left empty, tab-joined", tabJoined(dutyHeader, rowsWith(2))},
		{"merged 牵头单位 left empty, tab-led", tabLed(dutyHeader, rowsWith(2))},
		{"section row spanning the table", tabJoined(dutyHeader, nil) + "一、确保完成全年主要预期目标（共3项）\n" + tabJoined(nil, rowsWith(-1))[1:]},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := parseText(t, tableNoticeHead+c.table)
			if got := duties(n); got != wantDuties {
				t.Errorf("got\n%swant\n%s\nwarnings %+v", got, wantDuties, n.Warnings)
			}
			for _, w := range n.Warnings {
				if strings.Contains(w.Message, "牵头单位/") || strings.Contains(w.Message, "表格此行有") {
					t.Errorf("warning: %+v", w)
				}
			}
		})
	}
}

// A table read from a document that marks merged cells: the merged cell
// repeats the text of the one it continues, and no warning is needed.
func TestTableMergedCells(t *testing.T) {
	row := func(line int, header bool, cells ...string) source.Row {
		r := source.Row{Pos: source.Pos{Line: line, Table: 1, Row: line}, Header: header}
		for i, c := range cells {
			r.Cells = append(r.Cells, source.Cell{Text: c, Span: 1, Merged: line == 4 && i == 2})
		}
		return r
	}
	tbl := &source.Table{Rows: []source.Row{row(1, true, dutyHeader...)}}
	for i, r := range dutyRows {
		tbl.Rows = append(tbl.Rows, row(i+2, false, r...))
	}
	// The header repeated on the next page, declared so.
	tbl.Rows = append(tbl.Rows[:3], append([]source.Row{row(9, true, dutyHeader...)}, tbl.Rows[3:]...)...)
	doc := &source.Document{Name: "a.docx", Format: "docx", Blocks: []source.Block{
		{Pos: source.Pos{Line: 1}, Text: "关于印发2020年重点工作任务分工的通知"},
		{Pos: source.Pos{Line: 2}, Table: tbl},
	}}
	n, err := notice.ParseDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := duties(n); got != wantDuties {
		t.Errorf("got\n%swant\n%s", got, wantDuties)
	}
	for _, w := range n.Warnings {
		if strings.Contains(w.Message, "合并单元格") || strings.Contains(w.Message, "序号") {
			t.Errorf("warning: %+v", w)
		}
	}
	// An empty cell that the document does not mark merged is empty.
	tbl.Rows[4].Cells[2] = source.Cell{Text: "", Span: 1}
	if n, err = notice.ParseDocument(doc); err != nil {
		t.Fatal(err)
	}
	if got := u(n.Tasks[2].Units); strings.Contains(got, "市财政局") {
		t.Errorf("an unmarked empty cell was carried: %s", got)
	}
}

// Rule 2: a merged cell carries its value down within its group, and
// never into a row whose own cell has text; a new 序号 or a section row
// ends a group.
func TestTableMergeGroups(t *testing.T) {
	text := tableNoticeHead + tabJoined(dutyHeader, nil) +
		"1\t地区生产总值增长8%以上。\t市发展改革委\t市经信局\t\n" +
		"\t固定资产投资增长10%以上。\t\t\t\n" + // 序号 merged: the whole group goes on
		"2\t财政收入增长8%左右。\t市财政局\t\t年底前\n" + // a new 序号: 配合单位 is just empty
		"二、其他工作\n" +
		"3\t开展招商引资。\t\t市商务局\t\n" // a section row ends the span of 牵头单位
	n := parseText(t, text)
	got := duties(n)
	want := `地区生产总值增长8%以上。 | 市发展改革委/lead、市经信局/cooperate | 
固定资产投资增长10%以上。 | 市发展改革委/lead、市经信局/cooperate | 
财政收入增长8%左右。 | 市财政局/lead | 年底前
开展招商引资。 | 市商务局/cooperate | 
`
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

// Rule 5: warnings with their lines.
func TestTableWarnings(t *testing.T) {
	head := strings.Count(tableNoticeHead, "\n")
	for _, c := range []struct {
		name, table, want string
		line              int
	}{
		{"a row with fewer cells than the header", "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t地区生产总值增长8%以上。\t市发展改革委\n", "表格此行有3格，应有5格", 2},
		{"an empty unit cell with nothing above", "序号\t重点任务\t牵头单位\t配合单位\n1\t地区生产总值增长8%以上。\t\t市经信局\n", "牵头单位一格为空，上方也没有可以延续的格", 2},
		{"a 序号 that skips", "序号\t重点任务\t牵头单位\n1\t地区生产总值增长8%以上。\t市发展改革委\n3\t财政收入增长8%左右。\t市财政局\n", "序号3紧接在1之后", 3},
		{"a 序号 that repeats", "序号\t重点任务\t牵头单位\n1\t地区生产总值增长8%以上。\t市发展改革委\n1\t财政收入增长8%左右。\t市财政局\n", "序号1与上一行重复", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := parseText(t, tableNoticeHead+c.table)
			for _, w := range n.Warnings {
				if strings.Contains(w.Message, c.want) {
					if w.Line != head+c.line {
						t.Errorf("warning on line %d, want %d", w.Line, head+c.line)
					}
					return
				}
			}
			t.Errorf("no warning %q in %+v", c.want, n.Warnings)
		})
	}
}

// Rule 4: several tables in one notice (附件1, 附件2), and a notice whose
// tasks come from tables alone.
func TestSeveralTables(t *testing.T) {
	rows := rowsWith(-1)
	text := tableNoticeHead + "附件1\n经济指标任务分工表\n" + tabJoined(dutyHeader, rows[:2]) +
		"附件2\n投资任务分工表\n" + tabJoined(dutyHeader, rows[2:])
	n := parseText(t, text)
	if got := duties(n); got != wantDuties {
		t.Errorf("got\n%swant\n%s", got, wantDuties)
	}
	ids := map[string]bool{}
	for _, x := range n.Tasks {
		if ids[x.ID] {
			t.Errorf("task id %s twice", x.ID)
		}
		ids[x.ID] = true
		if n.Item(x.Section, x.Item) == nil {
			t.Errorf("task %s in a missing item", x.ID)
		}
	}
	if len(n.Sections) != 2 || n.Sections[0].Title != "经济指标任务分工表" || n.Sections[1].Title != "投资任务分工表" {
		t.Errorf("sections %+v", n.Sections)
	}
}

// A table whose only column of text is 目标任务 gives a task a row; beside
// another column of tasks it is a field.
func TestTableTargetColumn(t *testing.T) {
	const head = "临江市人民政府关于印发2024年目标任务分解表的通知\n临政发〔2024〕3号\n各县（市、区）人民政府：\n现将目标任务分解表印发给你们。\n临江市人民政府\n2024年2月5日\n附件\n临江市2024年目标任务分解表\n一、经济发展\n"
	alone := head + "序号\t目标任务\t责任单位\t完成时限\n1\t全年新增城镇就业5000人以上，城镇登记失业率控制在3.5%以内。\t市人社局\t2024年12月底前\n2\t完成农村公路提档升级200公里，新改建桥梁10座。\t市交通运输局\t2024年11月底前\n"
	want := "全年新增城镇就业5000人以上，城镇登记失业率控制在3.5%以内。 | 市人社局/responsible | 2024年12月底前\n完成农村公路提档升级200公里，新改建桥梁10座。 | 市交通运输局/responsible | 2024年11月底前\n"
	if got := duties(parseText(t, alone)); got != want {
		t.Errorf("目标任务 alone:\n got %s\nwant %s", got, want)
	}
	beside := head + "序号\t重点任务\t目标任务\t责任单位\n1\t稳定和扩大就业\t全年新增城镇就业5000人以上\t市人社局\n"
	n := parseText(t, beside)
	if len(n.Tasks) != 1 || n.Tasks[0].Text != "稳定和扩大就业" || len(n.Tasks[0].Fields) == 0 || n.Tasks[0].Fields[0].Value != "全年新增城镇就业5000人以上" {
		t.Errorf("目标任务 beside 重点任务: %+v", n.Tasks)
	}
}

// A column headed 配合单位 of short bodies' names (城投集团, 燃气公司, 水务
// 集团) is units, though as short as a person's name; a column headed
// 责任领导 of names is persons.
func TestTableShortUnitNames(t *testing.T) {
	const head = "临江县2024年重点项目推进责任表\n一、重点项目\n"
	text := head + "序号\t项目名称\t牵头单位\t配合单位\n1\t县城北污水处理厂扩建工程，新增日处理能力2万吨。\t县住建局\t城投集团\n2\t城乡供水一体化工程，完成主管网铺设40公里。\t县水利局\t水务集团\n3\t城区燃气管网改造工程，更新老旧管道30公里。\t县住建局\t燃气公司\n4\t旅游集散中心建设工程，年内建成投用。\t县文旅局\t文旅集团\n5\t县城公交场站建设工程。\t县交通运输局\t交投集团\n"
	n := parseText(t, text)
	var got []string
	for _, x := range n.Tasks {
		got = append(got, u(x.Units))
	}
	want := "县住建局/lead、城投集团/cooperate|县水利局/lead、水务集团/cooperate|县住建局/lead、燃气公司/cooperate|县文旅局/lead、文旅集团/cooperate|县交通运输局/lead、交投集团/cooperate"
	if strings.Join(got, "|") != want {
		t.Errorf("units\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	persons := head + "序号\t项目名称\t牵头单位\t责任领导\n1\t县城北污水处理厂扩建工程，新增日处理能力2万吨。\t县住建局\t王建国\n2\t城乡供水一体化工程，完成主管网铺设40公里。\t县水利局\t李 红\n"
	n = parseText(t, persons)
	if len(n.Tasks) != 2 || u(n.Tasks[0].Units) != "县住建局/lead" || len(n.Tasks[0].Fields) != 1 || n.Tasks[0].Fields[0].Value != "王建国" {
		t.Errorf("a column of persons: %+v", n.Tasks)
	}
	classes := head + "序号\t项目名称\t牵头单位\t配合单位\n1\t县城北污水处理厂扩建工程，新增日处理能力2万吨。\t县住建局\t乡镇街道\n2\t城乡供水一体化工程，完成主管网铺设40公里。\t县水利局\t镇村两级\n"
	n = parseText(t, classes)
	if len(n.Tasks) != 2 || u(n.Tasks[1].Units) != "县水利局/lead、镇村两级/cooperate" {
		t.Errorf("four characters glued under 配合单位 are no person: %+v", n.Tasks)
	}
}
