// Package pipeline runs the whole pipeline: seeds/ → notices → content/ →
// site → public/. It owns no format of its own; it calls the stage
// packages in order and reports what they did.
package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"
	"golang.org/x/sync/errgroup"

	"qingdan/internal/cache"
	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/notice"
	"qingdan/internal/publish"
	"qingdan/internal/revision"
	"qingdan/internal/search"
	"qingdan/internal/site"
	"qingdan/internal/units"
)

// Options name the folders of a build. The zero value builds seeds/ into
// content/ and public/ of the working directory.
type Options struct {
	Seeds   string // default "seeds"
	Content string // default "content"
	Public  string // default "public"
	// Notices are the patterns of the notice files in Seeds; by default
	// every format read (*.txt, *.docx, *.html, *.htm) and the old Word
	// formats (*.doc, *.wps), which are refused with a message rather
	// than passed over in silence. Whatever the name, the content decides
	// the format.
	Notices []string
	// Registry is the unit registry file; default <Seeds>/units.yaml,
	// which may be absent.
	Registry string
	// Force overwrites hand-edited content files, keeping a copy.
	Force bool
	// Templates are the embedded default templates; files in TemplateDir
	// override them one by one.
	Templates fs.FS
	// TemplateDir is the site's own templates folder; default "templates".
	TemplateDir string
	// Cache is the folder of what this machine keeps between builds
	// (internal/cache): notices as parsed, the key of each file of
	// public/, the state of the inputs. "" keeps nothing: every build
	// parses and makes everything.
	Cache string
	// Static is the folder whose files are copied into every build of
	// public/ as they are (web.config, robots.txt, a logo); default
	// "static", which may be absent.
	Static string
	// Title and Base are passed to the site (see site.Options).
	Title, Base string
	// Now returns the time, for the elapsed time in the report only.
	Now func() time.Time
	// Waiting is called when another build of the project holds the lock
	// and this one waits for it, with what the lock file says of that
	// build; by default a line is written to the progress writer.
	Waiting func(holder string)
}

func (o *Options) defaults() {
	if o.Seeds == "" {
		o.Seeds = "seeds"
	}
	if o.Content == "" {
		o.Content = "content"
	}
	if o.Public == "" {
		o.Public = "public"
	}
	if o.Registry == "" {
		o.Registry = path.Join(o.Seeds, "units.yaml")
	}
	if len(o.Notices) == 0 {
		o.Notices = DefaultNotices
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TemplateDir == "" {
		o.TemplateDir = "templates"
	}
	if o.Static == "" {
		o.Static = "static"
	}
}

// DefaultNotices are the patterns of notice files when a site names none.
var DefaultNotices = []string{"*.txt", "*.docx", "*.html", "*.htm", "*.doc", "*.wps"}

// FileWarning is a parser warning with the file it concerns.
type FileWarning struct {
	File string
	notice.Warning
}

// String is the warning as a compiler writes one: "file.txt:12: …" for
// a line of a text file, "file.docx: 表1第12行: …" for a place of a
// document without lines.
func (w FileWarning) String() string {
	switch {
	case w.Place != "":
		return fmt.Sprintf("%s: %s: %s", w.File, w.Place, w.Message)
	case w.Line > 0:
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Message)
}

// Report says what a build did.
type Report struct {
	Notices, Sections, Items, Tasks, Units int
	Content                                publish.SyncStats
	Site                                   publish.SwapStats
	Pages                                  int
	// Static counts the files copied from the static folder.
	Static int
	// Kept counts the pages and files of public/ taken from the last
	// build without being made again, their data being the same.
	Kept int
	// Reparsed counts the notices parsed; the others were decoded from
	// the cache (parsecache.go).
	Reparsed int
	Index    search.Stats
	Warnings []FileWarning
	// Changes are the revisions shown on the site, by notice slug.
	Changes map[string]*revision.Report
	// Reread are the 文号 of the notices whose JSON changed although the
	// notice did not (a new program's warnings or fields): no revision.
	Reread []string
	// Unchanged is true when the inputs were as the last build left them,
	// so nothing was read beyond them and nothing written.
	Unchanged bool
	// Notes are problems that did not stop the build (a leftover of an
	// earlier build that could not be removed).
	Notes   []string
	Elapsed time.Duration
}

// Summary is the few lines a build prints at its end.
func (r *Report) Summary() string {
	var b strings.Builder
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	if r.Unchanged {
		fmt.Fprintf(&b, "nothing changed since the last build; content/ and public/ are current (%s)\n", r.Elapsed.Round(time.Millisecond))
		return b.String()
	}
	fmt.Fprintf(&b, "%d notice(s): %d sections, %d items, %d tasks, %d units\n", r.Notices, r.Sections, r.Items, r.Tasks, r.Units)
	fmt.Fprintf(&b, "content/: %d written, %d removed, %d unchanged", r.Content.Written, r.Content.Removed, r.Content.Unchanged)
	if r.Content.KeptEdits > 0 {
		fmt.Fprintf(&b, ", %d hand edit(s) kept", r.Content.KeptEdits)
	}
	b.WriteString("\n")
	if r.Content.Backup != "" {
		fmt.Fprintf(&b, "content/: the files edited by hand that this build replaced or removed are copied to content/%s/\n", r.Content.Backup)
	}
	if r.Site.Swapped {
		fmt.Fprintf(&b, "public/: %d pages and files (%d made, %d kept from the last build)%s, %d written, %d unchanged, %d removed\n",
			r.Pages, r.Pages-r.Kept, r.Kept, r.staticNote(), r.Site.Written, r.Site.Unchanged, r.Site.Removed)
	} else {
		fmt.Fprintf(&b, "public/: %d pages and files%s, all unchanged\n", r.Pages, r.staticNote())
	}
	if r.Site.InPlace && r.Site.Swapped {
		fmt.Fprintf(&b, "public/ is a link or a mount point: its files were replaced one by one, the folder itself kept\n")
	}
	if len(r.Site.Repaired) > 0 {
		fmt.Fprintf(&b, "public/: %d file(s) changed or deleted by hand since the last build, made again: %s\n", len(r.Site.Repaired), listSome(r.Site.Repaired))
	}
	if len(r.Site.Kept) > 0 {
		fmt.Fprintf(&b, "public/: %d file(s) the build did not make, kept as they are: %s (to have them in every build, put them in static/)\n", len(r.Site.Kept), listSome(r.Site.Kept))
	}
	for _, slug := range slices.Sorted(maps.Keys(r.Changes)) {
		c := r.Changes[slug]
		fmt.Fprintf(&b, "%s: since the previous version %d task(s) added, %d removed, %d reworded, %d unit change(s) (notices/%s/changes.html)\n",
			c.New.DocNumber, len(c.Added), len(c.Removed), len(c.Reworded), len(c.Units), slug)
	}
	for _, doc := range r.Reread {
		fmt.Fprintf(&b, "%s: re-read, no change in the notice (not a revision)\n", doc)
	}
	fmt.Fprintf(&b, "%d warning(s) (run `go run . check` to read them, or open the notice's check.html, its 校对 page); %s\n", len(r.Warnings), r.Elapsed.Round(time.Millisecond))
	return b.String()
}

func (r *Report) staticNote() string {
	if r.Static == 0 {
		return ""
	}
	return fmt.Sprintf(" and %d from static/", r.Static)
}

// listSome lists a few names, and how many more there are.
func listSome(names []string) string {
	const most = 5
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:most], ", "), len(names)-most)
}

// LoadSeeds parses every notice in the seeds folder (see
// Options.Notices), in name order, and the registry. All notices are
// parsed even when one fails, so
// one run names every bad file.
func LoadSeeds(fsys afero.Fs, opt Options) ([]*notice.Notice, *units.Registry, error) {
	opt.defaults()
	src, err := readSources(fsys, opt)
	if err != nil {
		return nil, nil, err
	}
	return loadSeeds(src, nil)
}

// loadSeeds parses the notices read, with a cache of parsed notices when
// parsed is set, and the registry.
func loadSeeds(src *sources, parsed *parseCache) ([]*notice.Notice, *units.Registry, error) {
	// Parse on every core; keep the order of the names. The bytes of a
	// notice are let go once it is parsed (megabytes on a large site).
	notices := make([]*notice.Notice, len(src.notices))
	errs := make([]error, len(src.notices))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range src.notices {
		g.Go(func() error {
			notices[i], errs[i] = parsed.parse(src.notices[i].data, src.notices[i].path)
			src.notices[i].data = nil
			return nil
		})
	}
	g.Wait()
	reg, err := loadRegistry(src.registry, src.registryPath)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return notices, reg, nil
}

// NoticeFiles lists the notice files of the seeds folder a build reads,
// in name order, as paths.
func NoticeFiles(fsys afero.Fs, opt Options) ([]string, error) {
	opt.defaults()
	names, err := noticeNames(fsys, opt)
	for i, n := range names {
		names[i] = path.Join(opt.Seeds, n)
	}
	return names, err
}

func noticeNames(fsys afero.Fs, opt Options) ([]string, error) {
	entries, err := afero.ReadDir(fsys, opt.Seeds)
	if err != nil {
		return nil, fmt.Errorf("read the notices: %w", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "~$") {
			continue // the lock file Word keeps beside a document it has open
		}
		for _, pat := range opt.Notices {
			if ok, err := path.Match(pat, e.Name()); err != nil {
				return nil, fmt.Errorf("match the notice pattern %q: %w", pat, err)
			} else if ok && !e.IsDir() {
				names = append(names, e.Name())
				break
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("find the notices: %s holds no notice matching %s; put the notice there (.docx, .html or .txt)", opt.Seeds, strings.Join(opt.Notices, " "))
	}
	return names, nil
}

func loadRegistry(data []byte, p string) (*units.Registry, error) {
	reg, err := units.LoadRegistry(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return reg, nil
}

// LockName is the lock file a build holds, beside content/: one build
// at a time writes a project's content/ and public/.
const LockName = ".qingdan-lock"

// WaitingLine says that a build waits for another, held by holder.
func WaitingLine(opt Options, holder string) string {
	opt.defaults()
	return fmt.Sprintf("waiting for another build of %s/ and %s/ to finish (%s: %s)", opt.Content, opt.Public, LockPath(opt), holder)
}

// LockPath is the lock file of the project whose content folder is opt's.
func LockPath(opt Options) string {
	opt.defaults()
	return path.Join(path.Dir(path.Clean(opt.Content)), LockName)
}

// Run builds the site. Nothing is written when a notice cannot be read or
// a page cannot be made: content/ and public/ are each built beside the
// old version and put in place in one step, content/ first, once the
// whole site is made. A second build of the same project waits for the
// first (progress says so).
func Run(fsys afero.Fs, opt Options, progress io.Writer) (*Report, error) {
	opt.defaults()
	start := opt.Now()
	if progress == nil {
		progress = io.Discard
	}
	waiting := opt.Waiting
	if waiting == nil {
		waiting = func(holder string) { fmt.Fprintln(progress, WaitingLine(opt, holder)) }
	}
	unlock, err := publish.Lock(fsys, LockPath(opt), waiting)
	if err != nil {
		return nil, err
	}
	defer unlock()
	notes := append(publish.Clean(fsys, opt.Content), publish.Clean(fsys, opt.Public)...)
	removeOldCaches(fsys, opt)
	kept := cache.Open(fsys, opt.Cache)
	kept.Clean()
	// content/ is gone through while the inputs are read: a rebuild with
	// nothing changed is mostly these two, and content/ of a large site
	// holds 70,000 files.
	type digested struct {
		sum []byte
		err error
	}
	contentNow := make(chan digested, 1)
	go func() {
		sum, err := contentState(fsys, opt)
		contentNow <- digested{sum, err}
	}()
	src, err := readSources(fsys, opt)
	if err != nil {
		return nil, err
	}
	ver := version(opt, src)
	in := inputs(opt, ver, src)
	if c := <-contentNow; c.err == nil && !opt.Force && state(in, c.sum, fsys, opt) == lastState(kept) {
		return &Report{Unchanged: true, Notes: notes, Elapsed: opt.Now().Sub(start)}, nil
	}
	if opt.Templates == nil {
		return nil, errors.New("render the site: no templates")
	}
	// public/ is checked first: a folder that cannot be written is
	// reported before anything is made.
	tree, err := publish.Begin(fsys, opt.Public, publish.Config{Header: publish.SiteHeader, InPlace: true, KeepUnknown: true, Rehash: opt.Force})
	if err != nil {
		return nil, err
	}
	defer tree.Abort() // nothing once committed
	parsed := openParseCache(kept)
	notices, reg, err := loadSeeds(src, parsed)
	if err != nil {
		return nil, err
	}
	parsed.prune()
	reparsed := parsed.parsed
	hist := loadHistory(fsys, opt.Public, notices, progress)
	for _, n := range notices {
		if h := hist[n.Source]; h != nil {
			sum, known := parsed.jsonSum(n.Source)
			if err := h.stabilize(n, sum, known); err != nil {
				return nil, err
			}
		}
	}
	cat, err := catalog.New(notices, reg)
	if err != nil {
		return nil, err
	}
	r := &Report{Reparsed: int(reparsed), Notes: notes}
	fmt.Fprintf(progress, "parsed %d notice(s); writing %s/\n", len(notices), opt.Content)
	ctree, cstats, err := stageContent(fsys, opt, cat, start)
	if err != nil {
		if _, edited := errors.AsType[*publish.EditedError](err); !edited {
			err = fmt.Errorf("nothing was changed: %w", err)
		}
		return nil, err
	}
	defer ctree.Abort()
	r.Content = cstats
	// The site is built from content/. When content/ holds exactly what
	// was just generated (no hand edit, no hand-written file but notes),
	// reading it back gives the same notices and units (the round trip is
	// tested), so the catalog at hand is used and only the notes are read.
	// Otherwise the new content/ is read before it is in place.
	if r.Content.KeptEdits == 0 && onlyNotes(r.Content.Extra) {
		// The notes are carried into the new content/ as they are.
		if cat.Notes, err = content.ReadNotes(fsys, opt.Content); err != nil {
			return nil, err
		}
	} else {
		staged, err := ctree.View()
		if err != nil {
			return nil, fmt.Errorf("nothing was changed: %w", err)
		}
		if cat, err = content.Read(staged, opt.Content); err != nil {
			return nil, err
		}
	}
	r.count(cat)
	var own fs.FS
	if src.templates != nil {
		own = afero.NewIOFS(src.templates)
	}
	fmt.Fprintf(progress, "rendering %s/\n", opt.Public)
	changes, prevFiles, reread, err := revisions(cat, hist)
	if err != nil {
		return nil, err
	}
	r.Changes, r.Reread = changes, reread
	var pages atomic.Int64
	emit := func(p string, b []byte) error {
		pages.Add(1)
		return tree.Put(p, b)
	}
	create := func(p string) (site.FileWriter, error) {
		pages.Add(1)
		return tree.Create(p)
	}
	keys := loadKeys(kept, tree, &pages)
	// The search index is built beside the pages: they share no data,
	// and the pages leave a core idle while their views are built.
	indexed := make(chan error, 1)
	go func() {
		var err error
		r.Index, err = search.Build(cat).Write(emit)
		indexed <- err
	}()
	_, err = site.Render(cat, site.Options{
		Title: opt.Title, Base: opt.Base, Templates: site.Overlay(own, opt.Templates),
		Extra: prevFiles, Search: searchFilters(search.SectionLabels(cat)), Changes: changes, Emit: emit, Create: create,
		Reuse: keys, Version: ver,
	})
	if err := errors.Join(err, <-indexed); err != nil {
		if werr := tree.Err(); werr != nil {
			err = werr // the first write that failed, not each after it
		}
		return nil, fmt.Errorf("nothing was changed: %w", err)
	}
	if r.Static, err = putStatic(src.static, opt.Public, tree); err != nil {
		return nil, err
	}
	r.Pages = int(pages.Load())
	r.Kept = keys.kept
	// Everything is made and written: content/ goes in, then public/,
	// each by renames only. A build killed between the two leaves
	// content/ new and public/ old, which the next build, finding public/
	// not as the last build left it, makes again.
	if err := errors.Join(ctree.Seal(), tree.Seal()); err != nil {
		return nil, fmt.Errorf("nothing was changed: %w", err)
	}
	if _, err := ctree.Commit(); err != nil {
		return nil, fmt.Errorf("nothing was changed: %w", err)
	}
	if r.Site, err = tree.Commit(); err != nil {
		return nil, fmt.Errorf("put %s/ in place: %s/ is new but %s/ was left as it was; the next build completes it: %w", opt.Public, opt.Content, opt.Public, err)
	}
	// The records of this build only spare the next one work (a record
	// that cannot be written makes the next build do more).
	keys.save(kept)
	if sum, err := contentState(fsys, opt); err == nil {
		saveState(kept, state(in, sum, fsys, opt))
	}
	for _, n := range notices {
		for _, w := range n.Warnings {
			r.Warnings = append(r.Warnings, FileWarning{File: n.Source, Warning: w})
		}
	}
	r.Elapsed = opt.Now().Sub(start)
	return r, nil
}

// stageContent writes the content files of cat into a new version of
// content/, file by file as they are rendered, and returns it sealed.
func stageContent(fsys afero.Fs, opt Options, cat *catalog.Catalog, start time.Time) (*publish.Tree, publish.SyncStats, error) {
	stage, err := publish.BeginStage(fsys, opt.Content, publish.StageOptions{
		Force: opt.Force, BackupName: start.Format("2006-01-02-150405"), Orphan: orphanNotices(cat),
	})
	if err != nil {
		return nil, publish.SyncStats{}, err
	}
	if err := content.Write(cat, stage.Put); err != nil {
		stage.Abort()
		if first := stage.Err(); first != nil {
			err = first // the first write that failed, not the file that met it
		}
		return nil, publish.SyncStats{}, err
	}
	return stage.Finish()
}

// orphanNotices tells the paths of content/ that lie in the folder of a
// notice the catalog does not hold, and that folder.
func orphanNotices(cat *catalog.Catalog) func(p string) (string, bool) {
	made := map[string]bool{}
	for _, n := range cat.Notices {
		made[n.Slug] = true
	}
	return func(p string) (string, bool) {
		rest, ok := strings.CutPrefix(p, content.NoticesDir+"/")
		if !ok {
			return "", false
		}
		slug, _, inFolder := strings.Cut(rest, "/")
		if !inFolder || made[slug] {
			return "", false
		}
		return content.NoticeDir(slug), true
	}
}

func onlyNotes(files []string) bool {
	for _, f := range files {
		if !content.IsNotes(f) {
			return false
		}
	}
	return true
}

// searchFilters labels the filters of the search page in the index's order.
func searchFilters(sections []string) site.SearchFilters {
	f := site.SearchFilters{Sections: sections}
	for _, k := range units.Kinds {
		f.Kinds = append(f.Kinds, k.Label())
	}
	for _, r := range units.Roles {
		f.Roles = append(f.Roles, r.Label())
	}
	return f
}

func (r *Report) count(cat *catalog.Catalog) {
	r.Notices = len(cat.Notices)
	r.Units = len(cat.Units)
	for _, n := range cat.Notices {
		r.Sections += len(n.Sections)
		for _, s := range n.Sections {
			r.Items += len(s.Items)
		}
		r.Tasks += len(n.Tasks)
	}
}
