package views

import (
	"fmt"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/revision"
	"qingdan/internal/units"
)

// ChangesView is what changed in a notice since its previous version,
// for the whole notice or for one unit.
type ChangesView struct {
	Notice   NoticeLink
	Href     string
	OldDate  string
	OldDoc   string
	Added    []ChangedTask
	Removed  []ChangedTask
	Reworded []ChangedTask
	Units    []ChangedUnit
	Count    int
}

// ChangedTask is an added, removed or reworded task.
type ChangedTask struct {
	ID, Href string // Href is empty for a removed task
	Text     string
	Diff     []DiffPart
	Units    []UnitRef
}

// ChangedUnit is a unit added to or removed from a task, or whose role
// in it changed.
type ChangedUnit struct {
	TaskID, TaskHref, TaskTitle string
	Unit                        UnitRef
	What                        string
}

func (b *Builder) changesView(n *catalog.Notice, rep *revision.Report) ChangesView {
	v := ChangesView{
		Notice:  noticeLink(n),
		Href:    hrefs.Changes(n.Slug),
		OldDate: displayDate(rep.Old.Date), OldDoc: rep.Old.DocNumber,
	}
	refs := func(list []units.Assignment) []UnitRef {
		var out []UnitRef
		for _, a := range list {
			out = append(out, b.unitRef(a.Name, a.Role))
		}
		return out
	}
	for _, t := range rep.Added {
		v.Added = append(v.Added, ChangedTask{ID: t.ID, Href: hrefs.Task(n.Slug, t.ID), Text: t.Text, Units: refs(t.Units)})
	}
	for _, t := range rep.Removed {
		v.Removed = append(v.Removed, ChangedTask{ID: t.ID, Text: t.Text, Units: refs(t.Units)})
	}
	for _, w := range rep.Reworded {
		var d []DiffPart
		for _, s := range w.Diff {
			d = append(d, DiffPart{s.Op, s.Text})
		}
		v.Reworded = append(v.Reworded, ChangedTask{ID: w.ID, Href: hrefs.Task(n.Slug, w.ID), Text: w.NewText, Diff: d})
	}
	for _, e := range rep.Units {
		t := b.cat.Task(n.Slug, e.Task)
		cu := ChangedUnit{TaskID: e.Task, TaskHref: hrefs.Task(n.Slug, e.Task)}
		if t != nil {
			cu.TaskTitle = taskLabel(n.Notice, t)
		}
		switch e.Edit {
		case revision.UnitAdded:
			cu.Unit = b.unitRef(e.Unit, e.NewRole)
			cu.What = "新增（" + e.NewRole.Label() + "）"
		case revision.UnitRemoved:
			cu.Unit = b.unitRef(e.Unit, e.OldRole)
			cu.What = "移除（原为" + e.OldRole.Label() + "）"
		default:
			cu.Unit = b.unitRef(e.Unit, e.NewRole)
			cu.What = fmt.Sprintf("职责由%s改为%s", e.OldRole.Label(), e.NewRole.Label())
		}
		v.Units = append(v.Units, cu)
	}
	v.Count = len(v.Added) + len(v.Removed) + len(v.Reworded) + len(v.Units)
	return v
}

func (b *Builder) changes() error {
	for _, n := range b.cat.Notices {
		rep := b.opt.Changes[n.Slug]
		if rep == nil {
			continue
		}
		v := b.changesView(n, rep)
		if err := b.page("changes.html", v.Href, "修订对照 · "+noticeShort(n), "notice",
			homeTrail.then(Crumb{noticeShort(n), hrefs.Notice(n.Slug)}), v); err != nil {
			return err
		}
	}
	return nil
}

// unitChanges is what changed for one unit across the notices.
func (b *Builder) unitChanges(u *catalog.Unit) []ChangesView {
	is := func(name string) bool {
		x := b.cat.Unit(name)
		if x == nil {
			return name == u.Name
		}
		if x == u {
			return true
		}
		for _, m := range x.Members {
			if m == u.Name {
				return true // through a group
			}
		}
		return false
	}
	var out []ChangesView
	for _, n := range b.cat.Notices {
		rep := b.opt.Changes[n.Slug]
		if rep == nil {
			continue
		}
		if v := b.changesView(n, rep.For(is)); v.Count > 0 {
			out = append(out, v)
		}
	}
	return out
}
