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
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// modified is the time stamped on every part, so the same rows give the
// same bytes.
var modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes a workbook with one sheet. Every cell is a text cell: a
// spreadsheet never reads it as a number or a formula.
func Write(w io.Writer, sheet string, header []string, rows [][]string) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw := flaters.Get().(*flate.Writer)
		fw.Reset(out)
		return &pooled{fw}, nil
	})
	// The small fixed parts are stored; the sheet is compressed.
	parts := []struct {
		name, body string
		method     uint16
	}{
		{"[Content_Types].xml", contentTypes, zip.Store},
		{"_rels/.rels", rootRels, zip.Store},
		{"xl/workbook.xml", fmt.Sprintf(workbook, escape(sheetName(sheet))), zip.Store},
		{"xl/_rels/workbook.xml.rels", workbookRels, zip.Store},
		{"xl/styles.xml", styles, zip.Store},
		{"xl/worksheets/sheet1.xml", worksheet(header, rows), zip.Deflate},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: p.method, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// flaters reuses compressors: a new one allocates about a megabyte.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

type pooled struct{ *flate.Writer }

func (p *pooled) Close() error {
	err := p.Writer.Close()
	flaters.Put(p.Writer)
	return err
}

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

// column returns the letters of a column: 0 → A, 26 → AA.
func column(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

func worksheet(header []string, rows [][]string) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	// Width by the longest text of a column, capped; Chinese counts double.
	if len(header) > 0 {
		b.WriteString(`<cols>`)
		for c := range header {
			w := width(header[c])
			for _, row := range rows {
				if c < len(row) {
					w = max(w, width(row[c]))
				}
			}
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, c+1, c+1, min(max(w+2, 8), 60))
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	var cols []string
	var num []byte
	writeRow := func(r int, cells []string, style byte) {
		num = strconv.AppendInt(num[:0], int64(r), 10)
		b.WriteString(`<row r="`)
		b.Write(num)
		b.WriteString(`">`)
		for c, v := range cells {
			for len(cols) <= c {
				cols = append(cols, column(len(cols)))
			}
			b.WriteString(`<c r="`)
			b.WriteString(cols[c])
			b.Write(num)
			b.WriteString(`" t="inlineStr" s="`)
			b.WriteByte('0' + style)
			b.WriteString(`"><is><t xml:space="preserve">`)
			escapeTo(&b, v)
			b.WriteString(`</t></is></c>`)
		}
		b.WriteString(`</row>`)
	}
	writeRow(1, header, 1)
	for i, row := range rows {
		writeRow(i+2, row, 2)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

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
