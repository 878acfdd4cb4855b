package xlsx_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"qingdan/internal/xlsx"
)

// The files open in a general spreadsheet library with every cell as
// written — text with markup, formulas, quotes, control characters.
func TestReadBack(t *testing.T) {
	header := []string{"文号", "工作任务", "单位"}
	rows := [][]string{
		{"忻政发〔2024〕1号", "强化<b>应急</b>预案 & 演练\n第二行", "市应急局"},
		{"'=HYPERLINK(\"http://x\")", "@SUM(A1)", "控制字符\x01\x02去掉"},
	}
	for i := 0; i < 30; i++ {
		rows = append(rows, []string{fmt.Sprint(i), "任务", "单位"})
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, sheet("职责[1]:/?*", header, xlsx.Part{Rows: rows})); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "职责_1_____" {
		t.Fatalf("sheets %v", sheets)
	}
	got, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{header}
	for _, r := range rows {
		want = append(want, append([]string(nil), r...))
	}
	want[2][2] = "控制字符去掉"
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	if formula, _ := f.GetCellFormula(sheets[0], "A3"); formula != "" {
		t.Errorf("A3 is a formula: %q", formula)
	}
	var again bytes.Buffer
	xlsx.Write(&again, sheet("职责[1]:/?*", header, xlsx.Part{Rows: rows}))
	if !bytes.Equal(again.Bytes(), b.Bytes()) {
		t.Error("the same rows gave different bytes")
	}
}

// sheet is a sheet of text columns with the titles.
func sheet(name string, titles []string, parts ...xlsx.Part) xlsx.Sheet {
	sh := xlsx.Sheet{Name: name, Parts: parts}
	for _, t := range titles {
		sh.Columns = append(sh.Columns, xlsx.Column{Title: t})
	}
	return sh
}

// benchRows are the rows of a unit's table: 40, as a department has in
// one notice, or 4,000, as a county has across a hundred.
func benchRows(n int) [][]string {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{"忻政发〔2024〕1号", fmt.Sprintf("1-2-0-%d", i), "一、以责任落实年为主线", "严格党政领导责任。坚持党政同责、一岗双责、齐抓共管、失职追责，动态编制并落实安全生产职责清单", "负责"}
	}
	return rows
}

var benchHeader = []string{"文号", "任务编号", "主要内容", "工作任务", "职责"}

// BenchmarkWrite and BenchmarkExcelize write the same table with this
// package and with excelize's stream writer, which the downloads would use
// instead of it (docs/performance.md has the figures).
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{40, 4000} {
		rows := benchRows(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if err := xlsx.Write(&buf, sheet("职责", benchHeader, xlsx.Part{Rows: rows})); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkExcelize(b *testing.B) {
	for _, n := range []int{40, 4000} {
		rows := benchRows(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				f := excelize.NewFile()
				sw, err := f.NewStreamWriter("Sheet1")
				if err != nil {
					b.Fatal(err)
				}
				cells := make([]any, len(benchHeader))
				for i, h := range benchHeader {
					cells[i] = h
				}
				sw.SetRow("A1", cells)
				for r, row := range rows {
					for i, c := range row {
						cells[i] = c
					}
					cell, _ := excelize.CoordinatesToCellName(1, r+2)
					if err := sw.SetRow(cell, cells); err != nil {
						b.Fatal(err)
					}
				}
				if err := sw.Flush(); err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if _, err := f.WriteTo(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A sheet made of shared blocks reads back as its rows in order, wherever
// a block stands.
func TestBlocks(t *testing.T) {
	header := []string{"文号", "工作任务"}
	// A large block is compressed, a small one stored.
	shared := [][]string{{"甲", " 前后空格 "}, {"乙", "两行\n文字"}}
	for i := range 200 {
		shared = append(shared, []string{fmt.Sprint(i), "加强安全生产应急预案管理"})
	}
	own := [][]string{{"丙", "=1+1"}}
	var bs xlsx.Blocks
	var a, b bytes.Buffer
	if err := bs.Write(&a, sheet("甲", header, xlsx.Part{Key: "shared", Rows: shared}, xlsx.Part{Key: "own", Rows: own})); err != nil {
		t.Fatal(err)
	}
	// A block asked for again is kept from then on.
	if err := bs.Write(&b, sheet("乙", header, xlsx.Part{Key: "own", Rows: own}, xlsx.Part{}, xlsx.Part{Key: "shared", Rows: shared})); err != nil {
		t.Fatal(err)
	}
	for i, tc := range []struct {
		file []byte
		want [][]string
	}{
		{a.Bytes(), append(append([][]string{header}, shared...), own...)},
		{b.Bytes(), append([][]string{header, own[0]}, shared...)},
	} {
		f, err := excelize.OpenReader(bytes.NewReader(tc.file))
		if err != nil {
			t.Fatalf("file %d: %v", i, err)
		}
		got, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("file %d read back\n%q\nwant\n%q", i, got, tc.want)
		}
		if v, _ := f.GetCellValue(f.GetSheetList()[0], "B2"); i == 1 && v != "=1+1" {
			t.Errorf("B2 = %q", v)
		}
	}
	// A kept block stands for its rows, whatever rows come with it; one
	// block may stand twice in a sheet: its rows come twice.
	var twice bytes.Buffer
	if err := bs.Write(&twice, sheet("丙", header, xlsx.Part{Key: "own"}, xlsx.Part{Key: "own"})); err != nil {
		t.Fatal(err)
	}
	got := firstSheetRows(t, twice.Bytes())
	if want := [][]string{header, own[0], own[0]}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("a block twice reads back %q, want %q", got, want)
	}
}

// A part said to be shared (a group's duties, in every member's table) is
// kept from its first use, so the second table reuses its block; one not
// said to be is kept only once asked for again.
func TestSharedPartKeptAtOnce(t *testing.T) {
	header := []string{"文号", "工作任务"}
	rows := [][]string{{"甲", "各县（市、区）政府的任务"}}
	var bs xlsx.Blocks
	var first bytes.Buffer
	if err := bs.Write(&first, sheet("甲", header, xlsx.Part{Key: "group", Rows: rows, Shared: true}, xlsx.Part{Key: "own", Rows: rows})); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string][][]string{"group": {header, rows[0]}, "own": {header}} {
		var again bytes.Buffer
		if err := bs.Write(&again, sheet("乙", header, xlsx.Part{Key: key})); err != nil {
			t.Fatal(err)
		}
		if got := firstSheetRows(t, again.Bytes()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s asked for again without its rows: %q, want %q", key, got, want)
		}
	}
}

// A text longer than Excel holds in a cell is cut, at a character, and
// says so; one that fits is kept whole.
func TestLongCell(t *testing.T) {
	fits := strings.Repeat("应", xlsx.MaxCell)
	long := strings.Repeat("急", 20000) + strings.Repeat("𠀀", 10000) // 40,000 code units, some in pairs
	var b bytes.Buffer
	if err := xlsx.Write(&b, sheet("s", []string{"a", "b"}, xlsx.Part{Rows: [][]string{{fits, long}}})); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("s")
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != fits {
		t.Error("a cell of 32,767 characters was changed")
	}
	cut := rows[1][1]
	units := len(utf16.Encode([]rune(cut)))
	if units > xlsx.MaxCell || units < xlsx.MaxCell-1 || !strings.HasSuffix(cut, xlsx.CutNote) || !strings.HasPrefix(long, strings.TrimSuffix(cut, xlsx.CutNote)) {
		t.Errorf("cut cell: %d code units, ends %q", units, cut[len(cut)-60:])
	}
}

// firstSheetRows reads a workbook back and returns its first sheet's rows.
func firstSheetRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
