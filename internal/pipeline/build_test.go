package pipeline_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

const (
	shipped = "../../testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt"
	revised = "../../testdata/revision/00-revised.txt"
	seedAs  = "seeds/00_xinzhou-2024-anquan-shengchan-tongzhi.txt"
)

// site returns an in-memory working folder holding the registry, and the
// options to build it with the repository's templates and a cache folder
// beside the project's (in memory too).
func site(t *testing.T, seeds map[string]string) (afero.Fs, pipeline.Options) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	put(t, fsys, "seeds/units.yaml", read(t, "../../seeds/units.yaml"))
	for name, src := range seeds {
		put(t, fsys, name, read(t, src))
	}
	return fsys, pipeline.Options{Templates: os.DirFS("../../templates"), Cache: "/cache"}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func put(t *testing.T, fsys afero.Fs, p, data string) {
	t.Helper()
	if err := afero.WriteFile(fsys, p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, fsys afero.Fs, p string) string {
	t.Helper()
	b, err := afero.ReadFile(fsys, p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func run(t *testing.T, fsys afero.Fs, opt pipeline.Options) *pipeline.Report {
	t.Helper()
	r, err := pipeline.Run(fsys, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRevision builds the shipped notice, then a revised copy of it (one
// task removed, one added, one reworded, one unit moved between tasks),
// and finds exactly those changes in the report, on the changes page and
// on the pages of the units concerned; unchanged tasks keep their ids.
func TestRevision(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	first := run(t, fsys, opt)
	if len(first.Changes) != 0 {
		t.Fatalf("a first version has no changes: %+v", first.Changes)
	}

	put(t, fsys, seedAs, read(t, revised))
	r := run(t, fsys, opt)
	c := r.Changes["xin-zheng-fa-2024-1"]
	if c == nil {
		t.Fatal("no changes reported")
	}
	if len(c.Added) != 1 || c.Added[0].ID != "5-21-0-2" || !strings.HasPrefix(c.Added[0].Text, "开展安全生产标准化示范企业创建活动") {
		t.Errorf("added: %+v", c.Added)
	}
	if len(c.Removed) != 1 || c.Removed[0].ID != "2-4-0-1" {
		t.Errorf("removed: %+v", c.Removed)
	}
	if len(c.Reworded) != 1 || c.Reworded[0].ID != "3-13-0-1" || !strings.HasPrefix(c.Reworded[0].NewText, "全面强化") {
		t.Errorf("reworded: %+v", c.Reworded)
	}
	if len(c.Units) != 2 || c.Units[0].Unit != "市商务局" || c.Units[0].Task != "2-3-0-1" || c.Units[0].Edit != "removed" ||
		c.Units[1].Unit != "市商务局" || c.Units[1].Task != "2-3-0-2" || c.Units[1].Edit != "added" {
		t.Errorf("units: %+v", c.Units)
	}

	page := get(t, fsys, "public/notices/xin-zheng-fa-2024-1/changes.html")
	for _, want := range []string{"新增任务 1 项 · 删除 1 项 · 修改表述 1 项 · 责任单位调整 2 处", "任务 5-21-0-2", "原任务 2-4-0-1", "<ins>全面</ins>", "移除（原为负责）", "新增（负责）"} {
		if !strings.Contains(page, want) {
			t.Errorf("changes page lacks %q", want)
		}
	}
	// What changed for each unit concerned, and not for others.
	for slug, want := range map[string]string{
		"shi-shang-wu-ju":                           "新增（负责）",        // moved between tasks
		"shi-ying-ji-ju":                            "任务 5-21-0-2",   // a new task
		"shi-cheng-guan-ju":                         "<ins>全面</ins>", // a reworded task of it
		"xin-fu-qu-zheng-fu":                        "<ins>全面</ins>", // through 各县（市、区）政府
		"fu-you-an-quan-jian-guan-zhi-ze-de-bu-men": "原任务 2-4-0-1",
	} {
		p := get(t, fsys, "public/units/"+slug+".html")
		if !strings.Contains(p, "本单位的变化") || !strings.Contains(p, want) {
			t.Errorf("units/%s.html: no block with %q", slug, want)
		}
	}
	if strings.Contains(get(t, fsys, "public/units/wu-jing-xin-zhou-zhi-dui.html"), "本单位的变化") {
		t.Error("武警忻州支队 is not concerned by the revision")
	}
	// The same task keeps its id and its page, though a task was added
	// before it in the table.
	if p := get(t, fsys, "public/notices/xin-zheng-fa-2024-1/tasks/5-22-0-1.html"); !strings.Contains(p, "深入开展安全宣传“七进”") {
		t.Error("task 5-22-0-1 is no longer the same task")
	}
	if _, err := fsys.Stat("public/notices/xin-zheng-fa-2024-1/tasks/2-4-0-1.html"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the removed task's page is still there: %v", err)
	}

	// A rebuild with nothing changed writes nothing.
	if again := run(t, fsys, opt); !again.Unchanged {
		t.Errorf("rebuild with nothing changed: %+v", again)
	}
	// A build that compares everything keeps the changes and writes nothing.
	opt.Title = "另一个名字"
	run(t, fsys, opt)
	opt.Title = ""
	again := run(t, fsys, opt)
	if again.Unchanged || again.Content.Written > 0 || again.Changes["xin-zheng-fa-2024-1"] == nil {
		t.Errorf("full rebuild: content written %d, changes %v", again.Content.Written, again.Changes != nil)
	}
}

// TestHandEdits: a content file edited by hand is never overwritten
// silently; --force overwrites it after keeping a copy; an edit the build
// has nothing new for is kept and shown; notes files are kept and shown.
func TestHandEdits(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	task := "content/notices/xin-zheng-fa-2024-1/tasks/3-13-0-1.md"
	orig := get(t, fsys, task)
	body := strings.LastIndex(orig, "强化城镇燃气企业运行安全") // in the body, not the front matter
	edited := orig[:body] + "强化城镇燃气企业运行安全（已核）" + orig[body+len("强化城镇燃气企业运行安全"):]
	put(t, fsys, task, edited)
	put(t, fsys, "content/units/shi-ying-ji-ju.notes.md", "**联系人**：值班室 0350-0000000\n")

	// Seeds unchanged: the edit is kept and published.
	r := run(t, fsys, opt)
	if r.Content.KeptEdits != 1 || get(t, fsys, task) != edited {
		t.Errorf("kept edits %d", r.Content.KeptEdits)
	}
	if !strings.Contains(get(t, fsys, "public/notices/xin-zheng-fa-2024-1/tasks/3-13-0-1.html"), "（已核）") {
		t.Error("the hand edit is not on the site")
	}
	if !strings.Contains(get(t, fsys, "public/units/shi-ying-ji-ju.html"), "<strong>联系人</strong>") {
		t.Error("the notes file is not rendered on the unit page")
	}

	// The seed changes the edited file: the build stops and names it.
	put(t, fsys, seedAs, read(t, revised))
	site := get(t, fsys, "public/index.html")
	_, err := pipeline.Run(fsys, opt, nil)
	var ed *publish.EditedError
	if !errors.As(err, &ed) || len(ed.Files) != 1 || ed.Files[0] != task || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("want an error naming %s, got %v", task, err)
	}
	if get(t, fsys, task) != edited || get(t, fsys, "public/index.html") != site {
		t.Error("a refused build wrote something")
	}

	// --force overwrites, keeping a copy in a folder of its own, which
	// the summary names.
	opt.Force = true
	forced := run(t, fsys, opt)
	if strings.Contains(get(t, fsys, task), "（已核）") {
		t.Error("--force did not overwrite")
	}
	if !strings.HasPrefix(forced.Content.Backup, publish.BackupDir+"/") || !strings.Contains(forced.Summary(), "content/"+forced.Content.Backup+"/") {
		t.Errorf("backup folder %q, summary:\n%s", forced.Content.Backup, forced.Summary())
	}
	if get(t, fsys, path.Join("content", forced.Content.Backup, "notices/xin-zheng-fa-2024-1/tasks/3-13-0-1.md")) != edited {
		t.Error("no copy of the edited file")
	}
	if _, err := fsys.Stat("content/units/shi-ying-ji-ju.notes.md"); err != nil {
		t.Errorf("the notes file was removed: %v", err)
	}
}

// TestRevisionWithHandEdit: a revised seed built while a task file it
// leaves alone is edited by hand. The site shows the edit (content/ read
// back), and so does the revision it reports: the edited task is reworded
// since the last version, and the report's new version is the one shown.
func TestRevisionWithHandEdit(t *testing.T) {
	const slug = "xin-zheng-fa-2024-1"
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	task := "content/notices/" + slug + "/tasks/1-1-0-1.md"
	orig := get(t, fsys, task)
	const words = "不断提升安全生产治理能力。"
	if !strings.HasSuffix(strings.TrimSpace(orig), words) {
		t.Fatalf("%s does not end with %q", task, words)
	}
	put(t, fsys, task, strings.Replace(orig, words, "不断提升安全生产治理能力（已核）。", 1))

	put(t, fsys, seedAs, read(t, revised))
	r := run(t, fsys, opt)
	if r.Content.KeptEdits != 1 {
		t.Fatalf("kept edits %d, want the one", r.Content.KeptEdits)
	}
	c := r.Changes[slug]
	if c == nil {
		t.Fatal("no changes reported")
	}
	var ids []string
	for _, w := range c.Reworded {
		ids = append(ids, w.ID)
	}
	if strings.Join(ids, " ") != "1-1-0-1 3-13-0-1" || !strings.Contains(c.Reworded[0].NewText, "（已核）") {
		t.Errorf("reworded %q, want the hand-edited task and the revised one", ids)
	}
	if got := c.New.Tasks[0].Text; !strings.Contains(got, "（已核）") {
		t.Errorf("the report's new version is not the one shown: its first task says %q", got)
	}
	if len(c.Added) != 1 || len(c.Removed) != 1 || len(c.Units) != 2 {
		t.Errorf("added %d, removed %d, unit changes %d; want 1, 1, 2", len(c.Added), len(c.Removed), len(c.Units))
	}
	if !strings.Contains(get(t, fsys, "public/notices/"+slug+"/changes.html"), "<ins>（已核）</ins>") {
		t.Error("the changes page does not show the hand edit")
	}
}

// TestSeveralNotices: each notice has its own tree; a unit's page gathers
// its duties across notices, grouped by notice; the home page lists them.
func TestSeveralNotices(t *testing.T) {
	fsys, opt := site(t, map[string]string{
		seedAs:              shipped,
		"seeds/01-fire.txt": "../../testdata/genre/s04_table_tabcells_deadline.txt",
	})
	r := run(t, fsys, opt)
	if r.Notices != 2 {
		t.Fatalf("%d notices", r.Notices)
	}
	home := get(t, fsys, "public/index.html")
	for _, want := range []string{"关于做好2024年安全生产工作的通知", "关于做好2024年森林草原防灭火工作的通知"} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	for _, p := range []string{"public/notices/xin-zheng-fa-2024-1/index.html", "public/notices/xin-zheng-fa-2024-8/index.html", "content/notices/xin-zheng-fa-2024-8/_index.md"} {
		if _, err := fsys.Stat(p); err != nil {
			t.Error(err)
		}
	}
	unit := get(t, fsys, "public/units/shi-ying-ji-ju.html")
	first := strings.Index(unit, "关于做好2024年安全生产工作的通知")
	second := strings.Index(unit, "关于做好2024年森林草原防灭火工作的通知")
	if first < 0 || second < 0 || second < first {
		t.Errorf("市应急局's page should list both notices in seed order (%d, %d)", first, second)
	}
	// Its duties in each notice are on a page of their own, linked from
	// its page: exactly those data/units.json gives it there.
	var all []struct {
		Name, Slug string
		Duties     []struct{ Notice, Task, Page string }
		Possible   []struct {
			Notice, Via string
			Tasks       []string
		}
	}
	if err := json.Unmarshal([]byte(get(t, fsys, "public/data/units.json")), &all); err != nil {
		t.Fatal(err)
	}
	// A unit's duties in a notice are on its own page where it has duties
	// in that notice alone, else on its page of that notice.
	pageIn := map[string]func(notice string) string{}
	slugOf := map[string]string{}
	for _, u := range all {
		slugOf[u.Name] = u.Slug
		in := map[string]bool{}
		for _, d := range u.Duties {
			in[d.Notice] = true
		}
		for _, p := range u.Possible {
			in[p.Notice] = true
		}
		pageIn[u.Name] = func(notice string) string {
			if len(in) > 1 {
				return u.Slug + "/" + notice + ".html"
			}
			return u.Slug + ".html"
		}
	}
	possibleOnly := 0
	for _, u := range all {
		byNotice := map[string][]string{}
		for _, d := range u.Duties {
			byNotice[d.Notice] = append(byNotice[d.Notice], d.Page)
		}
		maybe := map[string]map[string]bool{} // notice → tasks it may have
		for _, p := range u.Possible {
			if maybe[p.Notice] == nil {
				maybe[p.Notice] = map[string]bool{}
			}
			for _, id := range p.Tasks {
				maybe[p.Notice][id] = true
			}
		}
		in := map[string]bool{}
		for n := range byNotice {
			in[n] = true
		}
		for n := range maybe {
			in[n] = true
		}
		if len(in) < 2 {
			continue
		}
		unit := get(t, fsys, "public/units/"+u.Slug+".html")
		for slug := range in {
			href := u.Slug + "/" + slug + ".html"
			pages := byNotice[slug]
			if len(pages) == 0 {
				// Only tasks it may have: no page of its own, its
				// summary links each collective, whose page of the
				// notice lists those tasks in full.
				possibleOnly++
				if _, err := fsys.Stat("public/units/" + href); err == nil {
					t.Errorf("%s has a page of a notice where it has only possible duties", href)
				}
				for _, p := range u.Possible {
					if p.Notice != slug {
						continue
					}
					if !strings.Contains(unit, `href="../units/`+slugOf[p.Via]+`.html"`) {
						t.Errorf("units/%s.html does not link %s, whose tasks in %s it may have", u.Slug, p.Via, slug)
					}
					coll := pageIn[p.Via](slug)
					list := get(t, fsys, "public/units/"+coll)
					for _, id := range p.Tasks {
						if !strings.Contains(list, `<li class="duty"><p class="duty-head"><a href="`+strings.Repeat("../", strings.Count(coll, "/")+1)+`notices/`+slug+`/tasks/`+id+`.html"`) {
							t.Errorf("units/%s does not show task %s in full", coll, id)
						}
					}
				}
				continue
			}
			if !strings.Contains(unit, `href="../units/`+href+`"`) {
				t.Errorf("units/%s.html does not link to %s", u.Slug, href)
			}
			// Its own duties, and after them, apart, those it may have,
			// named and linked.
			page, possible, _ := strings.Cut(get(t, fsys, "public/units/"+href), `<section class="unit-possible"`)
			if c := strings.Count(page, `<li class="duty`); c != len(pages) {
				t.Errorf("%s lists %d duties, want %d", href, c, len(pages))
			}
			if c := strings.Count(possible, `<li class="possible-task">`); c != len(maybe[slug]) {
				t.Errorf("%s names %d possible tasks, want %d", href, c, len(maybe[slug]))
			}
			for id := range maybe[slug] {
				if !strings.Contains(possible, `<li class="possible-task"><a href="../../notices/`+slug+`/tasks/`+id+`.html"`) {
					t.Errorf("%s does not name possible task %s", href, id)
				}
			}
			for _, p := range pages {
				if !strings.Contains(page, `href="../../`+p+`"`) {
					t.Errorf("%s does not list %s", href, p)
				}
			}
		}
	}
	if possibleOnly == 0 {
		t.Error("no unit has only possible duties in a notice: the site does not show that case")
	}
}

// TestPossibleAcrossNotices: with collectives named in two notices (the
// shipped notice, and the same under another number), a unit's page of
// each notice links each collective's page of that notice, which lists
// the tasks in full; its own page counts them by collective over both.
func TestPossibleAcrossNotices(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	put(t, fsys, "seeds/01-again.txt", strings.ReplaceAll(read(t, shipped), "忻政发〔2024〕1号", "忻政发〔2024〕9号"))
	if r := run(t, fsys, opt); r.Notices != 2 {
		t.Fatalf("%d notices", r.Notices)
	}
	var all []struct {
		Name, Slug string
		Possible   []struct {
			Notice, Via string
			Tasks       []string
		}
		PossibleCount int `json:"possible_count"`
	}
	if err := json.Unmarshal([]byte(get(t, fsys, "public/data/units.json")), &all); err != nil {
		t.Fatal(err)
	}
	slugOf := map[string]string{}
	for _, u := range all {
		slugOf[u.Name] = u.Slug
	}
	groupRe := regexp.MustCompile(`<section class="possible-group">\s*<h3><a href="\.\./\.\./units/([^"]+)">([^<]+)</a>`)
	for _, u := range all {
		if u.Name != "市应急局" {
			continue
		}
		if len(u.Possible) == 0 {
			t.Fatal("市应急局 has no possible duties")
		}
		type total struct{ notices, tasks int }
		byVia := map[string]*total{}
		for _, p := range u.Possible {
			if byVia[p.Via] == nil {
				byVia[p.Via] = &total{}
			}
			byVia[p.Via].notices++
			byVia[p.Via].tasks += len(p.Tasks)
		}
		for _, n := range []string{"xin-zheng-fa-2024-1", "xin-zheng-fa-2024-9"} {
			page := get(t, fsys, "public/units/"+u.Slug+"/"+n+".html")
			links := groupRe.FindAllStringSubmatch(page, -1)
			if len(links) != len(byVia) {
				t.Errorf("%s: %d collectives linked, want %d", n, len(links), len(byVia))
			}
			for _, l := range links {
				if want := slugOf[l[2]] + "/" + n + ".html"; l[1] != want {
					t.Errorf("%s: %s links %s, want its page of the notice %s", n, l[2], l[1], want)
				}
				list := get(t, fsys, "public/units/"+l[1])
				for _, p := range u.Possible {
					for _, id := range p.Tasks {
						if p.Notice == n && p.Via == l[2] && !strings.Contains(list, `<li class="duty"><p class="duty-head"><a href="../../notices/`+n+`/tasks/`+id+`.html"`) {
							t.Errorf("units/%s does not show task %s in full", l[1], id)
						}
					}
				}
			}
		}
		summary := get(t, fsys, "public/units/"+u.Slug+".html")
		for via, n := range byVia {
			want := fmt.Sprintf(`<a href="../units/%s.html">%s</a>：共 %d 项（涉及 %d 份通知）`, slugOf[via], via, n.tasks, n.notices)
			if !strings.Contains(summary, want) {
				t.Errorf("units/%s.html lacks %s", u.Slug, want)
			}
		}
		if want := fmt.Sprintf("可能涉及的任务 %d 项</a>", u.PossibleCount); !strings.Contains(summary, want) {
			t.Errorf("units/%s.html lacks %q", u.Slug, want)
		}
	}
}

// TestForceRepairsPublic: files of public/ changed or deleted by hand
// since the last build are made again by a forced build, which reads
// every file instead of trusting the manifest, and names them.
func TestForceRepairsPublic(t *testing.T) {
	fsys, opt := site(t, map[string]string{seedAs: shipped})
	run(t, fsys, opt)
	index := get(t, fsys, "public/index.html")
	// The same size, so only the bytes tell.
	put(t, fsys, "public/index.html", strings.Replace(index, "<html", "<HTML", 1))
	if err := fsys.Remove("public/search.html"); err != nil {
		t.Fatal(err)
	}
	opt.Force = true
	r := run(t, fsys, opt)
	if get(t, fsys, "public/index.html") != index {
		t.Error("the changed page was not made again")
	}
	if _, err := fsys.Stat("public/search.html"); err != nil {
		t.Error("the deleted page was not made again")
	}
	if want := "public/: 2 file(s) changed or deleted by hand since the last build, made again: index.html, search.html"; !strings.Contains(r.Summary(), want) {
		t.Errorf("the summary lacks %q:\n%s", want, r.Summary())
	}
	// Nothing to repair now.
	if again := run(t, fsys, opt); len(again.Site.Repaired) != 0 || again.Site.Swapped {
		t.Errorf("repaired %v, swapped %v", again.Site.Repaired, again.Site.Swapped)
	}
}
