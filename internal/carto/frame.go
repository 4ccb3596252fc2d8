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

// newFrame fits the union bound of features, in Web Mercator, to pixelWidth pixels of
// precision units each.
func newFrame(features []Feature, pixelWidth, precision int) (Frame, error) {
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
	width, height := pixelWidth*precision, pixelHeight*precision
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
	x, y := mercator(p)
	return orb.Point{(x-f.MinX)*f.Scale + f.OffX, (f.MaxY-y)*f.Scale + f.OffY}
}

// Web Mercator with a table for y: projecting millions of vertices with a logarithm and a
// tangent each was a third of the time to draw the national map. Up to 60° of latitude, y is
// interpolated linearly between latitudes 0.005° apart (the
// error of linear interpolation is h²/8 · y″, and y″ = R sec φ tan φ is below 2.3e7 m/rad²
// there, so the error stays within 2.5 cm): far below the map's grid, which is metres even on a large province map. Beyond 60°
// the exact formula is used.
const (
	mercStep  = 0.005 // degrees of latitude between table entries
	mercLimit = 60.0  // the table covers -60° to 60°
)

var mercTable = func() []float64 {
	n := int(2*mercLimit/mercStep) + 1
	t := make([]float64, n)
	for i := range t {
		lat := -mercLimit + float64(i)*mercStep
		t[i] = project.WGS84.ToMercator(orb.Point{0, lat})[1]
	}
	return t
}()

// mercator projects lon/lat to Web Mercator metres.
func mercator(p orb.Point) (x, y float64) {
	x = p[0] * (math.Pi / 180) * 6378137
	lat := p[1]
	if lat <= -mercLimit || lat >= mercLimit {
		m := project.WGS84.ToMercator(p)
		return x, m[1]
	}
	pos := (lat + mercLimit) / mercStep
	i := int(pos)
	frac := pos - float64(i)
	y = mercTable[i] + (mercTable[i+1]-mercTable[i])*frac
	return x, y
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
