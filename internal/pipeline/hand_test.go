package pipeline_test

// Files changed by hand on the disk between builds: a page of public/
// tampered with or deleted, and a notice folder of content/ whose seed is
// gone while it holds a file a person wrote.

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// TestTamperedPublic: pages of public/ changed by hand (one to the same
// size and time, so only its bytes tell) or deleted are made again by a
// --force build, which reads every file, and its summary names them; the
// files the build did not make are kept. Both for a public/ that is a
// folder and one that is a link to the web server's folder.
func TestTamperedPublic(t *testing.T) {
	for _, linked := range []bool{false, true} {
		name := "folder"
		if linked {
			name = "link to the web root"
		}
		t.Run(name, func(t *testing.T) {
			dir := workDir(t)
			opt := options(dir)
			root := opt.Public
			if linked {
				root = filepath.Join(dir, "www")
				writeFiles(t, root, adminFiles)
				symlink(t, "www", opt.Public)
			}
			writeSeeds(t, dir, smallNotices(t, 4, 21))
			run(t, publish.NewOsFs(), opt)
			built := digestTree(t, root)
			slug := seedSlugs(t, dir)[0]

			index := filepath.Join(root, "index.html")
			info, err := os.Stat(index)
			if err != nil {
				t.Fatal(err)
			}
			page := read(t, index)
			os.WriteFile(index, []byte(strings.Replace(page, "<html", "<HTML", 1)), 0o644)
			os.Chtimes(index, info.ModTime(), info.ModTime())
			units := filepath.Join(root, "data", "units.json")
			os.WriteFile(units, []byte(read(t, units)+"\n// changed"), 0o644)
			if err := os.Remove(filepath.Join(root, "notices", slug, "index.html")); err != nil {
				t.Fatal(err)
			}

			opt.Force = true
			r := run(t, publish.NewOsFs(), opt)
			if d := sameTree(digestTree(t, root), built); d != "" {
				t.Errorf("after --force, public/ is not as built: %s", d)
			}
			want := "public/: 3 file(s) changed or deleted by hand since the last build, made again: data/units.json, index.html, notices/" + slug + "/index.html\n"
			if !strings.Contains(r.Summary(), want) {
				t.Errorf("the summary lacks %q:\n%s", want, r.Summary())
			}
			if r.Site.InPlace != linked {
				t.Errorf("written in place %v, want %v", r.Site.InPlace, linked)
			}
			if linked {
				if target, err := os.Readlink(opt.Public); err != nil || target != "www" {
					t.Errorf("public/ is no longer the link to www: %q, %v", target, err)
				}
				checkFiles(t, root, adminFiles)
			}
			// Nothing is left to repair.
			if again := run(t, publish.NewOsFs(), opt); len(again.Site.Repaired) != 0 || again.Site.Swapped {
				t.Errorf("a second --force: repaired %v, swapped %v", again.Site.Repaired, again.Site.Swapped)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

// TestOrphanNoticeFolder: two seeds are removed. The notice folder of
// content/ the build made whole goes with its seed; the one holding a
// file a person wrote stops the build, which names it and changes
// nothing. --force removes it too, after copying the person's file into
// a backup folder of its own, named by the time and by the summary.
func TestOrphanNoticeFolder(t *testing.T) {
	dir := workDir(t)
	notices := smallNotices(t, 4, 17)
	writeSeeds(t, dir, notices)
	opt := options(dir)
	run(t, publish.NewOsFs(), opt)
	before := seedSlugs(t, dir)
	writeSeeds(t, dir, notices[:2])
	gone := difference(before, seedSlugs(t, dir))
	if len(gone) != 2 {
		t.Fatalf("notices without a seed: %v", gone)
	}
	edited, generated := gone[0], gone[1]
	mine := filepath.Join(opt.Content, "notices", edited, "mine.md")
	writeFiles(t, filepath.Dir(mine), map[string]string{"mine.md": "核对记录\n"})
	old := map[string]map[string][32]byte{"content": digestTree(t, opt.Content), "public": digestTree(t, opt.Public)}

	_, err := pipeline.Run(publish.NewOsFs(), opt, nil)
	var ed *publish.EditedError
	if !errors.As(err, &ed) || !slices.Equal(ed.Orphans, []string{filepath.Join(opt.Content, "notices", edited) + "/"}) || len(ed.Files) != 0 {
		t.Fatalf("want content/notices/%s/ named, got %v", edited, err)
	}
	for sub, d := range old {
		if diff := sameTree(digestTree(t, filepath.Join(dir, sub)), d); diff != "" {
			t.Errorf("a refused build changed %s/: %s", sub, diff)
		}
	}

	opt.Force = true
	r := run(t, publish.NewOsFs(), opt)
	checkPublished(t, dir)
	for _, slug := range []string{edited, generated} {
		if _, err := os.Stat(filepath.Join(opt.Content, "notices", slug)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("content/notices/%s/ is still there: %v", slug, err)
		}
	}
	if !regexp.MustCompile(`^\.qingdan-backup/\d{4}-\d\d-\d\d-\d{6}$`).MatchString(r.Content.Backup) {
		t.Errorf("backup folder %q is not named by the time", r.Content.Backup)
	}
	if want := "content/" + r.Content.Backup + "/"; !strings.Contains(r.Summary(), want) {
		t.Errorf("the summary does not name %s:\n%s", want, r.Summary())
	}
	if got := read(t, filepath.Join(opt.Content, r.Content.Backup, "notices", edited, "mine.md")); got != "核对记录\n" {
		t.Errorf("the backup holds %q", got)
	}
}

// TestLinkedContentEdited: content/ is a link to a folder elsewhere (a
// shared review folder). A note written into that folder between builds
// is seen — the check for "nothing changed" reads the folder the link
// points to, not the link — and shown on the unit's page; the link stays.
func TestLinkedContentEdited(t *testing.T) {
	dir := workDir(t)
	opt := options(dir)
	if err := os.Mkdir(filepath.Join(dir, "reviewed"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "reviewed", opt.Content)
	writeSeeds(t, dir, smallNotices(t, 3, 5))
	run(t, publish.NewOsFs(), opt)
	if again := run(t, publish.NewOsFs(), opt); !again.Unchanged {
		t.Fatalf("a second build with nothing changed did work:\n%s", again.Summary())
	}
	units, err := filepath.Glob(filepath.Join(dir, "reviewed", "units", "*.md"))
	if err != nil || len(units) == 0 {
		t.Fatalf("no unit files in the link's target: %v", err)
	}
	slug := strings.TrimSuffix(filepath.Base(units[0]), ".md")
	if err := os.WriteFile(filepath.Join(dir, "reviewed", "units", slug+".notes.md"), []byte("**联系人**：值班室\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	r := run(t, publish.NewOsFs(), opt)
	if r.Unchanged {
		t.Fatal("a note written into content/'s target was not seen: nothing changed, says the build")
	}
	if page := read(t, filepath.Join(opt.Public, "units", slug+".html")); !strings.Contains(page, "<strong>联系人</strong>") {
		t.Errorf("the note is not on the page of %s", slug)
	}
	if target, err := os.Readlink(opt.Content); err != nil || target != "reviewed" {
		t.Errorf("content/ is no longer the link to reviewed: %q, %v", target, err)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}
