package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/adrg/frontmatter"
	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// Read reads the content tree under root into a catalog, with the
// Markdown bodies of the notices' parts and the notes of units attached.
// Errors name the file.
func Read(fsys afero.Fs, root string) (*catalog.Catalog, error) {
	notices, reg, bodies, err := readTree(fsys, root)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.New(notices, reg)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", root, err)
	}
	if cat.Notes, err = ReadNotes(fsys, root); err != nil {
		return nil, err
	}
	for _, n := range cat.Notices {
		attachBodies(n, bodies)
	}
	return cat, nil
}

// attachBodies gives a notice the bodies of its files, found by path.
func attachBodies(n *catalog.Notice, bodies map[string]string) {
	n.Bodies = map[catalog.BodyOf]string{}
	add := func(of catalog.BodyOf, p string) {
		if b, ok := bodies[p]; ok {
			n.Bodies[of] = b
		}
	}
	add(catalog.PreambleBody(), path.Join(NoticeDir(n.Slug), "_index.md"))
	for _, s := range n.Sections {
		add(catalog.SectionBody(s.Number), SectionPath(n.Slug, s.Number))
		for _, it := range s.Items {
			add(catalog.ItemBody(s.Number, it.Number), ItemPath(n.Slug, s.Number, it.Number))
		}
	}
	for _, t := range n.Tasks {
		add(catalog.TaskBody(t.ID), TaskPath(n.Slug, t.ID))
	}
}

// readTree reads the notices, the registry and the bodies of the notice
// files, by path relative to root.
func readTree(fsys afero.Fs, root string) ([]*notice.Notice, *units.Registry, map[string]string, error) {
	bodies := map[string]string{}
	noticeDirs, err := afero.ReadDir(fsys, path.Join(root, NoticesDir))
	if err != nil && !isNotExist(err) {
		return nil, nil, nil, fmt.Errorf("content: %w", err)
	}
	type weighted struct {
		n      *notice.Notice
		weight int
		slug   string
	}
	var list []weighted
	for _, d := range noticeDirs {
		if !d.IsDir() {
			continue
		}
		n, w, err := readNotice(fsys, root, path.Join(NoticesDir, d.Name()), bodies)
		if err != nil {
			return nil, nil, nil, err
		}
		list = append(list, weighted{n, w, d.Name()})
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].weight != list[j].weight {
			return list[i].weight < list[j].weight
		}
		return list[i].slug < list[j].slug
	})
	var notices []*notice.Notice
	for _, w := range list {
		notices = append(notices, w.n)
	}
	reg, err := readUnits(fsys, path.Join(root, UnitsDir))
	if err != nil {
		return nil, nil, nil, err
	}
	return notices, reg, bodies, nil
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// parseFile reads front matter into v and returns the body.
func parseFile(fsys afero.Fs, p string, v any) (string, error) {
	data, err := afero.ReadFile(fsys, p)
	if err != nil {
		return "", fmt.Errorf("content: %w", err)
	}
	if !bytes.HasPrefix(data, []byte("---")) {
		return "", fmt.Errorf("content: %s: no front matter (the file must start with a --- line)", p)
	}
	rest, err := frontmatter.Parse(bytes.NewReader(data), v)
	if err != nil {
		return "", fmt.Errorf("content: %s: front matter: %w", p, err)
	}
	return string(rest), nil
}

func mdFiles(fsys afero.Fs, dir string) ([]string, error) {
	entries, err := afero.ReadDir(fsys, dir)
	if err != nil {
		if isNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("content: %w", err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

func readNotice(fsys afero.Fs, root, rel string, bodies map[string]string) (*notice.Notice, int, error) {
	dir := path.Join(root, rel)
	// parseFile reads a file of this notice and keeps its body.
	parse := func(p string, v any) (string, error) {
		body, err := parseFile(fsys, p, v)
		if err == nil {
			bodies[strings.TrimPrefix(p, root+"/")] = body
		}
		return body, err
	}
	var nm NoticeMatter
	body, err := parse(path.Join(dir, "_index.md"), &nm)
	if err != nil {
		return nil, 0, err
	}
	n := &notice.Notice{
		Source: nm.Source, Encoding: nm.Encoding,
		DocNumber: nm.DocNumber, Issuer: nm.Issuer, Title: nm.Title, Recipients: nm.Recipients,
		Date: nm.Date, CC: orEmpty(nm.CC), PrintedBy: nm.PrintedBy, PrintDate: nm.PrintDate,
		IndexNumber: nm.IndexNumber, Category: nm.Category, PublishDate: nm.PublishDate,
		Preamble: splitParas(FromMarkdown(body)), Closing: nm.Closing, Notes: nm.Notes,
		Attachments: nm.Attachments, Warnings: nm.Warnings,
	}
	if n.Warnings == nil {
		n.Warnings = []notice.Warning{}
	}

	type wsec struct {
		s notice.Section
		w int
	}
	var secs []wsec
	files, err := mdFiles(fsys, path.Join(dir, "sections"))
	if err != nil {
		return nil, 0, err
	}
	for _, f := range files {
		var sm SectionMatter
		body, err := parse(f, &sm)
		if err != nil {
			return nil, 0, err
		}
		secs = append(secs, wsec{notice.Section{Number: sm.Number, Label: sm.Label, Title: sm.Heading, Text: FromMarkdown(body), Line: sm.Line, Items: []notice.Item{}}, sm.Weight})
	}
	sort.SliceStable(secs, func(i, j int) bool { return secs[i].w < secs[j].w })

	type witem struct {
		it notice.Item
		w  int
	}
	var items []witem
	if files, err = mdFiles(fsys, path.Join(dir, "items")); err != nil {
		return nil, 0, err
	}
	for _, f := range files {
		var im ItemMatter
		body, err := parse(f, &im)
		if err != nil {
			return nil, 0, err
		}
		it := notice.Item{Number: im.Number, Section: im.Section, Label: im.Label, Title: im.Heading, Sep: im.Sep, Lead: FromMarkdown(body), Line: im.Line, Subitems: im.Subitems}
		it.Text = notice.ComposeText(it.Lead, it.Subitems)
		items = append(items, witem{it, im.Weight})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].w < items[j].w })
	for _, wi := range items {
		placed := false
		for k := range secs {
			if secs[k].s.Number == wi.it.Section {
				secs[k].s.Items = append(secs[k].s.Items, wi.it)
				placed = true
				break
			}
		}
		if !placed {
			return nil, 0, fmt.Errorf("content: %s: item %d names section %d, which has no file", dir, wi.it.Number, wi.it.Section)
		}
	}
	for _, s := range secs {
		n.Sections = append(n.Sections, s.s)
	}
	if n.Sections == nil {
		n.Sections = []notice.Section{}
	}

	type wtask struct {
		t notice.Task
		w int
	}
	var tasks []wtask
	if files, err = mdFiles(fsys, path.Join(dir, "tasks")); err != nil {
		return nil, 0, err
	}
	for _, f := range files {
		var tm TaskMatter
		body, err := parse(f, &tm)
		if err != nil {
			return nil, 0, err
		}
		t := notice.Task{
			ID: tm.ID, Section: tm.Section, Item: tm.Item, Subitem: tm.Subitem, Row: tm.Row,
			Number: tm.Number, Title: tm.TaskTitle, Text: FromMarkdown(body),
			BodyText: tm.BodyText, Diff: tm.Diff, UnitText: tm.UnitText,
			Units: []units.Assignment{}, Fields: tm.Fields, Line: tm.Line, Source: tm.Source,
		}
		if tm.Deadline != "" {
			t.Deadline = &notice.Deadline{Text: tm.Deadline, Date: tm.DeadlineDate}
		}
		for _, u := range tm.Units {
			if !u.Role.Valid() {
				return nil, 0, fmt.Errorf("content: %s: unit %s has role %q; want one of lead, responsible, cooperate, supervise, guide", f, u.Name, u.Role)
			}
			t.Units = append(t.Units, units.Assignment{Name: u.Name, Role: u.Role, Rule: u.Rule})
		}
		tasks = append(tasks, wtask{t, tm.Weight})
	}
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].w < tasks[j].w })
	n.Tasks = []notice.Task{}
	for _, wt := range tasks {
		n.Tasks = append(n.Tasks, wt.t)
	}
	return n, nm.Weight, nil
}

// ReadNotes reads the hand-written notes of units (units/<slug>.notes.md
// under root), by unit slug.
func ReadNotes(fsys afero.Fs, root string) (map[string]string, error) {
	notes := map[string]string{}
	files, err := mdFiles(fsys, path.Join(root, UnitsDir))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if slug, ok := strings.CutSuffix(path.Base(f), notesSuffix); ok {
			data, err := afero.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("content: %w", err)
			}
			notes[slug] = string(data)
		}
	}
	return notes, nil
}

// readUnits reads the registry from the unit files, notes aside.
func readUnits(fsys afero.Fs, dir string) (*units.Registry, error) {
	files, err := mdFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	var (
		entries     []units.Entry
		groups      []units.Group
		collectives []units.Collective
	)
	for _, f := range files {
		if strings.HasSuffix(f, notesSuffix) {
			continue
		}
		var um UnitMatter
		if _, err := parseFile(fsys, f, &um); err != nil {
			return nil, err
		}
		if um.Kind != "" && !um.Kind.Valid() {
			return nil, fmt.Errorf("content: %s: kind %q is not one of government, department, committee, agency, military, class", f, um.Kind)
		}
		if um.Collective {
			c := units.Collective{Name: um.Title, Aliases: um.Aliases, Kind: um.Kind, MayInclude: um.MayInclude}
			for _, m := range um.Members {
				c.Members = append(c.Members, units.Entry{Name: m})
			}
			collectives = append(collectives, c)
			continue
		}
		entries = append(entries, units.Entry{Name: um.Title, Aliases: um.Aliases, Kind: um.Kind})
		if len(um.Members) > 0 {
			g := units.Group{Name: um.Title}
			for _, m := range um.Members {
				g.Members = append(g.Members, units.Entry{Name: m})
			}
			groups = append(groups, g)
		}
	}
	reg, err := units.NewRegistry(entries, groups, collectives)
	if err != nil {
		return nil, fmt.Errorf("content: %s: %w", dir, err)
	}
	return reg, nil
}

func splitParas(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
