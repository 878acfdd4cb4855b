//go:build linux

package pipeline_test

// Real faults, not mocks: a build process killed with SIGKILL at many
// moments, a full disk (a small tmpfs), two build processes at once, and
// public/ as an administrator sets it up (a link to another folder, a
// mount point, read-only for the user who builds). The tests that need
// root (mount, setpriv) skip with a message where they cannot run, unless
// QINGDAN_REQUIRE_FAULTS is set, as CI does, where they fail instead.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// requireFaults makes the fault tests that need root fail instead of skip.
const requireFaults = "QINGDAN_REQUIRE_FAULTS"

// cannot skips a test that cannot run here, or fails it where it must.
func cannot(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(requireFaults) != "" {
		t.Fatalf("%s (%s is set: this fault test must run)", msg, requireFaults)
	}
	t.Skip(msg + " (set " + requireFaults + "=1 to make this an error)")
}

// mountTmpfs mounts a tmpfs of size bytes at dir, owned by this user,
// and unmounts it when the test ends: as root, or through sudo where it
// asks no password (as CI may run). Elsewhere the test cannot run.
func mountTmpfs(t *testing.T, dir string, size int64) {
	t.Helper()
	opts := fmt.Sprintf("size=%d,uid=%d,gid=%d,mode=0755", size, os.Getuid(), os.Getgid())
	mount := privileged(t, "mount", "-t", "tmpfs", "-o", opts, "qingdan-test", dir)
	if out, err := mount.CombinedOutput(); err != nil {
		cannot(t, "cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := privileged(t, "umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
}

// privileged returns a command run as root: itself when the test is
// root, else through sudo without a password.
func privileged(t *testing.T, name string, args ...string) *exec.Cmd {
	t.Helper()
	if os.Geteuid() == 0 {
		return exec.Command(name, args...)
	}
	if exec.Command("sudo", "-n", "true").Run() != nil {
		cannot(t, "%s needs root (or sudo without a password)", name)
	}
	return exec.Command("sudo", append([]string{"-n", name}, args...)...)
}

// buildEnv names the folder TestBuildProcess builds.
const buildEnv = "QINGDAN_BUILD_TEST_DIR"

// TestBuildProcess is the build the fault tests run as a process of its
// own, to kill it, run two at once or run it as another user: it builds
// the folder named by QINGDAN_BUILD_TEST_DIR, prints the summary, and
// exits 1 with the error on failure.
func TestBuildProcess(t *testing.T) {
	dir := os.Getenv(buildEnv)
	if dir == "" {
		t.Skip("run by the fault tests")
	}
	opt := options(dir)
	opt.Force = os.Getenv("QINGDAN_BUILD_TEST_FORCE") != ""
	r, err := pipeline.Run(publish.NewOsFs(), opt, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Print(r.Summary())
	os.Exit(0)
}

// buildCommand returns the command that builds dir in a process of its
// own (TestBuildProcess).
func buildCommand(t *testing.T, dir string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildProcess$")
	cmd.Env = append(append(os.Environ(), buildEnv+"="+dir), env...)
	return cmd
}

// which tells which of the versions a tree is: "old", "new" or a
// description of how it is neither.
func which(got, old, new map[string][32]byte) string {
	if sameTree(got, old) == "" {
		return "old"
	}
	if d := sameTree(got, new); d == "" {
		return "new"
	} else {
		return fmt.Sprintf("neither old nor new (against old: %s; against new: %s)", sameTree(got, old), d)
	}
}

// copyTree copies the folder src to dst, file by file.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	copyOrLink(t, src, dst, false)
}

// linkTree makes dst a copy of src whose files are hard links, but for
// the two files a build writes into rather than replaces (the record of
// pages and the state), which are copied.
func linkTree(t *testing.T, src, dst string) {
	t.Helper()
	copyOrLink(t, src, dst, true)
}

func copyOrLink(t *testing.T, src, dst string, link bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		to := filepath.Join(dst, strings.TrimPrefix(p, src))
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		}
		if link && d.Name() != ".qingdan-pages" && d.Name() != ".qingdan-state" {
			return os.Link(p, to)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// restore puts content/ and public/ of dir back as saved, linking the
// files where it can (not across file systems, nor where the room they
// take matters).
func restore(t *testing.T, dir, saved string, link bool) {
	t.Helper()
	for _, sub := range []string{"content", "public"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			t.Fatal(err)
		}
		copyOrLink(t, filepath.Join(saved, sub), filepath.Join(dir, sub), link)
	}
}

// TestKillAtManyMoments kills a build of a few hundred notices with
// SIGKILL at many moments, from its start to its end: the build revises
// some notices, removes the seeds of others and adds new ones. After
// each kill content/ and public/ are each the old version or the new
// one, never a mix; the next build completes and leaves the new version
// exactly, a notice for each seed and none without, and no leftover.
func TestKillAtManyMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a few hundred notices a dozen times")
	}
	dir := workDir(t)
	saved := filepath.Join(workDir(t), "v1")
	all := smallNotices(t, 220, 11)
	v1, v2 := all[:200], revise(all[20:], 10)
	writeSeeds(t, dir, v1)
	opt := options(dir)
	if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
		t.Fatal(err)
	}
	oldContent, oldPublic := digestTree(t, opt.Content), digestTree(t, opt.Public)
	for _, sub := range []string{"content", "public"} {
		copyTree(t, filepath.Join(dir, sub), filepath.Join(saved, sub))
	}

	// The new version, built once whole by a process, for its bytes and
	// for how long a build takes.
	writeSeeds(t, dir, v2)
	start := time.Now()
	if out, err := buildCommand(t, dir).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	took := time.Since(start)
	newContent, newPublic := digestTree(t, opt.Content), digestTree(t, opt.Public)
	checkPublished(t, dir)
	if sameTree(oldContent, newContent) == "" || sameTree(oldPublic, newPublic) == "" {
		t.Fatal("the revision changed nothing")
	}

	// Moments: at fractions of the build's time, and when each folder
	// changes, watched as the build runs.
	inode := func(p string) uint64 {
		info, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}
	type moment struct {
		name string
		at   func(started time.Time) bool
	}
	var moments []moment
	for _, f := range []float64{0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9} {
		moments = append(moments, moment{fmt.Sprintf("%.0f%% of a build", 100*f), func(s time.Time) bool {
			return time.Since(s) >= time.Duration(f*float64(took))
		}})
	}
	var contentInode, publicInode uint64
	moments = append(moments,
		moment{"content/ staged", func(time.Time) bool { _, err := os.Stat(opt.Content + ".new-qingdan/units"); return err == nil }},
		moment{"public/ being staged", func(time.Time) bool {
			e, _ := os.ReadDir(opt.Public + ".new-qingdan/notices")
			return len(e) > 100
		}},
		moment{"content/ swapped", func(time.Time) bool { return inode(opt.Content) != contentInode }},
		moment{"public/ swapped", func(time.Time) bool { return inode(opt.Public) != publicInode }},
	)
	outcomes := map[string]int{}
	for _, m := range moments {
		restore(t, dir, saved, true)
		contentInode, publicInode = inode(opt.Content), inode(opt.Public)
		cmd := buildCommand(t, dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		started := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		killed := false
	watch:
		for {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("%s: the build failed before it was killed: %v\n%s", m.name, err, out.String())
				}
				break watch
			default:
			}
			if m.at(started) {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				killed = true
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		c := which(digestTree(t, opt.Content), oldContent, newContent)
		p := which(digestTree(t, opt.Public), oldPublic, newPublic)
		outcome := fmt.Sprintf("content/ %s, public/ %s", c, p)
		if !killed {
			outcome += " (finished first)"
		}
		t.Logf("killed at %s: %s", m.name, outcome)
		outcomes[outcome]++
		if strings.Contains(outcome, "neither") {
			t.Errorf("killed at %s: %s", m.name, outcome)
		}
		// The next build completes the work and cleans up.
		if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
			t.Fatalf("the build after a kill at %s: %v", m.name, err)
		}
		if d := sameTree(digestTree(t, opt.Content), newContent); d != "" {
			t.Errorf("after a kill at %s, the next build left content/ unlike a build that was not killed: %s", m.name, d)
		}
		if d := sameTree(digestTree(t, opt.Public), newPublic); d != "" {
			t.Errorf("after a kill at %s, the next build left public/ unlike a build that was not killed: %s", m.name, d)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("after a kill at %s and a build, left behind: %v", m.name, l)
		}
		checkPublished(t, dir)
	}
	t.Logf("outcomes: %v", outcomes)
}

// TestFullDisk fills a small tmpfs at several stages of a build: the
// build stops with the disk's error, content/ and public/ are as they
// were or (the disk filling between the two) content/ new and public/
// old, nothing is left that takes room or blocks, and once there is
// room the next build completes.
func TestFullDisk(t *testing.T) {
	// The room the two versions take, from a build on a disk with room.
	all := smallNotices(t, 80, 5)
	v1, v2 := all[:20], revise(all[5:], 3)
	ref := workDir(t)
	writeSeeds(t, ref, v1)
	run(t, publish.NewOsFs(), options(ref))
	used := duBytes(t, ref)
	writeSeeds(t, ref, v2)
	run(t, publish.NewOsFs(), options(ref))
	needed := duBytes(t, ref)

	// A disk with room for both versions and the caches, and no more.
	disk := t.TempDir()
	mountTmpfs(t, disk, 2*(used+needed))
	// The versions' bytes there (the seeds' paths are in content/).
	dir := filepath.Join(disk, "site")
	opt := options(dir)
	writeSeeds(t, dir, v1)
	run(t, publish.NewOsFs(), opt)
	oldContent, oldPublic := digestTree(t, opt.Content), digestTree(t, opt.Public)
	saved := filepath.Join(workDir(t), "v1")
	for _, sub := range []string{"content", "public"} {
		copyTree(t, filepath.Join(dir, sub), filepath.Join(saved, sub))
	}
	writeSeeds(t, dir, v2)
	run(t, publish.NewOsFs(), opt)
	newContent, newPublic := digestTree(t, opt.Content), digestTree(t, opt.Public)
	// The room left when the build starts, from none to most of what it needs.
	for _, free := range []int64{0, 16 << 10, needed / 8, needed / 3, needed * 2 / 3} {
		t.Run(fmt.Sprintf("%d bytes free", free), func(t *testing.T) {
			os.RemoveAll(dir)
			writeSeeds(t, dir, v2)
			restore(t, dir, saved, false)
			filler := filepath.Join(disk, "filler")
			fill(t, filler, disk, free)
			_, err := pipeline.Run(publish.NewOsFs(), opt, nil)
			if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") {
				t.Fatalf("want the disk's error, got %v", err)
			}
			c := which(digestTree(t, opt.Content), oldContent, newContent)
			p := which(digestTree(t, opt.Public), oldPublic, newPublic)
			t.Logf("content/ %s, public/ %s: %v", c, p, err)
			if c == "old" && p != "old" || strings.Contains(c+p, "neither") {
				t.Errorf("after a full disk: content/ %s, public/ %s", c, p)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
			// With room again, the next build completes.
			os.Remove(filler)
			if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
				t.Fatal(err)
			}
			if d := sameTree(digestTree(t, opt.Content), newContent); d != "" {
				t.Errorf("content/: %s", d)
			}
			if d := sameTree(digestTree(t, opt.Public), newPublic); d != "" {
				t.Errorf("public/: %s", d)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind: %v", l)
			}
			checkPublished(t, dir)
		})
	}
}

// fill writes a file that leaves about free bytes on the file system of
// dir.
func fill(t *testing.T, name, dir string, free int64) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	size := int64(st.Bavail)*st.Bsize - free
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Written, not truncated to size: tmpfs counts only what is written.
	chunk := bytes.Repeat([]byte{'x'}, 1<<20)
	for size > 0 {
		n := min(size, int64(len(chunk)))
		if _, err := f.Write(chunk[:n]); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return
			}
			t.Fatal(err)
		}
		size -= n
	}
}

// duBytes is the room the files under dir take.
func duBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var total int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += (info.Size() + 4095) &^ 4095
			}
		}
		return nil
	})
	return total
}

// TestTwoBuildsAtOnce starts a build while another holds the lock: the
// second says in one line that it waits, and runs when the first is
// done; both succeed and the site is whole.
func TestTwoBuildsAtOnce(t *testing.T) {
	dir := workDir(t)
	writeSeeds(t, dir, smallNotices(t, 120, 2))
	first := buildCommand(t, dir)
	var firstOut, secondOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// The second starts once the first holds the lock.
	lock := filepath.Join(dir, pipeline.LockName)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, _ := os.ReadFile(lock); strings.Contains(string(b), fmt.Sprint(first.Process.Pid)) {
			break
		}
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatal("the first build never took the lock")
		}
		time.Sleep(time.Millisecond)
	}
	second := buildCommand(t, dir)
	second.Stdout, second.Stderr = &secondOut, &secondOut
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first build: %v\n%s", err, firstOut.String())
	}
	if err := second.Wait(); err != nil {
		t.Fatalf("second build: %v\n%s", err, secondOut.String())
	}
	waiting := fmt.Sprintf("waiting for another build of %s/ and %s/ to finish (%s: process %d, started ", filepath.Join(dir, "content"), filepath.Join(dir, "public"), lock, first.Process.Pid)
	if lines := strings.Split(secondOut.String(), "\n"); !strings.HasPrefix(lines[0], waiting) {
		t.Errorf("the second build's first line is %q, want it to start %q", lines[0], waiting)
	}
	if !strings.Contains(secondOut.String(), "nothing changed since the last build") {
		t.Errorf("the second build, run after the first, should find nothing to do:\n%s", secondOut.String())
	}
	if strings.Contains(firstOut.String(), "waiting") {
		t.Errorf("the first build waited:\n%s", firstOut.String())
	}
	checkPublished(t, dir)
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// TestTwoBuildsStartedTogether starts two build processes at the same
// moment, three times, each time on seeds revised since the last build:
// one builds, the other waits for it in one line and then finds nothing
// to do; neither fails, and the site is whole.
func TestTwoBuildsStartedTogether(t *testing.T) {
	dir := workDir(t)
	notices := smallNotices(t, 100, 3)
	for round := range 3 {
		writeSeeds(t, dir, revise(notices[round:], 7+round))
		var cmds [2]*exec.Cmd
		var outs [2]bytes.Buffer
		for i := range cmds {
			cmds[i] = buildCommand(t, dir)
			cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		}
		for _, cmd := range cmds {
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
		}
		waited := 0
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d, build %d: %v\n%s", round, i, err, outs[i].String())
			}
			out := outs[i].String()
			if !strings.HasPrefix(out, "waiting for another build of ") {
				continue
			}
			waited++
			if strings.Count(out, "waiting") != 1 || !strings.Contains(out, "nothing changed since the last build") {
				t.Errorf("round %d: the build that waited should say so once and then find nothing to do:\n%s", round, out)
			}
		}
		if waited != 1 {
			t.Errorf("round %d: %d of the two builds waited for the other:\n%s\n---\n%s", round, waited, outs[0].String(), outs[1].String())
		}
		checkPublished(t, dir)
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("round %d: left behind: %v", round, l)
		}
	}
}
