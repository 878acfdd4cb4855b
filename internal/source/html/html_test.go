package html_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qingdan/internal/source"
	"qingdan/internal/source/html"
	"qingdan/internal/source/sourcetest"
)

const testdata = "../../../testdata/"

func readPage(t *testing.T, data []byte) *source.Document {
	t.Helper()
	doc, err := html.Read(data, "page.html")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ---- the five pages of the central portal ----

// Each page reads as the text the corpus gives of the same notice,
// paragraph for paragraph and, for 03, row for row; its metadata table
// is read whole, and nothing of the portal around the article is left.
func TestPortalPages(t *testing.T) {
	pages, _ := filepath.Glob(testdata + "html/*.html")
	if len(pages) != 5 {
		t.Fatalf("%d pages, want 5", len(pages))
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			txt, err := os.ReadFile(strings.TrimSuffix(page, ".html") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			doc := readPage(t, data)
			if got, want := sourcetest.Layout(doc, false), sourcetest.NonBlank(string(txt)); got != want {
				t.Errorf("the page differs from the text:\n%s", sourcetest.FirstDiff(got, want))
			}
			var names []string
			for _, f := range doc.Meta {
				names = append(names, f.Name)
			}
			if strings.Join(names, " ") != "索引号 主题分类 发文机关 成文日期 标题 发文字号 发布日期" {
				t.Errorf("metadata fields %v", names)
			}
			if doc.Encoding != "UTF-8" || doc.Format != "html" || len(doc.Warnings) != 0 {
				t.Errorf("encoding %q, format %q, warnings %v", doc.Encoding, doc.Format, doc.Warnings)
			}
		})
	}
}

func TestPortalMetadata(t *testing.T) {
	data, err := os.ReadFile(testdata + "html/03_guoban-chuangxin-jucuo-tuiguang-qingdan.html")
	if err != nil {
		t.Fatal(err)
	}
	doc := readPage(t, data)
	var got []string
	for _, f := range doc.Meta {
		got = append(got, f.Name+"="+f.Value)
	}
	want := "索引号=000014349/2018-00228|主题分类=科技、教育\\科技|发文机关=国务院办公厅|成文日期=2018年12月23日|" +
		"标题=国务院办公厅关于推广第二批支持创新相关改革举措的通知|发文字号=国办发〔2018〕126号|发布日期=2019年01月08日"
	if strings.Join(got, "|") != want {
		t.Errorf("metadata\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	// The attachment table: a header, section rows spanning the table.
	var table *source.Table
	for _, b := range doc.Blocks {
		if b.Table != nil {
			table = b.Table
			if b.Pos.String() != "表1" {
				t.Errorf("table at %s", b.Pos)
			}
		}
	}
	if table == nil {
		t.Fatal("no table")
	}
	if r := table.Rows[1]; len(r.Cells) != 1 || r.Cells[0].Span != 5 || r.Cells[0].Text != "一、知识产权保护方面（共5项）" || r.Pos.String() != "表1第2行" {
		t.Errorf("row 2: %+v", r)
	}
}

// ---- pages written for the rules the portal pages do not show ----

const head = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>`

func TestArticle(t *testing.T) {
	cases := []struct {
		name, page, want string
	}{
		{"a provincial page: navigation, metadata list, zoom area with print links and related files",
			head + `<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<ul class="xxgk"><li><b>索 引 号：</b>11410000/2020-00123</li><li>主题分类：<span>综合政务</span></li><li>文号：豫政〔2020〕9号</li></ul>
<div id="zoom"><p>河南省人民政府</p><p>关于做好防汛工作的通知</p>
<p>一、压实责任。</p><p>（一）落实属地责任。各市县要落实防汛责任。（省水利厅负责）</p>
<script>var x = "脚本";</script><p style="display:none">隐藏的文字</p>
<div class="share">分享到：微信 微博</div>
<p>【打印本页】【关闭窗口】</p>
<p>相关文件</p><ul><li><a href="/a">关于做好抗旱工作的通知</a></li></ul></div>
<div class="footer">主办：河南省人民政府办公厅</div>`,
			"河南省人民政府\n关于做好防汛工作的通知\n一、压实责任。\n（一）落实属地责任。各市县要落实防汛责任。（省水利厅负责）\n"},
		{"no container a portal names: the paragraphs with the most text",
			head + `<div><a href="/">首页</a><a href="/b">机构</a><a href="/c">政务公开政务公开政务公开</a></div>
<div class="main"><h1>关于做好防汛工作的通知</h1><p>各县（市、区）人民政府：</p><p>一、压实责任。各县要落实防汛责任，市水利局要加强调度，确保安全度汛。</p></div>
<div class="side"><p>热点</p></div>`,
			"关于做好防汛工作的通知\n各县（市、区）人民政府：\n一、压实责任。各县要落实防汛责任，市水利局要加强调度，确保安全度汛。\n"},
		{"white space as a browser shows it; a source line break between Chinese is nothing",
			head + `<div id="zoom"><p>各县（市、区）
   人民政府，　市直各单位：</p><p>Notice&nbsp;&nbsp; No. 5<br>第二行<br><br>第三行</p><p>   </p>
<p>正文的第一段足够长，让这个区域成为文章所在之处，而不是导航或者页脚的一部分内容。</p></div>`,
			"各县（市、区）人民政府，　市直各单位：\nNotice No. 5\n第二行\n第三行\n正文的第一段足够长，让这个区域成为文章所在之处，而不是导航或者页脚的一部分内容。\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := readPage(t, []byte(c.page))
			if got := sourcetest.Layout(doc, true); got != c.want {
				t.Errorf("article\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestListMetadata(t *testing.T) {
	page := head + `<ul class="xxgk"><li><b>索 引 号：</b>11410000/2020-00123</li><li>主题分类：<span>综合政务\通知</span></li>
<li><span>发布机构：</span><span>河南省人民政府</span><span>文号：</span><span>豫政〔2020〕9号</span></li></ul>
<table><tr><th>成文日期</th><td>2020年3月1日</td></tr></table>
<div id="zoom"><p>正文的第一段足够长，让这个区域成为文章所在之处，而不是导航或者页脚的一部分内容。正文的第二句也很长。</p></div>`
	doc := readPage(t, []byte(page))
	var got []string
	for _, f := range doc.Meta {
		got = append(got, f.Name+"="+f.Value)
	}
	if want := "索引号=11410000/2020-00123|主题分类=综合政务\\通知|发布机构=河南省人民政府|文号=豫政〔2020〕9号|成文日期=2020年3月1日"; strings.Join(got, "|") != want {
		t.Errorf("metadata\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestTables(t *testing.T) {
	cases := []struct {
		name, table, want, warn string
	}{
		{"rowspan and colspan: covered cells carry the text",
			`<table><thead><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr></thead><tbody>
<tr><td colspan="4">一、优化营商环境</td></tr>
<tr><td>1</td><td>任务一</td><td rowspan="3">市发展改革委</td><td>市财政局</td></tr>
<tr><td>2</td><td>任务二</td><td>市税务局</td></tr>
<tr><td>3</td><td rowspan="2">任务三</td><td rowspan="2">市商务局</td></tr>
<tr><td>4</td><td>市公安局</td></tr></tbody></table>`,
			"h: 序号\t重点任务\t牵头单位\t配合单位\n一、优化营商环境[4]\n1\t任务一\t市发展改革委\t市财政局\n2\t任务二\t^市发展改革委\t市税务局\n" +
				"3\t任务三\t^市发展改革委\t市商务局\n4\t^任务三\t市公安局\t^市商务局\n", ""},
		{"a rowspan never leaves its row group; rowspan 0 runs to the group's end",
			`<table><tbody><tr><td rowspan="0">甲</td><td>一</td></tr><tr><td>二</td></tr></tbody><tbody><tr><td>乙</td><td>三</td></tr></tbody></table>`,
			"甲\t一\n^甲\t二\n乙\t三\n", ""},
		{"a row of th is a header; paragraphs in a cell are lines",
			`<table><tr><th>任务</th><th>单位</th></tr><tr><td><p>第一段</p><p>第二段<br>续行</p></td><td>市应急局</td></tr></table>`,
			"h: 任务\t单位\n第一段\n第二段\n续行\t市应急局\n", ""},
		{"a table of one column is layout",
			`<table><tr><td><p>框中第一段</p></td></tr><tr><td>框中第二段</td></tr></table>`,
			"框中第一段\n框中第二段\n", ""},
		{"a table in a cell is read as lines, with a warning",
			`<table><tr><td>任务</td><td>牵头：<table><tr><td>市应急局</td><td>市公安局</td></tr></table></td></tr></table>`,
			"任务\t牵头：\n市应急局 市公安局\n", "表1第1行: 单元格中的表格作为该格的1行文字读入\n"},
		{"empty rows are left out, counted",
			`<table><tr><td>甲</td><td>乙</td></tr><tr><td></td><td> </td></tr><tr><td>丙</td><td>丁<table><tr><td>x</td><td>y</td></tr></table></td></tr></table>`,
			"甲\t乙\n丙\t丁\nx y\n", "表1第3行: 单元格中的表格作为该格的1行文字读入\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := head + `<div id="zoom"><p>正文的第一段足够长，让这个区域成为文章所在之处，而不是导航或者页脚的一部分内容。</p>` + c.table + `</div>`
			doc := readPage(t, []byte(page))
			got := strings.SplitN(sourcetest.Layout(doc, true), "\n", 2)[1]
			if got != c.want {
				t.Errorf("rows\n got %q\nwant %q", got, c.want)
			}
			if w := sourcetest.Warnings(doc); w != c.warn {
				t.Errorf("warnings\n got %q\nwant %q", w, c.warn)
			}
		})
	}
}

// ---- encodings ----

func TestEncodings(t *testing.T) {
	utf8Page := head + `<div id="zoom"><p>关于做好防汛工作的通知，各县（市、区）人民政府要落实防汛责任，确保安全度汛，保障人民群众生命财产安全。</p></div>`
	want := readPage(t, []byte(utf8Page))
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name, encoding, warn string
		data                 []byte
	}{
		{"declared GBK", "GBK", "", gbk(strings.Replace(utf8Page, `charset="utf-8"`, `charset="gbk"`, 1))},
		{"declared gb2312 in http-equiv", "GBK", "", gbk(strings.Replace(utf8Page, `<meta charset="utf-8">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, 1))},
		{"declared GB18030", "GB18030", "", gbk(strings.Replace(utf8Page, `charset="utf-8"`, `charset=GB18030`, 1))},
		{"undeclared, GBK by content", "GB18030", "", gbk(strings.Replace(utf8Page, `<meta charset="utf-8">`, ``, 1))},
		{"declared UTF-8 but GBK", "GB18030", "网页声明为UTF-8编码，实际不是，已按GB18030读入\n", gbk(utf8Page)},
		{"BOM", "UTF-8", "", append([]byte("\xEF\xBB\xBF"), utf8Page...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := readPage(t, c.data)
			if doc.Encoding != c.encoding || sourcetest.Layout(doc, true) != sourcetest.Layout(want, true) || sourcetest.Warnings(doc) != c.warn {
				t.Errorf("encoding %q (want %q), text %q, warnings %q", doc.Encoding, c.encoding, sourcetest.Layout(doc, true), sourcetest.Warnings(doc))
			}
		})
	}
}

func TestNoArticle(t *testing.T) {
	for _, page := range []string{
		head + `<div class="nav"><a href="/">首页</a></div></body></html>`,
		`<html><body><p>Hello</p></body></html>`,
	} {
		if _, err := html.Read([]byte(page), "x.html"); err == nil || !strings.Contains(err.Error(), "html: 网页中没有正文") {
			t.Errorf("%q: %v", page, err)
		}
	}
}
