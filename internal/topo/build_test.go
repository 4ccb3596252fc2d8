package topo

import (
	"reflect"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			top, rep := Build(f.shapes)
			if rep.Arcs != f.arcs || rep.SharedArcs != f.shared || rep.Nodes != f.nodes {
				t.Errorf("arcs %d, shared %d, nodes %d; want %d, %d, %d", rep.Arcs, rep.SharedArcs, rep.Nodes, f.arcs, f.shared, f.nodes)
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("warnings on clean input: %v", rep.Warnings)
			}
			// The arcs give back the input rings, from some start, some way.
			for i, s := range f.shapes {
				got := top.Rings(i)
				if top.Shapes[i].ID != s.ID || len(got) != len(s.Polygons) {
					t.Fatalf("shape %d: ID %d, %d polygons; want %d, %d", i, top.Shapes[i].ID, len(got), s.ID, len(s.Polygons))
				}
				for j, p := range s.Polygons {
					for k, r := range p {
						if !sameCycle(got[j][k], r) {
							t.Errorf("shape %d polygon %d ring %d: rebuilt %v, want %v", s.ID, j, k, got[j][k], r)
						}
					}
				}
			}
			checkRings(t, top)
			inner, _ := checkSegments(t, top, f.exterior)
			if f.shared > 0 && inner == 0 {
				t.Errorf("no segment drawn both ways")
			}
			if n := top.Intersections(); n != 0 {
				t.Errorf("%d crossings in the source", n)
			}
		})
	}
}

func TestBuildDefects(t *testing.T) {
	shapes := []Shape{
		{ID: 10, Polygons: []Polygon{{{{0, 0}, {0, 10}, {0, 10}, {10, 10}, {10, 0}, {10, 0}, {0, 0}}}}}, // 2 duplicates
		{ID: 11, Polygons: []Polygon{{{{20, 0}, {20, 10}, {30, 10}, {30, 0}}}}},                         // unclosed
		{ID: 12, Polygons: []Polygon{{rect(40, 0, 50, 10), {{41, 1}, {42, 2}, {41, 1}}}}},               // short hole
		{ID: 13, Polygons: []Polygon{{rect(60, 0, 70, 10)}, {{{80, 0}, {81, 1}, {82, 2}, {80, 0}}}}},    // flat island
		{ID: 14, Polygons: []Polygon{{{{90, 0}, {90, 0}}, rect(91, 1, 92, 2)}}},                         // short outer, orphan hole: empty
		{ID: 15, Polygons: []Polygon{{rect(100, 0, 110, 10)}}},                                          // clean
	}
	top, rep := Build(shapes)
	want := []Warning{
		{ID: 10, Duplicates: 2},
		{ID: 11, Unclosed: 1},
		{ID: 12, Short: 1},
		{ID: 13, Flat: 1},
		{ID: 14, Short: 1, Orphans: 1, Empty: true},
	}
	if !reflect.DeepEqual(rep.Warnings, want) {
		t.Errorf("warnings\n%v\nwant\n%v", rep.Warnings, want)
	}
	if s := rep.Warnings[4].String(); !strings.Contains(s, "shape 14") || !strings.Contains(s, "no ring left") {
		t.Errorf("String() = %q", s)
	}
	if rep.Rings != 5 || rep.Arcs != 5 || len(top.Shapes) != 6 || len(top.Shapes[4].Polygons) != 0 {
		t.Errorf("rings %d, arcs %d, shapes %d, shape 14 polygons %d", rep.Rings, rep.Arcs, len(top.Shapes), len(top.Shapes[4].Polygons))
	}
	// Mended rings are closed, wound by the rule, without duplicates.
	if r := top.Rings(0)[0][0]; len(r) != 5 || area2(r) <= 0 {
		t.Errorf("mended ring %v", r)
	}
	if r := top.Rings(1)[0][0]; len(r) != 5 || r[0] != r[4] {
		t.Errorf("closed ring %v", r)
	}
}

// TestBuildWinding: either winding in, outer rings positive and holes
// negative out, and a border shared forward and back.
func TestBuildWinding(t *testing.T) {
	a := rect(0, 0, 10, 10)
	b := Ring{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}} // the other way round
	top, rep := Build([]Shape{{ID: 1, Polygons: []Polygon{{a}}}, {ID: 2, Polygons: []Polygon{{b}}}})
	if rep.SharedArcs != 1 {
		t.Fatalf("shared arcs %d, want 1", rep.SharedArcs)
	}
	checkRings(t, top)
	checkSegments(t, top, onFrame(0, 0, 20, 10))
}

func TestBuildEmpty(t *testing.T) {
	for _, shapes := range [][]Shape{nil, {{ID: 5}}, {{ID: 6, Polygons: []Polygon{{}}}}} {
		top, rep := Build(shapes)
		if len(top.Arcs) != 0 || len(top.Shapes) != len(shapes) || rep.Arcs != 0 {
			t.Errorf("%v: %+v, %+v", shapes, top, rep)
		}
		if s := top.Simplify(10); len(s.Arcs) != 0 || s.Intersections() != 0 {
			t.Errorf("%v: simplified %+v", shapes, s)
		}
	}
}

// TestBuildWidePlane: coordinates up to the documented ±2^29, and the
// whole int32 range, where areas overflow but the arcs are still found.
func TestBuildWidePlane(t *testing.T) {
	for _, e := range []int32{1 << 29, 1<<31 - 1} {
		shapes := []Shape{
			{ID: 1, Polygons: []Polygon{{rect(-e, -e, 0, e)}}},
			{ID: 2, Polygons: []Polygon{{rect(0, -e, e, e)}}},
		}
		top, rep := Build(shapes)
		if rep.Arcs != 3 || rep.SharedArcs != 1 || rep.Nodes != 2 {
			t.Errorf("±%d: %+v", e, rep)
		}
		if e > 1<<29 {
			continue
		}
		checkRings(t, top)
		checkSegments(t, top, exteriorArcs(top))
		if n := top.Simplify(1e30).Intersections(); n != 0 {
			t.Errorf("%d crossings", n)
		}
	}
}
