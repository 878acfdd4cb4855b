package notice_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"qingdan/internal/decode"
	"qingdan/internal/notice"
)

func shipped(t *testing.T) string {
	t.Helper()
	return shippedB(t)
}

func shippedB(t testing.TB) string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "00_*.txt"))
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// summary is what must not change however the file is encoded or typed:
// every task with its place and its units.
func summary(n *notice.Notice) string {
	var b strings.Builder
	for _, x := range n.Tasks {
		b.WriteString(x.ID + " " + u(x.Units) + "\n")
	}
	return b.String()
}

// ---- valid: the same notice written in other ways ----

func TestSameNoticeOtherwiseWritten(t *testing.T) {
	text := shipped(t)
	base, err := notice.Parse([]byte(text), "base.txt")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	fullWidth := strings.NewReplacer("\t1.", "\t１．", "\t2.", "\t２．", "\n1.", "\n１．", "\n2.", "\n２．").Replace(text)
	asciiPunct := strings.NewReplacer("（市、区）政府", "(市、区)政府", "管委会，", "管委会,", "市自然资源局牵头，", "市自然资源局牵头;").Replace(text)
	cases := []struct {
		name, data string
		enc        decode.Encoding
	}{
		{"BOM", "\ufeff" + text, decode.UTF8BOM},
		{"GBK", gbk, decode.GB18030},
		{"UTF-16LE", utf16le, decode.UTF16LE},
		{"UTF-16BE", utf16be, decode.UTF16BE},
		{"CRLF", strings.ReplaceAll(text, "\n", "\r\n"), decode.UTF8},
		{"CR", strings.ReplaceAll(text, "\n", "\r"), decode.UTF8},
		{"full-width digits", fullWidth, decode.UTF8},
		{"ASCII punctuation", asciiPunct, decode.UTF8},
		{"ideographic spaces", strings.ReplaceAll(text, "\n（", "\n\u3000\u3000（"), decode.UTF8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := notice.Parse([]byte(c.data), c.name)
			if err != nil {
				t.Fatal(err)
			}
			if n.Encoding != string(c.enc) {
				t.Errorf("encoding %s, want %s", n.Encoding, c.enc)
			}
			if got, want := summary(n), summary(base); got != want {
				t.Errorf("tasks differ from the plain UTF-8 file:\n%s", firstDiff(got, want))
			}
			if n.DocNumber != base.DocNumber || n.Date != base.Date {
				t.Errorf("metadata %s %s", n.DocNumber, n.Date)
			}
		})
	}
	// The original writing is kept for display.
	n, _ := notice.Parse([]byte(fullWidth), "fw")
	if it := n.Item(1, 2); it.Subitems[0].Label != "１．" {
		t.Errorf("label %q: the notice's own full-width digits should be kept", it.Subitems[0].Label)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			other := ""
			if i < len(bl) {
				other = bl[i]
			}
			return "got  " + al[i] + "\nwant " + other
		}
	}
	return "(longer)"
}

// ---- empty, binary, not a notice ----

func TestUnreadable(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, decode.ErrEmpty},
		{"blank", []byte(" \n\r\n\t"), decode.ErrEmpty},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), decode.ErrBinary},
		{"no Chinese", []byte("hello world\n1. first\n"), decode.ErrNoText},
		{"prose", []byte("今天天气很好。\n我们去公园。\n"), notice.ErrNoNotice},
		{"latin-1", []byte{0xC9, 0xE9, 0xE8, 0xFF, 0xFE, 0x20, 0xFF}, decode.ErrEncoding},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := notice.Parse(c.data, "bad.txt")
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v (notice %v), want %v", err, n != nil, c.want)
			}
			if !strings.HasPrefix(err.Error(), "bad.txt: ") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// ---- malformed: parsed, with a warning naming the line ----

func hasWarning(n *notice.Notice, line int, frag string) bool {
	for _, w := range n.Warnings {
		if w.Line == line && strings.Contains(w.Message, frag) {
			return true
		}
	}
	return false
}

func TestMalformed(t *testing.T) {
	text := shipped(t)
	lines := strings.Split(text, "\n")
	edit := func(f func(ls []string) []string) []byte {
		ls := append([]string(nil), lines...)
		return []byte(strings.Join(f(ls), "\n"))
	}
	t.Run("truncated in the body", func(t *testing.T) {
		n, err := notice.Parse([]byte(strings.Join(lines[:40], "\n")), "cut.txt")
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Tasks) != 0 || !hasWarning(n, 0, "没有找到分工") || !hasWarning(n, 0, "没有找到成文日期") {
			t.Errorf("tasks %d, warnings %+v", len(n.Tasks), n.Warnings)
		}
	})
	t.Run("truncated in the table", func(t *testing.T) {
		n, err := notice.Parse([]byte(strings.Join(lines[:105], "\n")), "cut.txt")
		if err != nil {
			t.Fatal(err)
		}
		// Line 105 holds the empty cells of a row whose task was cut off.
		if len(n.Tasks) != 7 || !hasWarning(n, 104, "表格此行有2格，应有4格") {
			t.Errorf("tasks %d, warnings %+v", len(n.Tasks), n.Warnings)
		}
	})
	t.Run("missing cell", func(t *testing.T) {
		// Drop the empty item cell of the row at line 119–122.
		n, err := notice.Parse(edit(func(ls []string) []string { return append(ls[:119], ls[120:]...) }), "cell.txt")
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Tasks) != 45 || !hasWarning(n, 119, "表格此行有3格，应有4格") {
			t.Errorf("tasks %d, warnings %+v", len(n.Tasks), n.Warnings)
		}
	})
	t.Run("empty unit cell", func(t *testing.T) {
		n, err := notice.Parse(edit(func(ls []string) []string { ls[146] = "\t"; return ls }), "unit.txt")
		if err != nil {
			t.Fatal(err)
		}
		// Merged with the row above (line 142: 负有安全监管职责的部门督促企业落实).
		x := task(t, n, "2-6-0-1")
		if u(x.Units) != "负有安全监管职责的部门/supervise" || !hasWarning(n, 144, "责任单位一格为空") {
			t.Errorf("units %s, warnings %+v", u(x.Units), n.Warnings)
		}
	})
	t.Run("hostile unit names", func(t *testing.T) {
		n, err := notice.Parse(edit(func(ls []string) []string {
			ls[131] = "\t市应急局/市消防救援支队、../../etc/passwd、<script>alert(1)</script>"
			return ls
		}), "hostile.txt")
		if err != nil {
			t.Fatal(err)
		}
		x := task(t, n, "2-4-0-1")
		if len(x.Units) != 3 || x.Units[1].Name != "../../etc/passwd" {
			t.Errorf("units %s: a name is never split or renamed silently", u(x.Units))
		}
		if !hasWarning(n, 132, "含有斜杠") || !hasWarning(n, 132, "含有“..”") {
			t.Errorf("warnings %+v", n.Warnings)
		}
	})
}
