package topo

import (
	"math"
	"math/rand/v2"
	"testing"
)

// grid returns nx×ny units, each cell × cell, with shared borders of per
// points. Inner corners are jittered by up to cell/10 and inner borders wiggle
// by up to cell/10; the frame is straight. Unit IDs are row-major.
func grid(nx, ny, cell, per int, seed uint64) []Shape {
	rng := rand.New(rand.NewPCG(seed, 1))
	jit := func(inner bool) int {
		if !inner {
			return 0
		}
		return rng.IntN(cell/5+1) - cell/10
	}
	corner := make([][]Point, nx+1)
	for i := range corner {
		corner[i] = make([]Point, ny+1)
		for j := range corner[i] {
			corner[i][j] = Point{int32(i*cell + jit(i > 0 && i < nx)), int32(j*cell + jit(j > 0 && j < ny))}
		}
	}
	// edge returns per+1 points from a to b, wiggling across the edge's
	// direction (y for a horizontal edge, x for a vertical one) if wiggle.
	edge := func(a, b Point, horizontal, wiggle bool) []Point {
		var ph [3]float64
		for f := range ph {
			ph[f] = rng.Float64() * 2 * math.Pi
		}
		pts := make([]Point, per+1)
		for k := 0; k <= per; k++ {
			s := float64(k) / float64(per)
			x := float64(a.X) + s*float64(b.X-a.X)
			y := float64(a.Y) + s*float64(b.Y-a.Y)
			if wiggle && k > 0 && k < per {
				var noise float64
				for f, p := range ph {
					noise += math.Sin(2*math.Pi*float64(f+1)*s+p) / 3
				}
				off := float64(cell) / 10 * math.Sin(math.Pi*s) * noise
				if horizontal {
					y += off
				} else {
					x += off
				}
			}
			pts[k] = Point{int32(math.Round(x)), int32(math.Round(y))}
		}
		pts[0], pts[per] = a, b
		return pts
	}
	hor := make([][][]Point, nx) // hor[i][j]: corner (i,j) to (i+1,j)
	for i := range hor {
		hor[i] = make([][]Point, ny+1)
		for j := range hor[i] {
			hor[i][j] = edge(corner[i][j], corner[i+1][j], true, j > 0 && j < ny)
		}
	}
	ver := make([][][]Point, nx+1) // ver[i][j]: corner (i,j) to (i,j+1)
	for i := range ver {
		ver[i] = make([][]Point, ny)
		for j := range ver[i] {
			ver[i][j] = edge(corner[i][j], corner[i][j+1], false, i > 0 && i < nx)
		}
	}
	var shapes []Shape
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			r := make(Ring, 0, 4*per+1)
			r = append(r, hor[i][j]...)
			r = append(r, ver[i+1][j][1:]...)
			r = append(r, reversed(hor[i][j+1])[1:]...)
			r = append(r, reversed(ver[i][j])[1:]...)
			shapes = append(shapes, Shape{ID: j*nx + i, Polygons: []Polygon{{r}}})
		}
	}
	return shapes
}

func reversed(p []Point) []Point {
	out := make([]Point, len(p))
	for i, q := range p {
		out[len(p)-1-i] = q
	}
	return out
}

// rect returns a closed ring around the box, clockwise with y up.
func rect(x0, y0, x1, y1 int32) Ring {
	return Ring{{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}, {x0, y0}}
}

// wavy returns a closed ring around the box with n points a side, each side
// wiggling by up to amp, the same way for the same side points; clockwise
// with y up.
func wavy(x0, y0, x1, y1 int32, n int, amp float64) Ring {
	side := func(a, b Point) []Point {
		var out []Point
		for k := 0; k < n; k++ {
			s := float64(k) / float64(n)
			x := float64(a.X) + s*float64(b.X-a.X)
			y := float64(a.Y) + s*float64(b.Y-a.Y)
			off := amp * math.Sin(math.Pi*s) * math.Sin(7*math.Pi*s+float64(a.X+a.Y))
			if a.X == b.X {
				x += off
			} else {
				y += off
			}
			out = append(out, Point{int32(math.Round(x)), int32(math.Round(y))})
		}
		return out
	}
	var r Ring
	r = append(r, side(Point{x0, y0}, Point{x0, y1})...)
	r = append(r, side(Point{x0, y1}, Point{x1, y1})...)
	r = append(r, side(Point{x1, y1}, Point{x1, y0})...)
	r = append(r, side(Point{x1, y0}, Point{x0, y0})...)
	return append(r, r[0])
}

// shapeArea2 returns twice the signed area of shape i's rings in t.
func shapeArea2(t *Topology, i int) int64 {
	var s int64
	for _, p := range t.Rings(i) {
		for _, r := range p {
			s += area2(r)
		}
	}
	return s
}

// checkRings asserts that every shape of t has rings, each closed, with no
// repeated consecutive point, at least 4 points and the sign of its area
// right: positive for outer rings, negative for holes.
func checkRings(tb testing.TB, t *Topology) {
	tb.Helper()
	for i, s := range t.Shapes {
		polys := t.Rings(i)
		if len(polys) == 0 {
			tb.Errorf("shape %d (ID %d) is empty", i, s.ID)
		}
		for j, p := range polys {
			for k, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					tb.Errorf("shape %d polygon %d ring %d: %d points, closed %v", s.ID, j, k, len(r), len(r) > 0 && r[0] == r[len(r)-1])
					continue
				}
				for q := 1; q < len(r); q++ {
					if r[q] == r[q-1] {
						tb.Errorf("shape %d polygon %d ring %d: repeated point %v", s.ID, j, k, r[q])
					}
				}
				if a := area2(r); (k == 0) != (a > 0) || a == 0 {
					tb.Errorf("shape %d polygon %d ring %d: area2 %d", s.ID, j, k, a)
				}
			}
		}
	}
}

// segments counts the directed segments of all rings of t.
func segments(t *Topology) map[[2]Point]int {
	seg := map[[2]Point]int{}
	for i := range t.Shapes {
		for _, p := range t.Rings(i) {
			for _, r := range p {
				for q := 1; q < len(r); q++ {
					seg[[2]Point{r[q-1], r[q]}]++
				}
			}
		}
	}
	return seg
}

// checkSegments asserts that each directed segment is drawn once, and that
// those drawn one way only (the exterior border) are exactly those exterior
// says are.
func checkSegments(tb testing.TB, t *Topology, exterior func(a, b Point) bool) (inner, outer int) {
	tb.Helper()
	inner, outer, folded := countSegments(tb, t, exterior)
	if folded != 0 {
		tb.Errorf("%d exterior segments drawn both ways", folded)
	}
	return inner, outer
}

// countSegments asserts that each directed segment is drawn once and that
// segments exterior says are interior are drawn both ways. It returns the
// counts of interior segments (drawn both ways), exterior ones (drawn once)
// and exterior ones drawn both ways.
func countSegments(tb testing.TB, t *Topology, exterior func(a, b Point) bool) (inner, outer, folded int) {
	tb.Helper()
	seg := segments(t)
	for s, n := range seg {
		if n != 1 {
			tb.Errorf("segment %v drawn %d times the same way", s, n)
		}
		_, twice := seg[[2]Point{s[1], s[0]}]
		if twice {
			inner++
		} else {
			outer++
		}
		if exterior == nil {
			continue
		}
		switch ext := exterior(s[0], s[1]); {
		case twice && ext:
			folded++
		case !twice && !ext:
			tb.Errorf("interior segment %v drawn one way only", s)
		}
	}
	return inner / 2, outer, folded
}

// checkArcs asserts that each arc of s is a subsequence of t's with the same
// end points, and returns how many vertices each lost.
func checkArcs(tb testing.TB, t, s *Topology) []int {
	tb.Helper()
	lost := make([]int, len(t.Arcs))
	for a := range t.Arcs {
		if _, ok := subsequence(s.Arcs[a], t.Arcs[a]); !ok {
			tb.Errorf("arc %d: %v is not a subsequence of %v", a, s.Arcs[a], t.Arcs[a])
		}
		lost[a] = len(t.Arcs[a]) - len(s.Arcs[a])
	}
	return lost
}

// checkArea asserts the bound on area change: each vertex removal changes a
// ring's area by its triangle, less than minArea, so a shape changes by less
// than minArea times the vertices removed from its arcs.
func checkArea(tb testing.TB, t, s *Topology, minArea float64, lost []int) {
	tb.Helper()
	for i, sh := range t.Shapes {
		n := 0
		for _, p := range sh.Polygons {
			for _, refs := range p {
				for _, r := range refs {
					n += lost[r.Arc]
				}
			}
		}
		d := math.Abs(float64(shapeArea2(s, i)-shapeArea2(t, i))) / 2
		if d > minArea*float64(n) {
			tb.Errorf("shape %d: area changed by %v, bound %v (%d vertices removed)", sh.ID, d, minArea*float64(n), n)
		}
	}
}

// sameCycle reports whether rings a and b (closed) walk the same points,
// from any start, either way.
func sameCycle(a, b Ring) bool {
	a, b = a[:len(a)-1], b[:len(b)-1]
	if len(a) != len(b) {
		return false
	}
	n := len(a)
	for start := range n {
		if b[start] != a[0] {
			continue
		}
		fwd, rev := true, true
		for k := range n {
			fwd = fwd && a[k] == b[(start+k)%n]
			rev = rev && a[k] == b[(start-k+n)%n]
		}
		if fwd || rev {
			return true
		}
	}
	return false
}
