package carto

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"
)

// box returns a lon/lat polygon from (x0, y0) to (x1, y1), counter-clockwise.
func box(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

// rings parses a shape's path or fails the test.
func rings(t testing.TB, s Shape) []ring {
	t.Helper()
	rs, err := parsePath(s.Path)
	if err != nil {
		t.Fatalf("%s: %v", s.Code, err)
	}
	return rs
}

func TestDrawFrame(t *testing.T) {
	north := box(103.2, 21.5, 105.0, 22.0)
	south := box(103.2, 20.6, 105.0, 21.0)
	tests := []struct {
		name     string
		features []Feature
		width    int
	}{
		{"province", []Feature{{"n", orb.MultiPolygon{north}}, {"s", orb.MultiPolygon{south}}}, 800},
		{"locator", []Feature{{"n", orb.MultiPolygon{north}}, {"s", orb.MultiPolygon{south}}}, 240},
		{"tall", []Feature{{"n", orb.MultiPolygon{box(10, 40, 10.5, 44)}}}, 100},
		{"flat", []Feature{{"n", orb.MultiPolygon{box(0, 0, 90, 0.001)}}}, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Draw(tt.features, Options{Width: tt.width})
			if err != nil {
				t.Fatal(err)
			}
			var b orb.Bound
			for i, f := range tt.features {
				if i == 0 {
					b = f.Geometry.Bound()
				}
				b = b.Union(f.Geometry.Bound())
			}
			b = project.Bound(b, project.WGS84.ToMercator)
			wantH := max(1, int(math.Round(float64(tt.width)*(b.Max[1]-b.Min[1])/(b.Max[0]-b.Min[0]))))
			if m.PixelWidth != tt.width || m.PixelHeight != wantH {
				t.Errorf("pixel size %dx%d, want %dx%d", m.PixelWidth, m.PixelHeight, tt.width, wantH)
			}
			if m.Width != tt.width*Precision || m.Height != wantH*Precision {
				t.Errorf("viewBox size %dx%d, want %dx%d", m.Width, m.Height, tt.width*Precision, wantH*Precision)
			}
			if want := "0 0 " + strconv.Itoa(m.Width) + " " + strconv.Itoa(m.Height); m.ViewBox() != want {
				t.Errorf("ViewBox() = %q, want %q", m.ViewBox(), want)
			}
			var all orb.Bound
			for i, s := range m.Shapes {
				if i == 0 {
					all = s.Bound
				}
				all = all.Union(s.Bound)
			}
			// The bound fills the map on one axis, is centred on the other and never spills.
			slackX := float64(m.Width) - (all.Max[0] - all.Min[0])
			slackY := float64(m.Height) - (all.Max[1] - all.Min[1])
			if slackX < 0 || slackY < 0 || math.Min(slackX, slackY) > 1 || all.Min[0] < 0 || all.Min[1] < 0 {
				t.Errorf("shapes span %v in a %dx%d map", all, m.Width, m.Height)
			}
			if d := math.Abs(all.Min[0] - (float64(m.Width) - all.Max[0])); d > 1 {
				t.Errorf("not centred horizontally: %v in width %d", all, m.Width)
			}
			if d := math.Abs(all.Min[1] - (float64(m.Height) - all.Max[1])); d > 1 {
				t.Errorf("not centred vertically: %v in height %d", all, m.Height)
			}
		})
	}
}

func TestDrawNorthUp(t *testing.T) {
	m, err := Draw([]Feature{
		{"south", orb.MultiPolygon{box(103.2, 20.6, 105.0, 21.0)}},
		{"north", orb.MultiPolygon{box(103.2, 21.5, 104.0, 22.0)}},
	}, Options{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	s, n := m.Shapes[0], m.Shapes[1]
	if s.Code != "south" || n.Code != "north" {
		t.Fatalf("shapes out of order: %q, %q", s.Code, n.Code)
	}
	if n.Bound.Max[1] >= s.Bound.Min[1] {
		t.Errorf("north %v is not above south %v", n.Bound, s.Bound)
	}
	if n.Bound.Min[1] > 1 || n.Bound.Min[0] > 1 || s.Bound.Max[0] < float64(m.Width-1) {
		t.Errorf("north %v, south %v do not touch the map's edges", n.Bound, s.Bound)
	}
}

func TestDrawWinding(t *testing.T) {
	ccw := box(104, 21, 104.3, 21.2)
	cw := orb.Polygon{{{104, 21}, {104, 21.2}, {104.3, 21.2}, {104.3, 21}, {104, 21}}}
	a, err := Draw([]Feature{{"a", orb.MultiPolygon{ccw}}}, Options{Width: 240})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Draw([]Feature{{"b", orb.MultiPolygon{cw}}}, Options{Width: 240})
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := rings(t, a.Shapes[0]), rings(t, b.Shapes[0])
	if abs(ra[0].area2()) != abs(rb[0].area2()) || a.Shapes[0].Bound != b.Shapes[0].Bound || a.Shapes[0].Label != b.Shapes[0].Label {
		t.Errorf("winding changes the shape: %+v vs %+v", a.Shapes[0], b.Shapes[0])
	}
}

func TestDrawSmallUnits(t *testing.T) {
	province := Feature{"province", orb.MultiPolygon{box(103.2, 20.6, 105.0, 22.0)}}
	tests := []struct {
		name    string
		feature Feature
		rings   int // rings expected in the path
		minSize float64
	}{
		{"speck", Feature{"speck", orb.MultiPolygon{box(104, 21, 104.0001, 21.0001)}}, 1, Precision},
		{"sliver", Feature{"sliver", orb.MultiPolygon{box(104, 21, 104.2, 21.00001)}}, 1, 1},
		{"single point", Feature{"point", orb.MultiPolygon{{{{104, 21}}}}}, 1, Precision},
		{"small", Feature{"small", orb.MultiPolygon{box(104, 21, 104.02, 21.02)}}, 1, 20},
		// An island that still has area on the grid stays, however small: it may be another
		// unit's enclave, and dropping it would open a hole in the map.
		{"tiny island kept", Feature{"island", orb.MultiPolygon{box(104, 21, 104.2, 21.2), box(104.5, 21, 104.5001, 21.0001)}}, 2, 200},
		{"hole dropped", Feature{"hole", orb.MultiPolygon{{box(104, 21, 104.2, 21.2)[0], box(104.1, 21.1, 104.1001, 21.1001)[0]}}}, 1, 200},
		{"hole kept", Feature{"hole", orb.MultiPolygon{{box(104, 21, 104.2, 21.2)[0], box(104.05, 21.05, 104.15, 21.15)[0]}}}, 2, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Draw([]Feature{province, tt.feature}, Options{Width: 240})
			if err != nil {
				t.Fatal(err)
			}
			s := m.Shapes[1]
			rs := rings(t, s)
			if len(rs) != tt.rings {
				t.Fatalf("path %q has %d rings, want %d", s.Path, len(rs), tt.rings)
			}
			for _, r := range rs {
				if !r.drawable() {
					t.Errorf("ring %v of %q encloses nothing", r, s.Path)
				}
			}
			if w, h := s.Bound.Max[0]-s.Bound.Min[0], s.Bound.Max[1]-s.Bound.Min[1]; math.Max(w, h) < tt.minSize {
				t.Errorf("bound %v smaller than %v", s.Bound, tt.minSize)
			}
			// The shape stays where the unit is.
			fr, _ := newFrame([]Feature{province, tt.feature}, 240, Precision)
			want := fr.point(tt.feature.Geometry[0][0][0])
			dx := math.Max(0, math.Max(s.Bound.Min[0]-want[0], want[0]-s.Bound.Max[0]))
			dy := math.Max(0, math.Max(s.Bound.Min[1]-want[1], want[1]-s.Bound.Max[1]))
			if math.Hypot(dx, dy) > Precision {
				t.Errorf("bound %v is far from %v", s.Bound, want)
			}
			if signedDistance(s.Label, segments(rs)) <= 0 {
				t.Errorf("label %v outside %q", s.Label, s.Path)
			}
		})
	}
}

func TestDrawErrors(t *testing.T) {
	ok := Feature{"ok", orb.MultiPolygon{box(104, 21, 104.1, 21.1)}}
	tests := []struct {
		name     string
		features []Feature
		opts     Options
		want     string
	}{
		{"nil geometry", []Feature{ok, {Code: "04001"}}, Options{Width: 800}, `"04001": empty geometry`},
		{"empty rings", []Feature{{"04002", orb.MultiPolygon{{{}}, {}}}}, Options{Width: 800}, `"04002": empty geometry`},
		{"NaN", []Feature{{"04003", orb.MultiPolygon{{{{104, 21}, {math.NaN(), 21}, {104, 22}}}}}}, Options{Width: 800}, `"04003": non-finite`},
		{"Inf", []Feature{ok, {"04004", orb.MultiPolygon{{{{104, 21}, {105, math.Inf(1)}, {104, 22}}}}}}, Options{Width: 800}, `"04004": non-finite`},
		{"latitude", []Feature{{"04005", orb.MultiPolygon{box(104, 21, 105, 91)}}}, Options{Width: 800}, `"04005": latitude out of range`},
		{"no features", nil, Options{Width: 800}, "no features"},
		{"zero width", []Feature{ok}, Options{}, "width 0"},
		{"negative tolerance", []Feature{ok}, Options{Width: 800, Tolerance: -1}, "tolerance -1"},
		{"no extent", []Feature{{"04006", orb.MultiPolygon{{{{104, 21}, {104, 22}, {104, 21}}}}}}, Options{Width: 800}, "no east-west extent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Draw(tt.features, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Draw = %v, %v; want error containing %q", m, err, tt.want)
			}
		})
	}
}

func TestDrawLabel(t *testing.T) {
	u := orb.Polygon{{{104, 21}, {104.03, 21}, {104.03, 21.17}, {104.07, 21.17}, {104.07, 21}, {104.1, 21}, {104.1, 21.2}, {104, 21.2}, {104, 21}}}
	donut := orb.Polygon{box(104.2, 21, 104.4, 21.2)[0], box(104.24, 21.04, 104.36, 21.16)[0]}
	tests := []struct {
		name string
		geom orb.MultiPolygon
	}{
		{"U shape", orb.MultiPolygon{u}},
		{"hole", orb.MultiPolygon{donut}},
		{"U and a far island", orb.MultiPolygon{box(104.9, 21.9, 104.901, 21.901), u}},
	}
	for _, tt := range tests {
		for _, width := range []int{800, 240} {
			f := Feature{tt.name, tt.geom}
			m, err := Draw([]Feature{f, {"frame", orb.MultiPolygon{box(103.2, 20.6, 105.0, 22.0)}}}, Options{Width: width})
			if err != nil {
				t.Fatal(err)
			}
			s := m.Shapes[0]
			if d := signedDistance(s.Label, segments(rings(t, s))); d <= 0 {
				t.Errorf("%s at %d px: label %v outside the drawn path %q", tt.name, width, s.Label, s.Path)
			}
			fr, _ := newFrame([]Feature{f, {"frame", orb.MultiPolygon{box(103.2, 20.6, 105.0, 22.0)}}}, width, Precision)
			var projected orb.MultiPolygon
			for _, poly := range tt.geom {
				var p orb.Polygon
				for _, r := range poly {
					p = append(p, fr.ring(r))
				}
				projected = append(projected, p)
			}
			if !planar.MultiPolygonContains(projected, s.Label) {
				t.Errorf("%s at %d px: label %v outside the unit", tt.name, width, s.Label)
			}
		}
	}
}
