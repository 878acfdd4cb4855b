package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"

	"github.com/spf13/afero"
	"golang.org/x/sync/errgroup"

	"qingdan/internal/input"
	"qingdan/internal/units"
)

// sources are the files a build takes in besides content/: the notices,
// the unit registry, the site's own templates and its static files. They
// are read once, at the start, through one input.Reader, so the digest
// that says whether anything changed (state.go) is of the very bytes the
// build then uses, links followed; and only regular files of a sane size
// are read (input.Read).
type sources struct {
	read     *input.Reader
	notices  []sourceFile // in name order
	registry []byte       // nil when there is none
	// registryPath names the registry file, for messages.
	registryPath string
	templates    afero.Fs // the site's own templates as read; nil: none
	static       []sourceFile
}

type sourceFile struct {
	path string // as the build names it: seeds/x.txt
	rel  string // within its folder
	data []byte
}

// readSources reads the sources of a build. Every notice is read even
// when one fails, so one run names every bad file.
func readSources(fsys afero.Fs, opt Options) (*sources, error) {
	opt.defaults()
	src := &sources{read: input.NewReader(fsys)}
	names, err := noticeNames(fsys, opt)
	if err != nil {
		return nil, err
	}
	src.notices = make([]sourceFile, len(names))
	errs := make([]error, len(names))
	// Reading waits on the disk more than on a core: twice the cores.
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for i := range names {
		g.Go(func() error {
			p := path.Join(opt.Seeds, names[i])
			data, err := src.read.Read(p)
			src.notices[i], errs[i] = sourceFile{path: p, rel: names[i], data: data}, wrap("build", err)
			return nil
		})
	}
	g.Wait()
	src.registryPath = opt.Registry
	if src.registry, err = src.read.Read(opt.Registry); errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	errs = append(errs, wrap("build", err))
	own, err := src.folder(opt.TemplateDir)
	errs = append(errs, wrap("read the templates", err))
	if len(own) > 0 {
		src.templates = afero.NewMemMapFs()
		for _, f := range own {
			errs = append(errs, afero.WriteFile(src.templates, f.rel, f.data, 0o644))
		}
	}
	src.static, err = src.folder(opt.Static)
	errs = append(errs, wrap("read the static files", err))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return src, nil
}

// folder reads every file under dir (none when it is absent).
func (src *sources) folder(dir string) ([]sourceFile, error) {
	names, err := src.read.Files(dir)
	if err != nil {
		return nil, err
	}
	out := make([]sourceFile, len(names))
	for i, rel := range names {
		p := path.Join(dir, rel)
		data, err := src.read.Read(p)
		if err != nil {
			return nil, err
		}
		out[i] = sourceFile{path: p, rel: rel, data: data}
	}
	return out, nil
}

func wrap(prefix string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// RegistryPath is the unit registry file a build with opt reads.
func RegistryPath(opt Options) string {
	opt.defaults()
	return opt.Registry
}

// ReadRegistry reads the unit registry at p as a build does; an error
// names the file.
func ReadRegistry(fsys afero.Fs, p string) (*units.Registry, error) {
	data, err := input.Read(fsys, p)
	if err != nil {
		return nil, err
	}
	return loadRegistry(data, p)
}
