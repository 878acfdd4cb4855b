// Package build runs the whole pipeline: seeds/ → notices → content/ →
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
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/catalog"
	"qingdan/internal/content"
	"qingdan/internal/notice"
	"qingdan/internal/parallel"
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
	// Notices are the patterns of the notice files in Seeds; default *.txt.
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
	// Title and Base are passed to the site (see site.Options).
	Title, Base string
	// Now returns the time, for the elapsed time in the report only.
	Now func() time.Time
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
		o.Notices = []string{"*.txt"}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TemplateDir == "" {
		o.TemplateDir = "templates"
	}
}

// FileWarning is a parser warning with the file it concerns.
type FileWarning struct {
	File string
	notice.Warning
}

func (w FileWarning) String() string {
	if w.Line > 0 {
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
	// Kept counts the pages and files of public/ taken from the last
	// build without being made again, their data being the same.
	Kept int
	// Reparsed counts the notices parsed; the others were decoded from
	// the cache of the last build's parses (parsecache.go).
	Reparsed int
	Index    search.Stats
	Warnings []FileWarning
	// Changes are the revisions shown on the site, by notice slug.
	Changes map[string]*revision.Report
	// Unchanged is true when the inputs were as the last build left them,
	// so nothing was read beyond them and nothing written.
	Unchanged bool
	Elapsed   time.Duration
}

// Summary is the few lines a build prints at its end.
func (r *Report) Summary() string {
	var b strings.Builder
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
	if r.Site.Swapped {
		fmt.Fprintf(&b, "public/: %d pages and files (%d made, %d kept from the last build), %d written, %d unchanged, %d removed\n",
			r.Pages, r.Pages-r.Kept, r.Kept, r.Site.Written, r.Site.Unchanged, r.Site.Removed)
	} else {
		fmt.Fprintf(&b, "public/: %d pages and files, all unchanged\n", r.Pages)
	}
	for _, slug := range slices.Sorted(maps.Keys(r.Changes)) {
		c := r.Changes[slug]
		fmt.Fprintf(&b, "%s: since the previous version %d task(s) added, %d removed, %d reworded, %d unit change(s) (notices/%s/changes.html)\n",
			c.New.DocNumber, len(c.Added), len(c.Removed), len(c.Reworded), len(c.Units), slug)
	}
	fmt.Fprintf(&b, "%d warning(s) (run `go run . check seeds/*.txt` to read them); %s\n", len(r.Warnings), r.Elapsed.Round(time.Millisecond))
	return b.String()
}

// LoadSeeds parses every notice (*.txt) in the seeds folder, in name
// order, and the registry. All notices are parsed even when one fails, so
// one run names every bad file.
func LoadSeeds(fsys afero.Fs, opt Options) ([]*notice.Notice, *units.Registry, error) {
	return loadSeeds(fsys, opt, nil)
}

// loadSeeds is LoadSeeds with a cache of parsed notices, when cache is
// set.
func loadSeeds(fsys afero.Fs, opt Options, cache *parseCache) ([]*notice.Notice, *units.Registry, error) {
	opt.defaults()
	entries, err := afero.ReadDir(fsys, opt.Seeds)
	if err != nil {
		return nil, nil, fmt.Errorf("build: reading the notices: %w", err)
	}
	var names []string
	for _, e := range entries {
		for _, pat := range opt.Notices {
			if ok, err := path.Match(pat, e.Name()); err != nil {
				return nil, nil, fmt.Errorf("build: notice pattern %q: %w", pat, err)
			} else if ok && !e.IsDir() {
				names = append(names, e.Name())
				break
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("build: %s holds no notice matching %s; put the notice's text there", opt.Seeds, strings.Join(opt.Notices, " "))
	}
	// Parse on every core; keep the order of the names.
	notices := make([]*notice.Notice, len(names))
	errs := make([]error, len(names))
	parallel.Each(len(names), 0, func(i int) {
		p := path.Join(opt.Seeds, names[i])
		data, err := afero.ReadFile(fsys, p)
		if err != nil {
			errs[i] = fmt.Errorf("build: %w", err)
			return
		}
		notices[i], errs[i] = cache.parse(data, p)
	})
	reg, err := loadRegistry(fsys, opt.Registry)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return notices, reg, nil
}

func loadRegistry(fsys afero.Fs, p string) (*units.Registry, error) {
	data, err := afero.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return units.LoadRegistry(nil)
	}
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	reg, err := units.LoadRegistry(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return reg, nil
}

// Run builds the site. Nothing is written when a notice cannot be read;
// content/ is synced (refusing to overwrite hand edits unless forced) and
// public/ is swapped in whole.
func Run(fsys afero.Fs, opt Options, progress io.Writer) (*Report, error) {
	opt.defaults()
	start := opt.Now()
	if progress == nil {
		progress = io.Discard
	}
	ver, err := version(fsys, opt)
	if err != nil {
		return nil, err
	}
	in, err := inputs(fsys, opt, ver)
	if err != nil {
		return nil, err
	}
	if before, err := state(in, fsys, opt); err == nil && !opt.Force && before == lastState(fsys, opt) {
		return &Report{Unchanged: true, Elapsed: opt.Now().Sub(start)}, nil
	}
	cache := openParseCache(fsys, opt)
	notices, reg, err := loadSeeds(fsys, opt, cache)
	if err != nil {
		return nil, err
	}
	cache.prune()
	reparsed := cache.parsed
	hist := loadHistory(fsys, opt.Public, notices, progress)
	for _, n := range notices {
		if h := hist[n.Source]; h != nil {
			sum, known := cache.jsonSum(n.Source)
			if err := h.stabilize(n, sum, known); err != nil {
				return nil, err
			}
		}
	}
	cat, err := catalog.New(notices, reg)
	if err != nil {
		return nil, err
	}
	files, err := content.Files(cat)
	if err != nil {
		return nil, err
	}
	r := &Report{Reparsed: int(reparsed)}
	fmt.Fprintf(progress, "parsed %d notice(s); writing %s/\n", len(notices), opt.Content)
	if r.Content, err = publish.Sync(fsys, opt.Content, files, opt.Force); err != nil {
		return nil, err
	}
	// The site is built from content/. When content/ holds exactly what
	// was just generated (no hand edit, no hand-written file but notes),
	// reading it back gives the same notices and units (the round trip is
	// tested), so the catalog at hand is used and only the notes are read.
	var (
		ctree   *content.Tree
		digests map[string]string
	)
	if r.Content.KeptEdits == 0 && onlyNotes(r.Content.Extra) {
		// Only then do the files at hand say what each notice's pages
		// are made from; otherwise every page is made.
		digests = noticeDigests(r.Content.Digests)
		notes, err := content.ReadNotes(fsys, opt.Content)
		if err != nil {
			return nil, err
		}
		ctree = &content.Tree{Notices: notices, Registry: reg, Notes: notes, Bodies: map[string]string{}}
	} else {
		if ctree, err = content.Read(fsys, opt.Content); err != nil {
			return nil, err
		}
		if cat, err = catalog.New(ctree.Notices, ctree.Registry); err != nil {
			return nil, fmt.Errorf("build: %s: %w", opt.Content, err)
		}
	}
	r.count(cat)
	if opt.Templates == nil {
		return nil, errors.New("build: no templates")
	}
	var own fs.FS
	if info, err := fsys.Stat(opt.TemplateDir); err == nil && info.IsDir() {
		own = afero.NewIOFS(afero.NewBasePathFs(fsys, opt.TemplateDir))
	}
	fmt.Fprintf(progress, "rendering %s/\n", opt.Public)
	changes, prevFiles, err := revisions(cat, hist)
	if err != nil {
		return nil, err
	}
	r.Changes = changes
	tree, err := publish.Begin(fsys, opt.Public)
	if err != nil {
		return nil, err
	}
	var pages atomic.Int64
	emit := func(p string, b []byte) error {
		pages.Add(1)
		return tree.Put(p, b)
	}
	keys := loadKeys(fsys, opt, tree, &pages)
	// The search index is built beside the pages: they share no data,
	// and the pages leave a core idle while their views are built.
	indexed := make(chan error, 1)
	go func() {
		var err error
		r.Index, err = search.Build(cat).Write(emit)
		indexed <- err
	}()
	blocks := openBlockCache(fsys, opt, cat, digests)
	_, err = site.Render(site.Input{Catalog: cat, Tree: ctree}, site.Options{
		Title: opt.Title, Base: opt.Base, Templates: site.Overlay(own, opt.Templates),
		Extra: prevFiles, Search: searchFilters(search.SectionLabels(cat)), Changes: changes, Emit: emit,
		Reuse: keys, Version: ver, Digests: digests, Sheets: blocks.blocks,
	})
	if err := errors.Join(err, <-indexed); err != nil {
		tree.Abort()
		return nil, err
	}
	r.Pages = int(pages.Load())
	r.Kept = keys.kept
	if r.Site, err = tree.Commit(); err != nil {
		return nil, err
	}
	if err := keys.save(fsys, opt); err != nil {
		return nil, err
	}
	blocks.save()
	after, err := state(in, fsys, opt)
	if err != nil {
		return nil, err
	}
	if err := saveState(fsys, opt, after); err != nil {
		return nil, err
	}
	for _, n := range notices {
		for _, w := range n.Warnings {
			r.Warnings = append(r.Warnings, FileWarning{File: n.Source, Warning: w})
		}
	}
	r.Elapsed = opt.Now().Sub(start)
	return r, nil
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
