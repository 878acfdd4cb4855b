package revision_test

import (
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/revision"
)

// Revised tells a change of what the notice says from a change of what
// the program writes about it.
func TestRevised(t *testing.T) {
	base := func() *notice.Notice {
		n := &notice.Notice{
			DocNumber: "忻政发〔2024〕1号", Title: "关于做好安全生产工作的通知", Issuer: "忻州市人民政府", Date: "2024-02-23",
			Sections: []notice.Section{{Number: 1, Label: "一、", Title: "压实责任", Line: 5,
				Items: []notice.Item{{Number: 1, Section: 1, Label: "（一）", Title: "落实责任", Text: "修订总体应急预案。", Line: 6}}}},
			Tasks: []notice.Task{
				task("1-1-0-1", 1, 1, 1, "修订总体应急预案。", "市应急局/lead", "市消防救援支队/cooperate"),
				task("1-1-0-2", 1, 1, 2, "开展演练。", "市应急局/responsible"),
			},
			Warnings: []notice.Warning{{Line: 6, Message: "（一）在表格中的文字与正文不同"}},
		}
		n.Tasks[0].Deadline = &notice.Deadline{Text: "2024年6月底前", Date: "2024-06-30"}
		n.Tasks[0].Fields = []notice.Field{{Name: "推广范围", Value: "全市"}}
		return n
	}
	for _, c := range []struct {
		name    string
		edit    func(n *notice.Notice)
		revised bool
	}{
		{"the same", func(*notice.Notice) {}, false},
		{"warnings in other words", func(n *notice.Notice) { n.Warnings[0].Message = "table row differs from the body" }, false},
		{"no warnings", func(n *notice.Notice) { n.Warnings = nil }, false},
		{"lines moved, other encoding and source", func(n *notice.Notice) {
			n.Sections[0].Line, n.Sections[0].Items[0].Line, n.Tasks[1].Line = 7, 8, 9
			n.Encoding, n.Source = "GB18030", "seeds/a.docx"
		}, false},
		{"a field newly read", func(n *notice.Notice) {
			n.PublishDate = "2024-02-26"
			n.Tasks[1].Deadline = &notice.Deadline{Text: "长期坚持"}
			n.Tasks[0].Fields = append(n.Tasks[0].Fields, notice.Field{Name: "牵头负责领导", Value: "张副市长"})
		}, false},
		{"units in another order", func(n *notice.Notice) {
			n.Tasks[0].Units[0], n.Tasks[0].Units[1] = n.Tasks[0].Units[1], n.Tasks[0].Units[0]
		}, false},
		{"white space only", func(n *notice.Notice) { n.Tasks[1].Text = "开展 演练。" }, false},
		{"title", func(n *notice.Notice) { n.Title = "关于做好2024年安全生产工作的通知" }, true},
		{"the preamble", func(n *notice.Notice) {
			n.Preamble = []string{"各县（市、区）人民政府：现将有关事项通知如下。"}
		}, true},
		{"an attachment", func(n *notice.Notice) { n.Attachments = []string{"任务分工表"} }, true},
		{"date", func(n *notice.Notice) { n.Date = "2024-02-24" }, true},
		{"a section's title", func(n *notice.Notice) { n.Sections[0].Title = "压实各方责任" }, true},
		{"an item's text", func(n *notice.Notice) { n.Sections[0].Items[0].Text = "修订专项应急预案。" }, true},
		{"a task's text", func(n *notice.Notice) { n.Tasks[1].Text = "开展综合演练。" }, true},
		{"a unit's role", func(n *notice.Notice) { n.Tasks[0].Units[1].Role = "responsible" }, true},
		{"a unit removed", func(n *notice.Notice) { n.Tasks[0].Units = n.Tasks[0].Units[:1] }, true},
		{"a task removed", func(n *notice.Notice) { n.Tasks = n.Tasks[:1] }, true},
		{"a task added", func(n *notice.Notice) {
			n.Tasks = append(n.Tasks, task("1-1-0-3", 1, 1, 3, "建立应急预案数据库。", "市应急局/responsible"))
		}, true},
		{"a deadline", func(n *notice.Notice) {
			n.Tasks[0].Deadline = &notice.Deadline{Text: "2024年底前", Date: "2024-12-31"}
		}, true},
		{"a deadline dropped", func(n *notice.Notice) { n.Tasks[0].Deadline = nil }, true},
		{"a field's value", func(n *notice.Notice) { n.Tasks[0].Fields[0].Value = "试点地区" }, true},
	} {
		old, cur := base(), base()
		c.edit(cur)
		if got := revision.Revised(old, cur); got != c.revised {
			t.Errorf("%s: revised %v, want %v", c.name, got, c.revised)
		}
	}
}
