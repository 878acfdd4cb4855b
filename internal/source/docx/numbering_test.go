package docx_test

import (
	"strings"
	"testing"
)

// numbering.xml of a notice numbered by Word: sections 一、, items （一）
// running on across sections (lvlRestart 0), sub-items 1. starting again
// under each item; a second list of the same definition that restarts
// its first level at 5; a heading style that carries its own list; a
// legal-style level; a bullet.
const numberingXML = `<w:numbering NS>
<w:abstractNum w:abstractNumId="10">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlRestart w:val="0"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="20">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:pStyle w:val="Heading1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="ideographDigital"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="30">
 <w:lvl w:ilvl="0"><w:start w:val="1"/>
  <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="ideographTraditional"/></mc:Fallback></mc:AlternateContent>
  <w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>`

const stylesXML = `<w:styles NS>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Plan"><w:name w:val="plan"/><w:basedOn w:val="Heading1"/></w:style>
</w:styles>`

// np is a paragraph numbered by list and level.
func np(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// sp is a paragraph of a style.
func sp(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func TestNumbering(t *testing.T) {
	body := np("1", "0", "总体要求") +
		np("1", "1", "指导思想") +
		np("1", "1", "工作目标") +
		np("1", "2", "到2025年") +
		np("1", "3", "其一") +
		np("1", "3", "其二") +
		np("1", "2", "到2035年") +
		np("1", "0", "重点任务") + // items run on: （三）
		np("1", "1", "强化责任") +
		np("1", "2", "落实属地责任") + // sub-items start again
		p("（四）手写的编号留在文字里") +
		np("2", "0", "第二个列表从五开始") +
		np("0", "0", "编号取消") +
		sp("Heading1", "标题样式带编号") +
		np("3", "1", "多级编号") +
		np("3", "1", "多级编号") +
		sp("Plan", "继承样式的编号") +
		np("3", "2", "项目符号不是编号") +
		np("4", "0", "新格式退回旧格式") +
		np("99", "0", "未定义的列表") +
		tbl(tr("", tc("", np("1", "2", "表格里的编号")), tc("", p("单位"))))
	doc := readDoc(t, docxOf(t, body,
		part{"numbering.xml", "numbering", numberingXML},
		part{"styles.xml", "styles", stylesXML}))
	var got []string
	for _, b := range doc.Blocks {
		if b.Table != nil {
			got = append(got, "table: "+cells(b.Table.Rows[0]))
			continue
		}
		got = append(got, b.Number+" "+b.Text)
	}
	want := []string{
		"一、 总体要求",
		"（一） 指导思想",
		"（二） 工作目标",
		"1. 到2025年",
		"① 其一",
		"② 其二",
		"2. 到2035年",
		"二、 重点任务",
		"（三） 强化责任",
		"1. 落实属地责任",
		" （四）手写的编号留在文字里",
		"五、 第二个列表从五开始",
		" 编号取消",
		"1 标题样式带编号",
		"1.一 多级编号", // isLgl: the first level in decimal, its own in its format
		"1.二 多级编号",
		"2 继承样式的编号",
		" 项目符号不是编号",
		"甲. 新格式退回旧格式",
		" 未定义的列表",
		"table: 1.表格里的编号|单位", // level 0 used since: sub-items start again
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("numbers\n got %q\nwant %q", got, want)
	}
}
