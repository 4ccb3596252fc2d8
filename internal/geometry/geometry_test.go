package geometry

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/paulmach/orb"
)

// square is a unit square of side 0.1° with its lower left corner at lon, lat.
func square(lon, lat float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + .1, lat}, {lon + .1, lat + .1}, {lon, lat + .1}, {lon, lat}}}}
}

// TestDraw: three units in a row, two in province "1" and one in "2" (and a boundary of no
// unit): each province gets its map and locator of its own units, and the national map one
// shape per province, the units dissolved.
func TestDraw(t *testing.T) {
	site := &model.Site{
		Units: []*model.Unit{{Code: "a", Province: "1"}, {Code: "b", Province: "1"}, {Code: "c", Province: "2"}},
		Boundaries: []*model.Boundary{
			{Code: "a", Geometry: square(104, 21)}, {Code: "b", Geometry: square(104.1, 21)},
			{Code: "c", Geometry: square(104.2, 21)}, {Code: "x", Geometry: square(104.3, 21)},
		},
	}
	ticks := 0
	m, err := Draw(site, func(done, total int) {
		ticks++
		if total != 2 || done != ticks {
			t.Errorf("tick(%d, %d) as call %d, want (%d, 2)", done, total, ticks, ticks)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Provinces) != 2 || ticks != 2 {
		t.Fatalf("%d provinces drawn in %d ticks, want 2", len(m.Provinces), ticks)
	}
	for prov, want := range map[string][]string{"1": {"a", "b"}, "2": {"c"}} {
		p := m.Provinces[prov]
		for _, mp := range []struct {
			name  string
			width int
			codes []string
		}{{"map", p.Main.PixelWidth, codes(p.Main.Shapes)}, {"locator", p.Locator.PixelWidth, codes(p.Locator.Shapes)}} {
			if len(mp.codes) != len(want) || mp.codes[0] != want[0] {
				t.Errorf("province %s %s: units %v, want %v", prov, mp.name, mp.codes, want)
			}
		}
		if p.Main.PixelWidth != ProvinceMapWidth || p.Locator.PixelWidth != LocatorMapWidth {
			t.Errorf("province %s: widths %d and %d, want %d and %d", prov, p.Main.PixelWidth, p.Locator.PixelWidth, ProvinceMapWidth, LocatorMapWidth)
		}
	}
	if got := codes(m.Nation.Shapes); len(got) != 2 || got[0] != "1" || got[1] != "2" || m.Nation.PixelWidth != NationMapWidth {
		t.Errorf("national map: shapes %v, %d px; want the provinces 1 and 2, %d px", got, m.Nation.PixelWidth, NationMapWidth)
	}
}

// TestNationWithoutUnits: a site whose boundaries name no unit has no national map.
func TestNationWithoutUnits(t *testing.T) {
	m, err := Nation(&model.Site{Boundaries: []*model.Boundary{{Code: "x", Geometry: square(104, 21)}}})
	if err != nil || m != nil {
		t.Errorf("Nation = %v, %v; want none", m, err)
	}
}

// codes lists the shapes' codes in order.
func codes(shapes []carto.Shape) []string {
	var out []string
	for _, s := range shapes {
		out = append(out, s.Code)
	}
	return out
}
