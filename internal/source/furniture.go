package source

import "regexp"

// PageEndRe opens the lines a portal page sets after its article: links
// to share or print it, a code to scan, the next and previous pages,
// related files. One list for the readers (a table ends there) and the
// grammar (such a line is no notice).
var PageEndRe = regexp.MustCompile(`^\s*[【\[]?\s*(?:分享到|打印本页|打印】|关闭窗口|扫一扫|用手机扫|手机扫描|上一篇|下一篇|上一条|下一条|相关文件|相关链接|相关新闻|相关稿件|相关解读|附件下载)`)

// OtherBodyEnds end the names of bodies outside government that a list of
// units may hold: companies and associations (城投集团, 燃气公司, 物流协会).
// The unit grammar keeps them as units with a warning; the text reader
// counts them as names when it tells a cell of units.
var OtherBodyEnds = []string{"公司", "集团", "协会", "学会", "商会", "联合会", "促进会", "研究会", "基金会", "企业", "合作社"}
