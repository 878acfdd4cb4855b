package search_test

import (
	"strings"
	"testing"

	"qingdan/internal/search"
	"qingdan/internal/search/searchtest"
)

// An item with one task is one result, the task, found by the item's
// title; an item of several tasks stays a result of its own.
func TestItemOfOneTask(t *testing.T) {
	cat, ix := shipped(t)
	n := cat.Notices[0]
	tasksOf := map[[2]int]int{}
	for _, task := range n.Tasks {
		tasksOf[[2]int{task.Section, task.Item}]++
	}
	items := map[string]bool{}
	for _, d := range ix.Docs {
		if d.Kind == search.KindItem {
			items[d.Title] = true
		}
	}
	merged := 0
	for _, s := range n.Sections {
		for _, it := range s.Items {
			title := it.Label + it.DisplayTitle()
			if tasksOf[[2]int{s.Number, it.Number}] == 1 {
				merged++
				if items[title] {
					t.Errorf("item %s of one task is still a result of its own", title)
				}
			} else if !items[title] {
				t.Errorf("item %s of %d tasks is no result", title, tasksOf[[2]int{s.Number, it.Number}])
			}
		}
	}
	if merged == 0 {
		t.Fatal("the shipped notice has no item of one task: the test proves nothing")
	}
	rs := browser(t, ix)
	got, err := rs.Search("深入贯彻安全发展理念", searchtest.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("the title of item （一） finds nothing")
	}
	d, _ := rs.Doc(got[0].Doc)
	if d.Kind != search.KindTask || !strings.HasPrefix(d.Title, "（一）深入贯彻安全发展理念") || got[0].TitleHits == 0 {
		t.Errorf("the first result for item （一）'s title: %+v (%+v)", d, got[0])
	}
	kinds := map[string]int{}
	for _, r := range got {
		d, _ := rs.Doc(r.Doc)
		kinds[d.Href]++
	}
	for href, n := range kinds {
		if n > 1 {
			t.Errorf("%s found %d times", href, n)
		}
	}
}

// The filter 我的单位 knows each unit's tasks: its own and those it may
// have, apart.
func TestUnitTasks(t *testing.T) {
	cat, ix := shipped(t)
	for i, u := range cat.Units {
		ut := ix.UnitTasks[i]
		if ix.Docs[i].Title != u.Name {
			t.Fatalf("document %d is %s, not the unit %s", i, ix.Docs[i].Title, u.Name)
		}
		if len(ut.Own) != len(u.Duties) || len(ut.Possible) != u.PossibleTasks() {
			t.Errorf("%s: %d own and %d possible tasks, want %d and %d", u.Name, len(ut.Own), len(ut.Possible), len(u.Duties), u.PossibleTasks())
		}
		for _, d := range append(append([]int{}, ut.Own...), ut.Possible...) {
			if ix.Docs[d].Kind != search.KindTask {
				t.Errorf("%s: document %d is a %s", u.Name, d, ix.Docs[d].Kind)
			}
		}
	}
	files, _ := ix.Files()
	yjj := cat.Unit("市应急局")
	for i, u := range cat.Units {
		if u == yjj {
			f := string(files["search/m/"+itoa(i)+".js"])
			if !strings.HasPrefix(f, "qdSearch.m("+itoa(i)+",{\"own\":[") || !strings.Contains(f, "\"possible\":[") {
				t.Errorf("search/m/%d.js: %.80s", i, f)
			}
		}
	}
}

// Words around a character: 防汛 for 汛 (a query 汛期 finds nothing).
func TestNeighbours(t *testing.T) {
	_, ix := shipped(t)
	near := ix.Neighbours(8)
	found := false
	for _, w := range near["汛"] {
		if w.Text == "防汛" && w.Docs > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("the words around 汛: %v", near["汛"])
	}
	for c, ws := range near {
		if len(ws) > 8 {
			t.Errorf("%s has %d words", c, len(ws))
		}
		for i := 1; i < len(ws); i++ {
			if ws[i].Docs > ws[i-1].Docs {
				t.Errorf("%s: words not by documents: %v", c, ws)
			}
		}
	}
}
