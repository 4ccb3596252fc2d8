package pipeline

import (
	"github.com/ntm-atlas/atlas/internal/cache"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
)

// A Session prepares a site again and again in memory, keeping between preparations what
// does not change with an edit of its content: the decoded boundaries and the drawn maps.
// It is atlas serve's, which prepares the site on every save and renders a page only when
// it is asked for. A Session is not safe for concurrent use.
type Session struct {
	opts Options
	geo  *cache.Geometry
}

// NewSession returns a session for the site of opts, with its geometry through opts's cache.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, geo: opts.cache().Geometry()}
}

// Memory is a site read, validated and derived, with its pages ready to be rendered on
// demand: each is byte for byte the file a build of the same input writes (render.OnDemand).
type Memory struct {
	Atlas    *status.Atlas
	Pages    *render.OnDemand
	Warnings diag.List
}

// Prepare reads and validates the site, derives its statuses, takes its maps from the
// session or the cache, and prepares its pages; it writes nothing but the cache's geometry.
// The error is a diag.List of the site's errors, or why the pages could not be prepared.
func (s *Session) Prepare() (*Memory, error) {
	site, diags, err := load(s.opts.Site, read.Options{Boundaries: s.geo.ReadBoundaries})
	m := &Memory{Warnings: diags.Warnings()}
	if err != nil {
		return m, err
	}
	maps, err := s.geo.Maps(site)
	if err != nil {
		return m, err
	}
	m.Warnings = append(m.Warnings, mapWarnings(site, maps)...)
	m.Warnings.Sort()
	m.Atlas = status.Derive(site)
	layouts, closeLayouts := siteFS(s.opts.Site, read.LayoutsDir)
	defer closeLayouts()
	texts, closeTexts := siteFS(s.opts.Site, read.I18nDir)
	defer closeTexts()
	m.Pages, err = render.Prepare(m.Atlas, render.Options{Layouts: layouts, I18n: texts, Nation: maps.Nation, Maps: maps.Provinces})
	return m, err
}
