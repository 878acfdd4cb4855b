package content

import "strings"

// Bodies are written by catalog.Markdown, which escapes the ASCII
// characters Markdown could read as markup; reading a body back undoes
// exactly that escaping.

// unescapeMarkdown removes the backslash before ASCII punctuation.
func unescapeMarkdown(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && rs[i+1] < 0x80 && isASCIIPunct(rs[i+1]) {
			i++
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

func isASCIIPunct(r rune) bool {
	return (r >= '!' && r <= '/') || (r >= ':' && r <= '@') || (r >= '[' && r <= '`') || (r >= '{' && r <= '~')
}

// FromMarkdown reads a body written by catalog.Markdown back into text with one
// paragraph per line. Lines of one paragraph (a hand edit may wrap them)
// are joined without a space, as Chinese text is.
func FromMarkdown(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var paras []string
	for _, block := range strings.Split(body, "\n\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, unescapeMarkdown(l))
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, ""))
		}
	}
	return strings.Join(paras, "\n")
}
