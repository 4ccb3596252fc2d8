package topo

import (
	"cmp"
	"math"
	"slices"
)

// nodePasses bounds Node's passes: a crossing point rounded to the grid moves by half a
// unit at most, which may make another crossing nearby, rarely more than once.
const nodePasses = 8

// Node puts into t's arcs, in place, the points where a shape's boundary meets itself other
// than at a vertex of both: a vertex of one arc inside a segment of another (or of the same
// arc), both drawn by one shape, goes into that segment, and where two such segments cross,
// the crossing point, rounded to the grid, goes into both. The boundary then meets itself
// only at vertices, which Untangle can split it at; since the points go into the arcs, every
// shape drawing an arc gets them, so neighbours keep sharing their borders vertex for
// vertex. Segments of arcs that no shape draws together are left alone (an overlap between
// neighbours is a matter of Conflicts, not of either shape's validity). A crossing rounded
// to the grid may make another nearby, so Node repeats until none is left, at most
// nodePasses times. It returns the number of vertices put in and of the meetings left.
func (t *Topology) Node() (added, left int) {
	drawnBy := make([][]int32, len(t.Arcs))
	for i, s := range t.Shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				for _, ref := range r {
					if u := drawnBy[ref.Arc]; len(u) == 0 || u[len(u)-1] != int32(i) {
						drawnBy[ref.Arc] = append(u, int32(i))
					}
				}
			}
		}
	}
	together := func(a, b int32) bool {
		if a == b {
			return true
		}
		for _, i := range drawnBy[a] {
			if slices.Contains(drawnBy[b], i) {
				return true
			}
		}
		return false
	}
	for range nodePasses {
		ins := t.meetings(together)
		if len(ins) == 0 {
			return added, 0
		}
		added += t.insert(ins)
	}
	return added, len(t.meetings(together))
}

// insertion is a point to put into segment i of an arc.
type insertion struct {
	arc, i int32
	p      Point
}

// meetings lists the points to put into segments so that the boundaries of shapes meet only
// at vertices, for the pairs of arcs together accepts.
func (t *Topology) meetings(together func(a, b int32) bool) []insertion {
	type aseg struct {
		arc, i   int32
		min, max Point
	}
	var segs []aseg
	for a, pts := range t.Arcs {
		for i := 0; i+1 < len(pts); i++ {
			p, q := pts[i], pts[i+1]
			if p == q {
				continue
			}
			segs = append(segs, aseg{int32(a), int32(i), Point{min(p.X, q.X), min(p.Y, q.Y)}, Point{max(p.X, q.X), max(p.Y, q.Y)}})
		}
	}
	slices.SortFunc(segs, func(a, b aseg) int { return cmp.Compare(a.min.X, b.min.X) })
	var out []insertion
	inside := func(s aseg, p Point) {
		pts := t.Arcs[s.arc]
		if p != pts[s.i] && p != pts[s.i+1] {
			out = append(out, insertion{s.arc, s.i, p})
		}
	}
	for k, s := range segs {
		a, b := t.Arcs[s.arc][s.i], t.Arcs[s.arc][s.i+1]
		for _, u := range segs[k+1:] {
			if u.min.X > s.max.X {
				break
			}
			if u.min.Y > s.max.Y || u.max.Y < s.min.Y || !together(s.arc, u.arc) {
				continue
			}
			c, d := t.Arcs[u.arc][u.i], t.Arcs[u.arc][u.i+1]
			switch kind, p := meet(a, b, c, d); kind {
			case touch:
				inside(s, p)
				inside(u, p)
			case overlap:
				for _, q := range [2]Point{c, d} {
					if orient(a, b, q) == 0 && between(a, b, q) {
						inside(s, q)
					}
				}
				for _, q := range [2]Point{a, b} {
					if orient(c, d, q) == 0 && between(c, d, q) {
						inside(u, q)
					}
				}
			case cross:
				p := crossing2(a, b, c, d)
				inside(s, p)
				inside(u, p)
			}
		}
	}
	return out
}

// crossing2 returns the point where segments ab and cd cross, rounded to the grid.
func crossing2(a, b, c, d Point) Point {
	rx, ry := float64(b.X)-float64(a.X), float64(b.Y)-float64(a.Y)
	sx, sy := float64(d.X)-float64(c.X), float64(d.Y)-float64(c.Y)
	den := rx*sy - ry*sx
	f := ((float64(c.X)-float64(a.X))*sy - (float64(c.Y)-float64(a.Y))*sx) / den
	return Point{int32(math.Round(float64(a.X) + f*rx)), int32(math.Round(float64(a.Y) + f*ry))}
}

// insert puts the points into their segments, each segment's in order along it, and returns
// how many went in.
func (t *Topology) insert(ins []insertion) int {
	slices.SortFunc(ins, func(x, y insertion) int {
		if c := cmp.Or(cmp.Compare(x.arc, y.arc), cmp.Compare(x.i, y.i)); c != 0 {
			return c
		}
		a, b := t.Arcs[x.arc][x.i], t.Arcs[x.arc][x.i+1]
		dx, dy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
		along := func(p Point) int64 { return (int64(p.X)-int64(a.X))*dx + (int64(p.Y)-int64(a.Y))*dy }
		return cmp.Or(cmp.Compare(along(x.p), along(y.p)), cmp.Compare(x.p.X, y.p.X), cmp.Compare(x.p.Y, y.p.Y))
	})
	ins = slices.CompactFunc(ins, func(x, y insertion) bool { return x == y })
	n := 0
	for len(ins) > 0 {
		a := ins[0].arc
		k := 1
		for k < len(ins) && ins[k].arc == a {
			k++
		}
		old := t.Arcs[a]
		pts := make([]Point, 0, len(old)+k)
		j := 0
		for i, p := range old {
			pts = append(pts, p)
			for ; j < k && ins[j].i == int32(i); j++ {
				if q := ins[j].p; q != pts[len(pts)-1] && (i+1 >= len(old) || q != old[i+1]) {
					pts = append(pts, q)
					n++
				}
			}
		}
		t.Arcs[a] = pts
		ins = ins[k:]
	}
	return n
}
