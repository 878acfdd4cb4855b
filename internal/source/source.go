// Package source holds a notice as its reader found it, before the genre's
// grammar reads it: paragraphs and tables in document order, each with the
// place it came from, so that a warning can name it.
//
// Every input format has one reader that produces a Document (plain text,
// Word .docx, a page saved from a government portal). The grammar in
// internal/notice reads only Documents, so a rule of the genre is written
// once for every format. A reader keeps structure it knows for certain (a
// table is a table, a merged cell is a merged cell, Word's automatic
// numbering is a number) and guesses nothing the grammar could decide.
package source

import "strconv"

// Document is one input file as a sequence of blocks.
type Document struct {
	// Name is the file name, for messages.
	Name string
	// Format is the reader that made the document: "txt", "docx" or "html".
	Format string
	// Encoding is the character encoding the bytes were read in.
	Encoding string
	// Meta are the fields the carrier names outside the text: the
	// metadata table of a portal page (索引号, 主题分类, 发文机关, 成文日期,
	// 标题, 发文字号, 发布日期), in the order found. Names are as written,
	// without the closing colon.
	Meta []Field
	// Blocks are the paragraphs and tables in document order.
	Blocks []Block
	// Warnings are what the reader left out or could not read (a text box,
	// a footnote), with the place.
	Warnings []Warning
}

// Field is one named value of a document's metadata.
type Field struct {
	Name  string
	Value string
	Pos   Pos
}

// Block is a paragraph or a table. Exactly one of Table and the paragraph
// fields is used: Table is nil for a paragraph.
type Block struct {
	Pos Pos
	// Text is a paragraph's text as written, numbering typed by hand
	// included. Line breaks inside a paragraph are "\n".
	Text string
	// Number is the numbering the word processor generated for the
	// paragraph (Word's numPr), as the document shows it: "一、", "（一）",
	// "1.". Empty when the paragraph has none or types its own.
	Number string
	// Table is the table, or nil for a paragraph.
	Table *Table
}

// IsTable reports whether the block is a table.
func (b Block) IsTable() bool { return b.Table != nil }

// Table is a table as laid out: rows of cells.
type Table struct {
	Rows []Row
}

// Row is one row of a table.
type Row struct {
	Pos Pos
	// Header marks a row the document declares a header (Word's
	// tblHeader, repeated on each page; an HTML <th> row or <thead>).
	Header bool
	Cells  []Cell
}

// Empty reports a row whose cells hold no text, which a reader leaves
// out (a spacer row of the layout).
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if c.Text != "" {
			return false
		}
	}
	return true
}

// Cell is one cell of a row.
type Cell struct {
	// Text is the cell's text; paragraphs and line breaks inside the cell
	// are "\n".
	Text string
	// Span is the number of grid columns the cell covers (gridSpan,
	// colspan); 1 for a plain cell.
	Span int
	// Merged marks a cell that continues the cell above it (a vertical
	// merge, a rowspan). Text then repeats the text of the cell it
	// continues. A plain-text reader cannot know, and never sets it.
	Merged bool
	// Line is the line of a text file the cell starts on (a table pasted
	// as one cell per line puts each cell on a line of its own); 0 when
	// the reader has no lines, and the row's Pos places the cell.
	Line int
}

// Pos is where a block or row came from. Line is set for every block:
// the line of a text file, or for other formats the block's ordinal when
// the document is written out one block (or table row) per line, so the
// grammar can order and number everything by Line alone.
type Pos struct {
	Line int // 1-based
	// Para is the 1-based paragraph of a document that has paragraphs
	// (.docx, .html); 0 for a text file.
	Para int
	// Table and Row place a table row: 1-based table of the document and
	// row within it; 0 elsewhere.
	Table, Row int
}

// String names the place as an office's editor would look for it:
// "第12行", "第40段", "表1第12行", "表1" for a whole table; "" for the
// zero Pos, which is the whole document.
func (p Pos) String() string {
	switch {
	case p == (Pos{}):
		return ""
	case p.Table > 0 && p.Row == 0:
		return "表" + strconv.Itoa(p.Table)
	case p.Table > 0:
		return "表" + strconv.Itoa(p.Table) + "第" + strconv.Itoa(p.Row) + "行"
	case p.Para > 0:
		return "第" + strconv.Itoa(p.Para) + "段"
	default:
		return "第" + strconv.Itoa(p.Line) + "行"
	}
}

// Warning is something a reader could not carry into the document.
type Warning struct {
	Pos     Pos
	Message string
}
