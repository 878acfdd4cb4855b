package notice

import (
	"regexp"
	"strings"
)

var (
	docNumRe    = regexp.MustCompile(`^\S{1,16}?\s*[〔\[【（［]\s*\d{4}\s*[〕\]】）］]\s*第?\s*\d+\s*号$`)
	ccRe        = regexp.MustCompile(`^(抄送|抄报|分送)\s*：\s*`)
	printRe     = regexp.MustCompile(`印发\s*$`)
	noteRe      = regexp.MustCompile(`^（(此件|本文|此文|本件)[^（）]*）$`)
	attachRefRe = regexp.MustCompile(`^附\s*件\s*\d*\s*[：]\s*`)
	attachHead  = regexp.MustCompile(`^附\s*件\s*\d*$`)
	fileHeadRe  = regexp.MustCompile(`^(.+?)文件$`)
	orgEndRe    = regexp.MustCompile(`(人民政府|政府办公室|政府办公厅|办公厅|办公室|国务院|委员会|人民代表大会常务委员会|[局部委厅院署])$`)
	titleEndRe  = regexp.MustCompile(`(通知|意见|方案|决定|办法|规定|通报|报告|批复|函|纲要|规划|细则|要点|清单|计划|公告|通告|指引|指南|措施|安排|决议)$`)
	sentenceRe  = regexp.MustCompile(`[。！？；]`)
)

// unspaced removes the spaces of letter-spaced Chinese (忻 州 市).
func unspaced(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	return strings.ReplaceAll(s, " ", "")
}

// isOrgLine reports a line that is only the name of an issuing body.
func isOrgLine(l line) bool {
	t := strings.TrimSpace(l.norm)
	n := runeLen(t)
	return n >= 2 && n <= 30 && orgEndRe.MatchString(t) && !strings.ContainsAny(t, "，。：；、（）")
}

// isSignature reports an issuer line followed (after blank lines) by a
// date line, at lines[i]; it returns the date and the index after it.
func isSignature(lines []line, i int) (string, int, bool) {
	if !isOrgLine(lines[i]) {
		return "", 0, false
	}
	for j := i + 1; j < len(lines) && j <= i+4; j++ {
		if lines[j].blank() {
			continue
		}
		if d, ok := isDateLine(lines[j]); ok {
			return d, j + 1, true
		}
		return "", 0, false
	}
	return "", 0, false
}

// parseHeader reads the lines before the body: 文号, issuer, title,
// recipients, the preamble and any signature block that sits there.
func (p *parser) parseHeader(lines []line) {
	n := p.n
	var titleLines []string
	seenRecipients := false
	for i := 0; i < len(lines); i++ {
		l := lines[i].trim()
		t := l.norm
		if sp := unspaced(t); sp != t && fileHeadRe.MatchString(sp) && !seenRecipients && len(titleLines) == 0 {
			// 忻 州 市 人 民 政 府 文 件: a letter-spaced red head.
			if m := fileHeadRe.FindStringSubmatch(sp); m != nil && isOrgLine(line{norm: m[1]}) {
				p.headerIssuer = m[1]
				continue
			}
		}
		switch {
		case t == "":
			continue
		case docNumRe.MatchString(t) && n.DocNumber == "":
			n.DocNumber = strings.TrimSpace(l.orig)
			continue
		case noteRe.MatchString(t):
			n.Notes = append(n.Notes, l.orig)
			continue
		}
		if d, next, ok := isSignature(lines, i); ok {
			p.signature(strings.TrimSpace(l.orig), d)
			i = next - 1
			continue
		}
		if d, ok := isDateLine(l); ok {
			if n.Date == "" {
				n.Date = d
			}
			continue
		}
		if m := fileHeadRe.FindStringSubmatch(t); m != nil && !seenRecipients && len(titleLines) == 0 && isOrgLine(line{norm: m[1]}) {
			p.headerIssuer = strings.TrimSpace(l.cut(0, len(m[1])))
			continue
		}
		if !seenRecipients {
			if strings.HasSuffix(t, "：") && (strings.HasPrefix(t, "各") || strings.ContainsAny(t, "，、")) && !titleEndRe.MatchString(strings.TrimSuffix(t, "：")) {
				n.Recipients = strings.TrimSuffix(strings.TrimSpace(l.orig), l.cut(len(t)-len("："), len(t)))
				seenRecipients = true
				continue
			}
			if isOrgLine(l) && len(titleLines) == 0 && p.headerIssuer == "" {
				p.headerIssuer = strings.TrimSpace(l.orig)
				continue
			}
			if !sentenceRe.MatchString(t) && runeLen(t) <= 80 {
				titleLines = append(titleLines, strings.TrimSpace(l.orig))
				continue
			}
		}
		n.Preamble = append(n.Preamble, strings.TrimSpace(l.orig))
	}
	n.Title = joinTitle(titleLines)
	if n.Title == "" && len(n.Preamble) > 0 && !seenRecipients {
		p.warn(0, "no title found before the first paragraph")
	}
}

// joinTitle joins the lines of a title broken over two or three lines.
// Lines after one that completes a title (…的通知) are not title lines but
// a heading of the text that follows; they go back to the preamble.
func joinTitle(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		if titleEndRe.MatchString(l) {
			break
		}
	}
	return b.String()
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
