package topo

import (
	"reflect"
	"slices"
	"testing"
)

// deepCopy returns a copy of t sharing nothing with it.
func deepCopy(t *Topology) *Topology {
	c := &Topology{Shapes: cloneShapes(t.Shapes)}
	for _, a := range t.Arcs {
		c.Arcs = append(c.Arcs, slices.Clone(a))
	}
	return c
}

// exteriorArcs returns a test for segments of arcs that one ring uses.
func exteriorArcs(t *Topology) func(a, b Point) bool {
	uses := make([]int, len(t.Arcs))
	for _, s := range t.Shapes {
		for _, p := range s.Polygons {
			for _, refs := range p {
				for _, r := range refs {
					uses[r.Arc]++
				}
			}
		}
	}
	ext := map[[2]Point]bool{}
	for a, pts := range t.Arcs {
		for i := 1; i < len(pts); i++ {
			ext[[2]Point{pts[i-1], pts[i]}] = uses[a] == 1
			ext[[2]Point{pts[i], pts[i-1]}] = uses[a] == 1
		}
	}
	return func(a, b Point) bool { return ext[[2]Point{a, b}] }
}

func points(t *Topology) int {
	n := 0
	for _, a := range t.Arcs {
		n += len(a)
	}
	return n
}

func TestSimplify(t *testing.T) {
	for _, f := range fixtures() {
		top, _ := Build(f.shapes)
		before := deepCopy(top)
		for _, minArea := range []float64{0, 1, 10, 100, 1000, 1e9} {
			s := top.Simplify(minArea)
			if !reflect.DeepEqual(top, before) {
				t.Fatalf("%s at %v: Simplify changed its receiver", f.name, minArea)
			}
			checkRings(t, s)
			checkSegments(t, s, exteriorArcs(s))
			// Below the frame corners' own areas (5,000 and more) the
			// outer border stays on the frame.
			if f.exterior != nil && minArea <= 1000 {
				checkSegments(t, s, f.exterior)
			}
			lost := checkArcs(t, top, s)
			checkArea(t, top, s, minArea, lost)
			if minArea == 0 && !reflect.DeepEqual(s.Arcs, top.Arcs) {
				t.Errorf("%s: threshold 0 changed the arcs", f.name)
			}
			if testing.Verbose() {
				t.Logf("%-10s minArea %-6g: %5d → %5d arc points, %d crossings", f.name, minArea, points(top), points(s), s.Intersections())
			}
		}
	}
}

// TestSimplifyKeepsSmallUnits: units far below the threshold keep a
// triangle or more, and the big unit gives up nothing to them.
func TestSimplifyKeepsSmallUnits(t *testing.T) {
	var f fixture
	for _, f = range fixtures() {
		if f.name == "tiny" {
			break
		}
	}
	top, _ := Build(f.shapes)
	s := top.Simplify(1e9)
	checkRings(t, s)
	for i := range s.Shapes {
		r := s.Rings(i)[0][0]
		if len(r) < 4 || area2(r) <= 0 {
			t.Errorf("shape %d: ring %v", s.Shapes[i].ID, r)
		}
	}
	// At an area this large everything that can go goes: the big unit is
	// its nodes and corners' worth of vertices, not more.
	if n := len(s.Rings(0)[0][0]); n > 8 {
		t.Errorf("big unit keeps %d points", n)
	}
}

func TestSimplifyGrid(t *testing.T) {
	shapes := grid(8, 6, 300, 60, 7)
	top, _ := Build(shapes)
	for _, minArea := range []float64{10, 100, 1000} {
		s := top.Simplify(minArea)
		checkRings(t, s)
		checkSegments(t, s, onFrame(0, 0, 2400, 1800))
		checkArea(t, top, s, minArea, checkArcs(t, top, s))
		if n, m := points(s), points(top); n >= m {
			t.Errorf("minArea %v: %d points from %d", minArea, n, m)
		}
	}
}

// TestSimplifyKeepsLobes: a lobe hanging from a ring by one node keeps an
// area, however large the threshold.
func TestSimplifyKeepsLobes(t *testing.T) {
	var f fixture
	for _, f = range fixtures() {
		if f.name == "pinched" {
			break
		}
	}
	top, _ := Build(f.shapes)
	for _, minArea := range []float64{50, 1000, 1e9} {
		s := top.Simplify(minArea)
		for a, pts := range s.Arcs {
			if pts[0] == pts[len(pts)-1] && area2(pts) == 0 {
				t.Errorf("minArea %v: loop arc %d folded flat: %v", minArea, a, pts)
			}
		}
	}
}
