// Package content turns notices into the Markdown tree of content/ and
// reads that tree back: one file per notice, section, item, task and
// unit, each with YAML front matter and a Markdown body. The site is built
// from what Read returns, so content/ is the reviewed source of the site.
package content

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"qingdan/internal/catalog"
	"qingdan/internal/pinyin"
)

// Paths of the content tree, relative to content/.
const (
	NoticesDir = "notices"
	UnitsDir   = "units"
)

// NoticeDir is the folder of a notice.
func NoticeDir(slug string) string { return path.Join(NoticesDir, slug) }

// SectionPath, ItemPath and TaskPath name the files of a notice's parts.
func SectionPath(slug string, n int) string {
	return path.Join(NoticesDir, slug, "sections", fmt.Sprintf("%d.md", n))
}

// ItemPath names an item's file.
func ItemPath(slug string, section, n int) string {
	return path.Join(NoticesDir, slug, "items", fmt.Sprintf("%d-%d.md", section, n))
}

// TaskPath names a task's file.
func TaskPath(slug, id string) string {
	return path.Join(NoticesDir, slug, "tasks", id+".md")
}

// UnitPath names a unit's file.
func UnitPath(slug string) string { return path.Join(UnitsDir, slug+".md") }

const notesSuffix = ".notes.md"

// IsNotes tells whether a path of content/ is the hand-written notes of a
// unit (units/<slug>.notes.md), which the build keeps and shows.
func IsNotes(p string) bool {
	return strings.HasPrefix(p, UnitsDir+"/") && strings.HasSuffix(p, notesSuffix)
}

// Write renders the whole content tree and hands each file to put: its
// path (relative, slash-separated) and bytes. Notices are rendered on
// several goroutines, so put is called from several at once; it must not
// keep b once it returns (the buffer is used for the next file). The
// same catalog gives the same files. The first error put returns stops
// the work and is returned (a full disk is one error, not one per file).
func Write(cat *catalog.Catalog, put func(p string, b []byte) error) error {
	// One job per notice and one for the units. Twice as many workers as
	// cores: put reads and writes files, and waits for the disk.
	jobs := make([]func(putFunc) error, 0, len(cat.Notices)+1)
	for w, n := range cat.Notices {
		jobs = append(jobs, func(emit putFunc) error { return writeNotice(emit, cat, n, w+1) })
	}
	jobs = append(jobs, func(emit putFunc) error { return writeUnits(emit, cat) })
	errs := make([]error, len(jobs))
	var (
		wg     sync.WaitGroup
		next   atomic.Int64
		failed atomic.Bool
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			emit := func(p string, matter any, body string) error {
				b.Reset()
				render(&b, matter, body)
				if err := put(p, b.Bytes()); err != nil {
					return fmt.Errorf("content: write %s: %w", p, err)
				}
				return nil
			}
			for i := int(next.Add(1)) - 1; i < len(jobs) && !failed.Load(); i = int(next.Add(1)) - 1 {
				if errs[i] = jobs[i](emit); errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Files renders the whole content tree into memory: path to bytes. A
// build writes it file by file (Write); this is for tests and tools.
func Files(cat *catalog.Catalog) (map[string][]byte, error) {
	out := map[string][]byte{}
	var mu sync.Mutex
	err := Write(cat, func(p string, b []byte) error {
		mu.Lock()
		out[p] = bytes.Clone(b)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func writeUnits(put putFunc, cat *catalog.Catalog) error {
	for _, u := range cat.Units {
		duties, lead := u.Counts()
		m := UnitMatter{
			Title: u.Name, Slug: u.Slug, Kind: u.Kind,
			Pinyin: pinyin.Full(u.Name), Initials: pinyin.Initials(u.Name),
			Aliases: u.Aliases, Groups: u.Groups, Members: u.Members,
			Collective: cat.Registry.Declared(u.Name), MayInclude: cat.Registry.DeclaredMayInclude(u.Name),
			Count: duties, Lead: lead, Duties: make([]UnitDuty, 0, len(u.Duties)),
		}
		if len(u.Possible) > 0 {
			m.Possible = make([]UnitPossible, 0, len(u.Possible))
		}
		for _, d := range u.Duties {
			m.Duties = append(m.Duties, UnitDuty{Notice: d.Notice, Task: d.Task, Role: d.Role, Via: d.Via})
		}
		for _, run := range u.Possible {
			m.Possible = append(m.Possible, UnitPossible{Notice: run.Notice, Via: run.Via, Tasks: catalog.TaskIDs(run.Duties)})
		}
		if err := put(UnitPath(u.Slug), m, ""); err != nil {
			return err
		}
	}
	return nil
}

type putFunc func(p string, matter any, body string) error

func writeNotice(put putFunc, cat *catalog.Catalog, n *catalog.Notice, weight int) error {
	items := 0
	for _, s := range n.Sections {
		items += len(s.Items)
	}
	nm := NoticeMatter{
		Title: n.Title, Slug: n.Slug, Weight: weight,
		DocNumber: n.DocNumber, Issuer: n.Issuer, Date: n.Date, Recipients: n.Recipients,
		CC: n.CC, PrintedBy: n.PrintedBy, PrintDate: n.PrintDate,
		IndexNumber: n.IndexNumber, Category: n.Category, PublishDate: n.PublishDate,
		Source: n.Source, Encoding: n.Encoding,
		Notes: n.Notes, Attachments: n.Attachments, Closing: n.Closing,
		Sections: len(n.Sections), Items: items, Tasks: len(n.Tasks),
		Warnings: n.Warnings,
	}
	if err := put(path.Join(NoticeDir(n.Slug), "_index.md"), nm, catalog.Markdown(joinLines(n.Preamble))); err != nil {
		return err
	}
	tasksOf := map[[2]int][]string{}
	for _, t := range n.Tasks {
		k := [2]int{t.Section, t.Item}
		tasksOf[k] = append(tasksOf[k], t.ID)
	}
	weight = 0
	for si, s := range n.Sections {
		sm := SectionMatter{
			Title: s.DisplayTitle(), Heading: s.Title, Notice: n.Slug,
			Number: s.Number, Label: s.Label, Line: s.Line, Weight: si + 1, Items: []int{},
		}
		for _, it := range s.Items {
			sm.Items = append(sm.Items, it.Number)
		}
		if err := put(SectionPath(n.Slug, s.Number), sm, catalog.Markdown(s.Text)); err != nil {
			return err
		}
		for _, it := range s.Items {
			weight++
			im := ItemMatter{
				Title: it.DisplayTitle(), Heading: it.Title, Notice: n.Slug,
				Section: s.Number, Number: it.Number, Label: it.Label, Sep: it.Sep,
				Line: it.Line, Weight: weight, Subitems: it.Subitems,
				Tasks: tasksOf[[2]int{s.Number, it.Number}],
			}
			if im.Tasks == nil {
				im.Tasks = []string{}
			}
			if err := put(ItemPath(n.Slug, s.Number, it.Number), im, catalog.Markdown(it.Lead)); err != nil {
				return err
			}
		}
	}
	for w, t := range n.Tasks {
		tm := TaskMatter{
			Title: t.DisplayTitle(), Notice: n.Slug, ID: t.ID,
			Section: t.Section, Item: t.Item, Subitem: t.Subitem, Row: t.Row,
			Number: t.Number, TaskTitle: t.Title, Weight: w + 1, Line: t.Line,
			Source: t.Source, UnitText: t.UnitText, Units: []TaskUnit{},
			BodyText: t.BodyText, Diff: t.Diff, Fields: t.Fields,
		}
		if d := t.Deadline; d != nil {
			tm.Deadline, tm.DeadlineDate = d.Text, d.Date
		}
		for _, a := range t.Units {
			tm.Units = append(tm.Units, TaskUnit{Name: a.Name, Role: a.Role, Slug: cat.Unit(a.Name).Slug, Rule: a.Rule})
		}
		if err := put(TaskPath(n.Slug, t.ID), tm, catalog.Markdown(t.Text)); err != nil {
			return err
		}
	}
	return nil
}

func joinLines(ls []string) string {
	var b bytes.Buffer
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

// render writes front matter and body into b.
func render(b *bytes.Buffer, matter any, body string) {
	b.WriteString("---\n")
	writeYAML(b, matter)
	b.WriteString("---\n")
	if body != "" {
		b.WriteString("\n")
		b.WriteString(body)
	}
}
