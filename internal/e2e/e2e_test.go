package e2e_test

import (
	"context"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/spf13/afero"

	"qingdan/internal/browsertest"
	"qingdan/internal/content"
	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
	"qingdan/internal/search"
	"qingdan/internal/search/searchtest"
)

// site builds the shipped notice into a temporary folder and returns the
// folder of public/, the search index of the build and the Go mirror of
// the browser's search reading the files the build wrote.
func site(t *testing.T) (string, *search.Index, *searchtest.Index) {
	t.Helper()
	dir := t.TempDir()
	fsys := publish.NewOsFs()
	opt := pipeline.Options{
		Seeds:       "../../seeds",
		Content:     filepath.Join(dir, "content"),
		Public:      filepath.Join(dir, "public"),
		Templates:   os.DirFS("../../templates"),
		TemplateDir: filepath.Join(dir, "no-templates"),
	}
	if _, err := pipeline.Run(fsys, opt, nil); err != nil {
		t.Fatal(err)
	}
	cat, err := content.Read(afero.NewOsFs(), opt.Content)
	if err != nil {
		t.Fatal(err)
	}
	m, err := searchtest.Open(func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(opt.Public, p)) })
	if err != nil {
		t.Fatal(err)
	}
	return opt.Public, search.Build(cat), m
}

// serve serves dir under the sub-path /qd/ on loopback.
func serve(t *testing.T, dir string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/qd/", http.StripPrefix("/qd/", http.FileServer(http.Dir(dir))))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL + "/qd/"
}

// consoleErrors collects the errors the page logs.
func consoleErrors(ctx context.Context) func() []string {
	var (
		mu   sync.Mutex
		errs []string
	)
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				errs = append(errs, m.Text)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

func run[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// goResults is the Go mirror's answer: doc ids in rank order.
func goResults(t *testing.T, m *searchtest.Index, q string) []int {
	return goFiltered(t, m, q, searchtest.Filter{})
}

func goFiltered(t *testing.T, m *searchtest.Index, q string, f searchtest.Filter) []int {
	t.Helper()
	rs, err := m.Search(q, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, r := range rs {
		out = append(out, r.Doc)
	}
	return out
}

// TestSearchInBrowser opens the built site from disk and over HTTP under a
// sub-path, and checks that the browser's search gives what the Go index
// gives — the same documents in the same order — for the queries of the
// issue and for substrings drawn from the notice; that search.html?q=
// opens with results; that back and forward restore queries; and that
// the page logs no error.
func TestSearchInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	public, ix, m := site(t)
	errs := consoleErrors(ctx)

	rng := rand.New(rand.NewSource(11))
	queries := []string{"尾矿库", "应急预案", "隐患排查", "双报告", "瞒报", "汛", "应急局", "yjj", "shiyingjiju", "应急 预案", "2024", "市应急局 牵头"}
	for i := 0; i < 60; i++ {
		d := []rune(ix.Docs[rng.Intn(len(ix.Docs))].Text)
		start := rng.Intn(len(d))
		n := min(1+rng.Intn(5), len(d)-start)
		queries = append(queries, string(d[start:start+n]))
	}

	for _, base := range []string{"file://" + public + "/", serve(t, public)} {
		t.Run(strings.SplitN(base, ":", 2)[0], func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html?q="+"尾矿库"),
				chromedp.WaitVisible(chromedp.CSS("#results li"))); err != nil {
				t.Fatal(err)
			}
			count := run[string](t, ctx, `document.getElementById("result-count").textContent`)
			if want := fmt.Sprintf("共 %d 条结果", len(goResults(t, m, "尾矿库"))); !strings.Contains(count, want) {
				t.Errorf("search.html?q=尾矿库 says %q, want %q", count, want)
			}
			for _, q := range queries {
				got := run[[]int](t, ctx, fmt.Sprintf(`qdSearch.run(%q).then(function (rs) { return rs.map(function (r) { return r.doc; }); })`, q))
				want := goResults(t, m, q)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%q: browser %v, Go %v", q, got, want)
				}
			}
			// The filters: section, unit kind, role.
			for _, f := range []searchtest.Filter{{Section: 2}, {UnitKind: 1}, {Role: 1}} {
				got := run[[]int](t, ctx, fmt.Sprintf(`qdSearch.run("应急局", {s: %d, k: %d, r: %d}).then(function (rs) { return rs.map(function (r) { return r.doc; }); })`, f.Section, f.UnitKind, f.Role))
				want := goFiltered(t, m, "应急局", f)
				if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("应急局 with %+v: browser %v, Go %v", f, got, want)
				}
			}
			// yjj finds 市应急局 first, on the page itself.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html?q=yjj"), chromedp.WaitVisible(chromedp.CSS("#results li"))); err != nil {
				t.Fatal(err)
			}
			if first := run[string](t, ctx, `document.querySelector("#results .result-head a").textContent`); first != "市应急局" {
				t.Errorf("yjj: first result %q", first)
			}
			// A second query from the form, then back and forward.
			run[bool](t, ctx, `(function () { var i = document.getElementById("search-q"); i.value = "应急预案"; document.getElementById("search-form").requestSubmit(); return true; })()`)
			time.Sleep(300 * time.Millisecond)
			if u := run[string](t, ctx, `location.search`); !strings.Contains(u, "q=%E5%BA%94%E6%80%A5%E9%A2%84%E6%A1%88") {
				t.Errorf("the query is not kept in the URL: %s", u)
			}
			run[bool](t, ctx, `history.back(), true`)
			time.Sleep(500 * time.Millisecond)
			if v := run[string](t, ctx, `document.getElementById("search-q").value`); v != "yjj" {
				t.Errorf("after back the box holds %q, want yjj", v)
			}
			run[bool](t, ctx, `history.forward(), true`)
			time.Sleep(500 * time.Millisecond)
			if v := run[string](t, ctx, `document.getElementById("search-q").value`); v != "应急预案" {
				t.Errorf("after forward the box holds %q, want 应急预案", v)
			}
			// "/" focuses the search box from anywhere on a page.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"units/index.html"), chromedp.KeyEvent("/")); err != nil {
				t.Fatal(err)
			}
			if id := run[string](t, ctx, `document.activeElement.id`); id != "site-q" {
				t.Errorf("/ focused %q, want the search box", id)
			}
			// Nothing found: suggestions. yingjij is in no document, but
			// in the pinyin of 市应急局.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html?q=yingjij"), chromedp.WaitVisible(chromedp.CSS("#result-count"))); err != nil {
				t.Fatal(err)
			}
			var hints string
			for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
				if hints = run[string](t, ctx, `document.getElementById("suggest").textContent`); hints != "" {
					break
				}
			}
			if n := run[int](t, ctx, `document.querySelectorAll("#results li").length`); n != 0 {
				t.Errorf("yingjij found %d", n)
			}
			if !strings.Contains(hints, "试试") || !strings.Contains(hints, "市应急局") {
				t.Errorf("no suggestion of 市应急局 for yingjij: %q", hints)
			}
		})
	}
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %q", e)
	}
}

// TestSearchSpeed logs the time a query takes in the browser, for the
// numbers in the README; it asserts that each query finds something, not
// how fast.
func TestSearchSpeed(t *testing.T) {
	ctx := browsertest.New(t)
	public, _, _ := site(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+public+"/search.html")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"尾矿库", "应急预案", "应急局", "yjj"} {
		got := run[[]float64](t, ctx, fmt.Sprintf(`(function () { var t0 = performance.now(); return qdSearch.run(%q).then(function (rs) { return [performance.now() - t0, rs.length]; }); })()`, q))
		if got[1] == 0 {
			t.Errorf("%s found nothing", q)
		}
		t.Logf("%s: %.1f ms for %.0f results (first query of its shards)", q, got[0], got[1])
	}
}
