package carto

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ntm-atlas/atlas/internal/topo"
)

// defects lists what is wrong with each feature's source rings, as drawn from the input:
// repeated consecutive vertices. They are reported, not fixed in the source; the map is drawn
// without them.
func defects(features []Feature) []Warning {
	var out []Warning
	for _, f := range features {
		dups := 0
		for _, poly := range f.Geometry {
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					if r[i] == r[i-1] {
						dups++
					}
				}
			}
		}
		if dups > 0 {
			out = append(out, Warning{Code: f.Code, Msg: fmt.Sprintf("%d repeated consecutive vertices", dups)})
		}
	}
	return out
}

// conflicts names the pairs of units that overlap or whose borders cross on the map m, and
// the gaps between two or more units: what keeps neighbours from sharing their borders exactly. Each
// warning goes to the first unit of the pair (or of the units around a gap), with the
// other units' codes, the area in km² and a place (longitude, latitude).
func conflicts(m *Map) []Warning {
	shapes := make([]topo.Shape, len(m.Shapes))
	for i, s := range m.Shapes {
		shapes[i] = topo.Shape{ID: i, Polygons: s.Polygons}
	}
	var out []Warning
	for _, c := range topo.Conflicts(shapes) {
		a, b := m.Shapes[c.A].Code, m.Shapes[c.B].Code
		if b < a {
			a, b = b, a
		}
		at, km2 := m.place(c.Where, c.Area)
		segs := fmt.Sprintf("%d border segments disagree", c.Segments)
		if c.Segments == 1 {
			segs = "1 border segment disagrees"
		}
		msg := fmt.Sprintf("border crosses unit %s's (%s; near %s)", b, segs, at)
		if km2 > 0 {
			msg = fmt.Sprintf("overlaps unit %s (area ≈ %.3g km², %s; near %s)", b, km2, segs, at)
		}
		out = append(out, Warning{Code: a, Msg: msg})
	}
	for _, g := range topo.Gaps(shapes) {
		if len(g.Shapes) < 2 {
			continue // a hole in one unit, such as a lake, not a gap between units
		}
		codes := make([]string, len(g.Shapes))
		for i, s := range g.Shapes {
			codes[i] = m.Shapes[s].Code
		}
		slices.Sort(codes)
		at, km2 := m.place(g.Where, g.Area)
		msg := fmt.Sprintf("gap of ≈ %.3g km² between units %s (near %s)", km2, strings.Join(codes, ", "), at)
		out = append(out, Warning{Code: codes[0], Msg: msg})
	}
	return out
}

// place returns a point of the map as "longitude,latitude" and an area on the map around
// it, in square map units, in km².
func (m *Map) place(p topo.Point, area float64) (string, float64) {
	ll := m.Frame.LonLat(float64(p.X), float64(p.Y))
	// A Web Mercator metre is cos(latitude) metres on the ground.
	k := math.Cos(ll[1]*math.Pi/180) / m.Frame.Scale
	return fmt.Sprintf("%.4f,%.4f", ll[0], ll[1]), area * k * k / 1e6
}
