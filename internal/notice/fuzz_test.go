package notice_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"qingdan/internal/notice"
)

// FuzzParse feeds the parser mutations of the corpus and the genre
// files. Run it for minutes (a small -fuzzminimizetime keeps the time for
// fuzzing rather than for shrinking the large seeds):
//
//	go test ./internal/notice -run '^$' -fuzz FuzzParse -fuzztime 10m -fuzzminimizetime 10x
//
// The parser must never panic (Parse turns a panic into an "internal
// error", which fails here), and what it returns must keep the model's
// invariants: task ids unique, every task in an item the notice has,
// every unit named, with a role, and no rule's words in its name;
// section numbers unique, and items unique within their section.
var (
	// ruleWords are words of a rule that must never end up in a unit's
	// name (列第一位者为牵头单位，下同; 以下均需…落实，不再列出).
	ruleWords = regexp.MustCompile(`下同|第一位|不再(单独)?列|以下均|均需|即为牵头`)
	isoDate   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	genre, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "genre", "*.txt"))
	files = append(files, genre...)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		// Smaller seeds reach the table and the footer sooner.
		lines := strings.Split(string(data), "\n")
		if len(lines) > 40 {
			f.Add([]byte(strings.Join(lines[:12], "\n") + "\n" + strings.Join(lines[len(lines)-30:], "\n")))
		}
	}
	f.Add([]byte("一、总则\n（一）加强领导。（市应急局牵头，市公安局配合）\n牵头单位：市应急局；配合单位：市公安局\n"))
	f.Add([]byte("序号\t工作任务\t责任单位\n1\t做好工作\t市应急局、各县（市、区）政府\n"))
	f.Add([]byte("一、总则\n1.做好工作。\n牵头负责领导：金力。\n牵头责任单位：市发展改革委。\n协同责任单位：市经信局等，各县、市、区政府。\n一、方案\n（一）推进。（区发改局、海曙生态环境分局（列第一位者为牵头或汇总单位，下同））\n"))
	f.Add([]byte("目录\n1 总则\n1.1 目的\n1 总则\n1.1 目的\n（1）公安部负责治安；\n（2）财政部负责经费；\n（3）交通部负责运输。\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := notice.Parse(data, "fuzz.txt")
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("parser panicked: %v", err)
			}
			return
		}
		sections := map[int]bool{}
		for _, s := range n.Sections {
			if sections[s.Number] {
				t.Fatalf("section %d twice", s.Number)
			}
			sections[s.Number] = true
			items := map[int]bool{}
			for _, it := range s.Items {
				if items[it.Number] {
					t.Fatalf("item %d-%d twice", s.Number, it.Number)
				}
				items[it.Number] = true
			}
		}
		ids := map[string]bool{}
		for _, x := range n.Tasks {
			if ids[x.ID] {
				t.Fatalf("task id %s twice", x.ID)
			}
			ids[x.ID] = true
			if n.Item(x.Section, x.Item) == nil && x.Item != 0 {
				t.Fatalf("task %s in missing item %d-%d", x.ID, x.Section, x.Item)
			}
			for _, a := range x.Units {
				if a.Name == "" || !a.Role.Valid() || ruleWords.MatchString(a.Name) {
					t.Fatalf("task %s: unit %+v", x.ID, a)
				}
			}
			if d := x.Deadline; d != nil && (d.Text == "" || (d.Date != "" && !isoDate.MatchString(d.Date))) {
				t.Fatalf("task %s: deadline %+v", x.ID, d)
			}
			if !utf8.ValidString(x.Text) {
				t.Fatalf("task %s: text is not UTF-8", x.ID)
			}
		}
		if _, err := json.Marshal(n); err != nil {
			t.Fatal(err)
		}
	})
}
