package topo

import "testing"

// notched returns unit A, a square with a deep notch in its top, and unit B,
// a thin bar standing in the notch and poking out above it. Simplifying at
// 500 takes out the notch (400) and straightens A's top through B.
func notched() []Shape {
	a := Ring{{0, 0}, {100, 0}, {100, 100}, {60, 100}, {50, 60}, {40, 100}, {0, 100}, {0, 0}}
	b := rect(48, 85, 52, 140)
	return []Shape{{ID: 1, Polygons: []Polygon{{a}}}, {ID: 2, Polygons: []Polygon{{b}}}}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name    string
		shapes  []Shape
		minArea float64
		before  int // crossings after Simplify; -1: any
	}{
		{"notch", notched(), 500, 2},
		{"grid", grid(6, 6, 300, 60, 11), 5000, -1},
		{"clean", notched(), 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, _ := Build(tt.shapes)
			if n := top.Intersections(); n != 0 {
				t.Fatalf("%d crossings before simplification", n)
			}
			s := top.Simplify(tt.minArea)
			n := s.Intersections()
			if tt.before >= 0 && n != tt.before {
				t.Errorf("%d crossings after Simplify, want %d", n, tt.before)
			}
			if left := s.Repair(top); left != 0 || s.Intersections() != 0 {
				t.Errorf("Repair left %d crossings, Intersections %d", left, s.Intersections())
			}
			checkRings(t, s)
			checkSegments(t, s, exteriorArcs(s))
			checkArcs(t, top, s)
			t.Logf("%d crossings after Simplify, %d → %d arc points", n, points(top), points(s))
		})
	}
}

// TestRepairUnfixable: crossings already in the source stay, and are counted.
func TestRepairUnfixable(t *testing.T) {
	top, _ := Build([]Shape{
		{ID: 1, Polygons: []Polygon{{rect(0, 0, 10, 10)}}},
		{ID: 2, Polygons: []Polygon{{rect(5, 5, 15, 15)}}},
	})
	if n := top.Intersections(); n != 2 {
		t.Fatalf("%d crossings, want 2", n)
	}
	s := top.Simplify(1)
	if left := s.Repair(top); left != 2 {
		t.Errorf("Repair left %d, want 2", left)
	}
	if left := s.Repair(&Topology{}); left != 2 {
		t.Errorf("Repair with a foreign original left %d, want 2", left)
	}
}
