package content

import (
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// The front matter of each kind of content file. Field names are those a
// Hugo user expects (title, weight) plus the notice's own; docs/content.md
// describes every field. The same structs are written with YAML and read
// back with github.com/adrg/frontmatter.

// NoticeMatter heads notices/<slug>/_index.md; the body is the preamble.
type NoticeMatter struct {
	Title       string           `yaml:"title"`
	Slug        string           `yaml:"slug"`
	Weight      int              `yaml:"weight"`
	DocNumber   string           `yaml:"doc_number"`
	Issuer      string           `yaml:"issuer"`
	Date        string           `yaml:"date"`
	Recipients  string           `yaml:"recipients"`
	CC          []string         `yaml:"cc"`
	PrintedBy   string           `yaml:"printed_by"`
	PrintDate   string           `yaml:"print_date"`
	IndexNumber string           `yaml:"index_number,omitempty"`
	Category    string           `yaml:"category,omitempty"`
	PublishDate string           `yaml:"publish_date,omitempty"`
	Source      string           `yaml:"source"`
	Encoding    string           `yaml:"encoding"`
	Notes       []string         `yaml:"notes,omitempty"`
	Attachments []string         `yaml:"attachments,omitempty"`
	Closing     []string         `yaml:"closing,omitempty"`
	Sections    int              `yaml:"sections"`
	Items       int              `yaml:"items"`
	Tasks       int              `yaml:"tasks"`
	Warnings    []notice.Warning `yaml:"warnings"`
}

// SectionMatter heads notices/<slug>/sections/<n>.md; the body is the
// section's own text.
type SectionMatter struct {
	Title   string `yaml:"title"`
	Heading string `yaml:"heading"`
	Notice  string `yaml:"notice"`
	Number  int    `yaml:"number"`
	Label   string `yaml:"label"`
	Line    int    `yaml:"line"`
	Weight  int    `yaml:"weight"`
	Items   []int  `yaml:"items"`
}

// ItemMatter heads notices/<slug>/items/<section>-<n>.md; the body is the
// item's lead text, its sub-items are in the front matter.
type ItemMatter struct {
	Title    string           `yaml:"title"`
	Notice   string           `yaml:"notice"`
	Section  int              `yaml:"section"`
	Number   int              `yaml:"number"`
	Label    string           `yaml:"label"`
	Heading  string           `yaml:"heading"`
	Sep      string           `yaml:"sep"`
	Line     int              `yaml:"line"`
	Weight   int              `yaml:"weight"`
	Subitems []notice.Subitem `yaml:"subitems,omitempty"`
	Tasks    []string         `yaml:"tasks"`
}

// TaskMatter heads notices/<slug>/tasks/<id>.md; the body is the task text.
type TaskMatter struct {
	Title     string         `yaml:"title"`
	Notice    string         `yaml:"notice"`
	ID        string         `yaml:"id"`
	Section   int            `yaml:"section"`
	Item      int            `yaml:"item"`
	Subitem   int            `yaml:"subitem"`
	Row       int            `yaml:"row"`
	Number    int            `yaml:"number,omitempty"`
	TaskTitle string         `yaml:"task_title,omitempty"`
	Weight    int            `yaml:"weight"`
	Line      int            `yaml:"line"`
	Source    string         `yaml:"source"`
	UnitText  string         `yaml:"unit_text"`
	Units     []TaskUnit     `yaml:"units"`
	BodyText  string         `yaml:"body_text,omitempty"`
	Diff      string         `yaml:"diff,omitempty"`
	Fields    []notice.Field `yaml:"fields,omitempty"`
	// Deadline is the deadline as written, DeadlineDate the last day it
	// allows (YYYY-MM-DD) when it names one.
	Deadline     string `yaml:"deadline,omitempty"`
	DeadlineDate string `yaml:"deadline_date,omitempty"`
}

// TaskUnit is a unit of a task with the slug of its page.
type TaskUnit struct {
	Name string     `yaml:"name"`
	Role units.Role `yaml:"role"`
	Slug string     `yaml:"slug"`
	Rule string     `yaml:"rule,omitempty"`
}

// UnitMatter heads units/<slug>.md; the body is empty (hand-written notes
// go in units/<slug>.notes.md, which the build never touches).
type UnitMatter struct {
	Title    string     `yaml:"title"`
	Slug     string     `yaml:"slug"`
	Kind     units.Kind `yaml:"kind"`
	Pinyin   string     `yaml:"pinyin"`
	Initials string     `yaml:"initials"`
	Aliases  []string   `yaml:"aliases,omitempty"`
	Groups   []string   `yaml:"groups,omitempty"`
	Members  []string   `yaml:"members,omitempty"`
	// Collective is true when the registry lists the unit under
	// collectives; MayInclude is what it says the collective may
	// include (names, groups, kinds).
	Collective bool       `yaml:"collective,omitempty"`
	MayInclude []string   `yaml:"may_include,omitempty"`
	Count      int        `yaml:"duties_count"`
	Lead       int        `yaml:"lead_count"`
	Duties     []UnitDuty `yaml:"duties"`
	// Possible names, by notice and collective, the tasks of
	// collectives it may belong to (the collective's file lists them
	// with their roles).
	Possible []UnitPossible `yaml:"possible,omitempty"`
}

// UnitPossible names the tasks of a collective (Via) in one notice that
// a unit may have.
type UnitPossible struct {
	Notice string   `yaml:"notice"`
	Via    string   `yaml:"via"`
	Tasks  []string `yaml:"tasks"`
}

// UnitDuty is a duty listed on a unit: which task, in which role, through
// which group.
type UnitDuty struct {
	Notice string     `yaml:"notice"`
	Task   string     `yaml:"task"`
	Role   units.Role `yaml:"role"`
	Via    string     `yaml:"via,omitempty"`
}
