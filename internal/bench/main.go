// Command bench times whole builds of generated sites, for
// docs/performance.md:
//
//	go run ./internal/bench -n 1,100,1000 -runs 3
//	go run ./internal/bench -n 1,100 -runs 3 -hugo $(go env GOPATH)/bin/hugo
//	go run ./internal/bench -n 100,1000 -runs 3 -against /path/to/old/qingdan
//	    [-corpus /path/to/old/tree -registry /path/to/old/units.yaml]
//
// For each size it builds the binary once, generates n notices
// (internal/gen), and runs the binary as a process: a full build from
// nothing, a rebuild with nothing changed, and a rebuild with one notice
// revised. It reports the median time and peak memory (maximum resident
// set size) of the runs, the files and bytes of public/, the size of the
// search index and what a typical query loads. With -against it times
// full builds of another binary (an earlier commit's) and of this one in
// turn on the same generated sites, so both see the same machine.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/content"
	"qingdan/internal/gen"
	"qingdan/internal/search/searchtest"
)

func main() {
	sizes := flag.String("n", "1,100,1000", "numbers of notices, comma-separated")
	runs := flag.Int("runs", 3, "runs of each measurement; the median is reported")
	seed := flag.Int64("seed", 1, "seed of the generated notices")
	keep := flag.String("dir", "", "work in this folder (default: a temporary one, removed after)")
	hugo := flag.String("hugo", "", "compare with this Hugo program instead (see hugo.go)")
	against := flag.String("against", "", "compare with this qingdan program (an earlier commit's) instead, run in turn")
	program := flag.String("program", "", "time this qingdan program instead of building the one here (with -against: two commits, neither this one)")
	corpus := flag.String("corpus", "", "generate the notices from the testdata/ of this folder (default: here; an earlier commit's program may refuse shapes of notices added since)")
	registry := flag.String("registry", "", "the unit registry of the generated sites (default: seeds/units.yaml here; an earlier commit's program may refuse fields added since)")
	flag.Parse()

	root, err := os.Getwd()
	check(err)
	dir := *keep
	if dir == "" {
		// Beside the project rather than in the system's temporary
		// folder, which is a slower file system on some machines.
		dir, err = os.MkdirTemp(root, ".bench-")
		check(err)
		defer os.RemoveAll(dir)
	}
	bin := *program
	if bin == "" {
		bin = filepath.Join(dir, "qingdan")
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		check(cmd.Run())
	}
	if *corpus == "" {
		*corpus = root
	}
	templates, err := gen.Load(*corpus)
	check(err)
	if *registry == "" {
		*registry = filepath.Join(root, "seeds", "units.yaml")
	}

	if *against != "" {
		compare(*against, bin, *registry, dir, templates, *sizes, *runs, *seed)
		return
	}
	if *hugo != "" {
		fmt.Println("| notices | tasks | qingdan: seeds → content/ and public/ | Hugo: content/ → pages | Hugo ÷ qingdan | qingdan files | Hugo files |")
		fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			check(err)
			site := filepath.Join(dir, fmt.Sprintf("hugo-%d", n))
			setup(*registry, site, templates, n, *seed)
			runBuild(bin, site) // content/ for Hugo
			q, h, hugoFiles, err := compareHugo(*hugo, bin, site, *runs)
			check(err)
			files, _ := count(filepath.Join(site, "public"))
			tasks, _ := query(site)
			fmt.Printf("| %d | %d | %s | %s | %.1f× | %d | %d |\n", n, tasks, format(q), format(h), h.Seconds()/q.Seconds(), files, hugoFiles)
		}
		return
	}
	fmt.Println("| notices | tasks | full build | rebuild, nothing changed | rebuild, one notice changed | peak memory (full) | files | bytes | search index | a query loads |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		site := filepath.Join(dir, fmt.Sprintf("site-%d", n))
		var full, same, one []time.Duration
		var mem []int64
		for r := 0; r < *runs; r++ {
			notices := setup(*registry, site, templates, n, *seed)
			seeds := filepath.Join(site, "seeds")
			d, rss := runBuild(bin, site)
			full, mem = append(full, d), append(mem, rss)
			d, _ = runBuild(bin, site)
			same = append(same, d)
			revise(filepath.Join(seeds, notices[0].Name))
			d, _ = runBuild(bin, site)
			one = append(one, d)
		}
		files, bytes := count(filepath.Join(site, "public"))
		_, idx := count(filepath.Join(site, "public", "search"))
		tasks, load := query(site)
		fmt.Printf("| %d | %d | %s | %s | %s | %d MB | %d | %d MB | %d MB | %d KB |\n", n, tasks,
			median(full), median(same), median(one), medianInt(mem)>>10, files, bytes>>20, idx>>20, load>>10)
	}
}

// compare times the program old and new, run in turn on the same
// generated site: a full build from nothing, a rebuild with nothing
// changed and a rebuild with one notice revised, as the main table does;
// it prints a table row per size and measurement.
func compare(old, new, registry, dir string, templates []string, sizes string, runs int, seed int64) {
	fmt.Println("| notices | measurement | before | after | after ÷ before | CPU, before | CPU, after | CPU after ÷ before | peak memory, before | peak memory, after |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	names := []string{"full build", "rebuild, nothing changed", "rebuild, one notice changed"}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		check(err)
		// times[measurement][program]
		var times, cpu [3][2][]time.Duration
		var mem [3][2][]int64
		for r := 0; r < runs; r++ {
			for i, bin := range []string{old, new} {
				site := filepath.Join(dir, fmt.Sprintf("compare-%d", n))
				notices := setup(registry, site, templates, n, seed)
				for m := range names {
					if m == 2 {
						revise(filepath.Join(site, "seeds", notices[0].Name))
					}
					d, c, rss := runBuildCPU(bin, site)
					times[m][i], cpu[m][i], mem[m][i] = append(times[m][i], d), append(cpu[m][i], c), append(mem[m][i], rss)
				}
			}
		}
		for m, name := range names {
			before, after := medianDuration(times[m][0]), medianDuration(times[m][1])
			cpuBefore, cpuAfter := medianDuration(cpu[m][0]), medianDuration(cpu[m][1])
			fmt.Printf("| %d | %s | %s | %s | %.2f× | %s | %s | %.2f× | %d MB | %d MB |\n", n, name, format(before), format(after),
				after.Seconds()/before.Seconds(), format(cpuBefore), format(cpuAfter), cpuAfter.Seconds()/cpuBefore.Seconds(),
				medianInt(mem[m][0])>>10, medianInt(mem[m][1])>>10)
		}
	}
}

// revise rewrites a notice: 加强 becomes 进一步加强 throughout, in its
// preamble and in several of its tasks.
func revise(file string) {
	b, err := os.ReadFile(file)
	check(err)
	check(os.WriteFile(file, []byte(strings.ReplaceAll(string(b), "加强", "进一步加强")), 0o644))
}

// setup makes a working folder of n generated notices and the registry.
func setup(registry, site string, templates []string, n int, seed int64) []gen.Notice {
	check(os.RemoveAll(site))
	seeds := filepath.Join(site, "seeds")
	check(os.MkdirAll(seeds, 0o755))
	reg, err := os.ReadFile(registry)
	check(err)
	check(os.WriteFile(filepath.Join(seeds, "units.yaml"), reg, 0o644))
	notices := gen.Notices(templates, n, seed)
	for _, nt := range notices {
		check(os.WriteFile(filepath.Join(seeds, nt.Name), []byte(nt.Text), 0o644))
	}
	return notices
}

// runBuild runs a build and returns its wall time and peak memory in KB.
func runBuild(bin, site string) (time.Duration, int64) {
	d, _, rss := runBuildCPU(bin, site)
	return d, rss
}

// runBuildCPU runs a build and returns its wall time, its CPU time (user
// and system: less moved than the wall time by other work on a shared
// machine) and its peak memory in KB.
func runBuildCPU(bin, site string) (time.Duration, time.Duration, int64) {
	cmd := exec.Command(bin, "-q")
	cmd.Dir = site
	// The machine-local cache of the build stays in the site's folder.
	cmd.Env = append(os.Environ(), "QINGDAN_CACHE_DIR="+filepath.Join(site, ".cache"))
	cmd.Stderr = os.Stderr
	start := time.Now()
	check(cmd.Run())
	d := time.Since(start)
	return d, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), peakKB(cmd.ProcessState)
}

func count(dir string) (files int, bytes int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return files, bytes
}

// query returns the number of tasks and the bytes the typical query
// 应急预案 loads: its index files and the documents of its first page.
func query(site string) (int, int64) {
	cat, err := content.Read(afero.NewOsFs(), filepath.Join(site, "content"))
	check(err)
	tasks := 0
	for _, n := range cat.Notices {
		tasks += len(n.Tasks)
	}
	public := filepath.Join(site, "public")
	ix, err := searchtest.Open(func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(public, p)) })
	check(err)
	paths, err := ix.Loads("应急预案", 20)
	check(err)
	var total int64
	for _, p := range paths {
		info, err := os.Stat(filepath.Join(public, p))
		check(err)
		total += info.Size()
	}
	return tasks, total
}

func median(ds []time.Duration) string { return format(medianDuration(ds)) }

func medianDuration(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func format(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func medianInt(v []int64) int64 {
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	return v[len(v)/2]
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
