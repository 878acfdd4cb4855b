package source_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"qingdan/internal/source"
)

func fixture(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// zipOf returns a zip archive holding the named entries.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "<x/>")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniff(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("<html><body><p>通知</p></body></html>")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want string
		err  error
	}{
		// ---- read ----
		{"text", fixture(t, "corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt"), source.Text, nil},
		{"text opening with a bracket", []byte("<一>关于做好安全生产工作的通知"), source.Text, nil},
		{"portal page", fixture(t, "html/03_guoban-chuangxin-jucuo-tuiguang-qingdan.html"), source.HTML, nil},
		{"page without doctype, after a BOM and spaces", []byte("\xEF\xBB\xBF \n<meta charset=gbk><p>通知</p>"), source.HTML, nil},
		{"page saved as Unicode", []byte(utf16), source.HTML, nil},
		{"Word document", fixture(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx"), source.Docx, nil},
		{"a zip with word/document.xml, named anything", zipOf(t, "[Content_Types].xml", "word/document.xml"), source.Docx, nil},

		// ---- refused, saying what to do ----
		{"old binary Word document", fixture(t, "docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi.doc"), "", source.ErrOldWord},
		{"password-protected .docx", fixture(t, "docx/refused/00_xinzhou-2024-anquan-shengchan-tongzhi-password.docx"), "", source.ErrEncrypted},
		{"compound file too damaged to list", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "", source.ErrOldWord},
		{"OpenDocument text", zipOf(t, "mimetype", "content.xml", "styles.xml"), "", source.ErrODT},
		{"workbook", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), "", source.ErrOffice},
		{"other zip", zipOf(t, "readme.txt"), "", source.ErrZip},
		{"RTF", []byte(`{\rtf1\ansi 通知}`), "", source.ErrRTF},
		{"PDF", []byte("%PDF-1.7\n"), "", source.ErrPDF},
		{"web archive", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related"), "", source.ErrMHT},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := source.Sniff(c.data)
			if !errors.Is(err, c.err) || got != c.want {
				t.Errorf("Sniff = %q, %v; want %q, %v", got, err, c.want, c.err)
			}
		})
	}
}

func TestSniffBrokenZip(t *testing.T) {
	data := fixture(t, "docx/00_xinzhou-2024-anquan-shengchan-tongzhi.docx")
	_, err := source.Sniff(data[:len(data)/2])
	if err == nil || !strings.Contains(err.Error(), "文件是否完整？") {
		t.Errorf("a truncated .docx: %v", err)
	}
}

func TestPosString(t *testing.T) {
	for _, c := range []struct {
		pos  source.Pos
		want string
	}{
		{source.Pos{}, ""},
		{source.Pos{Line: 12}, "第12行"},
		{source.Pos{Line: 40, Para: 38}, "第38段"},
		{source.Pos{Line: 53, Table: 1}, "表1"},
		{source.Pos{Line: 56, Table: 1, Row: 4}, "表1第4行"},
	} {
		if got := c.pos.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.pos, got, c.want)
		}
	}
}

func ExampleSniff() {
	_, err := source.Sniff([]byte(`{\rtf1\ansi 关于做好安全生产工作的通知}`))
	fmt.Println(err)
	format, _ := source.Sniff([]byte("<!DOCTYPE html><html><body><p>关于做好安全生产工作的通知</p>"))
	fmt.Println(format)
	// Output:
	// 这是RTF格式的文档：请用Word或WPS打开，另存为.docx
	// html
}
