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
	"io"
	"path"
	"sort"
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
// for a file every build makes) and how to make it. Files made from the
// same data, one after the other, share one From slice (the CSV and the
// XLSX of a table), so that data is digested once for both. Make writes
// the file to w, a part at a time: on a large site data/units.json and a
// county's tables are hundreds of megabytes, written where they go
// without being whole in memory.
type File struct {
	Path string
	From []any
	Make func(w io.Writer) error
}

// Each hands every download of the site to put, in a fixed order; it
// stops at the first error put returns. The rows of a table are made just
// before it is handed over, so a large site's tables are not all in memory
// at once.
func Each(cat *catalog.Catalog, put func(File) error) error {
	m := &maker{cat: cat, put: put, sheets: &xlsx.Blocks{}, possible: map[catalog.RunID][]string{}}
	return m.all()
}

type maker struct {
	cat *catalog.Catalog
	put func(File) error
	// sheets holds the compressed row blocks of the XLSX tables.
	sheets *xlsx.Blocks
	// possible holds the cells of a run of possible duties, which the
	// catalog shares between the units a collective may include: made
	// once for all of them.
	possible map[catalog.RunID][]string
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
	// Possible names, by notice and collective, the tasks of
	// collectives the unit may belong to, counted apart; the
	// collective's own entry gives them with their roles. MayInclude, of
	// a collective, the units it may include.
	Possible      []PossibleJSON `json:"possible"`
	PossibleCount int            `json:"possible_count"`
	MayInclude    []string       `json:"may_include"`
	Page          string         `json:"page"`
}

// PossibleJSON names the tasks of a collective (Via) in one notice that
// a unit may have: ids, not copies, since every unit the collective may
// include has them.
type PossibleJSON struct {
	Notice string   `json:"notice"`
	Via    string   `json:"via"`
	Tasks  []string `json:"tasks"`
}

// DutyJSON is a duty in data/units.json.
type DutyJSON struct {
	Notice string     `json:"notice"`
	Task   string     `json:"task"`
	Role   units.Role `json:"role"`
	Via    string     `json:"via,omitempty"`
	Page   string     `json:"page"`
}

// unitsJSON writes data/units.json as encoding/json would write the list
// of n units, without reflection, each made by unit(i) as it is written
// and handed to out at once: on a large site the list holds every duty of
// every unit.
func unitsJSON(out io.Writer, n int, unit func(i int) UnitJSON) error {
	var buf bytes.Buffer
	b := &buf
	flush := func() error {
		_, err := out.Write(b.Bytes())
		b.Reset()
		return err
	}
	// Each field ends with sep: ",\n" but for the last of its object.
	str := func(indent, key, v, sep string) {
		b.WriteString(indent)
		jsonquote.String(b, key, false)
		b.WriteString(": ")
		jsonquote.String(b, v, false)
		b.WriteString(sep)
	}
	num := func(indent, key string, n int, sep string) {
		b.WriteString(indent)
		jsonquote.String(b, key, false)
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(n))
		b.WriteString(sep)
	}
	strs := func(key string, v []string) {
		b.WriteString("    ")
		jsonquote.String(b, key, false)
		if len(v) == 0 {
			b.WriteString(": [],\n")
			return
		}
		b.WriteString(": [\n")
		for i, s := range v {
			b.WriteString("      ")
			jsonquote.String(b, s, false)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("    ],\n")
	}
	if n == 0 {
		b.WriteString("[]\n")
		return flush()
	}
	b.WriteString("[\n")
	for i := range n {
		u := unit(i)
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
		duties := func(key string, ds []DutyJSON) {
			if len(ds) == 0 {
				b.WriteString("    \"" + key + "\": [],\n")
				return
			}
			b.WriteString("    \"" + key + "\": [\n")
			for k, d := range ds {
				b.WriteString("      {\n")
				str("        ", "notice", d.Notice, ",\n")
				str("        ", "task", d.Task, ",\n")
				str("        ", "role", string(d.Role), ",\n")
				if d.Via != "" {
					str("        ", "via", d.Via, ",\n")
				}
				str("        ", "page", d.Page, "\n")
				b.WriteString("      }")
				if k < len(ds)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("    ],\n")
		}
		duties("duties", u.Duties)
		num("    ", "duties_count", u.Count, ",\n")
		num("    ", "lead_count", u.Lead, ",\n")
		if len(u.Possible) == 0 {
			b.WriteString("    \"possible\": [],\n")
		} else {
			b.WriteString("    \"possible\": [\n")
			for k, p := range u.Possible {
				b.WriteString("      {\n")
				str("        ", "notice", p.Notice, ",\n")
				str("        ", "via", p.Via, ",\n")
				b.WriteString("        \"tasks\": [\n")
				for i, t := range p.Tasks {
					b.WriteString("          ")
					jsonquote.String(b, t, false)
					if i < len(p.Tasks)-1 {
						b.WriteByte(',')
					}
					b.WriteByte('\n')
				}
				b.WriteString("        ]\n      }")
				if k < len(u.Possible)-1 {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString("    ],\n")
		}
		num("    ", "possible_count", u.PossibleCount, ",\n")
		strs("may_include", u.MayInclude)
		str("    ", "page", u.Page, "\n")
		b.WriteString("  }")
		if i < n-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		if err := flush(); err != nil {
			return err
		}
	}
	b.WriteString("]\n")
	return flush()
}

// unitJSON is a unit's entry in data/units.json.
func unitJSON(u *catalog.Unit) UnitJSON {
	j := UnitJSON{
		Name: u.Name, Slug: u.Slug, Kind: u.Kind, KindLabel: u.Kind.Label(),
		Pinyin: pinyin.Full(u.Name), Initials: pinyin.Initials(u.Name),
		Aliases: orEmpty(u.Aliases), Groups: orEmpty(u.Groups), Members: orEmpty(u.Members),
		Duties: make([]DutyJSON, 0, len(u.Duties)), Possible: make([]PossibleJSON, 0, len(u.Possible)),
		MayInclude: orEmpty(u.MayInclude), Page: hrefs.Unit(u.Slug),
	}
	j.Count, j.Lead = u.Counts()
	j.PossibleCount = u.PossibleTasks()
	for _, d := range u.Duties {
		j.Duties = append(j.Duties, DutyJSON{Notice: d.Notice, Task: d.Task, Role: d.Role, Via: d.Via, Page: hrefs.Task(d.Notice, d.Task)})
	}
	for _, run := range u.Possible {
		j.Possible = append(j.Possible, PossibleJSON{Notice: run.Notice, Via: run.Via, Tasks: catalog.TaskIDs(run.Duties)})
	}
	return j
}

// marshalTo writes v as JSON, indented, HTML left as it is.
func marshalTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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
			err := r.put(File{Path: p, From: []any{n.Notice}, Make: func(w io.Writer) error {
				if err := n.WriteJSON(w); err != nil {
					return fmt.Errorf("write %s: %w", p, err)
				}
				return nil
			}})
			if err != nil {
				return err
			}
		}
		title := strings.TrimSpace(n.DocNumber + " " + n.Title + " 任务分工")
		if err := r.table(hrefs.NoticeCSV(n.Slug), hrefs.NoticeXLSX(n.Slug), sheet("任务", title, taskColumns, rows)); err != nil {
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
		err := r.put(File{Path: hrefs.AllNoticesJSON, Make: func(w io.Writer) error {
			if err := marshalTo(w, struct {
				Notices []entry `json:"notices"`
			}{list}); err != nil {
				return fmt.Errorf("write %s: %w", hrefs.AllNoticesJSON, err)
			}
			return nil
		}})
		if err != nil {
			return err
		}
	}

	err := r.put(File{Path: hrefs.UnitsJSON, Make: func(w io.Writer) error {
		if err := unitsJSON(w, len(cat.Units), func(i int) UnitJSON { return unitJSON(cat.Units[i]) }); err != nil {
			return fmt.Errorf("write %s: %w", hrefs.UnitsJSON, err)
		}
		return nil
	}})
	if err != nil {
		return err
	}

	// Tables: all tasks, and each unit's, by notice. A part of a table
	// is named by its notice and the duties it lists, which decide its
	// rows: parts shared by several tables (a group's duties in each of
	// its members' tables) are compressed once.
	if err := r.table(hrefs.AllTasksCSV, hrefs.AllTasksXLSX, sheet("任务", "全部任务", taskColumns, allRows...)); err != nil {
		return err
	}
	for _, u := range cat.Units {
		sheets := []xlsx.Sheet{sheet("职责", u.Name+" 任务清单", unitColumns, r.unitParts(u)...)}
		if len(u.Possible) > 0 {
			sheets = append(sheets, r.possibleSheet(u))
		}
		if err := r.table(hrefs.UnitCSV(u.Slug), hrefs.UnitXLSX(u.Slug), sheets...); err != nil {
			return err
		}
	}
	return nil
}

// unitParts are the parts of a unit's table of duties: its duties in
// each notice, named by the notice and the duties (task, role, group).
func (r *maker) unitParts(u *catalog.Unit) []xlsx.Part {
	var parts []xlsx.Part
	var name strings.Builder
	for i, d := range u.Duties {
		if i > 0 && d.Notice == u.Duties[i-1].Notice {
			continue
		}
		n := r.cat.Notice(d.Notice)
		ds := r.pageOrder(n, u.DutiesIn(d.Notice))
		name.Reset()
		name.WriteString(n.Slug + " unit")
		viaGroup := true // then every member of the group has these rows
		for _, d := range ds {
			name.WriteString(" " + d.Task + "/" + string(d.Role) + "/" + strconv.Quote(d.Via))
			viaGroup = viaGroup && d.Via != ""
		}
		parts = append(parts, xlsx.Part{Key: name.String(), Rows: r.unitRows(n, ds), Shared: viaGroup})
	}
	return parts
}

// possibleSheet names, a row for each notice and collective, the tasks
// of collectives a unit may belong to: ids and where they stand in full
// (the collective's own table), not copies, since every unit the
// collective may include has them.
func (r *maker) possibleSheet(u *catalog.Unit) xlsx.Sheet {
	sh := xlsx.Sheet{Name: "可能涉及的任务", Title: u.Name + " 可能涉及的任务（任务全文见各泛指单位的任务表）", Columns: possibleColumns}
	rows := make([][]string, len(u.Possible))
	// Units with the same runs have the same rows, compressed once.
	var key strings.Builder
	key.WriteString("possible")
	for i, run := range u.Possible {
		cells := r.possibleCells(run)
		rows[i] = append([]string{strconv.Itoa(i + 1)}, cells...)
		for _, c := range cells {
			key.WriteString("\x00" + c)
		}
	}
	sh.Parts = []xlsx.Part{{Key: key.String(), Rows: rows, Shared: true}}
	return sh
}

// possibleCells are the cells of a row of the possible sheet but its
// number.
func (r *maker) possibleCells(run catalog.PossibleRun) []string {
	if cells, ok := r.possible[run.ID()]; ok {
		return cells
	}
	n := r.cat.Notice(run.Notice)
	ids := catalog.TaskIDs(run.Duties)
	table := ""
	if c := r.cat.Unit(run.Via); c != nil {
		table = "见“" + c.Name + "”的任务表：该单位页面的“下载 Excel”（" + path.Base(hrefs.UnitXLSX(c.Slug)) + "）"
	}
	cells := neutralised(n.DocNumber, n.Title, run.Via, strconv.Itoa(len(ids)), strings.Join(ids, "、"), table)
	r.possible[run.ID()] = cells
	return cells
}

// pageOrder orders a unit's duties in a notice as its page lists them,
// by section and role, so that the table's 序号 are the page's.
func (r *maker) pageOrder(n *catalog.Notice, ds []catalog.Duty) []catalog.Duty {
	out := append([]catalog.Duty(nil), ds...)
	rank := func(d catalog.Duty) int { return r.cat.Task(n.Slug, d.Task).Section }
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := rank(out[i]), rank(out[j]); a != b {
			return a < b
		}
		return out[i].Role.Rank() < out[j].Role.Rank()
	})
	return out
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

// The columns of the tables: what the notice says, then the columns a
// unit fills in (落实情况, 完成时间, 备注), empty. Widths are fixed so
// that a sheet printed one page wide stays readable; the task's text
// wraps.
var (
	dataColumns = []xlsx.Column{{Title: "文号", Width: 14}, {Title: "任务编号", Width: 10}, {Title: "主要内容", Width: 14}, {Title: "具体事项", Width: 14}, {Title: "子项", Width: 12}, {Title: "工作任务", Width: 44}}
	fillColumns = []xlsx.Column{{Title: "落实情况", Width: 26}, {Title: "完成时间", Width: 11}, {Title: "备注", Width: 13}}
	taskColumns = columns(dataColumns, []xlsx.Column{{Title: "责任单位（原文）", Width: 20}, {Title: "牵头", Width: 10}, {Title: "负责", Width: 14},
		{Title: "配合", Width: 12}, {Title: "督促企业落实", Width: 12}, {Title: "指导", Width: 8}}, fillColumns)
	unitColumns = columns(dataColumns, []xlsx.Column{{Title: "职责", Width: 8}, {Title: "经由", Width: 12}, {Title: "责任单位（原文）", Width: 20}}, fillColumns)
	// possibleColumns name a collective's tasks in a notice; 全文 says
	// where they are in full: the collective's own table.
	possibleColumns = columns([]xlsx.Column{{Title: "文号", Width: 14}, {Title: "通知", Width: 36}, {Title: "泛指的单位", Width: 20},
		{Title: "任务数", Width: 8, Number: true}, {Title: "任务编号", Width: 30}, {Title: "全文", Width: 40}})
)

// columns is 序号 and then the lists of columns.
func columns(lists ...[]xlsx.Column) []xlsx.Column {
	out := []xlsx.Column{{Title: "序号", Width: 6, Number: true}}
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// sheet makes a sheet of parts of rows as the notice gives them: each
// row numbered (序号, from 1 on each sheet) and given the empty columns
// to fill in. A part's key names its first number too, since its rows
// now depend on it.
func sheet(name, title string, cols []xlsx.Column, parts ...xlsx.Part) xlsx.Sheet {
	sh := xlsx.Sheet{Name: name, Title: title, Columns: cols}
	fill := len(fillColumns)
	next := 1
	for _, p := range parts {
		q := xlsx.Part{Rows: make([][]string, len(p.Rows)), Shared: p.Shared}
		if p.Key != "" {
			q.Key = p.Key + " from " + strconv.Itoa(next)
		}
		for i, row := range p.Rows {
			cells := make([]string, 0, 1+len(row)+fill)
			cells = append(cells, strconv.Itoa(next))
			cells = append(cells, row...)
			q.Rows[i] = append(cells, make([]string, fill)...)
			next++
		}
		sh.Parts = append(sh.Parts, q)
	}
	return sh
}

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

// table queues the same sheets as XLSX, whose parts are compressed once
// for all the tables that share them, and the first as CSV (UTF-8 with
// a byte-order mark, so Excel reads the Chinese; a CSV file holds one
// table).
func (r *maker) table(csvPath, xlsxPath string, sheets ...xlsx.Sheet) error {
	// Both files are made from one From, which the site digests once.
	from := []any{sheets}
	err := r.put(File{Path: xlsxPath, From: from, Make: func(out io.Writer) error {
		if err := r.sheets.Write(out, sheets...); err != nil {
			return fmt.Errorf("write %s: %w", xlsxPath, err)
		}
		return nil
	}})
	if err != nil {
		return err
	}
	return r.put(File{Path: csvPath, From: from, Make: func(out io.Writer) error {
		first := sheets[0]
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return fmt.Errorf("write %s: %w", csvPath, err)
		}
		w := csv.NewWriter(out)
		w.UseCRLF = true
		header := make([]string, len(first.Columns))
		for i, c := range first.Columns {
			header[i] = c.Title
		}
		w.Write(header)
		for _, p := range first.Parts {
			w.WriteAll(p.Rows)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return fmt.Errorf("write %s: %w", csvPath, err)
		}
		return nil
	}})
}
