package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/ntm-atlas/atlas/internal/mapping"
	"github.com/ntm-atlas/atlas/internal/scaffold"
)

// stdin and stdinIsTerminal are the answers' source; tests replace them.
var (
	stdin           io.Reader = os.Stdin
	stdinIsTerminal           = func() bool { return term.IsTerminal(int(os.Stdin.Fd())) }
)

// runNew writes a new site, or a unit or story template into a site.
func runNew(args []string, stdout, stderr io.Writer) int {
	const use = `usage:
  atlas new site DIR -geo FILE [-province CODE] [-y] [flags]   a site for a province, or the country
  atlas new unit CODE [-s SITE_DIR]                            a unit's status file
  atlas new story TITLE [-s SITE_DIR]                          a story`
	if len(args) == 0 {
		fmt.Fprintln(stderr, use)
		return exitUsage
	}
	switch args[0] {
	case "site":
		return runNewSite(args[1:], stdout, stderr)
	case "unit", "story":
		fs := newFlags("new "+args[0], stderr)
		site := fs.String("s", ".", "site folder")
		if err := fs.Parse(reorder(args[1:])); err != nil {
			return exitUsage
		}
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, use)
			return exitUsage
		}
		var p string
		var err error
		if args[0] == "unit" {
			p, err = scaffold.NewUnit(*site, fs.Arg(0))
		} else {
			p, err = scaffold.NewStory(*site, fs.Arg(0), time.Now())
		}
		if err != nil {
			fmt.Fprintf(stderr, "atlas new %s: %v\n", args[0], err)
			return exitData
		}
		fmt.Fprintf(stdout, "wrote %s\n", p)
		return exitOK
	}
	fmt.Fprintf(stderr, "atlas new: unknown kind %q\n%s\n", args[0], use)
	return exitUsage
}

// reorder puts flags before the positional arguments, so that "new site DIR -geo F" parses
// as "new site -geo F DIR" does.
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && !boolFlag(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func boolFlag(a string) bool {
	a = strings.TrimLeft(a, "-")
	return a == "y" || a == "h" || a == "help"
}

func runNewSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new site", stderr)
	geo := fs.String("geo", "", "the boundary file: GeoJSON FeatureCollection, .geojson or .geojson.gz")
	province := fs.String("province", "", "code of the province (\"14\"); empty: every unit of the file, the whole country")
	var given scaffold.Properties
	fs.StringVar(&given.Code, "code-property", "", "the feature property holding the unit's code (default: detected)")
	fs.StringVar(&given.Name, "name-property", "", "the property holding its name (default: detected)")
	fs.StringVar(&given.Type, "type-property", "", "the property holding its type, Xã or Phường (default: detected)")
	fs.StringVar(&given.Province, "province-property", "", "the property holding its province's code (default: detected)")
	fs.StringVar(&given.ProvinceName, "province-name-property", "", "the property holding its province's name (default: detected)")
	yes := fs.Bool("y", false, "accept the detected property names without asking")
	var opts scaffold.Options
	fs.StringVar(&opts.Title, "title", "", "the site's title (default: Atlas Nông thôn mới <province>)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the address the site will be published at")
	fs.StringVar(&opts.SourceName, "source-name", "", "credit: the boundary file's source")
	fs.StringVar(&opts.SourceURL, "source-url", "", "credit: its address")
	fs.StringVar(&opts.SourceLicense, "source-license", "", "credit: its licence")
	merges := fs.String("merges", "", "a newer dvhcvn/20250701 mapping/merges.json (default: the copy built in)")
	splits := fs.String("splits", "", "its mapping/splits.json")
	if err := fs.Parse(reorder(args)); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || *geo == "" || (*merges == "") != (*splits == "") {
		fmt.Fprintln(stderr, "usage: atlas new site DIR -geo FILE [-province CODE] [-y] [-merges F -splits F] [-code-property P …]")
		return exitUsage
	}
	opts.Dir = fs.Arg(0)
	opts.Province = *province
	opts.Today = time.Now()
	if bi, ok := debug.ReadBuildInfo(); ok {
		opts.Version = bi.Main.Version
	}
	if *merges != "" {
		mb, err := mapping.ReadFile(*merges)
		if err == nil {
			var sb []byte
			if sb, err = mapping.ReadFile(*splits); err == nil {
				opts.Mapping, err = mapping.Parse(*merges, mb, *splits, sb)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "atlas new site: %v\n", err)
			return exitData
		}
	}
	b, err := scaffold.ReadBoundaries(*geo, given)
	if err != nil {
		fmt.Fprintf(stderr, "atlas new site: %v\n", err)
		return exitData
	}
	fmt.Fprintf(stdout, "%s: %d features; properties %s\n", *geo, len(b.Units), strings.Join(b.Keys, ", "))
	detected := map[string]bool{}
	for _, d := range b.Detected {
		detected[d] = true
	}
	for _, f := range b.Properties.Fields() {
		how := "given"
		switch {
		case f[1] == "":
			how, f[1] = "none found", "-"
		case detected[f[0]]:
			how = "detected"
		}
		fmt.Fprintf(stdout, "  %-14s ← %-20q (%s)\n", f[0], f[1], how)
	}
	if len(b.Detected) > 0 && !*yes {
		if !stdinIsTerminal() {
			fmt.Fprintln(stderr, "atlas new site: the property names above were detected, not given: run again with -y to accept them, or name them with -code-property, -name-property, …")
			return exitUsage
		}
		fmt.Fprint(stdout, "Use these? [Y/n] ")
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "" && a != "y" && a != "yes" && a != "c" && a != "co" && a != "có" {
			fmt.Fprintln(stderr, "atlas new site: stopped; name the properties with -code-property, -name-property, …")
			return exitUsage
		}
	}
	res, err := scaffold.NewSite(b, opts)
	if err != nil {
		fmt.Fprintf(stderr, "atlas new site: %v\n", err)
		return exitData
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "wrote %s: %d files — %d units, %d former units, province(s) %s\n", opts.Dir, len(res.Files), res.Units, res.Former, strings.Join(res.Provinces, ", "))
	fmt.Fprintf(stdout, "next:\n  cd %s\n  atlas serve      # http://127.0.0.1:1313/\n", opts.Dir)
	if opts.BaseURL == "" {
		fmt.Fprintln(stdout, "  set base_url in atlas.toml to the address you will publish at")
	}
	return exitOK
}
