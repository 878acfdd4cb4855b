// Package downloads makes the data files of a site: each notice as JSON
// (as `parse` prints it), every table of tasks and duties as CSV and XLSX
// (all tasks, each notice's, each unit's), and the units as JSON. Each
// file is handed over with the data it is made from, which keys it, and a
// function that makes it, so a build can keep the file of the last build
// instead.
package downloads

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/jsonquote"
	"qingdan/internal/notice"
	"qingdan/internal/pinyin"
	"qingdan/internal/units"
	"qingdan/internal/xlsx"
)

// File is a download: where it goes, the data it is made from (From; nil
// for a file every build makes) and how to make it.
type File struct {
	Path string
	From []any
	Make func() ([]byte, error)
}

// Each hands every download of the site to put, in a fixed order; it
// stops at the first error put returns. The rows of a table are made just
// before it is handed over, so a large site's tables are not all in memory
// at once.
func Each(cat *catalog.Catalog, put func(File) error) error {
	m := &maker{cat: cat, put: put, sheets: &xlsx.Blocks{}}
	return m.all()
}

type maker struct {
	cat *catalog.Catalog
	put func(File) error
	// sheets holds the compressed row blocks of the XLSX tables.
	sheets *xlsx.Blocks
}

// UnitJSON is a unit in data/units.json.
type UnitJSON struct {
	Name      string     `json:"name"`
	Slug      string     `json:"slug"`
	Kind      units.Kind `json:"kind"`
	KindLabel string     `json:"kind_label"`
	Pinyin    string     `json:"pinyin"`
	Initials  string     `json:"initials"`
	Aliases   []string   `json:"aliases"`
	Groups    []string   `json:"groups"`
	Members   []string   `json:"members"`
	Duties    []DutyJSON `json:"duties"`
	Count     int        `json:"duties_count"`
	Lead      int        `json:"lead_count"`
	Page      string     `json:"page"`
}

// DutyJSON is a duty in data/units.json.
type DutyJSON struct {
	Notice string     `json:"notice"`
	Task   string     `json:"task"`
	Role   units.Role `json:"role"`
	Via    string     `json:"via,omitempty"`
	Page   string     `json:"page"`
}

// unitsJSON writes data/units.json as marshal would, without reflection:
// on a large site it holds every duty of every unit.
func unitsJSON(list []UnitJSON) []byte {
	if list == nil {
		return []byte("null\n")
	}
	var b bytes.Buffer
	size := 2
	for _, u := range list {
		size += 400 + 220*len(u.Duties) // most of a large site's 100 MB
	}
	b.Grow(size)
	// Each field ends with sep: ",\n" but for the last of its object.
	str := func(indent, key, v, sep string) {
		b.WriteString(indent)
		jsonquote.String(&b, key, false)
		b.WriteString(": ")
		jsonquote.String(&b, v, false)
		b.WriteString(sep)
	}
	num := func(indent, key string, n int, sep string) {
		b.WriteString(indent)
		jsonquote.String(&b, key, false)
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(n))
		b.WriteString(sep)
	}
	strs := func(key string, v []string) {
		b.WriteString("    ")
		jsonquote.String(&b, key, false)
		if len(v) == 0 {
			b.WriteString(": [],\n")
			return
		}
		b.WriteString(": [\n")
		for i, s := range v {
			b.WriteString("      ")
			jsonquote.String(&b, s, false)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("    ],\n")
	}
	if len(list) == 0 {
		return []byte("[]\n")
	}
	b.WriteString("[\n")
	for i, u := range list {
		b.WriteString("  {\n")
		str("    ", "name", u.Name, ",\n")
		str("    ", "slug", u.Slug, ",\n")
		str("    ", "kind", string(u.Kind), ",\n")
		str("    ", "kind_label", u.KindLabel, ",\n")
		str("    ", "pinyin", u.Pinyin, ",\n")
		str("    ", "initials", u.Initials, ",\n")
		strs("aliases", u.Aliases)
		strs("groups", u.Groups)
		strs("members", u.Members)
		if len(u.Duties) == 0 {
			b.WriteString("    \"duties\": [],\n")
		} else {
			b.WriteString("    \"duties\": [\n")
			for k, d := range u.Duties {
				b.WriteString("      {\n")
				str("        ", "notice", d.Notice, ",\n")
				str("        ", "task", d.Task, ",\n")
				str("        ", "role", string(d.Role), ",\n")
				if d.Via != "" {
					str("        ", "via", d.Via, ",\n")
				}
				str("        ", "page", d.Page, "\n")
				b.WriteString("      }")
				if k < len(u.Duties)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("    ],\n")
		}
		num("    ", "duties_count", u.Count, ",\n")
		num("    ", "lead_count", u.Lead, ",\n")
		str("    ", "page", u.Page, "\n")
		b.WriteString("  }")
		if i < len(list)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes()
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (r *maker) all() error {
	cat := r.cat
	// data/notice.json: the notice as `parse` prints it; for a site of
	// several notices, the list of them.
	var allRows []xlsx.Part
	for _, n := range cat.Notices {
		rows := xlsx.Part{Key: n.Slug + " tasks", Rows: r.taskRows(n)}
		allRows = append(allRows, rows)
		paths := []string{hrefs.NoticeJSON(n.Slug)}
		if len(cat.Notices) == 1 {
			paths = append(paths, hrefs.AllNoticesJSON)
		}
		for _, p := range paths {
			err := r.put(File{Path: p, From: []any{n.Notice}, Make: func() ([]byte, error) {
				b, err := n.JSON()
				if err != nil {
					return nil, fmt.Errorf("write %s: %w", p, err)
				}
				return b, nil
			}})
			if err != nil {
				return err
			}
		}
		if err := r.table(hrefs.NoticeCSV(n.Slug), hrefs.NoticeXLSX(n.Slug), "任务", taskHeader, rows); err != nil {
			return err
		}
	}
	if len(cat.Notices) != 1 {
		// Several notices: the list of them, each with its file.
		type entry struct {
			Slug      string `json:"slug"`
			DocNumber string `json:"doc_number"`
			Title     string `json:"title"`
			Date      string `json:"date"`
			File      string `json:"file"`
		}
		list := []entry{}
		for _, n := range cat.Notices {
			list = append(list, entry{n.Slug, n.DocNumber, n.Title, n.Date, hrefs.NoticeJSON(n.Slug)})
		}
		err := r.put(File{Path: hrefs.AllNoticesJSON, Make: func() ([]byte, error) {
			b, err := marshal(struct {
				Notices []entry `json:"notices"`
			}{list})
			if err != nil {
				return nil, fmt.Errorf("write %s: %w", hrefs.AllNoticesJSON, err)
			}
			return b, nil
		}})
		if err != nil {
			return err
		}
	}

	var list []UnitJSON
	for _, u := range cat.Units {
		j := UnitJSON{
			Name: u.Name, Slug: u.Slug, Kind: u.Kind, KindLabel: u.Kind.Label(),
			Pinyin: pinyin.Full(u.Name), Initials: pinyin.Initials(u.Name),
			Aliases: orEmpty(u.Aliases), Groups: orEmpty(u.Groups), Members: orEmpty(u.Members),
			Duties: []DutyJSON{}, Page: hrefs.Unit(u.Slug),
		}
		j.Count, j.Lead = u.Counts()
		for _, d := range u.Duties {
			j.Duties = append(j.Duties, DutyJSON{Notice: d.Notice, Task: d.Task, Role: d.Role, Via: d.Via, Page: hrefs.Task(d.Notice, d.Task)})
		}
		list = append(list, j)
	}
	if err := r.put(File{Path: hrefs.UnitsJSON, Make: func() ([]byte, error) { return unitsJSON(list), nil }}); err != nil {
		return err
	}

	// Tables: all tasks, and each unit's, by notice. A part of a table
	// is named by its notice and the duties it lists, which decide its
	// rows: parts shared by several tables (a group's duties in each of
	// its members' tables) are compressed once.
	if err := r.table(hrefs.AllTasksCSV, hrefs.AllTasksXLSX, "任务", taskHeader, allRows...); err != nil {
		return err
	}
	for _, u := range cat.Units {
		if err := r.table(hrefs.UnitCSV(u.Slug), hrefs.UnitXLSX(u.Slug), "职责", unitHeader, r.unitParts(u)...); err != nil {
			return err
		}
	}
	return nil
}

// unitParts are the parts of a unit's table: its duties in each notice,
// named by the notice and the duties (task, role, group).
func (r *maker) unitParts(u *catalog.Unit) []xlsx.Part {
	var parts []xlsx.Part
	var name strings.Builder
	for i, d := range u.Duties {
		if i > 0 && d.Notice == u.Duties[i-1].Notice {
			continue
		}
		n := r.cat.Notice(d.Notice)
		ds := u.DutiesIn(d.Notice)
		name.Reset()
		name.WriteString(n.Slug + " unit")
		for _, d := range ds {
			name.WriteString(" " + d.Task + "/" + string(d.Role) + "/" + strconv.Quote(d.Via))
		}
		parts = append(parts, xlsx.Part{Key: name.String(), Rows: r.unitRows(n, ds)})
	}
	return parts
}

// unitRows are the rows of a unit's table for its duties in one notice.
func (r *maker) unitRows(n *catalog.Notice, ds []catalog.Duty) [][]string {
	rows := make([][]string, 0, len(ds))
	for _, d := range ds {
		t := r.cat.Task(d.Notice, d.Task)
		sec, item, sub := placeNames(n.Notice, t)
		rows = append(rows, neutralised(n.DocNumber, t.ID, sec, item, sub, t.Text, d.Role.Label(), d.Via, t.UnitText))
	}
	return rows
}

var (
	taskHeader = []string{"文号", "任务编号", "主要内容", "具体事项", "子项", "工作任务", "责任单位（原文）", "牵头", "负责", "配合", "督促企业落实", "指导"}
	unitHeader = []string{"文号", "任务编号", "主要内容", "具体事项", "子项", "工作任务", "职责", "经由", "责任单位（原文）"}
)

func placeNames(n *notice.Notice, t *notice.Task) (section, item, sub string) {
	if s := n.Section(t.Section); s != nil {
		section = strings.TrimSpace(s.Label + s.Title)
	}
	if it := n.Item(t.Section, t.Item); it != nil {
		item = it.Label + it.DisplayTitle()
		if sb := it.Subitem(t.Subitem); sb != nil {
			sub = sb.Label + sb.Title
		}
	}
	return
}

func (r *maker) taskRows(n *catalog.Notice) [][]string {
	var rows [][]string
	for i := range n.Tasks {
		t := &n.Tasks[i]
		sec, item, sub := placeNames(n.Notice, t)
		row := []string{n.DocNumber, t.ID, sec, item, sub, t.Text, t.UnitText}
		for _, role := range units.Roles {
			var names []string
			for _, a := range t.Units {
				if a.Role == role {
					names = append(names, a.Name)
				}
			}
			row = append(row, strings.Join(names, "、"))
		}
		rows = append(rows, neutralised(row...))
	}
	return rows
}

// neutralised returns cells a spreadsheet will not read as formulas: a
// cell that begins with = + - @ (or a tab or carriage return) gets a
// leading apostrophe. In an XLSX every cell is text anyway; the
// apostrophe is kept for readers that convert the sheet back to text.
func neutralised(cells ...string) []string {
	for i, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			cells[i] = "'" + s
		}
	}
	return cells
}

// table queues the same rows, given by parts, as CSV (UTF-8 with a
// byte-order mark, so Excel reads the Chinese) and as XLSX, whose parts
// are compressed once for all the tables that share them.
func (r *maker) table(csvPath, xlsxPath, sheet string, header []string, parts ...xlsx.Part) error {
	err := r.put(File{Path: xlsxPath, From: []any{sheet, header, parts}, Make: func() ([]byte, error) {
		var b bytes.Buffer
		if err := r.sheets.Write(&b, sheet, header, parts...); err != nil {
			return nil, fmt.Errorf("write %s: %w", xlsxPath, err)
		}
		return b.Bytes(), nil
	}})
	if err != nil {
		return err
	}
	return r.put(File{Path: csvPath, From: []any{header, parts}, Make: func() ([]byte, error) {
		var b bytes.Buffer
		size := 64
		for _, p := range parts {
			for _, row := range p.Rows {
				for _, c := range row {
					size += len(c) + 3
				}
			}
		}
		b.Grow(size) // a county's table is tens of megabytes
		b.WriteString("\ufeff")
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		w.Write(header)
		for _, p := range parts {
			w.WriteAll(p.Rows)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("write %s: %w", csvPath, err)
		}
		return b.Bytes(), nil
	}})
}
