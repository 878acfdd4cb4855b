package searchtest_test

import (
	"fmt"
	"strings"
	"testing"

	"qingdan/internal/search"
	"qingdan/internal/search/searchtest"
)

func files() map[string][]byte {
	ix := search.New([]search.Doc{
		{Kind: search.KindUnit, Title: "市应急局", Text: "市应急局", TitleLen: 4, Section: -1, Pinyin: search.PinyinSpans("市应急局")},
		{Kind: search.KindTask, Title: "修订预案", Text: "修订预案。修订应急预案", TitleLen: 4, Section: 0, Roles: 1},
	}, []string{"一、总则"}, []string{"department"}, []string{"lead"})
	f, _ := ix.Files()
	return f
}

// TestDamagedFiles: a file the browser could not read is an error, not a
// wrong answer.
func TestDamagedFiles(t *testing.T) {
	for name, damage := range map[string]func(map[string][]byte){
		"no meta":         func(f map[string][]byte) { delete(f, "search/meta.js") },
		"meta not a call": func(f map[string][]byte) { f["search/meta.js"] = []byte(`{"shards":8}`) },
		"shard missing": func(f map[string][]byte) {
			for p := range f {
				if strings.HasPrefix(p, "search/t/") {
					delete(f, p)
				}
			}
		},
		"shard cut": func(f map[string][]byte) {
			for p, b := range f {
				if strings.HasPrefix(p, "search/t/") {
					f[p] = b[:len(b)/2]
				}
			}
		},
	} {
		f := files()
		damage(f)
		ix, err := searchtest.FromFiles(f)
		if err == nil {
			_, err = ix.Search("应急预案", searchtest.Filter{})
		}
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func Example() {
	ix, err := searchtest.FromFiles(files())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range []string{"应急预案", "yjj", "预案 修订"} {
		rs, _ := ix.Search(q, searchtest.Filter{})
		loads, _ := ix.Loads(q, 20)
		fmt.Printf("%s: %d result(s), first %d; loads %s\n", q, len(rs), rs[0].Doc, strings.Join(loads, " "))
	}
	// Output:
	// 应急预案: 1 result(s), first 1; loads search/d/0.js search/meta.js search/t/1.js search/t/2.js search/t/4.js
	// yjj: 1 result(s), first 0; loads search/d/0.js search/meta.js search/t/0.js
	// 预案 修订: 1 result(s), first 1; loads search/d/0.js search/meta.js search/t/1.js
}
