package notice_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"qingdan/internal/notice"
)

// A notice decoded from the cache is the notice parsed: the same JSON,
// byte for byte, for every notice of the test data.
func TestGobRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	if len(files) < 15 {
		t.Fatalf("only %d notices", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := notice.Parse(data, f)
		if err != nil {
			continue // refused inputs are tested elsewhere
		}
		enc, err := notice.EncodeGob(n)
		if err != nil {
			t.Fatal(err)
		}
		back, err := notice.DecodeGob(enc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := notice.DecodeGob(enc[:len(enc)/2]); err == nil {
			t.Errorf("%s: a cut encoding decoded", f)
		}
		want, _ := n.JSON()
		got, _ := back.JSON()
		if !bytes.Equal(got, want) {
			t.Errorf("%s: decoded notice differs from the parsed one", f)
		}
	}
	if _, err := notice.DecodeGob([]byte("not gob")); err == nil {
		t.Error("garbage decoded")
	}
}
