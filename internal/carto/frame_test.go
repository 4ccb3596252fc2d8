package carto

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// TestMercatorTable checks the table-driven projection against orb's exact one across
// Vietnam's latitudes and beyond.
func TestMercatorTable(t *testing.T) {
	worst := 0.0
	for lat := -84.99; lat < 85; lat += 0.0037 {
		p := orb.Point{105.8, lat}
		x, y := mercator(p)
		m := project.WGS84.ToMercator(p)
		if math.Abs(x-m[0]) > 1e-6 {
			t.Fatalf("x at %v: %v, want %v", p, x, m[0])
		}
		worst = math.Max(worst, math.Abs(y-m[1]))
	}
	if worst > 0.025 {
		t.Errorf("table y is off by up to %.3f m; want under 2.5 cm", worst)
	}
	t.Logf("largest error of y: %.4f m", worst)
}
