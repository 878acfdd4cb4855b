package notice

import (
	"regexp"
	"strings"

	"qingdan/internal/textnorm"
	"qingdan/internal/units"
)

// unspaced removes the spaces of letter-spaced Chinese (忻 州 市).
func unspaced(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	return strings.ReplaceAll(s, " ", "")
}

// headerState is what the header has read so far.
type headerState struct {
	titleLines     []string
	seenRecipients bool
	signed         bool // a signature stood in the header: a cover letter before its plan
	planTitle      string
	// attaching is true right after 附件：1.…, whose list may go on over
	// the next lines (2.…).
	attaching bool
	// draftDate is a date in brackets under the title, the notice's date
	// when nothing else gives one.
	draftDate string
}

// parseHeader reads the lines before the body: the metadata of a portal
// page, 文号, issuer, title, recipients, the preamble, and any signature
// block that sits there (a cover letter signed before the plan it sends).
func (p *parser) parseHeader(lines []line) {
	var h headerState
	for i := 0; i < len(lines); i++ {
		if lines[i].table != nil {
			continue
		}
		if d, next, ok := isSignature(lines, i); ok {
			p.signature(strings.TrimSpace(lines[i].orig), d)
			h.signed = true
			i = next - 1
			continue
		}
		p.headerLine(&h, lines[i].trim())
	}
	title, doc := cleanTitle(joinTitle(h.titleLines))
	if title == "" {
		title, doc = cleanTitle(h.planTitle)
	}
	p.n.Title = title
	if p.n.DocNumber == "" {
		p.n.DocNumber = doc
	}
	p.draftDate = h.draftDate
	if p.n.Title == "" && len(p.n.Preamble) > 0 && !h.seenRecipients {
		p.warn(0, "第一段之前没有找到标题")
	}
}

// headerLine reads one line of the header.
func (p *parser) headerLine(h *headerState, l line) {
	n := p.n
	t := l.norm
	if t == "" {
		return
	}
	if h.attaching && isAttachmentItem(l) {
		n.Attachments = append(n.Attachments, strings.TrimSpace(l.orig))
		return
	}
	h.attaching = false
	if fields, ok := metaLine(l); ok {
		p.applyMeta(fields)
		return
	}
	if isChrome(l) || n.Title == "" && len(h.titleLines) == 0 && isFileNameChrome(l) {
		return
	}
	if d := pageDateLine(l); d != "" {
		// 2023-01-05 10:00 来源：区政府办公室: when the page went up.
		if p.meta.published == "" {
			p.meta.published = d
		}
		// The fields after the date (来源：…, 作者：…) are the page's
		// metadata as well.
		rest := line{num: l.num, norm: pageDateRe.ReplaceAllString(strings.TrimSpace(l.norm), "")}
		if fields, ok := metaLine(rest); ok {
			p.applyMeta(fields)
		}
		return
	}
	if issuer, ok := redHead(l); ok && !h.seenRecipients && len(h.titleLines) == 0 {
		p.headerIssuer = issuer
		return
	}
	switch {
	case docNumRe.MatchString(t) && n.DocNumber == "":
		n.DocNumber = strings.TrimSpace(l.orig)
		return
	case n.DocNumber == "" && bracketedDocNumber(t) != "":
		// （宁委发（2007）9号） on its own line under the title.
		n.DocNumber = bracketedDocNumber(strings.TrimSpace(l.orig))
		return
	case noteRe.MatchString(t):
		n.Notes = append(n.Notes, l.orig)
		return
	case attachRefRe.MatchString(t):
		m := attachRefRe.FindStringIndex(t)
		n.Attachments = append(n.Attachments, strings.TrimSpace(l.cut(m[1], len(t))))
		h.attaching = true
		return
	case attachHead.MatchString(t):
		return
	}
	if d, ok := isDateLine(l); ok {
		if n.Date == "" {
			n.Date = d
		}
		return
	}
	if d, ok := bracketedDate(l); ok && !h.seenRecipients {
		// （2015年9月15日） under a title: the date of a draft or of a
		// text published without a signature.
		h.draftDate = d
		return
	}
	if !h.seenRecipients {
		switch {
		case p.meta.title != "" && compact(t) == compact(p.meta.title):
			// The title the page's metadata named, printed again.
			h.titleLines = append(h.titleLines, joinHan(strings.TrimSpace(l.orig)))
			return
		case isRecipients(t):
			n.Recipients = strings.TrimSuffix(strings.TrimSpace(l.orig), l.cut(len(t)-len("："), len(t)))
			h.seenRecipients = true
			return
		case isOrgLine(l) && len(h.titleLines) == 0 && p.headerIssuer == "":
			p.headerIssuer = strings.TrimSpace(l.orig)
			return
		case !sentenceRe.MatchString(t) && runeLen(t) <= 80 && !h.signed:
			h.titleLines = append(h.titleLines, joinHan(titleOfCrumbs(strings.TrimSpace(l.orig))))
			return
		}
	}
	if h.signed && h.planTitle == "" && isPlanTitle(l) {
		// The title of the plan a signed cover letter sends.
		h.planTitle = strings.TrimSpace(l.orig)
	}
	n.Preamble = append(n.Preamble, strings.TrimSpace(l.orig))
}

// isAttachmentItem reports a further entry of a list of attachments:
// 2.忻州市2024年重点任务分工表.
func isAttachmentItem(l line) bool {
	h, ok := headingOf(l, false)
	return ok && h.style == styleDigit && isCaption(h.rest)
}

// redHead reads the red head of a notice, 忻州市人民政府文件, letter-spaced
// or not, and returns the issuer it names.
func redHead(l line) (string, bool) {
	t := unspaced(l.norm)
	m := fileHeadRe.FindStringSubmatch(t)
	if m == nil || !isOrgLine(line{norm: m[1]}) {
		return "", false
	}
	if t == l.norm {
		return strings.TrimSpace(l.cut(0, len(m[1]))), true
	}
	return m[1], true
}

// isRecipients reports the line of recipients: 各县（市、区）人民政府，…：
// or a single body, 教育部：.
func isRecipients(t string) bool {
	if !strings.HasSuffix(t, "：") {
		return false
	}
	body := strings.TrimSuffix(t, "：")
	if titleEndRe.MatchString(body) || strings.Contains(body, "如下") {
		return false
	}
	return strings.HasPrefix(t, "各") || strings.ContainsAny(body, "，、") || isOrgLine(line{norm: body}) ||
		(runeLen(body) <= 30 && units.Recognised(textnorm.Name(body)) && !sentenceRe.MatchString(body))
}

// pageDateRe opens a line with the date (and time) a page went up.
var pageDateRe = regexp.MustCompile(`^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s|$)`)

// pageDateLine returns the date of a line a page opens with its date:
// 2023-01-05 10:00 区人民政府办公室.
func pageDateLine(l line) string {
	t := strings.TrimSpace(l.norm)
	if !pageDateRe.MatchString(t) || runeLen(t) > 60 || sentenceRe.MatchString(t) {
		return ""
	}
	return metaDateOf(t)
}

// bracketedDateRe is a line that is only a date in brackets.
var bracketedDateRe = regexp.MustCompile(`^（\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*）$`)

// bracketedDate reads a line such as （2015年9月15日）.
func bracketedDate(l line) (string, bool) {
	m := bracketedDateRe.FindStringSubmatch(strings.TrimSpace(l.norm))
	if m == nil {
		return "", false
	}
	d, _ := findDate(m[1])
	return d, d != ""
}

// letterSpacedRe is a line of Chinese letter-spaced for display:
// 国 家 粮 食 应 急 预 案 的 函.
var letterSpacedRe = regexp.MustCompile(`^(?:\p{Han}[ \x{3000}]+){2,}\p{Han}$`)

// joinTitle joins the lines of a title broken over two or three lines.
// Lines after one that completes a title (…的通知) are not title lines but
// a heading of the text that follows; they go back to the preamble.
func joinTitle(lines []string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, l := range lines {
		// A page prints its title twice, as its heading and the
		// article's: once is the title.
		if key := strings.Join(strings.Fields(l), ""); seen[key] {
			continue
		} else {
			seen[key] = true
		}
		if letterSpacedRe.MatchString(l) {
			l = strings.Map(func(r rune) rune {
				if r == ' ' || r == '\u3000' {
					return -1
				}
				return r
			}, l)
		}
		b.WriteString(l)
		if titleEndRe.MatchString(l) {
			break
		}
	}
	return b.String()
}

var (
	// pageTopicRe is the topic a portal writes before a title:
	// 【市政府重点工作及责任分解】滁州市人民政府关于….
	pageTopicRe = regexp.MustCompile(`^【[^【】]{1,30}】\s*`)
	// bookTitleRe is a title wrapped in 《》 as a page quotes it.
	bookTitleRe = regexp.MustCompile(`^《([^《》]+)》$`)
)

// bracketedDocNumber returns the document number a line holds in
// brackets, alone: （宁委发（2007）9号） is 宁委发（2007）9号; "" otherwise.
func bracketedDocNumber(t string) string {
	t = strings.TrimSpace(t)
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if inner, ok := strings.CutPrefix(t, pair[0]); ok {
			if inner, ok = strings.CutSuffix(inner, pair[1]); ok && docNumRe.MatchString(textnorm.String(strings.TrimSpace(inner))) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return ""
}

// cleanTitle removes what a page adds around a title: a topic in 【】, the
// 《》 it quotes the title in, and the 文号 it appends in brackets, which it
// returns apart (…的通知（临政办发〔2024〕3号）).
func cleanTitle(t string) (title, docNumber string) {
	t = strings.TrimSpace(pageTopicRe.ReplaceAllString(t, ""))
	for i, r := range t {
		if r != '（' && r != '(' {
			continue
		}
		if d := bracketedDocNumber(t[i:]); d != "" && i > 0 {
			t, docNumber = strings.TrimSpace(t[:i]), d
			break
		}
	}
	if m := bookTitleRe.FindStringSubmatch(t); m != nil {
		return m[1], docNumber
	}
	return t, docNumber
}

// signature records an issuer and date from a signature block.
func (p *parser) signature(issuer, date string) {
	if p.n.Issuer == "" {
		p.n.Issuer = issuer
	}
	if p.n.Date == "" {
		p.n.Date = date
	}
}

// parseFooter reads 抄送 and 印发 lines; a 抄送 line broken by a page break
// repeats its label, and the two halves are joined.
func (p *parser) parseFooter(l line) bool {
	t := strings.TrimSpace(l.norm)
	if m := ccRe.FindStringIndex(t); m != nil {
		l = l.trim()
		rest := strings.TrimSpace(l.cut(m[1], len(l.norm)))
		p.ccText += rest
		return true
	}
	if printRe.MatchString(t) {
		if d, loc := findDate(t); d != "" {
			l = l.trim()
			p.n.PrintDate = d
			p.n.PrintedBy = strings.TrimSpace(l.cut(0, loc[0]))
			return true
		}
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("，、；。,;", r)
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
