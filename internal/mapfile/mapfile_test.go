package mapfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/carto"
)

// squares is a boundary file of three units in a row, two in province "1" and one in "2",
// each a square sharing its sides with its neighbours.
const squares = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"a","province_code":"1"},"geometry":{"type":"Polygon","coordinates":[[[104,21],[104.1,21],[104.1,21.1],[104,21.1],[104,21]]]}},
{"type":"Feature","properties":{"code":"b","province_code":"1"},"geometry":{"type":"Polygon","coordinates":[[[104.1,21],[104.2,21],[104.2,21.1],[104.1,21.1],[104.1,21]]]}},
{"type":"Feature","properties":{"code":"c","province_code":"2"},"geometry":{"type":"Polygon","coordinates":[[[104.2,21],[104.3,21],[104.3,21.1],[104.2,21.1],[104.2,21]]]}}
]}`

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDraw draws a boundary file as atlas map does: every unit is read and drawn, the SVG is
// written with a path per unit, neighbours agree on their borders, and another tool's
// version of the same file is judged on the same grid.
func TestDraw(t *testing.T) {
	in := write(t, "in.geojson", squares)
	svg := filepath.Join(t.TempDir(), "out.svg")
	rep, err := Draw(Options{In: in, SVG: svg, Check: true, Compare: in, Draw: carto.Options{Width: 300}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Units != 3 || rep.Lost != 0 || rep.Disagreements != 0 {
		t.Errorf("report: %d units, %d lost, %d disagreements; want 3, 0, 0", rep.Units, rep.Lost, rep.Disagreements)
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "<path"); n != 3 || rep.SVGBytes != int64(len(b)) {
		t.Errorf("SVG of %d bytes (report says %d) with %d paths, want 3", len(b), rep.SVGBytes, n)
	}
	if c := rep.Compared; c == nil || c.Units != 3 || c.Lost != 0 || c.Disagreements != 0 || c.Vertices == 0 {
		t.Errorf("the source judged as another tool's output: %+v", c)
	}
}

// TestDrawDissolve dissolves the units by a property: one shape per province.
func TestDrawDissolve(t *testing.T) {
	rep, err := Draw(Options{In: write(t, "in.geojson", squares), Group: "province_code", Draw: carto.Options{Width: 300}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Units != 3 || rep.Lost != 0 {
		t.Errorf("report: %d units, %d lost; want 3 read, none lost", rep.Units, rep.Lost)
	}
}

func TestDrawErrors(t *testing.T) {
	if _, err := Draw(Options{In: filepath.Join(t.TempDir(), "missing.geojson")}); err == nil {
		t.Error("a missing file drew")
	}
	bad := write(t, "bad.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature",`)
	if _, err := Draw(Options{In: bad}); err == nil || !strings.Contains(err.Error(), "bad.geojson") {
		t.Errorf("a broken file: err = %v, want it named", err)
	}
}

// pinched is a boundary file of one unit whose ring passes twice through a corner: two
// squares that touch there, an invalid polygon (GEOS: "Ring Self-intersection").
const pinched = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"p"},"geometry":{"type":"Polygon","coordinates":[[[104,21],[104.1,21],[104.1,21.1],[104.2,21.1],[104.2,21.2],[104.1,21.2],[104.1,21.1],[104,21.1],[104,21]]]}}
]}`

// TestDrawInvalid: the map drawn from a pinched polygon is valid (two polygons that touch),
// while the same file judged as another tool's output counts one invalid feature.
func TestDrawInvalid(t *testing.T) {
	in := write(t, "pinched.geojson", pinched)
	rep, err := Draw(Options{In: in, Check: true, Compare: in, Draw: carto.Options{Width: 300}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stats.Invalid != 0 || rep.Lost != 0 {
		t.Errorf("drawn: %d invalid, %d lost; want none", rep.Stats.Invalid, rep.Lost)
	}
	if c := rep.Compared; c == nil || c.Invalid != 1 {
		t.Errorf("the pinched source judged: %+v, want 1 invalid", c)
	}
}
