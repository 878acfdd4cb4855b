package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/notice"
	"qingdan/internal/pinyin"
	"qingdan/internal/units"
)

// Paths of the downloads, relative to the site root.
const (
	allCSVHref    = "data/tasks.csv"
	allXLSXHref   = "data/tasks.xlsx"
	unitsJSONHref = "data/units.json"
	noticeJSON    = "data/notice.json"
)

func noticeJSONHref(slug string) string { return "data/notices/" + slug + ".json" }
func tasksCSVHref(slug string) string   { return "data/notices/" + slug + ".csv" }
func tasksXLSXHref(slug string) string  { return "data/notices/" + slug + ".xlsx" }
func unitCSVHref(slug string) string    { return "data/units/" + slug + ".csv" }
func unitXLSXHref(slug string) string   { return "data/units/" + slug + ".xlsx" }

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

func (r *renderer) data() error {
	cat := r.in.Catalog
	// data/notice.json: the notice as `parse` prints it; for a site of
	// several notices, the list of them.
	var allRows [][][]string
	for _, n := range cat.Notices {
		rows := r.taskRows(n)
		allRows = append(allRows, rows)
		err := r.group(keyOf(r.siteKey, "notice-data", n.Slug, r.noticeDeps(n)), func() error {
			b, err := n.JSON()
			if err != nil {
				return fmt.Errorf("site: %w", err)
			}
			if err := r.emit(noticeJSONHref(n.Slug), b); err != nil {
				return err
			}
			if len(cat.Notices) == 1 {
				if err := r.emit(noticeJSON, b); err != nil {
					return err
				}
			}
			r.table(tasksCSVHref(n.Slug), tasksXLSXHref(n.Slug), "任务", taskHeader, rows)
			return nil
		})
		if err != nil {
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
			list = append(list, entry{n.Slug, n.DocNumber, n.Title, n.Date, noticeJSONHref(n.Slug)})
		}
		b, err := marshal(struct {
			Notices []entry `json:"notices"`
		}{list})
		if err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if err := r.emit(noticeJSON, b); err != nil {
			return err
		}
	}

	var list []UnitJSON
	for _, u := range cat.Units {
		j := UnitJSON{
			Name: u.Name, Slug: u.Slug, Kind: u.Kind, KindLabel: u.Kind.Label(),
			Pinyin: pinyin.Full(u.Name), Initials: pinyin.Initials(u.Name),
			Aliases: orEmpty(u.Aliases), Groups: orEmpty(u.Groups), Members: orEmpty(u.Members),
			Duties: []DutyJSON{}, Page: unitHref(u.Slug),
		}
		j.Count, j.Lead = u.Counts()
		for _, d := range u.Duties {
			j.Duties = append(j.Duties, DutyJSON{Notice: d.Notice, Task: d.Task, Role: d.Role, Via: d.Via, Page: taskHref(d.Notice, d.Task)})
		}
		list = append(list, j)
	}
	b, err := marshal(list)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if err = r.emit(unitsJSONHref, b); err != nil {
		return err
	}

	// Tables: all tasks, and each unit's. A table is named by its rows,
	// which are cheap to make; its files are not.
	err = r.group(keyOf(r.siteKey, "tasks-data", rowsKey(allRows...)), func() error {
		r.table(allCSVHref, allXLSXHref, "任务", taskHeader, allRows...)
		return nil
	})
	if err != nil {
		return err
	}
	for _, u := range cat.Units {
		rows := r.unitRows(u)
		err := r.group(keyOf(r.siteKey, "unit-data", u.Slug, rowsKey(rows...)), func() error {
			r.table(unitCSVHref(u.Slug), unitXLSXHref(u.Slug), "职责", unitHeader, rows...)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// rowsKey digests the rows of a table.
func rowsKey(parts ...[][]string) string {
	h := sha256.New()
	var n []byte
	for _, rows := range parts {
		for _, row := range rows {
			for _, c := range row {
				n = append(strconv.AppendInt(n[:0], int64(len(c)), 10), ':')
				h.Write(n)
				io.WriteString(h, c)
			}
			h.Write([]byte{'\n'})
		}
	}
	return sum(h)
}

// unitRows are the rows of a unit's table, by notice.
func (r *renderer) unitRows(u *catalog.Unit) [][][]string {
	cat := r.in.Catalog
	var parts [][][]string
	for i, d := range u.Duties {
		if i == 0 || d.Notice != u.Duties[i-1].Notice {
			parts = append(parts, nil)
		}
		n := cat.Notice(d.Notice)
		t := cat.Task(d.Notice, d.Task)
		sec, item, sub := placeNames(n.Notice, t)
		parts[len(parts)-1] = append(parts[len(parts)-1], neutralised(n.DocNumber, t.ID, sec, item, sub, t.Text, d.Role.Label(), d.Via, t.UnitText))
	}
	return parts
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
		item = it.Label + content.ItemTitle(*it)
		if sb := it.Subitem(t.Subitem); sb != nil {
			sub = sb.Label + sb.Title
		}
	}
	return
}

func (r *renderer) taskRows(n *catalog.Notice) [][]string {
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
func (r *renderer) table(csvPath, xlsxPath, sheet string, header []string, parts ...[][]string) {
	r.queue(xlsxPath, func() ([]byte, error) {
		var b bytes.Buffer
		if err := r.sheets.Write(&b, sheet, header, parts...); err != nil {
			return nil, fmt.Errorf("site: %s: %w", xlsxPath, err)
		}
		return b.Bytes(), nil
	})
	r.queue(csvPath, func() ([]byte, error) {
		var b bytes.Buffer
		b.WriteString("\ufeff")
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		w.Write(header)
		for _, rows := range parts {
			w.WriteAll(rows)
		}
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("site: %s: %w", csvPath, err)
		}
		return b.Bytes(), nil
	})
}
