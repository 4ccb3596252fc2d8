package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/validate"
)

// Load reads and validates the site in dir, its dates against its read.ReferenceDate. It
// returns the site and every diagnostic found; the error is non-nil when the diagnostics
// hold at least one error.
func Load(dir string) (*model.Site, diag.List, error) {
	return load(dir, read.Options{})
}

func load(dir string, opts read.Options) (*model.Site, diag.List, error) {
	ref, err := read.ReferenceDate(dir)
	if err != nil {
		return nil, nil, err
	}
	site, files, errs := read.SiteWith(dir, opts)
	vopts := validate.Options{Reference: ref, Failed: files.Failed, PartialBoundaries: files.PartialBoundaries()}
	for _, d := range validate.SiteWith(site, files.Locate, vopts) {
		// A file that could not be decoded is reported once, for why.
		if !files.Failed(d.Pos.File) {
			errs = append(errs, d)
		}
	}
	if d := blameSourceDate(errs, ref, time.Now()); d != nil {
		errs = append(errs, d)
	}
	errs.Sort()
	return site, errs, errs.Err()
}

// blameSourceDate returns one error that blames SOURCE_DATE_EPOCH when the reference date
// came from it and every date that is after it (validate.AfterReference) is no later than
// now, in Vietnam: then no date of the data is in the future, and the variable is too old to
// be the time of the data's last commit (1980, as some packaging systems set it by policy).
// Otherwise it returns nil.
func blameSourceDate(errs diag.List, ref model.Reference, now time.Time) *diag.Diagnostic {
	if ref.From != "SOURCE_DATE_EPOCH" {
		return nil
	}
	y, m, d := now.In(model.Vietnam).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	n := 0
	for _, e := range errs {
		var after *validate.AfterReference
		if !errors.As(e, &after) {
			continue
		}
		if after.Day.After(today) {
			return nil // a date in the future of today: the data's
		}
		n++
	}
	if n == 0 {
		return nil
	}
	dates := fmt.Sprintf("%d dates of the data, none of them after today", n)
	if n == 1 {
		dates = "a date of the data that is not after today"
	}
	return &diag.Diagnostic{Severity: diag.Error, Msg: fmt.Sprintf(
		"SOURCE_DATE_EPOCH=%s (%s) is before %s: it is probably not the time of the data's last commit. Set it to that time (git log -1 --format=%%ct), or unset it",
		os.Getenv("SOURCE_DATE_EPOCH"), ref.Date.Format(time.DateOnly), dates)}
}

// siteFS returns the site's folder name (layouts, i18n), or nil when it has none, and a
// function that closes it. Symbolic links that lead outside the folder cannot be opened.
func siteFS(site, name string) (fs.FS, func()) {
	dir := filepath.Join(site, name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, func() {}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, func() {}
	}
	return root.FS(), func() { root.Close() }
}
