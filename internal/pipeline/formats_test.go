package pipeline_test

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
)

const (
	shippedDocx = "../../testdata/docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx"
	revisedDocx = "../../testdata/docx/00-revised.docx"
	shippedPage = "../../testdata/html/03_guoban-chuangxin-jucuo-tuiguang-qingdan.html"
	oldWord     = "../../testdata/docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi.doc"
)

// A revision that arrives as a Word document, the last version having
// been a text file, is the same notice: the changes are those of the
// revised text, and unchanged tasks keep their ids.
func TestRevisionAsDocx(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	if err := fsys.Remove(seedAs); err != nil {
		t.Fatal(err)
	}
	put(t, fsys, "seeds/00_xinzhou-2024-anquan-shengchan-tongzhi.docx", read(t, revisedDocx))
	r := run(t, fsys, opt)
	c := r.Changes["xin-zheng-fa-2024-1"]
	if c == nil || len(r.Changes) != 1 {
		t.Fatalf("changes: %+v", r.Changes)
	}
	if len(c.Added) != 1 || c.Added[0].ID != "5-21-0-2" || len(c.Removed) != 1 || c.Removed[0].ID != "2-4-0-1" ||
		len(c.Reworded) != 1 || c.Reworded[0].ID != "3-13-0-1" || len(c.Units) != 2 {
		t.Errorf("added %+v\nremoved %+v\nreworded %+v\nunits %+v", c.Added, c.Removed, c.Reworded, c.Units)
	}
	page := get(t, fsys, "public/notices/xin-zheng-fa-2024-1/changes.html")
	if !strings.Contains(page, "新增任务 1 项 · 删除 1 项 · 修改表述 1 项 · 责任单位调整 2 处") {
		t.Error("the changes page does not count the revision's changes")
	}
}

// Notices in every format build together; a page's 索引号, 主题分类 and
// 发布日期 reach the notice's data, and 发布日期 its page.
func TestSeedsOfEveryFormat(t *testing.T) {
	fsys, opt := site(t, map[string]string{
		"seeds/00.docx":         shippedDocx,
		"seeds/03.htm":          shippedPage,
		"seeds/~$00.docx":       shipped, // Word's lock file beside a document it has open
		"seeds/notes/readme.md": shipped,
	})
	r := run(t, fsys, opt)
	if r.Notices != 2 || r.Tasks != 45+17 {
		t.Errorf("%d notices, %d tasks", r.Notices, r.Tasks)
	}
	data := get(t, fsys, "public/data/notices/guo-ban-fa-2018-126.json")
	if !strings.Contains(data, `"index_number": "000014349/2018-00228"`) || !strings.Contains(data, `"category": "科技、教育\\科技"`) {
		t.Errorf("the page's metadata is not in the notice's JSON")
	}
	if !strings.Contains(data, `"publish_date": "2019-01-08"`) {
		t.Errorf("the page's 发布日期 is not in the notice's JSON")
	}
	if md := get(t, fsys, "content/notices/guo-ban-fa-2018-126/_index.md"); !strings.Contains(md, "index_number: \"000014349/2018-00228\"\ncategory: 科技、教育\\科技\npublish_date: \"2019-01-08\"\n") {
		t.Errorf("the front matter lacks index_number or publish_date:\n%s", md[:min(len(md), 600)])
	}
	if page := get(t, fsys, "public/notices/guo-ban-fa-2018-126/index.html"); !strings.Contains(page, `<th scope="row">发布日期</th><td>2019年1月8日</td>`) {
		t.Errorf("the notice's page does not show its 发布日期")
	}
	if page := get(t, fsys, "public/notices/xin-zheng-fa-2024-1/index.html"); strings.Contains(page, "发布日期") {
		t.Errorf("a notice without 发布日期 shows an empty one")
	}
}

// A notice in a format that is refused stops the build with its name and
// what to do, before anything is written.
func TestRefusedSeedWritesNothing(t *testing.T) {
	fsys, opt := site(t, map[string]string{"seeds/00.docx": shippedDocx, "seeds/01.doc": oldWord})
	_, err := pipeline.Run(fsys, opt, nil)
	if err == nil || !strings.Contains(err.Error(), "seeds/01.doc: 这是旧格式（.doc/.wps）的Word或WPS文档") {
		t.Fatalf("error %v", err)
	}
	for _, dir := range []string{"content", "public"} {
		if ok, _ := afero.Exists(fsys, dir); ok {
			t.Errorf("%s/ was written", dir)
		}
	}
	// Over a published site, the site stays as it was.
	if err := fsys.Remove("seeds/01.doc"); err != nil {
		t.Fatal(err)
	}
	run(t, fsys, opt)
	before := get(t, fsys, "public/.qingdan-manifest")
	put(t, fsys, "seeds/01.wps", read(t, oldWord))
	if _, err := pipeline.Run(fsys, opt, nil); err == nil || !strings.Contains(err.Error(), "seeds/01.wps: ") {
		t.Fatalf("error %v", err)
	}
	if get(t, fsys, "public/.qingdan-manifest") != before {
		t.Error("public/ changed")
	}
}

func TestNoticeFiles(t *testing.T) {
	fsys := afero.NewMemMapFs()
	for _, name := range []string{"b.docx", "a.txt", "c.html", "d.htm", "e.doc", "f.wps", "units.yaml", "site.yaml", "~$b.docx", "g.pdf"} {
		put(t, fsys, "seeds/"+name, "x")
	}
	got, err := pipeline.NoticeFiles(fsys, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "seeds/a.txt seeds/b.docx seeds/c.html seeds/d.htm seeds/e.doc seeds/f.wps" {
		t.Errorf("notice files %v", got)
	}
	if _, err := pipeline.NoticeFiles(afero.NewMemMapFs(), pipeline.Options{}); err == nil {
		t.Error("no seeds folder, no error")
	}
}
