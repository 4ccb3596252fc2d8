package carto

import (
	"errors"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// frame places Web Mercator coordinates on a map: north up, the union bound
// scaled to fit the map and centred in it. The map is the given number of
// pixels wide and as many whole pixels high as the bound's aspect ratio asks.
type frame struct {
	minX, maxY    float64 // Mercator north-west corner of the bound
	scale         float64 // SVG units per Mercator metre
	offX, offY    float64 // SVG units added to centre the bound
	width, height int     // viewBox size in SVG units
}

// newFrame fits the union bound of features, in Web Mercator, to pixelWidth.
func newFrame(features []Feature, pixelWidth int) (frame, error) {
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
		return frame{}, errors.New("carto: features have no east-west extent")
	}
	pixelHeight := max(1, int(math.Round(dy/dx*float64(pixelWidth))))
	width, height := pixelWidth*Precision, pixelHeight*Precision
	scale := float64(width) / dx
	if dy > 0 {
		scale = math.Min(scale, float64(height)/dy)
	}
	return frame{
		minX:   b.Min[0],
		maxY:   b.Max[1],
		scale:  scale,
		offX:   (float64(width) - dx*scale) / 2,
		offY:   (float64(height) - dy*scale) / 2,
		width:  width,
		height: height,
	}, nil
}

// point projects a lon/lat point to map coordinates.
func (f frame) point(p orb.Point) orb.Point {
	m := project.WGS84.ToMercator(p)
	return orb.Point{(m[0]-f.minX)*f.scale + f.offX, (f.maxY-m[1])*f.scale + f.offY}
}

// ring projects a lon/lat ring to a new, closed ring in map coordinates.
func (f frame) ring(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r), len(r)+1)
	for i, p := range r {
		out[i] = f.point(p)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}
