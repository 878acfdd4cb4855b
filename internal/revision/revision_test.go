package revision_test

import (
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/revision"
	"qingdan/internal/units"
)

func task(id string, sec, item, row int, text string, us ...string) notice.Task {
	t := notice.Task{ID: id, Section: sec, Item: item, Row: row, Text: text}
	for _, u := range us {
		name, role, _ := strings.Cut(u, "/")
		t.Units = append(t.Units, units.Assignment{Name: name, Role: units.Role(role)})
	}
	return t
}

// A row inserted before others of its item does not renumber them.
func TestStabilize(t *testing.T) {
	old := &notice.Notice{Tasks: []notice.Task{
		task("1-1-0-1", 1, 1, 1, "修订总体应急预案。", "市应急局/responsible"),
		task("1-1-0-2", 1, 1, 2, "开展综合性实战演练。", "市应急局/responsible"),
	}}
	cur := &notice.Notice{Tasks: []notice.Task{
		task("1-1-0-1", 1, 1, 1, "新增：建立应急预案数据库。", "市应急局/responsible"),
		task("1-1-0-2", 1, 1, 2, "修订总体应急预案。", "市应急局/responsible"),
		task("1-1-0-3", 1, 1, 3, "开展综合性实战演练，每年至少一次。", "市应急局/lead", "市消防救援支队/cooperate"),
	}}
	revision.Stabilize(old, cur)
	var ids []string
	for _, x := range cur.Tasks {
		ids = append(ids, x.ID)
	}
	if strings.Join(ids, " ") != "1-1-0-3 1-1-0-1 1-1-0-2" {
		t.Fatalf("ids %v, want the new row last: 1-1-0-3 1-1-0-1 1-1-0-2", ids)
	}
	r := revision.Compare(old, cur)
	if len(r.Added) != 1 || r.Added[0].ID != "1-1-0-3" || len(r.Removed) != 0 || len(r.Reworded) != 1 || r.Reworded[0].ID != "1-1-0-2" {
		t.Errorf("report %+v", r)
	}
	want := "~ 1-1-0-2: unit 市应急局 now 牵头 (was 负责)\n+ 1-1-0-2: unit 市消防救援支队 added (配合)\n"
	if !strings.Contains(r.Text(), want) {
		t.Errorf("text:\n%s\nlacks\n%s", r.Text(), want)
	}
	if got := revision.DiffText(r.Reworded[0].Diff); got != "开展综合性实战演练{+，每年至少一次+}。" {
		t.Errorf("diff %q", got)
	}
}

// A first version, and two identical versions, report nothing.
func TestNoChange(t *testing.T) {
	n := &notice.Notice{Tasks: []notice.Task{task("1-1-0-1", 1, 1, 1, "甲", "市应急局/responsible")}}
	m := &notice.Notice{Tasks: []notice.Task{task("1-1-0-1", 1, 1, 1, "甲", "市应急局/responsible")}}
	revision.Stabilize(nil, m)
	revision.Stabilize(n, m)
	if r := revision.Compare(n, m); !r.Empty() {
		t.Errorf("report %+v", r)
	}
}
