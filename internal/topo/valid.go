package topo

import (
	"cmp"
	"math/big"
	"slices"
)

// Reason is why polygons are not a valid OGC Simple Features MultiPolygon: the rules of
// GEOS's validity test, which QGIS, PostGIS and shapely apply before they process a geometry.
type Reason int

// The reasons, named as GEOS's explanations name them.
const (
	Valid                Reason = iota
	TooFewPoints                // a ring with fewer than three distinct points
	RingSelfIntersection        // a ring touches itself at a point: a pinch
	SelfIntersection            // two segments cross, or overlap along a stretch
	HoleOutsideShell            // a hole not inside its polygon's outer ring
	NestedHoles                 // a hole inside another hole of the same polygon
	DisconnectedInterior        // the holes and the outer ring touch so as to cut the polygon apart
	NestedShells                // a polygon inside another one's interior
)

// String is the reason in GEOS's words ("Ring Self-intersection").
func (r Reason) String() string {
	switch r {
	case Valid:
		return "Valid Geometry"
	case TooFewPoints:
		return "Too few points"
	case RingSelfIntersection:
		return "Ring Self-intersection"
	case SelfIntersection:
		return "Self-intersection"
	case HoleOutsideShell:
		return "Hole lies outside shell"
	case NestedHoles:
		return "Holes are nested"
	case DisconnectedInterior:
		return "Interior is disconnected"
	case NestedShells:
		return "Nested shells"
	}
	return "unknown reason"
}

// Invalid is the first problem Validate found, and a point where it is.
type Invalid struct {
	Reason Reason
	At     Point
}

// Validate reports whether polys, one shape's polygons (each its outer ring first, then its
// holes; rings closed, in any winding), form a valid OGC MultiPolygon, and if not, why:
// every ring has three distinct points or more and is simple (it neither crosses nor touches
// itself; repeated consecutive points are allowed, as GEOS allows them); rings cross or
// overlap nowhere; each hole lies inside its outer ring and outside the polygon's other
// holes; a hole touches the outer ring or another hole at one point at most and never so as
// to cut the interior apart; and no polygon lies inside another's interior (polygons may
// touch at points). The test is exact on the integer grid.
func Validate(polys []Polygon) (Invalid, bool) {
	v := validator{}
	if bad, ok := v.load(polys); !ok {
		return bad, false
	}
	if bad, ok := v.segments(); !ok {
		return bad, false
	}
	if bad, ok := v.touching(); !ok {
		return bad, false
	}
	return v.nesting()
}

// validator holds one shape's rings and segments while Validate tests them.
type validator struct {
	rings   []vring
	polys   [][]int // each polygon's rings (indices into rings), outer ring first
	segs    []vseg
	touches map[vtouch]bool
}

// vring is a closed ring without repeated consecutive points.
type vring struct {
	pts  []Point
	poly int
	min  Point
	max  Point
}

// vseg is segment k of a ring, from pts[k] to pts[k+1], with its bound.
type vseg struct {
	ring, k int32
	min     Point
	max     Point
}

// vtouch is a point where two different rings meet (a < b).
type vtouch struct {
	a, b int32
	at   Point
}

// load copies the rings without repeated consecutive points, closed, and lists their
// segments.
func (v *validator) load(polys []Polygon) (Invalid, bool) {
	for pi, p := range polys {
		var idx []int
		for _, r := range p {
			var pts []Point
			for _, q := range r {
				if n := len(pts); n == 0 || pts[n-1] != q {
					pts = append(pts, q)
				}
			}
			if len(pts) > 1 && pts[0] != pts[len(pts)-1] {
				pts = append(pts, pts[0])
			}
			if len(pts) < 4 {
				at := Point{}
				if len(r) > 0 {
					at = r[0]
				}
				return Invalid{TooFewPoints, at}, false
			}
			vr := vring{pts: pts, poly: pi, min: pts[0], max: pts[0]}
			for _, q := range pts {
				vr.min.X, vr.min.Y = min(vr.min.X, q.X), min(vr.min.Y, q.Y)
				vr.max.X, vr.max.Y = max(vr.max.X, q.X), max(vr.max.Y, q.Y)
			}
			ri := int32(len(v.rings))
			for k := 0; k+1 < len(pts); k++ {
				a, b := pts[k], pts[k+1]
				v.segs = append(v.segs, vseg{ring: ri, k: int32(k),
					min: Point{min(a.X, b.X), min(a.Y, b.Y)}, max: Point{max(a.X, b.X), max(a.Y, b.Y)}})
			}
			idx = append(idx, len(v.rings))
			v.rings = append(v.rings, vr)
		}
		if len(idx) > 0 {
			v.polys = append(v.polys, idx)
		}
	}
	return Invalid{}, true
}

// segments tests every pair of segments whose bounds overlap, sweeping them by x: segments
// that cross or overlap, and a ring that meets itself other than where consecutive segments
// join, make the shape invalid; points where two rings meet are kept for touching.
func (v *validator) segments() (Invalid, bool) {
	v.touches = map[vtouch]bool{}
	bad := Invalid{}
	ok := v.pairs(func(s, u vseg, a, b, c, d Point) bool {
		kind, at := meet(a, b, c, d)
		switch {
		case kind == apart:
		case kind == cross || kind == overlap:
			bad = Invalid{SelfIntersection, at}
			return false
		case s.ring != u.ring:
			v.touches[vtouch{min(s.ring, u.ring), max(s.ring, u.ring), at}] = true
		case !adjacent(s.k, u.k, int32(len(v.rings[s.ring].pts)-1)):
			bad = Invalid{RingSelfIntersection, at}
			return false
		}
		return true
	})
	return bad, ok
}

// pairs calls fn with every pair of segments whose bounds overlap, and their end points,
// sweeping them by x, until fn returns false; it reports whether fn never did.
func (v *validator) pairs(fn func(s, u vseg, a, b, c, d Point) bool) bool {
	slices.SortFunc(v.segs, func(a, b vseg) int { return cmp.Compare(a.min.X, b.min.X) })
	for i, s := range v.segs {
		ra := v.rings[s.ring].pts
		a, b := ra[s.k], ra[s.k+1]
		for _, u := range v.segs[i+1:] {
			if u.min.X > s.max.X {
				break
			}
			if u.min.Y > s.max.Y || u.max.Y < s.min.Y {
				continue
			}
			rc := v.rings[u.ring].pts
			if !fn(s, u, a, b, rc[u.k], rc[u.k+1]) {
				return false
			}
		}
	}
	return true
}

// needsVertices reports whether the rings cross, overlap along a stretch that is not a whole
// segment of both, or meet at a point inside a segment where they cross: what splitting
// rings at their vertices cannot mend.
func (v *validator) needsVertices() bool {
	return !v.pairs(func(s, u vseg, a, b, c, d Point) bool {
		switch kind, at := meet(a, b, c, d); kind {
		case cross:
			return false
		case overlap:
			return a == c && b == d || a == d && b == c
		case touch:
			if (at == a || at == b) && (at == c || at == d) {
				return true
			}
			u1, u2 := rays(v.rings[s.ring].pts, at)
			w1, w2 := rays(v.rings[u.ring].pts, at)
			return inSector(w1, u1, u2) == inSector(w2, u1, u2)
		}
		return true
	})
}

// adjacent reports whether segments j and k of a ring of m segments follow each other.
func adjacent(j, k, m int32) bool {
	d := j - k
	return d == 1 || d == -1 || d == m-1 || d == 1-m
}

// touching tests the points where two rings meet: there they must not cross (each passes the
// point once, the segment test has made sure of that), and within one polygon the rings and
// the points where they touch must form no cycle, for a cycle cuts the interior apart.
func (v *validator) touching() (Invalid, bool) {
	touches := make([]vtouch, 0, len(v.touches))
	for t := range v.touches {
		touches = append(touches, t)
	}
	slices.SortFunc(touches, func(x, y vtouch) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b), cmp.Compare(x.at.X, y.at.X), cmp.Compare(x.at.Y, y.at.Y))
	})
	// Union-find over the rings (0 … len(rings)-1) and the touching points (after them).
	parent := make([]int, len(v.rings))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	pointNode := map[Point]int{}
	linked := map[[2]int]bool{}
	for _, t := range touches {
		u1, u2 := rays(v.rings[t.a].pts, t.at)
		w1, w2 := rays(v.rings[t.b].pts, t.at)
		if inSector(w1, u1, u2) != inSector(w2, u1, u2) {
			return Invalid{SelfIntersection, t.at}, false
		}
		if v.rings[t.a].poly != v.rings[t.b].poly {
			continue // polygons of a MultiPolygon may touch at any number of points
		}
		n, ok := pointNode[t.at]
		if !ok {
			n = len(parent)
			parent = append(parent, n)
			pointNode[t.at] = n
		}
		for _, r := range [2]int{int(t.a), int(t.b)} {
			if linked[[2]int{r, n}] {
				continue
			}
			linked[[2]int{r, n}] = true
			x, y := find(r), find(n)
			if x == y {
				return Invalid{DisconnectedInterior, t.at}, false
			}
			parent[x] = y
		}
	}
	return Invalid{}, true
}

// rays returns the directions in which ring r leaves the point p it passes through: to its
// neighbours if p is a vertex, else to the ends of the segment p lies on.
func rays(r []Point, p Point) (Point, Point) {
	m := len(r) - 1
	for k := range m {
		if r[k] == p {
			prev := r[(k+m-1)%m]
			return sub(prev, p), sub(r[k+1], p)
		}
	}
	for k := range m {
		if orient(r[k], r[k+1], p) == 0 && between(r[k], r[k+1], p) {
			return sub(r[k], p), sub(r[k+1], p)
		}
	}
	return Point{}, Point{}
}

func sub(a, b Point) Point { return Point{a.X - b.X, a.Y - b.Y} }

// inSector reports whether direction w lies strictly inside the sector swept
// counter-clockwise from u1 to u2.
func inSector(w, u1, u2 Point) bool {
	return ccwLess(u1, w, u2) && w != u1 && !sameDir(w, u1)
}

// sameDir reports whether the non-zero vectors a and b point the same way.
func sameDir(a, b Point) bool {
	return orient(Point{}, a, b) == 0 && int64(a.X)*int64(b.X)+int64(a.Y)*int64(b.Y) > 0
}

// ccwLess reports whether direction a comes before direction b counter-clockwise from
// direction base, in [0, 2π): base itself comes first.
func ccwLess(base, a, b Point) bool {
	ha, hb := half(base, a), half(base, b)
	if ha != hb {
		return ha < hb
	}
	return orient(Point{}, a, b) > 0
}

// half is 0 for a direction at an angle in [0, π) counter-clockwise from base, 1 for [π, 2π).
func half(base, a Point) int {
	o := orient(Point{}, base, a)
	if o > 0 || o == 0 && int64(base.X)*int64(a.X)+int64(base.Y)*int64(a.Y) > 0 {
		return 0
	}
	return 1
}

// nesting tests where the rings lie: each hole inside its outer ring and outside its
// polygon's other holes, no polygon inside another's interior. Rings neither cross nor
// overlap by now, so one point of a ring off another ring's boundary tells which side of
// it the whole ring lies on.
func (v *validator) nesting() (Invalid, bool) {
	for _, p := range v.polys {
		shell := v.rings[p[0]]
		for hi, h := range p[1:] {
			hole := v.rings[h]
			if side, at := v.side(hole, shell); side < 0 {
				return Invalid{HoleOutsideShell, at}, false
			}
			for _, g := range p[hi+2:] {
				other := v.rings[g]
				if side, at := v.side(hole, other); side > 0 {
					return Invalid{NestedHoles, at}, false
				}
				if side, at := v.side(other, hole); side > 0 {
					return Invalid{NestedHoles, at}, false
				}
			}
		}
	}
	for i, p := range v.polys {
		for j, q := range v.polys {
			if i == j {
				continue
			}
			if bad, ok := v.shellIn(v.rings[q[0]], p); !ok {
				return bad, false
			}
		}
	}
	return Invalid{}, true
}

// shellIn reports, as Validate does, a shell that lies in the interior of polygon p: inside
// its outer ring and inside none of its holes.
func (v *validator) shellIn(shell vring, p []int) (Invalid, bool) {
	outer := v.rings[p[0]]
	if shell.min.X < outer.min.X || shell.min.Y < outer.min.Y || shell.max.X > outer.max.X || shell.max.Y > outer.max.Y {
		return Invalid{}, true
	}
	side, at := v.side(shell, outer)
	if side <= 0 {
		return Invalid{}, true
	}
	for _, h := range p[1:] {
		if side, _ := v.side(shell, v.rings[h]); side >= 0 {
			return Invalid{}, true // in a hole, or not to be told: not reported
		}
	}
	return Invalid{NestedShells, at}, false
}

// side says on which side of ring o ring r lies, as ringSide does, and returns the point
// of r it tested.
func (v *validator) side(r, o vring) (int, Point) {
	if r.max.X < o.min.X || r.max.Y < o.min.Y || r.min.X > o.max.X || r.min.Y > o.max.Y {
		return -1, r.pts[0]
	}
	return ringSide(r.pts, o.pts), r.pts[0]
}

// locate2 returns 1 if the point (x/2, y/2) lies inside the closed ring r, -1 if outside and
// 0 if on its boundary: the point is given in doubled coordinates so that a segment's
// midpoint can be tested exactly.
func locate2(x, y int64, r []Point) int {
	in := false
	for i := 0; i+1 < len(r); i++ {
		ax, ay := 2*int64(r[i].X), 2*int64(r[i].Y)
		bx, by := 2*int64(r[i+1].X), 2*int64(r[i+1].Y)
		o := orient64(ax, ay, bx, by, x, y)
		if o == 0 && min(ax, bx) <= x && x <= max(ax, bx) && min(ay, by) <= y && y <= max(ay, by) {
			return 0
		}
		if (ay > y) != (by > y) {
			if (by > ay) == (o > 0) {
				in = !in
			}
		}
	}
	if in {
		return 1
	}
	return -1
}

// orient64 is orient for 64-bit coordinates.
func orient64(ax, ay, bx, by, cx, cy int64) int {
	ux, uy, vx, vy := bx-ax, by-ay, cx-ax, cy-ay
	const lim = 1 << 31
	if ux > -lim && ux < lim && uy > -lim && uy < lim && vx > -lim && vx < lim && vy > -lim && vy < lim {
		return sign(ux*vy - uy*vx)
	}
	l := new(big.Int).Mul(big.NewInt(ux), big.NewInt(vy))
	r := new(big.Int).Mul(big.NewInt(uy), big.NewInt(vx))
	return l.Cmp(r)
}

// meeting is how two segments meet.
type meeting int

const (
	apart   meeting = iota // they have no point in common
	touch                  // they share one point, an end of one or both
	cross                  // they cross at a point inside both
	overlap                // they share a stretch of positive length
)

// meet says how segments ab and cd (each of two distinct points) meet, and a point where
// they do.
func meet(a, b, c, d Point) (meeting, Point) {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	if o1 == 0 && o2 == 0 {
		// Collinear: compare their extents along the line.
		key := func(p Point) int64 {
			if a.X != b.X {
				return int64(p.X)
			}
			return int64(p.Y)
		}
		lo := max(min(key(a), key(b)), min(key(c), key(d)))
		hi := min(max(key(a), key(b)), max(key(c), key(d)))
		switch {
		case lo < hi:
			for _, p := range [4]Point{c, d, a, b} {
				if key(p) == lo || key(p) == hi {
					return overlap, p
				}
			}
			return overlap, a
		case lo == hi:
			for _, p := range [4]Point{a, b, c, d} {
				if key(p) == lo {
					return touch, p
				}
			}
		}
		return apart, Point{}
	}
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return cross, a
	}
	switch {
	case o1 == 0 && between(a, b, c):
		return touch, c
	case o2 == 0 && between(a, b, d):
		return touch, d
	case o3 == 0 && between(c, d, a):
		return touch, a
	case o4 == 0 && between(c, d, b):
		return touch, b
	}
	return apart, Point{}
}

// between reports whether p, collinear with a and b, lies on the segment ab (ends included).
func between(a, b, p Point) bool {
	return min(a.X, b.X) <= p.X && p.X <= max(a.X, b.X) && min(a.Y, b.Y) <= p.Y && p.Y <= max(a.Y, b.Y)
}
