package notice

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"qingdan/internal/source"
	"qingdan/internal/textnorm"
)

// A notice copied from a government portal carries the page's metadata
// block (索引号, 发文机关, 文号, 成文日期 …) in any order, one field per line
// or several on one line (发布机构 X 文    号 Y), often with the page's own
// furniture (【字体：大 中 小】, 打印本页). The fields that name the notice
// fill its header; the rest is dropped, and none of it reaches the title.

// metaField is what a metadata label names.
type metaField = source.MetaField

const (
	metaOther     = source.MetaOther
	metaDocNumber = source.MetaDocNumber
	metaIssuer    = source.MetaIssuer
	metaDate      = source.MetaDate      // 成文日期: the date the notice was signed
	metaPublished = source.MetaPublished // 发布日期: the date the page went up
	metaTitle     = source.MetaTitle
	metaSource    = source.MetaSource
)

// metaLabels are the labels of a page's metadata, one list for every
// reader (package source).
var metaLabels = source.MetaLabels

// metaLabelRe finds a metadata label, letter-spaced or not (索 引 号),
// followed by a colon or, in a run of fields, by white space.
var metaLabelRe = func() *regexp.Regexp {
	var alts []string
	for name := range metaLabels {
		var parts []string
		for _, r := range name {
			parts = append(parts, regexp.QuoteMeta(string(r)))
		}
		alts = append(alts, strings.Join(parts, `\s*`))
	}
	// Longest first, so 发布日期 is not read as 发布 and 日期.
	sortByLen(alts)
	return regexp.MustCompile(`(` + strings.Join(alts, "|") + `)\s*(：|】|\s|$)`)
}()

// metaFirst holds the first characters of the labels: most lines open
// with none, and need no pattern tried.
var metaFirst = func() map[rune]bool {
	m := map[rune]bool{}
	for name := range metaLabels {
		r, _ := utf8.DecodeRuneInString(name)
		m[r] = true
	}
	return m
}()

// pageJunkRe is the furniture of a portal page: 【字体：大 中 小】, 打印本页.
var pageJunkRe = regexp.MustCompile(`^[【\[]?\s*(字体|打印|打印本页|关闭|关闭窗口|收藏|分享|保存|打印此页|返回顶部)\s*[：】\]]?`)

// metaLine reads a line of a page's metadata block: the fields it holds
// and true, or false when it is not one. A line opens with a label and
// its colon, or with a label and white space when more labels follow.
func metaLine(l line) ([]source.Field, bool) {
	t := strings.TrimSpace(l.norm)
	t = strings.TrimLeft(t, "-·•*【[ ")
	if t == "" {
		return nil, false
	}
	if r, _ := utf8.DecodeRuneInString(t); !metaFirst[r] {
		if pageJunkRe.MatchString(t) {
			return nil, true
		}
		return nil, false
	}
	locs := metaLabelRe.FindAllStringSubmatchIndex(t, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		if pageJunkRe.MatchString(t) {
			return nil, true
		}
		return nil, false
	}
	// 【发布机构】X 【文号】Y: the bracket closes a label as a colon does.
	isColon := func(m []int) bool { c := t[m[4]:m[5]]; return c == "：" || c == "】" }
	withColon := isColon(locs[0])
	// A label alone on its line is a field the page left empty (有效性).
	alone := locs[0][1] == len(t)
	if !withColon && len(locs) < 2 && !alone && !spacedLabel(t[locs[0][2]:locs[0][3]], t[locs[0][3]:]) {
		return nil, false
	}
	if withColon {
		// Fields written with colons split only at a label and its colon,
		// so a value holding a label's word stays whole.
		kept := locs[:1]
		for _, m := range locs[1:] {
			if isColon(m) {
				kept = append(kept, m)
			}
		}
		locs = kept
	}
	var out []source.Field
	for k, m := range locs {
		end := len(t)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		name := textnorm.Compact(t[m[2]:m[3]])
		value := strings.Trim(strings.TrimSpace(t[m[1]:end]), "【】[] ")
		out = append(out, source.Field{Name: name, Value: value, Pos: source.Pos{Line: l.num}})
	}
	return out, true
}

// spacedLabel reports a field alone on its line without a colon whose
// label is set apart as a page lays it out: letter-spaced (标    题) or
// followed by a wide gap.
func spacedLabel(label, after string) bool {
	return strings.ContainsAny(label, " \t") || strings.HasPrefix(after, "  ") || strings.HasPrefix(after, "\t")
}

// applyMeta fills the header from metadata fields: where the notice's own
// text names the same thing, its text wins (see finish).
func (p *parser) applyMeta(fields []source.Field) {
	for _, f := range fields {
		v := strings.TrimSpace(f.Value)
		if v == "" {
			continue
		}
		name := textnorm.Compact(strings.TrimSuffix(f.Name, "："))
		switch {
		case name == "索引号" && p.n.IndexNumber == "":
			p.n.IndexNumber = v
		case name == "主题分类" && p.n.Category == "":
			p.n.Category = v
		}
		switch metaLabels[name] {
		case metaDocNumber:
			// An empty 文号 field is followed by the next label on the
			// same line (文 号： 文件分类：综合政务): a value that is no
			// document number is not taken.
			if p.meta.docNumber == "" && docNumLikeRe.MatchString(v) {
				p.meta.docNumber = v
			}
		case metaIssuer:
			if p.meta.issuer == "" {
				p.meta.issuer = v
			}
		case metaDate:
			if p.meta.date == "" {
				p.meta.date = metaDateOf(v)
			}
		case metaPublished:
			if p.meta.published == "" {
				p.meta.published = metaDateOf(v)
			}
		case metaTitle:
			if p.meta.title == "" {
				p.meta.title = v
			}
		case metaSource:
			// 来源：新华网 names a newspaper, not who issued the notice.
			if p.meta.source == "" && isOrgLine(line{norm: v}) {
				p.meta.source = v
			}
		}
	}
}

// docNumLikeRe is in every document number: a year in brackets or a
// number before 号.
var docNumLikeRe = regexp.MustCompile(`[〔\[【（(［]\s*\d{4}\s*[〕\]】）)］]|\d+\s*号`)

var isoDateRe = regexp.MustCompile(`(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})`)

// metaDateOf reads 2023-02-10, 2023/2/10 or 2023年2月10日, with or
// without a time after it.
func metaDateOf(s string) string {
	if d, _ := findDate(s); d != "" {
		return d
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if validDate(y, mo, d) {
			return formatDate(y, mo, d)
		}
	}
	return ""
}

func sortByLen(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || (len(s[j]) == len(s[j-1]) && s[j] < s[j-1])); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
