package carto

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/topo"
)

// shapesOf returns a map's shapes as topo shapes, for topo.Disagreements.
func shapesOf(m *Map) []topo.Shape {
	out := make([]topo.Shape, len(m.Shapes))
	for i, s := range m.Shapes {
		out[i] = topo.Shape{ID: i, Polygons: s.Polygons}
	}
	return out
}

// TestSonLaGapFree checks the drawn Sơn La maps at the sizes the atlas draws and below: no
// border segment on which neighbours disagree, no unit lost, no crossing left. Simplifying each
// unit on its own, as a contrast, makes neighbours disagree: the check can fail.
//
// The source itself is not exactly topological: quantized, it has about 230 disagreeing
// segments (vertices of one unit that its neighbour's border passes by); snapping at one grid
// unit, as the atlas's maps do, and simplification remove them all at these sizes.
func TestSonLaGapFree(t *testing.T) {
	features := loadSonLa(t)
	for _, width := range []int{800, 360, 240, 120} {
		m, err := Draw(features, Options{Width: width, Snap: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Shapes) != len(features) {
			t.Fatalf("%d px: %d shapes for %d units", width, len(m.Shapes), len(features))
		}
		for _, s := range m.Shapes {
			if len(s.Polygons) == 0 {
				t.Errorf("%d px: unit %s lost", width, s.Code)
			}
		}
		if n := topo.Disagreements(shapesOf(m)); n != 0 {
			t.Errorf("%d px: %d segments disagree between neighbours", width, n)
		}
		if m.Stats.Crossings != 0 {
			t.Errorf("%d px: %d crossings left after repair", width, m.Stats.Crossings)
		}
		// The contrast: each unit simplified alone at the same threshold.
		tol := DefaultTolerance * Precision
		var alone []topo.Shape
		for i, f := range features {
			one, _ := topo.Build([]topo.Shape{{ID: i, Polygons: Quantize(f.Geometry, m.Frame)}})
			alone = append(alone, topo.Shape{ID: i, Polygons: one.Simplify(minAreaFor(tol)).Rings(0)})
		}
		naive := topo.Disagreements(alone)
		if naive == 0 {
			t.Errorf("%d px: simplifying units one by one shows no disagreement; the check cannot fail", width)
		}
		t.Logf("%d px: %d points kept of %d; per-unit simplification would leave %d disagreeing segments; stats %+v", width, m.Stats.Kept, m.Stats.Points, naive, m.Stats)
	}
}
