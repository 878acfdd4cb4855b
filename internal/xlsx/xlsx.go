// Package xlsx writes a spreadsheet in the Office Open XML format
// (.xlsx) as an office hands one round: on each sheet a header row,
// frozen, filtered and repeated on every printed page, rows of text
// cells with borders (whole numbers where a column says so), printed on
// landscape A4 fit to the page width, with a running head, page numbers
// and the print date.
//
// Why not a general library: a site writes one workbook per unit, and a
// general library spent about 9 ms on each (building and compressing a
// full workbook model) — most of the time of a build. This writer does
// only what the downloads need, in about a tenth of a millisecond, and
// the tests read its files back with github.com/xuri/excelize/v2.
package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// modified is the time stamped on every part, so the same rows give the
// same bytes.
var modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Column is a column of a sheet.
type Column struct {
	Title string
	// Width is the column's width in characters (a Chinese character
	// counts two); 0 sizes it by its longest text, between 8 and 60.
	Width int
	// Number makes the column's cells whole numbers (序号), which a
	// spreadsheet sorts and filters as numbers; a cell that is not one
	// stays text.
	Number bool
}

// Sheet is a sheet of a workbook: its name, the title its printed pages
// are headed with, its columns and its rows, given by parts.
type Sheet struct {
	Name    string
	Title   string
	Columns []Column
	Parts   []Part
}

// Write writes a workbook of the sheets. Every cell is a text cell but
// in number columns: a spreadsheet never reads one as a formula.
func Write(w io.Writer, sheets ...Sheet) error {
	return (&Blocks{}).Write(w, sheets...)
}

// A Part is a block of rows of a sheet. Its Key names its rows for the
// Blocks it is written with: parts of the same key hold the same rows
// under the same columns, and the rows of a part whose block is kept are
// not read again (a part carries its rows all the same: the block may
// not be kept). A part without a key is always written from its rows.
type Part struct {
	Key  string
	Rows [][]string
	// Shared says other tables likely hold the part too (a group's
	// duties, in each member's table): its block is kept from its first
	// use rather than its second, and so compressed once.
	Shared bool
}

// Blocks compresses blocks of rows once for all the sheets that hold
// them: a site's tables share most of their rows (each county's table
// holds every duty of its group, the table of all tasks every notice's
// table). A block is compressed on its own and ends on a byte boundary,
// so a sheet is its blocks' bytes one after another. A block is kept
// from the second time its key is asked for (or the first, Part.Shared):
// most blocks of a large site are in one table only, and keeping them all
// would hold hundreds of megabytes to the end of the build. Blocks is safe for use by several
// goroutines.
type Blocks struct {
	mu   sync.Mutex
	m    map[string]*block
	once map[string]bool // keys asked for once, whose blocks were not kept
}

type block struct {
	once     sync.Once
	deflated []byte
	crc, op  uint32 // op: shiftOp(size)
	size     int64
	widths   []int
	rows     int
}

// zipPart is a stored part of the package.
type zipPart struct{ name, body string }

// Write writes a workbook of the sheets, each the header and then the
// rows of its parts in order.
func (bs *Blocks) Write(w io.Writer, sheets ...Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("xlsx: a workbook needs a sheet")
	}
	names := sheetNames(sheets)
	streams := make([][]*block, len(sheets))
	var defined strings.Builder
	size := 0
	for i, sh := range sheets {
		var body []*block
		rows := 0
		for _, p := range sh.Parts {
			if len(p.Rows) > 0 || p.Key != "" {
				b := bs.get(p, sh.Columns)
				body = append(body, b)
				rows += b.rows
			}
		}
		widths := make([]int, len(sh.Columns))
		for c, col := range sh.Columns {
			widths[c] = width(col.Title)
		}
		for _, b := range body {
			for c := range widths {
				if c < len(b.widths) {
					widths[c] = max(widths[c], b.widths[c])
				}
			}
		}
		for c, col := range sh.Columns {
			widths[c] = min(max(widths[c]+2, 8), 60)
			if col.Width > 0 {
				widths[c] = col.Width
			}
		}
		// The filter covers the header and every row; the header row is
		// printed on every page.
		ref := "$A$1:$" + columnName(max(len(sh.Columns), 1)) + "$" + strconv.Itoa(rows+1)
		quoted := "'" + strings.ReplaceAll(names[i], "'", "''") + "'"
		fmt.Fprintf(&defined, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!%s</definedName>`, i, escape(quoted), ref)
		fmt.Fprintf(&defined, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s!$1:$1</definedName>`, i, escape(quoted))

		var head bytes.Buffer
		worksheetHead(&head, sh.Columns, widths, i == 0)
		var tail bytes.Buffer
		worksheetTail(&tail, strings.ReplaceAll(ref, "$", ""), sh.Title)
		blocks := append([]*block{compress(head.Bytes(), nil)}, body...)
		streams[i] = append(blocks, compress(tail.Bytes(), nil))
		for _, b := range streams[i] {
			size += len(b.deflated)
		}
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Grow(size + 4096) // and the stored parts
	}

	var sheetList, rels, types strings.Builder
	for i, name := range names {
		fmt.Fprintf(&sheetList, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escape(name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(names)+1)

	zw := zip.NewWriter(w)
	// The small fixed parts are stored; the sheets are compressed.
	for _, p := range []zipPart{
		{"[Content_Types].xml", fmt.Sprintf(contentTypes, types.String())},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", fmt.Sprintf(workbook, sheetList.String(), defined.String())},
		{"xl/_rels/workbook.xml.rels", fmt.Sprintf(workbookRels, rels.String())},
		{"xl/styles.xml", styles},
	} {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	for i, blocks := range streams {
		fh := &zip.FileHeader{Name: fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), Method: zip.Deflate, Modified: modified}
		for _, b := range blocks {
			fh.CRC32 = crc32Combine(fh.CRC32, b.crc, b.op)
			fh.UncompressedSize64 += uint64(b.size)
			fh.CompressedSize64 += uint64(len(b.deflated))
		}
		fh.CompressedSize64 += uint64(len(finalBlock))
		f, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		for _, b := range blocks {
			if _, err := f.Write(b.deflated); err != nil {
				return err
			}
		}
		if _, err := f.Write(finalBlock); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetNames makes the sheets' names ones Excel accepts, told apart.
func sheetNames(sheets []Sheet) []string {
	seen := map[string]bool{}
	out := make([]string, len(sheets))
	for i, sh := range sheets {
		name := sheetName(sh.Name)
		for n := 2; seen[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf("(%d)", n)
			r := []rune(sheetName(sh.Name))
			name = string(r[:min(len(r), 31-len(suffix))]) + suffix
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// columnName is the letter name of a column: 1 → A, 27 → AA.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// finalBlock ends a deflate stream: an empty last block.
var finalBlock = []byte{0x03, 0x00}

// get returns the compressed block of a part, compressing it unless its
// key's block is kept.
func (bs *Blocks) get(p Part, cols []Column) *block {
	b := &block{}
	if p.Key != "" {
		bs.mu.Lock()
		if bs.m == nil {
			bs.m, bs.once = map[string]*block{}, map[string]bool{}
		}
		switch seen, ok := bs.m[p.Key]; {
		case ok:
			b = seen
		case p.Shared || bs.once[p.Key]:
			delete(bs.once, p.Key)
			bs.m[p.Key] = b
		default:
			bs.once[p.Key] = true
		}
		bs.mu.Unlock()
	}
	b.once.Do(func() {
		x := rowBuffers.Get().(*bytes.Buffer)
		x.Reset()
		n := 0
		for _, row := range p.Rows {
			for _, c := range row {
				n += len(c) + 64
			}
		}
		x.Grow(n)
		widths := sheetRows(x, p.Rows, cols)
		compress(x.Bytes(), b).widths = widths
		b.rows = len(p.Rows)
		if x.Cap() <= 16<<20 {
			rowBuffers.Put(x)
		}
	})
	return b
}

// rowBuffers holds buffers for the rows of a block, which compress
// copies: on a large site a fresh buffer per block cost more to clear
// than the rows took to write.
var rowBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// compress deflates data into b (a new block when b is nil), flushed to
// a byte boundary and not final, so blocks can follow it. A small block
// is stored rather than compressed: a compressor costs more to start
// than it would save.
func compress(data []byte, b *block) *block {
	if b == nil {
		b = &block{}
	}
	b.crc, b.size, b.op = crc32.ChecksumIEEE(data), int64(len(data)), shiftOp(int64(len(data)))
	if len(data) < storeBelow {
		b.deflated = stored(data)
		return b
	}
	var out bytes.Buffer
	out.Grow(len(data)/3 + 64)
	fw := flaters.Get().(*flate.Writer)
	fw.Reset(&out)
	fw.Write(data)
	fw.Flush()
	flaters.Put(fw)
	b.deflated = out.Bytes()
	return b
}

const storeBelow = 2048

// stored returns data as stored deflate blocks (no compression), each
// starting on a byte boundary as the blocks before them end.
func stored(data []byte) []byte {
	out := make([]byte, 0, len(data)+5*(len(data)/0xffff+1))
	for {
		n := min(len(data), 0xffff)
		out = append(out, 0, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, data[:n]...)
		data = data[n:]
		if len(data) == 0 {
			return out
		}
	}
}

// flaters reuses compressors: a new one allocates about a megabyte.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

// sheetName keeps a name Excel accepts: at most 31 characters, none of
// []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = "Sheet1"
	}
	return s
}

// escape makes text safe in XML 1.0: the five special characters escaped
// and the control characters XML cannot hold dropped.
func escape(s string) string {
	var b bytes.Buffer
	escapeTo(&b, s)
	return b.String()
}

func escapeTo(b *bytes.Buffer, s string) {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '&' || c == '<' || c == '>' || c == '"' {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) && !strings.Contains(s, "\uFFFE") && !strings.Contains(s, "\uFFFF") {
		b.WriteString(s)
		return
	}
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError:
			// not allowed in XML
		default:
			b.WriteRune(r)
		}
	}
}

func worksheetHead(b *bytes.Buffer, cols []Column, widths []int, selected bool) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if selected {
		b.WriteString(` tabSelected="1"`)
	}
	b.WriteString(`><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(cols) > 0 {
		b.WriteString(`<cols>`)
		for c, w := range widths {
			fmt.Fprintf(b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, c+1, c+1, w)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	header := make([]string, len(cols))
	for c, col := range cols {
		header[c] = col.Title
	}
	writeRow(b, header, nil, styleHeader)
}

// worksheetTail closes the rows and gives the filter and the page: A4
// landscape, one page wide and as many long as it takes, headed by the
// title and the sheet's name, footed by the print date and the page
// numbers.
func worksheetTail(b *bytes.Buffer, ref, title string) {
	b.WriteString(`</sheetData>`)
	fmt.Fprintf(b, `<autoFilter ref="%s"/>`, ref)
	b.WriteString(`<printOptions horizontalCentered="1"/>`)
	b.WriteString(`<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>`)
	b.WriteString(`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`)
	b.WriteString(`<headerFooter><oddHeader>`)
	escapeTo(b, "&L"+headerText(title)+"&R&A")
	b.WriteString(`</oddHeader><oddFooter>`)
	escapeTo(b, "&L打印日期：&D&R第 &P 页，共 &N 页")
	b.WriteString(`</oddFooter></headerFooter>`)
	b.WriteString(`</worksheet>`)
}

// headerText is text for a printed page's head: & doubled, as the head's
// codes begin with one, and cut to leave room for them in the 255
// characters a head may have.
func headerText(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	if r := []rune(s); len(r) > 200 {
		s = strings.TrimSuffix(string(r[:200]), "&") + "…"
	}
	return s
}

// sheetRows writes rows of body cells and returns the widths of their
// columns. Rows and cells carry no reference (r="B7"): they follow one
// another, so a block reads the same wherever it stands in a sheet.
func sheetRows(b *bytes.Buffer, rows [][]string, cols []Column) []int {
	var widths []int
	for _, row := range rows {
		for len(widths) < len(row) {
			widths = append(widths, 0)
		}
		for c, v := range row {
			widths[c] = max(widths[c], width(v))
		}
		writeRow(b, row, cols, styleBody)
	}
	return widths
}

// The cell styles of styles.xml.
const (
	styleHeader = '1' // bold, shaded, bordered, wrapped, centred
	styleBody   = '2' // bordered, wrapped, at the top
	styleNumber = '3' // a whole number, bordered, at the top, centred
)

func writeRow(b *bytes.Buffer, cells []string, cols []Column, style byte) {
	b.WriteString(`<row>`)
	for c, v := range cells {
		if style == styleBody && c < len(cols) && cols[c].Number && wholeNumber(v) {
			b.WriteString(`<c s="3"><v>`)
			b.WriteString(v)
			b.WriteString(`</v></c>`)
			continue
		}
		if v == "" {
			// An empty cell keeps its borders, to be written in.
			b.WriteString(`<c s="`)
			b.WriteByte(style)
			b.WriteString(`"/>`)
			continue
		}
		v = fitCell(v)
		b.WriteString(`<c t="inlineStr" s="`)
		b.WriteByte(style)
		if keepSpace(v) {
			b.WriteString(`"><is><t xml:space="preserve">`)
		} else {
			b.WriteString(`"><is><t>`)
		}
		escapeTo(b, v)
		b.WriteString(`</t></is></c>`)
	}
	b.WriteString(`</row>`)
}

// MaxCell is the most characters (UTF-16 code units) Excel holds in a
// cell; it cuts a longer text when it opens the file, without a word.
const MaxCell = 32767

// CutNote ends a text cut to fit a cell.
const CutNote = "……（以下从略：Excel 单元格最多容纳 32767 个字符，全文见网页）"

// fitCell cuts a text longer than MaxCell, at a character, and says so
// at its end.
func fitCell(s string) string {
	if len(s) <= MaxCell { // a UTF-8 byte or more per code unit
		return s
	}
	units := 0
	for _, r := range s {
		units += utf16.RuneLen(r)
	}
	if units <= MaxCell {
		return s
	}
	room := MaxCell - len(utf16.Encode([]rune(CutNote)))
	units = 0
	for i, r := range s {
		if units+utf16.RuneLen(r) > room {
			return s[:i] + CutNote
		}
		units += utf16.RuneLen(r)
	}
	return s
}

// keepSpace tells whether a text needs xml:space="preserve": white
// space at either end, or a line break or tab inside.
func keepSpace(s string) bool {
	if s == "" {
		return false
	}
	if isSpace(s[0]) || isSpace(s[len(s)-1]) {
		return true
	}
	return strings.ContainsAny(s, "\t\n\r")
}

// wholeNumber reports a number a spreadsheet keeps exactly: up to 15
// digits, no sign, no leading zero.
func wholeNumber(s string) bool {
	if s == "" || len(s) > 15 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func width(s string) int {
	w := 0
	for _, r := range s {
		if r > 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>%s<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets><definedNames>%s</definedNames></workbook>`

const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>`

// styles: 0 default, 1 header (bold, shaded, wrapped, centred), 2 body
// text (wrapped, at the top), 3 a whole number (at the top, centred);
// all but the default with thin borders, so a printed sheet is a grid
// to fill in.
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right><top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
