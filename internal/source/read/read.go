// Package read turns the bytes of a notice file into a source.Document,
// whatever its format: it tells the format by content (source.Sniff), not
// by the file's name, and hands the bytes to that format's reader.
package read

import (
	"qingdan/internal/source"
	"qingdan/internal/source/docx"
	"qingdan/internal/source/html"
	"qingdan/internal/source/txt"
)

// Document reads a notice file of any format read; name is the file
// name, for the Document and its messages. Errors do not name the file:
// the caller adds it.
func Document(data []byte, name string) (*source.Document, error) {
	format, err := source.Sniff(data)
	if err != nil {
		return nil, err
	}
	switch format {
	case source.Docx:
		return docx.Read(data, name)
	case source.HTML:
		return html.Read(data, name)
	}
	return txt.Read(data, name)
}
