package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/render"
)

// geometryVersion names the cache's format and the geometry engine's algorithms, so that
// caches made by older builds are not used.
const geometryVersion = "atlas-geometry-3/" + carto.Version

// geometry is the build's geometry stage: it decodes boundary files and draws maps, reusing
// what an earlier build cached when the inputs are the same, so a build where only TOML or
// Markdown changed does no geometry work at all.
type geometry struct {
	dir  string // cache folder; "" disables the cache
	runs int    // boundary files decoded plus maps drawn by this build
	// readOnly makes save a no-op: atlas check reads the cache but writes nothing.
	readOnly bool

	files map[string]fileEntry // by file path: what a boundary file decoded to
	prog  *progress
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

func newGeometry(cacheDir string) *geometry {
	return &geometry{dir: cacheDir, files: map[string]fileEntry{}}
}

// readBoundaries is a read.BoundaryReader that serves boundaries (without geometry) from the
// cache when the file is unchanged, and decodes and caches them otherwise.
func (g *geometry) readBoundaries(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List) {
	h := hashOf(geometryVersion, "boundaries-2", file, src.CodeProperty, src.NameProperty, src.TypeProperty, src.ProvinceProperty, string(data))
	g.files[file] = fileEntry{hash: h, data: data, src: src}
	var e boundaryEntry
	if g.load("b-"+h, &e) {
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
	g.save("b-"+h, &e)
	return bs, ds
}

func (g *geometry) decode(file string) ([]*model.Boundary, diag.List) {
	f := g.files[file]
	g.runs++
	g.prog.show("decoding", "%s", file)
	return read.Boundaries(file, f.data, f.src)
}

// drawn is every map a build draws, as the cache keeps it.
type drawn struct {
	Provinces map[string]*render.ProvinceMaps
	Nation    *carto.Map
}

// maps returns each province's maps and the national map, from the cache when the boundary
// files and the units' provinces are the same as when they were drawn.
func (g *geometry) maps(site *model.Site) (*drawn, error) {
	parts := []string{geometryVersion, "maps", fmt.Sprint(ProvinceMapWidth, LocatorMapWidth, NationMapWidth)}
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
	key := "m-" + hashOf(parts...)
	var d drawn
	if g.load(key, &d) {
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
	maps, err := drawMaps(site, func(done, total int) {
		g.prog.show("drawing maps", "%d/%d provinces", done, total)
	})
	if err != nil {
		return nil, err
	}
	g.prog.show("drawing maps", "the national map")
	nation, err := NationMap(site)
	if err != nil {
		return nil, err
	}
	d = drawn{Provinces: maps, Nation: nation}
	g.runs += 2*len(maps) + 1
	g.save(key, &d)
	return &d, nil
}

func (g *geometry) path(key string) string { return filepath.Join(g.dir, key+".gob") }

// load reads a cache entry into v; false when there is none or it cannot be read.
func (g *geometry) load(key string, v any) bool {
	if g.dir == "" {
		return false
	}
	b, err := os.ReadFile(g.path(key))
	if err != nil {
		return false
	}
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v) == nil
}

// save writes a cache entry. A cache that cannot be written only costs time: errors are ignored.
func (g *geometry) save(key string, v any) {
	if g.dir == "" || g.readOnly {
		return
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return
	}
	if err := os.MkdirAll(g.dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(g.dir, ".tmp-")
	if err != nil {
		return
	}
	_, err = io.Copy(tmp, &buf)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	os.Rename(tmp.Name(), g.path(key))
}

// hashOf hashes the parts, each length-prefixed so that no two lists give the same input.
func hashOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
