package topo

import (
	"runtime"
	"slices"
	"testing"
)

// cloneShapeList returns a deep copy of shapes.
func cloneShapeList(shapes []Shape) []Shape {
	out := make([]Shape, len(shapes))
	for i, s := range shapes {
		out[i] = Shape{ID: s.ID, Polygons: make([]Polygon, len(s.Polygons))}
		for j, p := range s.Polygons {
			out[i].Polygons[j] = make(Polygon, len(p))
			for k, r := range p {
				out[i].Polygons[j][k] = slices.Clone(r)
			}
		}
	}
	return out
}

// sameShapes reports whether a and b hold the same rings, point for point.
func sameShapes(a, b []Shape) bool {
	return slices.EqualFunc(a, b, func(x, y Shape) bool {
		return x.ID == y.ID && slices.EqualFunc(x.Polygons, y.Polygons, func(p, q Polygon) bool {
			return slices.EqualFunc(p, q, func(r, s Ring) bool { return slices.Equal(r, s) })
		})
	})
}

// sharedBorder returns the points of the arc that shapes i and j both use in t, or nil.
func sharedBorder(t *Topology, i, j int) [][]Point {
	uses := func(s int) map[int]bool {
		m := map[int]bool{}
		for _, p := range t.Shapes[s].Polygons {
			for _, r := range p {
				for _, a := range r {
					m[a.Arc] = true
				}
			}
		}
		return m
	}
	ui, uj := uses(i), uses(j)
	var out [][]Point
	for a := range t.Arcs {
		if ui[a] && uj[a] {
			out = append(out, t.Arcs[a])
		}
	}
	return out
}

func TestSnap(t *testing.T) {
	tests := []struct {
		name   string
		d      int32
		shapes []Shape
		want   SnapReport // Passes not compared
		shared []Point    // the border shapes 0 and 1 share after Build, if any
	}{
		{
			name: "T-junction: the neighbour takes the vertex on its segment",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
			},
			want:   SnapReport{Inserted: 1, Changed: 1},
			shared: []Point{{0, 0}, {10, 0}, {20, 0}},
		},
		{
			name: "T-junction a unit off the segment",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 1}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
			},
			want:   SnapReport{Inserted: 1, Changed: 1},
			shared: []Point{{0, 0}, {10, 1}, {20, 0}},
		},
		{
			name: "two corners a unit apart merge",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{10, 0}, {20, 0}, {20, 11}, {11, 11}, {10, 0}}}}},
			},
			want:   SnapReport{Merged: 1, Changed: 1},
			shared: []Point{{10, 0}, {10, 10}},
		},
		{
			name: "a vertex 3 units off the segment stays with d = 1",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 3}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
			},
			want: SnapReport{},
		},
		{
			name: "a vertex 3 units off the segment joins with d = 3",
			d:    3,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 3}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
			},
			want:   SnapReport{Inserted: 1, Changed: 1},
			shared: []Point{{0, 0}, {10, 3}, {20, 0}},
		},
		{
			name: "a staircase corner cut by the neighbour",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {5, 0}, {5, 1}, {10, 1}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{10, 1}, {5, 0}, {0, 0}, {0, -10}, {10, -10}, {10, 1}}}}},
			},
			want:   SnapReport{Inserted: 1, Changed: 1},
			shared: []Point{{0, 0}, {5, 0}, {5, 1}, {10, 1}},
		},
		{
			name: "a vertex of the later ring near the earlier's segment is shared",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{10, 0}, {5, 1}, {0, 0}, {0, -10}, {10, -10}, {10, 0}}}}},
			},
			want:   SnapReport{Inserted: 1, Changed: 1},
			shared: []Point{{0, 0}, {5, 1}, {10, 0}},
		},
		{
			name: "an extra vertex of the later ring by a corner goes",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{10, 0}, {9, 1}, {0, 0}, {0, -10}, {10, -10}, {10, 0}}}}},
			},
			want:   SnapReport{Changed: 1},
			shared: []Point{{0, 0}, {10, 0}},
		},
		{
			name: "a ring that collapses is dropped",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{
					{{{20, 0}, {30, 0}, {30, 10}, {20, 10}, {20, 0}}},
					{{{11, 1}, {11, -1}, {10, -1}, {11, 1}}},
				}},
			},
			want: SnapReport{Merged: 3, Dropped: 1},
		},
		{
			name: "a shape whose every ring would collapse keeps them",
			d:    1,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{11, 1}, {11, -1}, {10, -1}, {11, 1}}}}},
			},
			want: SnapReport{Merged: 3},
		},
		{
			name: "d < 1 does nothing",
			d:    0,
			shapes: []Shape{
				{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
				{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
			},
			want: SnapReport{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := cloneShapeList(tt.shapes)
			shapes := cloneShapeList(tt.shapes)
			before := Disagreements(shapes)
			rep := Snap(shapes, tt.d)
			got := rep
			got.Passes = 0
			if got != tt.want {
				t.Errorf("report %+v, want %+v", rep, tt.want)
			}
			if tt.want == (SnapReport{}) && !sameShapes(shapes, src) {
				t.Errorf("shapes changed with nothing to do: %v", shapes)
			}
			for i, s := range shapes {
				for j, p := range s.Polygons {
					for k, r := range p {
						if len(r) < 4 || r[0] != r[len(r)-1] {
							t.Errorf("shape %d polygon %d ring %d not closed or short: %v", i, j, k, r)
						}
					}
				}
			}
			if tt.shared == nil {
				return
			}
			if n := Disagreements(shapes); n != 0 {
				t.Errorf("%d disagreements after Snap (%d before)", n, before)
			}
			top, _ := Build(shapes)
			checkRings(t, top)
			arcs := sharedBorder(top, 0, 1)
			if len(arcs) != 1 {
				t.Fatalf("shapes share %d arcs, want 1: %v", len(arcs), top.Arcs)
			}
			arc := arcs[0]
			if !slices.Equal(arc, tt.shared) && !slices.Equal(reversed(arc), tt.shared) {
				t.Errorf("shared arc %v, want %v", arc, tt.shared)
			}
			s := top.Simplify(100)
			out := make([]Shape, len(s.Shapes))
			for i := range out {
				out[i] = Shape{ID: i, Polygons: s.Rings(i)}
			}
			if n := Disagreements(out); n != 0 {
				t.Errorf("%d disagreements after Simplify", n)
			}
		})
	}
}

// jittered returns the 8×8 grid fixture with its shared borders drawn differently by
// neighbours, as quantization leaves them: one unit's copy of a border vertex moved by a
// unit, a vertex added on (within half a unit of) one unit's segment, a vertex left out
// by one unit where the segment that replaces it passes within a unit of it. Of two
// neighbours only one (by checkerboard colour, picked per point) changes a given
// vertex, and a unit never changes two vertices in a row, so the two drawings of a
// border stay within a unit of each other, as after rounding.
func jittered(seed uint64) []Shape {
	const n, per = 8, 40
	shapes := grid(n, n, 200, per, seed)
	hash := func(p Point) uint64 {
		h := (uint64(uint32(p.X))<<32 | uint64(uint32(p.Y))) * 0x9E3779B97F4A7C15
		return (h ^ h>>29 ^ seed) * 0xBF58476D1CE4E5B9
	}
	for i := range shapes {
		colour := uint64((i/n + i%n) % 2)
		r := shapes[i].Polygons[0][0]
		m := len(r) - 1
		var out Ring
		prevChanged := false
		for k, p := range r[:m] {
			next := r[k+1]
			h := hash(p)
			kind := h >> 8 % 9
			if k%per == 0 || prevChanged || h>>4&1 != colour || kind > 2 {
				out = append(out, p)
				prevChanged = false
				continue
			}
			prevChanged = true
			switch kind {
			case 0: // moved a unit
				out = append(out, Point{p.X + int32(h>>16%3) - 1, p.Y + int32(h>>20%3) - 1})
			case 1: // left out, if the chord passes within a unit
				prev := out[len(out)-1]
				dx, dy := int64(next.X-prev.X), int64(next.Y-prev.Y)
				cr := dx*int64(p.Y-prev.Y) - dy*int64(p.X-prev.X)
				if max(cr, -cr) > max(dx, -dx)+max(dy, -dy) {
					out = append(out, p)
					prevChanged = false
				}
			case 2: // a vertex added halfway to the next
				out = append(out, p, Point{(p.X + next.X) / 2, (p.Y + next.Y) / 2})
			}
		}
		shapes[i].Polygons[0][0] = append(out, out[0])
	}
	return shapes
}

func TestSnapJittered(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		src := jittered(seed)
		before := Disagreements(src)
		shapes := cloneShapeList(src)
		rep := Snap(shapes, 1)
		after := Disagreements(shapes)
		t.Logf("seed %d: %d disagreements, %d after Snap: %+v", seed, before, after, rep)
		if before == 0 {
			t.Fatalf("seed %d: the fixture has no disagreement", seed)
		}
		if after != 0 {
			t.Errorf("seed %d: %d disagreements after Snap", seed, after)
		}
		if rep.Passes >= snapMaxPasses {
			t.Errorf("seed %d: Snap did not settle: %+v", seed, rep)
		}
		top, _ := Build(shapes)
		checkRings(t, top)
		simple := top.Simplify(100)
		out := make([]Shape, len(simple.Shapes))
		for i := range out {
			out[i] = Shape{ID: i, Polygons: simple.Rings(i)}
		}
		if n := Disagreements(out); n != 0 {
			t.Errorf("seed %d: %d disagreements after Simplify", seed, n)
		}

		// Idempotent: a second Snap finds nothing to do.
		again := cloneShapeList(shapes)
		if rep2 := Snap(again, 1); rep2.Merged+rep2.Inserted+rep2.Dropped+rep2.Changed != 0 || !sameShapes(again, shapes) {
			t.Errorf("seed %d: Snap twice differs from once: %+v", seed, rep2)
		}

		// Deterministic whatever GOMAXPROCS.
		for _, procs := range []int{1, 4} {
			prev := runtime.GOMAXPROCS(procs)
			other := cloneShapeList(src)
			Snap(other, 1)
			runtime.GOMAXPROCS(prev)
			if !sameShapes(other, shapes) {
				t.Errorf("seed %d: GOMAXPROCS %d gives another result", seed, procs)
			}
		}
	}
}

func TestSnapKeepsUnchangedRings(t *testing.T) {
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{{{0, 0}, {10, 0}, {20, 0}, {20, 10}, {0, 10}, {0, 0}}}}},
		{ID: 1, Polygons: []Polygon{{{{20, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}}}},
		{ID: 2, Polygons: []Polygon{{{{100, 100}, {110, 100}, {110, 100}, {110, 110}, {100, 110}, {100, 100}}}}},
	}
	r0, r2 := shapes[0].Polygons[0][0], shapes[2].Polygons[0][0]
	Snap(shapes, 1)
	if &shapes[0].Polygons[0][0][0] != &r0[0] || &shapes[2].Polygons[0][0][0] != &r2[0] {
		t.Error("Snap replaced rings it did not change")
	}
	if got := shapes[1].Polygons[0][0]; !slices.Equal(got, Ring{{20, 0}, {10, 0}, {0, 0}, {0, -10}, {20, -10}, {20, 0}}) {
		t.Errorf("changed ring %v", got)
	}
}

func BenchmarkSnap(b *testing.B) {
	src := jittered(1)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		shapes := cloneShapeList(src)
		b.StartTimer()
		Snap(shapes, 1)
	}
}

func TestSnapTooLarge(t *testing.T) {
	// Bounds 2^30 units across both ways and 1000 vertices: the keys would need about
	// 60 + 10 bits, so Snap leaves the shapes alone.
	const lim = 1 << 29
	var r Ring
	for k := range 1000 {
		r = append(r, Point{int32(-lim + k), int32(-lim + k*k%7)})
	}
	r = append(r, Point{lim, lim}, Point{-lim, lim}, r[0])
	shapes := []Shape{
		{ID: 0, Polygons: []Polygon{{r}}},
		{ID: 1, Polygons: []Polygon{{{{10, 0}, {20, 0}, {20, 11}, {11, 11}, {10, 0}}}}},
	}
	src := cloneShapeList(shapes)
	if rep := Snap(shapes, 1); rep != (SnapReport{}) || !sameShapes(shapes, src) {
		t.Errorf("Snap changed shapes too large for its keys: %+v", rep)
	}
}
