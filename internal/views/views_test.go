package views_test

import (
	"fmt"
	"strings"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/gen"
	"qingdan/internal/notice"
	"qingdan/internal/units"
	"qingdan/internal/views"
)

func catalogOf(t testing.TB, registry string, texts ...string) *catalog.Catalog {
	t.Helper()
	reg, err := units.LoadRegistry([]byte(registry))
	if err != nil {
		t.Fatal(err)
	}
	var notices []*notice.Notice
	for i, text := range texts {
		n, err := notice.Parse([]byte(text), fmt.Sprintf("seeds/%02d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		notices = append(notices, n)
	}
	cat, err := catalog.New(notices, reg)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// all hands over every page of the site in the order site.Render asks
// for them.
func all(t testing.TB, cat *catalog.Catalog) []views.Page {
	t.Helper()
	var pages []views.Page
	b := views.New(cat, views.Options{}, func(p views.Page) error {
		pages = append(pages, p)
		return nil
	})
	steps := []func() error{b.Home, b.UnitsIndex}
	for _, n := range cat.Notices {
		steps = append(steps, func() error { return b.Notice(n) })
	}
	for _, step := range append(steps, b.UnitPages, b.Changes) {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		b.Forget()
	}
	return pages
}

// TestPagesOfGeneratedSite: every page is handed over once, every task
// and every unit has its page, and a task's view is one value shared by
// the pages of its item and of its units.
func TestPagesOfGeneratedSite(t *testing.T) {
	cat, err := gen.Catalog("../..", 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	pages := all(t, cat)
	byPath := map[string]views.Page{}
	for _, p := range pages {
		if _, dup := byPath[p.Path]; dup {
			t.Errorf("%s handed over twice", p.Path)
		}
		byPath[p.Path] = p
	}
	shown := map[string]*views.TaskView{} // by href, as the item pages show them
	for _, n := range cat.Notices {
		for _, task := range n.Tasks {
			p, ok := byPath["notices/"+n.Slug+"/tasks/"+task.ID+".html"]
			if !ok {
				t.Fatalf("no page for task %s of %s", task.ID, n.Slug)
			}
			if p.Template != "task.html" || p.Data.(views.TaskPageView).Task.ID != task.ID {
				t.Errorf("the page of task %s shows %+v", task.ID, p.Data)
			}
		}
	}
	for _, p := range pages {
		if v, ok := p.Data.(views.ItemPageView); ok {
			for _, tv := range v.Item.Tasks {
				shown[tv.Href] = tv
			}
		}
	}
	var duties int
	for _, p := range pages {
		v, ok := p.Data.(views.UnitView)
		if !ok {
			continue
		}
		for _, un := range v.Notices {
			for _, s := range un.Sections {
				for _, r := range s.Roles {
					for _, d := range r.Duties {
						duties++
						if tv, ok := shown[d.Task.Href]; ok && tv != d.Task {
							t.Fatalf("%s: the duty %s has a view of its own", p.Path, d.Task.ID)
						}
					}
				}
			}
		}
	}
	if duties == 0 {
		t.Fatal("no unit page lists a duty")
	}
	for _, u := range cat.Units {
		if _, ok := byPath["units/"+u.Slug+".html"]; !ok {
			t.Errorf("no page for unit %s", u.Name)
		}
	}
}

// TestTextStaysText: the notice's words reach the views as text (the
// templates escape them), and Markdown rendered into a view escapes them
// itself.
func TestTextStaysText(t *testing.T) {
	cat := catalogOf(t, "", "关于\"安全\"与A&B的通知\n忻政发〔2025〕9号\n各县（市、区）人民政府：\n一、总体要求\n"+
		"（一）加强<script>领导</script>。做好工作。（市应急局负责）\n忻州市人民政府\n2025年1月2日\n")
	for _, p := range all(t, cat) {
		v, ok := p.Data.(views.TaskPageView)
		if !ok {
			continue
		}
		if h := string(v.Task.Text); !strings.Contains(h, "加强&lt;script&gt;领导&lt;/script&gt;") || strings.Contains(h, "<script>") {
			t.Errorf("the task's HTML does not escape the notice's markup: %s", h)
		}
		if v.Notice.Title != `关于"安全"与A&B的通知` {
			t.Errorf("title %q", v.Notice.Title)
		}
		return
	}
	t.Fatal("no task page")
}

func Example() {
	reg, _ := units.LoadRegistry(nil)
	n, err := notice.Parse([]byte("关于做好防汛工作的通知\n忻政办发〔2024〕9号\n各县（市、区）人民政府：\n一、压实责任\n"+
		"（一）落实属地责任。各县要落实防汛责任。（市水利局负责）\n忻州市人民政府办公室\n2024年6月1日\n"), "seeds/a.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, _ := catalog.New([]*notice.Notice{n}, reg)
	b := views.New(cat, views.Options{}, func(p views.Page) error {
		fmt.Printf("%-12s %s\n", p.Template, p.Path)
		return nil
	})
	if err := b.Notice(cat.Notices[0]); err != nil {
		fmt.Println(err)
	}
	// Output:
	// notice.html  notices/xin-zheng-ban-fa-2024-9/index.html
	// section.html notices/xin-zheng-ban-fa-2024-9/sections/1.html
	// item.html    notices/xin-zheng-ban-fa-2024-9/items/1-1.html
	// full.html    notices/xin-zheng-ban-fa-2024-9/full.html
	// check.html   notices/xin-zheng-ban-fa-2024-9/check.html
	// task.html    notices/xin-zheng-ban-fa-2024-9/tasks/1-1-0-1.html
	// matrix.html  notices/xin-zheng-ban-fa-2024-9/matrix.html
	// unit.html    units/shi-shui-li-ju.html
}

// A notice's metadata block gives the fields the notice has, two a row in
// the portals' order, and leaves out the ones it lacks instead of showing
// them empty; the title has a row of its own.
func TestMetaRows(t *testing.T) {
	rows := func(v *views.NoticeView) string {
		var b strings.Builder
		for _, r := range v.MetaRows() {
			for i, f := range r {
				if i > 0 {
					b.WriteString(" | ")
				}
				b.WriteString(f.Label + "=" + f.Value)
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	full := &views.NoticeView{
		NoticeHead: views.NoticeHead{Title: "关于做好就业工作的意见", DocNumber: "国发〔2018〕39号", Issuer: "国务院", Date: "2018年11月16日",
			IndexNumber: "000014349/2018-00212", Category: "劳动就业", PublishDate: "2018年12月5日"},
		NoticeFooter: views.NoticeFooter{PrintDate: "2018年11月20日"},
	}
	want := "索引号=000014349/2018-00212 | 主题分类=劳动就业\n发文机关=国务院 | 成文日期=2018年11月16日\n" +
		"文号=国发〔2018〕39号 | 印发日期=2018年11月20日\n发布日期=2018年12月5日\n标题=关于做好就业工作的意见\n"
	if got := rows(full); got != want {
		t.Errorf("a portal page's notice:\n%s\nwant\n%s", got, want)
	}
	plain := &views.NoticeView{NoticeHead: views.NoticeHead{Title: "关于做好安全生产工作的通知", DocNumber: "忻政发〔2024〕1号",
		Issuer: "忻州市人民政府", Date: "2024年2月23日"}}
	want = "发文机关=忻州市人民政府 | 成文日期=2024年2月23日\n文号=忻政发〔2024〕1号\n标题=关于做好安全生产工作的通知\n"
	if got := rows(plain); got != want {
		t.Errorf("a notice typed as text:\n%s\nwant\n%s", got, want)
	}
}
