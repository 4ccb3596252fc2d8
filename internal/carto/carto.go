package carto

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Precision is the number of SVG units per display pixel.
const Precision = 10

// DefaultTolerance is the simplification tolerance, in display pixels, used when
// Options.Tolerance is zero.
const DefaultTolerance = 0.5

// Feature is one unit's boundary in WGS84 lon/lat.
type Feature struct {
	Code     string
	Geometry orb.MultiPolygon
}

// Options say how big the target map is.
type Options struct {
	// Width is the target width in CSS pixels, e.g. 800 for the province map,
	// 240 for a locator.
	Width int
	// Tolerance in pixels for simplification; 0 means DefaultTolerance.
	Tolerance float64
}

// Map is a projected, simplified, quantized map ready to be written as inline SVG.
type Map struct {
	// Width and Height are the viewBox size, "0 0 Width Height", in SVG units:
	// Precision times PixelWidth and PixelHeight.
	Width, Height int
	// PixelWidth and PixelHeight are the intended display size in CSS pixels.
	PixelWidth, PixelHeight int
	// Shapes are in the same order as the input features.
	Shapes []Shape
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
	// with z. Outer rings and holes are plain rings, wound as in the input:
	// fill with fill-rule="evenodd".
	Path string
	// Label is a point well inside the unit for a label or tooltip, in map
	// coordinates: the pole of inaccessibility of the drawn rings, on the
	// integer grid unless rounding would take it outside.
	Label orb.Point
	// Bound is the unit's bound in map coordinates.
	Bound orb.Bound
}

// Draw projects, simplifies and quantizes features into a map Options.Width
// pixels wide. Every feature gives a visible shape, however small it is at that
// width: parts and holes that simplification collapses are dropped, but a unit
// that would lose all its parts keeps its largest one, simplified less or, at
// worst, as a one-pixel square. Draw returns an error, naming the feature's
// code, for a feature with an empty geometry or a coordinate that is not a
// finite longitude/latitude.
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
	if len(features) == 0 {
		return nil, errors.New("carto: no features")
	}
	for _, f := range features {
		if err := check(f); err != nil {
			return nil, err
		}
	}
	fr, err := newFrame(features, opts.Width)
	if err != nil {
		return nil, err
	}
	m := &Map{
		Width:       fr.width,
		Height:      fr.height,
		PixelWidth:  opts.Width,
		PixelHeight: fr.height / Precision,
		Shapes:      make([]Shape, len(features)),
	}
	for i, f := range features {
		m.Shapes[i] = draw(f, fr, tol*Precision)
	}
	return m, nil
}
