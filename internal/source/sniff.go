package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/unicode"
)

// The formats a reader exists for, as Document.Format names them.
const (
	Text = "txt"
	Docx = "docx"
	HTML = "html"
)

// Errors of Sniff: files that are documents, but not in a format a reader
// exists for. Each says what the office should do.
var (
	ErrOldWord   = errors.New("这是旧格式（.doc/.wps）的Word或WPS文档：请用Word或WPS打开，另存为.docx")
	ErrEncrypted = errors.New("这份文档设有密码：请打开后取消密码（Word：文件 > 信息 > 保护文档），再另存为.docx")
	ErrOffice    = errors.New("这是Office文件，但不是Word文档（是表格或演示文稿吗？）：qingdan读取.docx、.html和.txt格式的通知")
	ErrODT       = errors.New("这是OpenDocument文本（.odt）：请另存为.docx")
	ErrZip       = errors.New("这是zip压缩包，但不是Word文档（其中没有word/document.xml）")
	ErrRTF       = errors.New("这是RTF格式的文档：请用Word或WPS打开，另存为.docx")
	ErrPDF       = errors.New("这是PDF文件：qingdan读取.docx、.html和.txt格式的通知，请从原文档另存，或把正文复制到.txt文件中")
	ErrMHT       = errors.New("这是网页存档（.mht）：请另存为.html（“网页，仅HTML”）")
)

var (
	zipMagic = []byte("PK\x03\x04")
	// emptyZipMagic opens a zip without entries, which no reader can use
	// but which should be named a zip all the same.
	emptyZipMagic = []byte("PK\x05\x06")
	oleMagic      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff tells the format of a file by its content, not its name: a zip
// holding word/document.xml is a .docx, markup is HTML, anything else is
// left to the text reader (which refuses binaries itself). Documents of
// other kinds are refused with an error saying what to do.
func Sniff(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, emptyZipMagic):
		return sniffZip(data)
	case bytes.HasPrefix(data, oleMagic):
		return "", sniffOLE(data)
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return "", ErrRTF
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "", ErrPDF
	}
	head := sniffHead(data)
	if strings.HasPrefix(head, "mime-version:") || strings.HasPrefix(head, "from: <saved by") {
		return "", ErrMHT
	}
	if looksHTML(head) {
		return HTML, nil
	}
	return Text, nil
}

// sniffHead is the start of the file as lower-case text, after a
// byte-order mark and white space, decoded from UTF-16 when it has that
// mark (Word saves web pages "as Unicode" so).
func sniffHead(data []byte) string {
	const n = 1024
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		if len(data) > 2*n {
			data = data[:2*n]
		}
		if u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = u
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimLeft(data, " \t\r\n\f")
	if len(data) > n {
		data = data[:n]
	}
	return strings.ToLower(string(data))
}

// looksHTML reports markup at the start of a file: a notice in text never
// opens with a tag.
func looksHTML(head string) bool {
	if !strings.HasPrefix(head, "<") {
		return false
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p", "<table", "<span", "<font"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return false
}

func sniffZip(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("看起来是.docx（zip压缩包），但无法打开：%w；文件是否完整？", err)
	}
	has := map[string]bool{}
	for _, f := range zr.File {
		has[f.Name] = true
	}
	switch {
	case has["word/document.xml"]:
		return Docx, nil
	case has["content.xml"] && has["mimetype"]:
		return "", ErrODT
	case has["xl/workbook.xml"], has["ppt/presentation.xml"]:
		return "", ErrOffice
	}
	return "", ErrZip
}

// sniffOLE names an Office file of the compound format by its streams:
// an encrypted .docx is one too, holding EncryptedPackage.
func sniffOLE(data []byte) (err error) {
	defer func() {
		// A damaged compound file is still an old Office file.
		if recover() != nil {
			err = ErrOldWord
		}
	}()
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return ErrOldWord
	}
	var word, other bool
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return ErrEncrypted
		case "WordDocument":
			word = true
		case "Workbook", "Book", "PowerPoint Document":
			other = true
		}
	}
	if other && !word {
		return ErrOffice
	}
	return ErrOldWord
}
