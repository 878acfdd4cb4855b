package docx_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/source"
	"qingdan/internal/source/docx"
	"qingdan/internal/source/sourcetest"
)

const testdata = "../../../testdata/"

func read(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(testdata + p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readDoc(t *testing.T, data []byte) *source.Document {
	t.Helper()
	doc, err := docx.Read(data, "test.docx")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ---- fixtures made with LibreOffice ----

// The portal pages saved as .docx read as the text the corpus gives of
// the same notices, paragraph for paragraph and, for 03, row for row.
func TestPagesAsDocx(t *testing.T) {
	pages, _ := filepath.Glob(testdata + "docx/src/*.html")
	n := 0
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		txt, err := os.ReadFile(testdata + "html/" + name + ".txt")
		if os.IsNotExist(err) {
			continue // a source of another kind (the shipped notice)
		}
		n++
		t.Run(name, func(t *testing.T) {
			doc := readDoc(t, read(t, "docx/"+name+".docx"))
			if got, want := sourcetest.Layout(doc, false), sourcetest.NonBlank(string(txt)); got != want {
				t.Errorf("the document differs from the text:\n%s", sourcetest.FirstDiff(got, want))
			}
		})
	}
	if n != 5 {
		t.Errorf("%d pages as .docx, want 5", n)
	}
}

// The shipped notice as its office lays it out: typed numbering, the
// 重点任务分工 table with its header row and merged cells.
func TestShippedNotice(t *testing.T) {
	doc := readDoc(t, read(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx"))
	if doc.Format != "docx" || doc.Encoding != "UTF-8" || len(doc.Warnings) != 0 {
		t.Errorf("format %q, encoding %q, warnings %v", doc.Format, doc.Encoding, doc.Warnings)
	}
	first := doc.Blocks[0]
	if first.Text != "忻政发〔2024〕1号" || first.Pos != (source.Pos{Line: 1, Para: 1}) {
		t.Errorf("first block %+v", first)
	}
	var table *source.Block
	for i := range doc.Blocks {
		if doc.Blocks[i].Table != nil {
			if table != nil {
				t.Fatal("two tables")
			}
			table = &doc.Blocks[i]
		}
	}
	if table == nil {
		t.Fatal("no table")
	}
	if caption := doc.Blocks[51]; caption.Text != "重点任务分工" || caption.Pos != (source.Pos{Line: 52, Para: 52}) {
		t.Errorf("caption %+v", caption)
	}
	rows := table.Table.Rows
	if table.Pos != (source.Pos{Line: 53, Table: 1}) || len(rows) != 46 {
		t.Fatalf("table at %+v with %d rows", table.Pos, len(rows))
	}
	// The header row is declared (repeated on each page).
	if !rows[0].Header || rows[1].Header || cells(rows[0]) != "主要内容|具体事项|工作任务[2]|责任单位" {
		t.Errorf("header %v %s", rows[0].Header, cells(rows[0]))
	}
	// Row 4 has the sub-item heading of its own (2.落实部门监管责任);
	// below it, the heading and the section and item cells are merged,
	// carrying their text.
	if got := cells(rows[3]); got != "^一、以责任落实年为主线，构建完善安全责任体系|^（二）严格落实职责任务|2.落实部门监管责任|要充分发挥市…|各县（市、区…" {
		t.Errorf("row 4: %s", got)
	}
	if got := cells(rows[4]); got != "^一、以责任落实年为主线，构建完善安全责任体系|^（二）严格落实职责任务|^2.落实部门监管责任|动态完善监管…|各县（市、区…" {
		t.Errorf("row 5: %s", got)
	}
	if got := cells(rows[7]); got != "^一、以责任落实年为主线，构建完善安全责任体系|^（二）严格落实职责任务|3.压实企业…[2]|负有安全监管职责的部门督促企业落实" {
		t.Errorf("row 8: %s", got)
	}
	if got := rows[3].Pos; got != (source.Pos{Line: 56, Table: 1, Row: 4}) {
		t.Errorf("row 4 at %+v", got)
	}
	if last := doc.Blocks[len(doc.Blocks)-1]; last.Text != "忻州市人民政府办公室 2024年2月23日印发" || last.Pos != (source.Pos{Line: 100, Para: 54}) {
		t.Errorf("last block %+v", last)
	}
}

// cells writes a row for comparison: ^ for a merged cell, [n] for a
// span, texts longer than a heading cut after six characters.
func cells(r source.Row) string {
	var parts []string
	for _, c := range r.Cells {
		s := c.Text
		if rs := []rune(s); len(rs) > 22 {
			s = string(rs[:6]) + "…"
		}
		if c.Merged {
			s = "^" + s
		}
		if c.Span > 1 {
			s += fmt.Sprintf("[%d]", c.Span)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "|")
}

// The same notice with Word's automatic numbering: every number Word
// shows is the number the typed copy writes, and the text follows it.
func TestAutomaticNumbering(t *testing.T) {
	typed := readDoc(t, read(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx"))
	auto := readDoc(t, read(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi-autonumber.docx"))
	if sourcetest.Layout(auto, false) != sourcetest.Layout(typed, false) {
		t.Errorf("numbered automatically, the notice reads otherwise:\n%s", sourcetest.FirstDiff(sourcetest.Layout(auto, false), sourcetest.Layout(typed, false)))
	}
	var numbers []string
	for _, b := range auto.Blocks {
		if b.Number != "" {
			numbers = append(numbers, b.Number)
		}
	}
	got := strings.Join(numbers, " ")
	for _, want := range []string{
		"一、 （一） （二） 1. 2. 3. 4. 二、 （三） （四）", // sub-items under （二）, items run on across sections
		"（十八） 1. 2. 3. 4. 5. 五、 （十九）",       // sub-items start again at 1
		"七、 （二十七） （二十八） （二十九） （三十）",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("numbers %s\nlack %s", got, want)
		}
	}
	if len(numbers) != 7+30+9 {
		t.Errorf("%d numbered paragraphs, want 46", len(numbers))
	}
	if b := auto.Blocks[5]; b.Number != "一、" || b.Text != "以责任落实年为主线，构建完善安全责任体系" {
		t.Errorf("section 一: %+v", b)
	}
}
