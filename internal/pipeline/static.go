package pipeline

import (
	"fmt"
	"path"

	"github.com/spf13/afero"

	"qingdan/internal/input"
	"qingdan/internal/publish"
)

// putStatic copies the files of the static folder into the new public/,
// as they are: what an administrator adds to the site (web.config,
// robots.txt, a logo) is kept there in every build, instead of being
// lost when public/ is replaced. A file named as one the build makes is
// an error: neither would be the one the reader gets by surprise.
func putStatic(fsys afero.Fs, dir, public string, tree *publish.Tree) (int, error) {
	files, err := input.Files(fsys, dir)
	if err != nil {
		return 0, fmt.Errorf("build: static files: %w", err)
	}
	for _, p := range files {
		if d, _ := tree.New(p); d != "" {
			return 0, fmt.Errorf("build: %s has the name of a file the build makes (%s); rename it", path.Join(dir, p), path.Join(public, p))
		}
		data, err := input.Read(fsys, path.Join(dir, p))
		if err != nil {
			return 0, fmt.Errorf("build: static files: %w", err)
		}
		if err := tree.Put(p, data); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}
