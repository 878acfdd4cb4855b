package html_test

import (
	"fmt"

	"qingdan/internal/source/html"
)

func ExampleRead() {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zhengce/">政策</a></div>
<table><tr><td><b>索 引 号：</b></td><td>000014349/2018-00212</td><td><b>主题分类：</b></td><td>劳动、人事、监察\劳动就业</td></tr></table>
<div id="UCAP-CONTENT">
<p>国务院关于做好当前和今后一个时期促进就业工作的若干意见</p>
<p>（一）加大稳岗支持力度。对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。（人力资源社会保障部、财政部负责）</p>
</div>
<div class="footer">扫一扫在手机打开当前页</div></body></html>`
	doc, err := html.Read([]byte(page), "page.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range doc.Meta {
		fmt.Printf("%s: %s\n", f.Name, f.Value)
	}
	for _, b := range doc.Blocks {
		fmt.Printf("%s: %.20s…\n", b.Pos, b.Text)
	}
	// Output:
	// 索引号: 000014349/2018-00212
	// 主题分类: 劳动、人事、监察\劳动就业
	// 第1段: 国务院关于做好当前和今后一个时期促进就业…
	// 第2段: （一）加大稳岗支持力度。对不裁员或少裁员…
}
