package pipeline

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/ntm-atlas/atlas/internal/topo"
	"github.com/paulmach/orb"
)

// geosCheck is the validity test GIS tools apply, run by shapely on GEOS: it prints one JSON
// line per invalid feature of the GeoJSON files named, then one with the number of features.
const geosCheck = `
import json, sys
from shapely.geometry import shape
from shapely.validation import explain_validity
n = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        n += 1
        g = shape(feat["geometry"])
        if not g.is_valid:
            print(json.dumps({"file": path, "id": feat.get("id"), "reason": explain_validity(g)}))
print(json.dumps({"features": n}))
`

// geosPython returns a Python that has shapely (Debian: apt-get install python3-shapely):
// $ATLAS_PYTHON, else python3 on the PATH, else /usr/bin/python3 (a python3 of its own on
// the PATH, as pyenv's, does not see Debian's packages). Without one the test is skipped,
// and fails with CI=true.
func geosPython(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, py := range []string{os.Getenv("ATLAS_PYTHON"), "python3", "/usr/bin/python3"} {
		if py == "" {
			continue
		}
		out, err := exec.Command(py, "-c", "import shapely.geos; print(shapely.geos.geos_version_string)").CombinedOutput()
		if err == nil {
			return py
		}
		tried = append(tried, py+": "+strings.TrimSpace(lastLine(string(out))))
	}
	msg := "no Python with shapely (GEOS) found; on Debian: apt-get install python3-shapely (" + strings.Join(tried, "; ") + ")"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndex(s, "\n")+1:]
}

// checkGeoJSONValid runs GEOS over every GeoJSON download of the built site dir and fails
// on each invalid feature.
func checkGeoJSONValid(t *testing.T, dir string) {
	t.Helper()
	py := geosPython(t)
	files, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(model.DataDir), "*.geojson"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no GeoJSON downloads in %s: %v", dir, err)
	}
	out, err := exec.Command(py, append([]string{"-c", geosCheck}, files...)...).Output()
	if err != nil {
		t.Fatalf("the GEOS check failed: %v\n%s", err, out)
	}
	features, invalid := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r struct {
			File, Reason string
			ID           any
			Features     int
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("GEOS check printed %q: %v", line, err)
		}
		if r.File == "" {
			features = r.Features
			continue
		}
		invalid++
		if invalid <= 20 {
			rel, _ := filepath.Rel(dir, r.File)
			t.Errorf("%s: feature %v is invalid: %s", filepath.ToSlash(rel), r.ID, r.Reason)
		}
	}
	if invalid > 0 {
		t.Errorf("%d of %d features in %d files are invalid geometry", invalid, features, len(files))
	}
	if features == 0 {
		t.Errorf("no feature checked in %d files", len(files))
	}
	t.Logf("%d features in %d files checked with GEOS", features, len(files))
}

// TestGeoJSONValid: every feature of every GeoJSON download of the Sơn La fixture is valid
// OGC geometry as GEOS (QGIS, PostGIS, shapely) judges it.
func TestGeoJSONValid(t *testing.T) {
	geosPython(t)
	out, _ := buildDefault(t)
	checkGeoJSONValid(t, out)
}

// TestGeoJSONValidBuilt checks the same on a site built beforehand, the national default
// site in CI (ATLAS_BUILT_SITE).
func TestGeoJSONValidBuilt(t *testing.T) {
	checkGeoJSONValid(t, builtSite(t))
}

// builtSite is the site built beforehand that ATLAS_BUILT_SITE names: the national default
// site in CI. Without it the test is skipped, and fails with CI=true.
func builtSite(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ATLAS_BUILT_SITE")
	if dir == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ATLAS_BUILT_SITE is not set: .ci/run sets it to the default atlas it builds")
		}
		t.Skip("ATLAS_BUILT_SITE is not set")
	}
	return dir
}

// maxUnmatchedRise is how much more of a province's inner borders a download may leave
// unmatched than the source does (see topo.UnmatchedShare).
const maxUnmatchedRise = 0.05

// checkGapFree measures, for each province of site, the share of its units' borders that
// neighbours do not draw alike (topo.UnmatchedShare) in the source boundaries and in the
// province's GeoJSON downloads at both sizes, on one grid of a millionth of a degree (the
// downloads' precision), and fails where a download's share exceeds the source's by more
// than maxUnmatchedRise.
func checkGapFree(t *testing.T, dir string, site *model.Site) {
	t.Helper()
	province := map[string]string{}
	for _, u := range site.Units {
		province[u.Code] = u.Province
	}
	source := map[string][]topo.Shape{}
	for _, b := range site.Boundaries {
		if p, ok := province[b.Code]; ok {
			source[p] = append(source[p], microShape(len(source[p]), b.Geometry))
		}
	}
	codes := make([]string, 0, len(source))
	for p := range source {
		codes = append(codes, p)
	}
	slices.Sort(codes)
	worst := 0.0
	for _, p := range codes {
		src := topo.UnmatchedShare(source[p])
		for _, small := range []bool{false, true} {
			path := model.MapDataPath(p, small)
			shapes := readMicroShapes(t, filepath.Join(dir, filepath.FromSlash(path)))
			if len(shapes) != len(source[p]) {
				t.Errorf("%s: %d features, the province has %d units on the map", path, len(shapes), len(source[p]))
			}
			got := topo.UnmatchedShare(shapes)
			worst = max(worst, got-src)
			if got > src+maxUnmatchedRise {
				t.Errorf("%s: %.4f of the inner borders unmatched, the source %.4f", path, got, src)
			}
		}
	}
	t.Logf("%d provinces: a download leaves at most %.4f more of its borders unmatched than the source", len(codes), worst)
}

// TestGeoJSONGapFree: the Sơn La fixture's downloads keep their borders shared.
func TestGeoJSONGapFree(t *testing.T) {
	out, site := buildDefault(t)
	checkGapFree(t, out, site)
}

// TestGeoJSONGapFreeBuilt checks the same on the national build (ATLAS_BUILT_SITE), against
// the repository's boundaries.
func TestGeoJSONGapFreeBuilt(t *testing.T) {
	dir := builtSite(t)
	site, _, err := Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	checkGapFree(t, dir, site)
}

// microShape puts a longitude/latitude multipolygon on a grid of a millionth of a degree.
func microShape(id int, mp orb.MultiPolygon) topo.Shape {
	s := topo.Shape{ID: id}
	for _, p := range mp {
		var q topo.Polygon
		for _, r := range p {
			ring := make(topo.Ring, len(r))
			for i, pt := range r {
				ring[i] = topo.Point{X: int32(math.Round(pt[0] * 1e6)), Y: int32(math.Round(pt[1] * 1e6))}
			}
			q = append(q, ring)
		}
		s.Polygons = append(s.Polygons, q)
	}
	return s
}

// readMicroShapes reads a GeoJSON file's features as microShapes.
func readMicroShapes(t *testing.T, path string) []topo.Shape {
	t.Helper()
	r, err := geojson.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dec := geojson.NewDecoder(r)
	var out []topo.Shape
	for {
		f, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, microShape(len(out), f.Geometry))
	}
}
