// Package xlsx writes a one-sheet spreadsheet in the Office Open XML
// format (.xlsx): a header row, frozen and bold, and rows of text cells.
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
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// modified is the time stamped on every part, so the same rows give the
// same bytes.
var modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes a workbook with one sheet. Every cell is a text cell: a
// spreadsheet never reads it as a number or a formula.
func Write(w io.Writer, sheet string, header []string, rows [][]string) error {
	return (&Blocks{}).Write(w, sheet, header, Part{Rows: rows})
}

// A Part is a block of rows of a sheet. Its Key names its rows for the
// Blocks it is written with: parts of the same key hold the same rows,
// and the rows of a part whose key was seen are not read again. A part
// without a key is always written from its rows.
type Part struct {
	Key  string
	Rows [][]string
}

// Blocks compresses blocks of rows once for all the sheets that hold
// them: a site's tables share most of their rows (each county's table
// holds every duty of its group, the table of all tasks every notice's
// table). A block is compressed on its own and ends on a byte boundary,
// so a sheet is its blocks' bytes one after another. Blocks is safe for
// use by several goroutines.
type Blocks struct {
	mu sync.Mutex
	m  map[string]*block
}

type block struct {
	once     sync.Once
	deflated []byte
	crc, op  uint32 // op: shiftOp(size)
	size     int64
	widths   []int
}

// Write writes a workbook with one sheet: the header, then the rows of
// each part in order.
func (bs *Blocks) Write(w io.Writer, sheet string, header []string, parts ...Part) error {
	var body []*block
	for _, p := range parts {
		if len(p.Rows) > 0 || p.Key != "" {
			body = append(body, bs.get(p))
		}
	}
	widths := make([]int, len(header))
	for c, h := range header {
		widths[c] = width(h)
	}
	for _, b := range body {
		for c := range widths {
			if c < len(b.widths) {
				widths[c] = max(widths[c], b.widths[c])
			}
		}
	}
	var head bytes.Buffer
	worksheetHead(&head, header, widths)
	blocks := append([]*block{compress(head.Bytes(), nil)}, body...)
	blocks = append(blocks, tailBlock)
	deflated := len(finalBlock)
	for _, b := range blocks {
		deflated += len(b.deflated)
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Grow(deflated + 2048) // and the stored parts
	}

	zw := zip.NewWriter(w)
	// The small fixed parts are stored; the sheet is compressed.
	parts2 := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", fmt.Sprintf(workbook, escape(sheetName(sheet)))},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/styles.xml", styles},
	}
	for _, p := range parts2 {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	fh := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, Modified: modified}
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
	return zw.Close()
}

// finalBlock ends a deflate stream: an empty last block.
var finalBlock = []byte{0x03, 0x00}

var tailBlock = compress([]byte(worksheetTail), nil)

// get returns the compressed block of a part, compressing it the first
// time its key is seen.
func (bs *Blocks) get(p Part) *block {
	b := &block{}
	if p.Key != "" {
		bs.mu.Lock()
		if bs.m == nil {
			bs.m = map[string]*block{}
		}
		if seen, ok := bs.m[p.Key]; ok {
			b = seen
		} else {
			bs.m[p.Key] = b
		}
		bs.mu.Unlock()
	}
	b.once.Do(func() {
		var x bytes.Buffer
		n := 0
		for _, row := range p.Rows {
			for _, c := range row {
				n += len(c) + 64
			}
		}
		x.Grow(n)
		widths := sheetRows(&x, p.Rows)
		compress(x.Bytes(), b).widths = widths
	})
	return b
}

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

func worksheetHead(b *bytes.Buffer, header []string, widths []int) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	// Width by the longest text of a column, capped; Chinese counts double.
	if len(header) > 0 {
		b.WriteString(`<cols>`)
		for c, w := range widths {
			fmt.Fprintf(b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, c+1, c+1, min(max(w+2, 8), 60))
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	writeRow(b, header, '1')
}

const worksheetTail = `</sheetData></worksheet>`

// sheetRows writes rows of body cells and returns the widths of their
// columns. Rows and cells carry no reference (r="B7"): they follow one
// another, so a block reads the same wherever it stands in a sheet.
func sheetRows(b *bytes.Buffer, rows [][]string) []int {
	var widths []int
	for _, row := range rows {
		for len(widths) < len(row) {
			widths = append(widths, 0)
		}
		for c, v := range row {
			widths[c] = max(widths[c], width(v))
		}
		writeRow(b, row, '2')
	}
	return widths
}

func writeRow(b *bytes.Buffer, cells []string, style byte) {
	b.WriteString(`<row>`)
	for _, v := range cells {
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
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>`

const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

// styles: 0 default, 1 header (bold, shaded), 2 body text (wrapped, top).
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
