package content

import "strings"

// Text from a notice goes into Markdown bodies escaped, so that a * or a
// <script> in a notice is text on the page and never markup; reading the
// body back undoes exactly that escaping. A paragraph is one line of the
// notice; paragraphs are separated by a blank line.

const mdSpecial = "\\`*_{}[]<>#+-.!|~&=\"'"

// escapeMarkdown escapes the ASCII characters Markdown could read as markup.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

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

// ToMarkdown turns text with one paragraph per line into a Markdown body.
func ToMarkdown(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	var paras []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, escapeMarkdown(p))
		}
	}
	return strings.Join(paras, "\n\n") + "\n"
}

// FromMarkdown reads a body written by ToMarkdown back into text with one
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
