package revision

import (
	"slices"
	"strings"

	"qingdan/internal/notice"
	"qingdan/internal/textnorm"
)

// A new version of a notice is a revision only when what the notice says
// changed: its header (文号, title, issuer, recipients, dates, 抄送, 印发),
// preamble, sections and items, closing words, notes, attachments, and its
// tasks (text, place, units and roles, deadline, leaders and other
// fields). Warnings, line numbers, the encoding, how a unit was found
// (Rule, UnitText) are the program's, not the notice's: a new program, or
// a seed whose bytes changed but says the same, changes them without
// revising the notice. A value the last version did not record at all (an
// empty 发布日期, a task without deadline or fields) is not compared: an
// older program did not read it, and a newer one reading it from the same
// notice is no revision.

// Revised tells whether the new version says something the old did not.
func Revised(old, new *notice.Notice) bool { return Pair(old, new).Revised() }

// Revised is Revised(old, new) with the tasks already matched.
func (p *Pairs) Revised() bool {
	old, new := p.old, p.new
	if headerChanged(old, new) || !slices.EqualFunc(old.Sections, new.Sections, sameSection) ||
		!sameLines(old.Preamble, new.Preamble) || !sameLines(old.Closing, new.Closing) ||
		!sameLines(old.Notes, new.Notes) || !sameLines(old.Attachments, new.Attachments) {
		return true
	}
	if len(p.m) != len(old.Tasks) || len(p.m) != len(new.Tasks) {
		return true // a task added or removed
	}
	for n, o := range p.m {
		if !sameTask(old.Tasks[o], new.Tasks[n]) {
			return true
		}
	}
	return false
}

func headerChanged(old, new *notice.Notice) bool {
	pairs := [][2]string{
		{old.DocNumber, new.DocNumber}, {old.Title, new.Title}, {old.Issuer, new.Issuer},
		{old.Recipients, new.Recipients}, {old.Date, new.Date}, {old.PublishDate, new.PublishDate},
		{old.PrintDate, new.PrintDate}, {old.PrintedBy, new.PrintedBy}, {old.IndexNumber, new.IndexNumber},
		{strings.Join(old.CC, "、"), strings.Join(new.CC, "、")},
	}
	for _, f := range pairs {
		if recorded(f[0]) && textnorm.Compact(f[0]) != textnorm.Compact(f[1]) {
			return true
		}
	}
	return false
}

// recorded is a value the old version has: an empty one may be a field
// its program did not read.
func recorded(old string) bool { return old != "" }

func sameText(a, b string) bool { return textnorm.Compact(a) == textnorm.Compact(b) }

// sameLines compares paragraphs by their words, wherever a reader cut them.
func sameLines(a, b []string) bool { return sameText(strings.Join(a, ""), strings.Join(b, "")) }

func sameSection(a, b notice.Section) bool {
	return a.Number == b.Number && sameText(a.Label, b.Label) && sameText(a.Title, b.Title) &&
		sameText(a.Text, b.Text) && slices.EqualFunc(a.Items, b.Items, sameItem)
}

func sameItem(a, b notice.Item) bool {
	return a.Number == b.Number && a.Section == b.Section && sameText(a.Label, b.Label) &&
		sameText(a.Title, b.Title) && sameText(a.Text, b.Text)
}

func sameTask(a, b notice.Task) bool {
	if place(a) != place(b) || !sameText(a.Title, b.Title) || !sameText(a.Text, b.Text) {
		return false
	}
	if len(unitEdits(a, b)) > 0 { // units as Compare sees them: each name with its role
		return false
	}
	if a.Deadline != nil && (b.Deadline == nil || !sameText(a.Deadline.Text, b.Deadline.Text)) {
		return false
	}
	for _, f := range a.Fields {
		if i := slices.IndexFunc(b.Fields, func(g notice.Field) bool { return g.Name == f.Name }); i < 0 || !sameText(b.Fields[i].Value, f.Value) {
			return false
		}
	}
	return true
}
