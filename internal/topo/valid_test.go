package topo

import (
	"slices"
	"testing"
)

// closed returns the ring through the points, closed.
func closed(pts ...Point) Ring { return append(Ring(pts), pts[0]) }

// The shapes the validity tests share: each invalid one with the reason GEOS gives, and
// whether Untangle makes it valid without a new vertex.
var validityCases = []struct {
	name      string
	polys     []Polygon
	want      Reason
	untangles bool
}{
	{"square", []Polygon{{boxRing(0, 0, 10, 10)}}, Valid, false},
	{"square with a hole", []Polygon{{boxRing(0, 0, 30, 30), rect(10, 10, 20, 20)}}, Valid, false},
	{"hole touching the outer ring at a vertex", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 30}, Point{0, 30}, Point{0, 15}), closed(Point{0, 15}, Point{10, 20}, Point{20, 15}, Point{10, 10})}}, Valid, false},
	{"hole touching the outer ring inside a segment", []Polygon{{boxRing(0, 0, 30, 30), closed(Point{0, 15}, Point{10, 20}, Point{20, 15}, Point{10, 10})}}, Valid, false},
	{"two polygons touching at a corner", []Polygon{{boxRing(0, 0, 10, 10)}, {boxRing(10, 10, 20, 20)}}, Valid, false},
	{"two polygons touching at two points", []Polygon{
		{closed(Point{0, 0}, Point{20, 0}, Point{20, 10}, Point{10, 5}, Point{0, 10})},
		{closed(Point{0, 10}, Point{10, 15}, Point{20, 10}, Point{20, 20}, Point{0, 20})}}, Valid, false},
	{"island in a hole", []Polygon{{boxRing(0, 0, 30, 30), rect(5, 5, 25, 25)}, {boxRing(10, 10, 20, 20)}}, Valid, false},
	{"repeated consecutive point", []Polygon{{Ring{{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}, Valid, false},

	{"two points", []Polygon{{Ring{{0, 0}, {10, 0}, {0, 0}}}}, TooFewPoints, false},
	{"bow tie", []Polygon{{closed(Point{0, 0}, Point{10, 10}, Point{10, 0}, Point{0, 10})}}, SelfIntersection, false},
	{"pinch: two lobes", []Polygon{{closed(Point{0, 0}, Point{10, 0}, Point{10, 10}, Point{20, 10}, Point{20, 20}, Point{10, 20}, Point{10, 10}, Point{0, 10})}}, RingSelfIntersection, true},
	{"pinch: a lobe turned inward", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 30}, Point{0, 30}, Point{0, 15}, Point{10, 20}, Point{20, 15}, Point{10, 10}, Point{0, 15})}}, RingSelfIntersection, true},
	{"pinch: two lobes turned inward", []Polygon{{closed(Point{0, 0}, Point{40, 0}, Point{40, 40}, Point{0, 40}, Point{0, 20},
		Point{10, 30}, Point{20, 20}, Point{30, 30}, Point{35, 20}, Point{30, 10}, Point{20, 20}, Point{10, 10}, Point{0, 20})}}, RingSelfIntersection, true},
	{"vertex on its own ring's segment", []Polygon{{closed(Point{0, 0}, Point{20, 0}, Point{20, 20}, Point{10, 0}, Point{0, 20})}}, RingSelfIntersection, false},
	{"spike", []Polygon{{closed(Point{0, 0}, Point{10, 0}, Point{10, 10}, Point{10, 20}, Point{10, 10}, Point{0, 10})}}, RingSelfIntersection, true},
	{"two polygons sharing a border", []Polygon{{boxRing(0, 0, 10, 10)}, {boxRing(10, 0, 20, 10)}}, SelfIntersection, true},
	{"two polygons sharing part of a border", []Polygon{{boxRing(0, 0, 10, 10)}, {boxRing(10, 5, 20, 15)}}, SelfIntersection, false},
	{"hole crossing the outer ring", []Polygon{{boxRing(0, 0, 10, 10), rect(5, 2, 15, 8)}}, SelfIntersection, false},
	{"hole crossing the outer ring at a vertex", []Polygon{{boxRing(0, 0, 20, 20), closed(Point{0, 5}, Point{5, 10}, Point{0, 15}, Point{-5, 10})}}, SelfIntersection, false},
	{"hole outside", []Polygon{{boxRing(0, 0, 10, 10), rect(20, 20, 30, 30)}}, HoleOutsideShell, true},
	{"nested holes", []Polygon{{boxRing(0, 0, 30, 30), rect(5, 5, 25, 25), rect(10, 10, 20, 20)}}, NestedHoles, true},
	{"hole cutting the interior apart", []Polygon{{boxRing(0, 0, 30, 30), closed(Point{0, 15}, Point{15, 20}, Point{30, 15}, Point{15, 10})}}, DisconnectedInterior, false},
	{"hole cutting the interior apart, at vertices", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 15}, Point{30, 30}, Point{0, 30}, Point{0, 15}),
		closed(Point{0, 15}, Point{15, 20}, Point{30, 15}, Point{15, 10})}}, DisconnectedInterior, true},
	{"two holes and the outer ring in a cycle", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 15}, Point{30, 30}, Point{0, 30}, Point{0, 15}),
		closed(Point{0, 15}, Point{7, 20}, Point{15, 15}, Point{7, 10}), closed(Point{15, 15}, Point{22, 20}, Point{30, 15}, Point{22, 10})}}, DisconnectedInterior, true},
	{"nested polygons", []Polygon{{boxRing(0, 0, 30, 30)}, {boxRing(10, 10, 20, 20)}}, NestedShells, true},
	{"the same polygon twice", []Polygon{{boxRing(0, 0, 10, 10)}, {boxRing(0, 0, 10, 10)}}, SelfIntersection, true},
	{"two polygons overlapping between shared vertices", []Polygon{
		{closed(Point{0, 0}, Point{20, 0}, Point{20, 10}, Point{10, 12}, Point{0, 10})},
		{closed(Point{0, 10}, Point{20, 10}, Point{20, 20}, Point{0, 20})}}, SelfIntersection, true},
	{"curl: a lobe inside, wound the same way", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 30}, Point{20, 30}, Point{15, 25},
		Point{10, 20}, Point{20, 20}, Point{15, 25}, Point{10, 30}, Point{0, 30})}}, RingSelfIntersection, true},
	{"a hole in a hole", []Polygon{{closed(Point{0, 0}, Point{30, 0}, Point{30, 30}, Point{15, 30}, Point{15, 25}, Point{25, 15}, Point{15, 5}, Point{5, 15}, Point{15, 25},
		Point{18, 15}, Point{15, 12}, Point{12, 15}, Point{15, 25}, Point{15, 30}, Point{0, 30})}}, RingSelfIntersection, true},
}

func TestValidate(t *testing.T) {
	for _, tt := range validityCases {
		t.Run(tt.name, func(t *testing.T) {
			bad, ok := Validate(tt.polys)
			if ok != (tt.want == Valid) || bad.Reason != tt.want {
				t.Errorf("Validate = %v at %v, %v; want %v", bad.Reason, bad.At, ok, tt.want)
			}
			// The same in the other winding, and with the rings starting elsewhere.
			if bad2, _ := Validate(turned(tt.polys)); bad2.Reason != tt.want {
				t.Errorf("turned: Validate = %v, want %v", bad2.Reason, tt.want)
			}
		})
	}
}

// turned returns the polygons with every ring reversed and started at its second point.
func turned(polys []Polygon) []Polygon {
	out := make([]Polygon, len(polys))
	for i, p := range polys {
		for _, r := range p {
			q := slices.Clone(r[:len(r)-1])
			reverse(q)
			if len(q) > 1 {
				q = append(q[1:], q[0])
			}
			out[i] = append(out[i], append(q, q[0]))
		}
	}
	return out
}

// TestUntangle: Untangle makes valid what needs no new vertex, keeps the shape's area and
// every segment not drawn both ways, and leaves the rest as it was.
func TestUntangle(t *testing.T) {
	for _, tt := range validityCases {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Untangle(tt.polys)
			if _, valid := Validate(got); valid != ok {
				t.Errorf("Untangle says valid %v, Validate %v", ok, valid)
			}
			if tt.want == Valid || !tt.untangles {
				if ok != (tt.want == Valid) {
					t.Errorf("Untangle made valid %v, want %v", ok, tt.want == Valid)
				}
				if !slices.EqualFunc(got, tt.polys, func(a, b Polygon) bool { return slices.EqualFunc(a, b, slices.Equal) }) {
					t.Errorf("changed: %v", got)
				}
				return
			}
			if !ok {
				bad, _ := Validate(got)
				t.Fatalf("Untangle left %v at %v: %v", bad.Reason, bad.At, got)
			}
			union, covers := unionArea2[tt.name]
			if a, b := netArea2(tt.polys), netArea2(got); !covers && a != b || covers && b != union {
				t.Errorf("twice the area %d; twice the rings' net area %d, of their union %d", b, a, union)
			}
			before, after := directedSegments(tt.polys), directedSegments(got)
			for s := range after {
				if !before[s] {
					t.Errorf("segment %v is new", s)
				}
			}
			for s := range before {
				if !after[s] && !before[[2]Point{s[1], s[0]}] && !covers {
					t.Errorf("segment %v lost", s)
				}
			}
			for _, p := range got {
				if area2(p[0]) <= 0 {
					t.Errorf("outer ring with area %d", area2(p[0]))
				}
				for _, h := range p[1:] {
					if area2(h) >= 0 {
						t.Errorf("hole with area %d", area2(h))
					}
				}
			}
		})
	}
}

// unionArea2 is twice the area Untangle leaves of the cases where rings overlap, or a hole
// lies outside every polygon or in another hole: their union counts what is covered twice
// once, and an uncovered hole not at all.
var unionArea2 = map[string]int64{
	"hole outside":           200,
	"nested holes":           1000,
	"nested polygons":        1800,
	"the same polygon twice": 200,
	"two polygons overlapping between shared vertices": 800,
	"curl: a lobe inside, wound the same way":          1750,
	"a hole in a hole": 1400,
}

// netArea2 is twice the area the polygons enclose: outer rings counted positive, holes
// negative, whatever their winding.
func netArea2(polys []Polygon) int64 {
	var s int64
	for _, p := range polys {
		for k, r := range p {
			a := area2(r)
			if (a > 0) != (k == 0) {
				a = -a
			}
			s += a
		}
	}
	return s
}

// directedSegments lists the directed segments of the polygons, outer rings wound positive.
func directedSegments(polys []Polygon) map[[2]Point]bool {
	out := map[[2]Point]bool{}
	for _, p := range polys {
		for k, r := range p {
			r = slices.Clone(r)
			if (area2(r) > 0) != (k == 0) {
				reverse(r)
			}
			for i := 1; i < len(r); i++ {
				if r[i] != r[i-1] {
					out[[2]Point{r[i-1], r[i]}] = true
				}
			}
		}
	}
	return out
}
