package pipeline

import (
	"path"
	"path/filepath"
	"strings"

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
	opts     Options
	geo      *cache.Geometry
	contents contents
}

// NewSession returns a session for the site of opts, with its geometry through opts's cache.
func NewSession(opts Options) *Session {
	return &Session{opts: opts, geo: opts.cache().Geometry(), contents: contents{}}
}

// Changed tells the session that the files or folders at the given paths (absolute, or
// relative to the current folder, as a watcher of the site folder names them) changed since
// it last prepared the site: the next preparation reads them again. Every other file it read
// is taken as it was, from memory.
func (s *Session) Changed(paths ...string) {
	site, err := filepath.Abs(s.opts.Site)
	if err != nil {
		clear(s.contents) // read everything again
		return
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			clear(s.contents)
			return
		}
		rel, err := filepath.Rel(site, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue // outside the site
		}
		p = path.Clean(filepath.ToSlash(rel))
		for name := range s.contents {
			if name == p || strings.HasPrefix(name, p+"/") || p == "." {
				delete(s.contents, name)
			}
		}
	}
}

// contents are the files a session read, by name (read.Contents).
type contents map[string][]byte

func (c contents) Get(name string) ([]byte, bool) {
	b, ok := c[name]
	return b, ok
}

func (c contents) Put(name string, data []byte) { c[name] = data }

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
	site, diags, err := load(s.opts.Site, read.Options{Boundaries: s.geo.ReadBoundaries, Contents: s.contents})
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
