package content_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

func corpus(t *testing.T) []*notice.Notice {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/corpus/*.txt")
	// The genre files hold deadlines, leaders and other fields too.
	genre, _ := filepath.Glob("../../testdata/genre/*.txt")
	files = append(files, genre...)
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	// A portal page (索引号, 主题分类) and a Word document (warnings with
	// their place), of notices the texts do not hold.
	files = append(files, "../../testdata/html/20_guofa-2018-38-zimaoqu-shenhua-gaige-cuoshi.html",
		"../../testdata/docx/21_guobanfa-2018-121-tiyu-jingsai-biaoyan-yijian.docx")
	var out []*notice.Notice
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := notice.Parse(data, filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		if n.DocNumber != "" && seen[n.DocNumber] {
			continue // one notice a number: a site keeps the newer version
		}
		seen[n.DocNumber] = true
		out = append(out, n)
	}
	return out
}

// TestRoundTrip writes the corpus as content, reads it back with
// frontmatter, and requires the same notices, as JSON, and the same
// content bytes when written again.
func TestRoundTrip(t *testing.T) {
	// Collectives: one whose members are known, one with what it may
	// include; the rest as their names imply.
	reg, err := units.LoadRegistry([]byte(`groups:
  - name: 各县（市、区）政府
    members: [{name: 忻府区政府}, {name: 原平市政府}]
collectives:
  - name: 市有关部门
    members: [{name: 市应急局}, {name: 市统计局}]
  - name: 负有安全监管职责的部门
    may_include: [市应急局, 各县（市、区）政府, agency]
`))
	if err != nil {
		t.Fatal(err)
	}
	notices := corpus(t)
	cat, err := catalog.New(notices, reg)
	if err != nil {
		t.Fatal(err)
	}
	files, err := content.Files(cat)
	if err != nil {
		t.Fatal(err)
	}
	fsys := afero.NewMemMapFs()
	for p, b := range files {
		if err := afero.WriteFile(fsys, "content/"+p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat2, err := content.Read(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(cat2.Notices) != len(notices) {
		t.Fatalf("read %d notices, wrote %d", len(cat2.Notices), len(notices))
	}
	for i, n := range notices {
		want, _ := n.JSON()
		got, _ := cat2.Notices[i].JSON()
		if !bytes.Equal(want, got) {
			t.Errorf("%s: notice read back differs from the one written", n.Source)
			os.WriteFile("/tmp/want.json", want, 0o644)
			os.WriteFile("/tmp/got.json", got, 0o644)
		}
	}
	if len(cat2.Units) != len(cat.Units) {
		t.Fatalf("read %d units, wrote %d", len(cat2.Units), len(cat.Units))
	}
	for i, u := range cat.Units {
		u2 := cat2.Units[i]
		if u.Name != u2.Name || len(u.Duties) != len(u2.Duties) || len(u.Possible) != len(u2.Possible) || len(u.MayInclude) != len(u2.MayInclude) {
			t.Errorf("%s read back with %d duties, %d possible, may include %d; wrote %d, %d, %d",
				u.Name, len(u2.Duties), len(u2.Possible), len(u2.MayInclude), len(u.Duties), len(u.Possible), len(u.MayInclude))
		}
	}
	if u := cat2.Unit("市应急局"); u == nil || len(u.Possible) == 0 {
		t.Error("the corpus should give 市应急局 possible duties")
	}
	files2, err := content.Files(cat2)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		if !bytes.Equal(files2[p], b) {
			t.Errorf("%s: rewritten differently", p)
		}
	}
	if len(files2) != len(files) {
		t.Errorf("rewrite has %d files, first write %d", len(files2), len(files))
	}
}

// A write that fails (a full disk) stops the work: the error is the one
// the first failing write met, once, not one per notice.
func TestWriteStopsAtFirstError(t *testing.T) {
	reg, err := units.LoadRegistry([]byte("groups: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(corpus(t), reg)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	err = content.Write(cat, func(p string, b []byte) error {
		if calls.Add(1) > 10 {
			return errors.New("no space left on device")
		}
		return nil
	})
	if err == nil || strings.Count(err.Error(), "no space left") != 1 {
		t.Fatalf("error %v, want the first write's once", err)
	}
	if n := calls.Load(); n > 20 {
		t.Errorf("%d writes tried after the first failed", n-11)
	}
}
