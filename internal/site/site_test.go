package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/linkcheck"
	"qingdan/internal/notice"
	"qingdan/internal/site"
	"qingdan/internal/units"
)

// build runs the pipeline in memory: notices → content files → read back
// → site, as the real build does.
func build(t *testing.T, registry string, texts map[string]string) (map[string][]byte, *catalog.Catalog) {
	t.Helper()
	reg, err := units.LoadRegistry([]byte(registry))
	if err != nil {
		t.Fatal(err)
	}
	var notices []*notice.Notice
	for _, name := range sortedNames(texts) {
		n, err := notice.Parse([]byte(texts[name]), name)
		if err != nil {
			t.Fatal(err)
		}
		notices = append(notices, n)
	}
	cat := throughContent(t, reg, notices, nil)
	pages, err := site.Render(cat, site.Options{Templates: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	return pages, cat
}

// throughContent catalogs notices, writes their content files (and the
// files more gives for the catalog, such as notes) and reads them back, as
// the real build does when content/ was edited.
func throughContent(t *testing.T, reg *units.Registry, notices []*notice.Notice, more func(*catalog.Catalog) map[string]string) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.New(notices, reg)
	if err != nil {
		t.Fatal(err)
	}
	files, err := content.Files(cat)
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	for p, b := range files {
		afero.WriteFile(fsys, "content/"+p, b, 0o644)
	}
	if more != nil {
		for p, text := range more(cat) {
			afero.WriteFile(fsys, "content/"+p, []byte(text), 0o644)
		}
	}
	if cat, err = content.Read(fsys, "content"); err != nil {
		t.Fatal(err)
	}
	return cat
}

func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func shipped(t *testing.T) (map[string][]byte, *catalog.Catalog) {
	return build(t, read(t, "../../seeds/units.yaml"), map[string]string{
		"seeds/00.txt": read(t, "../../testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt"),
	})
}

var (
	chipRe = regexp.MustCompile(`<a class="chip role-(\w+)" href="\.\./\.\./\.\./units/([a-z0-9-]+)\.html">([^<]+)</a>`)
	dutyRe = regexp.MustCompile(`<li class="duty( via)?">\s*<p class="duty-head"><a href="\.\./notices/([a-z0-9-]+)/tasks/([0-9-]+)\.html">`)
	// A possible duty is named and linked: its collective's page shows it whole.
	possibleRe = regexp.MustCompile(`<li class="possible-task"><a href="\.\./notices/([a-z0-9-]+)/tasks/([0-9-]+)\.html">`)
	unitsPart  = regexp.MustCompile(`(?s)<h2 id="units-h">.*?</section>`)
)

// Every task page links to exactly its units, with their roles; every
// unit page lists exactly the tasks that name it, directly or through a
// group. This is checked for every task/unit pair of the shipped notice.
func TestCrossLinks(t *testing.T) {
	pages, cat := shipped(t)
	n := cat.Notices[0]
	want := map[string]map[string]string{} // unit slug → task id → "role" or "role via"
	for _, task := range n.Tasks {
		page := string(pages["notices/"+n.Slug+"/tasks/"+task.ID+".html"])
		if page == "" {
			t.Fatalf("no page for task %s", task.ID)
		}
		var got, exp []string
		for _, m := range chipRe.FindAllStringSubmatch(unitsPart.FindString(page), -1) {
			got = append(got, m[2]+"/"+m[1]+"/"+m[3])
		}
		for _, a := range task.Units {
			u := cat.Unit(a.Name)
			exp = append(exp, u.Slug+"/"+string(a.Role)+"/"+a.Name)
			add(want, u.Slug, task.ID, string(a.Role))
			for _, m := range u.Members {
				add(want, cat.Unit(m).Slug, task.ID, string(a.Role)+" via")
			}
		}
		sort.Strings(got)
		sort.Strings(exp)
		if strings.Join(got, " ") != strings.Join(exp, " ") {
			t.Errorf("task %s links\n%v\nwant\n%v", task.ID, got, exp)
		}
	}
	for _, u := range cat.Units {
		page, possible, _ := strings.Cut(string(pages["units/"+u.Slug+".html"]), `<section class="unit-possible"`)
		// The duties it may have are listed apart, after its own.
		maybe := map[string]bool{}
		for _, m := range possibleRe.FindAllStringSubmatch(possible, -1) {
			maybe[m[2]] = true
		}
		if strings.Contains(possible, `<li class="duty`) {
			t.Errorf("unit %s shows a possible duty in full; its collective's page does", u.Name)
		}
		if len(maybe) != u.PossibleTasks() {
			t.Errorf("unit %s lists %d possible tasks, want %d", u.Name, len(maybe), u.PossibleTasks())
		}
		got := map[string]string{}
		for _, m := range dutyRe.FindAllStringSubmatch(page, -1) {
			v := ""
			if m[1] != "" {
				v = " via"
			}
			got[m[3]] = v
		}
		if len(got) != len(want[u.Slug]) {
			t.Errorf("unit %s lists %d tasks, want %d", u.Name, len(got), len(want[u.Slug]))
		}
		for id, role := range want[u.Slug] {
			via, ok := got[id]
			if !ok {
				t.Errorf("unit %s does not list task %s", u.Name, id)
			} else if strings.HasSuffix(role, " via") != (via == " via") {
				t.Errorf("unit %s, task %s: via marker %q, want %q", u.Name, id, via, role)
			}
		}
	}
	// A county sees the duties of 各县（市、区）政府, marked as such.
	county := string(pages["units/xin-fu-qu-zheng-fu.html"])
	if !strings.Contains(county, "经由 <a href=\"../units/ge-xian-shi-qu-zheng-fu.html\">各县（市、区）政府</a>") {
		t.Errorf("忻府区政府's page does not mark duties as reaching it through the group")
	}
	if c := strings.Count(county, `<li class="duty via">`); c != 35 {
		t.Errorf("忻府区政府 has %d group duties, want 35", c)
	}
}

func add(m map[string]map[string]string, unit, task, role string) {
	if m[unit] == nil {
		m[unit] = map[string]string{}
	}
	if _, ok := m[unit][task]; !ok {
		m[unit][task] = role
	}
}

func TestLinksResolve(t *testing.T) {
	pages, _ := shipped(t)
	for _, p := range linkcheck.Check(pages, "404.html") {
		t.Error(p)
	}
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	xmlns := regexp.MustCompile(`xmlns(:\w+)?="[^"]*"`) // a name, not a fetch
	for p, b := range pages {
		if external.Match(xmlns.ReplaceAll(b, nil)) && !strings.HasSuffix(p, ".xlsx") {
			t.Errorf("%s refers to another site", p)
		}
	}
}

func TestPages(t *testing.T) {
	pages, cat := shipped(t)
	n := cat.Notices[0]
	must := map[string][]string{
		"index.html":                                 {`lang="zh-CN"`, "忻政发〔2024〕1号", "忻州市人民政府", "2024年2月23日", "以责任落实年为主线", "unit-select", `role="search"`},
		"notices/" + n.Slug + "/full.html":           {`id="s1"`, `id="i1-2"`, `id="i4-18-1"`, "重点任务分工", "抄送：市委办公室"},
		"notices/" + n.Slug + "/matrix.html":         {"<table class=\"matrix\">", "市应急局"},
		"notices/" + n.Slug + "/tasks/6-25-0-1.html": {"正文表述", "推动各级修订专项应急预案", "<del>各级</del>"},
		"notices/" + n.Slug + "/items/4-18.html":     {"森林草原火灾", `id="i4-18-1"`},
		"units/index.html":                           {"地方政府和功能区", "市应急局"},
		"units/shi-ying-ji-ju.html":                  {"市应急局", "下载 CSV", "print-head"},
		"404.html":                                   {"页面不存在", `href="/index.html"`},
		"data/notice.json":                           {`"doc_number": "忻政发〔2024〕1号"`},
		"data/units.json":                            {`"initials": "syjj"`},
		"data/units/shi-ying-ji-ju.csv":              {"\ufeff序号,文号"},
	}
	for p, frags := range must {
		b, ok := pages[p]
		if !ok {
			t.Errorf("no %s", p)
			continue
		}
		for _, f := range frags {
			if !strings.Contains(string(b), f) {
				t.Errorf("%s lacks %q", p, f)
			}
		}
	}
}

// hostileNotice puts markup, quotes, template braces, formulas and paths
// in task text and unit names.
const hostileNotice = "忻政发〔2025〕9号\n忻州市人民政府\n关于<script>alert(\"t\")</script>的通知\n各县（市、区）人民政府：\n" +
	"前言\"引号\"与{{.Site}}。\n一、总体<b>要求</b>\n（一）加强'领导'。做好工作。\n（二）第二项。内容&amp;实体。\n" +
	"序号\t具体事项\t工作任务\t责任单位\n" +
	"1\t（一）加强'领导'\t做好<script>alert(1)</script>工作，{{template \"x\"}}，路径../../etc/passwd。\t市应急局<img src=x onerror=alert(1)>、=HYPERLINK(\"http://evil\")、../../etc/passwd、@SUM(A1)\n" +
	"2\t（二）第二项\t=1+1 内容&amp;实体。\t+cmd|' /C calc'!A0牵头，-2+3配合\n" +
	"忻州市人民政府\n2025年1月2日\n"

// TestHostile puts markup, quotes, template braces, formulas and paths
// in task text and unit names: everything must come out as text.
func TestHostile(t *testing.T) {
	pages, cat := build(t, "", map[string]string{"seeds/hostile.txt": hostileNotice})
	if len(cat.Notices[0].Tasks) != 2 {
		t.Fatalf("tasks: %d", len(cat.Notices[0].Tasks))
	}
	for p, b := range pages {
		if strings.Contains(p, "..") || strings.ContainsAny(p, "<>\"'=@+") {
			t.Errorf("file name %q", p)
		}
		s := string(b)
		switch {
		case strings.HasSuffix(p, ".html"):
			for _, bad := range []string{"<script>alert", "<img src=x", "<b>要求</b>"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s contains %q unescaped", p, bad)
				}
			}
		case strings.HasSuffix(p, ".csv"):
			for _, line := range strings.Split(s, "\n") {
				for _, cell := range strings.Split(line, ",") {
					cell = strings.Trim(cell, "\"\r\ufeff")
					if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
						t.Errorf("%s: cell %q would be read as a formula", p, cell)
					}
				}
			}
		}
	}
	task := string(pages["notices/"+cat.Notices[0].Slug+"/tasks/1-1-0-1.html"])
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "{{template", "../../etc/passwd", "=HYPERLINK"} {
		if !strings.Contains(task, want) {
			t.Errorf("task page lacks %q (escaped text)", want)
		}
	}
	for _, p := range linkcheck.Check(pages, "404.html") {
		t.Error(p)
	}
	_ = filepath.Join
}

// A task's deadline shows on its page and on the pages of its units,
// with the date it names for machines.
func TestDeadlineShown(t *testing.T) {
	pages, cat := build(t, "", map[string]string{"seeds/a.txt": "关于做好减税降费工作的通知\n忻政发〔2024〕5号\n各县（市、区）人民政府：\n一、降低企业经营成本\n" +
		"（一）落实减税降费政策。\n牵头单位：市税务局；配合单位：市财政局\n完成时限：2024年12月底前\n" +
		"（二）降低企业用能成本。（市能源局负责）\n忻州市人民政府\n2024年3月5日\n"})
	n := cat.Notices[0]
	want := `<p class="deadline">完成时限：<time datetime="2024-12-31">2024年12月底前</time></p>`
	for _, p := range []string{"notices/" + n.Slug + "/tasks/1-1-0-1.html", "units/shi-shui-wu-ju.html", "units/shi-cai-zheng-ju.html"} {
		if !strings.Contains(string(pages[p]), want) {
			t.Errorf("%s lacks the deadline", p)
		}
	}
	if strings.Contains(string(pages["notices/"+n.Slug+"/tasks/1-2-0-1.html"]), `class="deadline"`) {
		t.Errorf("a task without a deadline shows one")
	}
}

// A notice saved from a portal shows its 索引号 and 主题分类, escaped as
// all its text, in the metadata table; its warnings name their place in
// the page, on the 校对 page only.
func TestPortalMetadataShown(t *testing.T) {
	page, err := os.ReadFile("../../testdata/html/03_guoban-chuangxin-jucuo-tuiguang-qingdan.html")
	if err != nil {
		t.Fatal(err)
	}
	hostile := `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<table><tr><td>索引号：</td><td>&lt;script&gt;x&lt;/script&gt;</td></tr></table>
<div id="zoom"><p>忻政办发〔2024〕9号</p><p>关于做好防汛工作的通知</p><p>各县（市、区）人民政府：</p>
<p>一、压实责任</p><p>（一）落实属地责任。各县要落实防汛责任，确保安全度汛。（市水利局负责）</p><p>忻州市人民政府办公室</p><p>2024年6月1日</p></div></body></html>`
	pages, cat := build(t, "", map[string]string{"seeds/03.html": string(page), "seeds/x.html": hostile})
	got := string(pages["notices/"+cat.Notices[0].Slug+"/index.html"])
	want := `<tr><th scope="row">索引号</th><td>000014349/2018-00228</td><th scope="row">主题分类</th><td>科技、教育\科技</td></tr>`
	if !strings.Contains(got, want) {
		t.Errorf("the notice page lacks %s", want)
	}
	warning := `表格中的“军民深度融合方面（共6项）”写明共6项，实际列出0项`
	if strings.Contains(got, warning) {
		t.Error("a warning for editors is on the public notice page")
	}
	check := string(pages["notices/"+cat.Notices[0].Slug+"/check.html"])
	if !strings.Contains(check, `<tr><td>表1第19行</td><td>`+warning+`</td></tr>`) || !strings.Contains(check, `name="robots" content="noindex"`) {
		t.Errorf("the 校对 page lacks the warning with its place")
	}
	for p, b := range pages {
		if strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, "check.html") && strings.Contains(string(b), "check.html") {
			t.Errorf("%s links the 校对 page", p)
		}
	}
	if got := string(pages["notices/"+cat.Notices[1].Slug+"/index.html"]); !strings.Contains(got, `<th scope="row">索引号</th><td>&lt;script&gt;x&lt;/script&gt;</td>`) {
		t.Errorf("the index number is not shown escaped")
	}
}
