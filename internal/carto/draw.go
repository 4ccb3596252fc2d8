package carto

import (
	"math"

	"github.com/ntm-atlas/atlas/internal/topo"
)

// draw fills m's shapes: it quantizes the features to the map's grid, finds the borders they
// share, simplifies each border once at minArea (or to opts.Keep), repairs crossings that
// simplification made, dissolves groups if asked, and writes each shape's path.
func draw(m *Map, features []Feature, opts Options, tol float64) {
	shapes := make([]topo.Shape, len(features))
	for i, f := range features {
		shapes[i] = topo.Shape{ID: i, Polygons: quantizeFeature(f, m.Frame)}
		for _, p := range shapes[i].Polygons {
			for _, r := range p {
				m.Stats.Points += len(r)
			}
		}
	}
	src, rep := topo.Build(shapes)
	m.Stats.Arcs, m.Stats.SharedArcs = rep.Arcs, rep.SharedArcs
	m.Stats.SourceCrossings = src.Intersections()
	minArea := minAreaFor(tol)
	if opts.Keep > 0 {
		minArea = src.AreaToKeep(opts.Keep)
	}
	t := src.Simplify(minArea)
	made := t.Intersections()
	m.Stats.Crossings = t.Repair(src)
	m.Stats.Repaired = max(0, made-m.Stats.Crossings)
	codes := make([]string, len(features))
	for i, f := range features {
		codes[i] = f.Code
	}
	if opts.Groups != nil {
		ids, names := groupIDs(opts.Groups)
		t = t.Dissolve(ids)
		codes = names
	}
	m.Shapes = make([]Shape, len(t.Shapes))
	for i := range t.Shapes {
		polys := t.Rings(i)
		if len(polys) == 0 && opts.Groups == nil {
			// The unit has no area at this size, even before simplification: keep it visible.
			polys = []topo.Polygon{{minimal(shapes[t.Shapes[i].ID].Polygons)}}
		}
		rings := toRings(polys)
		for _, r := range rings {
			m.Stats.Kept += len(r)
		}
		m.Shapes[i] = Shape{
			Code:     codes[t.Shapes[i].ID],
			Path:     string(appendPath(nil, rings)),
			Polygons: polys,
			Label:    label(rings),
			Bound:    bound(rings),
		}
	}
}

// quantizeFeature projects a feature's rings and rounds them to the integer grid.
func quantizeFeature(f Feature, fr Frame) []topo.Polygon {
	out := make([]topo.Polygon, 0, len(f.Geometry))
	for _, poly := range f.Geometry {
		var p topo.Polygon
		for _, r := range poly {
			q := make(topo.Ring, len(r))
			for i, pt := range r {
				xy := fr.point(pt)
				q[i] = topo.Point{X: int32(math.Round(xy[0])), Y: int32(math.Round(xy[1]))}
			}
			if len(q) > 0 && q[0] != q[len(q)-1] {
				q = append(q, q[0])
			}
			p = append(p, q)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// toRings turns closed topo rings into the open rings paths and labels use.
func toRings(polys []topo.Polygon) []ring {
	var out []ring
	for _, p := range polys {
		for _, r := range p {
			if len(r) < 2 {
				continue
			}
			q := make(ring, len(r)-1)
			for i, pt := range r[:len(r)-1] {
				q[i] = point{int(pt.X), int(pt.Y)}
			}
			out = append(out, q)
		}
	}
	return out
}

// groupIDs numbers the distinct group values in first-seen order.
func groupIDs(groups []string) (ids []int, names []string) {
	seen := map[string]int{}
	ids = make([]int, len(groups))
	for i, g := range groups {
		id, ok := seen[g]
		if !ok {
			id = len(names)
			seen[g] = id
			names = append(names, g)
		}
		ids[i] = id
	}
	return ids, names
}

// minimal returns the smallest visible shape for polygons that quantized to nothing: their
// bound, widened to at least one pixel each way, as a clockwise (on screen) rectangle.
func minimal(polys []topo.Polygon) topo.Ring {
	minX, minY := int32(math.MaxInt32), int32(math.MaxInt32)
	maxX, maxY := int32(math.MinInt32), int32(math.MinInt32)
	for _, p := range polys {
		for _, r := range p {
			for _, pt := range r {
				minX, minY = min(minX, pt.X), min(minY, pt.Y)
				maxX, maxY = max(maxX, pt.X), max(maxY, pt.Y)
			}
		}
	}
	if minX > maxX {
		return nil
	}
	if maxX-minX < Precision {
		c := minX + (maxX-minX)/2
		minX, maxX = c-Precision/2, c-Precision/2+Precision
	}
	if maxY-minY < Precision {
		c := minY + (maxY-minY)/2
		minY, maxY = c-Precision/2, c-Precision/2+Precision
	}
	return topo.Ring{{X: minX, Y: minY}, {X: maxX, Y: minY}, {X: maxX, Y: maxY}, {X: minX, Y: maxY}, {X: minX, Y: minY}}
}

// minAreaFor turns a tolerance in SVG units into Visvalingam's area threshold: a vertex goes
// when the triangle it makes with its neighbours is smaller than a square twice the
// tolerance on a side, which keeps about as many vertices as Douglas-Peucker at the
// tolerance would.
func minAreaFor(tol float64) float64 { return 4 * tol * tol }
