package carto

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// simplifyRing simplifies a closed ring in map coordinates with Douglas-Peucker
// at tol SVG units and quantizes it. It leaves r unchanged.
func simplifyRing(r orb.Ring, tol float64) ring {
	r = slices.Clone(r)
	if tol > 0 && len(r) > 4 {
		r = simplify.DouglasPeucker(tol).Ring(r)
	}
	return quantize(r)
}

// rescue returns a drawable ring for an outer ring that simplification lost:
// the ring simplified less, then not at all, then at worst a one-pixel square
// at the centre of its bound.
func rescue(r orb.Ring, tol float64) ring {
	for _, t := range []float64{tol / 4, 0} {
		if q := simplifyRing(r, t); q.drawable() {
			return q
		}
	}
	c := r.Bound().Center()
	x, y := int(math.Round(c[0]))-Precision/2, int(math.Round(c[1]))-Precision/2
	return ring{{x, y}, {x + Precision, y}, {x + Precision, y + Precision}, {x, y + Precision}}
}
