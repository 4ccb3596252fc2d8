package topo

import (
	"slices"
)

// Untangle returns one shape's polygons (each its outer ring first, rings closed) as a
// valid OGC MultiPolygon (see Validate) where that takes no new vertex. The result is the
// union of what the rings enclose, counted as a point's winding number (outer rings wound
// one way, holes the other): where the rings overlap (a polygon drawn twice, a curl of the
// boundary that winds twice round a spot, two polygons over one stretch) it counts once,
// a hole in a hole or outside every polygon adds nothing, and a stretch drawn both ways
// (two polygons joined along a border, an inlet folded shut) is inside. Its boundary is
// then walked with the interior on the left, turning as sharply left as it can where rings
// touch, and a ring that still passes twice through a vertex (a pinch: a neck of land
// narrower than the grid) is split there, into two polygons that touch or into an outer
// ring and a hole; each hole goes to the smallest outer ring around it, and rings that
// enclose no area go. No vertex moves and none is added, so the borders the shape shares
// with its neighbours stay shared. Outer rings come out with positive area, holes negative,
// polygons largest first; polygons that are valid come back as they are.
//
// Crossings and vertices in the middle of another segment need a new vertex, which is
// Topology.Node's work: polygons Untangle cannot make valid come back unchanged, with false.
func Untangle(polys []Polygon) ([]Polygon, bool) {
	if _, ok := Validate(polys); ok {
		return polys, true
	}
	// Rings of fewer than three distinct points enclose nothing (an outer ring's holes go
	// with it).
	var in []Polygon
	for _, p := range polys {
		var q Polygon
		for _, r := range p {
			if distinct(r) >= 3 {
				q = append(q, r)
			} else if len(q) == 0 {
				break
			}
		}
		if len(q) > 0 {
			in = append(in, q)
		}
	}
	var v validator
	if _, ok := v.load(in); !ok || v.needsVertices() {
		return polys, false
	}
	out := untangle(in)
	if _, ok := Validate(out); !ok || len(out) == 0 {
		return polys, false
	}
	return out, true
}

// halfEdge is one side of a segment of the rings' arrangement, from a to b, with the face
// on its left.
type halfEdge struct {
	a, b Point
	// w is how many more times the rings run a→b than b→a: crossing the segment from its
	// right to its left, the winding number rises by w.
	w    int
	face int // the face cycle it bounds
}

// untangle does Untangle's work on polygons whose rings meet only at vertices. The
// segments of all rings, each counted once with its net direction, make a planar graph;
// its faces are walked, each face's winding number found from its neighbours' and from the
// face around its piece of the graph, and the half-edges with a face of winding 1 or more
// on their left and of 0 or less on their right are the union's boundary.
func untangle(in []Polygon) []Polygon {
	// The segments, each once, with the net count of the rings' runs along it.
	index := map[[2]Point]int{} // segment, least point first → its first half-edge
	var edges []halfEdge        // half-edge 2k runs from the least point, 2k+1 back
	for _, p := range in {
		for k, r := range p {
			if (area2(r) > 0) != (k == 0) {
				r = slices.Clone(r)
				reverse(r)
			}
			for i := 1; i < len(r); i++ {
				a, b := r[i-1], r[i]
				if a == b {
					continue
				}
				w := 1
				if less(b, a) {
					a, b, w = b, a, -1
				}
				h, ok := index[[2]Point{a, b}]
				if !ok {
					h = len(edges)
					index[[2]Point{a, b}] = h
					edges = append(edges, halfEdge{a: a, b: b}, halfEdge{a: b, b: a})
				}
				edges[h].w += w
				edges[h+1].w -= w
			}
		}
	}
	// Segments drawn as often both ways bound nothing: the faces on either side join.
	kept := edges[:0]
	for h := 0; h < len(edges); h += 2 {
		if edges[h].w != 0 {
			kept = append(kept, edges[h], edges[h+1])
		}
	}
	edges = kept
	// Walk the faces: from each half-edge, the next one leaves its end turning as sharply
	// left as it can.
	out := map[Point][]int{}
	for h, e := range edges {
		out[e.a] = append(out[e.a], h)
	}
	next := func(h int) int {
		e := edges[h]
		in := sub(e.b, e.a)
		best := -1
		for _, c := range out[e.b] {
			if best < 0 || sharperLeft(in, sub(edges[c].b, edges[c].a), sub(edges[best].b, edges[best].a)) {
				best = c
			}
		}
		return best
	}
	for h := range edges {
		edges[h].face = -1
	}
	type face struct {
		pts  []Point // its boundary walk, closed
		area int64
		comp int // the connected piece of the graph it belongs to
	}
	var faces []face
	for h := range edges {
		if edges[h].face >= 0 {
			continue
		}
		f := len(faces)
		pts := []Point{edges[h].a}
		for c := h; edges[c].face < 0; c = next(c) {
			edges[c].face = f
			pts = append(pts, edges[c].b)
		}
		faces = append(faces, face{pts: pts, area: area2(pts)})
	}
	// The connected pieces of the graph, by their points.
	parent := map[Point]Point{}
	var find func(p Point) Point
	find = func(p Point) Point {
		q, ok := parent[p]
		if !ok || q == p {
			return p
		}
		r := find(q)
		parent[p] = r
		return r
	}
	for _, e := range edges {
		if x, y := find(e.a), find(e.b); x != y {
			parent[x] = y
		}
	}
	comps := map[Point]int{}
	var outer []int // each piece's outer face: the walk round its outside, of negative area
	for f := range faces {
		root := find(faces[f].pts[0])
		c, ok := comps[root]
		if !ok {
			c = len(outer)
			comps[root] = c
			outer = append(outer, f)
		}
		faces[f].comp = c
		if faces[f].area < faces[outer[c]].area {
			outer[c] = f
		}
	}
	// Winding numbers: relative to each piece's outer face across its segments, then from
	// the face of another piece it lies in, pieces from the outside in.
	wind := make([]int, len(faces))
	known := make([]bool, len(faces))
	byFace := make([][]int, len(faces))
	for h, e := range edges {
		byFace[e.face] = append(byFace[e.face], h)
	}
	order := make([]int, len(outer))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return sign(faces[outer[x]].area - faces[outer[y]].area) })
	for _, c := range order {
		base, best := 0, int64(-1)
		for f, fc := range faces {
			if fc.comp != c && known[f] && fc.area > 0 && (best < 0 || fc.area < best) && ringSide(faces[outer[c]].pts, fc.pts) == 1 {
				base, best = wind[f], fc.area
			}
		}
		wind[outer[c]], known[outer[c]] = base, true
		queue := []int{outer[c]}
		for len(queue) > 0 {
			f := queue[0]
			queue = queue[1:]
			for _, h := range byFace[f] {
				g := edges[h^1].face
				if !known[g] {
					wind[g], known[g] = wind[f]-edges[h].w, true
					queue = append(queue, g)
				}
			}
		}
	}
	// The union's boundary, its interior on the left, walked into rings.
	var boundary []int
	from := map[Point][]int{}
	for h, e := range edges {
		if wind[e.face] >= 1 && wind[edges[h^1].face] <= 0 {
			from[e.a] = append(from[e.a], len(boundary))
			boundary = append(boundary, h)
		}
	}
	used := make([]bool, len(boundary))
	var rings [][]Point
	for i := range boundary {
		if used[i] {
			continue
		}
		used[i] = true
		e := edges[boundary[i]]
		ring := []Point{e.a, e.b}
		for ring[len(ring)-1] != ring[0] {
			last := len(ring) - 1
			in := sub(ring[last], ring[last-1])
			best := -1
			for _, c := range from[ring[last]] {
				ce := edges[boundary[c]]
				if !used[c] && (best < 0 || sharperLeft(in, sub(ce.b, ce.a), sub(edges[boundary[best]].b, edges[boundary[best]].a))) {
					best = c
				}
			}
			if best < 0 {
				ring = nil // a chain that does not close: nothing to draw
				break
			}
			used[best] = true
			ring = append(ring, edges[boundary[best]].b)
		}
		if ring != nil {
			rings = append(rings, splitPinches(ring)...)
		}
	}
	return assemblePolygons(rings)
}

// assemblePolygons sorts closed rings into outer rings (positive area) and holes (negative),
// puts each hole into the smallest outer ring around it, and returns the polygons, largest
// first. Rings with no area go.
func assemblePolygons(rings [][]Point) []Polygon {
	type part struct {
		pts  []Point
		area int64
	}
	var outers, holes []part
	for _, r := range rings {
		c, _, _ := clean(nil, r[:len(r)-1], nil)
		if len(c) < 3 {
			continue
		}
		c = append(c, c[0])
		switch a := area2(c); {
		case a > 0:
			outers = append(outers, part{c, a})
		case a < 0:
			holes = append(holes, part{c, a})
		}
	}
	slices.SortStableFunc(outers, func(x, y part) int { return sign(y.area - x.area) })
	out := make([]Polygon, len(outers))
	for i, o := range outers {
		out[i] = Polygon{o.pts}
	}
	for _, h := range holes {
		for i := len(outers) - 1; i >= 0; i-- {
			if outers[i].area >= -h.area && holds(outers[i].pts, h.pts) {
				out[i] = append(out[i], h.pts)
				break
			}
		}
	}
	return out
}

// distinct counts a ring's distinct points.
func distinct(r Ring) int {
	seen := map[Point]bool{}
	for _, p := range r {
		seen[p] = true
	}
	return len(seen)
}

// sharperLeft reports whether, arriving in direction in, leaving in direction a turns more
// sharply left than leaving in direction b: a comes first clockwise from the way back, and
// the way back itself comes last.
func sharperLeft(in, a, b Point) bool {
	back := Point{-in.X, -in.Y}
	if sameDir(a, back) {
		return false
	}
	if sameDir(b, back) {
		return true
	}
	// Clockwise from back is counter-clockwise from back mirrored in the x axis.
	return ccwLess(mirror(back), mirror(a), mirror(b))
}

// mirror reflects a direction in the x axis, turning clockwise angles into
// counter-clockwise ones.
func mirror(p Point) Point { return Point{p.X, -p.Y} }

// splitPinches splits a closed ring at every point it passes more than once into rings
// that pass each of their points once.
func splitPinches(r []Point) [][]Point {
	var out [][]Point
	at := map[Point]int{}
	stack := make([]Point, 0, len(r))
	for _, p := range r[:len(r)-1] {
		if i, ok := at[p]; ok {
			loop := append(slices.Clone(stack[i:]), p)
			for _, q := range stack[i+1:] {
				delete(at, q)
			}
			stack = stack[:i+1]
			out = append(out, loop)
			continue
		}
		at[p] = len(stack)
		stack = append(stack, p)
	}
	if len(stack) > 0 {
		out = append(out, append(stack, stack[0]))
	}
	return out
}

// ringSide says on which side of ring o the ring r lies, the two neither crossing nor
// overlapping: 1 inside, -1 outside, 0 if no vertex or segment midpoint of r is off o's
// boundary.
func ringSide(r, o []Point) int {
	for _, p := range r {
		if s := locate2(2*int64(p.X), 2*int64(p.Y), o); s != 0 {
			return s
		}
	}
	for k := 0; k+1 < len(r); k++ {
		a, b := r[k], r[k+1]
		if s := locate2(int64(a.X)+int64(b.X), int64(a.Y)+int64(b.Y), o); s != 0 {
			return s
		}
	}
	return 0
}
