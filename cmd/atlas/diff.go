package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ntm-atlas/atlas/internal/diff"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/review"
)

// runDiff says what a change does to the atlas: atlas diff OLD NEW, or atlas diff -base REF
// [-s SITE_DIR] (docs/publishing.md).
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", stderr)
	var o review.Options
	fs.StringVar(&o.New, "s", ".", "with -base: the site folder (after the change)")
	fs.StringVar(&o.Base, "base", "", "compare with the site as it stands at this git revision (origin/main), instead of a folder OLD")
	format := fs.String("format", "text", "output format: text, markdown (GitHub, for a job summary) or json")
	fs.StringVar(&o.Write.BaseURL, "base-url", "", "link pages on this site (a deploy preview) in the Markdown")
	fs.StringVar(&o.Maps, "maps", "", "write a before-and-after SVG map of each province where a unit changes class into this folder")
	fs.StringVar(&o.Lang, "lang", "", "language of the atlas's words in the output (vi, en; default vi)")
	failBroken := fs.Bool("fail-on-broken-links", false, "exit 1 when the change removes an address that no redirect keeps")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: atlas diff [flags] OLD_SITE NEW_SITE\n       atlas diff -base REV [-s SITE_DIR] [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	switch {
	case o.Base == "" && fs.NArg() == 2:
		o.Old, o.New = fs.Arg(0), fs.Arg(1)
	case o.Base != "" && fs.NArg() == 0:
	default:
		fs.Usage()
		return exitUsage
	}
	f, err := diff.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "atlas diff: -format: %v\n", err)
		return exitUsage
	}
	o.Format = f
	if o.Lang != "" && !slices.Contains(model.Languages, o.Lang) {
		fmt.Fprintf(stderr, "atlas diff: -lang %q: want one of %s\n", o.Lang, strings.Join(model.Languages, ", "))
		return exitUsage
	}
	res, err := review.Run(o, stdout)
	if err != nil {
		var se *review.SiteError
		if errors.As(err, &se) {
			fmt.Fprintln(stderr, se.Errors.Errors().Error())
		}
		fmt.Fprintf(stderr, "atlas diff: %v\n", err)
		return exitData
	}
	for _, m := range res.Maps {
		fmt.Fprintf(stderr, "atlas diff: wrote %s\n", m)
	}
	if broken := res.Report.Broken(); len(broken) > 0 {
		fmt.Fprintf(stderr, "atlas diff: %d address(es) removed with no redirect: broken links\n", len(broken))
		if *failBroken {
			return exitData
		}
	}
	return exitOK
}
