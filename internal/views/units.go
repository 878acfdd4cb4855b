package views

import (
	"fmt"
	"html/template"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/hrefs"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// The unit index and the pages of each unit.

func (b *Builder) unitsIndex() error {
	return b.page("units.html", "units/index.html", "责任单位", "units", homeTrail, struct {
		Kinds []KindGroup
	}{b.kindGroups()})
}

// UnitView is a unit's page. A unit with duties in one notice at most
// has them all on its page; a unit with duties in several has, on its
// page, a summary by notice, and its duties in each notice on a page of
// their own (Of set): no page grows with the site, and each prints as
// the list of one notice's duties.
type UnitView struct {
	// Head is the same on every page of the unit.
	Head *UnitHead
	// Counts counts the duties the page lists.
	Counts *DutyCounts
	// PossibleTotal counts the tasks of collectives the unit may belong
	// to (shown by notice in Notices), apart from its own.
	PossibleTotal int
	// PrintHead heads each printed page: the unit, and the notice of a
	// page of one notice's duties.
	PrintHead string
	Notices   []*UnitNotice
	Summary   []UnitNoticeRow
	// MayBelong counts, on the summary of a unit with duties in several
	// notices, the tasks of each collective it may belong to, and links
	// the collective's page, which lists them by notice.
	MayBelong []PossibleRef
	Of        *NoticeLink
	// Changes is what changed for this unit in the last revision.
	Changes []ChangesView
}

// DutyCounts counts duties in all, directly, through a group, and by
// role; one value for all the pages with the same counts (dutyCounts).
type DutyCounts struct {
	Total, Direct, Via int
	ByRole             []RoleCount
}

// UnitHead is what every page of a unit says of it.
type UnitHead struct {
	Name, Kind, Href string
	Aliases          []string
	Groups, Members  []UnitRef
	// MayInclude are, for a collective the registry does not resolve,
	// the units it may include.
	MayInclude        []UnitRef
	Notes             template.HTML
	CSVHref, XLSXHref string
}

// UnitNoticeRow sums up a unit's duties in one notice.
type UnitNoticeRow struct {
	Notice               NoticeLink
	Issuer               string
	Href                 string
	Total, Via, Possible int
	ByRole               []RoleCount
}

// PossibleRef counts the tasks of a collective that a unit may have, and
// the notices they are in.
type PossibleRef struct {
	Collective     UnitRef
	Notices, Count int
}

// RoleCount counts a unit's duties of one role. A value, the same
// wherever it is shown: its blocks are made once for the site.
type RoleCount struct {
	Role  units.Role
	Label string
	Count int
}

func (RoleCount) SiteWide() bool { return true }

// UnitNotice is a unit's duties in one notice, and apart from them, by
// collective, the duties it may have.
type UnitNotice struct {
	Notice   *NoticeView
	Sections []UnitSection
	Possible []*PossibleGroup
}

// PossibleGroup names, by role, the tasks of a collective the unit may
// belong to, linked, not shown in full: the collective's page of the
// notice (Collective.Href) lists them whole once, instead of every
// unit's page copying them. One value for the units the collective may
// include that have the same tasks of it (possibleGroup), so its block is
// made once for all their pages.
type PossibleGroup struct {
	Collective UnitRef
	Count      int
	Roles      []UnitRoleDuties
}

// UnitSection is a unit's duties in one section, by role.
type UnitSection struct {
	Section *SectionView // as the notice's overview lists it
	Roles   []UnitRoleDuties
}

// UnitRoleDuties lists the duties of one role.
type UnitRoleDuties struct {
	Head   RoleCount // the role, and the count of Duties
	Duties []*DutyView
}

// DutyView is one duty on a unit page. It shows neither the unit nor
// the role, so the view of a task reaching several units the same way is
// made once (dutyView) and its block shared by their pages.
type DutyView struct {
	Task    *TaskView
	Place   string // the item (and sub-item) the task belongs to
	Via     string
	ViaHref string
}

// dutyCounts counts duties in all, directly, through a group, and by role.
func dutyCounts(ds []catalog.Duty) (total, direct, via int, byRole []RoleCount) {
	counts := map[units.Role]int{}
	for _, d := range ds {
		total++
		counts[d.Role]++
		if d.Via != "" {
			via++
		} else {
			direct++
		}
	}
	for _, role := range units.Roles {
		if counts[role] > 0 {
			byRole = append(byRole, RoleCount{role, role.Label(), counts[role]})
		}
	}
	return
}

// unitCtx is what every page of a unit shares.
type unitCtx struct {
	byNotice   map[string][]catalog.Duty
	possibleIn map[string][]catalog.PossibleRun
	in         []*catalog.Notice // the notices it has duties or possible duties in
	notes      template.HTML
	changes    []ChangesView
	under      *Trail // of the unit's pages of its duties in each notice
	head       *UnitHead
}

// trail is the trail of the unit's pages of its duties in each notice.
func (c *unitCtx) trail(u *catalog.Unit) *Trail {
	if c.under == nil {
		c.under = &Trail{Up: unitsTrail, Crumb: Crumb{u.Name, hrefs.Unit(u.Slug)}, siteWide: true}
	}
	return c.under
}

func (b *Builder) unitContext(u *catalog.Unit) (*unitCtx, error) {
	if c, ok := b.views.units[u]; ok {
		return c, nil
	}
	c := &unitCtx{byNotice: map[string][]catalog.Duty{}, possibleIn: map[string][]catalog.PossibleRun{}}
	for _, n := range b.cat.Notices {
		own, maybe := u.DutiesIn(n.Slug), u.PossibleIn(n.Slug)
		if len(own)+len(maybe) > 0 {
			c.byNotice[n.Slug], c.possibleIn[n.Slug] = own, maybe
			c.in = append(c.in, n)
		}
	}
	if notes, ok := b.cat.Notes[u.Slug]; ok {
		h, err := b.md.HTML(notes, "n-")
		if err != nil {
			return nil, fmt.Errorf("render notes of %s: %w", u.Name, err)
		}
		c.notes = h
	}
	c.changes = b.unitChanges(u)
	b.views.units[u] = c
	return c, nil
}

// unitHead is the part of a unit's view every page of it shows.
func (b *Builder) unitHead(u *catalog.Unit, c *unitCtx, ds []catalog.Duty) (UnitView, error) {
	if c.head == nil {
		c.head = &UnitHead{Name: u.Name, Kind: u.Kind.Label(), Href: hrefs.Unit(u.Slug), Aliases: u.Aliases,
			CSVHref: hrefs.UnitCSV(u.Slug), XLSXHref: hrefs.UnitXLSX(u.Slug), Notes: c.notes}
		for _, g := range u.Groups {
			c.head.Groups = append(c.head.Groups, b.unitRef(g, ""))
		}
		for _, m := range u.Members {
			c.head.Members = append(c.head.Members, b.unitRef(m, ""))
		}
		for _, m := range u.MayInclude {
			c.head.MayInclude = append(c.head.MayInclude, b.unitRef(m, ""))
		}
	}
	v := UnitView{Head: c.head, PrintHead: u.Name + " 任务清单"}
	var k DutyCounts
	k.Total, k.Direct, k.Via, k.ByRole = dutyCounts(ds)
	key := fmt.Sprint(k)
	if v.Counts = b.counts[key]; v.Counts == nil {
		v.Counts = &k
		b.counts[key] = &k
	}
	return v, nil
}

// unitPagesOf makes the unit pages that show the duties of one notice:
// the page of a unit with duties in this notice only, and the page of
// each other unit's duties in it. They are made with the notice's own
// pages, while its tasks' views are at hand.
func (b *Builder) unitPagesOf(n *catalog.Notice) error {
	for _, u := range b.cat.UnitsConcerned(n.Slug) {
		c, err := b.unitContext(u)
		if err != nil {
			return err
		}
		if len(c.in) == 1 {
			if err := b.unitPage(u, c); err != nil {
				return err
			}
			continue
		}
		ds := c.byNotice[n.Slug]
		if len(ds) == 0 {
			continue // only possible duties here: its summary links the collectives' lists
		}
		v, err := b.unitHead(u, c, ds)
		if err != nil {
			return err
		}
		v.Of = b.noticeLinkOf(n)
		v.PrintHead = u.Name + " · " + noticeShort(n) + " 任务清单"
		v.PossibleTotal = catalog.CountPossible(c.possibleIn[n.Slug])
		un, err := b.unitNotice(n, ds, c.possibleIn[n.Slug])
		if err != nil {
			return err
		}
		v.Notices = []*UnitNotice{un}
		err = b.page("unit.html", hrefs.UnitNotice(u.Slug, n.Slug), noticeShort(n)+" · "+u.Name, "units",
			c.trail(u), v)
		if err != nil {
			return err
		}
	}
	return nil
}

// unitPage makes the page of a unit with duties in one notice at most:
// all of them.
func (b *Builder) unitPage(u *catalog.Unit, c *unitCtx) error {
	v, err := b.unitHead(u, c, u.Duties)
	if err != nil {
		return err
	}
	v.Changes = c.changes
	v.PossibleTotal = u.PossibleTasks()
	for _, n := range c.in {
		un, err := b.unitNotice(n, c.byNotice[n.Slug], c.possibleIn[n.Slug])
		if err != nil {
			return err
		}
		v.Notices = append(v.Notices, un)
		v.PrintHead = u.Name + " · " + noticeShort(n) + " 任务清单"
	}
	return b.page("unit.html", hrefs.Unit(u.Slug), u.Name, "units", unitsTrail, v)
}

// unitPages makes the pages of units with no duties, and the summaries of
// units with duties in several notices; the others are made with their
// notice (unitPagesOf).
func (b *Builder) unitPages() error {
	for _, u := range b.cat.Units {
		c, err := b.unitContext(u)
		if err != nil {
			return err
		}
		switch len(c.in) {
		case 0:
			if err := b.unitPage(u, c); err != nil {
				return err
			}
		case 1:
		default:
			// A row for each notice it has duties in; those where it
			// only may have some are counted by collective (MayBelong).
			var rows []UnitNoticeRow
			for _, n := range c.in {
				row := UnitNoticeRow{Notice: noticeLink(n), Issuer: n.Issuer, Href: hrefs.UnitNotice(u.Slug, n.Slug)}
				row.Total, _, row.Via, row.ByRole = dutyCounts(c.byNotice[n.Slug])
				row.Possible = catalog.CountPossible(c.possibleIn[n.Slug])
				if row.Total > 0 {
					rows = append(rows, row)
				}
			}
			v, err := b.unitHead(u, c, u.Duties)
			if err != nil {
				return err
			}
			v.PossibleTotal = u.PossibleTasks()
			v.Changes, v.Summary, v.MayBelong = c.changes, rows, b.mayBelong(u)
			if err := b.page("unit.html", hrefs.Unit(u.Slug), u.Name, "units", unitsTrail, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// unitNotice lists a unit's duties in one notice by section and role.
// Units that have the same duties in a notice (the members of a group,
// with none of their own there) share one view, and so its block.
func (b *Builder) unitNotice(n *catalog.Notice, ds []catalog.Duty, possible []catalog.PossibleRun) (*UnitNotice, error) {
	un, err := b.makeUnitNotice(n, ds, possible)
	if err != nil {
		return nil, err
	}
	key := b.keyer.Key(un)
	if same, ok := b.views.unitNotices[key]; ok {
		return same, nil
	}
	b.views.unitNotices[key] = un
	return un, nil
}

func (b *Builder) makeUnitNotice(n *catalog.Notice, ds []catalog.Duty, possible []catalog.PossibleRun) (*UnitNotice, error) {
	type key struct {
		section int
		role    units.Role
	}
	buckets := map[key][]*DutyView{}
	for _, d := range ds {
		t := b.cat.Task(n.Slug, d.Task)
		dv, err := b.dutyView(n, t, d)
		if err != nil {
			return nil, err
		}
		k := key{t.Section, d.Role}
		buckets[k] = append(buckets[k], dv)
	}
	nv, err := b.noticeView(n)
	if err != nil {
		return nil, err
	}
	un := &UnitNotice{Notice: nv}
	for i, s := range n.Sections {
		us := UnitSection{Section: nv.Sections[i]}
		for _, role := range units.Roles {
			if b := buckets[key{s.Number, role}]; len(b) > 0 {
				us.Roles = append(us.Roles, UnitRoleDuties{Head: RoleCount{role, role.Label(), len(b)}, Duties: b})
			}
		}
		if len(us.Roles) > 0 {
			un.Sections = append(un.Sections, us)
		}
	}
	for _, run := range possible {
		g, err := b.possibleGroup(n, run)
		if err != nil {
			return nil, err
		}
		un.Possible = append(un.Possible, g)
	}
	return un, nil
}

// mayBelong counts a unit's possible duties by collective, over all
// notices.
func (b *Builder) mayBelong(u *catalog.Unit) []PossibleRef {
	var refs []PossibleRef
	at := map[string]int{}
	for _, run := range u.Possible {
		via := run.Via
		i, ok := at[via]
		if !ok {
			i = len(refs)
			at[via] = i
			refs = append(refs, PossibleRef{Collective: b.unitRef(via, "")})
		}
		refs[i].Notices++
		refs[i].Count += len(run.Duties) // a task once in a run
	}
	return refs
}

// collectiveIn names a collective, linked to the page that lists its
// duties in notice n in full.
func (b *Builder) collectiveIn(name string, n *catalog.Notice) (UnitRef, error) {
	ref := b.unitRef(name, "")
	u := b.cat.Unit(name)
	if u == nil {
		return ref, nil
	}
	c, err := b.unitContext(u)
	if err != nil {
		return ref, err
	}
	if len(c.in) > 1 {
		ref.Href = hrefs.UnitNotice(u.Slug, n.Slug)
	}
	return ref, nil
}

// possibleGroup returns the view of the duties of one collective in
// notice n, by role, made once for every unit the collective may include
// that has the same duties of it (those naming none of them directly).
// Under its collective's name a duty needs no mark of where it came
// from: its view is a direct duty's.
func (b *Builder) possibleGroup(n *catalog.Notice, run catalog.PossibleRun) (*PossibleGroup, error) {
	id := run.ID()
	if g, ok := b.views.ofRun[id]; ok {
		return g, nil
	}
	via, possible := run.Via, run.Duties
	var k strings.Builder
	k.WriteString(n.Slug + "\x00" + via)
	for _, d := range possible {
		k.WriteString("\x00" + d.Task + "\x00" + string(d.Role))
	}
	key := k.String()
	if g, ok := b.views.possible[key]; ok {
		b.views.ofRun[id] = g
		return g, nil
	}
	coll, err := b.collectiveIn(via, n)
	if err != nil {
		return nil, err
	}
	g := &PossibleGroup{Collective: coll, Count: len(possible)} // a run names a task once
	for _, role := range units.Roles {
		var list []*DutyView
		for _, d := range possible {
			if d.Role != role {
				continue
			}
			dv, err := b.dutyView(n, b.cat.Task(n.Slug, d.Task), catalog.Duty{Notice: d.Notice, Task: d.Task, Role: d.Role})
			if err != nil {
				return nil, err
			}
			list = append(list, dv)
		}
		if len(list) > 0 {
			g.Roles = append(g.Roles, UnitRoleDuties{Head: RoleCount{role, role.Label(), len(list)}, Duties: list})
		}
	}
	b.views.possible[key] = g
	b.views.ofRun[id] = g
	return g, nil
}

// dutyKey is what a duty's view is made from.
type dutyKey struct {
	task *notice.Task
	via  string
}

// dutyView returns the view of a duty, made once per task and group.
func (b *Builder) dutyView(n *catalog.Notice, t *notice.Task, d catalog.Duty) (*DutyView, error) {
	k := dutyKey{t, d.Via}
	if v, ok := b.views.duties[k]; ok {
		return v, nil
	}
	tv, err := b.taskView(n, t)
	if err != nil {
		return nil, err
	}
	v := &DutyView{Task: tv, Place: taskPlace(n.Notice, t), Via: d.Via}
	if d.Via != "" {
		v.ViaHref = hrefs.Unit(b.cat.Unit(d.Via).Slug)
	}
	b.views.duties[k] = v
	return v, nil
}
