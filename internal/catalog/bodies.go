package catalog

import (
	"fmt"
	"strings"
)

// BodyOf names a part of a notice that has a Markdown body: the preamble,
// a section, an item or a task (PreambleBody, SectionBody, ItemBody,
// TaskBody).
type BodyOf struct {
	part          string
	section, item int
	task          string
}

// PreambleBody names the body of a notice's preamble.
func PreambleBody() BodyOf { return BodyOf{part: "preamble"} }

// SectionBody names the body of a section's own text.
func SectionBody(section int) BodyOf { return BodyOf{part: "section", section: section} }

// ItemBody names the body of an item's lead.
func ItemBody(section, item int) BodyOf {
	return BodyOf{part: "item", section: section, item: item}
}

// TaskBody names the body of a task's text.
func TaskBody(id string) BodyOf { return BodyOf{part: "task", task: id} }

// Body returns the Markdown body of a part: as content/ holds it (perhaps
// edited by hand) when the notice was read from there, else made from
// text.
func (n *Notice) Body(of BodyOf, text string) string {
	if b, ok := n.Bodies[of]; ok {
		return b
	}
	return Markdown(text)
}

// Text from a notice goes into Markdown bodies escaped, so that a * or a
// <script> in a notice is text on the page and never markup (content/
// reads the body back undoing exactly that). A paragraph is one line of
// the notice; paragraphs are separated by a blank line.

const mdSpecial = "\\`*_{}[]<>#+-.!|~&=\"'"

// Markdown turns text with one paragraph per line into a Markdown body.
func Markdown(text string) string {
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

// String names the part: preamble, section 2, item 2-3, task 2-3-0-1.
func (b BodyOf) String() string {
	switch b.part {
	case "section":
		return fmt.Sprintf("section %d", b.section)
	case "item":
		return fmt.Sprintf("item %d-%d", b.section, b.item)
	case "task":
		return "task " + b.task
	}
	return b.part
}
