package carto

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/ntm-atlas/atlas/internal/topo"
	"github.com/paulmach/orb"
)

// Version names the engine's algorithms and output. Change it whenever Draw's output for the
// same input and options may change: builds use it in the key of their geometry cache.
const Version = "topo-5"

// Precision is the default number of SVG units per display pixel.
const Precision = 10

// DefaultTolerance is the simplification tolerance, in display pixels, used when
// Options.Tolerance is zero.
const DefaultTolerance = 0.5

// Feature is one unit's boundary in WGS84 lon/lat.
type Feature struct {
	Code     string
	Geometry orb.MultiPolygon
}

// Options say how big the target map is and how much to simplify.
type Options struct {
	// Width is the target width in CSS pixels, e.g. 800 for the province map,
	// 240 for a locator.
	Width int
	// Tolerance in pixels for simplification; 0 means DefaultTolerance. A vertex
	// goes when the triangle it makes with its neighbours is smaller than a
	// square Tolerance pixels on a side.
	Tolerance float64
	// Keep, when above 0, overrides Tolerance: keep this share (0 to 1) of the
	// removable vertices, as mapshaper's "-simplify 10%" keeps 10 %.
	Keep float64
	// Vertices, when above 0, overrides Tolerance and Keep: simplify to about this many
	// vertices in all (each shape's rings counted as drawn), to compare with another tool
	// at the same number of retained vertices.
	Vertices int
	// Groups, when not nil, dissolves the features into groups (one per distinct
	// value, such as a province code) by dropping the borders inside a group:
	// the map then has one shape per group, with the group's value as its Code.
	Groups []string
	// SourceCrossings asks Draw to count the segment crossings in the quantized source
	// (Stats.SourceCrossings) and warn about each unit whose boundary crosses: a check of
	// the input that costs as much as the rest. Draw then also names, on the map drawn,
	// each pair of units that overlap or whose borders cross, and each gap between units
	// (see topo.Conflicts and topo.Gaps), unless it dissolves groups.
	SourceCrossings bool
	// Snap, when above 0, first makes borders that neighbours draw with different vertices
	// (the source is not exactly topological) identical where they lie within Snap grid
	// units: 1 is the most that rounding moves a point. See topo.Snap.
	Snap int
	// Precision is the number of SVG units per display pixel; 0 means Precision (10).
	// A finer grid keeps more detail and costs more bytes per vertex.
	Precision int
	// Release lets Draw set each feature's Geometry to nil once it is on the grid, so that
	// the input's float coordinates can be freed while the map is drawn: for large inputs
	// the caller no longer needs.
	Release bool
}

// Map is a projected, simplified, quantized map ready to be written as inline SVG.
type Map struct {
	// Width and Height are the viewBox size, "0 0 Width Height", in SVG units:
	// Precision times PixelWidth and PixelHeight.
	Width, Height int
	// PixelWidth and PixelHeight are the intended display size in CSS pixels.
	PixelWidth, PixelHeight int
	// Precision is the number of SVG units per display pixel.
	Precision int
	// Shapes are in the same order as the input features (or groups, first seen first).
	Shapes []Shape
	// Frame places longitude/latitude on the map and back.
	Frame Frame
	// Stats describe the topology and what simplification did.
	Stats Stats
	// Warnings are defects found in the source geometry, by unit. They are
	// reported, not fixed.
	Warnings []Warning
}

// ViewBox returns the value of the SVG viewBox attribute, "0 0 Width Height".
func (m *Map) ViewBox() string {
	return "0 0 " + strconv.Itoa(m.Width) + " " + strconv.Itoa(m.Height)
}

// Shape is one unit on the map.
type Shape struct {
	Code string
	// Path is SVG path data: an absolute M for the first point of each ring,
	// then relative l/h/v commands with integer coordinates, each ring closed
	// with z. Draw it with fill-rule evenodd.
	Path string
	// Polygons are the simplified rings in map coordinates, outer ring first in
	// each polygon; outer rings run clockwise on the screen (y down), holes
	// counter-clockwise.
	Polygons []topo.Polygon
	// Label is a point well inside the unit (its pole of inaccessibility) for a
	// label or tooltip, in map coordinates.
	Label orb.Point
	// Bound is the unit's bound in map coordinates.
	Bound orb.Bound
}

// Stats count what the geometry engine found and did.
type Stats struct {
	Points          int             // input vertices
	Kept            int             // vertices drawn
	Arcs            int             // borders between nodes
	SharedArcs      int             // arcs two units share
	SourceCrossings int             // segment crossings in the quantized source, when asked for
	Repaired        int             // crossings simplification made and repair removed
	Crossings       int             // crossings left after repair
	Noded           int             // vertices put where a unit's boundary met itself between vertices
	Invalid         int             // shapes that are not valid OGC polygons (see topo.Validate); 0 unless untangling failed
	Snapped         topo.SnapReport // what snapping borders together changed
}

// Warning is a defect of one unit's source geometry.
type Warning struct {
	Code string
	Msg  string
}

// Draw projects, quantizes and simplifies features into a map Options.Width
// pixels wide. Shared borders are simplified once, so neighbours stay exactly
// gap-free and overlap-free, and every feature keeps a visible shape however
// small it is at that width. Draw returns an error for a feature with an empty
// geometry or a coordinate that is not a finite longitude/latitude.
func Draw(features []Feature, opts Options) (*Map, error) {
	if opts.Width <= 0 {
		return nil, fmt.Errorf("carto: width %d is not positive", opts.Width)
	}
	tol := opts.Tolerance
	if tol == 0 {
		tol = DefaultTolerance
	}
	if tol < 0 || math.IsNaN(tol) || math.IsInf(tol, 0) {
		return nil, fmt.Errorf("carto: tolerance %v is not a positive number", opts.Tolerance)
	}
	if opts.Keep < 0 || opts.Keep > 1 || math.IsNaN(opts.Keep) {
		return nil, fmt.Errorf("carto: keep %v is not between 0 and 1", opts.Keep)
	}
	if len(features) == 0 {
		return nil, errors.New("carto: no features")
	}
	if opts.Groups != nil && len(opts.Groups) != len(features) {
		return nil, fmt.Errorf("carto: %d groups for %d features", len(opts.Groups), len(features))
	}
	for _, f := range features {
		if err := check(f); err != nil {
			return nil, err
		}
	}
	prec := opts.Precision
	if prec == 0 {
		prec = Precision
	}
	if prec < 1 || prec > 1000 {
		return nil, fmt.Errorf("carto: precision %d is not between 1 and 1000", opts.Precision)
	}
	fr, err := newFrame(features, opts.Width, prec)
	if err != nil {
		return nil, err
	}
	m := &Map{
		Width:       fr.Width,
		Height:      fr.Height,
		PixelWidth:  opts.Width,
		PixelHeight: fr.Height / prec,
		Precision:   prec,
		Frame:       fr,
		Warnings:    defects(features),
	}
	draw(m, features, opts, tol*float64(prec))
	return m, nil
}
