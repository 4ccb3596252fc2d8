package pipeline

import (
	"github.com/ntm-atlas/atlas/internal/cache"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Derived is a site read, validated and derived, as a build has it before it draws a map or
// renders a page: what atlas diff compares.
type Derived struct {
	Atlas    *status.Atlas
	Warnings diag.List
	geo      *cache.Geometry
}

// Derive reads and validates the site and derives its statuses, taking boundaries from the
// cache when their files are unchanged (and keeping those it decodes there). It renders
// nothing. The error is non-nil when the site has errors: a diag.List of them.
func Derive(opts Options) (*Derived, error) {
	geo := opts.cache().Geometry()
	site, diags, err := load(opts.Site, read.Options{Boundaries: geo.ReadBoundaries})
	d := &Derived{Warnings: diags.Warnings(), geo: geo}
	if err != nil {
		return d, err
	}
	d.Atlas = status.Derive(site)
	return d, nil
}

// Maps returns the site's maps, drawn as a build draws them, from the cache when the
// boundaries and the units' provinces are those of an earlier build.
func (d *Derived) Maps() (*geometry.Maps, error) { return d.geo.Maps(d.Atlas.Site) }
