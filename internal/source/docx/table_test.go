package docx_test

import (
	"strings"
	"testing"

	"qingdan/internal/source/sourcetest"
)

// rowsOf writes the rows of every table: h: for a declared header, cells
// as cells() writes them.
func rowsOf(t *testing.T, body string) (string, string) {
	t.Helper()
	doc := readDoc(t, docxOf(t, body))
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Table == nil {
			b.WriteString("p " + bl.Text + "\n")
			continue
		}
		for _, r := range bl.Table.Rows {
			if r.Header {
				b.WriteString("h: ")
			}
			b.WriteString(cells(r) + "\n")
		}
	}
	return b.String(), sourcetest.Warnings(doc)
}

func TestTables(t *testing.T) {
	const (
		restart = `<w:vMerge w:val="restart"/>`
		cont    = `<w:vMerge/>`
		span2   = `<w:gridSpan w:val="2"/>`
	)
	cases := []struct {
		name, body, want, warn string
	}{
		{name: "merged cells carry the text of the cell they continue",
			body: tbl(
				tr(`<w:tblHeader/>`, tc("", p("序号")), tc("", p("重点任务")), tc("", p("牵头单位"))),
				tr("", tc("", p("1")), tc("", p("任务一")), tc(restart, p("市发展改革委"))),
				tr("", tc("", p("2")), tc("", p("任务二")), tc(cont, `<w:p/>`)),
				tr("", tc("", p("3")), tc("", p("任务三")), tc(`<w:vMerge w:val="continue"/>`, `<w:p/>`))),
			want: "h: 序号|重点任务|牵头单位\n1|任务一|市发展改革委\n2|任务二|^市发展改革委\n3|任务三|^市发展改革委\n"},
		{name: "a header row repeated after a page break is declared again; tblHeader off is no header",
			body: tbl(
				tr(`<w:tblHeader w:val="true"/>`, tc("", p("任务")), tc("", p("单位"))),
				tr(`<w:tblHeader w:val="0"/>`, tc("", p("任务一")), tc("", p("市应急局")))),
			want: "h: 任务|单位\n任务一|市应急局\n"},
		{name: "spans, and a merge under a span",
			body: tbl(
				tr("", tc(span2, p("一、知识产权保护方面（共5项）"))),
				tr("", tc(restart, p("（一）")), tc("", p("甲"))),
				tr("", tc(cont, `<w:p/>`), tc("", p("乙")))),
			want: "一、知识产权保护方面（共5项）[2]\n（一）|甲\n^（一）|乙\n"},
		{name: "a row that starts past the first column keeps its cells in their columns",
			body: tbl(
				tr("", tc("", p("甲")), tc("", p("乙")), tc("", p("丙"))),
				tr(`<w:gridBefore w:val="2"/>`, tc("", p("丁")))),
			want: "甲|乙|丙\n[2]|丁\n"},
		{name: "the old horizontal merge",
			body: tbl(tr("", tc(`<w:hMerge w:val="restart"/>`, p("合并")), tc(`<w:hMerge/>`, `<w:p/>`), tc("", p("丙")))),
			want: "合并[2]|丙\n"},
		{name: "paragraphs, breaks and numbers inside a cell",
			body: tbl(tr("", tc("", p("第一段"), `<w:p><w:r><w:t>第二段</w:t><w:br/><w:t>续行</w:t></w:r></w:p>`, `<w:p/>`), tc("", p("单位")))),
			want: "第一段\n第二段\n续行|单位\n"},
		{name: "a deleted row is gone, an inserted one stays",
			body: tbl(
				tr(`<w:del w:id="1" w:author="x"/>`, tc("", p("删去")), tc("", p("甲"))),
				tr(`<w:ins w:id="2" w:author="x"/>`, tc("", p("加入")), tc("", p("乙")))),
			want: "加入|乙\n"},
		{name: "a table of one cell is a frame around paragraphs",
			body: tbl(tr("", tc("", p("框中第一段"), p("框中第二段")))) + p("框外"),
			want: "p 框中第一段\np 框中第二段\np 框外\n"},
		{name: "empty rows are left out",
			body: tbl(tr("", tc("", p("甲")), tc("", p("乙"))), tr("", tc("", `<w:p/>`), tc("", `<w:p/>`)), tr("", tc("", p("丙")), tc("", p("丁")))),
			want: "甲|乙\n丙|丁\n"},

		// ---- warned ----
		{name: "a merge with nothing above",
			body: tbl(tr("", tc("", p("甲")), tc(cont, `<w:p/>`))),
			want: "甲|\n", warn: "表1第1行: 第2格延续合并单元格，但上方没有可延续的格，按空白读入\n"},
		{name: "a table inside a cell is read as lines",
			body: tbl(tr("", tc("", p("任务")), tc("", p("牵头："), tbl(tr("", tc("", p("市应急局")), tc("", p("市公安局"))), tr("", tc("", p("配合：")), tc("", p("各县"))))))),
			want: "任务|牵头：\n市应急局 市公安局\n配合： 各县\n", warn: "表1第1行: 单元格中的表格作为该格的2行文字读入\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, warn := rowsOf(t, c.body)
			if got != c.want {
				t.Errorf("rows\n got %q\nwant %q", got, c.want)
			}
			if warn != c.warn {
				t.Errorf("warnings\n got %q\nwant %q", warn, c.warn)
			}
		})
	}
}
