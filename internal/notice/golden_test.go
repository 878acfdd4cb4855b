package notice_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qingdan/internal/notice"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares the whole parse of each corpus document with a
// reviewed golden file. After a deliberate change, run
// `go test ./internal/notice -run Golden -update` and read the diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no corpus documents in testdata/corpus")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n, err := notice.Parse(data, filepath.Base(f))
			if err != nil {
				t.Fatal(err)
			}
			got, err := n.JSON()
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it, then review it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse differs from %s:\n%s", golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// The same bytes in give the same bytes out.
func TestDeterministic(t *testing.T) {
	text := []byte(shipped(t))
	var out [2][]byte
	for i := range out {
		n, err := notice.Parse(text, "a")
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = n.JSON(); err != nil {
			t.Fatal(err)
		}
	}
	if len(out[0]) < 1000 || !bytes.Equal(out[0], out[1]) {
		t.Fatal("two parses of the same file differ")
	}
}
