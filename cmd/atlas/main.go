// Command atlas builds the NTM Atlas static site from a site folder.
//
// Usage:
//
//	atlas check [-s SITE_DIR] [-format text|github|json]
//	atlas build [-s SITE_DIR] [-o OUT_DIR]
//	atlas diff OLD_SITE NEW_SITE | -base REV [-s SITE_DIR]  [-format text|markdown|json] [-maps DIR]
//	atlas serve [-s SITE_DIR] [-o OUT_DIR] [-addr 127.0.0.1:1313]   (live reload)
//	atlas import statuses FILE.csv|FILE.xlsx [-s SITE_DIR] [-sheet NAME] [-n]
//	atlas export statuses [-s SITE_DIR] [-o FILE.csv|FILE.xlsx] [-province CODE]
//	atlas import-mapping -merges merges.json -splits splits.json [-geo FILE] [-s SITE_DIR] [-n]
//	atlas new site DIR -geo FILE [-province CODE] [-y]   (also: new unit CODE, new story TITLE)
//	atlas map [-width 800] [-tolerance 0.5 | -keep 0.1] [-o OUT.svg] IN.geojson[.gz]
//	atlas version
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"golang.org/x/term"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/mapfile"
	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/preview"
)

// Exit codes.
const (
	exitOK    = 0
	exitData  = 1 // the site's data has errors, or the build failed
	exitUsage = 2 // the command line is wrong
)

// commands lists the subcommands; each parses its own flags.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"build":          runBuild,
	"check":          runCheck,
	"diff":           runDiff,
	"serve":          runServe,
	"map":            runMap,
	"new":            runNew,
	"import":         runImport,
	"export":         runExport,
	"import-mapping": runImportMapping,
	"version":        runVersion,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "atlas: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: atlas <command> [flags]

Commands:
  build     build the site into the output folder (default: public/)
  check     check everything build reads and report every problem; write nothing
  diff      say what a change does to the atlas: statuses, records, counts, pages, stories
            (diff OLD_SITE NEW_SITE, or diff -base origin/main against a git revision)
  serve     build and serve the site on http://127.0.0.1:1313/, rebuilding and reloading on every edit
  new       start a site from a boundary file (new site DIR -geo FILE [-province CODE]),
            or write a unit's status file or a story from a template (new unit CODE, new story TITLE)
  map       draw a boundary file as a gap-free SVG map and measure it
  import statuses  merge a CSV or XLSX sheet of unit assessments into content/units/
  export statuses  write the units' assessments as a CSV or XLSX sheet
  import-mapping  regenerate unit, former-unit and province files from the 2025 reform mapping
  version   print the version

Run "atlas <command> -h" for a command's flags.
`)
}

// siteFlags are the flags build and serve share.
type siteFlags struct {
	site, out string
	verbose   bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.site, "s", ".", "site folder")
	fs.StringVar(&f.out, "o", "", "output folder (default SITE_DIR/public)")
	fs.BoolVar(&f.verbose, "v", false, "list every warning (by default a file with many gets one line)")
}

// profileFlags are the flags that profile a command.
type profileFlags struct {
	cpu, mem string
}

func (f *profileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.cpu, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&f.mem, "memprofile", "", "write a memory (allocation) profile to this file")
}

// start starts the profiles asked for and returns the function that ends them, or false
// when a profile could not be started (the reason is on stderr).
func (f *profileFlags) start(cmd string, stderr io.Writer) (func(), bool) {
	stop := func() {}
	if f.cpu != "" {
		out, err := os.Create(f.cpu)
		if err == nil {
			if err = pprof.StartCPUProfile(out); err != nil {
				out.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "atlas %s: %v\n", cmd, err)
			return stop, false
		}
		stop = func() { pprof.StopCPUProfile(); out.Close() }
	}
	if f.mem != "" {
		runtime.MemProfileRate = 64 << 10
		cpuStop := stop
		stop = func() { cpuStop(); writeHeapProfile(f.mem, stderr) }
	}
	return stop, true
}

func (f *siteFlags) outDir() string {
	if f.out != "" {
		return f.out
	}
	return filepath.Join(f.site, "public")
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("atlas "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	var sf siteFlags
	sf.register(fs)
	var pf profileFlags
	pf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atlas build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	stop, ok := pf.start("build", stderr)
	if !ok {
		return exitData
	}
	defer stop()
	return doBuild(sf, stdout, stderr)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	site := fs.String("s", ".", "site folder")
	format := fs.String("format", "text", "output format: text (path:line:col: severity: message), github (Actions annotations) or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atlas check: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "atlas check: -format: %v\n", err)
		return exitUsage
	}
	all, err := pipeline.Check(pipeline.Options{Site: *site})
	if werr := diag.Write(stdout, all, f); werr != nil {
		fmt.Fprintf(stderr, "atlas check: %v\n", werr)
		return exitData
	}
	errs, warns := len(all.Errors()), len(all.Warnings())
	if f != diag.JSON {
		fmt.Fprintf(stderr, "atlas check: %d error(s), %d warning(s)\n", errs, warns)
	}
	if err != nil {
		return exitData
	}
	return exitOK
}

func doBuild(sf siteFlags, stdout, stderr io.Writer) int {
	res, err := pipeline.Run(pipeline.Options{Site: sf.site, Out: sf.outDir(), Log: stderr, Verbose: sf.verbose, Progress: progressTo(stderr)})
	if err != nil {
		if l, ok := diag.AsList(err); ok {
			fmt.Fprintln(stderr, l.Error())
			fmt.Fprintf(stderr, "atlas build: %d error(s); nothing was written\n", len(l))
		} else {
			fmt.Fprintf(stderr, "atlas build: %v; nothing was written\n", err)
		}
		return exitData
	}
	fmt.Fprintf(stdout, "Built %d files (%.1f MB) into %s in %d ms", res.Files, float64(res.Bytes)/1e6, sf.outDir(), res.Duration.Milliseconds())
	if n := len(res.Warnings); n > 0 {
		fmt.Fprintf(stdout, ", %d warning(s)", n)
	}
	fmt.Fprintln(stdout)
	if res.Recalled > 0 || res.Linked > 0 {
		fmt.Fprintf(stdout, "%d pages unchanged since the last build were not rendered again; %d unchanged files were linked, not written\n", res.Recalled, res.Linked)
	}
	if res.Weights != nil {
		fmt.Fprintln(stdout, res.Weights)
	}
	return exitOK
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	var sf siteFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "atlas serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := preview.Run(ctx, preview.Options{Site: sf.site, Out: sf.outDir(), Addr: *addr, Log: stdout, Verbose: sf.verbose}); err != nil {
		fmt.Fprintf(stderr, "atlas serve: %v\n", err)
		return exitData
	}
	return exitOK
}

func runMap(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("map", stderr)
	var o mapfile.Options
	fs.IntVar(&o.Draw.Width, "width", 800, "map width in CSS pixels")
	fs.Float64Var(&o.Draw.Tolerance, "tolerance", 0, "simplification tolerance in pixels (default 0.5)")
	fs.Float64Var(&o.Draw.Keep, "keep", 0, "keep this share of removable vertices instead, e.g. 0.1 as mapshaper's -simplify 10%")
	fs.IntVar(&o.Draw.Precision, "precision", 0, "SVG units per pixel (default 10; 100 is mapshaper's two decimals)")
	fs.IntVar(&o.Draw.Vertices, "vertices", 0, "simplify to about this many vertices instead, to compare with another tool")
	fs.StringVar(&o.CodeProperty, "code", "code", "property holding each unit's code")
	fs.StringVar(&o.Group, "dissolve", "", "dissolve units by this property, e.g. province_code")
	fs.StringVar(&o.SVG, "o", "", "write the map as SVG to this file")
	fs.IntVar(&o.Draw.Snap, "snap", 1, "first snap borders within this many grid units together (1 mends what rounding breaks; 0 does not snap)")
	fs.BoolVar(&o.Check, "check", false, "measure quality: crossings in the source and border segments on which neighbours disagree")
	fs.StringVar(&o.Compare, "compare", "", "judge another tool's simplified GeoJSON of the same units on this map's grid")
	var pf profileFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: atlas map [flags] IN.geojson[.gz]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	o.In = fs.Arg(0)
	stop, ok := pf.start("map", stderr)
	if !ok {
		return exitData
	}
	defer stop()
	rep, err := mapfile.Draw(o)
	if err != nil {
		fmt.Fprintf(stderr, "atlas map: %v\n", err)
		return exitData
	}
	s := rep.Stats
	fmt.Fprintf(stdout, "read:      %d units, %d vertices in %.2f s\n", rep.Units, s.Points, rep.Read.Seconds())
	fmt.Fprintf(stdout, "topology:  %d arcs (%d shared)", s.Arcs, s.SharedArcs)
	if o.Check {
		fmt.Fprintf(stdout, ", %d crossings in the source", s.SourceCrossings)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "simplify:  %d vertices kept; %d crossings repaired, %d left; %.2f s\n", s.Kept, s.Repaired, s.Crossings, rep.Draw.Seconds())
	if o.SVG != "" {
		fmt.Fprintf(stdout, "write:     %s, %d bytes in %.2f s\n", o.SVG, rep.SVGBytes, rep.Write.Seconds())
	}
	fmt.Fprintf(stdout, "quality:   %d units lost, %d invalid features, %d units with source defects", rep.Lost, s.Invalid, rep.Warnings)
	if o.Check {
		fmt.Fprintf(stdout, ", %d disagreeing border segments", rep.Disagreements)
	}
	fmt.Fprintln(stdout)
	if o.Check {
		for _, w := range rep.Defects {
			fmt.Fprintf(stdout, "warning:   %s: %s\n", w.Code, w.Msg)
		}
	}
	if c := rep.Compared; c != nil {
		fmt.Fprintf(stdout, "compared:  %s: %d units, %d vertices, %d units lost, %d invalid features, %d disagreeing border segments\n", o.Compare, c.Units, c.Vertices, c.Lost, c.Invalid, c.Disagreements)
	}
	return exitOK
}

// writeHeapProfile writes the allocation profile to path, reporting a failure on stderr.
func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "atlas: memory profile: %v\n", err)
	}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				v += " " + s.Value
			}
		}
	}
	fmt.Fprintf(stdout, "atlas %s\n", v)
	return exitOK
}

// progressTo returns w for a build's progress line when w is the terminal's standard error
// and the build does not run in CI (which sets CI=true), else nil: logs stay free of
// rewritten lines.
func progressTo(w io.Writer) io.Writer {
	if w != io.Writer(os.Stderr) || os.Getenv("CI") != "" || !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	return w
}
