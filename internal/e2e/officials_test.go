package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"qingdan/internal/browsertest"
)

// es5Only takes from the page's engine what an ES5 engine lacks, before
// any script of the page runs.
const es5Only = `(function () {
  delete window.Promise; delete window.Map; delete window.Set; delete window.WeakMap; delete window.Symbol;
  delete window.URLSearchParams; delete window.fetch;
  delete Array.from; delete Array.prototype.find; delete Array.prototype.includes; delete Object.assign;
  delete String.prototype.codePointAt; delete String.fromCodePoint; delete String.prototype.includes; delete String.prototype.startsWith;
  delete Math.imul; delete NodeList.prototype.forEach; delete HTMLFormElement.prototype.requestSubmit; delete Element.prototype.closest;
})();`

func beforeScripts(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// The search of issue 13, in a browser: an item and its only task are
// one result; a query that finds nothing suggests queries that do; the
// filter 我的单位 keeps a unit's tasks and is remembered on the next
// visit; the page opened from a result marks the query. All of it with
// an engine stripped of what ES5 lacks.
func TestOfficialsSearch(t *testing.T) {
	ctx := browsertest.New(t)
	public, ix, m := site(t)
	errs := consoleErrors(ctx)
	base := "file://" + public + "/"
	if err := chromedp.Do(ctx, beforeScripts(es5Only)); err != nil {
		t.Fatal(err)
	}
	open := func(url, wait string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+url), chromedp.WaitVisible(chromedp.CSS(wait))); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	// The same results as the Go mirror, without what ES5 lacks.
	open("search.html?q=尾矿库", "#results li")
	if left := run[string](t, ctx, `[typeof Promise, typeof Array.from, typeof Math.imul].join(" ")`); left != "undefined undefined undefined" {
		t.Fatalf("the engine still has: %s", left)
	}
	if got, want := run[int](t, ctx, `document.querySelectorAll("#results li").length`), len(goResults(t, m, "尾矿库")); got != min(want, 20) {
		t.Errorf("尾矿库: %d results shown, want %d", got, min(want, 20))
	}

	// An item of one task: one result, the task.
	open("search.html?q=深入贯彻安全发展理念", "#results li")
	hrefs := run[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("#results .result-head a"), function (a) { return a.getAttribute("href").split("?")[0]; })`)
	if len(hrefs) == 0 || !strings.Contains(hrefs[0], "/tasks/1-1-0-1.html") {
		t.Errorf("深入贯彻安全发展理念: results %v, want the task 1-1-0-1 first", hrefs)
	}
	for _, h := range hrefs {
		if strings.Contains(h, "/items/1-1.html") {
			t.Errorf("item （一）, of one task, is a result of its own")
		}
	}

	// Nothing found: the nearest queries that find something.
	for q, want := range map[string]string{"汛期": "防汛", "应急预案演练计划": "应急预案", "yinjiju": "市应急局"} {
		open("search.html?q="+q, "#suggest a")
		hints := run[string](t, ctx, `document.getElementById("suggest").textContent`)
		if !strings.Contains(hints, want) {
			t.Errorf("%s finds nothing and suggests %q, want %s among them", q, hints, want)
		}
		if n := run[int](t, ctx, `document.querySelectorAll("#results li").length`); n != 0 {
			t.Errorf("%s: %d results", q, n)
		}
	}

	// 我的单位: only its tasks, and kept for the next search.
	yjj := -1
	for i, d := range ix.Docs {
		if d.Title == "市应急局" && d.Kind == "unit" {
			yjj = i
		}
	}
	mine := map[string]bool{}
	for _, d := range append(append([]int{}, ix.UnitTasks[yjj].Own...), ix.UnitTasks[yjj].Possible...) {
		mine[ix.Docs[d].Href] = true
	}
	open("search.html?q=应急", "#results li")
	all := run[int](t, ctx, `document.querySelectorAll("#results li").length`)
	run[bool](t, ctx, `(function () { var s = document.querySelector("[name=u]"); s.value = "units/shi-ying-ji-ju.html"; s.dispatchEvent(new Event("change")); return true; })()`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result-count"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("result-count").textContent.indexOf("市应急局的任务") >= 0`)
	got := run[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("#results .result-head a"), function (a) { return a.getAttribute("href").split("?")[0]; })`)
	if len(got) == 0 || len(got) > all {
		t.Errorf("应急 for 市应急局: %d results of %d", len(got), all)
	}
	for _, h := range got {
		if !mine[h] {
			t.Errorf("%s is no task of 市应急局", h)
		}
	}
	open("search.html?q=预案", "#results li")
	if v := run[string](t, ctx, `document.querySelector("[name=u]").value`); v != "units/shi-ying-ji-ju.html" {
		t.Errorf("我的单位 on the next visit: %q", v)
	}
	run[bool](t, ctx, `(function () { var s = document.querySelector("[name=u]"); s.value = ""; s.dispatchEvent(new Event("change")); return true; })()`)

	// The page opened from a result marks the query.
	open("search.html?q=尾矿库", "#results li")
	first := run[string](t, ctx, `document.querySelector("#results .result-head a").getAttribute("href")`)
	if !strings.Contains(first, "hl=") {
		t.Fatalf("a result links %s, without the query", first)
	}
	open(first, "main")
	if marks := run[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("main mark.hit"), function (m) { return m.textContent; })`); len(marks) == 0 || marks[0] != "尾矿库" {
		t.Errorf("the page opened from a result marks %q", marks)
	}

	// 字号, kept across pages.
	open("index.html", "main")
	run[bool](t, ctx, `(document.querySelector("[data-font=l]").click(), true)`)
	open("units/index.html", "main")
	if c := run[string](t, ctx, `document.documentElement.className`); !strings.Contains(c, "font-l") {
		t.Errorf("字号 大 not kept: class %q", c)
	}
	run[bool](t, ctx, `(document.querySelector("[data-font='']").click(), true)`)
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors: %q", e)
	}
}

// waitFor waits until a script expression is true (chromedp's Poll
// needs a Promise, which es5Only takes away).
func waitFor(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	for range 100 {
		if run[bool](t, ctx, expr) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waited 5 s for %s", expr)
}

// Without scripts every page still reads, the unit picker still leads to
// the units, and print is the browser's; what needs scripts does not show.
func TestWithoutScripts(t *testing.T) {
	ctx := browsertest.New(t)
	public, _, _ := site(t)
	base := "file://" + public + "/"
	off := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, off, chromedp.Navigate(base+"index.html"), chromedp.WaitVisible(chromedp.CSS("#unit-select"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".picker button")), chromedp.WaitVisible(chromedp.CSS("tr[data-name]"))); err != nil {
		t.Fatalf("the picker without scripts: %v", err)
	}
	for _, p := range []string{"units/shi-ying-ji-ju.html", "units/dai-xian-zheng-fu.html", "notices/xin-zheng-fa-2024-1/full.html", "notices/xin-zheng-fa-2024-1/matrix.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.className.indexOf("js") >= 0`)); err == nil && v {
			t.Errorf("%s: a script ran", p)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text, "打印本页") && !strings.Contains(text, "Ctrl+P") {
			t.Errorf("%s: the print button shows without scripts", p)
		}
		if !strings.Contains(text, "Ctrl+P") {
			t.Errorf("%s: no word on how to print", p)
		}
		if strings.HasPrefix(p, "units/shi-ying") && !(strings.Contains(text, "可能涉及的任务") && strings.Contains(text, "压实企业主体责任")) {
			t.Errorf("%s: the duties it may have do not read", p)
		}
	}
}
