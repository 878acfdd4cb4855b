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
