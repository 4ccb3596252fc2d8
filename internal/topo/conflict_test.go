package topo

import (
	"math"
	"slices"
	"testing"
)

// boxRing returns a closed rectangle ring, counter-clockwise with y up.
func boxRing(x0, y0, x1, y1 int32) Ring {
	return Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestConflictsOverlappingSquares(t *testing.T) {
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 10, 10)}}},
		{ID: 1, Polygons: []Polygon{{boxRing(5, 0, 15, 10)}}},
		{ID: 2, Polygons: []Polygon{{boxRing(15, 0, 25, 10)}}}, // B's neighbour: shares a border
	}
	got := Conflicts(shapes)
	if len(got) != 1 || got[0].A != 0 || got[0].B != 1 || got[0].Segments != 2 {
		t.Fatalf("Conflicts = %+v, want one between shapes 0 and 1 on 2 segments", got)
	}
	if math.Abs(got[0].Area-50) > 0.5 {
		t.Errorf("overlap area = %g, want 50", got[0].Area)
	}
	if n := Disagreements(shapes); n != 2 {
		t.Errorf("Disagreements = %d, want 2", n)
	}
}

func TestConflictsDuplicatedUnit(t *testing.T) {
	// The same unit twice: no border runs inside the other, but both draw it the same way.
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 10, 10)}}},
		{ID: 1, Polygons: []Polygon{{boxRing(0, 0, 10, 10)}}},
	}
	got := Conflicts(shapes)
	if len(got) != 1 || got[0].A != 0 || got[0].B != 1 || got[0].Segments != 4 || math.Abs(got[0].Area-100) > 0.5 {
		t.Fatalf("Conflicts = %+v, want shapes 0 and 1 on 4 segments, area 100", got)
	}
}

func TestConflictsNoneBetweenNeighbours(t *testing.T) {
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{boxRing(0, 0, 10, 10)}}},
		{ID: 1, Polygons: []Polygon{{Ring{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}}}},
	}
	if got := Conflicts(shapes); len(got) != 0 {
		t.Errorf("Conflicts = %+v, want none", got)
	}
	if got := Gaps(shapes); len(got) != 0 {
		t.Errorf("Gaps = %+v, want none", got)
	}
}

func TestGaps(t *testing.T) {
	// Four units around an empty square 10 wide.
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{Ring{{0, 0}, {30, 0}, {30, 10}, {20, 10}, {10, 10}, {0, 10}, {0, 0}}}}},
		{ID: 1, Polygons: []Polygon{{Ring{{0, 20}, {10, 20}, {20, 20}, {30, 20}, {30, 30}, {0, 30}, {0, 20}}}}},
		{ID: 2, Polygons: []Polygon{{boxRing(0, 10, 10, 20)}}},
		{ID: 3, Polygons: []Polygon{{boxRing(20, 10, 30, 20)}}},
	}
	for _, flip := range []bool{false, true} {
		in := shapes
		if flip { // either winding
			in = nil
			for _, s := range shapes {
				r := slices.Clone(s.Polygons[0][0])
				slices.Reverse(r)
				in = append(in, Shape{ID: s.ID, Polygons: []Polygon{{r}}})
			}
		}
		got := Gaps(in)
		if len(got) != 1 || got[0].Area != 100 || !slices.Equal(got[0].Shapes, []int{0, 1, 2, 3}) {
			t.Errorf("flip %v: Gaps = %+v, want one of area 100 among shapes 0-3", flip, got)
		}
		if c := Conflicts(in); len(c) != 0 {
			t.Errorf("flip %v: Conflicts = %+v, want none", flip, c)
		}
	}
}
