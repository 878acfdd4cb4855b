// Package cli is the command line of qingdan: it reads flags, calls the
// pipeline and prints for people. main.go only hands it the real world.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/afero"

	"qingdan/internal/cache"
	"qingdan/internal/config"
	"qingdan/internal/notice"
	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
	"qingdan/internal/revision"
	"qingdan/internal/serve"
)

// Env is what a command may touch.
type Env struct {
	Stdout, Stderr io.Writer
	Fs             afero.Fs
	// Templates are the embedded default templates.
	Templates fs.FS
}

type command struct {
	name    string
	args    string
	summary string
	run     func(env Env, fl *flag.FlagSet, args []string) error
	flags   func(fl *flag.FlagSet)
}

var commands []command

func init() {
	commands = []command{
		{name: "build", summary: "build content/ and public/ from seeds/ (the default command)", run: runBuild, flags: buildFlags},
		{name: "parse", args: "FILE", summary: "print a notice as JSON", run: runParse},
		{name: "check", args: "[FILE...]", summary: "print what looks wrong in notices (default: those of seeds/); exit 1 when one cannot be read", run: runCheck, flags: checkFlags},
		{name: "diff", args: "OLD NEW", summary: "print what changed between two versions of a notice", run: runDiff},
		{name: "serve", summary: "preview the site on 127.0.0.1, rebuilt and reloaded on every change", run: runServe, flags: serveFlags},
	}
}

const usageHead = `qingdan turns a work notice and its responsibility table into a
cross-linked, searchable static site.

Usage:
  go run .                 build the site (same as: go run . build)
  go run . COMMAND [flags] [args]

Commands:
`

func usage(w io.Writer) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %-9s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprint(w, "\nRun `go run . COMMAND --help` for the flags of a command.\n")
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

// Run runs the command line and returns the exit code.
func Run(args []string, env Env) int {
	name := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(env.Stdout)
		return 0
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == name {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(env.Stderr, "qingdan: unknown command %q\n\n", name)
		usage(env.Stderr)
		return 2
	}
	fl := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintf(w, "Usage: go run . %s [flags] %s\n\n%s.\n", cmd.name, cmd.args, capitalize(cmd.summary))
		if cmd.name == "build" {
			fmt.Fprintf(w, "\nOther commands: ")
			var names []string
			for _, c := range commands[1:] {
				names = append(names, c.name)
			}
			fmt.Fprintf(w, "%s (go run . help)\n", strings.Join(names, ", "))
		}
		hasFlags := false
		fl.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(w, "\nFlags:\n")
			fl.PrintDefaults()
		}
	}
	if cmd.flags != nil {
		cmd.flags(fl)
	}
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fl.SetOutput(env.Stdout) // asked for: not an error
		}
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := cmd.run(env, fl, fl.Args()); err != nil {
		if errors.Is(err, errUsage) {
			fl.Usage()
			return 2
		}
		fmt.Fprintf(env.Stderr, "qingdan %s: %v\n", cmd.name, err)
		return 1
	}
	return 0
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// siteFlags are the flags of the commands that build the site; each
// overrides the site file (seeds/site.yaml) when given.
type siteFlags struct {
	config                                   string
	seeds, content, public, templates, title string
	static                                   string
	base, cpuProfile, memProfile, cacheDir   string
	force, quiet                             bool
	port                                     int
}

var site siteFlags

func addSiteFlags(fl *flag.FlagSet) {
	site = siteFlags{}
	fl.StringVar(&site.config, "config", config.DefaultPath, "the site file (title, base path, notices, folders); optional")
	fl.StringVar(&site.seeds, "seeds", "seeds", "folder of the notices and the unit registry (units.yaml)")
	fl.StringVar(&site.content, "content", "content", "folder of the generated Markdown")
	fl.StringVar(&site.public, "public", "public", "folder of the generated site")
	fl.StringVar(&site.templates, "templates", "templates", "folder of templates that override the built-in ones")
	fl.StringVar(&site.static, "static", "static", "folder of files copied into public/ as they are (web.config, robots.txt, a logo); optional")
	fl.StringVar(&site.title, "title", "", "title of the site (default: the notice's title)")
	fl.StringVar(&site.base, "base", "", "path the site is served under, such as /anquan/ (used by the 404 page)")
	fl.BoolVar(&site.force, "force", false, "overwrite content files edited by hand (a copy is kept in a dated folder of content/"+publish.BackupDir+"), and make again the files of public/ changed by hand")
	fl.BoolVar(&site.quiet, "q", false, "print nothing but errors")
	fl.StringVar(&site.cacheDir, "cache-dir", "", "folder of what this machine keeps between builds (default: $"+cache.EnvVar+", else a folder of this project under the user's cache directory)")
}

func buildFlags(fl *flag.FlagSet) {
	addSiteFlags(fl)
	fl.StringVar(&site.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to this file (for docs/performance.md)")
	fl.StringVar(&site.memProfile, "memprofile", "", "write a profile of the build's allocations to this file (for docs/performance.md)")
}

func serveFlags(fl *flag.FlagSet) {
	addSiteFlags(fl)
	fl.IntVar(&site.port, "port", 8080, "port on 127.0.0.1 to serve the preview on")
}

// options merges the site file and the flags given.
func options(env Env, fl *flag.FlagSet) (pipeline.Options, int, error) {
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	cfg, err := config.Load(env.Fs, site.config, set["config"])
	if err != nil {
		return pipeline.Options{}, 0, err
	}
	pick := func(flagName, flagValue, cfgValue, def string) string {
		switch {
		case set[flagName]:
			return flagValue
		case cfgValue != "":
			return cfgValue
		}
		return def
	}
	opt := pipeline.Options{
		Seeds:       pick("seeds", site.seeds, cfg.Seeds, "seeds"),
		Content:     pick("content", site.content, cfg.Content, "content"),
		Public:      pick("public", site.public, cfg.Public, "public"),
		TemplateDir: pick("templates", site.templates, cfg.Templates, "templates"),
		Static:      pick("static", site.static, cfg.Static, "static"),
		Title:       pick("title", site.title, cfg.Title, ""),
		Base:        pick("base", site.base, cfg.Base, ""),
		Notices:     cfg.Notices,
		Force:       site.force,
		Templates:   env.Templates,
	}
	if cfg.Registry != "" {
		opt.Registry = path.Join(opt.Seeds, cfg.Registry)
	}
	opt.Cache = cacheDir(set["cache-dir"])
	port := site.port
	if !set["port"] && cfg.Port != 0 {
		port = cfg.Port
	}
	return opt, port, nil
}

// cacheDir is the cache folder of the project in the working folder: the
// flag's, the environment's, or one under the user's cache directory. A
// build without one still works; it only keeps nothing.
func cacheDir(flagSet bool) string {
	if flagSet {
		return site.cacheDir
	}
	if dir := os.Getenv(cache.EnvVar); dir != "" {
		return dir
	}
	dir, err := cache.Dir(".")
	if err != nil {
		return ""
	}
	return dir
}

func runBuild(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("build takes no arguments (got %q); the notices are read from --seeds", args)
	}
	opt, _, err := options(env, fl)
	if err != nil {
		return err
	}
	var progress io.Writer = env.Stderr
	if site.quiet {
		progress = io.Discard
	}
	if site.cpuProfile != "" {
		f, err := os.Create(site.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if site.memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(site.memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	r, err := pipeline.Run(env.Fs, opt, progress)
	if err != nil {
		return err
	}
	if !site.quiet {
		fmt.Fprint(env.Stdout, r.Summary())
	}
	return nil
}

func runServe(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return errUsage
	}
	opt, port, err := options(env, fl)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve.Run(ctx, env.Fs, serve.Options{Port: port, Build: opt}, env.Stdout)
}

func readNotice(env Env, file string) (*notice.Notice, error) {
	data, err := afero.ReadFile(env.Fs, file)
	if err != nil {
		return nil, err
	}
	return notice.Parse(data, filepath.ToSlash(file))
}

func runParse(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) != 1 {
		return errUsage
	}
	n, err := readNotice(env, args[0])
	if err != nil {
		return err
	}
	b, err := n.JSON()
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(b)
	return err
}

var checkStrict bool

func checkFlags(fl *flag.FlagSet) {
	fl.BoolVar(&checkStrict, "strict", false, "exit 1 on warnings too")
}

func runCheck(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) == 0 {
		// The notices a build of the working folder reads.
		files, err := pipeline.NoticeFiles(env.Fs, pipeline.Options{})
		if err != nil {
			return err
		}
		args = files
	}
	failed, warned, duties, silent := 0, 0, 0, 0
	registry := registryName(env)
	for _, file := range args {
		if yaml, ok := checkYAML(env, file, registry); yaml {
			if !ok {
				failed++
			}
			continue
		}
		n, err := readNotice(env, file)
		if err != nil {
			fmt.Fprintf(env.Stdout, "%v\n", err)
			failed++
			continue
		}
		for _, w := range n.Warnings {
			fmt.Fprintln(env.Stdout, pipeline.FileWarning{File: n.Source, Warning: w})
		}
		warned += len(n.Warnings)
		found := n.DutyTasks()
		duties += found
		fmt.Fprintf(env.Stdout, "%s: %s %s：%d个部分，%d项任务，%d处需核对\n", n.Source, n.DocNumber, n.Title, len(n.Sections), len(n.Tasks), len(n.Warnings))
		if found == 0 && n.MentionsDuties() {
			// A notice that speaks of duties but yields none is read
			// wrongly more often than not: the office should look.
			fmt.Fprintf(env.Stdout, "%s: 正文提到了职责（负责、牵头、责任单位……），但没有读出任何带责任单位的任务\n", n.Source)
			silent++
		}
	}
	fmt.Fprintf(env.Stdout, "共检查%d个文件：%d项带责任单位的任务，%d处需核对\n", len(args), duties, warned)
	switch {
	case failed > 0:
		return fmt.Errorf("%d个文件（共%d个）无法读取", failed, len(args))
	case silent > 0:
		return fmt.Errorf("%d个文件提到了职责，却没有读出任务", silent)
	case checkStrict && warned > 0:
		return fmt.Errorf("%d处需核对", warned)
	}
	return nil
}

// registryName is the file name of the unit registry a build of the
// working folder reads: the one its site file names, or units.yaml.
func registryName(env Env) string {
	var opt pipeline.Options
	if cfg, err := config.Load(env.Fs, config.DefaultPath, false); err == nil && cfg.Registry != "" {
		opt.Registry = cfg.Registry
	}
	return path.Base(pipeline.RegistryPath(opt))
}

// checkYAML checks a YAML file among check's files, which a glob such as
// seeds/* hands over beside the notices: the unit registry, told by its
// name as a build finds it, is read as a build reads it and what it
// declares said; the site file is read as such; any other YAML is no
// notice and is passed over. yaml is false for other files; ok is false
// when the file could not be read.
func checkYAML(env Env, file, registry string) (yaml, ok bool) {
	ext := strings.ToLower(path.Ext(file))
	if ext != ".yaml" && ext != ".yml" {
		return false, false
	}
	name := filepath.Base(file)
	switch name {
	case registry:
		reg, err := pipeline.ReadRegistry(env.Fs, file)
		if err != nil {
			fmt.Fprintln(env.Stdout, err)
			return true, false
		}
		fmt.Fprintf(env.Stdout, "%s: 单位登记表：%d个单位，%d个组，%d个泛指\n", file, len(reg.Units), len(reg.Groups), len(reg.Collectives))
	case path.Base(config.DefaultPath):
		if _, err := config.Load(env.Fs, file, true); err != nil {
			fmt.Fprintln(env.Stdout, err)
			return true, false
		}
		fmt.Fprintf(env.Stdout, "%s: 站点文件：读取无误\n", file)
	default:
		fmt.Fprintf(env.Stdout, "%s: 不是通知，也不是单位登记表（%s）或站点文件，未检查\n", file, registry)
	}
	return true, true
}

// Main is the entry point main.go calls.
func Main(templates fs.FS) int {
	// A build allocates much and keeps little; collecting less often
	// than by default saves time for some more memory, up to a soft limit
	// of 800 MiB, past which the collector works harder instead, so a
	// site of a thousand notices builds in under 1 GB. Twice the default
	// rather than four times: fresh memory costs more to clear than the
	// collections it spares (see docs/performance.md). GOGC and
	// GOMEMLIMIT still rule.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(800 << 20)
	}
	return Run(os.Args[1:], Env{Stdout: os.Stdout, Stderr: os.Stderr, Fs: publish.NewOsFs(), Templates: templates})
}

func runDiff(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) != 2 {
		return errUsage
	}
	old, err := readNotice(env, args[0])
	if err != nil {
		return err
	}
	cur, err := readNotice(env, args[1])
	if err != nil {
		return err
	}
	// Two notices of different numbers are not two versions of one: the
	// comparison still runs (a renumbered reissue is one), but says so
	// before anything else.
	if old.DocNumber != cur.DocNumber {
		fmt.Fprintf(env.Stdout, "note: these are two different notices, %s (%s) and %s (%s); the tasks below are paired by place and wording only\n\n",
			orNone(old.DocNumber), args[0], orNone(cur.DocNumber), args[1])
	}
	pairs := revision.Pair(old, cur)
	pairs.Stabilize()
	fmt.Fprint(env.Stdout, pairs.Compare().Text())
	return nil
}

func orNone(docNumber string) string {
	if docNumber == "" {
		return "no 文号"
	}
	return docNumber
}
