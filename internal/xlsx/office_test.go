package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qingdan/internal/xlsx"
)

// A workbook opens as an office expects: each sheet with its header
// frozen, filtered and repeated on printed pages, landscape A4 one page
// wide, a running head and page numbers; 序号 as numbers, and empty
// columns bordered to be filled in.
func TestOfficeSheet(t *testing.T) {
	cols := []xlsx.Column{{Title: "序号", Width: 6, Number: true}, {Title: "工作任务"}, {Title: "落实情况", Width: 30}}
	own := xlsx.Sheet{Name: "职责", Title: "市应急局 & 忻政发〔2024〕1号", Columns: cols,
		Parts: []xlsx.Part{{Key: "a", Rows: [][]string{{"1", "强化应急预案", ""}, {"2", "开展演练", ""}}}, {Rows: [][]string{{"3", "x", ""}}}}}
	maybe := xlsx.Sheet{Name: "可能涉及的任务", Title: "市应急局", Columns: cols,
		Parts: []xlsx.Part{{Rows: [][]string{{"1", "市有关部门的任务", ""}, {"01", "not a number", ""}}}}}
	var b bytes.Buffer
	if err := xlsx.Write(&b, own, maybe); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); fmt.Sprint(got) != "[职责 可能涉及的任务]" {
		t.Fatalf("sheets %v", got)
	}
	for i, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		if len(rows) != 3 && len(rows) != 4 || rows[0][0] != "序号" || rows[0][2] != "落实情况" {
			t.Errorf("%s: rows %q", name, rows)
		}
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: header not frozen: %+v %v", name, panes, err)
		}
		layout, err := f.GetPageLayout(name)
		if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 ||
			layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v %v", name, layout, err)
		}
		props, err := f.GetSheetProps(name)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fit to page: %v", name, err)
		}
		hf, err := f.GetHeaderFooter(name)
		if err != nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || !strings.Contains(hf.OddFooter, "&D") {
			t.Errorf("%s: footer %+v %v", name, hf, err)
		}
		if i == 0 && !strings.Contains(hf.OddHeader, "市应急局 && 忻政发〔2024〕1号") {
			t.Errorf("head of the first sheet: %q", hf.OddHeader)
		}
		if w, _ := f.GetColWidth(name, "C"); w != 30 {
			t.Errorf("%s: width of 落实情况 %v", name, w)
		}
		if typ, _ := f.GetCellType(name, "A2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: 序号 is of type %v", name, typ)
		}
		if style, _ := f.GetCellStyle(name, "C2"); style == 0 {
			t.Errorf("%s: the empty cell to fill in has no style (borders)", name)
		}
	}
	// The numbers are numbers; a text that only looks like one stays text.
	if v, _ := f.GetCellValue("可能涉及的任务", "A3"); v != "01" {
		t.Errorf("01 read back as %q", v)
	}
	xml := part(t, b.Bytes(), "xl/worksheets/sheet1.xml")
	for _, want := range []string{`<c s="3"><v>1</v></c>`, `<autoFilter ref="A1:C4"/>`} {
		if !strings.Contains(xml, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	if xml := part(t, b.Bytes(), "xl/worksheets/sheet2.xml"); !strings.Contains(xml, `<autoFilter ref="A1:C3"/>`) || strings.Contains(xml, "tabSelected") {
		t.Errorf("sheet2.xml: filter or selection wrong")
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Name+"@"+d.Scope] = d.RefersTo
	}
	for key, want := range map[string]string{
		"_xlnm.Print_Titles@职责":      "'职责'!$1:$1",
		"_xlnm.Print_Titles@可能涉及的任务": "'可能涉及的任务'!$1:$1",
		"_xlnm._FilterDatabase@职责":   "'职责'!$A$1:$C$4",
	} {
		if names[key] != want {
			t.Errorf("defined name %s = %q, want %q (all: %v)", key, names[key], want, names)
		}
	}
}

// Two sheets of one name get names Excel tells apart.
func TestSheetNamesApart(t *testing.T) {
	var b bytes.Buffer
	s := sheet("职责", []string{"a"}, xlsx.Part{Rows: [][]string{{"x"}}})
	if err := xlsx.Write(&b, s, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(f.GetSheetList()); got != "[职责 职责(2)]" {
		t.Errorf("sheets %s", got)
	}
	if err := xlsx.Write(&b); err == nil {
		t.Error("a workbook of no sheet: want an error")
	}
}

func part(t *testing.T, file []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(r)
	return string(data)
}
