// Package decode turns the bytes of a notice file into UTF-8 text.
//
// Notices arrive as UTF-8 (with or without a byte-order mark), as
// GB18030/GBK from older office software, or occasionally as UTF-16 from
// a Windows "save as Unicode" (which writes a byte-order mark; some
// converters do not, and the byte order is then told from the NUL bytes
// of the ASCII characters). Anything else — an empty file, a binary, a
// file without Chinese text — is refused with an error that says so.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"
)

// Encoding names the encoding a file was read in.
type Encoding string

// The encodings Text recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 with BOM"
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
	GB18030 Encoding = "GB18030"
)

// Errors returned by Text; wrap them with the file name at the call site.
var (
	ErrEmpty    = errors.New("the file is empty")
	ErrBinary   = errors.New("文件不是文本（含有二进制数据）")
	ErrNoText   = errors.New("文件中没有中文文本")
	ErrEncoding = errors.New("the file is neither UTF-8 nor GB18030/GBK text")
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Text decodes data to a UTF-8 string and reports the encoding it found.
// The byte-order mark, if any, is dropped; line ends are left as they are.
func Text(data []byte) (string, Encoding, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "", ErrEmpty
	}
	var (
		text string
		enc  Encoding
	)
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		text, enc = string(data[len(bomUTF8):]), UTF8BOM
		if !utf8.ValidString(text) {
			return "", "", fmt.Errorf("%w: it starts with a UTF-8 byte-order mark but is not valid UTF-8", ErrEncoding)
		}
	case bytes.HasPrefix(data, bomUTF16LE):
		s, err := convert(utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM), data)
		if err != nil {
			return "", "", err
		}
		text, enc = s, UTF16LE
	case bytes.HasPrefix(data, bomUTF16BE):
		s, err := convert(utf16.UTF16(utf16.BigEndian, utf16.ExpectBOM), data)
		if err != nil {
			return "", "", err
		}
		text, enc = s, UTF16BE
	case bytes.IndexByte(data, 0) >= 0 && withoutBOM(data) != "":
		// UTF-16 without a byte-order mark, as some converters write it:
		// every ASCII character (line ends included) has a NUL byte.
		text, enc = utf16Text(data, withoutBOM(data)) // decoded twice: a notice is small
	case utf8.Valid(data):
		text, enc = string(data), UTF8
	default:
		if looksBinary(data) {
			return "", "", ErrBinary
		}
		s, err := convert(simplifiedchinese.GB18030, data)
		if err != nil {
			return "", "", err
		}
		if bad := countRune(s, utf8.RuneError); bad > 0 {
			return "", "", fmt.Errorf("%w (%d bytes could not be decoded)", ErrEncoding, bad)
		}
		text, enc = s, GB18030
	}
	if looksBinary([]byte(text)) {
		return "", "", ErrBinary
	}
	if !hasHan(text) {
		return "", "", ErrNoText
	}
	return text, enc, nil
}

// withoutBOM tells whether data reads as UTF-16 text without a
// byte-order mark, and in which byte order: it has NUL bytes (the high
// byte of every ASCII character, line ends included), and decoded in one
// order it is Chinese text — no broken surrogate pair, no control
// characters, nearly all Chinese characters, ASCII and punctuation —
// where the other order gives characters of unrelated scripts.
func withoutBOM(data []byte) Encoding {
	if len(data)%2 != 0 {
		return ""
	}
	best, bestScore := Encoding(""), 0.9
	for _, enc := range []Encoding{UTF16LE, UTF16BE} {
		text, _ := utf16Text(data, enc)
		if text == "" || strings.ContainsRune(text, utf8.RuneError) || looksBinary([]byte(text)) || !hasHan(text) {
			continue
		}
		if score := plausible(text); score > bestScore {
			best, bestScore = enc, score
		}
	}
	return best
}

// plausible is the share of the runes of s that a notice is made of.
func plausible(s string) float64 {
	ok, all := 0, 0
	for _, r := range s {
		all++
		switch {
		case r < 0x80, unicode.Is(unicode.Han, r),
			r >= 0x2000 && r <= 0x206F, // general punctuation
			r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
			r >= 0xFF00 && r <= 0xFFEF: // full-width forms
			ok++
		}
	}
	return float64(ok) / float64(all)
}

// utf16Text decodes UTF-16 without a byte-order mark.
func utf16Text(data []byte, enc Encoding) (string, Encoding) {
	order := utf16.LittleEndian
	if enc == UTF16BE {
		order = utf16.BigEndian
	}
	s, err := convert(utf16.UTF16(order, utf16.IgnoreBOM), data)
	if err != nil {
		return "", ""
	}
	return s, enc
}

func convert(e encoding.Encoding, data []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrEncoding, err)
	}
	return string(out), nil
}

// looksBinary reports a NUL byte, or control characters other than the
// usual white space in more than one byte in a hundred.
func looksBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	controls := 0
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' {
			controls++
		}
	}
	return controls*100 > len(data)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func countRune(s string, want rune) int {
	n := 0
	for _, r := range s {
		if r == want {
			n++
		}
	}
	return n
}
