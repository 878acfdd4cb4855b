package notice_test

import (
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/source"
)

// A document of another format reaches the same grammar: numbering the
// word processor generated stands before the paragraph's text, and a
// table block is read as a table.
func TestParseDocument(t *testing.T) {
	para := func(line int, number, text string) source.Block {
		return source.Block{Pos: source.Pos{Line: line, Para: line}, Number: number, Text: text}
	}
	row := func(line int, cells ...string) source.Row {
		r := source.Row{Pos: source.Pos{Line: line, Table: 1, Row: line - 8}}
		for _, c := range cells {
			r.Cells = append(r.Cells, source.Cell{Text: c, Span: 1})
		}
		return r
	}
	doc := &source.Document{Name: "a.docx", Format: "docx", Blocks: []source.Block{
		para(1, "", "忻州市人民政府办公室\n关于做好防汛工作的通知"),
		para(2, "", "忻政办发〔2024〕9号"),
		para(3, "", "各县（市、区）人民政府，市直有关单位："),
		para(4, "一、", "压实责任"),
		para(5, "（一）", "落实属地责任。各县要落实防汛责任。"),
		para(6, "（二）", "强化部门协同。市水利局要加强调度。"),
		para(7, "", "忻州市人民政府办公室"),
		para(8, "", "2024年6月1日"),
		{Pos: source.Pos{Line: 9}, Table: &source.Table{Rows: []source.Row{
			row(9, "主要内容", "具体事项", "工作任务", "责任单位"),
			row(10, "一、压实责任", "（一）落实属地责任", "各县要落实防汛责任。", "各县（市、区）人民政府"),
			row(11, "", "（二）强化部门协同", "市水利局要加强调度。", "市水利局牵头，市应急局配合"),
		}}},
	}}
	n, err := notice.ParseDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if n.DocNumber != "忻政办发〔2024〕9号" || n.Title != "关于做好防汛工作的通知" || n.Date != "2024-06-01" {
		t.Errorf("header %q %q %q", n.DocNumber, n.Title, n.Date)
	}
	var got []string
	for _, x := range n.Tasks {
		got = append(got, x.ID+" "+u(x.Units))
	}
	want := "1-1-0-1 各县（市、区）人民政府/responsible|1-2-0-1 市水利局/lead、市应急局/cooperate"
	if strings.Join(got, "|") != want {
		t.Errorf("tasks\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	if it := n.Item(1, 2); it == nil || it.Label != "（二）" || it.Title != "强化部门协同" {
		t.Errorf("item （二）: %+v", it)
	}
}

// The metadata a reader found outside the text (a portal page's table)
// fills what the text leaves out; the text's own header wins.
func TestDocumentMeta(t *testing.T) {
	doc := &source.Document{Name: "a.html", Format: "html",
		Meta: []source.Field{
			{Name: "索引号", Value: "000014349/2018-00160"},
			{Name: "发文机关", Value: "国务院"},
			{Name: "发文字号", Value: "国发〔2018〕38号"},
			{Name: "成文日期", Value: "2018年11月07日"},
			{Name: "发布日期", Value: "2018年11月23日"},
			{Name: "标题", Value: "国务院关于支持自由贸易试验区深化改革创新若干措施的通知"},
		},
		Blocks: []source.Block{
			{Pos: source.Pos{Line: 1, Para: 1}, Text: "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："},
			{Pos: source.Pos{Line: 2, Para: 2}, Text: "一、营造优良投资环境"},
			{Pos: source.Pos{Line: 3, Para: 3}, Text: "（一）支持在自贸试验区设置商标受理窗口。（负责部门：知识产权局）"},
		}}
	n, err := notice.ParseDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if n.DocNumber != "国发〔2018〕38号" || n.Issuer != "国务院" || n.Date != "2018-11-07" || n.Title != "国务院关于支持自由贸易试验区深化改革创新若干措施的通知" {
		t.Errorf("header %q %q %q %q", n.DocNumber, n.Issuer, n.Date, n.Title)
	}
	if n.PublishDate != "2018-11-23" {
		t.Errorf("publish date %q, want the page's 发布日期 2018-11-23", n.PublishDate)
	}
	if len(n.Tasks) != 1 || u(n.Tasks[0].Units) != "知识产权局/responsible" {
		t.Errorf("tasks %+v", n.Tasks)
	}
}
