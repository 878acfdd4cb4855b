package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The pages a site mostly consists of (a notice's overview, full text,
// matrix, sections, items and tasks, and the units' pages) are also
// written here in Go, giving the same bytes as the shipped templates:
// html/template costs a reflective call and an escaper per value, and
// these pages took a third of a build. Each writer holds the digest of
// the template text it mirrors and is used only when both base.html and
// the page's template have exactly that text; a site with its own
// templates gets them executed. fast_test.go checks the digests and
// renders sites both ways, byte for byte.

// fastPage writes a whole page; it reports false, having written
// nothing, for a page it does not handle.
type fastPage func(r *renderer, w *pageWriter, p *Page) bool

type fastEntry struct {
	digest string // sha256 of the page template's text
	write  fastPage
}

// baseDigest is the sha256 of the base.html the frame below mirrors.
const baseDigest = "ba115f14315f38cab0571faa272a8c66d3a0df923b1a35de4e3fcf30341d58de"

var fastPages = map[string]fastEntry{
	"task.html":    {"11230af9ce6e27a1d4975a5e32d8e5df67c7b61c0e447e57b4b2ce1b59546424", (*renderer).fastTask},
	"item.html":    {"09cae6aecb14f5dbfe129009dccbdb9c47c933826c586c9da2da65a5bcd8a250", (*renderer).fastItem},
	"section.html": {"4f320157e170be783e937d94ed58d2ac9fdb311d0f383832d4ec94ac8069bbdf", (*renderer).fastSection},
	"unit.html":    {"04e5c485b9fd117e45d6e5c81393028f8b3282937d8147c0a41e317742ce4bf7", (*renderer).fastUnit},
	"notice.html":  {"55f967cac372fd712834cfca90278c12d8097ae2fe8beea2eaa26afe0e7b837b", (*renderer).fastNotice},
	"full.html":    {"532f82c5279add74eecc96d3320c2c2bbf9d0f2b05a22844ab74a80b17b24995", (*renderer).fastFull},
	"matrix.html":  {"388eb570724339bd3341188ec7330bc0675765b6bbe75d227cefb2529931e09d", (*renderer).fastMatrix},
	"changes.html": {"dd20307580ebd2f8f68e7fc76bc191182a6f1cd338819e0d0fd284128c980dac", (*renderer).fastChanges},
}

func digestOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// fastWriters picks the Go writers whose templates are the shipped ones.
func fastWriters(base []byte, pages map[string][]byte) map[string]fastPage {
	out := map[string]fastPage{}
	if digestOf(base) != baseDigest {
		return out
	}
	for name, e := range fastPages {
		if src, ok := pages[name]; ok && digestOf(src) == e.digest {
			out[name] = e.write
		}
	}
	return out
}

// pageWriter writes HTML with the escaping html/template gives each
// context.
type pageWriter struct {
	bytes.Buffer
	root string
}

// newPageWriter returns an empty writer for a page, from the writers of
// pages already handed over when the files are streamed (Options.Emit).
func (r *renderer) newPageWriter(p *Page) *pageWriter {
	w, _ := r.writers.Get().(*pageWriter)
	if w == nil {
		w = &pageWriter{}
		w.Grow(16 << 10) // most pages are 8 to 16 KB
	}
	w.root = p.Root
	return w
}

// donePage takes back a writer whose bytes are no longer needed.
func (r *renderer) donePage(w *pageWriter) {
	if r.opt.Emit != nil {
		w.Reset()
		r.writers.Put(w)
	}
}

// raw writes markup as is.
func (w *pageWriter) raw(s string) { w.WriteString(s) }

// text writes a value in text or a quoted attribute, as html/template's
// HTML escaper does (it escapes + too, unlike template.HTMLEscapeString).
func (w *pageWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		last = i + 1
	}
	w.WriteString(s[last:])
}

func (w *pageWriter) int(n int) { w.WriteString(strconv.Itoa(n)) }

// href writes a site-relative link made relative to the page, as
// {{$.Rel x}} in an href gives it: filtered, normalised, escaped.
func (w *pageWriter) href(target string) {
	if !strings.HasPrefix(target, "#") {
		target = w.root + target
	}
	w.text(urlNormalise(target, true))
}

// fragment writes a value in the fragment part of a URL ({{x}} after #).
func (w *pageWriter) fragment(s string) { w.text(urlNormalise(s, false)) }

// urlNormalise percent-encodes what html/template's URL normaliser (norm)
// or escaper (not norm) encodes; a URL with a scheme other than http,
// https or mailto becomes #ZgotmplZ, as it filters them.
func urlNormalise(s string, norm bool) string {
	if norm {
		if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
			!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ"
		}
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[last:i])
		fmt.Fprintf(&b, "%%%02x", c)
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// frameStart writes base.html up to the page's content.
func (w *pageWriter) frameStart(p *Page) {
	w.raw("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	w.text(p.Title)
	if p.Title != p.Site.Title {
		w.raw(" · ")
		w.text(p.Site.Title)
	}
	w.raw("</title>\n<link rel=\"stylesheet\" href=\"")
	w.href("assets/style.css")
	w.raw("\">\n<link rel=\"icon\" href=\"")
	w.href("assets/icon.svg")
	w.raw("\" type=\"image/svg+xml\">\n\n</head>\n<body class=\"page-")
	w.text(p.Class)
	w.raw("\" data-root=\"")
	w.text(p.Root)
	w.raw("\">\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n<header class=\"site-header\">\n  <div class=\"wrap header-row\">\n    <a class=\"brand\" href=\"")
	w.href("index.html")
	w.raw("\">")
	w.text(p.Site.Title)
	w.raw("</a>\n    <nav class=\"site-nav\" aria-label=\"主导航\">\n      <a href=\"")
	w.href("index.html")
	w.raw("\"")
	w.current(p.Nav == "home")
	w.raw(">首页</a>")
	if len(p.Site.Notices) == 1 {
		w.raw("\n      <a href=\"")
		w.href(p.Site.Notices[0].Href)
		w.raw("\"")
		w.current(p.Nav == "notice")
		w.raw(">通知</a>")
	}
	w.raw("\n      <a href=\"")
	w.href("units/index.html")
	w.raw("\"")
	w.current(p.Nav == "units")
	w.raw(">责任单位</a>\n      <a href=\"")
	w.href("search.html")
	w.raw("\"")
	w.current(p.Nav == "search")
	w.raw(">搜索</a>\n    </nav>\n    <form class=\"search-box\" role=\"search\" action=\"")
	w.href("search.html")
	w.raw("\" method=\"get\">\n      <label class=\"visually-hidden\" for=\"site-q\">搜索</label>\n      <input id=\"site-q\" name=\"q\" type=\"search\" placeholder=\"搜索任务、单位，或拼音 yjj\" autocomplete=\"off\">\n      <button type=\"submit\">搜索</button>\n    </form>\n  </div>\n</header>")
	if len(p.Crumbs) > 0 {
		w.raw("\n<nav class=\"crumbs wrap\" aria-label=\"位置\">\n  <ol>")
		for _, c := range p.Crumbs {
			w.raw("<li>")
			w.anchor(c.Href, c.Label)
			w.raw("</li>")
		}
		w.raw("<li aria-current=\"page\">")
		w.text(p.Heading)
		w.raw("</li></ol>\n</nav>")
	}
	w.raw("\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
}

func (w *pageWriter) current(on bool) {
	if on {
		w.raw(" aria-current=\"page\"")
	}
}

// frameEnd writes base.html after the page's content.
func (w *pageWriter) frameEnd(p *Page) {
	w.raw("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\"><span>")
	w.text(p.Site.Title)
	w.raw("</span><a href=\"")
	w.href("units/index.html")
	w.raw("\">责任单位</a><a href=\"")
	w.href("search.html")
	w.raw("\">搜索</a></div>\n</footer>\n<script src=\"")
	w.href("assets/site.js")
	w.raw("\"></script>\n</body>\n</html>\n\n")
}

// noticeMeta writes the link to a page's notice that opens its header.
func (w *pageWriter) noticeMeta(n NoticeView) {
	w.linkMeta(NoticeLink{Title: n.Title, DocNumber: n.DocNumber, Href: n.Href})
}

func (r *renderer) fastTask(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(TaskPageView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<article class=\"task-page\">\n<header class=\"doc-head\">\n  <p class=\"doc-meta\">")
	w.noticeMeta(v.Notice)
	w.raw("</p>\n  <h1><span class=\"task-id\">")
	w.text(v.Task.Label)
	w.raw("</span> ")
	w.text(v.Task.Title)
	w.raw("</h1>\n  <p class=\"counts\">第 ")
	w.int(v.Position)
	w.raw(" / ")
	w.int(v.Count)
	w.raw(" 项任务 · 编号 ")
	w.text(v.Task.ID)
	if v.SubitemTitle != "" {
		w.raw(" · ")
		w.text(v.SubitemTitle)
	}
	w.raw("</p>\n</header>\n<section aria-labelledby=\"task-text-h\">\n  <h2 id=\"task-text-h\" class=\"visually-hidden\">任务内容</h2>\n  <div class=\"task-text\">")
	w.raw(string(v.Task.Text))
	w.raw("</div>\n  ")
	if len(v.Fields) > 0 {
		w.raw("<dl class=\"fields\">")
		for _, f := range v.Fields {
			w.raw("<div><dt>")
			w.text(f.Name)
			w.raw("</dt><dd>")
			w.text(f.Value)
			w.raw("</dd></div>")
		}
		w.raw("</dl>")
	}
	w.raw("\n</section>\n<section aria-labelledby=\"units-h\">\n  <h2 id=\"units-h\">责任单位</h2>\n  ")
	w.raw(string(r.unitList(p.Root, v.Task)))
	w.raw("\n  <p class=\"unit-text\">原文：")
	w.text(v.Task.UnitText)
	w.raw("</p>\n</section>\n")
	if v.BodyText != "" {
		w.raw("\n<section class=\"body-diff\" aria-labelledby=\"diff-h\">\n  <h2 id=\"diff-h\">正文表述</h2>\n  <p>分工表的表述与通知正文不完全一致。正文为：</p>\n  <blockquote>")
		w.text(v.BodyText)
		w.raw("</blockquote>\n  <p class=\"diff\">差异：")
		w.raw(string(v.Diff))
		w.raw("（<del>删除线</del>为正文，<ins>下划线</ins>为分工表）</p>\n</section>\n")
	}
	w.raw("\n")
	if v.Item.Href != "" {
		w.raw("\n<section aria-labelledby=\"item-h\">\n  <h2 id=\"item-h\">所属事项</h2>\n  <p><a href=\"")
		w.href(v.Item.Href)
		w.raw("\"><span class=\"label\">")
		w.text(v.Item.Label)
		w.raw("</span>")
		w.text(v.Item.Title)
		w.raw("</a>（")
		w.text(v.Section.Label)
		w.text(v.Section.Title)
		w.raw("）</p>\n</section>\n")
	}
	w.raw("\n<nav class=\"prev-next\" aria-label=\"上一项和下一项\">\n  ")
	if v.Prev != nil {
		w.raw("<a rel=\"prev\" href=\"")
		w.href(v.Prev.Href)
		w.raw("\">← ")
		w.text(v.Prev.Label)
		w.raw(" ")
		w.text(v.Prev.Title)
		w.raw("</a>")
	} else {
		w.raw("<span></span>")
	}
	w.raw("\n  ")
	if v.Next != nil {
		w.raw("<a rel=\"next\" href=\"")
		w.href(v.Next.Href)
		w.raw("\">")
		w.text(v.Next.Label)
		w.raw(" ")
		w.text(v.Next.Title)
		w.raw(" →</a>")
	}
	w.raw("\n</nav>\n</article>\n\n")
	w.frameEnd(p)
	return true
}

// cards writes the task cards of a list, or says there are none.
func (r *renderer) cards(w *pageWriter, p *Page, ts []TaskView, none bool) {
	for _, t := range ts {
		w.raw(string(r.taskCard(p.Root, t)))
	}
	if len(ts) == 0 && none {
		w.raw("<p class=\"muted\">本事项未列责任单位。</p>")
	}
}

func (r *renderer) fastItem(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(ItemPageView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<header class=\"doc-head\">\n  <p class=\"doc-meta\">")
	w.noticeMeta(v.Notice)
	w.raw(" › <a href=\"")
	w.href(v.Section.Href)
	w.raw("\">")
	w.text(v.Section.Label)
	w.text(v.Section.Title)
	w.raw("</a></p>\n  <h1><span class=\"label\">")
	w.text(v.Item.Label)
	w.raw("</span>")
	w.text(v.Item.Title)
	w.raw("</h1>\n  <p class=\"counts\">")
	w.int(len(v.Item.Tasks))
	w.raw(" 项任务 · <a href=\"")
	w.href(v.Notice.FullHref)
	w.raw("#")
	w.fragment(v.Item.Anchor)
	w.raw("\">在全文中查看</a></p>\n</header>\n<section class=\"item-text\" aria-label=\"正文\">\n  ")
	w.raw(string(v.Item.Lead))
	w.raw("\n  ")
	for _, sb := range v.Item.Subitems {
		w.subitem("  ", sb)
	}
	w.raw("\n</section>\n<h2>任务与责任单位</h2>\n")
	r.cards(w, p, v.Item.Tasks, true)
	w.raw("\n\n")
	w.frameEnd(p)
	return true
}

func (r *renderer) fastSection(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(SectionPageView)
	if !ok {
		return false
	}
	s := v.Section
	w.frameStart(p)
	w.raw("\n\n<header class=\"doc-head\">\n  <p class=\"doc-meta\">")
	w.noticeMeta(v.Notice)
	w.raw("</p>\n  <h1>")
	if s.Label != "" {
		w.raw("<span class=\"label\">")
		w.text(s.Label)
		w.raw("</span>")
	}
	w.text(s.Title)
	w.raw("</h1>\n  <p class=\"counts\">")
	w.int(len(s.Items))
	w.raw(" 项具体事项 · ")
	w.int(s.TaskCount)
	w.raw(" 项任务 · ")
	w.int(s.UnitCount)
	w.raw(" 个单位 · <a href=\"")
	w.href(v.Notice.FullHref)
	w.raw("#")
	w.fragment(s.Anchor)
	w.raw("\">在全文中查看</a></p>\n</header>\n")
	w.raw(string(s.Text))
	w.raw("\n")
	r.cards(w, p, s.Tasks, false)
	w.raw("\n")
	for _, it := range s.Items {
		w.raw("\n<section class=\"item-block\" aria-labelledby=\"")
		w.text(it.Anchor)
		w.raw("\">\n  <h2 id=\"")
		w.text(it.Anchor)
		w.raw("\"><a href=\"")
		w.href(it.Href)
		w.raw("\"><span class=\"label\">")
		w.text(it.Label)
		w.raw("</span>")
		w.text(it.Title)
		w.raw("</a></h2>\n  ")
		r.cards(w, p, it.Tasks, true)
		w.raw("\n</section>\n")
	}
	w.raw("\n\n")
	w.frameEnd(p)
	return true
}

// roleName writes the coloured name of a role.
func (w *pageWriter) roleName(role, label string) {
	w.raw("<span class=\"role-name ")
	w.text("role-" + role)
	w.raw("\">")
	w.text(label)
	w.raw("</span>")
}

func (r *renderer) fastUnit(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(UnitView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<header class=\"doc-head unit-head\">\n  <p class=\"doc-meta\">")
	w.text(v.Kind)
	w.raw("</p>\n  <h1>")
	w.text(v.Name)
	w.raw("</h1>\n  ")
	if v.Of != nil {
		w.raw("<p class=\"unit-of\">在<a href=\"")
		w.href(v.Of.Href)
		w.raw("\">")
		w.text(v.Of.DocNumber)
		w.raw(" ")
		w.text(v.Of.Title)
		w.raw("</a>中的任务 · <a class=\"no-print\" href=\"")
		w.href(v.Href)
		w.raw("\">本单位全部通知</a></p>")
	}
	w.raw("\n  ")
	if len(v.Aliases) > 0 {
		w.raw("<p class=\"aliases\">又称：")
		w.text(strings.Join(v.Aliases, "、"))
		w.raw("</p>")
	}
	w.raw("\n  ")
	if len(v.Groups) > 0 {
		w.raw("<p>所属分组：")
		for i, g := range v.Groups {
			if i > 0 {
				w.raw("、")
			}
			w.anchor(g.Href, g.Name)
		}
		w.raw("</p>")
	}
	w.raw("\n  ")
	if len(v.Members) > 0 {
		w.raw("<details class=\"members\"><summary>分组成员（")
		w.int(len(v.Members))
		w.raw("）</summary><ul class=\"inline\">")
		for _, m := range v.Members {
			w.raw("<li>")
			w.anchor(m.Href, m.Name)
			w.raw("</li>")
		}
		w.raw("</ul></details>")
	}
	w.raw("\n  <p class=\"counts\">共 ")
	w.int(v.Total)
	w.raw(" 项任务")
	for _, rc := range v.ByRole {
		w.raw(" · ")
		w.roleName(string(rc.Role), rc.Label)
		w.raw(" ")
		w.int(rc.Count)
	}
	if v.Via != 0 {
		w.raw(" · 其中经由分组 ")
		w.int(v.Via)
		w.raw(" 项")
	}
	w.raw("</p>\n  <p class=\"actions no-print\"><a href=\"")
	w.href(v.CSVHref)
	w.raw("\">下载 CSV</a><a href=\"")
	w.href(v.XLSXHref)
	w.raw("\">下载 Excel</a><button type=\"button\" data-print>打印</button></p>\n</header>\n")
	if len(v.Summary) > 0 {
		w.raw("\n<section class=\"unit-summary\" aria-labelledby=\"by-notice\">\n  <h2 id=\"by-notice\">各通知中的任务</h2>\n  <div class=\"table-scroll\"><table class=\"summary\">\n    <thead><tr><th scope=\"col\">通知</th><th scope=\"col\">日期</th><th scope=\"col\">任务</th><th scope=\"col\">职责</th></tr></thead>\n    <tbody>\n    ")
		for _, row := range v.Summary {
			w.raw("\n      <tr><td><a href=\"")
			w.href(row.Href)
			w.raw("\">")
			if row.Notice.DocNumber != "" {
				w.text(row.Notice.DocNumber)
				w.raw(" ")
			}
			w.text(row.Notice.Title)
			w.raw("</a></td><td>")
			w.text(row.Notice.Date)
			w.raw("</td><td class=\"num\">")
			w.int(row.Total)
			w.raw("</td><td>")
			for i, rc := range row.ByRole {
				if i > 0 {
					w.raw(" · ")
				}
				w.roleName(string(rc.Role), rc.Label)
				w.raw(" ")
				w.int(rc.Count)
			}
			if row.Via != 0 {
				w.raw(" · 经由分组 ")
				w.int(row.Via)
			}
			w.raw("</td></tr>\n    ")
		}
		w.raw("\n    </tbody>\n  </table></div>\n</section>\n")
	}
	w.raw("\n")
	if v.Notes != "" {
		w.raw("<section class=\"notes\" aria-label=\"备注\">")
		w.raw(string(v.Notes))
		w.raw("</section>")
	}
	w.raw("\n")
	for _, c := range v.Changes {
		w.raw("\n<section class=\"unit-changes\" aria-labelledby=\"uc-")
		w.text(c.Notice.DocNumber)
		w.raw("\">\n  <h2 id=\"uc-")
		w.text(c.Notice.DocNumber)
		w.raw("\">本单位的变化</h2>\n  <p class=\"doc-meta\">")
		w.linkMeta(c.Notice)
		w.raw("（")
		w.text(c.Notice.Date)
		w.raw("）与上一版本相比 · <a href=\"")
		w.href(c.Href)
		w.raw("\">全部修订</a></p>\n  ")
		w.changesBody(c)
		w.raw("\n</section>\n")
	}
	w.raw("\n")
	for _, un := range v.Notices {
		w.raw("\n<section class=\"unit-notice\">\n  <div class=\"print-head\">\n    <p class=\"doc-meta\">")
		w.text(un.Notice.DocNumber)
		w.raw(" · ")
		w.text(un.Issuer)
		w.raw(" · ")
		w.text(un.Notice.Date)
		w.raw("</p>\n    <h2>")
		w.anchor(un.Notice.Href, un.Notice.Title)
		w.raw("</h2>\n  </div>\n  ")
		for _, us := range un.Sections {
			w.raw("\n  <section class=\"unit-section\">\n    <h3><a href=\"")
			w.href(us.Href)
			w.raw("\">")
			w.text(us.Title)
			w.raw("</a></h3>\n    ")
			for _, rd := range us.Roles {
				w.raw("\n    <h4 class=\"role-head\">")
				w.roleName(string(rd.Role), rd.Label)
				w.raw(" <span class=\"count\">")
				w.int(len(rd.Duties))
				w.raw(" 项</span></h4>\n    <ol class=\"duties\">\n      ")
				for _, d := range rd.Duties {
					r.duty(w, p.Root, d)
				}
				w.raw("\n    </ol>\n    ")
			}
			w.raw("\n  </section>\n  ")
		}
		w.raw("\n</section>\n")
	}
	if len(v.Notices) == 0 && len(v.Summary) == 0 {
		w.raw("\n<p class=\"muted\">目前没有任务列到本单位。</p>\n")
	}
	w.raw("\n\n")
	w.frameEnd(p)
	return true
}

func (r *renderer) fastNotice(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(NoticeView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<header class=\"doc-head\">\n  <p class=\"doc-meta\">")
	w.text(v.DocNumber)
	if v.Issuer != "" {
		w.raw(" · ")
		w.text(v.Issuer)
	}
	if v.Date != "" {
		w.raw(" · ")
		w.text(v.Date)
	}
	w.raw("</p>\n  <h1>")
	w.text(v.Title)
	w.raw("</h1>\n  ")
	if v.Recipients != "" {
		w.raw("<p class=\"recipients\">")
		w.text(v.Recipients)
		w.raw("：</p>")
	}
	w.raw("\n</header>\n<div class=\"preamble\">")
	w.raw(string(v.Preamble))
	w.raw("</div>\n<p class=\"counts\">")
	w.int(len(v.Sections))
	w.raw(" 个部分 · ")
	w.int(v.Items)
	w.raw(" 项具体事项 · ")
	w.int(v.Tasks)
	w.raw(" 项任务 · ")
	w.int(v.Units)
	w.raw(" 个责任单位</p>\n<p class=\"actions\">")
	w.link(v.FullHref, "通知全文")
	if v.ChangesHref != "" {
		w.link(v.ChangesHref, "修订对照")
	}
	w.link(v.MatrixHref, "责任矩阵")
	w.link(v.CSVHref, "下载 CSV")
	w.link(v.XLSXHref, "下载 Excel")
	w.link(v.JSONHref, "JSON")
	w.raw("</p>\n<h2>各部分</h2>\n<ol class=\"section-list\">\n")
	for _, s := range v.Sections {
		w.raw("\n  <li><a href=\"")
		w.href(s.Href)
		w.raw("\"><span class=\"label\">")
		w.text(s.Label)
		w.raw("</span>")
		w.text(s.Title)
		w.raw("</a> <span class=\"count\">")
		w.int(s.TaskCount)
		w.raw(" 项任务 · ")
		w.int(s.UnitCount)
		w.raw(" 个单位</span>\n    ")
		if len(s.Items) > 0 {
			w.raw("<ol class=\"item-list\">")
			for _, it := range s.Items {
				w.raw("<li><a href=\"")
				w.href(it.Href)
				w.raw("\"><span class=\"label\">")
				w.text(it.Label)
				w.raw("</span>")
				w.text(it.Title)
				w.raw("</a></li>")
			}
			w.raw("</ol>")
		}
		w.raw("\n  </li>\n")
	}
	w.raw("\n</ol>\n")
	if len(v.Warnings) > 0 {
		w.raw("\n<details class=\"warnings\">\n  <summary>解析提示（")
		w.int(len(v.Warnings))
		w.raw("）</summary>\n  <ul>")
		for _, x := range v.Warnings {
			w.raw("<li>")
			if x.Line != 0 {
				w.raw("第 ")
				w.int(x.Line)
				w.raw(" 行：")
			}
			w.text(x.Message)
			w.raw("</li>")
		}
		w.raw("</ul>\n</details>\n")
	}
	w.raw("\n\n")
	w.frameEnd(p)
	return true
}

// anchor writes <a href="target">text</a>.
func (w *pageWriter) anchor(target, text string) {
	w.raw("<a href=\"")
	w.href(target)
	w.raw("\">")
	w.text(text)
	w.raw("</a>")
}

// subitem writes a sub-item's heading and text, on its own line at indent.
func (w *pageWriter) subitem(indent string, sb SubitemView) {
	w.raw("\n" + indent + "<div class=\"subitem\" id=\"")
	w.text(sb.Anchor)
	w.raw("\"><p class=\"item-head\"><span class=\"label\">")
	w.text(sb.Label)
	w.raw("</span><strong>")
	w.text(sb.Title)
	w.raw("</strong>")
	w.text(sb.Sep)
	w.raw("</p>")
	w.raw(string(sb.Text))
	w.raw("</div>\n" + indent)
}

// link writes <a href="target">label</a>, label being markup.
func (w *pageWriter) link(target, label string) {
	w.raw("<a href=\"")
	w.href(target)
	w.raw("\">")
	w.raw(label)
	w.raw("</a>")
}

func (r *renderer) fastFull(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(FullView)
	if !ok {
		return false
	}
	n := v.Notice
	w.frameStart(p)
	w.raw("\n\n<article class=\"full-text\">\n<header class=\"doc-head\">\n  ")
	if n.DocNumber != "" {
		w.raw("<p class=\"doc-number\">")
		w.text(n.DocNumber)
		w.raw("</p>")
	}
	w.raw("\n  ")
	if n.Issuer != "" {
		w.raw("<p class=\"issuer\">")
		w.text(n.Issuer)
		w.raw("</p>")
	}
	w.raw("\n  <h1>")
	w.text(n.Title)
	w.raw("</h1>\n  ")
	if n.Recipients != "" {
		w.raw("<p class=\"recipients\">")
		w.text(n.Recipients)
		w.raw("：</p>")
	}
	w.raw("\n</header>\n<div class=\"preamble\">")
	w.raw(string(n.Preamble))
	w.raw("</div>\n")
	for _, s := range v.Sections {
		w.raw("\n<section class=\"sec\" id=\"")
		w.text(s.Anchor)
		w.raw("\" aria-labelledby=\"")
		w.text(s.Anchor)
		w.raw("-h\">\n  <h2 id=\"")
		w.text(s.Anchor)
		w.raw("-h\">")
		if s.Label != "" {
			w.raw("<span class=\"label\">")
			w.text(s.Label)
			w.raw("</span>")
		}
		w.text(s.Title)
		w.raw(" <a class=\"to-page\" href=\"")
		w.href(s.Href)
		w.raw("\" aria-label=\"")
		w.text(s.Title)
		w.raw("的任务\">任务</a></h2>\n  ")
		w.raw(string(s.Text))
		w.raw("\n  ")
		for _, it := range s.Items {
			w.raw("\n  <div class=\"item\" id=\"")
			w.text(it.Anchor)
			w.raw("\">\n    <p class=\"item-head\"><span class=\"label\">")
			w.text(it.Label)
			w.raw("</span>")
			if it.HasHeading {
				w.raw("<strong>")
				w.text(it.Title)
				w.raw("</strong>")
				w.text(it.Sep)
			}
			w.raw(" <a class=\"to-page\" href=\"")
			w.href(it.Href)
			w.raw("\" aria-label=\"")
			w.text(it.Label)
			w.text(it.Title)
			w.raw("的任务\">任务</a></p>\n    ")
			w.raw(string(it.Lead))
			w.raw("\n    ")
			for _, sb := range it.Subitems {
				w.subitem("    ", sb)
			}
			w.raw("\n  </div>\n  ")
		}
		w.raw("\n</section>\n")
	}
	w.raw("\n")
	if n.Closing != "" {
		w.raw("<div class=\"closing\">")
		w.raw(string(n.Closing))
		w.raw("</div>")
	}
	w.raw("\n<p class=\"signature\">")
	w.text(n.Issuer)
	w.raw("<br>")
	w.text(n.Date)
	w.raw("</p>\n")
	for _, note := range n.Notes {
		w.raw("<p class=\"note\">")
		w.text(note)
		w.raw("</p>")
	}
	w.raw("\n")
	if len(v.Tasks) > 0 {
		w.raw("\n<section class=\"task-table\" id=\"fengong\" aria-labelledby=\"fengong-h\">\n  <h2 id=\"fengong-h\">重点任务分工</h2>\n  <div class=\"table-scroll\">\n  <table>\n    <thead><tr><th scope=\"col\">主要内容</th><th scope=\"col\">具体事项</th><th scope=\"col\">工作任务</th><th scope=\"col\">责任单位</th></tr></thead>\n    <tbody>\n    ")
		w.raw(string(r.tableRows(p.Root, v.Tasks)))
		w.raw("\n    </tbody>\n  </table>\n  </div>\n</section>\n")
	}
	w.raw("\n<footer class=\"doc-foot\">\n  ")
	if len(n.CC) > 0 {
		w.raw("<p>抄送：")
		w.text(strings.Join(n.CC, "，"))
		w.raw("。</p>")
	}
	w.raw("\n  ")
	if n.PrintedBy != "" {
		w.raw("<p>")
		w.text(n.PrintedBy)
		w.raw(" ")
		w.text(n.PrintDate)
		w.raw("印发</p>")
	}
	w.raw("\n</footer>\n</article>\n\n")
	w.frameEnd(p)
	return true
}

func (r *renderer) fastMatrix(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(MatrixView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<h1>责任矩阵</h1>\n<p class=\"doc-meta\">")
	w.noticeMeta(v.Notice)
	w.raw("</p>\n<p class=\"legend\">")
	for _, g := range v.Legend {
		w.raw("<span class=\"mark ")
		w.text("role-" + string(g.Role))
		w.raw("\">")
		w.text(roleShort(g.Role))
		w.raw("</span> ")
		w.text(g.Label)
		w.raw(" ")
	}
	if v.Via {
		w.raw(" · <span class=\"mark via\">负</span> 经由分组")
	}
	w.raw("。每格链接到任务（一项时）或事项。</p>\n<div class=\"matrix-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"责任矩阵，可横向滚动\">\n<table class=\"matrix\">\n  <thead>\n    <tr><th scope=\"col\" class=\"corner\">单位 \\ 事项</th>")
	for _, it := range v.Items {
		w.raw("<th scope=\"col\"><a href=\"")
		w.href(it.Href)
		w.raw("\" title=\"")
		w.text(it.Title)
		w.raw("\">")
		w.text(it.Label)
		w.raw("</a></th>")
	}
	w.raw("<th scope=\"col\">合计</th></tr>\n  </thead>\n  <tbody>\n  ")
	w.raw(string(r.matrixRows(p.Root, v)))
	w.raw("\n  </tbody>\n</table>\n</div>\n\n")
	w.frameEnd(p)
	return true
}

// linkMeta writes the link to a notice that opens a page's header:
// 文号 and title.
func (w *pageWriter) linkMeta(n NoticeLink) { w.anchor(n.Href, n.DocNumber+" "+n.Title) }

// changesBody writes what changed, as the changes-body template does.
func (w *pageWriter) changesBody(c ChangesView) {
	units := func(us []UnitRef) {
		for i, u := range us {
			if i > 0 {
				w.raw("、")
			}
			w.text(u.Name)
			w.raw("（")
			w.text(u.RoleLabel)
			w.raw("）")
		}
	}
	w.raw("\n\n")
	if len(c.Added) > 0 {
		w.raw("<h2>新增任务</h2>\n<ul class=\"changes added\">")
		for _, t := range c.Added {
			w.raw("<li><a href=\"")
			w.href(t.Href)
			w.raw("\">任务 ")
			w.text(t.ID)
			w.raw("</a> ")
			w.text(t.Text)
			w.raw("<br><span class=\"co-units\">")
			units(t.Units)
			w.raw("</span></li>")
		}
		w.raw("</ul>")
	}
	w.raw("\n")
	if len(c.Removed) > 0 {
		w.raw("<h2>删除任务</h2>\n<ul class=\"changes removed\">")
		for _, t := range c.Removed {
			w.raw("<li><span class=\"task-id\">原任务 ")
			w.text(t.ID)
			w.raw("</span> <del>")
			w.text(t.Text)
			w.raw("</del><br><span class=\"co-units\">")
			units(t.Units)
			w.raw("</span></li>")
		}
		w.raw("</ul>")
	}
	w.raw("\n")
	if len(c.Reworded) > 0 {
		w.raw("<h2>修改表述</h2>\n<ul class=\"changes reworded\">")
		for _, t := range c.Reworded {
			w.raw("<li><a href=\"")
			w.href(t.Href)
			w.raw("\">任务 ")
			w.text(t.ID)
			w.raw("</a> <span class=\"diff\">")
			w.raw(string(t.Diff))
			w.raw("</span></li>")
		}
		w.raw("</ul>")
	}
	w.raw("\n")
	if len(c.Units) > 0 {
		w.raw("<h2>责任单位调整</h2>\n<table class=\"unit-table changes-units\"><thead><tr><th scope=\"col\">任务</th><th scope=\"col\">单位</th><th scope=\"col\">调整</th></tr></thead><tbody>\n")
		for _, u := range c.Units {
			w.raw("<tr><td>")
			w.anchor(u.TaskHref, u.TaskID)
			w.raw(" ")
			w.text(u.TaskTitle)
			w.raw("</td><td>")
			if u.Unit.Href != "" {
				w.anchor(u.Unit.Href, u.Unit.Name)
			} else {
				w.text(u.Unit.Name)
			}
			w.raw("</td><td>")
			w.text(u.What)
			w.raw("</td></tr>")
		}
		w.raw("\n</tbody></table>")
	}
	w.raw("\n\n")
}

func (r *renderer) fastChanges(w *pageWriter, p *Page) bool {
	v, ok := p.Data.(ChangesView)
	if !ok {
		return false
	}
	w.frameStart(p)
	w.raw("\n\n<h1>修订对照</h1>\n<p class=\"doc-meta\">")
	w.linkMeta(v.Notice)
	w.raw("（")
	w.text(v.Notice.Date)
	w.raw("）与上一版本")
	if v.OldDate != "" {
		w.raw("（")
		w.text(v.OldDate)
		w.raw("）")
	}
	w.raw("相比</p>\n<p class=\"counts\">新增任务 ")
	w.int(len(v.Added))
	w.raw(" 项 · 删除 ")
	w.int(len(v.Removed))
	w.raw(" 项 · 修改表述 ")
	w.int(len(v.Reworded))
	w.raw(" 项 · 责任单位调整 ")
	w.int(len(v.Units))
	w.raw(" 处</p>\n")
	w.changesBody(v)
	w.raw("\n\n")
	w.frameEnd(p)
	return true
}
