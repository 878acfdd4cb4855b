package notice_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"qingdan/internal/notice"
	"qingdan/internal/source"
	"qingdan/internal/source/docx"
)

const testdata = "../../testdata/"

// comparable is a notice's JSON without what depends on the carrier:
// the file, its encoding, and the lines, which a .docx counts one per
// block and table row.
func comparable(t *testing.T, n *notice.Notice) string {
	t.Helper()
	c := *n
	c.Source, c.Encoding = "", ""
	c.Tasks = append([]notice.Task(nil), n.Tasks...)
	for i := range c.Tasks {
		c.Tasks[i].Line = 0
	}
	c.Warnings = nil
	for _, w := range n.Warnings {
		c.Warnings = append(c.Warnings, notice.Warning{Message: w.Message})
	}
	c.Sections = nil
	for _, s := range n.Sections {
		s.Line = 0
		items := s.Items
		s.Items = nil
		for _, it := range items {
			it.Line = 0
			subs := it.Subitems
			it.Subitems = nil
			for _, sb := range subs {
				sb.Line = 0
				it.Subitems = append(it.Subitems, sb)
			}
			s.Items = append(s.Items, it)
		}
		c.Sections = append(c.Sections, s)
	}
	b, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameNotice(t *testing.T, got, want *notice.Notice) {
	t.Helper()
	g, w := comparable(t, got), comparable(t, want)
	if g == w {
		return
	}
	gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("%s differs from %s at JSON line %d:\n got %s\nwant %s", got.Source, want.Source, i+1, gl[i], wl[i])
		}
	}
	t.Fatalf("%s differs from %s in length", got.Source, want.Source)
}

// The shipped notice as its office lays it out in Word gives exactly the
// notice of the text file: every task with its text, units and roles,
// the header, the sections and items, the warnings.
func TestShippedNoticeAsDocx(t *testing.T) {
	txt := parseFile(t, "corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if len(txt.Tasks) != 45 {
		t.Fatalf("the text gives %d tasks, want 45", len(txt.Tasks))
	}
	for _, p := range []string{
		"docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx",            // typed numbering, merged cells
		"docx/00_xinzhou-2024-anquan-shengchan-tongzhi-autonumber.docx", // Word's numbering, header row
	} {
		t.Run(p, func(t *testing.T) {
			n := parseFile(t, p)
			if summary(n) != summary(txt) {
				t.Errorf("tasks and units differ:\n%s", summary(n))
			}
			sameNotice(t, n, txt)
			if n.Encoding != "UTF-8" || n.IndexNumber != "" {
				t.Errorf("encoding %q, index number %q", n.Encoding, n.IndexNumber)
			}
		})
	}
}

// The portal's pages, and the same pages saved as .docx, give what the
// text of each notice gives; the pages add 索引号, 主题分类 and 发布日期.
func TestPortalPagesAndDocx(t *testing.T) {
	meta := map[string][3]string{
		"02_guofa-nongji-zhuanxing-yijian":                 {"000014349/2018-00223", `农业、林业、水利\农业、畜牧业、渔业`, "2018-12-29"},
		"03_guoban-chuangxin-jucuo-tuiguang-qingdan":       {"000014349/2018-00228", `科技、教育\科技`, "2019-01-08"},
		"20_guofa-2018-38-zimaoqu-shenhua-gaige-cuoshi":    {"000014349/2018-00207", `商贸、海关、旅游\对外经贸合作`, "2018-11-23"},
		"21_guobanfa-2018-121-tiyu-jingsai-biaoyan-yijian": {"000014349/2018-00217", `卫生、体育\体育`, "2018-12-21"},
		"22_guofa-2018-39-cujin-jiuye-yijian":              {"000014349/2018-00212", `劳动、人事、监察\劳动就业`, "2018-12-05"},
	}
	for name, m := range meta {
		t.Run(name, func(t *testing.T) {
			txt := parseFile(t, "html/"+name+".txt")
			page := parseFile(t, "html/"+name+".html")
			if page.IndexNumber != m[0] || page.Category != m[1] || page.PublishDate != m[2] {
				t.Errorf("索引号 %q, 主题分类 %q, 发布日期 %q; want %q, %q, %q", page.IndexNumber, page.Category, page.PublishDate, m[0], m[1], m[2])
			}
			page.IndexNumber, page.Category, page.PublishDate = "", "", ""
			sameNotice(t, page, txt)
			sameNotice(t, parseFile(t, "docx/"+name+".docx"), txt)
		})
	}
}

// A warning of a document without lines names the place a person finds
// in Word: the table row.
func TestWarningPlaces(t *testing.T) {
	n := parseFile(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx")
	var got []string
	for _, w := range n.Warnings {
		cut := strings.Index(w.Message, "在表格中的文字与正文不同")
		if cut < 0 {
			t.Fatalf("warning %q", w.Message)
		}
		got = append(got, w.Where()+": "+w.Message[:cut])
	}
	want := "表1第41行: （二十五）|表1第42行: （二十六）"
	if strings.Join(got, "|") != want {
		t.Errorf("warnings %q", got)
	}
	txt := parseFile(t, "corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if w := txt.Warnings[0]; w.Place != "" || w.Where() != "第271行" {
		t.Errorf("a text file's warning: %+v", w)
	}
}

// Files an office has but that are not read: a clear error that names
// the file and says what to do, and no notice.
func TestRefusedFiles(t *testing.T) {
	bomb := func() []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		f, _ := w.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 8 << 30})
		f.Write([]byte{0x03, 0x00})
		w.Close()
		return b.Bytes()
	}()
	read := func(p string) []byte {
		data, err := os.ReadFile(testdata + p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cases := []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"notice.doc", read("docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi.doc"), source.ErrOldWord, "另存为.docx"},
		{"notice.wps", read("docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi.doc"), source.ErrOldWord, "旧格式（.doc/.wps）"},
		{"notice.docx", read("docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi-password.docx"), source.ErrEncrypted, "设有密码"},
		{"bomb.docx", bomb, docx.ErrTooLarge, "疑似压缩炸弹"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := notice.Parse(c.data, "seeds/"+c.name)
			var ne *notice.Error
			if n != nil || !errors.As(err, &ne) || ne.File != "seeds/"+c.name || !errors.Is(err, c.err) ||
				!strings.HasPrefix(err.Error(), "seeds/"+c.name+": ") || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("notice %v, error %v", n != nil, err)
			}
		})
	}
}

// The metadata table of a page fills what the text leaves out and keeps
// 索引号 and 主题分类; a 文号 that disagrees with the text's is pointed
// out, the text's kept.
func TestCarrierMetadata(t *testing.T) {
	para := func(line int, text string) source.Block {
		return source.Block{Pos: source.Pos{Line: line, Para: line}, Text: text}
	}
	doc := &source.Document{Name: "page.html", Format: "html", Encoding: "UTF-8",
		Meta: []source.Field{
			{Name: "索引号", Value: "11410000/2020-00123"},
			{Name: "主题分类", Value: `综合政务\通知`},
			{Name: "发文字号", Value: "豫政〔2020〕10号"},
			{Name: "成文日期", Value: "2020年3月1日"},
			{Name: "发文机关", Value: "河南省人民政府"},
		},
		Blocks: []source.Block{
			para(1, "豫政〔2020〕9号"),
			para(2, "各市、县人民政府，省人民政府各部门："),
			para(3, "一、压实责任"),
			para(4, "（一）落实属地责任。各市县要落实防汛责任。（省水利厅负责）"),
		},
		Warnings: []source.Warning{{Pos: source.Pos{Line: 4, Para: 4}, Message: "略去了一处脚注"}},
	}
	n, err := notice.ParseDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	if n.IndexNumber != "11410000/2020-00123" || n.Category != `综合政务\通知` || n.DocNumber != "豫政〔2020〕9号" || n.Date != "2020-03-01" || n.Issuer != "河南省人民政府" {
		t.Errorf("index %q, category %q, 文号 %q, date %q, issuer %q", n.IndexNumber, n.Category, n.DocNumber, n.Date, n.Issuer)
	}
	var got []string
	for _, w := range n.Warnings {
		got = append(got, w.Where()+": "+w.Message)
	}
	for _, want := range []string{
		": 网页上的发文字号为豫政〔2020〕10号，正文为豫政〔2020〕9号；采用正文的文号",
		"第4段: 略去了一处脚注",
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
}
