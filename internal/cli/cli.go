// Package cli is the command line of qingdan: it reads flags, calls the
// pipeline and prints for people. main.go only hands it the real world.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"qingdan/internal/build"
	"qingdan/internal/notice"
	"qingdan/internal/publish"
	"qingdan/internal/revision"
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
		{name: "check", args: "FILE...", summary: "print what looks wrong in notices; exit 1 when one cannot be read", run: runCheck, flags: checkFlags},
		{name: "diff", args: "OLD NEW", summary: "print what changed between two versions of a notice", run: runDiff},
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

var buildOpts build.Options
var buildQuiet bool

func buildFlags(fl *flag.FlagSet) {
	buildOpts = build.Options{}
	fl.StringVar(&buildOpts.Seeds, "seeds", "seeds", "folder of the notices (*.txt) and the unit registry (units.yaml)")
	fl.StringVar(&buildOpts.Content, "content", "content", "folder of the generated Markdown")
	fl.StringVar(&buildOpts.Public, "public", "public", "folder of the generated site")
	fl.BoolVar(&buildOpts.Force, "force", false, "overwrite content files edited by hand (a copy is kept in content/"+publish.BackupDir+")")
	fl.BoolVar(&buildQuiet, "q", false, "print nothing but errors")
}

func runBuild(env Env, fl *flag.FlagSet, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("build takes no arguments (got %q); the notices are read from --seeds", args)
	}
	opt := buildOpts
	opt.Templates = env.Templates
	var progress io.Writer = env.Stderr
	if buildQuiet {
		progress = io.Discard
	}
	r, err := build.Run(env.Fs, opt, progress)
	if err != nil {
		return err
	}
	if !buildQuiet {
		fmt.Fprint(env.Stdout, r.Summary())
	}
	return nil
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
		return errUsage
	}
	failed, warned := 0, 0
	for _, file := range args {
		n, err := readNotice(env, file)
		if err != nil {
			fmt.Fprintf(env.Stdout, "%v\n", err)
			failed++
			continue
		}
		for _, w := range n.Warnings {
			fmt.Fprintln(env.Stdout, build.FileWarning{File: n.Source, Warning: w})
		}
		warned += len(n.Warnings)
		fmt.Fprintf(env.Stdout, "%s: %s %s: %d sections, %d tasks, %d warning(s)\n", n.Source, n.DocNumber, n.Title, len(n.Sections), len(n.Tasks), len(n.Warnings))
	}
	switch {
	case failed > 0:
		return fmt.Errorf("%d of %d file(s) could not be read as a notice", failed, len(args))
	case checkStrict && warned > 0:
		return fmt.Errorf("%d warning(s)", warned)
	}
	return nil
}

// Main is the entry point main.go calls.
func Main(templates fs.FS) int {
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
	revision.Stabilize(old, cur)
	fmt.Fprint(env.Stdout, revision.Compare(old, cur).Text())
	return nil
}
