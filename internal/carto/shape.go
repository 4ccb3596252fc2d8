package carto

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// draw turns one feature into a shape, simplifying at tol SVG units. A polygon
// whose outer ring collapses is dropped with its holes; if all of them
// collapse, the largest is rescued so that the unit stays visible.
func draw(f Feature, fr frame, tol float64) Shape {
	var (
		rings    []ring
		lost     orb.Ring
		lostArea = -1.0
	)
	for _, poly := range f.Geometry {
		if len(poly) == 0 || len(poly[0]) == 0 {
			continue
		}
		outer := fr.ring(poly[0])
		q := simplifyRing(outer, tol)
		if !q.drawable() {
			if a := math.Abs(planar.Area(outer)); a > lostArea {
				lost, lostArea = outer, a
			}
			continue
		}
		rings = append(rings, q)
		for _, hole := range poly[1:] {
			if len(hole) == 0 {
				continue
			}
			if h := simplifyRing(fr.ring(hole), tol); h.drawable() {
				rings = append(rings, h)
			}
		}
	}
	if len(rings) == 0 {
		rings = append(rings, rescue(lost, tol))
	}
	return Shape{
		Code:  f.Code,
		Path:  string(appendPath(nil, rings)),
		Label: label(rings),
		Bound: bound(rings),
	}
}
