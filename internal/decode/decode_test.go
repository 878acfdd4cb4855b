package decode_test

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"qingdan/internal/decode"
)

func TestUTF16WithoutBOM(t *testing.T) {
	b, err := os.ReadFile("../../testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, c := range []struct {
		order unicode.Endianness
		want  decode.Encoding
	}{
		{unicode.LittleEndian, decode.UTF16LE},
		{unicode.BigEndian, decode.UTF16BE},
	} {
		data, err := unicode.UTF16(c.order, unicode.IgnoreBOM).NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		got, enc, err := decode.Text(data)
		if err != nil || enc != c.want || got != text {
			t.Errorf("%s: encoding %q, error %v, same text %v", c.want, enc, err, got == text)
		}
	}
}

func TestBinaryWithNULs(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, data := range [][]byte{
		[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		// NUL bytes on one side, as in UTF-16, but not text.
		[]byte("\x01\x00\x02\x00\x03\x00\x04\x00"),
		func() []byte { b := make([]byte, 4096); rng.Read(b); return b }(),
		// Odd length: a UTF-16 file cut short.
		[]byte("\x1a\x90\xe5\x77\x0a\x00\x41"),
	} {
		if _, _, err := decode.Text(data); !errors.Is(err, decode.ErrBinary) && !errors.Is(err, decode.ErrEncoding) {
			t.Errorf("% x: %v", data[:min(len(data), 16)], err)
		}
	}
}

// Example: UTF-16 without a byte-order mark, as some converters write it.
func ExampleText() {
	data := []byte("\x1a\x90\xe5\x77\x0a\x00") // 通知\n, UTF-16LE
	text, enc, err := decode.Text(data)
	fmt.Printf("%q %s %v\n", text, enc, err)
	// Output: "通知\n" UTF-16LE <nil>
}
