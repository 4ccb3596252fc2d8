package pipeline

import (
	"io/fs"

	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Render runs the pipeline from a loaded site up to the files — downloads and pages — in
// memory, without the
// cache and without writing anything: the whole site's derivation and rendering, as a
// benchmark measures it. Broken links are an error, as in a build.
func Render(site *model.Site, layouts fs.FS) (render.Files, error) {
	maps, err := geometry.Draw(site, nil)
	if err != nil {
		return nil, err
	}
	atlas := status.Derive(site)
	files := render.Files{}
	downloads, err := export.Write(atlas, export.Options{Maps: maps.Provinces}, func(p string, b []byte) error {
		files[p] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	pages, err := render.Site(atlas, render.Options{Layouts: layouts, Maps: maps.Provinces, Nation: maps.Nation, Downloads: downloads})
	if err != nil {
		return nil, err
	}
	for p, b := range pages {
		files[p] = b
	}
	if broken := linkcheck.Check(files, model.BasePath(site.Config.BaseURL)); len(broken) > 0 {
		return nil, brokenList(broken)
	}
	return files, nil
}
