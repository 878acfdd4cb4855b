// Package catalog joins notices and units: it gives each notice and each
// unit its slug and lists, for every unit, the duties that name it —
// directly, or through a group such as 各县（市、区）政府. Both the content
// writer and the site read the cross-links from here, so they agree.
package catalog

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"qingdan/internal/notice"
	"qingdan/internal/pinyin"
	"qingdan/internal/units"
)

// Notice is a parsed notice with its slug.
type Notice struct {
	*notice.Notice
	Slug string
	// National is true for a notice of the State Council or a ministry,
	// where a bare 发展改革委 is a ministry rather than a city department.
	National bool
	// Bodies are the Markdown bodies of its parts as content/ holds them,
	// when the notice was read from there (see Body).
	Bodies map[BodyOf]string
}

// Unit is a responsible unit with every duty that reaches it.
type Unit struct {
	Name    string
	Slug    string
	Kind    units.Kind
	Aliases []string // other names from the registry, and names written for it
	Groups  []string // groups it belongs to
	Members []string // members, when the unit is a group
	Duties  []Duty   // in notice order, then in task order
	// Possible are the duties of collectives the unit may belong to
	// (市有关部门 for 市应急局) but the registry does not resolve: a run
	// per notice and collective, in notice order, then by collective in
	// the order the notice first names them. A task among its Duties is
	// never here too.
	Possible []PossibleRun
	// MayInclude, for a collective the registry does not resolve, are
	// the units it may include, in the order of Units.
	MayInclude []string

	in, possibleIn map[string][2]int // notice slug → its run of Duties, of Possible
	possibleTasks  int               // the tasks of Possible, each once
}

// PossibleRun is the duties of one collective in one notice that a unit
// may have, in task order, with Via the collective. Every unit the
// collective may include shares one slice of Duties (the runs reach each
// such unit in every notice), but a unit that has one of the tasks itself,
// which has a copy without it: the slice is read, never changed.
type PossibleRun struct {
	Notice, Via string
	Duties      []Duty
}

// RunID names a run by the duties it holds: the runs of units that share
// their duties have one RunID, so what is made of a run is made once.
type RunID struct {
	first *Duty
	n     int
}

// ID returns the run's RunID.
func (r PossibleRun) ID() RunID { return RunID{&r.Duties[0], len(r.Duties)} }

// Duty is one task as it reaches a unit.
type Duty struct {
	Notice string // notice slug
	Task   string // task id
	Role   units.Role
	// Via is the group the duty reaches the unit through, or "". For
	// a possible duty, the collective.
	Via string
	// Written is the unit's name as the task writes it.
	Written string
}

// Catalog is the set of notices and units of a site.
type Catalog struct {
	Notices  []*Notice
	Units    []*Unit // sorted by pinyin
	Registry *units.Registry
	// Notes are the hand-written notes of units in content/, by unit
	// slug, as Markdown.
	Notes map[string]string

	byName    map[string]*Unit
	byNotice  map[string]*Notice
	byWritten map[string]*Unit                   // a name as some task writes it
	tasks     map[string]map[string]*notice.Task // notice slug → id → task
	unitsIn   map[string][]*Unit                 // notice slug → units with duties in it
	concerned map[string][]*Unit                 // notice slug → units with duties or possible duties in it
}

var nationalRe = regexp.MustCompile(`^(国务院|中共中央|全国|国家)|部$|部办公厅$`)

// New builds the catalog. Notices keep their order; two notices with the
// same 文号 are an error, since one would hide the other.
func New(notices []*notice.Notice, reg *units.Registry) (*Catalog, error) {
	if reg == nil {
		reg, _ = units.LoadRegistry(nil) // an empty registry cannot fail
	}
	c := &Catalog{Registry: reg, byName: map[string]*Unit{}, byNotice: map[string]*Notice{},
		byWritten: map[string]*Unit{}, tasks: map[string]map[string]*notice.Task{}}
	seenDoc := map[string]string{}
	usedSlug := map[string]bool{}
	for _, n := range notices {
		if n.DocNumber != "" {
			if prev, ok := seenDoc[n.DocNumber]; ok {
				return nil, fmt.Errorf("catalog: %s and %s are both %s; keep one (the newer version replaces the older)", prev, n.Source, n.DocNumber)
			}
			seenDoc[n.DocNumber] = n.Source
		}
		slug := NoticeSlug(n)
		base := slug
		for i := 2; usedSlug[slug]; i++ {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		usedSlug[slug] = true
		cn := &Notice{Notice: n, Slug: slug, National: nationalRe.MatchString(n.Issuer)}
		c.Notices = append(c.Notices, cn)
		c.byNotice[slug] = cn
	}

	// Every name a task writes, and the members of the groups it names: a
	// county has a page for the duties that reach it through its group.
	national := map[string]bool{}
	names := map[string]bool{}
	written := map[string]map[string]bool{}
	for _, n := range c.Notices {
		for _, t := range n.Tasks {
			for _, u := range t.Units {
				canon := reg.Canonical(u.Name)
				names[canon] = true
				for _, m := range reg.Members(canon) {
					names[m] = true
				}
				if n.National {
					national[canon] = true
				}
				if u.Name != canon {
					if written[canon] == nil {
						written[canon] = map[string]bool{}
					}
					written[canon][u.Name] = true
				}
			}
		}
	}
	list := make([]string, 0, len(names))
	for name := range names {
		list = append(list, name)
	}
	slugs := units.Slugs(list)
	for _, name := range list {
		u := &Unit{
			Name:    name,
			Slug:    slugs[name],
			Kind:    reg.Kind(name, national[name]),
			Aliases: reg.Aliases(name),
			Groups:  reg.GroupsOf(name),
			Members: reg.Members(name),
		}
		for w := range written[name] {
			u.Aliases = appendUnique(u.Aliases, w)
		}
		sort.Strings(u.Aliases)
		c.Units = append(c.Units, u)
		c.byName[name] = u
	}
	sort.Slice(c.Units, func(i, j int) bool {
		if c.Units[i].Slug != c.Units[j].Slug {
			return c.Units[i].Slug < c.Units[j].Slug
		}
		return c.Units[i].Name < c.Units[j].Name
	})

	for _, n := range c.Notices {
		c.tasks[n.Slug] = make(map[string]*notice.Task, len(n.Tasks))
		for i := range n.Tasks {
			c.tasks[n.Slug][n.Tasks[i].ID] = &n.Tasks[i]
		}
		for _, t := range n.Tasks {
			for _, a := range t.Units {
				canon := reg.Canonical(a.Name)
				u := c.byName[canon]
				c.byWritten[a.Name] = u
				u.Duties = append(u.Duties, Duty{Notice: n.Slug, Task: t.ID, Role: a.Role, Written: a.Name})
				for _, m := range reg.Members(canon) {
					mu := c.byName[m]
					mu.Duties = append(mu.Duties, Duty{Notice: n.Slug, Task: t.ID, Role: a.Role, Via: canon, Written: a.Name})
				}
			}
		}
	}
	c.addPossible()
	// The duties of a unit in one notice are a run of its list, since
	// notices were taken one after the other: index the runs, so a page
	// of a notice does not go through every duty of the site.
	c.unitsIn, c.concerned = map[string][]*Unit{}, map[string][]*Unit{}
	for _, u := range c.Units {
		u.in = runs(u.Duties, func(d Duty) string { return d.Notice })
		for slug := range u.in {
			c.unitsIn[slug] = append(c.unitsIn[slug], u)
			c.concerned[slug] = append(c.concerned[slug], u)
		}
		u.possibleIn = runs(u.Possible, func(r PossibleRun) string { return r.Notice })
		u.possibleTasks = CountPossible(u.Possible)
		for slug := range u.possibleIn {
			if _, own := u.in[slug]; !own {
				c.concerned[slug] = append(c.concerned[slug], u)
			}
		}
	}
	return c, nil
}

// runs indexes the runs of each notice in a list kept in notice order
// (a unit's duties, or its possible runs), by the notice's slug.
func runs[T any](list []T, notice func(T) string) map[string][2]int {
	out := map[string][2]int{}
	for i := 0; i < len(list); {
		j := i
		for j < len(list) && notice(list[j]) == notice(list[i]) {
			j++
		}
		out[notice(list[i])] = [2]int{i, j}
		i = j
	}
	return out
}

// addPossible gives each unit the duties of the collectives it may
// belong to. What a collective may include is decided once per
// collective, over every unit.
func (c *Catalog) addPossible() {
	reg := c.Registry
	type own struct{ notice, task string }
	mine := map[*Unit]map[own]bool{}
	mineIn := map[*Unit]map[string]bool{} // notices the unit has duties in
	for _, u := range c.Units {
		mine[u], mineIn[u] = map[own]bool{}, map[string]bool{}
		for _, d := range u.Duties {
			mine[u][own{d.Notice, d.Task}] = true
			mineIn[u][d.Notice] = true
		}
	}
	candidates := map[string][]*Unit{}
	for _, coll := range c.Units {
		if !reg.IsCollective(coll.Name) {
			continue
		}
		for _, u := range c.Units {
			if reg.MayInclude(coll.Name, u.Name, u.Kind) {
				candidates[coll.Name] = append(candidates[coll.Name], u)
				coll.MayInclude = append(coll.MayInclude, u.Name)
			}
		}
	}
	if len(candidates) == 0 {
		return
	}
	// Within a notice, a unit's possible duties go by collective (in the
	// order the notice first names them), so a page lists each
	// collective's duties together.
	type named struct {
		task    string
		role    units.Role
		written string
	}
	for _, n := range c.Notices {
		byColl := map[string][]named{}
		var order []string
		for _, t := range n.Tasks {
			for _, a := range t.Units {
				canon := reg.Canonical(a.Name)
				if len(candidates[canon]) == 0 {
					continue
				}
				ts := byColl[canon]
				if len(ts) == 0 {
					order = append(order, canon)
				} else if ts[len(ts)-1].task == t.ID {
					continue // the collective written twice in one cell
				}
				byColl[canon] = append(ts, named{t.ID, a.Role, a.Name})
			}
		}
		for _, canon := range order {
			shared := make([]Duty, len(byColl[canon]))
			for i, t := range byColl[canon] {
				shared[i] = Duty{Notice: n.Slug, Task: t.task, Role: t.role, Via: canon, Written: t.written}
			}
			for _, u := range candidates[canon] {
				ds := shared
				if isMine := func(d Duty) bool { return mine[u][own{n.Slug, d.Task}] }; mineIn[u][n.Slug] && slices.ContainsFunc(shared, isMine) {
					ds = slices.DeleteFunc(slices.Clone(shared), isMine)
				}
				if len(ds) > 0 {
					u.Possible = append(u.Possible, PossibleRun{Notice: n.Slug, Via: canon, Duties: ds})
				}
			}
		}
	}
}

// UnitsIn returns the units with duties in a notice, in the order of Units.
func (c *Catalog) UnitsIn(noticeSlug string) []*Unit { return c.unitsIn[noticeSlug] }

// UnitsConcerned returns the units with duties or possible duties in a
// notice, in the order of Units.
func (c *Catalog) UnitsConcerned(noticeSlug string) []*Unit { return c.concerned[noticeSlug] }

// PossibleIn returns the unit's possible duties in one notice, a run per
// collective.
func (u *Unit) PossibleIn(noticeSlug string) []PossibleRun {
	r, ok := u.possibleIn[noticeSlug]
	if !ok {
		return nil
	}
	return u.Possible[r[0]:r[1]:r[1]]
}

// TaskIDs lists the tasks of duties in their order: of a PossibleRun's,
// each task once, as addPossible keeps one
// duty per task and collective.
func TaskIDs(ds []Duty) []string {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.Task
	}
	return ids
}

// PossibleTasks counts the tasks among the unit's possible duties: a task
// two of its collectives share counts once.
func (u *Unit) PossibleTasks() int { return u.possibleTasks }

// CountPossible counts the tasks of possible duties, each once: two
// collectives of a unit may name the same task.
func CountPossible(rs []PossibleRun) int {
	if len(rs) == 1 {
		return len(rs[0].Duties) // a run names a task once
	}
	type task struct{ notice, id string }
	seen := map[task]bool{}
	for _, r := range rs {
		for _, d := range r.Duties {
			seen[task{d.Notice, d.Task}] = true
		}
	}
	return len(seen)
}

// CountTasks counts the tasks among duties, each once.
func CountTasks(ds []Duty) int {
	type task struct{ notice, id string }
	seen := make(map[task]bool, len(ds))
	for _, d := range ds {
		seen[task{d.Notice, d.Task}] = true
	}
	return len(seen)
}

// DutiesIn returns the unit's duties in one notice.
func (u *Unit) DutiesIn(noticeSlug string) []Duty {
	r, ok := u.in[noticeSlug]
	if !ok {
		return nil
	}
	return u.Duties[r[0]:r[1]:r[1]]
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// NoticeSlug is the ASCII slug of a notice: the pinyin of its 文号
// (忻政发〔2024〕1号 → xin-zheng-fa-2024-1), or of its file name.
func NoticeSlug(n *notice.Notice) string {
	if s := pinyin.Slug(strings.TrimSuffix(n.DocNumber, "号")); s != "" {
		return s
	}
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(n.Source, "\\", "/")), path.Ext(n.Source))
	if s := pinyin.Slug(base); s != "" {
		return s
	}
	return "notice"
}

// Unit returns the unit a name (or alias) stands for, or nil.
func (c *Catalog) Unit(name string) *Unit {
	if u, ok := c.byWritten[name]; ok {
		return u
	}
	return c.byName[c.Registry.Canonical(name)]
}

// Notice returns the notice with the slug, or nil.
func (c *Catalog) Notice(slug string) *Notice { return c.byNotice[slug] }

// Task returns a task of a notice, or nil.
func (c *Catalog) Task(noticeSlug, id string) *notice.Task {
	return c.tasks[noticeSlug][id]
}

// Counts returns how many duties reach the unit, and how many it leads.
func (u *Unit) Counts() (duties, lead int) {
	for _, d := range u.Duties {
		duties++
		if d.Role == units.Lead {
			lead++
		}
	}
	return duties, lead
}
