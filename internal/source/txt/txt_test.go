package txt_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"qingdan/internal/decode"
	"qingdan/internal/source"
	"qingdan/internal/source/txt"
)

// layout writes a document compactly: a paragraph as "L<line> text", a
// table as "T<line>" and its rows as "  R<line> cell | cell", a cell
// on another line than its row's with "@<line>", a cell spanning
// columns with ×<span>.
func layout(d *source.Document) string {
	var b strings.Builder
	for _, blk := range d.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "L%d %s\n", blk.Pos.Line, blk.Text)
			continue
		}
		fmt.Fprintf(&b, "T%d\n", blk.Pos.Line)
		for _, r := range blk.Table.Rows {
			var cells []string
			for _, c := range r.Cells {
				s := strings.ReplaceAll(c.Text, "\n", "⏎")
				if c.Span > 1 {
					s += fmt.Sprintf("×%d", c.Span)
				}
				if c.Line != r.Pos.Line {
					s += fmt.Sprintf("@%d", c.Line)
				}
				cells = append(cells, s)
			}
			fmt.Fprintf(&b, "  R%d %s\n", r.Pos.Line, strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func TestShapes(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		// ---- paragraphs ----
		{"paragraphs trimmed, blank lines dropped",
			"　　关于做好工作的通知\r\n\r\n各县（市、区）人民政府：  \r\n",
			"L1 关于做好工作的通知\nL3 各县（市、区）人民政府：\n"},
		{"one stray tab is no table",
			"甲\t乙\n正文一段。\n正文二段。\n",
			"L1 甲\t乙\nL2 正文一段。\nL3 正文二段。\n"},

		// ---- one cell per tab-led line ----
		{"tab-led cells, blank line between rows, empty cell kept",
			"分工\n\t主要内容\n\t责任单位\n\n\t一、总则\n\t市应急局\n\n\t\n\t市公安局\n抄送：市委办公室。\n",
			"L1 分工\nT2\n  R2 主要内容 | 责任单位@3\n  R5 一、总则 | 市应急局@6\n  R8  | 市公安局@9\nL10 抄送：市委办公室。\n"},
		{"tab-led cell wrapped onto a line without a tab",
			"\t工作任务\n\t责任单位\n\n\t加强领导，\n落实责任。\n\t市应急局\n\n\t做好宣传。\n\t市委宣传部\n",
			"T1\n  R1 工作任务 | 责任单位@2\n  R4 加强领导，⏎落实责任。 | 市应急局@6\n  R8 做好宣传。 | 市委宣传部@9\n"},
		{"a footer after the last row is not a wrapped cell",
			"\t工作任务\n\t责任单位\n\n\t做好宣传。\n\t市委宣传部\n 抄送：市委办公室。\n\t\n",
			"T1\n  R1 工作任务 | 责任单位@2\n  R4 做好宣传。 | 市委宣传部@5\nL6 抄送：市委办公室。\n"},

		// ---- one row per line, cells joined by tabs ----
		{"tab-joined rows and a spanning section row",
			"序号\t重点任务\t牵头单位\n一、要素保障（共1项）\n1\t做好保障。\t市财政局\n注：列第一位者为牵头单位。\n",
			"T1\n  R1 序号 | 重点任务 | 牵头单位\n  R2 一、要素保障（共1项）\n  R3 1 | 做好保障。 | 市财政局\nL4 注：列第一位者为牵头单位。\n"},
		{"tab-joined row whose task cell wrapped over three lines",
			"序号\t重点任务\t牵头单位\t配合单位\n1\t加强领导，\n压实责任，\n落实责任。\t市应急局\t市公安局\n2\t做好宣传。\t市委宣传部\t\n",
			"T1\n  R1 序号 | 重点任务 | 牵头单位 | 配合单位\n  R2 1 | 加强领导，⏎压实责任，⏎落实责任。 | 市应急局@4 | 市公安局@4\n  R5 2 | 做好宣传。 | 市委宣传部 | \n"},
		{"tab-joined row whose last cell wrapped",
			"序号\t重点任务\t牵头单位\n1\t加强领导。\t市应急局、\n市公安局\n2\t做好宣传。\t市委宣传部\n\n正文。\n",
			"T1\n  R1 序号 | 重点任务 | 牵头单位\n  R2 1 | 加强领导。 | 市应急局、⏎市公安局\n  R4 2 | 做好宣传。 | 市委宣传部\nL6 正文。\n"},
		{"tab-joined row continued by a line that carries the rest of its cells",
			"序号\t重点任务\t牵头单位\t配合单位\n1\t加强领导，\n落实责任。\t市应急局\t市公安局\n",
			"T1\n  R1 序号 | 重点任务 | 牵头单位 | 配合单位\n  R2 1 | 加强领导，⏎落实责任。 | 市应急局@3 | 市公安局@3\n"},
		{"a header cell wrapped onto the next line",
			"序号\t重点\n任务\t牵头单位\t配合单位\n1\t加强领导。\t市应急局\t市公安局\n2\t做好宣传。\t市委宣传部\t市文明办\n",
			"T1\n  R1 序号 | 重点⏎任务 | 牵头单位@2 | 配合单位@2\n  R3 1 | 加强领导。 | 市应急局 | 市公安局\n  R4 2 | 做好宣传。 | 市委宣传部 | 市文明办\n"},
		{"a short row then a numbered row: two rows",
			"序号\t重点任务\t牵头单位\t完成时限\n1\t做好宣传。\n2\t做好保障。\t市财政局\t年底前\n",
			"T1\n  R1 序号 | 重点任务 | 牵头单位 | 完成时限\n  R2 1 | 做好宣传。\n  R3 2 | 做好保障。 | 市财政局 | 年底前\n"},

		// ---- one cell per line without tabs ----
		{"cells one per line without tabs, rows set apart by blank lines",
			"附件\n\n序号\n重点任务\n牵头单位\n配合单位\n\n1\n加强领导。\n市应急局\n市公安局\n\n二、保障措施\n\n2\n做好宣传。\n市委宣传部\n市文明办\n\n抄送：市委办公室。\n",
			"L1 附件\nT3\n  R3 序号 | 重点任务@4 | 牵头单位@5 | 配合单位@6\n  R8 1 | 加强领导。@9 | 市应急局@10 | 市公安局@11\n  R13 二、保障措施\n  R15 2 | 做好宣传。@16 | 市委宣传部@17 | 市文明办@18\nL20 抄送：市委办公室。\n"},
		// ---- one row per line, cells set apart by single spaces ----
		{"space-separated rows under a letter-spaced header",
			"附表\n序号 工 作 任 务 牵头负责部门\n1 居民收入增长6%左右 人力资源社会保障部\n2 新建 高标准农田8000万亩 农业农村部\n正文。\n",
			"L1 附表\nT2\n  R2 序号 | 工作任务 | 牵头负责部门\n  R3 1 | 居民收入增长6%左右 | 人力资源社会保障部\n  R4 2 | 新建 高标准农田8000万亩 | 农业农村部\nL5 正文。\n"},
		{"space-separated columns after the task, one word each",
			"序号 主要任务 牵头单位 完成时限\n1 建成 5G 基站 市工信局 年底前\n2 改造老旧小区 市住建局 6月底前\n",
			"T1\n  R1 序号 | 主要任务 | 牵头单位 | 完成时限\n  R2 1 | 建成 5G 基站 | 市工信局 | 年底前\n  R3 2 | 改造老旧小区 | 市住建局 | 6月底前\n"},
		{"a line of words under the rows is no row",
			"序号 工作任务 责任单位\n1 做好宣传 市委宣传部\n2 做好保障 市财政局\n3 各地 要认真 落实\n",
			"T1\n  R1 序号 | 工作任务 | 责任单位\n  R2 1 | 做好宣传 | 市委宣传部\n  R3 2 | 做好保障 | 市财政局\nL4 3 各地 要认真 落实\n"},
		{"a header of names with one row is no table",
			"序号 工作任务 责任单位\n1 做好宣传 市委宣传部\n正文。\n",
			"L1 序号 工作任务 责任单位\nL2 1 做好宣传 市委宣传部\nL3 正文。\n"},

		// ---- one cell per line, rows not set apart ----
		{"a stream of cells with a column of groups and cells merged over rows",
			"类 别\n指 标\n目标值\n责任单位\n经济发展\n地区生产总值增长率\n7%\n县发改局县统计局\n一般公共预算收入增长率\n6%\n县财政局\n税收收入占比\n80%\n社会民生\n城镇新增就业人数\n3000人\n县人社局\n城镇登记失业率\n3.5%\n",
			"T1\n  R1 类 别 | 指 标@2 | 目标值@3 | 责任单位@4\n  R5 经济发展 | 地区生产总值增长率@6 | 7%@7 | 县发改局县统计局@8\n  R9  | 一般公共预算收入增长率 | 6%@10 | 县财政局@11\n  R12  | 税收收入占比 | 80%@13 | \n  R14 社会民生 | 城镇新增就业人数@15 | 3000人@16 | 县人社局@17\n  R18  | 城镇登记失业率 | 3.5%@19 | \n"},
		{"a stream whose first row shows a column the header does not name",
			"项 目\n分值\n责任单位\n经济发展\n地区生产总值增长率\n3\n区发改局\n工业投资\n2\n",
			"T1\n  R1 项 目×2 | 分值@2 | 责任单位@3\n  R4 经济发展 | 地区生产总值增长率@5 | 3@6 | 区发改局@7\n  R8  | 工业投资 | 2@9 | \n"},
		{"a stream of duties, a row short of a cell, a heading across the table",
			"序号\n重点任务\n牵头单位\n配合单位\n1\n推进老旧小区改造。\n市住建局\n市财政局\n2\n加快城中村改造。\n市自然资源局\n二、民生保障\n3\n扩大就业。\n市人社局\n市教育局、市财政局\n",
			"T1\n  R1 序号 | 重点任务@2 | 牵头单位@3 | 配合单位@4\n  R5 1 | 推进老旧小区改造。@6 | 市住建局@7 | 市财政局@8\n  R9 2 | 加快城中村改造。@10 | 市自然资源局@11 | \n  R12 二、民生保障\n  R13 3 | 扩大就业。@14 | 市人社局@15 | 市教育局、市财政局@16\n"},
		{"a caption right above the header is no column name",
			"重点任务清单\n序号\n工作任务\n责任单位\n完成时限\n1\n推进老旧小区改造。\n市住建局、各县（市、区）人民政府\n2024年12月底前\n2\n加快燃气管网改造。\n市住建局\n",
			"L1 重点任务清单\nT2\n  R2 序号 | 工作任务@3 | 责任单位@4 | 完成时限@5\n  R6 1 | 推进老旧小区改造。@7 | 市住建局、各县（市、区）人民政府@8 | 2024年12月底前@9\n  R10 2 | 加快燃气管网改造。@11 | 市住建局@12 | \n"},
		{"column names over too few cells stay paragraphs",
			"工作任务\n责任单位\n完成时限\n各单位要认真落实。\n",
			"L1 工作任务\nL2 责任单位\nL3 完成时限\nL4 各单位要认真落实。\n"},
		{"short lines of a body are no header",
			"一、总体要求\n（一）工作目标\n（二）工作任务\n\n正文。\n",
			"L1 一、总体要求\nL2 （一）工作目标\nL3 （二）工作任务\nL5 正文。\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := txt.Read([]byte(c.in), "a.txt")
			if err != nil {
				t.Fatal(err)
			}
			if got := layout(d); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestTablePositions(t *testing.T) {
	d, err := txt.Read([]byte("甲\t乙\n丙\t丁\n\n正文。\n\t戊\n\t己\n"), "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				got = append(got, r.Pos.String()+"/"+fmt.Sprint(r.Pos.Line))
			}
		}
	}
	if strings.Join(got, ", ") != "表1第1行/1, 表1第2行/2, 表2第1行/5" {
		t.Errorf("positions %v", got)
	}
	if d.Format != "txt" || d.Encoding != "UTF-8" || d.Name != "a.txt" {
		t.Errorf("document %q %q %q", d.Format, d.Encoding, d.Name)
	}
}

func TestDecodeErrors(t *testing.T) {
	if _, err := txt.Read([]byte("  \n"), "a.txt"); !errors.Is(err, decode.ErrEmpty) {
		t.Errorf("empty file: %v", err)
	}
}

func ExampleRead() {
	d, _ := txt.Read([]byte("一、总则\n序号\t工作任务\t责任单位\n1\t加强领导。\t市应急局\n"), "notice.txt")
	for _, b := range d.Blocks {
		if b.IsTable() {
			fmt.Println(b.Pos, "table of", len(b.Table.Rows), "rows")
			continue
		}
		fmt.Println(b.Pos, b.Text)
	}
	// Output:
	// 第1行 一、总则
	// 第2行 table of 2 rows
}
