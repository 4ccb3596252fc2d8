package main

import (
	"fmt"
	"io"

	"github.com/ntm-atlas/atlas/internal/mapping"
)

// runImportMapping regenerates the site's unit, former-unit and province files from the
// upstream mapping of the 2025 reform and the national boundary file (docs/content.md).
func runImportMapping(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import-mapping", stderr)
	site := fs.String("s", ".", "site folder")
	merges := fs.String("merges", "", "dvhcvn/20250701 mapping/merges.json (new unit → former units)")
	splits := fs.String("splits", "", "dvhcvn/20250701 mapping/splits.json (former unit → new units)")
	geo := fs.String("geo", "", "the national boundary file (.geojson or .geojson.gz): unit names and types as drawn")
	dry := fs.Bool("n", false, "report what would change; write nothing")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *merges == "" || *splits == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: atlas import-mapping -merges merges.json -splits splits.json [-geo FILE] [-s SITE_DIR] [-n]")
		return exitUsage
	}
	mb, err := mapping.ReadFile(*merges)
	if err != nil {
		fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
		return exitData
	}
	sb, err := mapping.ReadFile(*splits)
	if err != nil {
		fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
		return exitData
	}
	m, err := mapping.Parse(*merges, mb, *splits, sb)
	if err != nil {
		fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
		return exitData
	}
	var props map[string]mapping.Props
	if *geo != "" {
		if props, err = mapping.BoundaryProps(*geo); err != nil {
			fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
			return exitData
		}
	}
	plan, err := mapping.Build(*site, m, props)
	if err != nil {
		fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
		return exitData
	}
	for _, w := range plan.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if !*dry {
		if err := plan.Apply(*site); err != nil {
			fmt.Fprintf(stderr, "atlas import-mapping: %v\n", err)
			return exitData
		}
	}
	fmt.Fprintln(stdout, plan.Summary())
	return exitOK
}
