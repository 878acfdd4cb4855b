package txt

import (
	"strings"
	"testing"
)

// Only the bar lines of a table become cells; a page's links set apart by
// bars, above the notice or under the table, and a bar in running text
// stay as written.
func TestUnpipe(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"a table, then the page's links",
			"| 序号 | 重点工作任务 | 牵头单位 |\n| --- | --- | --- |\n| 1 | 推进老旧小区改造。 | 区住建局 |\n宁远区人民政府\n分享到： 微信 | 微博 | QQ空间\n【打印本页】 | 【关闭窗口】\n上一篇 | 下一篇",
			"序号\t重点工作任务\t牵头单位\n1\t推进老旧小区改造。\t区住建局\n宁远区人民政府\n分享到： 微信 | 微博 | QQ空间\n【打印本页】 | 【关闭窗口】\n上一篇 | 下一篇"},
		{"links above, cells a line below",
			"首页 | 政务公开\n附件\n序号 |\n工作任务 |\n责任单位 |\n|\n1 |\n推进改革。 |\n市发改委 |",
			"首页 | 政务公开\n附件\n序号\n工作任务\n责任单位\n1\n推进改革。\n市发改委"},
		{"two tables, text between",
			"| 序号 | 任务 | 责任单位 |\n| 1 | 甲。 | 市发改委 |\n说明：以上为第一批。\n上一篇 | 下一篇\n| 序号 | 任务 | 责任单位 |\n| 1 | 乙。 | 市财政局 |",
			"序号\t任务\t责任单位\n1\t甲。\t市发改委\n说明：以上为第一批。\n上一篇 | 下一篇\n序号\t任务\t责任单位\n1\t乙。\t市财政局"},
		{"metadata rows of every label the grammar knows",
			"| 索引号 | 113/2023-00077 | 信息名称 | 宁远区人民政府关于做好春耕生产的通知 |\n| 制发机关 | 宁远区人民政府 | 成文时间 | 2023年02月10日 |\n| 发文文号 | 宁区政发〔2023〕5号 |\n| 图片 | 说明 |",
			"索引号：113/2023-00077 信息名称：宁远区人民政府关于做好春耕生产的通知\n制发机关：宁远区人民政府 成文时间：2023年02月10日\n发文文号：宁区政发〔2023〕5号\n| 图片 | 说明 |"},
		{"metadata rows with labels of one portal, right above the header",
			"索引号 | 0001/2022-1 | 组织机构 | 区政府办公室 |\n发布机关 | 区政府 | 生成日期 | 2022-07-14 |\n序号 | 实事项目 | 责任单位 | 配合单位 |\n1 | 新建公园2个。 | 园林局 | 财政局 |",
			"索引号：0001/2022-1 组织机构：区政府办公室\n发布机关：区政府 生成日期：2022-07-14\n序号\t实事项目\t责任单位\t配合单位\n1\t新建公园2个。\t园林局\t财政局"},
		{"a known label ending in 单位 like a units column, in a row of pairs, is metadata",
			"发布单位 | 区政府 | 发文日期 | 2022-07-14 |\n公开范围 | 全文公开 | 公开时限 | 长期公开 |\n序号 | 实事项目 | 责任单位 | 配合单位 |\n1 | 新建公园2个。 | 园林局 | 财政局 |",
			"发布单位：区政府 发文日期：2022-07-14\n公开范围：全文公开 公开时限：长期公开\n序号\t实事项目\t责任单位\t配合单位\n1\t新建公园2个。\t园林局\t财政局"},
		{"a units column in a value's place keeps a header a header, known label or not",
			"发布单位 | 责任单位 |\n1 | 园林局 |",
			"发布单位\t责任单位\n1\t园林局"},
		{"a header with a column of a metadata label is a header",
			"序号 | 时间 | 责任单位 | 工作任务 |\n1 | 3月 | 园林局 | 新建公园2个。 |",
			"序号\t时间\t责任单位\t工作任务\n1\t3月\t园林局\t新建公园2个。"},
		{"pairs of words none of which labels metadata are a table's rows",
			"项目 | 内容 | 单位 | 备注 |\n序号 | 工作任务 | 责任单位 |\n1 | 新建公园。 | 园林局 |",
			"项目\t内容\t单位\t备注\n序号\t工作任务\t责任单位\n1\t新建公园。\t园林局"},
		{"a cell a line, rows shorter than the header, cut at their numbers",
			"序号 |\n项目 |\n年度目标 |\n分管领导 |\n牵头单位 |\n7 |\n新建公园。 |\n王 五 |\n区城管局 |\n||\n8 |\n改造小区。 |\n李四 |\n区住建局 |\n|",
			"序号\n项目\n年度目标\n分管领导\n牵头单位\n\n7\n新建公园。\n王 五\n区城管局\n\n8\n改造小区。\n李四\n区住建局"},
		{"a number that is a value, not the next row's, leaves the rows to their kinds",
			"序号 |\n任务 |\n分值 |\n责任单位 |\n1 |\n新建公园。 |\n2 |\n区城管局 |\n2 |\n改造小区。 |\n3 |\n区住建局 |",
			"序号\n任务\n分值\n责任单位\n1\n新建公园。\n2\n区城管局\n2\n改造小区。\n3\n区住建局"},
		{"a bar in running text, no table", "请登录A|B系统填报。\n上一篇 | 下一篇", "请登录A|B系统填报。\n上一篇 | 下一篇"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, l := range unpipe(splitLines(c.in)) {
				got = append(got, l.text)
			}
			if g := strings.Join(got, "\n"); g != c.want {
				t.Errorf("got\n%s\nwant\n%s", g, c.want)
			}
		})
	}
}
