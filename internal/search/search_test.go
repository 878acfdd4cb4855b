package search_test

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/gen"
	"qingdan/internal/notice"
	"qingdan/internal/search"
	"qingdan/internal/search/searchtest"
	"qingdan/internal/units"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestTokens(t *testing.T) {
	var got []string
	search.Tokens("市应急局2024年ＡＢＣ，应 急", func(tok string, pos int) {
		got = append(got, tok+"@"+itoa(pos))
	})
	if strings.Join(got, " ") != "市@0 应@1 市应@0 急@2 应急@1 局@3 急局@2 2024@4 年@8 abc@9 应@13 急@15" {
		t.Errorf("tokens: %s", strings.Join(got, " "))
	}
	var terms []string
	for _, x := range search.QueryTerms("应急 预案 YJJ 应急") {
		terms = append(terms, x.Text)
	}
	if strings.Join(terms, "|") != "应急|预案|yjj" {
		t.Errorf("terms: %v", terms)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPinyinSpans(t *testing.T) {
	spans := strings.Join(search.PinyinSpans("市应急局"), " ")
	for _, want := range []string{"shiyingjiju", "syjj", "yingjiju", "yjj", "jiju", "jj"} {
		if !strings.Contains(" "+spans+" ", " "+want+" ") {
			t.Errorf("spans of 市应急局 lack %s: %s", want, spans)
		}
	}
}

func shipped(t *testing.T) (*catalog.Catalog, *search.Index) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt")
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := units.LoadRegistry(mustRead(t, "../../seeds/units.yaml"))
	n, err := notice.Parse(data, "00.txt")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New([]*notice.Notice{n}, reg)
	if err != nil {
		t.Fatal(err)
	}
	return cat, search.Build(cat)
}

// browser reads ix's written files as the browser's script does.
func browser(t *testing.T, ix *search.Index) *searchtest.Index {
	t.Helper()
	files, _ := ix.Files()
	m, err := searchtest.FromFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// find returns the results of q as the browser ranks them.
func find(t *testing.T, m *searchtest.Index, q string, f searchtest.Filter) []searchtest.Result {
	t.Helper()
	rs, err := m.Search(q, f)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The queries of the issue: each returns exactly the tasks whose text or
// units contain it.
func TestShippedQueries(t *testing.T) {
	cat, ix := shipped(t)
	m := browser(t, ix)
	n := cat.Notices[0]
	for _, q := range []string{"尾矿库", "应急预案", "隐患排查", "双报告", "瞒报", "汛", "应急局"} {
		want := map[string]bool{}
		for _, task := range n.Tasks {
			hay := task.Text
			for _, a := range task.Units {
				hay += "、" + a.Name
			}
			if strings.Contains(hay, q) {
				want["notices/"+n.Slug+"/tasks/"+task.ID+".html"] = true
			}
		}
		got := map[string]bool{}
		for _, r := range find(t, m, q, searchtest.Filter{}) {
			if d := ix.Docs[r.Doc]; d.Kind == search.KindTask {
				got[d.Href] = true
			}
		}
		if len(want) == 0 {
			t.Errorf("%s: no task contains it; the test is wrong", q)
		}
		if !sameSet(got, want) {
			t.Errorf("%s: %d tasks found, %d contain it", q, len(got), len(want))
		}
	}
	for _, q := range []string{"yjj", "shiyingjiju", "市应急局", "应急局"} {
		rs := find(t, m, q, searchtest.Filter{})
		if len(rs) == 0 || ix.Docs[rs[0].Doc].Title != "市应急局" {
			t.Errorf("%s: first result %+v, want the unit 市应急局", q, rs)
		}
	}
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// TestRecall draws substrings from the notice and requires that a search
// finds exactly the documents whose text contains them.
func TestRecall(t *testing.T) {
	_, ix := shipped(t)
	m := browser(t, ix)
	rng := rand.New(rand.NewSource(7))
	var queries []string
	for i := 0; i < 400; i++ {
		d := []rune(ix.Docs[rng.Intn(len(ix.Docs))].Text)
		if len(d) == 0 {
			continue
		}
		start := rng.Intn(len(d))
		n := 1 + rng.Intn(6)
		if start+n > len(d) {
			n = len(d) - start
		}
		queries = append(queries, string(d[start:start+n]))
	}
	for _, q := range queries {
		if len(search.QueryTerms(q)) == 0 {
			continue
		}
		got := map[int]bool{}
		for _, r := range find(t, m, q, searchtest.Filter{}) {
			got[r.Doc] = true
		}
		for d := range ix.Docs {
			if has := searchtest.Contains(ix.Docs[d], q); has != got[d] {
				t.Errorf("%q: doc %d (%s) contains it: %v, found: %v", q, d, ix.Docs[d].Title, has, got[d])
			}
		}
	}
}

// Pairs that occur apart are not a match.
func TestNoFalsePositives(t *testing.T) {
	ix := search.New([]search.Doc{
		{Kind: search.KindTask, Title: "a", Text: "应急管理，急预警，预案编制", Section: -1},
		{Kind: search.KindTask, Title: "b", Text: "修订应急预案", Section: -1},
	}, nil, nil, nil)
	rs := find(t, browser(t, ix), "应急预案", searchtest.Filter{})
	if len(rs) != 1 || rs[0].Doc != 1 {
		t.Errorf("results %+v, want only doc 1", rs)
	}
}

// Ranking: a unit named by the query first, then title matches, then
// frequency, then closeness, then index order.
func TestRanking(t *testing.T) {
	ix := search.New([]search.Doc{
		{Kind: search.KindUnit, Title: "应急预案办", Text: "应急预案办", TitleLen: 5, Section: -1}, // units come first
		{Kind: search.KindTask, Title: "x", Text: "其他工作。应急预案一次", Section: -1},
		{Kind: search.KindTask, Title: "y", Text: "应急预案应急预案两次", Section: -1},
		{Kind: search.KindTask, Title: "应急预案", Text: "应急预案\n修订", TitleLen: 4, Section: -1},
		{Kind: search.KindTask, Title: "z", Text: "其他工作。应急预案一次", Section: -1},
	}, nil, nil, nil)
	var order []int
	for _, r := range find(t, browser(t, ix), "应急预案", searchtest.Filter{}) {
		order = append(order, r.Doc)
	}
	if got := fmt.Sprint(order); got != "[0 3 2 1 4]" {
		t.Errorf("order %v, want [0 3 2 1 4]", order)
	}
}

func TestFilters(t *testing.T) {
	_, ix := shipped(t)
	m := browser(t, ix)
	all := find(t, m, "应急局", searchtest.Filter{})
	lead := find(t, m, "应急局", searchtest.Filter{Role: 1})
	if len(lead) == 0 || len(lead) >= len(all) {
		t.Errorf("role filter: %d of %d", len(lead), len(all))
	}
	for _, r := range lead {
		if ix.Docs[r.Doc].Roles&1 == 0 {
			t.Errorf("doc %d has no lead unit", r.Doc)
		}
	}
	sec := find(t, m, "应急局", searchtest.Filter{Section: 2})
	if len(sec) == 0 || len(sec) >= len(all) {
		t.Errorf("section filter: %d of %d", len(sec), len(all))
	}
	for _, r := range sec {
		if ix.Docs[r.Doc].Section != 1 {
			t.Errorf("doc %d not in section filter", r.Doc)
		}
	}
	gov := find(t, m, "应急局", searchtest.Filter{UnitKind: 1})
	if len(gov) == 0 || len(gov) >= len(all) {
		t.Errorf("unit kind filter: %d of %d", len(gov), len(all))
	}
	for _, r := range gov {
		if ix.Docs[r.Doc].UnitKinds&1 == 0 {
			t.Errorf("doc %d names no unit of the first kind", r.Doc)
		}
	}
}

// TestIndexGolden checks the written index of a tiny site against a
// reviewed golden file.
func TestIndexGolden(t *testing.T) {
	ix := search.New([]search.Doc{
		{Kind: search.KindUnit, Title: "市应急局", Text: "市应急局", TitleLen: 4, Section: -1, Pinyin: search.PinyinSpans("市应急局"), Href: "units/shi-ying-ji-ju.html"},
		{Kind: search.KindTask, Title: "修订预案", Text: "修订预案。修订应急预案<script>", TitleLen: 4, Section: 0, Href: "notices/n/tasks/1-1-0-1.html",
			Units: []search.Chip{{Name: "市应急局", Role: "lead", Href: "units/shi-ying-ji-ju.html"}}, Roles: 1},
	}, []string{"一、总则"}, []string{"department"}, []string{"lead"})
	files, _ := ix.Files()
	var b bytes.Buffer
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b.WriteString("-- " + p + " --\n")
		b.Write(files[p])
	}
	golden := "testdata/index.golden"
	if *update {
		os.WriteFile(golden, b.Bytes(), 0o644)
		return
	}
	if want := mustRead(t, golden); !bytes.Equal(b.Bytes(), want) {
		t.Errorf("index differs from %s:\n%s", golden, b.String())
	}
}

// TestQueryLoad logs what a query loads, for the README, and checks that
// a query never loads the whole index.
func TestQueryLoad(t *testing.T) {
	_, ix := shipped(t)
	files, st := ix.Files()
	m := browser(t, ix)
	t.Logf("index: %d documents, %d tokens, %d token shards, %d bytes (%d in token shards)", st.Docs, st.Tokens, st.Shards, st.Bytes, st.TokenBytes)
	for _, q := range []string{"尾矿库", "应急预案", "应急局", "yjj"} {
		n := 0
		paths, err := m.Loads(q, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			n += len(files[p])
		}
		t.Logf("%s loads %d files, %d bytes", q, len(paths), n)
		if n >= st.Bytes/2 {
			t.Errorf("%s loads %d of %d bytes", q, n, st.Bytes)
		}
	}
}

// The site labels its section filter without building the index; the
// labels must be the index's, in its order.
func TestSectionLabels(t *testing.T) {
	cat, err := gen.Catalog("../..", 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, want := search.SectionLabels(cat), search.Build(cat).Sections
	if len(want) < 10 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("SectionLabels:\n%q\nindex:\n%q", got, want)
	}
}
