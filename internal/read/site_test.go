package read

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/paulmach/orb"
)

const squareGeoJSON = `{
  "type": "FeatureCollection",
  "features": [
    {
      "type": "Feature",
      "properties": {"code": "03646", "name": "Tô Hiệu", "type": "Phường"},
      "geometry": {"type": "Polygon", "coordinates": [[[103.9, 21.3], [104.0, 21.3], [104.0, 21.4], [103.9, 21.4], [103.9, 21.3]]]}
    }
  ]
}
`

// goodSite is a small valid site: file paths to content.
func goodSite() map[string]string {
	return map[string]string{
		"atlas.toml": `title = "Atlas thử"
base_url = "https://example.com/atlas/"
criteria_set = "2021-2025"
province = "14"

[[boundaries]]
file = "geo/communes.geojson"
`,
		"content/criteria/2021-2025.toml": `id = "2021-2025"
name = "Bộ tiêu chí 2021–2025"
start_year = 2021
end_year = 2025

[[levels]]
id = "standard"
name = "Đạt chuẩn"
rank = 2
recognized = true

[[levels]]
id = "in-progress"
name = "Đang xây dựng"
rank = 1

[[criteria]]
id = "1"
name = "Quy hoạch"
`,
		"content/provinces/14.toml": `code = "14"
name = "Sơn La"
type = "Tỉnh"

[[milestones]]
year = 2020
level = "standard"
count = 49

[[milestones]]
year = 2017
month = 12
level = "standard"
count = 16
`,
		// The name is written decomposed (NFD): reading puts it in NFC.
		"content/units/03646.toml": "code = \"03646\"\nname = \"To\u0302 Hie\u0323\u0302u\"\ntype = \"Phường\"\nprovince = \"14\"\n\n" +
			"[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2025-03-01\nlevel = \"standard\"\n\n" +
			"[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2023-06-15T10:00:00+07:00\nlevel = \"in-progress\"\n",
		"content/former/03649-2025-02-01.toml": `code = "03649"
name = "Chiềng Lề"
type = "Phường"
district = "Thành phố Sơn La"
province = "14"
until = 2025-02-01

[[successors]]
code = "03646"
merge = "full"
`,
		"content/stories/muoi-nam.md": "+++\ntitle = \"Mười năm\"\ndate = 2026-11-28\nunits = [\"03646\"]\n+++\n\nBody of the story.\n",
		"content/stories/.hidden.md":  "not a story",
		"geo/communes.geojson":        squareGeoJSON,
	}
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestSiteGood(t *testing.T) {
	dir := writeSite(t, goodSite())
	s, files, errs := Site(dir)
	if len(errs) != 0 {
		t.Fatalf("diagnostics:\n%v", errs)
	}

	c := s.Config
	if c.File != "atlas.toml" || c.Title != "Atlas thử" || c.Language != "vi" || c.CriteriaSet != "2021-2025" || c.Province != "14" {
		t.Errorf("config = %+v", c)
	}
	if len(c.Boundaries) != 1 || c.Boundaries[0].File != "geo/communes.geojson" {
		t.Errorf("config boundaries = %+v", c.Boundaries)
	}

	if len(s.CriteriaSets) != 1 {
		t.Fatalf("%d criteria sets, want 1", len(s.CriteriaSets))
	}
	cs := s.CriteriaSets[0]
	if cs.File != "content/criteria/2021-2025.toml" || cs.ID != "2021-2025" || cs.StartYear != 2021 || len(cs.Criteria) != 1 {
		t.Errorf("criteria set = %+v", cs)
	}
	var levels []string
	for _, l := range cs.Levels {
		levels = append(levels, l.ID)
	}
	if want := []string{"in-progress", "standard"}; !slices.Equal(levels, want) {
		t.Errorf("levels = %q, want %q (by rank)", levels, want)
	}

	if len(s.Provinces) != 1 {
		t.Fatalf("%d provinces, want 1", len(s.Provinces))
	}
	p := s.Provinces[0]
	if p.File != "content/provinces/14.toml" || p.Code != "14" || p.Name != "Sơn La" || len(p.Milestones) != 2 {
		t.Fatalf("province = %+v", p)
	}
	if p.Milestones[0].Year != 2017 || p.Milestones[1].Year != 2020 {
		t.Errorf("milestones not sorted by date: %d, %d", p.Milestones[0].Year, p.Milestones[1].Year)
	}

	if len(s.Units) != 1 {
		t.Fatalf("%d units, want 1", len(s.Units))
	}
	u := s.Units[0]
	if u.File != "content/units/03646.toml" || u.Code != "03646" || u.Name != "Tô Hiệu" || u.Type != "Phường" || u.Province != "14" {
		t.Errorf("unit = %+v", u)
	}
	if len(u.Assessments) != 2 {
		t.Fatalf("%d assessments, want 2", len(u.Assessments))
	}
	if a := u.Assessments[0]; a.Level != "in-progress" || !a.AsOf.Equal(date(2023, 6, 15)) || a.AsOf.Location() != time.UTC {
		t.Errorf("first assessment = %s on %v, want in-progress on 2023-06-15 UTC", a.Level, a.AsOf)
	}
	if a := u.Assessments[1]; a.Level != "standard" || !a.AsOf.Equal(date(2025, 3, 1)) {
		t.Errorf("second assessment = %s on %v, want standard on 2025-03-01", a.Level, a.AsOf)
	}

	if len(s.Former) != 1 {
		t.Fatalf("%d former units, want 1", len(s.Former))
	}
	f := s.Former[0]
	if f.File != "content/former/03649-2025-02-01.toml" || f.Key() != "03649-2025-02-01" || f.Name != "Chiềng Lề" || f.District != "Thành phố Sơn La" || !f.Until.Equal(date(2025, 2, 1)) {
		t.Errorf("former unit = %+v", f)
	}
	if len(f.Successors) != 1 || f.Successors[0].Key() != "03646" || f.Successors[0].Merge != "full" {
		t.Errorf("successors = %+v", f.Successors)
	}

	if len(s.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(s.Stories))
	}
	st := s.Stories[0]
	if st.File != "content/stories/muoi-nam.md" || st.Slug != "muoi-nam" || st.Title != "Mười năm" || st.Language != "vi" ||
		!st.Date.Equal(date(2026, 11, 28)) || st.BodyLine != 6 || string(st.Body) != "\nBody of the story.\n" || !slices.Equal(st.Units, []string{"03646"}) {
		t.Errorf("story = %+v (body %q)", st, st.Body)
	}

	if len(s.Boundaries) != 1 {
		t.Fatalf("%d boundaries, want 1", len(s.Boundaries))
	}
	b := s.Boundaries[0]
	square := orb.MultiPolygon{{{{103.9, 21.3}, {104.0, 21.3}, {104.0, 21.4}, {103.9, 21.4}, {103.9, 21.3}}}}
	if b.Code != "03646" || b.Name != "Tô Hiệu" || b.Type != "Phường" || b.Pos != (diag.Pos{File: "geo/communes.geojson", Line: 4, Col: 5}) || !orb.Equal(b.Geometry, square) {
		t.Errorf("boundary = %+v", b)
	}

	if got, want := files.Locate("content/units/03646.toml", "assessments.level"), (diag.Pos{File: "content/units/03646.toml", Line: 9, Col: 1}); got != want {
		t.Errorf("Locate = %v, want %v", got, want)
	}
	if got, want := files.Locate("geo/communes.geojson", "code"), (diag.Pos{File: "geo/communes.geojson"}); got != want {
		t.Errorf("Locate in GeoJSON = %v, want %v (GeoJSON is not kept)", got, want)
	}
}

func TestSiteBroken(t *testing.T) {
	tests := []struct {
		name   string
		change map[string]string // files to add or replace; "" removes
		want   []string
	}{
		{"unit file name not matching code",
			map[string]string{"content/units/03646.toml": "\ncode = \"03649\"\nname = \"x\"\n"},
			[]string{`content/units/03646.toml:2:8: error: code "03649" differs from the file name "03646.toml"`}},
		{"province file name not matching code",
			map[string]string{"content/provinces/14.toml": "code = \"12\"\nname = \"Lai Châu\"\n"},
			[]string{`content/provinces/14.toml:1:8: error: code "12" differs from the file name "14.toml"`}},
		{"criteria set file name not matching id",
			map[string]string{"content/criteria/2021-2025.toml": "name = \"x\"\nid = \"2016-2020\"\n"},
			[]string{`content/criteria/2021-2025.toml:2:6: error: id "2016-2020" differs from the file name "2021-2025"`}},
		{"former unit file name not matching its key",
			map[string]string{"content/former/03649-2025-02-01.toml": "code = \"03649\"\nname = \"Chiềng Lề\"\n"},
			[]string{`content/former/03649-2025-02-01.toml:1:8: error: file name "03649-2025-02-01.toml" does not match the unit's key "03649" (code, and end date when it ended before 2025-07-01)`}},
		{"story with YAML front matter",
			map[string]string{"content/stories/muoi-nam.md": "---\ntitle: Mười năm\n---\nBody\n"},
			[]string{`content/stories/muoi-nam.md:1:1: error: front matter is YAML ("---"); write it in TOML between "+++" lines`}},
		{"story without front matter",
			map[string]string{"content/stories/muoi-nam.md": "# Mười năm\n"},
			[]string{`content/stories/muoi-nam.md:1:1: error: missing front matter: the file must start with a "+++" line`}},
		{"story front matter with an unknown key",
			map[string]string{"content/stories/muoi-nam.md": "+++\ntitle = \"a\"\n  titel = \"b\"\n+++\nBody\n"},
			[]string{`content/stories/muoi-nam.md:3:3: error: unknown key "titel"`}},
		{"story front matter with a syntax error",
			map[string]string{"content/stories/muoi-nam.md": "+++\ntitle = \"a\"\ndate = \n+++\nBody\n"},
			[]string{`content/stories/muoi-nam.md:3:8: error: invalid TOML: expected value but found '\n' instead`}},
		{"unknown key in a unit",
			map[string]string{"content/units/03646.toml": "code = \"03646\"\n[[assessments]]\nlevel = \"a\"\nlevle = \"b\"\n"},
			[]string{`content/units/03646.toml:4:1: error: unknown key "assessments.levle"`}},
		{"GeoJSON syntax error",
			map[string]string{"geo/communes.geojson": "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\" \"properties\": {}}\n  ]\n}\n"},
			[]string{`geo/communes.geojson:4:24: error: invalid GeoJSON: expected ',' or '}' after object member, found '"'`}},
		{"GeoJSON cut short",
			map[string]string{"geo/communes.geojson": "{\"type\": \"FeatureCollection\",\n\"features\": ["},
			[]string{`geo/communes.geojson:2:14: error: invalid GeoJSON: unexpected end of input`}},
		{"GeoJSON of the wrong shape",
			map[string]string{"geo/communes.geojson": "{\n\"type\": \"FeatureCollection\",\n\"features\": 5\n}"},
			[]string{`geo/communes.geojson:3:13: error: invalid GeoJSON: expected '[' or null for "features", found '5'`}},
		{"GeoJSON feature without the code property",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"ma": "03646"},
"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}`},
			[]string{`geo/communes.geojson:1:44: error: feature 0 has no "code" property (the configured code property)`}},
		{"GeoJSON ring not closed",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "03646"},
"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]]]}}]}`},
			[]string{`geo/communes.geojson:1:44: error: feature 0 (code 03646): a ring is not closed (its first and last points differ)`}},
		{"GeoJSON duplicate code",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"code": "03646"}, "geometry": {"type": "Polygon", "coordinates": [[[104, 21], [104.1, 21], [104.1, 21.1], [104, 21]]]}},
{"type": "Feature", "properties": {"code": "03646"}, "geometry": {"type": "Polygon", "coordinates": [[[104, 21], [104.1, 21], [104.1, 21.1], [104, 21]]]}}]}`},
			[]string{`geo/communes.geojson:3:1: error: feature 1 (code 03646): code 03646 is also used by the feature at geo/communes.geojson:2:1`}},
		{"GeoJSON latitude and longitude swapped",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "03646"},
"geometry": {"type": "Polygon", "coordinates": [[[21, 104], [21.1, 104], [21.1, 104.1], [21, 104]]]}}]}`},
			[]string{`geo/communes.geojson:1:44: error: feature 0 (code 03646): coordinate [21, 104] looks like [latitude, longitude]: GeoJSON wants [longitude, latitude]`}},
		{"GeoJSON numeric code",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": 3646},
"geometry": {"type": "Polygon", "coordinates": [[[104, 21], [104.1, 21], [104.1, 21.1], [104, 21]]]}}]}`},
			[]string{`geo/communes.geojson:1:44: error: feature 0: property "code" must be a string (codes keep their leading zeros), not 3646`}},
		{"missing GeoJSON file",
			map[string]string{"geo/communes.geojson": ""},
			[]string{`geo/communes.geojson: error: cannot read file: no such file`}},
		{"boundary file outside the site",
			map[string]string{"atlas.toml": "title = \"x\"\n[[boundaries]]\nfile = \"../communes.geojson\"\n"},
			[]string{`../communes.geojson: error: path leaves the site folder`,
				`geo/communes.geojson: warning: not read: no [[boundaries]] entry of atlas.toml names it`}},
		{"story front matter not closed",
			map[string]string{"content/stories/muoi-nam.md": "+++\ntitle = \"a\"\nBody\n"},
			[]string{`content/stories/muoi-nam.md:1:1: error: unterminated front matter: no closing "+++" line`}},
		{"file over the size limit",
			map[string]string{
				"atlas.toml":               "title = \"x\"\n[limits]\nmax_file_bytes = 4000\n",
				"content/units/03646.toml": "code = \"03646\"\nname = \"x\"\n" + strings.Repeat("# padding\n", 400),
			},
			[]string{`content/units/03646.toml: error: file is larger than the limit of 4000 bytes (see [limits] in atlas.toml)`,
				`geo/communes.geojson: warning: not read: no [[boundaries]] entry of atlas.toml names it`}},
		{"boundary file over the size limit",
			map[string]string{"atlas.toml": "title = \"x\"\n[[boundaries]]\nfile = \"geo/communes.geojson\"\n[limits]\nmax_boundary_bytes = 10\n"},
			[]string{`geo/communes.geojson: error: file is larger than the limit of 10 bytes (see [limits] in atlas.toml)`}},
		{"GeoJSON number too large",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "03646"},
"geometry": {"type": "Polygon", "coordinates": [[[1e999, 21], [104.1, 21], [104.1, 21.1], [104, 21]]]}}]}`},
			[]string{`geo/communes.geojson:2:51: error: invalid GeoJSON: number out of range`}},
		{"GeoJSON empty geometry",
			map[string]string{"geo/communes.geojson": `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "03646"},
"geometry": {"type": "MultiPolygon", "coordinates": []}}]}`},
			[]string{`geo/communes.geojson:1:44: error: feature 0 (code 03646): empty geometry`}},
		{"missing config",
			map[string]string{"atlas.toml": ""},
			[]string{`atlas.toml: error: cannot read file: no such file`}},
		{"several problems, sorted",
			map[string]string{
				"content/units/03646.toml":    "code = \"1\"\nname = \"x\"\n",
				"content/stories/muoi-nam.md": "---\n",
				"content/provinces/14.toml":   "code = 14\n",
			},
			[]string{
				`content/provinces/14.toml:1:8: error: invalid value for "code": want a string, not an integer`,
				`content/stories/muoi-nam.md:1:1: error: front matter is YAML ("---"); write it in TOML between "+++" lines`,
				`content/units/03646.toml:1:8: error: code "1" differs from the file name "03646.toml"`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := goodSite()
			for name, content := range tt.change {
				if content == "" {
					delete(files, name)
				} else {
					files[name] = content
				}
			}
			_, _, errs := Site(writeSite(t, files))
			if got := diagTexts(errs); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSiteEmptyFolder(t *testing.T) {
	dir := writeSite(t, map[string]string{"atlas.toml": "title = \"x\"\n"})
	s, _, errs := Site(dir)
	if len(errs) != 0 {
		t.Fatalf("diagnostics: %v", errs)
	}
	if len(s.CriteriaSets)+len(s.Provinces)+len(s.Units)+len(s.Former)+len(s.Stories)+len(s.Boundaries) != 0 {
		t.Errorf("read content from an empty site: %+v", s)
	}
}

func TestSiteSorted(t *testing.T) {
	files := goodSite()
	files["content/stories/b-old.md"] = "+++\ntitle = \"b\"\ndate = 2020-01-01\n+++\n"
	files["content/stories/a-same-day.md"] = "+++\ntitle = \"a\"\ndate = 2026-11-28\nslug = \"Á Đây\"\n+++\n"
	files["content/former/03649.toml"] = "code = \"03649\"\nname = \"x\"\n"
	files["content/former/03640.toml"] = "code = \"03640\"\nname = \"y\"\nuntil = 2025-07-01\n"
	s, _, errs := Site(writeSite(t, files))
	if len(errs) != 0 {
		t.Fatalf("diagnostics: %v", errs)
	}
	var slugs, keys []string
	for _, st := range s.Stories {
		slugs = append(slugs, st.Slug)
	}
	for _, f := range s.Former {
		keys = append(keys, f.Key())
	}
	if want := []string{"a-day", "muoi-nam", "b-old"}; !slices.Equal(slugs, want) {
		t.Errorf("stories = %q, want %q", slugs, want)
	}
	if want := []string{"03640", "03649-2025-02-01", "03649"}; !slices.Equal(keys, want) {
		t.Errorf("former units = %q, want %q", keys, want)
	}
}

// TestSiteDefault reads the real site at the root of the repository.
func TestSiteDefault(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "son-la")
	if _, err := os.Stat(filepath.Join(root, ConfigFile)); err != nil {
		t.Skipf("no default site: %v", err)
	}
	s, _, errs := Site(root)
	if len(errs.Errors()) != 0 {
		t.Fatalf("errors:\n%v", errs.Errors())
	}
	if len(errs) != 0 {
		t.Errorf("diagnostics:\n%v", errs)
	}
	if got := len(s.Units); got != 75 {
		t.Errorf("%d units, want 75", got)
	}
	if got := len(s.Former); got != 203 {
		t.Errorf("%d former units, want 203", got)
	}
	if got := len(s.CriteriaSets); got != 4 {
		t.Errorf("%d criteria sets, want 4", got)
	}
	if got := len(s.Provinces); got != 1 {
		t.Errorf("%d provinces, want 1", got)
	}
	if len(s.Stories) < 1 {
		t.Errorf("%d stories, want at least 1", len(s.Stories))
	}
	if got := len(s.Boundaries); got != 75 {
		t.Errorf("%d boundaries, want 75", got)
	}
	units := map[string]bool{}
	for _, u := range s.Units {
		units[u.Code] = true
	}
	for _, b := range s.Boundaries {
		if !units[b.Code] {
			t.Errorf("boundary %s has no unit", b.Code)
		}
	}
	for i := 1; i < len(s.CriteriaSets); i++ {
		if s.CriteriaSets[i-1].StartYear > s.CriteriaSets[i].StartYear {
			t.Errorf("criteria sets not sorted by start year")
		}
	}
}

// TestSiteSymlinks checks that a symbolic link inside the site folder is followed while one
// that leads outside it is refused, for content files and boundary files alike.
func TestSiteSymlinks(t *testing.T) {
	files := goodSite()
	unit := files["content/units/03646.toml"]
	geo := files["geo/communes.geojson"]
	delete(files, "content/units/03646.toml")
	delete(files, "geo/communes.geojson")
	dir := writeSite(t, files)
	outside := t.TempDir()
	for name, content := range map[string]string{"unit.toml": unit, "communes.geojson": geo} {
		if err := os.WriteFile(filepath.Join(outside, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "geo"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "geo", "inside.geojson"), []byte(geo), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "content", "units"), 0o755)
	links := map[string]string{
		"content/units/03646.toml": filepath.Join(outside, "unit.toml"),
		"geo/communes.geojson":     filepath.Join(outside, "communes.geojson"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	_, _, errs := Site(dir)
	want := []string{
		`content/units/03646.toml: error: cannot read file: a symbolic link leads outside the site folder`,
		`geo/communes.geojson: error: cannot read file: a symbolic link leads outside the site folder`,
	}
	var got []string
	for _, s := range diagTexts(errs) {
		if strings.Contains(s, "symbolic link") {
			got = append(got, s)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q\nall: %q", got, want, diagTexts(errs))
	}
	// A link that stays inside the site is followed.
	os.Remove(filepath.Join(dir, "geo", "communes.geojson"))
	if err := os.Symlink("inside.geojson", filepath.Join(dir, "geo", "communes.geojson")); err != nil {
		t.Fatal(err)
	}
	s, _, errs := Site(dir)
	for _, d := range errs {
		if strings.HasPrefix(d.Pos.File, "geo/") {
			t.Errorf("link inside the site: %v", d)
		}
	}
	if len(s.Boundaries) == 0 {
		t.Error("no boundaries read through a link inside the site")
	}
}
