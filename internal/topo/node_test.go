package topo

import (
	"slices"
	"testing"
)

// drawnShapes returns every shape of t as Rings draws it, untangled, and whether each is valid.
func drawnShapes(t *Topology) ([]Shape, []bool) {
	out := make([]Shape, len(t.Shapes))
	valid := make([]bool, len(t.Shapes))
	for i := range t.Shapes {
		polys, ok := Untangle(t.Rings(i))
		out[i], valid[i] = Shape{ID: i, Polygons: polys}, ok
	}
	return out, valid
}

// TestNode: where a shape's boundary meets itself between vertices, Node makes the meeting
// point a vertex of every arc through it, so that Untangle can split the rings there; the
// shape's neighbours get the same vertices and keep sharing their borders.
func TestNode(t *testing.T) {
	tests := []struct {
		name    string
		shapes  []Shape
		added   int
		invalid bool // the first shape is invalid before Node
	}{
		{"a hole's vertex on the outer ring's segment, which a neighbour shares", []Shape{
			{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 30, 30), closed(Point{0, 15}, Point{10, 10}, Point{20, 15}, Point{10, 20})}}},
			{ID: 1, Polygons: []Polygon{{boxRing(-30, 0, 0, 30)}}},
		}, 1, false}, // valid, but a touch at a vertex of both survives rounding to degrees
		{"a ring touching its own segment", []Shape{
			{ID: 0, Polygons: []Polygon{{closed(Point{0, 0}, Point{20, 0}, Point{20, 20}, Point{10, 0}, Point{0, 20})}}},
			{ID: 1, Polygons: []Polygon{{boxRing(0, -10, 20, 0)}}},
		}, 1, true},
		{"a bow tie", []Shape{
			{ID: 0, Polygons: []Polygon{{closed(Point{0, 0}, Point{10, 10}, Point{10, 0}, Point{0, 20})}}},
		}, 2, true},
		{"a hole crossing its outer ring", []Shape{
			{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 20, 20), closed(Point{10, 5}, Point{30, 5}, Point{30, 15}, Point{10, 15})}}},
		}, 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, _ := Build(tt.shapes)
			before, _ := drawnShapes(top)
			if _, ok := Validate(before[0].Polygons); ok == tt.invalid {
				t.Fatalf("the first shape is valid %v before Node, want %v", ok, !tt.invalid)
			}
			added, left := top.Node()
			if added != tt.added || left != 0 {
				t.Errorf("Node added %d, left %d; want %d, 0", added, left, tt.added)
			}
			shapes, valid := drawnShapes(top)
			for i, ok := range valid {
				if !ok {
					bad, _ := Validate(shapes[i].Polygons)
					t.Errorf("shape %d: %v at %v: %v", i, bad.Reason, bad.At, shapes[i].Polygons)
				}
			}
			if n := Disagreements(shapes); n != 0 {
				t.Errorf("%d segments disagree between neighbours", n)
			}
			if again, _ := top.Node(); again != 0 {
				t.Errorf("a second Node added %d", again)
			}
		})
	}
}

// TestNodeLeavesNeighbours: two neighbours whose borders cross each other are not noded:
// neither shape's boundary meets itself.
func TestNodeLeavesNeighbours(t *testing.T) {
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 10, 10)}}},
		{ID: 1, Polygons: []Polygon{{boxRing(5, 5, 15, 15)}}},
	}
	top, _ := Build(shapes)
	arcs := slices.Clone(top.Arcs)
	if added, _ := top.Node(); added != 0 || !slices.EqualFunc(arcs, top.Arcs, slices.Equal) {
		t.Errorf("Node added %d between two shapes", added)
	}
}
