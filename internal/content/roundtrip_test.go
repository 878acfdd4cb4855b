package content_test

import (
	"bytes"
	"os"
	"path/filepath"
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
	reg, err := units.LoadRegistry([]byte(`groups:
  - name: 各县（市、区）政府
    members: [{name: 忻府区政府}, {name: 原平市政府}]
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
