package carto

import (
	"errors"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// Frame places Web Mercator coordinates on a map: north up, the union bound
// scaled to fit the map and centred in it. The map is the given number of
// pixels wide and as many whole pixels high as the bound's aspect ratio asks.
// Its fields are exported so that a drawn map can be cached and read back.
type Frame struct {
	MinX, MaxY    float64 // Mercator north-west corner of the bound
	Scale         float64 // SVG units per Mercator metre
	OffX, OffY    float64 // SVG units added to centre the bound
	Width, Height int     // viewBox size in SVG units
}

// newFrame fits the union bound of features, in Web Mercator, to pixelWidth.
func newFrame(features []Feature, pixelWidth int) (Frame, error) {
	var b orb.Bound
	first := true
	for _, f := range features {
		for _, poly := range f.Geometry {
			for _, r := range poly {
				if len(r) == 0 {
					continue
				}
				if first {
					b = r.Bound()
					first = false
					continue
				}
				b = b.Union(r.Bound())
			}
		}
	}
	// Mercator is monotonic in both axes, so projecting the corners projects the bound.
	b = project.Bound(b, project.WGS84.ToMercator)
	dx, dy := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if dx <= 0 {
		return Frame{}, errors.New("carto: features have no east-west extent")
	}
	pixelHeight := max(1, int(math.Round(dy/dx*float64(pixelWidth))))
	width, height := pixelWidth*Precision, pixelHeight*Precision
	scale := float64(width) / dx
	if dy > 0 {
		scale = math.Min(scale, float64(height)/dy)
	}
	return Frame{
		MinX:   b.Min[0],
		MaxY:   b.Max[1],
		Scale:  scale,
		OffX:   (float64(width) - dx*scale) / 2,
		OffY:   (float64(height) - dy*scale) / 2,
		Width:  width,
		Height: height,
	}, nil
}

// point projects a lon/lat point to map coordinates.
func (f Frame) point(p orb.Point) orb.Point {
	m := project.WGS84.ToMercator(p)
	return orb.Point{(m[0]-f.MinX)*f.Scale + f.OffX, (f.MaxY-m[1])*f.Scale + f.OffY}
}

// LonLat returns the longitude/latitude of a point in map coordinates: the inverse of the
// projection Draw applies.
func (f Frame) LonLat(x, y float64) orb.Point {
	m := orb.Point{(x-f.OffX)/f.Scale + f.MinX, f.MaxY - (y-f.OffY)/f.Scale}
	return project.Mercator.ToWGS84(m)
}

// ring projects a lon/lat ring to a new ring in map coordinates.
func (f Frame) ring(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = f.point(p)
	}
	return out
}
