package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"

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
	errs.Sort()
	return site, errs, errs.Err()
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
