package topo

import (
	"math"
	"testing"
)

func TestAreaToKeep(t *testing.T) {
	// A zigzag line of teeth of varied heights (few ties), closed into a ring along the bottom.
	var r Ring
	for i := 0; i <= 200; i++ {
		y := int32(0)
		if i%2 == 1 {
			y = int32(1 + (i*i*7919)%997)
		}
		r = append(r, Point{int32(i * 10), 100 + y})
	}
	r = append(r, Point{2000, 0}, Point{0, 0}, r[0])
	top, _ := Build([]Shape{{ID: 1, Polygons: []Polygon{{r}}}})
	removable := 0
	for _, a := range top.Arcs {
		removable += len(a) - 2
	}
	for _, f := range []float64{0.1, 0.5, 0.9} {
		s := top.Simplify(top.AreaToKeep(f))
		kept := 0
		for _, a := range s.Arcs {
			kept += len(a) - 2
		}
		want := f * float64(removable)
		if math.Abs(float64(kept)-want) > 0.05*float64(removable)+2 {
			t.Errorf("keep %.0f%%: kept %d of %d removable vertices, want about %.0f", f*100, kept, removable, want)
		}
	}
	if a := top.AreaToKeep(1); a != 0 {
		t.Errorf("keeping everything needs minArea 0, got %v", a)
	}
}

func TestSimplifyToKeep(t *testing.T) {
	var r Ring
	for i := 0; i <= 300; i++ {
		r = append(r, Point{int32(i * 10), 100 + int32((i*i*7919)%997)*int32(i%2)})
	}
	r = append(r, Point{3000, 0}, Point{0, 0}, r[0])
	top, _ := Build([]Shape{{ID: 1, Polygons: []Polygon{{r}}}})
	removable := 0
	for _, a := range top.Arcs {
		removable += len(a) - 2
	}
	for _, f := range []float64{0, 0.05, 0.3, 0.7, 1} {
		s, _ := top.SimplifyToKeep(f)
		kept := 0
		for a, arc := range s.Arcs {
			kept += len(arc) - 2
			if arc[0] != top.Arcs[a][0] || arc[len(arc)-1] != top.Arcs[a][len(top.Arcs[a])-1] {
				t.Errorf("keep %v: arc %d lost an end point", f, a)
			}
			if _, ok := subsequence(arc, top.Arcs[a]); !ok {
				t.Errorf("keep %v: arc %d is not a subsequence of the original", f, a)
			}
		}
		// Visvalingam is not stable under ties, so one pass and Simplify at the same area may
		// keep a few different vertices; the share kept is what must hold.
		if want := f * float64(removable); math.Abs(float64(kept)-want) > 0.05*float64(removable)+3 {
			t.Errorf("keep %v: kept %d of %d removable, want about %.0f", f, kept, removable, want)
		}
		if rs := s.Rings(0); len(rs) != 1 || RingArea2(rs[0][0]) <= 0 {
			t.Errorf("keep %v: ring lost or turned over", f)
		}
	}
	xs := []float64{5, 1, 4, 1, 5, 9, 2, 6}
	for k, want := range []float64{1, 1, 2, 4, 5, 5, 6, 9} {
		if got := nth(append([]float64(nil), xs...), k); got != want {
			t.Errorf("nth(%d) = %v, want %v", k, got, want)
		}
	}
}

func TestSimplifyToVertices(t *testing.T) {
	// Two squares sharing a jagged border: the border's vertices count twice.
	var border []Point
	for i := 0; i <= 100; i++ {
		border = append(border, Point{100 + int32((i*i*31)%7), int32(i * 10)})
	}
	left := Ring{{0, 0}}
	left = append(left, border...)
	left = append(left, Point{0, 1000}, Point{0, 0})
	right := Ring{}
	for i := len(border) - 1; i >= 0; i-- {
		right = append(right, border[i])
	}
	right = append(right, Point{200, 0}, Point{200, 1000}, border[len(border)-1])
	top, _ := Build([]Shape{{ID: 0, Polygons: []Polygon{{left}}}, {ID: 1, Polygons: []Polygon{{right}}}})
	for _, n := range []int{20, 60, 120} {
		s, _ := top.SimplifyToVertices(n)
		got := 0
		for i := range s.Shapes {
			for _, p := range s.Rings(i) {
				for _, r := range p {
					got += len(r) - 1
				}
			}
		}
		if math.Abs(float64(got-n)) > 0.1*float64(n)+4 {
			t.Errorf("asked for %d vertices, got %d", n, got)
		}
	}
	for _, tt := range []struct {
		need int
		want float64
	}{{1, 9}, {2, 5}, {3, 3}, {4, 3}, {5, 1}, {9, 0}} {
		cs := []weighted{{5, 1}, {3, 2}, {9, 1}, {1, 1}}
		if got := weightedTop(cs, tt.need); got != tt.want {
			t.Errorf("weightedTop(need %d) = %v, want %v", tt.need, got, tt.want)
		}
	}
}
