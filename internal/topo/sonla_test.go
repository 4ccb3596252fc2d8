package topo

import (
	"math"
	"os"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"
)

// sonLa is the real data set: Sơn La's 75 communes of 2025, full resolution.
const sonLa = "../../testdata/son-la/geo/son-la-communes-2025.geojson"

// loadSonLa reads the Sơn La communes, projected to Web Mercator and
// quantized to a plane width units wide, skipping the test when the file is
// absent.
func loadSonLa(tb testing.TB, width float64) []Shape {
	tb.Helper()
	data, err := os.ReadFile(sonLa)
	if os.IsNotExist(err) {
		tb.Skipf("%s not found", sonLa)
	}
	if err != nil {
		tb.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		tb.Fatal(err)
	}
	var mps []orb.MultiPolygon
	var b orb.Bound
	for i, f := range fc.Features {
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			mp = g
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		default:
			tb.Fatalf("feature %d: unexpected geometry %T", i, g)
		}
		mp = project.MultiPolygon(mp.Clone(), project.WGS84.ToMercator)
		if i == 0 {
			b = mp.Bound()
		}
		b = b.Union(mp.Bound())
		mps = append(mps, mp)
	}
	scale := width / (b.Max[0] - b.Min[0])
	shapes := make([]Shape, len(mps))
	for i, mp := range mps {
		shapes[i].ID = i
		for _, poly := range mp {
			var p Polygon
			for _, r := range poly {
				q := make(Ring, len(r))
				for k, c := range r {
					q[k] = Point{int32(math.Round((c[0] - b.Min[0]) * scale)), int32(math.Round((b.Max[1] - c[1]) * scale))}
				}
				p = append(p, q)
			}
			shapes[i].Polygons = append(shapes[i].Polygons, p)
		}
	}
	return shapes
}

func TestSonLa(t *testing.T) {
	for _, width := range []float64{8000, 2400} {
		shapes := loadSonLa(t, width)
		top, rep := Build(shapes)
		t.Logf("width %v: %d shapes, %d rings, %d points, %d arcs (%d shared), %d arc points, %d nodes, %d shapes with warnings, %d crossings",
			width, rep.Shapes, rep.Rings, rep.Points, rep.Arcs, rep.SharedArcs, rep.ArcPoints, rep.Nodes, len(rep.Warnings), top.Intersections())
		if rep.SharedArcs < 150 || rep.ArcPoints > rep.Points*6/10 {
			t.Errorf("75 neighbouring communes should share most borders: %+v", rep)
		}
		checkRings(t, top)
		checkSegments(t, top, exteriorArcs(top))
		for _, w := range rep.Warnings[:3] {
			t.Log("  ", w)
		}
		base := top.Intersections()
		for _, minArea := range []float64{25, 100, 400} {
			s := top.Simplify(minArea)
			checkRings(t, s)
			// Borders that are near-shared in the source (two units' rings
			// meeting at vertices but with different vertices between) may
			// be simplified onto each other: counted, not an error.
			_, _, folded := countSegments(t, s, exteriorArcs(s))
			checkArea(t, top, s, minArea, checkArcs(t, top, s))
			n := s.Intersections()
			left := s.Repair(top)
			checkRings(t, s)
			if left > base {
				t.Errorf("minArea %v: %d crossings left, %d in the source", minArea, left, base)
			}
			t.Logf("  minArea %v: %d arc points, %d crossings, %d after Repair (%d arc points), %d exterior segments folded onto others", minArea, points(top.Simplify(minArea)), n, left, points(s), folded)
		}
		d := top.Dissolve(make([]int, len(shapes)))
		checkRings(t, d)
		if inner, _ := checkSegments(t, d, nil); inner != 0 {
			t.Errorf("the province dissolved has %d interior segments", inner)
		}
		t.Logf("  dissolved: %d polygons, rings %v, %d arcs", len(d.Shapes[0].Polygons), len(d.Shapes[0].Polygons[0]), len(d.Arcs))
	}
}
