package carto

import (
	"io"
	"os"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// sonLa is the real data set: Sơn La's 75 communes of 2025, full resolution.
const sonLa = "../../testdata/son-la/geo/son-la-communes-2025.geojson"

// loadSonLa reads the Sơn La communes, skipping the test when the file is absent.
func loadSonLa(tb testing.TB) []Feature {
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
	var features []Feature
	for _, f := range fc.Features {
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			mp = g
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		default:
			tb.Fatalf("feature %v: unexpected geometry %T", f.ID, g)
		}
		features = append(features, Feature{Code: f.Properties.MustString("code"), Geometry: mp})
	}
	return features
}

func TestDrawSonLa(t *testing.T) {
	features := loadSonLa(t)
	for _, width := range []int{800, 240} {
		m, err := Draw(features, Options{Width: width})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Shapes) != 75 {
			t.Fatalf("%d px: %d shapes, want 75", width, len(m.Shapes))
		}
		total, points := 0, 0
		for i, s := range m.Shapes {
			if s.Code != features[i].Code {
				t.Errorf("%d px: shape %d is %q, want %q", width, i, s.Code, features[i].Code)
			}
			if s.Path == "" {
				t.Errorf("%d px: %s has an empty path", width, s.Code)
				continue
			}
			rs := rings(t, s)
			for _, r := range rs {
				points += len(r)
			}
			if signedDistance(s.Label, segments(rs)) <= 0 {
				t.Errorf("%d px: %s label %v outside its path", width, s.Code, s.Label)
			}
			if s.Bound.Min[0] < 0 || s.Bound.Min[1] < 0 || s.Bound.Max[0] > float64(m.Width) || s.Bound.Max[1] > float64(m.Height) {
				t.Errorf("%d px: %s bound %v outside viewBox %s", width, s.Code, s.Bound, m.ViewBox())
			}
			total += len(s.Path)
		}
		t.Logf("%d px: viewBox %s (%dx%d px), %d points, %d path bytes", width, m.ViewBox(), m.PixelWidth, m.PixelHeight, points, total)
	}
}

func BenchmarkDraw(b *testing.B) {
	features := loadSonLa(b)
	for b.Loop() {
		if _, err := Draw(features, Options{Width: 800}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode measures writing the Sơn La map's 75 paths as SVG path data, and the
// whole map as an SVG document.
func BenchmarkEncode(b *testing.B) {
	m, err := Draw(loadSonLa(b), Options{Width: 800})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("paths", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for _, s := range m.Shapes {
				buf = appendPath(buf[:0], toRings(s.Polygons))
			}
		}
	})
	b.Run("svg", func(b *testing.B) {
		for b.Loop() {
			if err := WriteSVG(io.Discard, m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
