package docx_test

import (
	"strings"
	"testing"

	"qingdan/internal/source/sourcetest"
)

const textBox = `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>` +
	`<w:p><w:r><w:t>框内的说明文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>` +
	`<mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent><w:p><w:r><w:t>框内的说明文字</w:t></w:r></w:p>` +
	`</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>`

func TestParagraphs(t *testing.T) {
	cases := []struct {
		name, body string
		parts      []part
		want       string // the layout
		warn       string
	}{
		// ---- what the page shows ----
		{name: "runs join", body: p("各县（市、区）", "人民政府："), want: "各县（市、区）人民政府：\n"},
		{name: "tracked insertion taken, deletion dropped",
			body: `<w:p><w:r><w:t>市应急局</w:t></w:r><w:ins w:id="1" w:author="x"><w:r><w:t>、市工信局</w:t></w:r></w:ins>` +
				`<w:del w:id="2" w:author="x"><w:r><w:delText>、市商务局</w:delText></w:r></w:del><w:r><w:t>负责</w:t></w:r></w:p>`,
			want: "市应急局、市工信局负责\n"},
		{name: "a moved paragraph stands where it went",
			body: `<w:p><w:moveFrom w:id="1"><w:r><w:t>旧处</w:t></w:r></w:moveFrom></w:p>` + `<w:p><w:moveTo w:id="2"><w:r><w:t>新处</w:t></w:r></w:moveTo></w:p>`,
			want: "新处\n"},
		{name: "a deleted paragraph mark joins the paragraph to the next",
			body: `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="x"/></w:rPr></w:pPr><w:r><w:t>（一）落实属地责任。</w:t></w:r></w:p>` + p("各县要落实防汛责任。"),
			want: "（一）落实属地责任。各县要落实防汛责任。\n"},
		{name: "hidden text left out",
			body: `<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` +
				`<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也可见</w:t></w:r></w:p>`,
			want: "可见也可见\n"},
		{name: "line break, tab, hyphen",
			body: `<w:p><w:r><w:t>忻州市人民政府办公室</w:t><w:br/><w:t>关于做好防汛工作的通知</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t>忻州市人民政府</w:t><w:tab/><w:t>2024</w:t><w:noBreakHyphen/><w:t>2</w:t><w:softHyphen/></w:r></w:p>`,
			want: "忻州市人民政府办公室\n关于做好防汛工作的通知\n忻州市人民政府 2024-2\n"},
		{name: "links, fields, content controls and smart tags hold text",
			body: `<w:p><w:hyperlink r:id="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink>` +
				`<w:fldSimple w:instr="PAGE"><w:r><w:t>域</w:t></w:r></w:fldSimple>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:sdt><w:sdtPr><w:alias w:val="文号"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>` +
				`<w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag></w:p>` +
				`<w:sdt><w:sdtContent>` + p("块级控件中的段落") + `</w:sdtContent></w:sdt>`,
			want: "链接域结果控件标记\n块级控件中的段落\n"},
		{name: "ruby text reads as its base",
			body: `<w:p><w:r><w:ruby><w:rt><w:r><w:t>xīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>忻</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>州</w:t></w:r></w:p>`,
			want: "忻州\n"},
		{name: "empty paragraphs are layout",
			body: p("甲") + `<w:p/><w:p><w:r><w:t xml:space="preserve">　　</w:t></w:r></w:p>` + p("乙"),
			want: "甲\n乙\n"},

		// ---- left out, with a warning that quotes it ----
		{name: "text box", body: `<w:p><w:r><w:t>正文</w:t></w:r>` + textBox + `</w:p>`,
			want: "正文\n", warn: "第1段: 略去了一个文本框：“框内的说明文字”\n"},
		{name: "an empty frame is layout", body: `<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><v:rect><v:textbox><w:txbxContent><w:p/></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>`,
			want: "正文\n"},
		{name: "footnote", body: p("甲") + `<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`,
			parts: []part{{"footnotes.xml", "footnotes", `<w:footnotes NS><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>` +
				`<w:footnote w:id="1"><w:p><w:r><w:t>此处指2023年度数据。</w:t></w:r></w:p></w:footnote></w:footnotes>`}},
			want: "甲\n正文\n", warn: "第2段: 略去了一处脚注：“此处指2023年度数据。”\n"},
		{name: "comment", body: `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>正文</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>`,
			parts: []part{{"comments.xml", "comments", `<w:comments NS><w:comment w:id="0" w:author="x"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>`}},
			want:  "正文\n", warn: "第1段: 略去了一处批注：“请核实”\n"},
		{name: "embedded object", body: `<w:p><w:r><w:object><v:shape/></w:object></w:r><w:r><w:t>附表</w:t></w:r></w:p>`,
			want: "附表\n", warn: "第1段: 略去了一个嵌入对象（文档中嵌入的表格或图形）；请把其内容作为表格粘贴进来\n"},
		{name: "page header with words; a footer with a page number is layout", body: p("正文"),
			parts: []part{
				{"header1.xml", "header", `<w:hdr NS><w:p><w:r><w:t>内部资料 注意保存</w:t></w:r></w:p></w:hdr>`},
				{"footer1.xml", "footer", `<w:ftr NS><w:p><w:r><w:t>— 1 —</w:t></w:r></w:p></w:ftr>`},
			},
			want: "正文\n", warn: "略去了页眉：“内部资料 注意保存”\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := readDoc(t, docxOf(t, c.body, c.parts...))
			if got := sourcetest.Layout(doc, false); got != c.want {
				t.Errorf("text\n got %q\nwant %q", got, c.want)
			}
			if got := sourcetest.Warnings(doc); got != c.warn {
				t.Errorf("warnings\n got %q\nwant %q", got, c.warn)
			}
		})
	}
}

// Paragraphs are counted as Word counts them, without the empty ones;
// Line counts a table row as a line.
func TestPositions(t *testing.T) {
	body := p("一") + `<w:p/>` + p("二") + tbl(tr("", tc("", p("甲")), tc("", p("乙"))), tr("", tc("", p("丙")), tc("", p("丁")))) + p("三")
	doc := readDoc(t, docxOf(t, body))
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Pos.String())
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				got = append(got, r.Pos.String())
			}
		}
	}
	if strings.Join(got, ", ") != "第1段, 第2段, 表1, 表1第1行, 表1第2行, 第3段" {
		t.Errorf("places: %s", strings.Join(got, ", "))
	}
	if last := doc.Blocks[len(doc.Blocks)-1].Pos; last.Line != 5 {
		t.Errorf("paragraph 3 on line %d, want 5 (after two rows)", last.Line)
	}
}
