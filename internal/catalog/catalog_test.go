package catalog_test

import (
	"os"
	"strings"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

func shipped(t *testing.T, registry string) *catalog.Catalog {
	t.Helper()
	return shippedEdited(t, registry, func(s string) string { return s })
}

// shippedEdited is the catalog of the shipped notice as edit changes its
// text.
func shippedEdited(t *testing.T, registry string, edit func(string) string) *catalog.Catalog {
	t.Helper()
	text, err := os.ReadFile("../../seeds/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(edit(string(text)))
	n, err := notice.Parse(data, "00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := units.LoadRegistry([]byte(registry))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New([]*notice.Notice{n}, reg)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func shippedRegistry(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../seeds/units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// byVia counts a unit's possible duties by collective.
func byVia(rs []catalog.PossibleRun) map[string]int {
	out := map[string]int{}
	for _, d := range possibleDuties(rs) {
		out[d.Via]++
	}
	return out
}

func possibleDuties(rs []catalog.PossibleRun) []catalog.Duty {
	var ds []catalog.Duty
	for _, r := range rs {
		for _, d := range r.Duties {
			if d.Via != r.Via || d.Notice != r.Notice {
				panic("a run's duty of another collective or notice")
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// With the shipped registry, whose collectives are left to complete, a
// department sees the duties of the collectives it may belong to apart
// from its own, and a county those of 各相关县（市、区）政府.
func TestPossibleDuties(t *testing.T) {
	cat := shipped(t, shippedRegistry(t))
	yjj := cat.Unit("市应急局")
	if n, _ := yjj.Counts(); n != 24 {
		t.Errorf("市应急局 has %d duties of its own, want 24", n)
	}
	want := map[string]int{"负有安全监管职责的部门": 6, "市有关部门": 6, "市安委会有关成员单位": 1, "各安全生产专业委员会": 1, "市级负有安全监管职责的部门": 1}
	if got := byVia(yjj.Possible); !equalCounts(got, want) {
		t.Errorf("市应急局's possible duties by collective: %v, want %v", got, want)
	}
	if n := yjj.PossibleTasks(); n != 15 {
		t.Errorf("市应急局 may have %d more tasks, want 15", n)
	}
	for _, d := range possibleDuties(yjj.Possible) {
		for _, own := range yjj.Duties {
			if own.Task == d.Task {
				t.Errorf("task %s is both 市应急局's own and possible", d.Task)
			}
		}
	}
	if got := yjj.PossibleIn(yjj.Possible[0].Notice); len(got) != len(yjj.Possible) {
		t.Errorf("PossibleIn the notice: %d of %d", len(got), len(yjj.Possible))
	}

	// A collective's duties are held once for the units it may include
	// (a large site has millions), but for a unit that has one of them:
	// the runs of all the duties of a collective in a notice are one.
	type runOf struct{ notice, via string }
	full := map[runOf][]catalog.Duty{}
	shared := 0
	for _, u := range cat.Units {
		for _, r := range u.Possible {
			k := runOf{r.Notice, r.Via}
			if f, ok := full[k]; !ok || len(r.Duties) > len(f) {
				full[k] = r.Duties
			}
		}
	}
	for _, u := range cat.Units {
		for _, r := range u.Possible {
			if f := full[runOf{r.Notice, r.Via}]; len(r.Duties) == len(f) {
				if &r.Duties[0] != &f[0] {
					t.Errorf("%s: the duties of %s are a copy", u.Name, r.Via)
				}
				shared++
			}
		}
	}
	if shared < 2*len(full) {
		t.Errorf("%d runs for %d collectives", shared, len(full))
	}

	dai := cat.Unit("代县政府")
	if got := byVia(dai.Possible); !equalCounts(got, map[string]int{"各相关县（市、区）政府": 3}) {
		t.Errorf("代县政府's possible duties: %v", got)
	}
	for _, name := range []string{"忻州经济开发区管委会", "各县（市、区）政府", "市有关部门"} {
		if u := cat.Unit(name); len(u.Possible) != 0 {
			t.Errorf("%s should have no possible duties: %v", name, byVia(u.Possible))
		}
	}
	coll := cat.Unit("各相关县（市、区）政府")
	if len(coll.MayInclude) != 14 || !contains(coll.MayInclude, "代县政府") {
		t.Errorf("各相关县（市、区）政府 may include %v", coll.MayInclude)
	}
	if c := cat.Unit("市有关部门"); contains(c.MayInclude, "忻州公路分局") || !contains(c.MayInclude, "市应急局") {
		t.Errorf("市有关部门 may include %v", c.MayInclude)
	}
}

// A unit that has one of a collective's tasks itself gets the
// collective's other tasks as possible duties, in a run of its own; the
// units without it share the collective's whole run, untouched.
func TestPossibleOwnTaskLeftOut(t *testing.T) {
	whole := shipped(t, shippedRegistry(t))
	cat := shippedEdited(t, shippedRegistry(t), func(s string) string {
		return strings.Replace(s, "五台山风景名胜区管委会、市有关部门", "五台山风景名胜区管委会、市有关部门、市应急局", 1)
	})
	runOf := func(c *catalog.Catalog, unit string) catalog.PossibleRun {
		t.Helper()
		for _, r := range c.Unit(unit).Possible {
			if r.Via == "市有关部门" {
				return r
			}
		}
		t.Fatalf("%s: no run of 市有关部门", unit)
		return catalog.PossibleRun{}
	}
	full, yjj, gaj := runOf(whole, "市公安局"), runOf(cat, "市应急局"), runOf(cat, "市公安局")
	var own string
	for _, d := range cat.Unit("市应急局").Duties {
		for _, f := range full.Duties {
			if d.Task == f.Task {
				own = d.Task
			}
		}
	}
	if own == "" {
		t.Fatal("the edit gave 市应急局 none of 市有关部门's tasks")
	}
	if len(yjj.Duties) != len(full.Duties)-1 || len(gaj.Duties) != len(full.Duties) {
		t.Fatalf("runs of %d and %d duties, the collective has %d", len(yjj.Duties), len(gaj.Duties), len(full.Duties))
	}
	for _, d := range yjj.Duties {
		if d.Task == own {
			t.Errorf("市应急局's own task %s is among its possible ones", own)
		}
	}
	for i, d := range gaj.Duties {
		if d != full.Duties[i] {
			t.Errorf("市公安局's run changed at %d: %+v, want %+v", i, d, full.Duties[i])
		}
	}
	if yjj.ID() == gaj.ID() || &yjj.Duties[0] == &gaj.Duties[0] {
		t.Error("市应急局's run shares its duties with the collective's whole run")
	}
	for _, u := range cat.Units {
		for _, r := range u.Possible {
			if r.Via == "市有关部门" && len(r.Duties) == len(gaj.Duties) && r.ID() != gaj.ID() {
				t.Errorf("%s: a copy of the whole run", u.Name)
			}
		}
	}
}

// Members written for a collective make its duties theirs, through it.
func TestDeclaredCollective(t *testing.T) {
	reg := strings.Replace(shippedRegistry(t), "collectives:\n", `collectives:
  - name: 市有关部门
    members: [{name: 市应急局}, {name: 市统计局}]
  - name: 各相关县（市、区）政府
    may_include: [代县政府, 繁峙县政府]
`, 1)
	cat := shipped(t, reg)
	yjj := cat.Unit("市应急局")
	via := 0
	for _, d := range yjj.Duties {
		if d.Via == "市有关部门" {
			via++
		}
	}
	if n, _ := yjj.Counts(); n != 30 || via != 6 {
		t.Errorf("市应急局: %d duties, %d through 市有关部门; want 30 and 6", n, via)
	}
	if byVia(yjj.Possible)["市有关部门"] != 0 || yjj.PossibleTasks() != 9 {
		t.Errorf("市应急局's possible duties: %v", byVia(yjj.Possible))
	}
	if u := cat.Unit("市统计局"); u == nil || len(u.Duties) != 6 {
		t.Errorf("a member the notice does not name gets a page with the collective's duties: %+v", u)
	}
	if n := len(possibleDuties(cat.Unit("繁峙县政府").Possible)); n != 3 {
		t.Errorf("繁峙县政府, declared as possible: %d", n)
	}
	if n := len(possibleDuties(cat.Unit("忻府区政府").Possible)); n != 0 {
		t.Errorf("忻府区政府, left out of may_include: %d", n)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A task that reaches a unit through two collectives counts once; the
// same task id in two notices is two tasks.
func TestCountTasks(t *testing.T) {
	ds := []catalog.Duty{
		{Notice: "a", Task: "1-1-0-1", Via: "市有关部门"},
		{Notice: "a", Task: "1-1-0-2", Via: "市有关部门"},
		{Notice: "a", Task: "1-1-0-1", Via: "负有安全监管职责的部门"},
		{Notice: "b", Task: "1-1-0-1", Via: "市有关部门"},
	}
	if got := catalog.CountTasks(ds); got != 3 {
		t.Errorf("CountTasks = %d, want 3", got)
	}
	if got := catalog.CountTasks(nil); got != 0 {
		t.Errorf("CountTasks(nil) = %d", got)
	}
}
