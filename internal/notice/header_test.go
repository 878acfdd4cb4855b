package notice_test

import (
	"strings"
	"testing"

	"qingdan/internal/notice"
)

// The chrome of portal pages never reaches the header, whatever page it
// was copied from; the fields the page names fill it. Each case is the top
// of a page as offices copy it, above the same short body.
func TestPortalChrome(t *testing.T) {
	const body = "一、重点任务\n（一）推进改革。深化改革。（市发展改革委负责）\n"
	cases := []struct {
		name, top                            string
		doc, issuer, title, date, recipients string
	}{
		{"links and the site's name", "返回首页\n设为首页 加入收藏 长者版\n宁远市人民政府门户网站\n宁远市人民政府关于做好春耕生产的通知\n宁政发〔2024〕3号\n各县（市、区）人民政府：\n",
			"宁政发〔2024〕3号", "宁远市人民政府", "宁远市人民政府关于做好春耕生产的通知", "", "各县（市、区）人民政府"},
		{"breadcrumbs on two lines", "当前位置首页\n> 政务公开 > 法定主动公开内容 > 政策文件\n发布机构 宁远县农业农村局 组配分类 政策文件\n成文日期 2024-02-01 废止日期\n有效性\n2024年全县春耕生产任务清单\n",
			"", "宁远县农业农村局", "2024年全县春耕生产任务清单", "2024-02-01", ""},
		{"labels without colons, two a line", "政府信息公开\n发文字号 宁农〔2024〕5号 主题分类 农业\n发文单位 宁远市农业农村局 效力状态 有效\n发文日期 2024-02-03 发布日期 2024-02-05\n宁远市农业农村局关于做好春耕生产的通知\n发布时间：2024-02-05 09:30 字号：[ 大 中 小 ]\n各县（市、区）农业农村局：\n",
			"宁农〔2024〕5号", "宁远市农业农村局", "宁远市农业农村局关于做好春耕生产的通知", "2024-02-03", "各县（市、区）农业农村局"},
		{"an empty 文号 field", "- 设为首页\n- 无障碍阅读\n名 称：区人民政府办公室 关于做好春耕生产的通知\n文 号： 文件分类：农业 所属机构：\n区人民政府办公室 关于做好春耕生产的通知\n",
			"", "区人民政府办公室", "区人民政府办公室关于做好春耕生产的通知", "", ""},
		{"the site and column before the title", "页面：\n字体：\n对比度：\n宁远市人民政府门户网站 宁远市农业农村局 文件通知 宁远市农业农村局关于做好<br/>春耕生产的通知\n来源：本网   时间：2024-02-05 17:12:40   浏览：-\n字号：\n宁农〔2024〕6号\n",
			"宁农〔2024〕6号", "宁远市农业农村局", "宁远市农业农村局关于做好春耕生产的通知", "", ""},
		{"a law database page", "法规库\n国务院办公厅关于做好春耕生产的通知\n国办函[2024]9号\n颁布时间：2024-02-06 00:00:00.000 发文单位：国务院办公厅\n中国政府网\n国务院有关部门：\n",
			"国办函[2024]9号", "国务院办公厅", "国务院办公厅关于做好春耕生产的通知", "2024-02-06", "国务院有关部门"},
		{"the page's date above the title", "2024-02-05 10:00 来源：宁远市人民政府办公室\n宁远市人民政府办公室关于做好春耕生产的通知\n",
			"", "宁远市人民政府办公室", "宁远市人民政府办公室关于做好春耕生产的通知", "", ""},
		{"a breadcrumb of two steps", "首页 > 政务公开\n宁远市人民政府关于做好春耕生产的通知\n",
			"", "宁远市人民政府", "宁远市人民政府关于做好春耕生产的通知", "", ""},
		{"letter-spaced links, an IPv6 line, a file's name", "返 回\n繁体 | 本网站已经支持IPV6\n3.宁远市春耕生产工作方案.docx\n宁远市人民政府关于做好春耕生产的通知\n各县（市、区）人民政府：\n",
			"", "宁远市人民政府", "宁远市人民政府关于做好春耕生产的通知", "", "各县（市、区）人民政府"},
		{"links set apart by bars are no table", "网站首页 | 政务公开 | 政策文件\n繁体 | 本网站已经支持IPV6\n宁远市人民政府关于做好春耕生产的通知\n各县（市、区）人民政府：\n",
			"", "宁远市人民政府", "宁远市人民政府关于做好春耕生产的通知", "", "各县（市、区）人民政府"},
		{"a 文号 in brackets on its own line", "中共宁远市委关于做好春耕生产的通知\n（宁委发（2024）7号）\n各县（市、区）委：\n",
			"宁委发（2024）7号", "中共宁远市委", "中共宁远市委关于做好春耕生产的通知", "", "各县（市、区）委"},
		{"the title printed twice, key and value on a line", "索 引 号  113/2024-0007  发布机构  宁远市农业农村局\n存放位置   公开日期  2024-02-05\n信息名称  2024年春耕生产任务分工-市农业农村局\n2024年春耕生产任务分工-市农业农村局\n2024-02-05   作者： 点击数：\n",
			"", "宁远市农业农村局", "2024年春耕生产任务分工-市农业农村局", "", ""},
		{"a title twice, a line between", "宁远县农业农村局2024年春耕生产任务分解表\n当前位置： 首页 > 信息公开\n宁远县农业农村局2024年春耕生产任务分解表\n",
			"", "", "宁远县农业农村局2024年春耕生产任务分解表", "", ""},
		{"a table's caption, the page's full name", "名 称： 宁远市农业农村局2024年春耕生产任务台账\n发文日期： 2024年02月16日\n2024 年春耕生产任务台账\n",
			"", "", "宁远市农业农村局2024年春耕生产任务台账", "2024-02-16", ""},
		{"the page's title with its 文号, the text's without the issuer", "标题：宁远市人民政府办公室关于做好春耕生产的通知（宁政办发〔2024〕3号）\n发布日期：2024-02-06\n关于做好春耕生产的通知\n各县（市、区）人民政府，市政府各部门：\n",
			"宁政办发〔2024〕3号", "宁远市人民政府办公室", "关于做好春耕生产的通知", "", "各县（市、区）人民政府，市政府各部门"},
		{"the page's title with its 文号 alone", "标题：宁远市人民政府办公室关于做好春耕生产的通知（宁政办发（2024）3号）\n发布日期：2024-02-06\n各县（市、区）人民政府：\n",
			"宁政办发（2024）3号", "宁远市人民政府办公室", "宁远市人民政府办公室关于做好春耕生产的通知", "", "各县（市、区）人民政府"},
		{"a repost site's name", "【chunyun.com-春耕信息门户网】\n宁远市做好春耕生产实施意见\n（2024年2月7日）\n",
			"", "", "宁远市做好春耕生产实施意见", "2024-02-07", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := notice.Parse([]byte(c.top+body), "page.txt")
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join([]string{n.DocNumber, n.Issuer, n.Title, n.Date, n.Recipients}, " | ")
			want := strings.Join([]string{c.doc, c.issuer, c.title, c.date, c.recipients}, " | ")
			if got != want {
				t.Errorf("header\n got %s\nwant %s", got, want)
			}
			for _, p := range n.Preamble {
				if strings.ContainsAny(p, ">") || strings.Contains(p, "首页") || strings.Contains(p, "字号") {
					t.Errorf("chrome in the preamble: %q", p)
				}
			}
			if len(n.Tasks) != 1 {
				t.Errorf("%d tasks, want 1", len(n.Tasks))
			}
		})
	}
}

// The furniture a page sets after the article is no closing word of the
// notice.
func TestPageEnd(t *testing.T) {
	const text = "宁远市人民政府关于做好春耕生产的通知\n一、重点任务\n（一）推进改革。深化改革。（市发展改革委负责）\n宁远市人民政府\n2024年2月3日\n【打印本页】 【关闭窗口】\n扫一扫在手机打开当前页\n上一篇：关于做好防汛工作的通知\n联系电话：0731-1234567\n"
	n, err := notice.Parse([]byte(text), "page.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Closing) != 1 || !strings.HasPrefix(n.Closing[0], "联系电话") {
		t.Errorf("closing %q", n.Closing)
	}
}

// A file's name is chrome only above the title; below it, as the
// attachments a notice lists, it is kept.
func TestAttachmentFileNames(t *testing.T) {
	const head = "临江市人民政府办公室关于做好春耕生产的通知\n临政办发〔2024〕3号\n各县（市、区）人民政府：\n为做好春耕生产，现就有关事项通知如下。\n一、加强组织领导\n（一）落实春耕责任。各地要压实责任（市农业农村局负责）。\n"
	const sign = "临江市人民政府办公室\n2024年2月5日\n"
	cases := []struct{ name, text, want string }{
		{"one file", head + "附件：临江市春耕生产工作方案.docx\n" + sign, "临江市春耕生产工作方案.docx"},
		{"two files", head + "附件：1.临江市春耕生产工作方案.docx\n      2.临江市农资供应保障表.xlsx\n" + sign,
			"1.临江市春耕生产工作方案.docx|2.临江市农资供应保障表.xlsx"},
		{"after the signature", head + sign + "附件：临江市农资供应保障表.xlsx\n", "临江市农资供应保障表.xlsx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := notice.Parse([]byte(c.text), "page.txt")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(n.Attachments, "|"); got != c.want {
				t.Errorf("attachments %q, want %q", got, c.want)
			}
		})
	}
}

// Entries that give their roles in clauses (由李红副市长负责，市住建局牵头，…)
// are duties however few: two of them give two tasks, the leader a field.
func TestRoleClauseEntries(t *testing.T) {
	const text = "宁远市人民政府关于争取国家部委支持重点事项的分工意见\n1、在宁远设立农村改革试验区事宜\n由王建国副市长负责，市农业农村局牵头，相关部门配合，尽快完成试验区实施方案。\n2、城市地下综合管廊项目\n由副市长李红负责，市住建局牵头，市发展改革委、市财政局配合，充实完善项目前期工作。\n"
	n, err := notice.Parse([]byte(text), "page.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range n.Tasks {
		var f []string
		for _, fl := range x.Fields {
			f = append(f, fl.Name+"="+fl.Value)
		}
		var us []string
		for _, a := range x.Units {
			us = append(us, a.Name+"/"+string(a.Role))
		}
		got = append(got, strings.Join(us, "、")+" "+strings.Join(f, ","))
	}
	want := "市农业农村局/lead、相关部门/cooperate 责任领导=王建国副市长|市住建局/lead、市发展改革委/cooperate、市财政局/cooperate 责任领导=副市长李红"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("tasks\n got %s\nwant %s", g, want)
	}
}
