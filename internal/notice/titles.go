package notice

// The titles a part of a notice shows wherever it is listed or linked:
// content/, the pages, the search index and the downloads all name it the
// same way.

// DisplayTitle is the title a section shows: its heading, or for the
// untitled section of a notice whose items are paragraphs, 正文.
func (s Section) DisplayTitle() string {
	if s.Title != "" {
		return s.Title
	}
	return "正文"
}

// DisplayTitle is the title an item shows: its heading, or the start of
// its text when it has none.
func (it Item) DisplayTitle() string {
	if it.Title != "" {
		return it.Title
	}
	return firstLine(it.Text, 24)
}

// DisplayTitle is the title a task shows: the table's name for it, the
// short heading its text opens with (严格党政领导责任。…), or the start of
// its text.
func (t Task) DisplayTitle() string {
	if t.Title != "" {
		return t.Title
	}
	if h := openingHeading(t.Text); h != "" {
		return h
	}
	return firstLine(t.Text, 24)
}

// openingHeading returns a first sentence of at most 20 characters that
// ends in 。 or ：, or "".
func openingHeading(s string) string {
	n := 0
	for i, r := range s {
		if r == '。' || r == '：' {
			if n >= 2 {
				return s[:i]
			}
			return ""
		}
		if r == '\n' || r == '，' && n > 20 {
			return ""
		}
		n++
		if n > 20 {
			return ""
		}
	}
	return ""
}

// firstLine returns the first line of s, cut at n characters with ….
func firstLine(s string, n int) string {
	for i, r := range s {
		if r == '\n' {
			s = s[:i]
			break
		}
	}
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
