// Package mapfile is the pipeline of atlas map: it reads any boundary file, draws it with the
// geometry engine as a gap-free SVG map, and measures the result, beside another tool's
// simplification of the same file when asked (bench/geometry.sh).
package mapfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/ntm-atlas/atlas/internal/topo"
	"github.com/paulmach/orb"
)

// Options say which boundary file to draw and how.
type Options struct {
	In           string // GeoJSON FeatureCollection, plain or gzip-compressed
	CodeProperty string // property holding each unit's code; "" means "code"
	Group        string // when set, dissolve units by this property (e.g. "province_code")
	Draw         carto.Options
	SVG          string // where to write the SVG; "" writes none
	// Compare names another tool's simplified version of In (GeoJSON, lon/lat), to judge it
	// on this map's grid by the same measures.
	Compare string
	// Check measures the result (crossings in the source, disagreeing borders); it costs
	// about as much as drawing, so a timed run leaves it off.
	Check bool
}

// Report says what drawing a boundary file took and gave.
type Report struct {
	Units         int
	Read, Draw    time.Duration
	Write         time.Duration
	SVGBytes      int64
	Stats         carto.Stats
	Lost          int // units with no shape
	Disagreements int // border segments on which neighbours disagree
	Warnings      int // units with source defects
	// Defects are the source defects found, by unit code: with Check, they include the
	// pairs of units that overlap or cross and the gaps between units.
	Defects  []carto.Warning
	Compared *Judgement
}

// Judgement measures a simplified map made by another tool.
type Judgement struct {
	Units         int
	Vertices      int
	Lost          int
	Disagreements int
	Invalid       int // units whose shape is not a valid OGC MultiPolygon on the map's grid
}

// Draw reads a boundary file, draws it with the geometry engine, writes it as SVG and
// measures the result: the "read, simplify, write" job of the geometry benchmark.
func Draw(opts Options) (*Report, error) {
	// A national file is hundreds of megabytes of garbage-collected geometry: collecting
	// twice as often keeps the peak about a quarter lower for a fifth more time.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	rep := &Report{}
	start := time.Now()
	features, groups, err := readFeatures(opts.In, opts.CodeProperty, opts.Group)
	if err != nil {
		return nil, err
	}
	rep.Units = len(features)
	rep.Read = time.Since(start)

	start = time.Now()
	d := opts.Draw
	if opts.Group != "" {
		d.Groups = groups
	}
	d.Release = true // only the codes are needed afterwards
	d.SourceCrossings = opts.Check
	m, err := carto.Draw(features, d)
	if err != nil {
		return nil, err
	}
	rep.Draw = time.Since(start)
	rep.Stats, rep.Defects = m.Stats, m.Warnings
	units := map[string]bool{}
	for _, w := range m.Warnings {
		units[w.Code] = true
	}
	rep.Warnings = len(units)

	if opts.SVG != "" {
		start = time.Now()
		f, err := os.Create(opts.SVG)
		if err != nil {
			return nil, err
		}
		if err := carto.WriteSVG(f, m); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		rep.Write = time.Since(start)
		if st, err := os.Stat(opts.SVG); err == nil {
			rep.SVGBytes = st.Size()
		}
	}

	shapes := make([]topo.Shape, len(m.Shapes))
	for i, s := range m.Shapes {
		shapes[i] = topo.Shape{ID: i, Polygons: s.Polygons}
		if len(s.Polygons) == 0 {
			rep.Lost++
		}
	}
	if opts.Group == "" && opts.Check {
		rep.Disagreements = topo.Disagreements(shapes)
	}
	if opts.Compare != "" {
		other, _, err := readFeatures(opts.Compare, opts.CodeProperty, "")
		if err != nil {
			return nil, fmt.Errorf("compare: %w", err)
		}
		rep.Compared = judge(m.Frame, features, other)
	}
	return rep, nil
}

// judge quantizes another tool's output on the frame of this map and measures it.
func judge(fr carto.Frame, in, out []carto.Feature) *Judgement {
	j := &Judgement{Units: len(out)}
	byCode := map[string]orb.MultiPolygon{}
	for _, f := range out {
		byCode[f.Code] = f.Geometry
	}
	shapes := make([]topo.Shape, 0, len(in))
	for i, f := range in {
		polys := carto.Quantize(byCode[f.Code], fr)
		area := int64(0)
		for _, p := range polys {
			for _, r := range p {
				j.Vertices += max(0, len(r)-1) // the closing point repeats the first
				area += topo.RingArea2(r)
			}
		}
		if len(polys) == 0 || area == 0 {
			j.Lost++
		} else if _, ok := topo.Validate(polys); !ok {
			j.Invalid++
		}
		shapes = append(shapes, topo.Shape{ID: i, Polygons: polys})
	}
	j.Disagreements = topo.Disagreements(shapes)
	return j
}

// readFeatures reads every Polygon or MultiPolygon feature of a GeoJSON file, with its code
// and, when group is set, the value of that property.
func readFeatures(path, codeProp, group string) ([]carto.Feature, []string, error) {
	if codeProp == "" {
		codeProp = "code"
	}
	r, err := geojson.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	dec := geojson.NewDecoder(r)
	var features []carto.Feature
	var groups []string
	for {
		f, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if f.Geometry == nil {
			continue
		}
		code := fmt.Sprint(f.Properties[codeProp])
		features = append(features, carto.Feature{Code: code, Geometry: f.Geometry})
		if group != "" {
			groups = append(groups, fmt.Sprint(f.Properties[group]))
		}
	}
	return features, groups, nil
}
