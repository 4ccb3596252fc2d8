package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/sheet"
	"github.com/ntm-atlas/atlas/internal/write"
)

// parseInterspersed parses fs from args, letting flags stand after the positional
// arguments too ("atlas import statuses FILE.csv -n"), and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// runImport imports a table of data into the site: `atlas import statuses FILE`.
func runImport(args []string, stdout, stderr io.Writer) int {
	const use = "usage: atlas import statuses FILE.csv|FILE.xlsx [-s SITE_DIR] [-sheet NAME] [-n]"
	fs := newFlags("import", stderr)
	site := fs.String("s", ".", "site folder")
	name := fs.String("sheet", "", "XLSX: the worksheet to read (default: the first)")
	dry := fs.Bool("n", false, "print what would change; write nothing")
	fs.Usage = func() { fmt.Fprintln(stderr, use); fs.PrintDefaults() }
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 || pos[0] != "statuses" {
		fmt.Fprintln(stderr, use)
		return exitUsage
	}
	ref, err := read.TodayReference()
	if err != nil {
		fmt.Fprintf(stderr, "atlas import: %v\n", err)
		return exitUsage
	}
	plan, err := sheet.Import(sheet.Options{Site: *site, File: pos[1], Sheet: *name, Reference: ref})
	if err != nil {
		var list sheet.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintf(stderr, "atlas import: %d error(s); nothing was written\n", list.Count())
		} else {
			fmt.Fprintf(stderr, "atlas import: %v\nnothing was written\n", err)
		}
		return exitData
	}
	for _, w := range plan.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	if *dry {
		if err := plan.Describe(stdout); err != nil {
			fmt.Fprintf(stderr, "atlas import: %v\n", err)
			return exitData
		}
		fmt.Fprintf(stdout, "%s (dry run: nothing written)\n", plan.Summary())
		return exitOK
	}
	if err := plan.Apply(*site); err != nil {
		fmt.Fprintf(stderr, "atlas import: %v\n", err)
		return exitData
	}
	fmt.Fprintln(stdout, plan.Summary())
	return exitOK
}

// runExport writes a table of the site's data: `atlas export statuses`.
func runExport(args []string, stdout, stderr io.Writer) int {
	const use = "usage: atlas export statuses [-s SITE_DIR] [-o FILE.csv|FILE.xlsx] [-province CODE]"
	fs := newFlags("export", stderr)
	site := fs.String("s", ".", "site folder")
	out := fs.String("o", "", "write to this .csv or .xlsx file (default: CSV on standard output)")
	prov := fs.String("province", "", "only the units of this province (code or name)")
	fs.Usage = func() { fmt.Fprintln(stderr, use); fs.PrintDefaults() }
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || pos[0] != "statuses" {
		fmt.Fprintln(stderr, use)
		return exitUsage
	}
	encode := sheet.WriteCSV
	switch ext := strings.ToLower(filepath.Ext(*out)); {
	case *out == "" || ext == ".csv":
	case ext == ".xlsx":
		encode = sheet.WriteXLSX
	default:
		fmt.Fprintf(stderr, "atlas export: -o %s: want a .csv or .xlsx file\n", *out)
		return exitUsage
	}
	rows, err := sheet.Export(sheet.ExportOptions{Site: *site, Province: *prov})
	if err != nil {
		fmt.Fprintf(stderr, "atlas export: %v\n", err)
		return exitData
	}
	var b bytes.Buffer
	if err := encode(&b, rows); err != nil {
		fmt.Fprintf(stderr, "atlas export: %v\n", err)
		return exitData
	}
	if *out == "" {
		_, err = stdout.Write(b.Bytes())
	} else {
		err = write.File(*out, b.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "atlas export: %v\n", err)
		return exitData
	}
	if *out != "" {
		fmt.Fprintf(stdout, "%d row(s) written to %s\n", len(rows)-1, *out)
	}
	return exitOK
}
