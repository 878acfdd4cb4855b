package pipeline

import (
	"fmt"
	"path"

	"qingdan/internal/publish"
)

// putStatic copies the files of the static folder, as read at the start
// of the build, into the new public/ as they are: what an administrator
// adds to the site (web.config, robots.txt, a logo) is kept there in
// every build, instead of being lost when public/ is replaced. A file
// named as one the build makes is an error: neither would be the one the
// reader gets by surprise.
func putStatic(files []sourceFile, public string, tree *publish.Tree) (int, error) {
	for _, f := range files {
		if d, _ := tree.New(f.rel); d != "" {
			return 0, fmt.Errorf("copy static files: %s has the name of a file the build makes (%s); rename it", f.path, path.Join(public, f.rel))
		}
		if err := tree.Put(f.rel, f.data); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}
