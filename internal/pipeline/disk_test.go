package pipeline_test

// Helpers of the tests that build a site on the disk: its folders and
// seeds, digests of its trees, what a build left behind. They run on
// every system; what is Linux's own (the inode keys of digestTree) is in
// filekey_linux_test.go.

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"qingdan/internal/catalog"
	"qingdan/internal/gen"
	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// options builds the site in dir with the repository's registry and
// templates (or those of the copy named by QINGDAN_BUILD_TEST_REPO, for a
// build run as another user), and its cache in dir/cache.
func options(dir string) pipeline.Options {
	repo := "../.."
	if r := os.Getenv(repoEnv); r != "" {
		repo = r
	}
	return pipeline.Options{
		Seeds:       filepath.Join(dir, "seeds"),
		Content:     filepath.Join(dir, "content"),
		Public:      filepath.Join(dir, "public"),
		Registry:    filepath.Join(repo, "seeds/units.yaml"),
		Templates:   os.DirFS(filepath.Join(repo, "templates")),
		TemplateDir: filepath.Join(dir, "templates"),
		Static:      filepath.Join(dir, "static"),
		Cache:       filepath.Join(dir, "cache"),
	}
}

const repoEnv = "QINGDAN_BUILD_TEST_REPO"

// workDir returns a folder for a site, on tmpfs where there is one: the
// fault tests build a site many times.
func workDir(t *testing.T) string {
	t.Helper()
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "qingdan-test-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// smallNotices generates n distinct notices from the short genre
// samples, so that a site of a few hundred builds in a second or two.
func smallNotices(t *testing.T, n int, seed int64) []gen.Notice {
	t.Helper()
	var templates []string
	for _, f := range []string{"s01_label_lines_redhead", "s02_inline_items_only", "s03_table_rows_crlf", "s04_table_tabcells_deadline", "s09_mixed_body_forms", "s12_body_and_table_duplicate"} {
		templates = append(templates, read(t, "../../testdata/genre/"+f+".txt"))
	}
	return gen.Notices(templates, n, seed)
}

// writeSeeds makes dir/seeds hold exactly these notices.
func writeSeeds(t *testing.T, dir string, notices []gen.Notice) {
	t.Helper()
	seeds := filepath.Join(dir, "seeds")
	if err := os.RemoveAll(seeds); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(seeds, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range notices {
		if err := os.WriteFile(filepath.Join(seeds, n.Name), []byte(n.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// revise returns the notices with every k-th one reworded.
func revise(notices []gen.Notice, k int) []gen.Notice {
	out := slices.Clone(notices)
	for i := 0; i < len(out); i += k {
		out[i].Text = strings.Replace(out[i].Text, "。", "，并于年底前报送进展情况。", 1)
	}
	return out
}

// machineFile tells the files of content/ that belong to the machine
// (caches, the build's state, backups) rather than to the tree.
func machineFile(rel string) bool {
	for _, p := range []string{".qingdan-state", ".qingdan-pages", ".qingdan-parsed/", ".qingdan-blocks/", ".qingdan-backup/"} {
		if rel == p || strings.HasPrefix(rel, p) {
			return true
		}
	}
	return false
}

// digestTree returns the SHA-256 of every file under dir (following dir
// itself when it is a link), by slash path, but the machine's own files;
// a symbolic link inside counts by its target's name.
func digestTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][32]byte{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if machineFile(rel) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = sha256.Sum256([]byte("link " + target))
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		key, keyed := fileKeyOf(info)
		if sum, ok := digestCache.Load(key); keyed && ok {
			out[rel] = sum.([32]byte)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = sha256.Sum256(b)
		if keyed {
			digestCache.Store(key, out[rel])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fileKey names a file's bytes as they are: the same inode with the same
// size and times holds the same bytes (a write into it moves its change
// time, which no tool sets back), so the many files a copy links need not
// be read again.
type fileKey struct {
	dev, ino           uint64
	size, mtime, ctime int64
}

var digestCache sync.Map // fileKey → [32]byte

// sameTree says how two digests of a tree differ ("" when they do not).
func sameTree(a, b map[string][32]byte) string {
	for _, p := range slices.Sorted(maps.Keys(a)) {
		if d, ok := b[p]; !ok {
			return p + " missing"
		} else if d != a[p] {
			return p + " differs"
		}
	}
	for _, p := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[p]; !ok {
			return p + " added"
		}
	}
	return ""
}

// leftovers lists what builds left beside content/ and public/ or in
// them: half-built or old versions, and entries of the cache half
// written.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*-qingdan*", "*/.qingdan-new", "*/.qingdan-manifest.pending", "*/*.tmp-qingdan", "cache/*/*.tmp"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

// seedSlugs returns the slugs of the notices in dir/seeds, read as a
// build reads them.
func seedSlugs(t *testing.T, dir string) []string {
	t.Helper()
	opt := options(dir)
	notices, reg, err := pipeline.LoadSeeds(publish.NewOsFs(), opt)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(notices, reg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range cat.Notices {
		out = append(out, n.Slug)
	}
	slices.Sort(out)
	return out
}

// folders lists the folders in dir.
func folders(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// checkPublished checks that content/ and public/ hold a notice for
// each seed and none other.
func checkPublished(t *testing.T, dir string) {
	t.Helper()
	want := seedSlugs(t, dir)
	for _, sub := range []string{"content/notices", "public/notices"} {
		if got := folders(t, filepath.Join(dir, sub)); !slices.Equal(got, want) {
			extra, missing := difference(got, want), difference(want, got)
			t.Errorf("%s holds %d notices for %d seeds: without a seed %v, missing %v", sub, len(got), len(want), extra, missing)
		}
	}
}

func difference(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// adminFiles are files an administrator put in the web root by hand.
var adminFiles = map[string]string{
	"robots.txt":     "User-agent: *\nDisallow: /\n",
	"web.config":     "<configuration/>\n",
	"docs/guide.pdf": "%PDF-1.4 guide\n",
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checkFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, want := range files {
		if got, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", p, got, err, want)
		}
	}
}

// symlink makes link point to target. Windows lets only some users make
// links: there the test is skipped when it cannot.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("cannot make a symbolic link here: %v", err)
		}
		t.Fatal(err)
	}
}
