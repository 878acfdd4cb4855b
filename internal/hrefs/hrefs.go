// Package hrefs says where each page of a site lives, relative to the
// site root. The pages and the search index both link to them, so both
// take their addresses from here.
package hrefs

import (
	"path"
	"strconv"
)

// Notice is a notice's overview.
func Notice(slug string) string { return path.Join("notices", slug, "index.html") }

// Full is a notice's full text.
func Full(slug string) string { return path.Join("notices", slug, "full.html") }

// Matrix is a notice's responsibility matrix.
func Matrix(slug string) string { return path.Join("notices", slug, "matrix.html") }

// Changes is what changed in a notice since its previous version.
func Changes(slug string) string { return path.Join("notices", slug, "changes.html") }

// Check is the notice's 校对 page: what the parser asks its editors to
// check. No public page links to it.
func Check(slug string) string { return path.Join("notices", slug, "check.html") }

// Section is a section's page.
func Section(slug string, n int) string {
	return path.Join("notices", slug, "sections", strconv.Itoa(n)+".html")
}

// Item is an item's page.
func Item(slug string, section, n int) string {
	return path.Join("notices", slug, "items", strconv.Itoa(section)+"-"+strconv.Itoa(n)+".html")
}

// Task is a task's page.
func Task(slug, id string) string { return path.Join("notices", slug, "tasks", id+".html") }

// Unit is a unit's page.
func Unit(slug string) string { return path.Join("units", slug+".html") }

// UnitNotice is the page of a unit's duties in one notice, for a unit
// with duties in several.
func UnitNotice(unit, notice string) string { return path.Join("units", unit, notice+".html") }

// The downloads of a site (internal/downloads).
const (
	AllTasksCSV    = "data/tasks.csv"
	AllTasksXLSX   = "data/tasks.xlsx"
	UnitsJSON      = "data/units.json"
	AllNoticesJSON = "data/notice.json" // the notice, or the list of them
)

// NoticeJSON is a notice as `parse` prints it.
func NoticeJSON(slug string) string { return "data/notices/" + slug + ".json" }

// NoticeCSV is the table of a notice's tasks as CSV.
func NoticeCSV(slug string) string { return "data/notices/" + slug + ".csv" }

// NoticeXLSX is the table of a notice's tasks as XLSX.
func NoticeXLSX(slug string) string { return "data/notices/" + slug + ".xlsx" }

// UnitCSV is the table of a unit's duties as CSV.
func UnitCSV(slug string) string { return "data/units/" + slug + ".csv" }

// UnitXLSX is the table of a unit's duties as XLSX.
func UnitXLSX(slug string) string { return "data/units/" + slug + ".xlsx" }
