package topo_test

import (
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/ntm-atlas/atlas/internal/topo"
)

// The real data sets: Sơn La's communes, and the whole country's (large: skipped with
// -short). A test skips a file that is absent.
var realData = []struct {
	name, path string
	large      bool
}{
	{"Sơn La", "../../testdata/son-la/geo/son-la-communes-2025.geojson", false},
	{"national", filepath.Join("/work", "shared", "data", "vietnam", "wards-2025.geojson.gz"), true},
}

// quantizedFile reads a GeoJSON file and quantizes its features as carto.Draw does for
// a map 800 pixels wide (8000 units).
func quantizedFile(t *testing.T, path string) []topo.Shape {
	t.Helper()
	r, err := geojson.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dec := geojson.NewDecoder(r)
	var features []carto.Feature
	for {
		f, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		features = append(features, carto.Feature{Geometry: f.Geometry})
	}
	m, err := carto.Draw(features, carto.Options{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	shapes := make([]topo.Shape, len(features))
	for i, f := range features {
		shapes[i] = topo.Shape{ID: i, Polygons: carto.Quantize(f.Geometry, m.Frame)}
	}
	return shapes
}

// cloneShapes returns a deep copy of shapes.
func cloneShapes(shapes []topo.Shape) []topo.Shape {
	out := make([]topo.Shape, len(shapes))
	for i, s := range shapes {
		out[i] = topo.Shape{ID: s.ID, Polygons: make([]topo.Polygon, len(s.Polygons))}
		for j, p := range s.Polygons {
			out[i].Polygons[j] = make(topo.Polygon, len(p))
			for k, r := range p {
				out[i].Polygons[j][k] = slices.Clone(r)
			}
		}
	}
	return out
}

// drawn counts the disagreements of the map drawn from shapes as carto.Draw draws it:
// Build, Simplify at minArea (or, if keep > 0, at the area that keeps that share of the
// vertices), Repair, then every shape's rings.
func drawn(shapes []topo.Shape, minArea, keep float64) int {
	src, _ := topo.Build(shapes)
	if keep > 0 {
		minArea = src.AreaToKeep(keep)
	}
	t := src.Simplify(minArea)
	t.Repair(src)
	out := make([]topo.Shape, len(t.Shapes))
	for i := range out {
		out[i] = topo.Shape{ID: i, Polygons: t.Rings(i)}
	}
	return topo.Disagreements(out)
}

// TestSnapReal measures what Snap does to the disagreements of real data quantized at
// 8000 units wide: in the source, and in the map drawn at minArea 4·5·5 = 100 (the
// default tolerance of half a pixel) and at 10 % of the vertices.
func TestSnapReal(t *testing.T) {
	const minArea, keep = 4 * 5 * 5, 0.1
	for _, data := range realData {
		t.Run(data.name, func(t *testing.T) {
			if data.large && testing.Short() {
				t.Skip("large input; skipped with -short")
			}
			shapes := quantizedFile(t, data.path)
			n := 0
			for _, s := range shapes {
				for _, p := range s.Polygons {
					for _, r := range p {
						n += len(r)
					}
				}
			}
			source := topo.Disagreements(shapes)
			plain100, plain10 := drawn(shapes, minArea, 0), drawn(shapes, 0, keep)
			t.Logf("%d shapes, %d vertices; without Snap: %d disagreements in the source, %d drawn at minArea %d, %d at %g%%",
				len(shapes), n, source, plain100, minArea, plain10, keep*100)
			for _, d := range []int32{1, 2} {
				snapped := cloneShapes(shapes)
				start := time.Now()
				rep := topo.Snap(snapped, d)
				took := time.Since(start)
				after := topo.Disagreements(snapped)
				s100, s10 := drawn(snapped, minArea, 0), drawn(snapped, 0, keep)
				t.Logf("Snap(d=%d) in %v: %+v; %d disagreements in the source, %d drawn at minArea %d, %d at %g%%",
					d, took.Round(time.Millisecond), rep, after, s100, minArea, s10, keep*100)
				if after >= source {
					t.Errorf("d=%d: %d disagreements in the source after Snap, %d before", d, after, source)
				}
				if rep.Passes >= 8 {
					t.Errorf("d=%d: Snap did not settle: %+v", d, rep)
				}
				if d != 1 {
					continue // d = 1 is the one recommended; d = 2 is measured only
				}
				if s100 > plain100 || s10 > plain10 || s100+s10 >= plain100+plain10 && plain100+plain10 > 0 {
					t.Errorf("d=%d: drawn with Snap %d and %d disagreements, without %d and %d", d, s100, s10, plain100, plain10)
				}
				// Deterministic: the same with one goroutine.
				prev := runtime.GOMAXPROCS(1)
				one := cloneShapes(shapes)
				topo.Snap(one, d)
				runtime.GOMAXPROCS(prev)
				if !slices.EqualFunc(one, snapped, func(a, b topo.Shape) bool {
					return slices.EqualFunc(a.Polygons, b.Polygons, func(p, q topo.Polygon) bool {
						return slices.EqualFunc(p, q, func(r, s topo.Ring) bool { return slices.Equal(r, s) })
					})
				}) {
					t.Errorf("d=%d: another result with GOMAXPROCS 1", d)
				}
				// Idempotent: Snap on its own result changes nothing.
				if rep2 := topo.Snap(cloneShapes(snapped), d); rep2.Merged+rep2.Inserted+rep2.Dropped+rep2.Changed != 0 {
					t.Errorf("d=%d: a second Snap changes more: %+v", d, rep2)
				}
				// The time again, the first run having warmed the heap.
				again := cloneShapes(shapes)
				start = time.Now()
				topo.Snap(again, d)
				t.Logf("Snap(d=%d) again: %v", d, time.Since(start).Round(time.Millisecond))
			}
		})
	}
}
