// Package read turns the bytes of a notice file into a source.Document,
// whatever its format: it tells the format by content (source.Sniff), not
// by the file's name, and hands the bytes to that format's reader.
package read

import (
	"fmt"

	"qingdan/internal/source"
	"qingdan/internal/source/docx"
	"qingdan/internal/source/html"
	"qingdan/internal/source/txt"
)

// Document reads a notice file of any format read; name is the file
// name, for the Document and its messages. Errors do not name the file:
// the caller adds it.
func Document(data []byte, name string) (doc *source.Document, err error) {
	format, err := source.Sniff(data)
	if err != nil {
		return nil, err
	}
	defer func() {
		// A panic is a bug of a reader; report it against the file rather
		// than stop a build of many notices.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("读取%s文件时出现内部错误：%v", format, r)
		}
	}()
	switch format {
	case source.Docx:
		return docx.Read(data, name)
	case source.HTML:
		return html.Read(data, name)
	}
	return txt.Read(data, name)
}
