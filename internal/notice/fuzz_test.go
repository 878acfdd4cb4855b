package notice_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"qingdan/internal/notice"
)

// FuzzParse feeds the parser mutations of the corpus. Run it for minutes:
//
//	go test ./internal/notice -run '^$' -fuzz FuzzParse -fuzztime 5m
//
// The parser must never panic (Parse turns a panic into an "internal
// error", which fails here), and what it returns must keep the model's
// invariants.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
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
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := notice.Parse(data, "fuzz.txt")
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("parser panicked: %v", err)
			}
			return
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
				if a.Name == "" || !a.Role.Valid() {
					t.Fatalf("task %s: unit %+v", x.ID, a)
				}
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
