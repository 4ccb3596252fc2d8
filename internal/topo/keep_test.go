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
