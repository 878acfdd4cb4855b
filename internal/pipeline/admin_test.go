//go:build linux

package pipeline_test

// public/ as administrators set it up: a link to the web server's folder
// holding files of their own, a mount point, a folder the user who
// builds cannot write; and static/, whose files go into every build.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// TestPublicLinkedToWebRoot: public/ is a link to the web server's
// folder, which holds files of the administrator's. Builds write into
// that folder — the link stays, their files stay, the folder is never
// emptied, not even by a build killed midway — and the files of static/
// are in every build.
func TestPublicLinkedToWebRoot(t *testing.T) {
	dir := workDir(t)
	www := filepath.Join(dir, "www")
	writeFiles(t, www, adminFiles)
	if err := os.Symlink("www", filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Join(dir, "static"), map[string]string{"logo.svg": "<svg/>", "img/seal.png": "PNG"})
	all := smallNotices(t, 24, 9)
	writeSeeds(t, dir, all[:20])
	opt := options(dir)
	r := run(t, publish.NewOsFs(), opt)
	checkLink := func() {
		t.Helper()
		if target, err := os.Readlink(opt.Public); err != nil || target != "www" {
			t.Fatalf("public/ is no longer the link to www: %q, %v", target, err)
		}
	}
	checkLink()
	checkFiles(t, www, adminFiles)
	checkFiles(t, www, map[string]string{"logo.svg": "<svg/>", "img/seal.png": "PNG"})
	if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
		t.Fatal(err)
	}
	summary := r.Summary()
	for _, want := range []string{"3 file(s) the build did not make, kept as they are: docs/guide.pdf, robots.txt, web.config", "and 2 from static/", "public/ is a link or a mount point"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	oldPublic := digestTree(t, www)

	// A revision, a seed removed, one added: killed at several moments,
	// the folder holds at every moment the administrator's files and a
	// whole site, each file of it old or new.
	writeSeeds(t, dir, revise(all[2:], 2))
	saved := filepath.Join(workDir(t), "saved")
	copyTree(t, dir, saved)
	if out, err := buildCommand(t, dir).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checkLink()
	checkFiles(t, www, adminFiles)
	newPublic := digestTree(t, www)
	checkPublished(t, dir)
	for _, at := range []time.Duration{0, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		os.RemoveAll(dir)
		copyTree(t, saved, dir)
		cmd := buildCommand(t, dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Meanwhile the web root always has its files and a home page.
		stop := time.Now().Add(at)
		for time.Now().Before(stop) {
			if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
				t.Errorf("while building: %v", err)
				break
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkLink()
		checkFiles(t, www, adminFiles)
		got := digestTree(t, www)
		mixed := 0
		for p, d := range got {
			if strings.HasPrefix(p, ".qingdan-") {
				continue // the build's own: the files it stages, its manifests
			}
			if d != oldPublic[p] && d != newPublic[p] {
				t.Errorf("killed after %v: %s is neither the old file nor the new", at, p)
			}
			if d != oldPublic[p] {
				mixed++
			}
		}
		t.Logf("killed after %v: %d of %d files new", at, mixed, len(got))
		if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
			t.Fatal(err)
		}
		checkLink()
		if d := sameTree(digestTree(t, www), newPublic); d != "" {
			t.Errorf("after a kill at %v, the next build: %s", at, d)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
		if _, err := os.Stat(filepath.Join(www, ".qingdan-new")); err == nil {
			t.Error("the stage of the new files is left in the web root")
		}
	}

	// A static file with the name of a page is refused, naming both.
	writeFiles(t, filepath.Join(dir, "static"), map[string]string{"search.html": "mine"})
	_, err := pipeline.Run(publish.NewOsFs(), opt, nil)
	if err == nil || !strings.Contains(err.Error(), "static/search.html has the name of a file the build makes") {
		t.Errorf("want the clash named, got %v", err)
	}
}

// TestPublicMountPoint: public/ is a mount point (a file system of its
// own), which cannot be replaced: builds write into it, and it stays
// mounted.
func TestPublicMountPoint(t *testing.T) {
	dir := workDir(t)
	public := filepath.Join(dir, "public")
	os.MkdirAll(public, 0o755)
	mountTmpfs(t, public, 64<<20)
	writeFiles(t, public, adminFiles)
	all := smallNotices(t, 8, 4)
	writeSeeds(t, dir, all[:6])
	opt := options(dir)
	run(t, publish.NewOsFs(), opt)
	writeSeeds(t, dir, revise(all[1:], 2))
	r := run(t, publish.NewOsFs(), opt)
	if !r.Site.InPlace || !r.Site.Swapped {
		t.Errorf("in place %v, swapped %v", r.Site.InPlace, r.Site.Swapped)
	}
	var st, parent unix.Stat_t
	unix.Stat(public, &st)
	unix.Stat(dir, &parent)
	if st.Dev == parent.Dev {
		t.Fatal("public/ is no longer the mount point")
	}
	checkFiles(t, public, adminFiles)
	checkPublished(t, dir)
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// asOtherUser returns a command that runs the build as a user other than
// root, the one used: root may write anywhere. Not root, the test runs
// as itself.
func asOtherUser(t *testing.T, dir string) *exec.Cmd {
	t.Helper()
	// The test program and a copy of the registry and templates, where
	// that user can read them.
	bin := filepath.Join(dir, "..", "build.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(dir, "..", "repo")
	copyTree(t, "../../templates", filepath.Join(repo, "templates"))
	writeFiles(t, filepath.Join(repo, "seeds"), map[string]string{"units.yaml": read(t, "../../seeds/units.yaml")})
	env := []string{buildEnv + "=" + dir, repoEnv + "=" + repo, "HOME=" + filepath.Join(dir, "..", "home"), "XDG_CACHE_HOME=" + filepath.Join(dir, "..", "cache")}
	if os.Geteuid() != 0 {
		cmd := exec.Command(bin, "-test.run=^TestBuildProcess$")
		cmd.Env = append(os.Environ(), env...)
		return cmd
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		cannot(t, "running a build as another user than root needs setpriv (util-linux)")
	}
	// nobody, and the folders made theirs.
	if out, err := exec.Command("chown", "-R", "65534:65534", filepath.Dir(dir)).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	os.Chmod(filepath.Dir(dir), 0o755)
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--", bin, "-test.run=^TestBuildProcess$")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// TestReadOnlyPublic: when public/ (or a folder in it, or the folder
// that holds it) cannot be written by the user who builds, the build
// says so before anything is touched: content/ and public/ stay as they
// were, and nothing is left to block the next build once the rights are
// fixed.
func TestReadOnlyPublic(t *testing.T) {
	for _, c := range []struct {
		name, readOnly string
	}{
		{"public", "public"},
		{"a folder in public", "public/data"},
		{"the folder holding public", "."},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(workDir(t), "site")
			all := smallNotices(t, 6, 8)
			writeSeeds(t, dir, all[:5])
			opt := options(dir)
			run(t, publish.NewOsFs(), opt)
			writeSeeds(t, dir, revise(all[1:], 2))
			before := map[string]map[string][32]byte{"content": digestTree(t, opt.Content), "public": digestTree(t, opt.Public)}
			cmd := asOtherUser(t, dir)
			ro := filepath.Join(dir, c.readOnly)
			if err := os.Chmod(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the build succeeded:\n%s", out)
			}
			want := fmt.Sprintf("publish: %s cannot be written by this user: %s: permission denied", opt.Public, filepath.Clean(ro))
			if !strings.Contains(string(out), want) || !strings.Contains(string(out), "nothing was changed") {
				t.Errorf("want %q, got:\n%s", want, out)
			}
			for sub, d := range before {
				if diff := sameTree(digestTree(t, filepath.Join(dir, sub)), d); diff != "" {
					t.Errorf("%s/ changed: %s", sub, diff)
				}
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
			// With the rights fixed, the same user builds.
			os.Chmod(ro, 0o755)
			if out, err := asOtherUser(t, dir).CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			checkPublished(t, dir)
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}
