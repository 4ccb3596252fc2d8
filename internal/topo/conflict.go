package topo

import (
	"cmp"
	"math"
	"slices"
)

// Conflict names two shapes whose borders disagree: one's boundary runs inside the other,
// or both draw the same border in the same direction, so that they overlap.
type Conflict struct {
	A, B int // indices of the two shapes in the slice given, A < B
	// Segments is the number of border segments between them on which they disagree: a
	// segment of one that runs inside the other, or one both draw the same way.
	Segments int
	// Area is the area where both shapes lie, in square units; 0 when their borders only
	// cross or touch. It is measured on scanlines, so it is an estimate.
	Area float64
	// Where is a point of one of the segments, to find the place.
	Where Point
}

// Gap is a hole in the union of the shapes: an area no shape covers, enclosed by shapes.
type Gap struct {
	Shapes []int   // the shapes around it, by index, in increasing order
	Area   float64 // its area in square units
	Where  Point   // a point of its border
}

// dseg is a directed segment.
type dseg struct{ a, b Point }

// segUse counts the uses of a directed segment and remembers its first shape.
type segUse struct{ n, first int32 }

// borderWalk visits every border segment a→b that some shape draws more often in its
// direction than all shapes draw it the other way, with the shape i drawing it and far:
// the other shape holding a point about a unit off its midpoint on the side away from i,
// or -1. When a shape draws a segment another shape drew first in the same direction,
// dup is called with both (first, then i) and the segment instead. Rings may have either
// winding, as for Disagreements; a→b is given with shape i on its left when y points up
// (on its right on a screen, y down), whatever the winding.
func borderWalk(shapes []Shape, visit func(i int, a, b Point, far int), dup func(first, i int, a, b Point)) {
	count := map[dseg]segUse{}
	for i, s := range shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				for j := 1; j < len(r); j++ {
					if r[j] == r[j-1] {
						continue
					}
					k := dseg{r[j-1], r[j]}
					u, ok := count[k]
					if !ok {
						u.first = int32(i)
					} else if int(u.first) != i && dup != nil {
						dup(int(u.first), i, k.a, k.b)
					}
					u.n++
					count[k] = u
				}
			}
		}
	}
	ix := newBoundIndex(shapes)
	for i, s := range shapes {
		for _, p := range s.Polygons {
			sign := int64(1)
			if len(p) > 0 && RingArea2(p[0]) < 0 {
				sign = -1
			}
			for _, r := range p {
				for j := 1; j < len(r); j++ {
					a, b := r[j-1], r[j]
					if a == b || count[dseg{a, b}].n <= count[dseg{b, a}].n {
						continue
					}
					// The far side: to the left of a→b when outer rings have positive area
					// (y down, clockwise on screen), to the right otherwise.
					dx, dy := int64(b.X-a.X), int64(b.Y-a.Y)
					mx2, my2 := int64(a.X)+int64(b.X), int64(a.Y)+int64(b.Y) // twice the midpoint
					// A point about one unit off the segment's midpoint, in quarter units.
					l := isqrt(dx*dx + dy*dy)
					if l == 0 {
						continue
					}
					qx := 2*mx2 + sign*dy*4/l
					qy := 2*my2 - sign*dx*4/l
					if sign < 0 {
						a, b = b, a
					}
					visit(i, a, b, ix.shapeAt(shapes, i, qx, qy))
				}
			}
		}
	}
}

// Conflicts lists the pairs of shapes whose borders disagree (see Disagreements) because
// one runs inside the other, or because both draw a border the same way: overlaps and
// crossings, which a gap-free map cannot show. They come sorted by A, then B.
func Conflicts(shapes []Shape) []Conflict {
	type pair struct{ a, b int }
	byPair := map[pair]*Conflict{}
	box := map[pair]*[4]int64{}
	add := func(i, j int, a, b Point) {
		k := pair{min(i, j), max(i, j)}
		c := byPair[k]
		if c == nil {
			c = &Conflict{A: k.a, B: k.b, Where: a}
			byPair[k] = c
			box[k] = &[4]int64{math.MaxInt64, math.MaxInt64, math.MinInt64, math.MinInt64}
		}
		c.Segments++
		bx := box[k]
		for _, p := range [2]Point{a, b} {
			bx[0], bx[1] = min(bx[0], int64(p.X)), min(bx[1], int64(p.Y))
			bx[2], bx[3] = max(bx[2], int64(p.X)), max(bx[3], int64(p.Y))
		}
	}
	borderWalk(shapes, func(i int, a, b Point, far int) {
		if far >= 0 {
			add(i, far, a, b)
		}
	}, add)
	out := make([]Conflict, 0, len(byPair))
	for k, c := range byPair {
		c.Area = overlapArea(shapes[k.a], shapes[k.b], *box[k])
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y Conflict) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return out
}

// Gaps lists the holes in the shapes' union: the loops of border segments with no shape
// on their far side that run the other way round from the union's outline. They come
// sorted by area, largest first.
func Gaps(shapes []Shape) []Gap {
	type edge struct {
		a, b  Point
		shape int
	}
	var edges []edge
	from := map[Point][]int32{}
	borderWalk(shapes, func(i int, a, b Point, far int) {
		if far < 0 {
			from[a] = append(from[a], int32(len(edges)))
			edges = append(edges, edge{a, b, i})
		}
	}, nil)
	used := make([]bool, len(edges))
	var out []Gap
	for e0 := range edges {
		if used[e0] {
			continue
		}
		// Follow the loop: from each segment's end, the next unused segment leaving it.
		var area2 int64
		var around []int
		e := e0
		for {
			used[e] = true
			a, b := edges[e].a, edges[e].b
			area2 += int64(a.X)*int64(b.Y) - int64(b.X)*int64(a.Y)
			around = append(around, edges[e].shape)
			if b == edges[e0].a {
				break
			}
			next := -1
			for _, f := range from[b] {
				if !used[f] {
					next = int(f)
					break
				}
			}
			if next < 0 {
				area2 = 0 // an open chain: not a loop, no gap to name
				break
			}
			e = next
		}
		// The segments run with their shape on the left (y up): the outline of the
		// union has positive area that way round, a hole in it negative.
		if area2 >= 0 {
			continue
		}
		slices.Sort(around)
		out = append(out, Gap{Shapes: slices.Compact(around), Area: float64(-area2) / 2, Where: edges[e0].a})
	}
	slices.SortStableFunc(out, func(x, y Gap) int { return cmp.Compare(y.Area, x.Area) })
	return out
}

// overlapArea estimates the area where shapes s and t both lie within box (x0, y0, x1,
// y1), by the even-odd rule on at most 512 horizontal scanlines.
func overlapArea(s, t Shape, box [4]int64) float64 {
	y0, y1 := float64(box[1]), float64(box[3])
	if y1 <= y0 {
		return 0
	}
	lines := min(512, int(box[3]-box[1]))
	step := (y1 - y0) / float64(lines)
	// The edges that reach the box's rows, of each shape.
	edges := func(sh Shape) [][2]Point {
		var out [][2]Point
		for _, p := range sh.Polygons {
			for _, r := range p {
				for j := 1; j < len(r); j++ {
					a, b := r[j-1], r[j]
					if float64(max(a.Y, b.Y)) >= y0 && float64(min(a.Y, b.Y)) <= y1 && a.Y != b.Y {
						out = append(out, [2]Point{a, b})
					}
				}
			}
		}
		return out
	}
	es, et := edges(s), edges(t)
	x0, x1 := float64(box[0]), float64(box[2])
	var xs, xt []float64
	crossings := func(dst []float64, es [][2]Point, y float64) []float64 {
		dst = dst[:0]
		for _, e := range es {
			a, b := e[0], e[1]
			ay, by := float64(a.Y), float64(b.Y)
			if (ay > y) != (by > y) {
				dst = append(dst, float64(a.X)+(y-ay)*float64(b.X-a.X)/(by-ay))
			}
		}
		slices.Sort(dst)
		return dst
	}
	area := 0.0
	for k := range lines {
		y := y0 + (float64(k)+0.5)*step
		xs, xt = crossings(xs, es, y), crossings(xt, et, y)
		// Walk both sorted lists: inside both between consecutive events.
		in1, in2 := false, false
		prev := math.Inf(-1)
		i, j := 0, 0
		for i < len(xs) || j < len(xt) {
			var x float64
			if j >= len(xt) || i < len(xs) && xs[i] <= xt[j] {
				x = xs[i]
			} else {
				x = xt[j]
			}
			if lo, hi := max(prev, x0), min(x, x1); in1 && in2 && hi > lo {
				area += (hi - lo) * step
			}
			if i < len(xs) && xs[i] == x {
				in1 = !in1
				i++
			} else {
				in2 = !in2
				j++
			}
			prev = x
		}
	}
	return area
}
