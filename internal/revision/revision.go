// Package revision compares two versions of a notice: which tasks were
// added, removed or reworded, which units a task gained or lost, which
// roles changed. It also carries task ids over from the old version, so a
// task that is the same keeps its id (and its page) across a revision.
package revision

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"qingdan/internal/notice"
	"qingdan/internal/textnorm"
	"qingdan/internal/units"
)

// Report is what changed from Old to New.
type Report struct {
	Old, New *notice.Notice
	Added    []Task     // tasks of New with no counterpart in Old
	Removed  []Task     // tasks of Old with no counterpart in New
	Reworded []Reword   // tasks whose text changed
	Units    []UnitEdit // units a kept task gained or lost, roles changed
}

// Task is a task as the report names it.
type Task struct {
	ID    string
	Text  string
	Units []units.Assignment
}

// Reword is a task whose text changed.
type Reword struct {
	ID      string
	OldID   string
	OldText string
	NewText string
	Diff    []Segment
}

// Segment is a stretch of a character diff.
type Segment struct {
	Op   int // -1 removed, 0 kept, +1 added
	Text string
}

// Edit kinds of a unit in a kept task.
const (
	UnitAdded   = "added"
	UnitRemoved = "removed"
	RoleChanged = "role"
)

// UnitEdit is a change of one unit in one kept task.
type UnitEdit struct {
	Task    string // id in New
	Unit    string
	Edit    string // UnitAdded, UnitRemoved, RoleChanged
	OldRole units.Role
	NewRole units.Role
}

// Empty reports a revision that changed no task.
func (r *Report) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Reworded)+len(r.Units) == 0
}

// For narrows the report to the tasks that name a unit matched by is:
// what changed for that unit.
func (r *Report) For(is func(name string) bool) *Report {
	out := &Report{Old: r.Old, New: r.New}
	has := func(list []units.Assignment) bool {
		for _, a := range list {
			if is(a.Name) {
				return true
			}
		}
		return false
	}
	newTask := map[string]*notice.Task{}
	for i := range r.New.Tasks {
		newTask[r.New.Tasks[i].ID] = &r.New.Tasks[i]
	}
	for _, t := range r.Added {
		if has(t.Units) {
			out.Added = append(out.Added, t)
		}
	}
	for _, t := range r.Removed {
		if has(t.Units) {
			out.Removed = append(out.Removed, t)
		}
	}
	for _, w := range r.Reworded {
		if t := newTask[w.ID]; t != nil && has(t.Units) {
			out.Reworded = append(out.Reworded, w)
		}
	}
	for _, e := range r.Units {
		if is(e.Unit) {
			out.Units = append(out.Units, e)
		}
	}
	return out
}

// match pairs tasks of old and new that are the same task: the same text,
// or a similar text — in the same place more readily than elsewhere.
// It returns new index → old index.
func match(old, new []notice.Task) map[int]int {
	type pair struct {
		o, n  int
		score float64
	}
	oldText := make([]string, len(old))
	oldGrams := make([][]uint64, len(old))
	for i, t := range old {
		oldText[i] = textnorm.Compact(t.Text)
		oldGrams[i] = grams(oldText[i])
	}
	var pairs []pair
	for n, t := range new {
		nt := textnorm.Compact(t.Text)
		ng := grams(nt)
		for o := range old {
			same := place(old[o]) == place(t)
			var s float64
			switch {
			case nt == oldText[o]:
				s = 1
			case 2*float64(min(len(ng), len(oldGrams[o])))/float64(len(ng)+len(oldGrams[o]))+0.05 < 0.5:
				// With lengths this far apart, Dice (at most twice the
				// shorter over both) cannot reach a match, even in place.
			default:
				s = dice(ng, oldGrams[o])
			}
			if same {
				s += 0.05 // prefer the same place among equals
			}
			if s >= 0.5 && (same || s >= 0.7) {
				pairs = append(pairs, pair{o, n, s})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		if pairs[i].score != pairs[j].score {
			return pairs[i].score > pairs[j].score
		}
		if pairs[i].n != pairs[j].n {
			return pairs[i].n < pairs[j].n
		}
		return pairs[i].o < pairs[j].o
	})
	out := map[int]int{}
	usedOld := map[int]bool{}
	for _, p := range pairs {
		if _, done := out[p.n]; done || usedOld[p.o] {
			continue
		}
		out[p.n] = p.o
		usedOld[p.o] = true
	}
	return out
}

func place(t notice.Task) [3]int { return [3]int{t.Section, t.Item, t.Subitem} }

// grams returns the character pairs of s, sorted, each pair as its two
// runes in one number.
func grams(s string) []uint64 {
	r := []rune(s)
	out := make([]uint64, 0, len(r))
	for i := 0; i+1 < len(r); i++ {
		out = append(out, uint64(r[i])<<32|uint64(uint32(r[i+1])))
	}
	slices.Sort(out)
	return out
}

// dice is the Sørensen–Dice coefficient of two bags of character pairs,
// given sorted: the pairs in common counted by one merge.
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// Stabilize gives the tasks of new the ids of the tasks of old they
// match, where the task stays in the same place; the other tasks of new
// get the next free row of their place. So pages of unchanged tasks keep
// their address across a revision.
func Stabilize(old, new *notice.Notice) {
	if old == nil {
		return
	}
	Pair(old, new).Stabilize()
}

// Pairs are the tasks of two versions matched (new index → old index):
// the costly part of Stabilize and Compare, done once for both.
type Pairs struct {
	old, new *notice.Notice
	m        map[int]int
}

// Pair matches the tasks of old and new.
func Pair(old, new *notice.Notice) *Pairs {
	return &Pairs{old, new, match(old.Tasks, new.Tasks)}
}

// Of tells whether the pairs were matched for the new version n.
func (p *Pairs) Of(n *notice.Notice) bool { return p.new == n }

// Stabilize is Stabilize(old, new) with the tasks already matched.
func (p *Pairs) Stabilize() {
	old, new, m := p.old, p.new, p.m
	used := map[string]bool{}
	kept := make([]bool, len(new.Tasks))
	for n := range new.Tasks {
		t := &new.Tasks[n]
		if o, ok := m[n]; ok && place(old.Tasks[o]) == place(*t) {
			t.ID, t.Row = old.Tasks[o].ID, old.Tasks[o].Row
			used[t.ID] = true
			kept[n] = true
		}
	}
	maxRow := map[[3]int]int{}
	for _, t := range old.Tasks {
		maxRow[place(t)] = max(maxRow[place(t)], t.Row)
	}
	for n := range new.Tasks {
		t := &new.Tasks[n]
		if kept[n] {
			continue
		}
		p := place(*t)
		for {
			maxRow[p]++
			id := fmt.Sprintf("%d-%d-%d-%d", p[0], p[1], p[2], maxRow[p])
			if !used[id] {
				t.ID, t.Row = id, maxRow[p]
				used[id] = true
				break
			}
		}
	}
}

// Compare reports what changed from old to new. Call Stabilize first, so
// that kept tasks share their ids.
func Compare(old, new *notice.Notice) *Report { return Pair(old, new).Compare() }

// Compare is Compare(old, new) with the tasks already matched.
func (p *Pairs) Compare() *Report {
	old, new, m := p.old, p.new, p.m
	r := &Report{Old: old, New: new}
	matchedOld := map[int]bool{}
	dmp := diffmatchpatch.New()
	for n, t := range new.Tasks {
		o, ok := m[n]
		if !ok {
			r.Added = append(r.Added, Task{ID: t.ID, Text: t.Text, Units: t.Units})
			continue
		}
		matchedOld[o] = true
		ot := old.Tasks[o]
		if textnorm.Compact(ot.Text) != textnorm.Compact(t.Text) {
			d := dmp.DiffCleanupSemantic(dmp.DiffMainRunes([]rune(ot.Text), []rune(t.Text), false))
			w := Reword{ID: t.ID, OldID: ot.ID, OldText: ot.Text, NewText: t.Text}
			for _, x := range d {
				w.Diff = append(w.Diff, Segment{Op: int(x.Type), Text: x.Text})
			}
			r.Reworded = append(r.Reworded, w)
		}
		r.Units = append(r.Units, unitEdits(ot, t)...)
	}
	for o, t := range old.Tasks {
		if !matchedOld[o] {
			r.Removed = append(r.Removed, Task{ID: t.ID, Text: t.Text, Units: t.Units})
		}
	}
	return r
}

// unitEdits are the units added to, removed from or given another role
// in the new version t of the task ot.
func unitEdits(ot, t notice.Task) []UnitEdit {
	var edits []UnitEdit
	oldRole := map[string]units.Role{}
	for _, a := range ot.Units {
		oldRole[a.Name] = a.Role
	}
	seen := map[string]bool{}
	for _, a := range t.Units {
		seen[a.Name] = true
		role, had := oldRole[a.Name]
		switch {
		case !had:
			edits = append(edits, UnitEdit{Task: t.ID, Unit: a.Name, Edit: UnitAdded, NewRole: a.Role})
		case role != a.Role:
			edits = append(edits, UnitEdit{Task: t.ID, Unit: a.Name, Edit: RoleChanged, OldRole: role, NewRole: a.Role})
		}
	}
	for _, a := range ot.Units {
		if !seen[a.Name] {
			edits = append(edits, UnitEdit{Task: t.ID, Unit: a.Name, Edit: UnitRemoved, OldRole: a.Role})
		}
	}
	return edits
}

// Text writes the report for people, as `diff` prints it.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d task(s) added, %d removed, %d reworded, %d unit change(s)\n", len(r.Added), len(r.Removed), len(r.Reworded), len(r.Units))
	for _, t := range r.Added {
		fmt.Fprintf(&b, "\n+ added %s: %s\n  units: %s\n", t.ID, t.Text, unitList(t.Units))
	}
	for _, t := range r.Removed {
		fmt.Fprintf(&b, "\n- removed %s: %s\n  units: %s\n", t.ID, t.Text, unitList(t.Units))
	}
	for _, w := range r.Reworded {
		fmt.Fprintf(&b, "\n~ reworded %s: %s\n", w.ID, DiffText(w.Diff))
	}
	if len(r.Units) > 0 {
		b.WriteString("\n")
	}
	for _, e := range r.Units {
		switch e.Edit {
		case UnitAdded:
			fmt.Fprintf(&b, "+ %s: unit %s added (%s)\n", e.Task, e.Unit, e.NewRole.Label())
		case UnitRemoved:
			fmt.Fprintf(&b, "- %s: unit %s removed (was %s)\n", e.Task, e.Unit, e.OldRole.Label())
		case RoleChanged:
			fmt.Fprintf(&b, "~ %s: unit %s now %s (was %s)\n", e.Task, e.Unit, e.NewRole.Label(), e.OldRole.Label())
		}
	}
	return b.String()
}

// DiffText writes a character diff as text: [-removed-]{+added+}.
func DiffText(d []Segment) string {
	var b strings.Builder
	for _, s := range d {
		switch s.Op {
		case -1:
			b.WriteString("[-" + s.Text + "-]")
		case 1:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func unitList(list []units.Assignment) string {
	var parts []string
	for _, a := range list {
		parts = append(parts, a.Name+"（"+a.Role.Label()+"）")
	}
	return strings.Join(parts, "、")
}
