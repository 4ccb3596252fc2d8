package validate

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/paulmach/orb"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// validSite returns a small site with no problems; each test case breaks one thing.
func validSite() *model.Site {
	square := orb.MultiPolygon{{{{104, 21}, {104.1, 21}, {104.1, 21.1}, {104, 21.1}, {104, 21}}}}
	return &model.Site{
		Config: model.Config{File: "atlas.toml", Title: "T", BaseURL: "https://example.org/", Language: "vi", CriteriaSet: "2021-2025", Province: "14",
			Boundaries: []model.Source{{File: "geo/b.geojson"}}},
		CriteriaSets: []*model.CriteriaSet{{
			File: "content/criteria/2021-2025.toml", ID: "2021-2025", Name: "Bộ", StartYear: 2021, EndYear: 2025,
			Levels: []*model.Level{
				{ID: "in-progress", Rank: 1},
				{ID: "standard", Rank: 2, Recognized: true, RequiresAllCriteria: true},
			},
			Criteria: []*model.Criterion{{ID: "1", Name: "Quy hoạch"}, {ID: "2", Name: "Giao thông"}},
		}},
		Provinces: []*model.Province{{File: "content/provinces/14.toml", Code: "14", Name: "Sơn La", Type: "Tỉnh",
			Milestones: []*model.Milestone{{Year: 2024, Month: 6, Level: "standard", Count: 65, SourceURL: "https://example.org/a"}}}},
		Units: []*model.Unit{{File: "content/units/03664.toml", Code: "03664", Name: "Chiềng An", Type: "Phường", Province: "14",
			Assessments: []*model.Assessment{{CriteriaSet: "2021-2025", AsOf: day(2025, 12, 31), Level: "standard", CriteriaMet: []string{"1", "2"}, SourceURL: "https://example.org/s"}}}},
		Former: []*model.FormerUnit{{File: "content/former/03664.toml", Code: "03664", Name: "Chiềng Xôm", Type: "Xã", Province: "14", Until: model.ReformDate,
			Successors:   []*model.Successor{{Code: "03664", Merge: "full"}},
			Recognitions: []*model.Recognition{{CriteriaSet: "2021-2025", Level: "standard", Year: 2022, SourceURL: "https://example.org/r"}}}},
		Stories:    []*model.Story{{File: "content/stories/a.md", Slug: "a", Title: "A", Date: day(2026, 1, 1), Units: []string{"03664"}, FormerUnits: []string{"03664"}}},
		Boundaries: []*model.Boundary{{Pos: diag.Pos{File: "geo/b.geojson"}, Code: "03664", Name: "Chiềng An", Geometry: square}},
	}
}

func TestValidSite(t *testing.T) {
	if errs := Site(validSite(), nil); len(errs) > 0 {
		t.Fatalf("valid site reported:\n%v", errs)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(s *model.Site)
		want   string
	}{
		{"base URL", func(s *model.Site) { s.Config.BaseURL = "example.org" },
			`atlas.toml: error: base_url "example.org" must be an absolute http(s) URL`},
		{"unknown current set", func(s *model.Site) { s.Config.CriteriaSet = "2030" },
			`atlas.toml: error: criteria_set "2030": no such set in content/criteria`},
		{"unknown home province", func(s *model.Site) { s.Config.Province = "99" },
			`atlas.toml: error: province "99": no such file content/provinces/99.toml`},
		{"duplicate level", func(s *model.Site) {
			s.CriteriaSets[0].Levels = append(s.CriteriaSets[0].Levels, &model.Level{ID: "standard", Rank: 3})
		}, `content/criteria/2021-2025.toml: error: level id "standard" is empty or repeated`},
		{"assessment set", func(s *model.Site) { s.Units[0].Assessments[0].CriteriaSet = "1999" },
			`content/units/03664.toml: error: criteria_set "1999": no such set in content/criteria`},
		{"assessment level", func(s *model.Site) { s.Units[0].Assessments[0].Level = "levle" },
			`content/units/03664.toml: error: level "levle" is not a level of criteria set 2021-2025 (levels: in-progress, standard)`},
		{"criterion not in set", func(s *model.Site) { s.Units[0].Assessments[0].CriteriaMet = []string{"1", "20"} },
			`content/units/03664.toml: error: criterion "20" is not in criteria set 2021-2025`},
		{"standard without all criteria", func(s *model.Site) { s.Units[0].Assessments[0].CriteriaMet = []string{"1"} },
			`content/units/03664.toml: error: level "standard" needs all 2 criteria of set 2021-2025, but criteria_met lists 1`},
		{"javascript source", func(s *model.Site) { s.Units[0].Assessments[0].SourceURL = "javascript:alert(1)" },
			`content/units/03664.toml: error: source_url "javascript:alert(1)" must be an absolute http(s) URL`},
		{"unit without boundary", func(s *model.Site) { s.Boundaries[0].Code = "09999" },
			`content/units/03664.toml: error: unit 03664 has no boundary in the configured boundary files`},
		{"boundary unit without province", func(s *model.Site) {
			s.Units = append(s.Units, &model.Unit{Origin: diag.Pos{File: "geo/b.geojson", Line: 3, Col: 5}, Code: "09999", Name: "Chiềng Ve"})
		}, `geo/b.geojson:3:5: error: boundary 09999 names no province: set province_property in atlas.toml's [[boundaries]], or write content/units/09999.toml`},
		{"boundary unit in unknown province", func(s *model.Site) {
			s.Units = append(s.Units, &model.Unit{Origin: diag.Pos{File: "geo/b.geojson", Line: 3, Col: 5}, Code: "09999", Name: "Chiềng Ve", Province: "77"})
		}, `geo/b.geojson:3:5: error: boundary 09999 is in province "77": no such file content/provinces/77.toml`},
		{"boundary unit without name", func(s *model.Site) {
			s.Units = append(s.Units, &model.Unit{Origin: diag.Pos{File: "geo/b.geojson", Line: 3, Col: 5}, Code: "09999", Province: s.Units[0].Province})
		}, `geo/b.geojson:3:5: error: boundary 09999 has no name and no status file content/units/09999.toml to give one`},
		{"non-digit code", func(s *model.Site) { s.Units[0].Code = "../x" },
			`content/units/03664.toml: error: code "../x" must be digits only`},
		{"duplicate unit", func(s *model.Site) {
			u := *s.Units[0]
			u.File = "content/units/copy.toml"
			s.Units = append(s.Units, &u)
		}, `content/units/copy.toml: error: unit code 03664 is also used by content/units/03664.toml`},
		{"successor missing", func(s *model.Site) { s.Former[0].Successors[0].Code = "01111" },
			`content/former/03664.toml: error: successor 01111: no current unit content/units/01111.toml`},
		{"former successor missing", func(s *model.Site) {
			s.Former[0].Successors[0] = &model.Successor{Code: "01111", Former: true, Until: model.ReformDate, Merge: "full"}
		},
			`content/former/03664.toml: error: successor 01111: no former unit content/former/01111.toml`},
		{"merge type", func(s *model.Site) { s.Former[0].Successors[0].Merge = "half" },
			`content/former/03664.toml: error: merge "half" must be "full" or "partial"`},
		{"no successors", func(s *model.Site) { s.Former[0].Successors = nil },
			`content/former/03664.toml: error: former unit 03664 names no [[successors]]`},
		{"ended after the reform", func(s *model.Site) { s.Former[0].Until = day(2026, 1, 1) },
			`content/former/03664.toml: error: until 2026-01-01 is after the reform of 2025-07-01: a former unit ended by then`},
		{"recognition year outside programme", func(s *model.Site) { s.Former[0].Recognitions[0].Year = 2005 },
			`content/former/03664.toml: error: year 2005 is outside the programme (2010–2030)`},
		{"recognition year outside its set", func(s *model.Site) { s.Former[0].Recognitions[0].Year = 2015 },
			`content/former/03664.toml: error: year 2015 is outside criteria set 2021-2025 (2021–2025)`},
		{"recognition without source", func(s *model.Site) { s.Former[0].Recognitions[0].SourceURL = "" },
			`content/former/03664.toml: error: source_url is missing`},
		{"recognition level without set", func(s *model.Site) {
			s.Former[0].Recognitions[0].CriteriaSet = ""
			s.Former[0].Recognitions[0].Level = "gold"
		}, `content/former/03664.toml: error: level "gold" is not a level of any criteria set`},
		{"story unit", func(s *model.Site) { s.Stories[0].Units = []string{"1"} },
			`content/stories/a.md: error: units: no current unit "1"`},
		{"story former unit", func(s *model.Site) { s.Stories[0].FormerUnits = []string{"03664-2025-02-01"} },
			`content/stories/a.md: error: former_units: no former unit "03664-2025-02-01"`},
		{"story without title", func(s *model.Site) { s.Stories[0].Title = "" },
			`content/stories/a.md:1:1: error: story has no title`},
		{"story without date", func(s *model.Site) { s.Stories[0].Date = time.Time{} },
			`content/stories/a.md:1:1: error: story has no date`},
		{"duplicate story slug", func(s *model.Site) {
			st := *s.Stories[0]
			st.File = "content/stories/b.md"
			s.Stories = append(s.Stories, &st)
		}, `content/stories/b.md:1:1: error: story slug "a" is also used by content/stories/a.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSite()
			tt.break_(s)
			errs := Site(s, nil)
			var got []string
			for _, d := range errs {
				got = append(got, d.Error())
			}
			for _, g := range got {
				if g == tt.want {
					return
				}
			}
			t.Errorf("want %s\ngot:\n%s", tt.want, strings.Join(got, "\n"))
		})
	}
}

func TestSortedOutput(t *testing.T) {
	s := validSite()
	s.Stories[0].Title = ""
	s.Units[0].Assessments[0].Level = "x"
	s.Config.BaseURL = ""
	errs := Site(s, nil)
	var files []string
	for _, d := range errs {
		files = append(files, d.Pos.File)
	}
	want := []string{"atlas.toml", "content/stories/a.md", "content/units/03664.toml"}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files in order %v, want %v", files, want)
	}
}

func TestAliasProblem(t *testing.T) {
	for _, ok := range []string{"/old/03664/", "cu/chieng-xom/", "/news/bai-cu.html", "a_b/c"} {
		if msg := aliasProblem(ok); msg != "" {
			t.Errorf("aliasProblem(%q) = %q, want none", ok, msg)
		}
	}
	for _, bad := range []string{"", "/", "../etc/passwd", "/old/../../x", "//evil.example/x", "https://evil.example/", "/old//x", "old\\x", "/Xã/1", "/old/./x", "javascript:alert(1)"} {
		if aliasProblem(bad) == "" {
			t.Errorf("aliasProblem(%q): no problem found", bad)
		}
	}
}
