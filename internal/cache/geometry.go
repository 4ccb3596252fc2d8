package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
)

// geometryVersion names the format of the geometry entries and the geometry engine's
// algorithms, so that entries made by older builds are not used.
const geometryVersion = "atlas-geometry-3/" + carto.Version

// Geometry is a build's geometry stage through the cache: it decodes boundary files and
// draws maps, reusing what an earlier build kept when the inputs are the same, so a build
// where only TOML or Markdown changed does no geometry work at all.
type Geometry struct {
	c *Cache
	// Show, when not nil, shows the stage's progress (a phase, and printf-style what).
	Show func(phase, format string, args ...any)

	runs  int                  // boundary files decoded plus maps drawn
	files map[string]fileEntry // by file path: what a boundary file decoded to

	// What the last call of ReadBoundaries for each file gave, and the last maps drawn or
	// loaded, by key: a stage used again (atlas serve's, on every save) takes them from
	// memory when the file, or the key, is the same.
	read map[string]readEntry
	maps struct {
		key string
		d   *geometry.Maps
	}
}

type readEntry struct {
	data []byte
	src  model.Source
	bs   []*model.Boundary
	ds   diag.List
}

type fileEntry struct {
	hash string
	data []byte
	src  model.Source
}

// cachedBoundary is a boundary without its geometry, as kept in the cache.
type cachedBoundary struct {
	Pos              diag.Pos
	Code, Name, Type string
	Province         string
}

type cachedDiag struct {
	Pos      diag.Pos
	Severity diag.Severity
	Msg      string
	Partial  bool // the file's reading stopped here (read.ErrPartial)
}

type boundaryEntry struct {
	Boundaries []cachedBoundary
	Diags      []cachedDiag
}

// Geometry returns a geometry stage that keeps its work in c.
func (c *Cache) Geometry() *Geometry { return &Geometry{c: c, files: map[string]fileEntry{}} }

// Runs counts the boundary files decoded and the maps drawn; 0 when everything came from
// the cache.
func (g *Geometry) Runs() int { return g.runs }

func (g *Geometry) show(phase, format string, args ...any) {
	if g.Show != nil {
		g.Show(phase, format, args...)
	}
}

// ReadBoundaries is a read.BoundaryReader that serves boundaries (without geometry) from the
// cache when the file is unchanged, and decodes and caches them otherwise.
func (g *Geometry) ReadBoundaries(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List) {
	if e, ok := g.read[file]; ok && e.src == src && len(e.data) == len(data) && len(data) > 0 && &e.data[0] == &data[0] {
		// The very bytes of the last call (read.Contents kept them): nothing to hash again.
		g.files[file] = fileEntry{hash: g.files[file].hash, data: data, src: src}
		bs := make([]*model.Boundary, len(e.bs))
		for i, b := range e.bs {
			c := *b
			bs[i] = &c
		}
		return bs, append(diag.List(nil), e.ds...)
	}
	bs, ds := g.readBoundaries(file, data, src)
	if g.read == nil {
		g.read = map[string]readEntry{}
	}
	keep := make([]*model.Boundary, len(bs))
	for i, b := range bs {
		c := *b
		c.Geometry = nil // what the cache gives
		keep[i] = &c
	}
	g.read[file] = readEntry{data: data, src: src, bs: keep, ds: append(diag.List(nil), ds...)}
	return bs, ds
}

func (g *Geometry) readBoundaries(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List) {
	sum := sha256.Sum256(data) // the file's bytes by their hash: Key would copy them twice
	h := Key(geometryVersion, "boundaries-3", file, src.CodeProperty, src.NameProperty, src.TypeProperty, src.ProvinceProperty, hex.EncodeToString(sum[:]))
	g.files[file] = fileEntry{hash: h, data: data, src: src}
	var e boundaryEntry
	if g.c.Load("b-"+h, &e) {
		var bs []*model.Boundary
		for _, c := range e.Boundaries {
			bs = append(bs, &model.Boundary{Pos: c.Pos, Code: c.Code, Name: c.Name, Type: c.Type, Province: c.Province})
		}
		var ds diag.List
		for _, d := range e.Diags {
			cd := &diag.Diagnostic{Pos: d.Pos, Severity: d.Severity, Msg: d.Msg}
			if d.Partial {
				cd.Err = read.ErrPartial
			}
			ds = append(ds, cd)
		}
		return bs, ds
	}
	bs, ds := g.decode(file)
	for _, b := range bs {
		e.Boundaries = append(e.Boundaries, cachedBoundary{Pos: b.Pos, Code: b.Code, Name: b.Name, Type: b.Type, Province: b.Province})
	}
	for _, d := range ds {
		e.Diags = append(e.Diags, cachedDiag{Pos: d.Pos, Severity: d.Severity, Msg: d.Msg, Partial: errors.Is(d, read.ErrPartial)})
	}
	g.c.Save("b-"+h, &e)
	return bs, ds
}

func (g *Geometry) decode(file string) ([]*model.Boundary, diag.List) {
	f := g.files[file]
	g.runs++
	g.show("decoding", "%s", file)
	return read.Boundaries(file, f.data, f.src)
}

// Maps returns each province's maps and the national map, from the cache when the boundary
// files and the units' provinces are the same as when they were drawn.
func (g *Geometry) Maps(site *model.Site) (*geometry.Maps, error) {
	parts := []string{geometryVersion, "maps", fmt.Sprint(geometry.ProvinceMapWidth, geometry.LocatorMapWidth, geometry.NationMapWidth)}
	var files []string
	for f := range g.files {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		parts = append(parts, f, g.files[f].hash)
	}
	for _, u := range site.Units { // sorted by code
		parts = append(parts, u.Code, u.Province)
	}
	key := "m-" + Key(parts...)
	if g.maps.key == key {
		return g.maps.d, nil
	}
	var d geometry.Maps
	if g.c.Load(key, &d) {
		g.maps.key, g.maps.d = key, &d
		return &d, nil
	}
	// Boundaries served from the cache have no geometry: decode their files again.
	need := false
	for _, b := range site.Boundaries {
		if b.Geometry == nil {
			need = true
			break
		}
	}
	if need {
		var all []*model.Boundary
		for _, f := range files {
			bs, ds := g.decode(f)
			if err := ds.Err(); err != nil {
				return nil, err
			}
			all = append(all, bs...)
		}
		site.Boundaries = all
	}
	// The national map is drawn beside the provinces' maps.
	var nation *carto.Map
	var nerr error
	var wg sync.WaitGroup
	wg.Go(func() { nation, nerr = geometry.Nation(site) })
	provs, err := geometry.Provinces(site, func(done, total int) {
		g.show("drawing maps", "%d/%d provinces and the national map", done, total)
	})
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if nerr != nil {
		return nil, nerr
	}
	d = geometry.Maps{Provinces: provs, Nation: nation}
	g.runs += 2*len(provs) + 1
	g.c.Save(key, &d)
	g.maps.key, g.maps.d = key, &d
	return &d, nil
}
