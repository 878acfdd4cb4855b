package notice

import (
	"strconv"
	"strings"

	"qingdan/internal/units"
)

// Notice is one parsed notice. Text fields keep the notice's own writing
// (full-width digits stay full-width); only unit names are folded.
type Notice struct {
	// Source is the file name the notice was read from.
	Source string `json:"source,omitempty"`
	// Encoding is the encoding the file was read in.
	Encoding string `json:"encoding,omitempty"`

	DocNumber  string `json:"doc_number"` // 文号: 忻政发〔2024〕1号
	Issuer     string `json:"issuer"`     // 发文机关
	Title      string `json:"title"`      // as written, lines joined
	Recipients string `json:"recipients"` // 主送, without the final colon
	// Date is the issue date, YYYY-MM-DD: the signature date, or else the
	// date of the 印发 line. Empty when the notice gives none.
	Date      string   `json:"date"`
	CC        []string `json:"cc"`         // 抄送
	PrintedBy string   `json:"printed_by"` // office on the 印发 line
	PrintDate string   `json:"print_date"` // YYYY-MM-DD of the 印发 line
	// IndexNumber (索引号) and Category (主题分类) are what the metadata
	// table of a portal page names beside the text: 000014349/2018-00228,
	// 科技、教育\科技. Empty when the notice came without one.
	IndexNumber string `json:"index_number,omitempty"`
	Category    string `json:"category,omitempty"`
	// PublishDate (发布日期), YYYY-MM-DD, is when a portal put the page
	// up, as its metadata or a date line above the text says; empty when
	// the copy gives none. It is not the issue date (Date).
	PublishDate string `json:"publish_date,omitempty"`

	// Preamble holds the paragraphs before the first section, one per line.
	Preamble []string `json:"preamble"`
	// Closing holds paragraphs after the last numbered item that belong to
	// no item (the closing words of a notice whose items are paragraphs).
	Closing []string `json:"closing,omitempty"`
	// Notes are remarks such as （此件公开发布）.
	Notes []string `json:"notes,omitempty"`
	// Attachments are the names listed after 附件：.
	Attachments []string `json:"attachments,omitempty"`

	// Sections are in notice order; Number 0 is the untitled section that
	// holds items written at the top level (一、… as paragraphs).
	Sections []Section `json:"sections"`
	// Tasks are the duties, in notice (or table) order. IDs are unique.
	Tasks []Task `json:"tasks"`
	// Warnings are things a person should check, sorted by line.
	Warnings []Warning `json:"warnings"`
}

// Section is a part of the body: 一、以责任落实年为主线….
type Section struct {
	Number int `json:"number"`
	// Label is the numbering as written: 一、
	Label string `json:"label"`
	Title string `json:"title"`
	// Text is the section's own paragraphs (those before its first item),
	// joined by "\n".
	Text  string `json:"text"`
	Line  int    `json:"line"`
	Items []Item `json:"items"`
}

// Item is a numbered item （一） of a section. Items are numbered across
// the notice in most notices, per section in some; (Section, Number) is
// always unique.
type Item struct {
	Number int `json:"number"`
	// Section is the number of the section the item belongs to.
	Section int `json:"section"`
	// Label is the numbering as written: （一）
	Label string `json:"label"`
	// Title is the item's heading: the first sentence when it is short,
	// else empty (the item is a paragraph without a heading).
	Title string `json:"title"`
	// Sep is what closes the title in the text: 。 or ：, or "" when the
	// title stands alone on its line.
	Sep string `json:"sep"`
	// Text is everything after the heading: the item's own paragraphs
	// and its sub-items as written, joined by "\n". It is ComposeText of
	// Lead and Subitems.
	Text string `json:"text"`
	// Lead is the item's own text, without its sub-items.
	Lead     string    `json:"lead"`
	Line     int       `json:"line"`
	Subitems []Subitem `json:"subitems,omitempty"`
}

// Subitem is a numbered sub-item 1. of an item.
type Subitem struct {
	Number int    `json:"number" yaml:"number"`
	Label  string `json:"label" yaml:"label"` // 1. or （1） as written
	Title  string `json:"title" yaml:"title"`
	Sep    string `json:"sep" yaml:"sep"`
	Text   string `json:"text" yaml:"text"`
	Line   int    `json:"line" yaml:"line"`
}

// Full returns the sub-item as written: label, title and text.
func (s Subitem) Full() string {
	head := s.Label + s.Title + s.Sep
	if s.Sep == "" && s.Title != "" && s.Text != "" {
		return head + "\n" + s.Text
	}
	return head + s.Text
}

// ComposeText joins an item's lead and sub-items as the notice writes
// them, one paragraph per line.
func ComposeText(lead string, subs []Subitem) string {
	var parts []string
	if lead != "" {
		parts = append(parts, lead)
	}
	for _, s := range subs {
		parts = append(parts, s.Full())
	}
	return strings.Join(parts, "\n")
}

// Task is the unit of duty: one row of a responsibility table, or one
// stretch of body text closed by a responsibility (（X负责）, 牵头单位：X).
type Task struct {
	// ID comes from the task's place: section-item-subitem-row, row being
	// its position among the tasks of the same sub-item, from 1.
	ID      string `json:"id"`
	Section int    `json:"section"`
	Item    int    `json:"item"`
	Subitem int    `json:"subitem"`
	Row     int    `json:"row"`
	// Number is the task's own number in a table with a 序号 column.
	Number int `json:"number,omitempty"`
	// Title is a short name the table gives the task (改革举措), if any.
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	// BodyText is the body's wording of the task where the table's differs;
	// Diff summarises the difference.
	BodyText string `json:"body_text,omitempty"`
	Diff     string `json:"diff,omitempty"`
	// UnitText is the responsibility as written.
	UnitText string `json:"unit_text"`
	// Units are in the order the notice lists them, then units added by a
	// standing rule. Never empty unless a warning says why.
	Units []units.Assignment `json:"units"`
	// Fields are the other labelled values of the task, in order: a
	// table's other columns (推广范围), a leader (牵头负责领导), a scope
	// (适用范围). The deadline is not among them.
	Fields []Field `json:"fields,omitempty"`
	// Deadline is when the task is due, or nil when the notice says not.
	Deadline *Deadline `json:"deadline,omitempty"`
	Line     int       `json:"line"`
	// Source is "table" or "body".
	Source string `json:"source"`
}

// Field is a named value from an extra table column.
type Field struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

// Warning is something a person should check. Line is 1-based; 0 when the
// warning concerns the whole notice.
type Warning struct {
	Line int `json:"line" yaml:"line"`
	// Place names the place in a document that has no lines to count (a
	// .docx, a web page) as a person finds it: "表1第12行",
	// "第40段". Empty for a text file, where Line is the place.
	Place   string `json:"place,omitempty" yaml:"place,omitempty"`
	Message string `json:"message" yaml:"message"`
}

// Where is the place a message names: Place, else "第N行"; "" for the
// whole notice.
func (w Warning) Where() string {
	switch {
	case w.Place != "":
		return w.Place
	case w.Line > 0:
		return "第" + strconv.Itoa(w.Line) + "行"
	}
	return ""
}

// Section returns the section with the given number, or nil.
func (n *Notice) Section(num int) *Section {
	for i := range n.Sections {
		if n.Sections[i].Number == num {
			return &n.Sections[i]
		}
	}
	return nil
}

// Item returns the item with the given section and number, or nil.
func (n *Notice) Item(section, num int) *Item {
	s := n.Section(section)
	if s == nil {
		return nil
	}
	for i := range s.Items {
		if s.Items[i].Number == num {
			return &s.Items[i]
		}
	}
	return nil
}

// Subitem returns the numbered sub-item of an item, or nil.
func (it *Item) Subitem(num int) *Subitem {
	for i := range it.Subitems {
		if it.Subitems[i].Number == num {
			return &it.Subitems[i]
		}
	}
	return nil
}

// DutyTasks returns the number of tasks that name a unit.
func (n *Notice) DutyTasks() int {
	count := 0
	for _, t := range n.Tasks {
		if len(t.Units) > 0 {
			count++
		}
	}
	return count
}

// dutyWords are words that speak of duties in a notice's text.
var dutyWords = []string{"负责", "牵头", "责任单位", "责任部门", "配合单位", "协办单位"}

// MentionsDuties reports a notice whose text speaks of duties: a check
// that finds no duty in it should say so.
func (n *Notice) MentionsDuties() bool {
	mentions := func(s string) bool {
		for _, w := range dutyWords {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	for _, s := range n.Sections {
		if mentions(s.Text) {
			return true
		}
		for _, it := range s.Items {
			if mentions(it.Title) || mentions(it.Text) {
				return true
			}
		}
	}
	for _, s := range append(append([]string{}, n.Preamble...), n.Closing...) {
		if mentions(s) {
			return true
		}
	}
	return false
}
