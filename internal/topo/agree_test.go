package topo

import "testing"

func square(x0, y0, x1, y1 int32) Polygon {
	return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestDisagreements(t *testing.T) {
	tests := []struct {
		name   string
		shapes []Shape
		want   int
	}{
		{"two squares sharing an edge", []Shape{
			{ID: 0, Polygons: []Polygon{square(0, 0, 10, 10)}},
			{ID: 1, Polygons: []Polygon{square(10, 0, 20, 10)}},
		}, 0},
		{"shared edge split differently", []Shape{
			{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 5}, {10, 10}, {0, 10}, {0, 0}}}}},
			{ID: 1, Polygons: []Polygon{square(10, 0, 20, 10)}},
		}, 3},
		{"a bulge into the neighbour", []Shape{
			{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {12, 5}, {10, 10}, {0, 10}, {0, 0}}}}},
			{ID: 1, Polygons: []Polygon{square(10, 0, 20, 10)}},
		}, 3},
		{"either winding", []Shape{
			{ID: 0, Polygons: []Polygon{{{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}}}},
			{ID: 1, Polygons: []Polygon{{{{10, 0}, {10, 10}, {20, 10}, {20, 0}, {10, 0}}}}},
		}, 0},
		{"enclave in a hole", []Shape{
			{ID: 0, Polygons: []Polygon{{square(0, 0, 30, 30)[0], {{10, 10}, {10, 20}, {20, 20}, {20, 10}, {10, 10}}}}},
			{ID: 1, Polygons: []Polygon{square(10, 10, 20, 20)}},
		}, 0},
	}
	for _, tt := range tests {
		if got := Disagreements(tt.shapes); got != tt.want {
			t.Errorf("%s: %d disagreeing segments, want %d", tt.name, got, tt.want)
		}
	}
}

func TestCrossingsByShape(t *testing.T) {
	// A bow tie crosses itself once; the square beside it is clean.
	bow := Polygon{{{0, 0}, {30, 30}, {30, 0}, {0, 10}, {0, 0}}}
	top, _ := Build([]Shape{{ID: 0, Polygons: []Polygon{bow}}, {ID: 1, Polygons: []Polygon{square(40, 0, 50, 10)}}})
	got := top.CrossingsByShape()
	if len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("crossings by shape = %v, want [1 0]", got)
	}
}
