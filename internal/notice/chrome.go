package notice

import (
	"regexp"
	"strings"
	"unicode"

	"qingdan/internal/source"
)

// A notice saved or copied from a portal page brings the page's chrome
// above the notice: links (返回首页, 设为首页, 长者版), the site's name
// (中国政府网, 【…门户网】), breadcrumbs (当前位置：首页 > 政务公开 > …), the
// column the page sits in (法规库, 政府信息公开), display settings (字体：,
// 对比度：, 字号：[ 大 中 小 ]). None of it is the notice: the header drops
// these lines, and a title line that opens with the site's name and
// column (梅州市人民政府门户网站 梅州市应急管理局 文件通知 梅州市…的通知) keeps
// only the title.

// chromeWords are the words a line of page chrome is made of.
var chromeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`返回 返回首页 返回顶部 返回列表 首页 网站首页 设为首页 加入收藏 收藏本站 收藏 无障碍阅读 无障碍浏览 无障碍 长者版 关怀版 适老版 老年版
		简体 繁体 繁體 简 繁 English 网站地图 登录 注册 用户登录 打印 打印本页 打印此页 关闭 关闭窗口 关闭本页 分享 分享到 微信 微博 QQ空间
		法规库 政策库 法律法规库 政策法规 政府信息公开 信息公开 政务公开 政府公开 政策文件 政府文件 文件通知 通知公告 政策解读 规范性文件
		搜索 站内搜索 高级搜索 手机版 移动版 智能问答 扫一扫 大 中 小 默认 字体 字号 页面 对比度 语音播报 阅读模式 背景色 放大 缩小 鼠标样式 纯文本`) {
		m[w] = true
	}
	return m
}()

var (
	// breadcrumbRe opens a line that says where the page is.
	breadcrumbRe = regexp.MustCompile(`^(?:当前位置|您现在的位置|您的位置|您当前的位置|所在位置|现在位置)`)
	// crumbSepRe separates the steps of a breadcrumb.
	crumbSepRe = regexp.MustCompile(`\s*(?:>|»|›|→|＞|>>)\s*`)
	// siteNameRe ends the name of a web site: 中国政府网, 梅州市人民政府门户网站.
	siteNameRe = regexp.MustCompile(`(?:门户网站|门户网|政府网|网站|信息网|在线|网)$`)
	// domainRe is a web address written in a line: 23xiu.com, www.gov.cn.
	domainRe = regexp.MustCompile(`(?i)[a-z0-9-]+\.(?:com|cn|net|org|gov|edu)\b`)
	// columnNameRe ends the name of a column of a portal: 文件通知, 政策文件.
	columnNameRe = regexp.MustCompile(`(?:文件通知|通知公告|政策文件|政府文件|规范性文件|部门文件|政务公开|信息公开|政府信息公开|法规库|政策库|首页)$`)
	// ipv6Re is the line a portal sets to say it serves IPv6 (繁体 |
	// 本网站已经支持IPV6).
	ipv6Re = regexp.MustCompile(`(?i)支持\s*IPV6`)
	// fileNameRe is the name of a downloaded file standing on its line
	// (17.某某方案.docx).
	fileNameRe = regexp.MustCompile(`(?i)\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar)$`)
	// markupRe is HTML markup copied as text: <br/>, </p>.
	markupRe = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*\s*/?>`)
)

// isChrome reports a header line that is page chrome, not notice.
func isChrome(l line) bool {
	t := strings.TrimSpace(l.norm)
	t = strings.TrimLeft(t, "-·•*|· ")
	if t == "" {
		return false
	}
	if breadcrumbRe.MatchString(t) || isBreadcrumb(t) {
		return true
	}
	if domainRe.MatchString(t) && runeLen(t) <= 60 && !sentenceRe.MatchString(t) && !strings.ContainsAny(t, "：@") {
		return true
	}
	if source.PageEndRe.MatchString(t) && runeLen(t) <= 40 {
		return true
	}
	if ipv6Re.MatchString(t) && runeLen(t) <= 80 {
		return true
	}
	bare := strings.Trim(t, "【】[]「」 ")
	if runeLen(bare) <= 16 && siteNameRe.MatchString(bare) && !strings.ContainsAny(bare, "，。：；、") {
		return true
	}
	return chromeOnly(t)
}

// isFileNameChrome reports the name of a downloaded file standing on its
// line above the title (17.某某方案.docx). Below the title such a line is an
// attachment, so the caller asks only there; a line opening with 附件 is
// one wherever it stands.
func isFileNameChrome(l line) bool {
	t := strings.TrimSpace(l.norm)
	return fileNameRe.MatchString(t) && runeLen(t) <= 80 && !strings.HasPrefix(t, "附件")
}

// isBreadcrumb reports a line of steps separated by >: 首页 > 政务公开 >
// 重点领域, or > 政务公开 > … where the first step stood on the line above.
func isBreadcrumb(t string) bool {
	steps := crumbSepRe.Split(t, -1)
	if len(steps) < 3 && !(len(steps) == 2 && (steps[0] == "" || steps[0] == "首页" || steps[0] == "网站首页")) {
		return false
	}
	for _, s := range steps {
		if runeLen(s) > 20 || sentenceRe.MatchString(s) {
			return false
		}
	}
	return true
}

// chromeOnly reports a line made only of chrome words, with the marks
// pages set between them (- | 【】 [ ] ：).
func chromeOnly(t string) bool {
	words := strings.FieldsFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("-|·•【】[]（）()：:/、，", r)
	})
	if len(words) == 0 {
		return false
	}
	// 返 回: a chrome word letter-spaced.
	if spaced := strings.Join(words, ""); len(words) > 1 && chromeWords[spaced] && runeLen(spaced) == len(words) {
		return true
	}
	for _, w := range words {
		if !chromeWords[w] {
			return false
		}
	}
	return true
}

// titleOfCrumbs returns the title a line holds after the site's name and
// column: 梅州市人民政府门户网站 梅州市应急管理局 文件通知 梅州市…的通知 is
// 梅州市…的通知. A line without them is returned as it is.
func titleOfCrumbs(t string) string {
	parts := strings.Fields(t)
	if len(parts) < 2 {
		return t
	}
	last := -1
	for i, p := range parts[:len(parts)-1] {
		if siteNameRe.MatchString(p) || columnNameRe.MatchString(p) || chromeWords[p] {
			last = i
		}
	}
	if last < 0 {
		return t
	}
	return strings.Join(parts[last+1:], " ")
}

// joinHan removes the white space a page lays between Chinese characters
// (区人民政府办公室 关于印发…, 通 知) and the markup copied with the text.
func joinHan(t string) string {
	t = markupRe.ReplaceAllString(t, "")
	runes := []rune(t)
	var b strings.Builder
	for i, r := range runes {
		if unicode.IsSpace(r) && i > 0 && i+1 < len(runes) && isHanOrMark(runes[i-1]) && isHanOrMark(nextNonSpace(runes[i+1:])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func nextNonSpace(rs []rune) rune {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return r
		}
	}
	return ' '
}

// isHanOrMark reports a Chinese character or a full-width mark (《》“”).
func isHanOrMark(r rune) bool {
	return unicode.Is(unicode.Han, r) || strings.ContainsRune("《》“”‘’（）〔〕【】，、：；。", r)
}
