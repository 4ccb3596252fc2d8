package scaffold

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/paulmach/orb"
	"gopkg.in/yaml.v3"

	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/ntm-atlas/atlas/internal/serve"
)

// nationalFile is the shipped national boundary file.
var nationalFile = filepath.Join("..", "..", "geo", "vietnam-wards-2025.geojson.gz")

// fieldFile writes, from the national file, the features of the given provinces as a
// province office might publish them: Vietnamese property names, codes as numbers without
// their leading zeros, full names with the type word, and clockwise outer rings.
func fieldFile(t *testing.T, provinces ...string) (string, int) {
	t.Helper()
	rc, err := geojson.Open(nationalFile)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	dec := geojson.NewDecoder(rc)
	want := map[string]bool{}
	for _, p := range provinces {
		want[p] = true
	}
	type feature struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   map[string]any `json:"geometry"`
	}
	var out []feature
	first := 0
	for {
		f, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		pc, _ := f.Properties["province_code"].(string)
		if !want[pc] {
			continue
		}
		if pc == provinces[0] {
			first++
		}
		var code, prov float64
		json.Unmarshal([]byte(strings.TrimLeft(f.Properties["code"].(string), "0")), &code)
		json.Unmarshal([]byte(strings.TrimLeft(pc, "0")), &prov)
		var coords [][][][2]float64
		for _, poly := range f.Geometry {
			var rings [][][2]float64
			for i, ring := range poly {
				r := append(orb.Ring(nil), ring...)
				if (r.Orientation() == orb.CCW) == (i == 0) {
					r.Reverse() // outer clockwise, holes counter-clockwise
				}
				var pts [][2]float64
				for _, p := range r {
					pts = append(pts, [2]float64{p[0], p[1]})
				}
				rings = append(rings, pts)
			}
			coords = append(coords, rings)
		}
		out = append(out, feature{Type: "Feature", Properties: map[string]any{
			"Mã xã":     code,
			"Tên":       f.Properties["full_name"],
			"Loại":      f.Properties["type"],
			"Mã tỉnh":   prov,
			"Tên tỉnh":  f.Properties["province"],
			"Diện tích": f.Properties["area_km2"],
		}, Geometry: map[string]any{"type": "MultiPolygon", "coordinates": coords}})
	}
	data, err := json.MarshalIndent(map[string]any{"type": "FeatureCollection", "features": out}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "ranh-gioi-xa.geojson")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name, first
}

// TestNewSiteBuilds is the "done when" of atlas new site: a province the project does not
// ship as a site of its own, made from the national file rewritten with Vietnamese property
// names, numeric codes and clockwise rings, mixed with a neighbouring province, builds at
// once with a page per unit and its former communes.
func TestNewSiteBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the national file")
	}
	file, n := fieldFile(t, "12", "11") // Lai Châu, and Điện Biên beside it
	b, err := ReadBoundaries(file, Properties{})
	if err != nil {
		t.Fatal(err)
	}
	wantProps := Properties{Code: "Mã xã", Name: "Tên", Type: "Loại", Province: "Mã tỉnh", ProvinceName: "Tên tỉnh"}
	if b.Properties != wantProps {
		t.Fatalf("detected %+v, want %+v", b.Properties, wantProps)
	}
	if len(b.Detected) != 5 {
		t.Errorf("detected %v, want all five", b.Detected)
	}
	dir := filepath.Join(t.TempDir(), "lai-chau")
	res, err := NewSite(b, Options{Dir: dir, Province: "12", Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Units != n || n != 38 {
		t.Errorf("%d units written, %d in the file; want 38", res.Units, n)
	}
	if res.Former < 90 {
		t.Errorf("%d former units, want Lai Châu's ~100", res.Former)
	}
	if !reflect.DeepEqual(res.Provinces, []string{"12"}) {
		t.Errorf("provinces %v", res.Provinces)
	}
	out := filepath.Join(t.TempDir(), "public")
	r, err := pipeline.Run(pipeline.Options{Site: dir, Out: out, NoCache: true})
	if err != nil {
		t.Fatalf("the new site does not build: %v", err)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "xa", "*", "index.html"))
	if len(pages) != 38 {
		t.Errorf("%d unit pages, want 38", len(pages))
	}
	former, _ := filepath.Glob(filepath.Join(out, "xa-cu", "*", "index.html"))
	if len(former) != res.Former {
		t.Errorf("%d former-unit pages, want %d", len(former), res.Former)
	}
	for _, w := range r.Warnings {
		t.Logf("warning: %v", w)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Atlas Nông thôn mới Lai Châu", "Bài mẫu"} {
		if !bytes.Contains(home, []byte(s)) {
			t.Errorf("home page lacks %q", s)
		}
	}
	// The written boundaries are in RFC 7946 winding.
	f, _ := geojson.Open(filepath.Join(dir, "geo", "lai-chau-2025.geojson.gz"))
	defer f.Close()
	dec := geojson.NewDecoder(f)
	for {
		ft, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, poly := range ft.Geometry {
			for i, ring := range poly {
				if (ring.Orientation() == orb.CCW) != (i == 0) {
					t.Fatalf("%v: ring %d wound the wrong way", ft.Properties["code"], i)
				}
			}
		}
	}
	// Same input, same bytes.
	dir2 := filepath.Join(t.TempDir(), "again")
	b2, _ := ReadBoundaries(file, Properties{})
	if _, err := NewSite(b2, Options{Dir: dir2, Province: "12", Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Files {
		x, _ := os.ReadFile(filepath.Join(dir, p))
		y, _ := os.ReadFile(filepath.Join(dir2, p))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	// The folder is not overwritten.
	if _, err := NewSite(b, Options{Dir: dir, Province: "12"}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second NewSite into the same folder: %v", err)
	}
	// New unit and story templates in it.
	var code string
	for _, p := range res.Files {
		if strings.HasPrefix(p, "content/units/") {
			code = strings.TrimSuffix(filepath.Base(p), ".toml")
			break
		}
	}
	os.Remove(filepath.Join(dir, "content", "units", code+".toml"))
	if p, err := NewUnit(dir, strings.TrimLeft(code, "0")); err != nil {
		t.Errorf("NewUnit: %v", err)
	} else if data, _ := os.ReadFile(p); !bytes.Contains(data, []byte(`province = "12"`)) || !bytes.Contains(data, []byte("# [[assessments]]")) {
		t.Errorf("NewUnit wrote:\n%s", data)
	}
	if _, err := NewUnit(dir, code); err == nil {
		t.Error("NewUnit overwrote a file")
	}
	if _, err := NewUnit(dir, "99999"); err == nil || !strings.Contains(err.Error(), "no boundary") {
		t.Errorf("NewUnit of a code with no boundary: %v", err)
	}
	if p, err := NewStory(dir, "Xã Bình Lư đạt chuẩn", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil || filepath.Base(p) != "2026-12-01-xa-binh-lu-dat-chuan.md" {
		t.Errorf("NewStory: %s, %v", p, err)
	}
	if _, err := pipeline.Run(pipeline.Options{Site: dir, Out: out, NoCache: true}); err != nil {
		t.Errorf("the site with a new unit and story does not build: %v", err)
	}
}

// TestNewSiteFiles checks the configuration files a new site gets: the criteria sets are the
// project's, netlify.toml sends serve.Headers, and the workflow is valid and runs atlas.
func TestNewSiteFiles(t *testing.T) {
	for _, name := range []string{"2010-2015", "2016-2020", "2021-2025", "2026-2030"} {
		a, _ := os.ReadFile(filepath.Join("..", "..", "content", "criteria", name+".toml"))
		b, err := criteriaFS.ReadFile("criteria/" + name + ".toml")
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("internal/scaffold/criteria/%s.toml differs from content/criteria/ (copy it again): %v", name, err)
		}
	}
	var n struct {
		Build   struct{ Command, Publish string }
		Headers []serve.HeaderRule
		Plugins []struct{ Package string }
	}
	if _, err := toml.Decode(string(netlifyTOML("v1.2.0")), &n); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(n.Headers, serve.Headers) || n.Build.Publish != "public" || n.Build.Command != "go install github.com/ntm-atlas/atlas/cmd/atlas@v1.2.0 && atlas build" {
		t.Errorf("netlify.toml: %+v", n)
	}
	// Every plugin netlify.toml names is declared in the new site's package.json, at the
	// version the project's own package.json pins.
	var ours, theirs struct{ DevDependencies map[string]string }
	b, err := os.ReadFile(filepath.Join("..", "..", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ours); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(packageJSON(), &theirs); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if len(n.Plugins) == 0 {
		t.Errorf("netlify.toml names no plugin")
	}
	for _, p := range n.Plugins {
		if v := theirs.DevDependencies[p.Package]; v == "" || v != ours.DevDependencies[p.Package] {
			t.Errorf("plugin %s: the new site's package.json pins %q, the project's %q", p.Package, v, ours.DevDependencies[p.Package])
		}
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(workflow("latest"), &wf); err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, s := range wf.Jobs["check-and-build"].Steps {
		if s.Run != "" {
			runs = append(runs, s.Run)
		}
	}
	want := []string{"go install github.com/ntm-atlas/atlas/cmd/atlas@latest", "atlas check -format=github",
		"git fetch --no-tags --depth=1 origin \"+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF\"\n" +
			"atlas diff -base \"origin/$GITHUB_BASE_REF\" -format=markdown >> \"$GITHUB_STEP_SUMMARY\"\n",
		"atlas build"}
	if _, ok := wf.On["pull_request"]; !ok || !reflect.DeepEqual(runs, want) {
		t.Errorf("workflow: on %v, runs %q", wf.On, runs)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want Properties
	}{
		{[]string{"code", "name", "type", "province_code", "province"}, Properties{"code", "name", "type", "province_code", "province"}},
		{[]string{"ma_xa", "ten_xa", "loai", "ma_tinh", "ten_tinh"}, Properties{"ma_xa", "ten_xa", "loai", "ma_tinh", "ten_tinh"}},
		{[]string{"MaXa", "TenXa", "MaTinh"}, Properties{Code: "MaXa", Name: "TenXa", Province: "MaTinh"}},
		{[]string{"Mã", "Tên đầy đủ", "Tỉnh"}, Properties{Code: "Mã", Name: "Tên đầy đủ", ProvinceName: "Tỉnh"}},
		{[]string{"ward_code", "ward_name", "id"}, Properties{Code: "ward_code", Name: "ward_name"}},
		{[]string{"gid", "shape_area"}, Properties{}},
	} {
		got, _ := detect(tc.keys, Properties{})
		if got != tc.want {
			t.Errorf("detect(%q) = %+v, want %+v", tc.keys, got, tc.want)
		}
	}
	got, d := detect([]string{"code", "name", "x"}, Properties{Code: "x"})
	if got.Code != "x" || len(d) != 1 || d[0] != "name" {
		t.Errorf("a given name is kept: %+v, detected %v", got, d)
	}
}

func TestCodeOf(t *testing.T) {
	for _, tc := range []struct {
		v     any
		width int
		want  string
		ok    bool
	}{
		{"03664", 5, "03664", true}, {"3664", 5, "03664", true}, {3664.0, 5, "03664", true},
		{14.0, 2, "14", true}, {"1", 2, "01", true}, {" 14 ", 2, "14", true},
		{3664.5, 5, "", false}, {-1.0, 5, "", false}, {"X01", 5, "", false}, {"", 5, "", false}, {nil, 5, "", false}, {true, 5, "", false},
	} {
		got, ok := codeOf(tc.v, tc.width)
		if got != tc.want || ok != tc.ok {
			t.Errorf("codeOf(%v, %d) = %q, %v; want %q, %v", tc.v, tc.width, got, ok, tc.want, tc.ok)
		}
	}
}

// TestReadBoundariesErrors checks that a bad feature is reported at its line and column.
func TestReadBoundariesErrors(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ma":"01","ten":"Xã A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
  {"type":"Feature","properties":{"ma":"abc","ten":"Xã B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
{"type":"Feature","properties":{"ma":1,"ten":"Xã C"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}
]}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(src))
	zw.Close()
	name := filepath.Join(t.TempDir(), "b.geojson.gz")
	os.WriteFile(name, gz.Bytes(), 0o644)
	_, err := ReadBoundaries(name, Properties{})
	want := name + `:3:3: feature 2: property "ma" = abc is not a code of digits` + "\n" +
		name + `:4:1: feature 3: code 00001 is also feature 1's (line 2)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	os.WriteFile(name, []byte(src[:200]), 0o644)
	if _, err := ReadBoundaries(name, Properties{}); err == nil || !strings.HasPrefix(err.Error(), name+":3:") {
		t.Errorf("truncated file: %v", err)
	}
}
