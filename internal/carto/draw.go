package carto

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/topo"
	"github.com/paulmach/orb"
)

// draw fills m's shapes: it quantizes the features to the map's grid, finds the borders they
// share, simplifies each border once at minArea (or to opts.Keep), repairs crossings that
// simplification made, dissolves groups if asked, and writes each shape's path.
func draw(m *Map, features []Feature, opts Options, tol float64) {
	shapes := make([]topo.Shape, len(features))
	each(len(features), func(i int) {
		shapes[i] = topo.Shape{ID: i, Polygons: Quantize(features[i].Geometry, m.Frame)}
		if opts.Release {
			features[i].Geometry = nil
		}
	})
	for _, s := range shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				m.Stats.Points += len(r)
			}
		}
	}
	if opts.Snap > 0 {
		m.Stats.Snapped = topo.Snap(shapes, int32(opts.Snap))
		if opts.Release {
			// Snap's index, as large as the shapes twice over, is garbage now: collect
			// it before Build allocates as much again, or the heap grows by both.
			runtime.GC()
		}
	}
	src, rep := topo.Build(shapes)
	m.Stats.Arcs, m.Stats.SharedArcs = rep.Arcs, rep.SharedArcs
	if opts.SourceCrossings {
		m.Stats.SourceCrossings = src.Intersections()
		if m.Stats.SourceCrossings > 0 {
			for i, n := range src.CrossingsByShape() {
				if n > 0 {
					m.Warnings = append(m.Warnings, Warning{Code: features[src.Shapes[i].ID].Code,
						Msg: fmt.Sprintf("crosses itself or a neighbour's boundary %s (on the map's grid)", times(n))})
				}
			}
			sort.SliceStable(m.Warnings, func(a, b int) bool { return m.Warnings[a].Code < m.Warnings[b].Code })
		}
	}
	var t *topo.Topology
	switch {
	case opts.Vertices > 0:
		t, _ = src.SimplifyToVertices(opts.Vertices)
	case opts.Keep > 0:
		t, _ = src.SimplifyToKeep(opts.Keep)
	default:
		t = src.Simplify(minAreaFor(tol))
	}
	made, left := t.RepairCounted(src)
	m.Stats.Crossings = left
	m.Stats.Repaired = max(0, made-left)
	// Where a unit's boundary still meets itself between vertices (crossings in the source,
	// vertices on a segment), make those points vertices of the arcs, so that Untangle below
	// can split the rings there and the unit's neighbours get the same vertices.
	m.Stats.Noded, _ = t.Node()
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
	invalid := make([]bool, len(t.Shapes))
	each(len(t.Shapes), func(i int) {
		// Valid OGC polygons: rings pinched at a vertex (a neck of land narrower than the
		// grid) split there, no stretch drawn both ways.
		polys, ok := topo.Untangle(t.Rings(i))
		invalid[i] = !ok
		if len(polys) == 0 && opts.Groups == nil {
			// The unit has no area at this size, even before simplification: keep it visible.
			polys = []topo.Polygon{{minimal(shapes[t.Shapes[i].ID].Polygons, int32(m.Precision))}}
		}
		rings := toRings(polys)
		m.Shapes[i] = Shape{
			Code:     codes[t.Shapes[i].ID],
			Path:     string(appendPath(nil, rings)),
			Polygons: polys,
			Label:    label(rings, float64(m.Precision)/2),
			Bound:    bound(rings),
		}
	})
	for i, s := range m.Shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				m.Stats.Kept += len(r) - 1 // a closed ring repeats its first point
			}
		}
		if invalid[i] {
			m.Stats.Invalid++
		}
	}
	if opts.SourceCrossings && opts.Groups == nil {
		m.Warnings = append(m.Warnings, conflicts(m)...)
		sort.SliceStable(m.Warnings, func(a, b int) bool { return m.Warnings[a].Code < m.Warnings[b].Code })
	}
}

// each calls f(0) … f(n-1), spread over the machine's cores. Each call must touch only its
// own index's data.
func each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// Quantize projects a multipolygon's rings onto the map's grid, closing any ring left open.
func Quantize(mp orb.MultiPolygon, fr Frame) []topo.Polygon {
	out := make([]topo.Polygon, 0, len(mp))
	for _, poly := range mp {
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
func minimal(polys []topo.Polygon, px int32) topo.Ring {
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
	if maxX-minX < px {
		c := minX + (maxX-minX)/2
		minX, maxX = c-px/2, c-px/2+px
	}
	if maxY-minY < px {
		c := minY + (maxY-minY)/2
		minY, maxY = c-px/2, c-px/2+px
	}
	return topo.Ring{{X: minX, Y: minY}, {X: maxX, Y: minY}, {X: maxX, Y: maxY}, {X: minX, Y: maxY}, {X: minX, Y: minY}}
}

// minAreaFor turns a tolerance in SVG units into Visvalingam's area threshold: a vertex goes
// when the triangle it makes with its neighbours is smaller than a square twice the
// tolerance on a side, which keeps about as many vertices as Douglas-Peucker at the
// tolerance would.
func minAreaFor(tol float64) float64 { return 4 * tol * tol }

// times words a count of occurrences: "once", "2 times".
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
