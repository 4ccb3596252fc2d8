package topo

import (
	"math"
	"slices"
)

// assemble chains directed arcs into rings and groups them into polygons,
// largest first.
func (t *Topology) assemble(edges []ArcRef) [][][]ArcRef {
	from := map[Point][]int{}
	for i, e := range edges {
		p, _ := t.ends(e)
		from[p] = append(from[p], i)
	}
	used := make([]bool, len(edges))
	type ring struct {
		refs     []ArcRef
		area     int64
		pts      []Point
		min, max Point
	}
	var outers, holes []ring
	for i := range edges {
		if used[i] {
			continue
		}
		used[i] = true
		refs := []ArcRef{edges[i]}
		first, end := t.ends(edges[i])
		ok := true
		for end != first {
			_, in := t.leg(refs[len(refs)-1])
			next := t.turn(in, from[end], edges, used)
			if next < 0 {
				ok = false // a dangling chain: the topology is not consistent
				break
			}
			used[next] = true
			refs = append(refs, edges[next])
			_, end = t.ends(edges[next])
		}
		if !ok {
			continue
		}
		pts := t.appendRing(nil, refs)
		r := ring{refs: refs, area: area2(pts), pts: pts, min: pts[0], max: pts[0]}
		for _, p := range pts {
			r.min.X, r.min.Y = min(r.min.X, p.X), min(r.min.Y, p.Y)
			r.max.X, r.max.Y = max(r.max.X, p.X), max(r.max.Y, p.Y)
		}
		switch {
		case r.area > 0:
			outers = append(outers, r)
		case r.area < 0:
			holes = append(holes, r)
		}
	}
	// Largest first; a hole goes to the smallest outer ring holding it.
	slices.SortStableFunc(outers, func(a, b ring) int { return sign(b.area - a.area) })
	polys := make([][][]ArcRef, len(outers))
	for i, o := range outers {
		polys[i] = [][]ArcRef{o.refs}
	}
	for _, h := range holes {
		home := 0 // if no ring holds it, the largest
		for i := len(outers) - 1; i >= 0; i-- {
			o := outers[i]
			if o.area >= -h.area && o.min.X <= h.min.X && o.min.Y <= h.min.Y && o.max.X >= h.max.X && o.max.Y >= h.max.Y && holds(o.pts, h.pts) {
				home = i
				break
			}
		}
		if len(outers) > 0 {
			polys[home] = append(polys[home], h.refs)
		}
	}
	return polys
}

// turn returns the unused edge leaving the node that turns most sharply left
// after arriving in direction in, or -1 if there is none.
func (t *Topology) turn(in [2]int64, cands []int, edges []ArcRef, used []bool) int {
	best, bestAngle := -1, math.Inf(1)
	back := math.Atan2(float64(-in[1]), float64(-in[0]))
	for _, c := range cands {
		if used[c] {
			continue
		}
		out, _ := t.leg(edges[c])
		// Clockwise angle from the way back to the way out, in (0, 2π].
		a := math.Mod(back-math.Atan2(float64(out[1]), float64(out[0])), 2*math.Pi)
		if a <= 0 {
			a += 2 * math.Pi
		}
		if a < bestAngle {
			best, bestAngle = c, a
		}
	}
	return best
}

// holds reports whether ring outer holds ring inner: the first vertex of
// inner not on outer's boundary is inside it.
func holds(outer, inner []Point) bool {
	for _, p := range inner {
		switch pointInRing(p, outer) {
		case 1:
			return true
		case -1:
			return false
		}
	}
	return false
}

// pointInRing returns 1 if p is inside the closed ring r, -1 if outside and 0
// if on its boundary.
func pointInRing(p Point, r []Point) int {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if orient(a, b, p) == 0 && min(a.X, b.X) <= p.X && p.X <= max(a.X, b.X) && min(a.Y, b.Y) <= p.Y && p.Y <= max(a.Y, b.Y) {
			return 0
		}
		if (a.Y > p.Y) != (b.Y > p.Y) {
			// Crossing of the horizontal ray to the right of p.
			o := orient(a, b, p)
			if (b.Y > a.Y) == (o > 0) {
				in = !in
			}
		}
	}
	if in {
		return 1
	}
	return -1
}
