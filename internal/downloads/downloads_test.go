package downloads_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qingdan/internal/catalog"
	"qingdan/internal/downloads"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// files makes every download of the shipped notice with the shipped
// registry.
func files(t *testing.T) (*catalog.Catalog, map[string][]byte) {
	t.Helper()
	return filesEdited(t, func(s string) string { return s })
}

// filesEdited makes them of the shipped notice as edit changes its text.
func filesEdited(t *testing.T, edit func(string) string) (*catalog.Catalog, map[string][]byte) {
	t.Helper()
	text, err := os.ReadFile("../../seeds/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Parse([]byte(edit(string(text))), "00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	regData, err := os.ReadFile("../../seeds/units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := units.LoadRegistry(regData)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New([]*notice.Notice{n}, reg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	err = downloads.Each(cat, func(f downloads.File) error {
		var b bytes.Buffer
		err := f.Make(&b)
		out[f.Path] = b.Bytes()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat, out
}

// checkPossibleSheet: the sheet 可能涉及的任务 has a row for each
// collective a unit may belong to in a notice, naming exactly the tasks
// the catalog gives it through that collective, and the collective's
// own table, which has each of them in full.
func checkPossibleSheet(t *testing.T, cat *catalog.Catalog, f *excelize.File, u *catalog.Unit) {
	t.Helper()
	rows, err := f.GetRows("可能涉及的任务")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], " "); got != "序号 文号 通知 泛指的单位 任务数 任务编号 全文" {
		t.Errorf("%s: header %s", u.Name, got)
	}
	want := map[string][]string{}
	for _, run := range u.Possible {
		for _, d := range run.Duties {
			want[d.Via] = append(want[d.Via], d.Task)
		}
	}
	if len(rows)-1 != len(want) || len(want) == 0 {
		t.Fatalf("%s: %d rows of collectives, want %d", u.Name, len(rows)-1, len(want))
	}
	n := cat.Notices[0]
	for i, row := range rows[1:] {
		via, ids := row[3], strings.Split(row[5], "、")
		if row[0] != fmt.Sprint(i+1) || row[1] != n.DocNumber || row[2] != n.Title || row[4] != fmt.Sprint(len(ids)) {
			t.Errorf("%s row %d: %q", u.Name, i+1, row)
		}
		if strings.Join(ids, " ") != strings.Join(want[via], " ") {
			t.Errorf("%s via %s: tasks %v, want %v", u.Name, via, ids, want[via])
		}
		c := cat.Unit(via)
		if c == nil || !strings.Contains(row[6], "“"+via+"”") || !strings.Contains(row[6], path.Base(hrefs.UnitXLSX(c.Slug))) {
			t.Fatalf("%s via %s: table %q", u.Name, via, row[6])
		}
		for _, id := range ids {
			if !slices.ContainsFunc(c.Duties, func(d catalog.Duty) bool { return d.Task == id }) {
				t.Errorf("%s: task %s is not in %s's own table", u.Name, id, via)
			}
		}
	}
}

var unitHeader = "序号 文号 任务编号 主要内容 具体事项 子项 工作任务 职责 经由 责任单位（原文） 落实情况 完成时间 备注"

// A unit's Excel is ready to fill in: numbered rows, its own duties on
// one sheet with the full text of each task and empty columns to fill
// in; on another, by collective, the tasks it may have, named; and the
// page set up for print.
func TestUnitWorkbook(t *testing.T) {
	cat, files := files(t)
	yjj := cat.Unit("市应急局")
	f, err := excelize.OpenReader(bytes.NewReader(files[hrefs.UnitXLSX(yjj.Slug)]))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(f.GetSheetList()); got != "[职责 可能涉及的任务]" {
		t.Fatalf("sheets of 市应急局: %s", got)
	}
	own, _ := f.GetRows("职责")
	if len(own) != 25 {
		t.Fatalf("市应急局: %d own rows, want 24", len(own)-1)
	}
	if got := strings.Join(own[0], " "); got != unitHeader {
		t.Errorf("header %s", got)
	}
	for i, row := range own[1:] {
		if row[0] != fmt.Sprint(i+1) {
			t.Errorf("序号 of row %d: %s", i+1, row[0])
		}
		if len(row) > 10 && strings.Join(row[10:], "") != "" {
			t.Errorf("row %d: the columns to fill in are not empty: %q", i+1, row[10:])
		}
		task := cat.Task(cat.Notices[0].Slug, row[2])
		if task == nil || row[6] != task.Text {
			t.Errorf("row %d: task %s not in full", i+1, row[2])
		}
	}
	checkPossibleSheet(t, cat, f, yjj)
	// Rows come as the page lists the duties: by section, then role.
	rank := map[string]int{}
	for i, r := range units.Roles {
		rank[r.Label()] = i
	}
	prev := [2]int{}
	for _, row := range own[1:] {
		var sec int
		fmt.Sscanf(row[2], "%d-", &sec)
		cur := [2]int{sec, rank[row[7]]}
		if cur[0] < prev[0] || cur[0] == prev[0] && cur[1] < prev[1] {
			t.Errorf("row %s (%s, %s) out of the page's order", row[0], row[2], row[7])
		}
		prev = cur
	}
	for _, sheet := range f.GetSheetList() {
		layout, _ := f.GetPageLayout(sheet)
		panes, _ := f.GetPanes(sheet)
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 || !panes.Freeze {
			t.Errorf("%s: page not set up: %+v %+v", sheet, layout, panes)
		}
	}
	var titles, filters int
	for _, d := range f.GetDefinedName() {
		switch d.Name {
		case "_xlnm.Print_Titles":
			titles++
		case "_xlnm._FilterDatabase":
			filters++
		}
	}
	if titles != 2 || filters != 2 {
		t.Errorf("print titles %d, filters %d; want one of each per sheet", titles, filters)
	}
}

// The CSV is the workbook's first sheet: the unit's own duties, in
// full, and none it only may have.
// Units that may belong to the same collectives but have different tasks
// of them (市应急局 has one of 市有关部门's itself) each get their own
// tasks in their sheet of possible tasks, though the sheets of units with
// the same ones are made once.
func TestPossibleSheetsApart(t *testing.T) {
	cat, files := filesEdited(t, func(s string) string {
		return strings.Replace(s, "五台山风景名胜区管委会、市有关部门", "五台山风景名胜区管委会、市有关部门、市应急局", 1)
	})
	for _, name := range []string{"市公安局", "市应急局", "市住建局"} {
		u := cat.Unit(name)
		f, err := excelize.OpenReader(bytes.NewReader(files[hrefs.UnitXLSX(u.Slug)]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkPossibleSheet(t, cat, f, u)
	}
}

func TestUnitCSV(t *testing.T) {
	cat, files := files(t)
	yjj := cat.Unit("市应急局")
	data := files[hrefs.UnitCSV(yjj.Slug)]
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], " ") != unitHeader || len(rows) != 1+24 {
		t.Fatalf("csv: header %q, %d rows", rows[0], len(rows)-1)
	}
	for i, row := range rows[1:] {
		if row[0] != fmt.Sprint(i+1) || !slices.ContainsFunc(yjj.Duties, func(d catalog.Duty) bool { return d.Task == row[2] }) {
			t.Errorf("row %d: %q is not one of 市应急局's duties", i+1, row[:3])
		}
	}
}

// A county's table holds the full text of each duty, its own and
// its group's, and the three tasks it may have.
func TestCountyTable(t *testing.T) {
	cat, files := files(t)
	dai := cat.Unit("代县政府")
	f, err := excelize.OpenReader(bytes.NewReader(files[hrefs.UnitXLSX(dai.Slug)]))
	if err != nil {
		t.Fatal(err)
	}
	own, _ := f.GetRows("职责")
	if len(own)-1 != len(dai.Duties) {
		t.Fatalf("代县政府: %d rows, want %d", len(own)-1, len(dai.Duties))
	}
	checkPossibleSheet(t, cat, f, dai)
	long := 0
	for _, row := range own[1:] {
		if task := cat.Task(cat.Notices[0].Slug, row[2]); row[6] != task.Text {
			t.Errorf("task %s cut", row[2])
		}
		if len([]rune(row[6])) > 60 {
			long++
		}
	}
	if long == 0 {
		t.Error("no task longer than an excerpt: the check proves nothing")
	}
	// A collective's own table has no second sheet.
	f, _ = excelize.OpenReader(bytes.NewReader(files[hrefs.UnitXLSX(cat.Unit("市有关部门").Slug)]))
	if got := f.GetSheetList(); len(got) != 1 {
		t.Errorf("市有关部门's workbook: %v", got)
	}
}

// The table of all tasks: 序号, the notice's columns, the ones to fill.
func TestTaskTable(t *testing.T) {
	cat, files := files(t)
	f, err := excelize.OpenReader(bytes.NewReader(files[hrefs.AllTasksXLSX]))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("任务")
	want := "序号 文号 任务编号 主要内容 具体事项 子项 工作任务 责任单位（原文） 牵头 负责 配合 督促企业落实 指导 落实情况 完成时间 备注"
	if got := strings.Join(rows[0], " "); got != want {
		t.Errorf("header %s", got)
	}
	if len(rows)-1 != len(cat.Notices[0].Tasks) || rows[len(rows)-1][0] != fmt.Sprint(len(rows)-1) {
		t.Errorf("%d rows for %d tasks, last numbered %s", len(rows)-1, len(cat.Notices[0].Tasks), rows[len(rows)-1][0])
	}
	hf, _ := f.GetHeaderFooter("任务")
	if !strings.Contains(hf.OddHeader, "全部任务") {
		t.Errorf("running head %q", hf.OddHeader)
	}
}
