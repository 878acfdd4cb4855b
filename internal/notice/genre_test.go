package notice_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/notice"
)

// TestGenre parses notices written in the forms of the genre that the
// corpus lacks (label lines, 完成时限, tables of one row per line with
// 牵头单位/配合单位 columns, letter-spaced red heads, signature gaps, GBK,
// CRLF, BOM …) and compares every task, its units and fields with a
// reviewed summary in testdata/genre/*.want. Rewrite with -update.
//
// A row of a table appended after the signature (附件) that restates no
// body item goes to a section of the table's own after the body's,
// named after its caption (s03, s12: 建立城市更新项目库 is in no section
// of the body); a table standing under a section heading with no items
// (s53, s56, s60) is that section's.
func TestGenre(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "genre", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no genre files")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n, err := notice.Parse(data, filepath.Base(f))
			if err != nil {
				t.Fatal(err)
			}
			got := genreSummary(n)
			want := strings.TrimSuffix(f, ".txt") + ".want"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(w) {
				t.Errorf("parse of %s differs from %s:\n%s", f, want, firstDiff(got, string(w)))
			}
		})
	}
}

func genreSummary(n *notice.Notice) string {
	var b strings.Builder
	b.WriteString("doc " + n.DocNumber + " | " + n.Issuer + " | " + n.Title + " | " + n.Date)
	if n.PublishDate != "" {
		b.WriteString(" | 发布 " + n.PublishDate)
	}
	b.WriteString("\n")
	for _, a := range n.Attachments {
		b.WriteString("attachment " + a + "\n")
	}
	for _, x := range n.Tasks {
		// The item a task is under and the title the table gives it show
		// where each row was placed and which cell was taken as its task.
		b.WriteString(x.ID)
		if t := itemTitle(n, x); t != "" {
			b.WriteString(" [" + excerpt(t) + "]")
		}
		if x.Title != "" {
			b.WriteString(" title=" + excerpt(x.Title))
		}
		b.WriteString(" " + excerpt(strings.ReplaceAll(x.Text, "\n", "/")) + " | " + u(x.Units))
		for _, f := range x.Fields {
			b.WriteString(" | " + f.Name + "=" + f.Value)
		}
		if d := x.Deadline; d != nil {
			b.WriteString(" | deadline=" + d.Text)
			if d.Date != "" {
				b.WriteString(" (" + d.Date + ")")
			}
		}
		b.WriteString("\n")
	}
	for _, w := range n.Warnings {
		b.WriteString("warning " + itoa(w.Line) + ": " + w.Message + "\n")
	}
	return b.String()
}

// itemTitle is the heading of the item a task is under, if it has one.
func itemTitle(n *notice.Notice, x notice.Task) string {
	for _, s := range n.Sections {
		if s.Number != x.Section {
			continue
		}
		for _, it := range s.Items {
			if it.Number == x.Item {
				return it.Title
			}
		}
	}
	return ""
}
