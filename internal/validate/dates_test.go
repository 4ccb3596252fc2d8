package validate

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

// ref is a reference day late on 2026-06-30 in Vietnam, which is still 2026-06-30 in UTC.
var ref = model.Reference{Date: time.Date(2026, 6, 30, 23, 0, 0, 0, model.Vietnam), From: "SOURCE_DATE_EPOCH"}

func TestDates(t *testing.T) {
	// A locator that names the key, so that each error is seen to point at its value.
	at := func(file, key string) string { return file + ":" + key }
	tests := []struct {
		name   string
		break_ func(s *model.Site)
		want   []string // "file:key: message"; none for a site that is still valid
	}{
		{"assessment on the reference day", func(s *model.Site) {
			s.CriteriaSets[0].EndYear = 2030
			s.Units[0].Assessments[0].AsOf = day(2026, 6, 30)
		}, nil},
		{"assessment after the reference day", func(s *model.Site) {
			s.CriteriaSets[0].EndYear = 2030
			s.Units[0].Assessments[0].AsOf = day(2026, 7, 1)
		}, []string{"content/units/03664.toml:assessments[0].as_of: as_of 2026-07-01 is after the build's reference date 2026-06-30 (SOURCE_DATE_EPOCH)"}},
		{"assessment in 2099", func(s *model.Site) { s.Units[0].Assessments[0].AsOf = day(2099, 6, 30) },
			[]string{"content/units/03664.toml:assessments[0].as_of: as_of 2099-06-30 is after the build's reference date 2026-06-30 (SOURCE_DATE_EPOCH)"}},
		{"assessment before its set", func(s *model.Site) { s.Units[0].Assessments[0].AsOf = day(2020, 12, 31) },
			[]string{"content/units/03664.toml:assessments[0].as_of: as_of 2020-12-31 is outside criteria set 2021-2025 (2021–2025)"}},
		{"assessment after its set", func(s *model.Site) { s.Units[0].Assessments[0].AsOf = day(2026, 1, 1) },
			[]string{"content/units/03664.toml:assessments[0].as_of: as_of 2026-01-01 is outside criteria set 2021-2025 (2021–2025)"}},
		{"assessment against a set without years", func(s *model.Site) {
			s.CriteriaSets[0].StartYear, s.CriteriaSets[0].EndYear = 0, 0
			s.Units[0].Assessments[0].AsOf = day(2012, 1, 1)
		}, nil},
		{"recognition after the reference year", func(s *model.Site) {
			s.Former[0].Recognitions[0].Year = 2025
			s.Former[0].Recognitions[0].CriteriaSet = ""
		}, nil},
		{"story on the reference day", func(s *model.Site) { s.Stories[0].Date = day(2026, 6, 30) }, nil},
		{"story after the reference day", func(s *model.Site) { s.Stories[0].Date = day(2099, 1, 1) },
			[]string{"content/stories/a.md:date: date 2099-01-01 is after the build's reference date 2026-06-30 (SOURCE_DATE_EPOCH)"}},
		{"milestone after the reference year", func(s *model.Site) { s.Provinces[0].Milestones[0].Year = 2027 },
			[]string{"content/provinces/14.toml:milestones[0].year: milestone year 2027 is after the build's reference date 2026-06-30 (SOURCE_DATE_EPOCH)"}},
		{"district completion after the reference year", func(s *model.Site) {
			s.Provinces[0].Areas = []*model.AreaRecognition{{Path: "area_recognitions[0]", Scope: model.ScopeProvince, Year: 2028, Level: "standard", SourceURL: "https://example.org/"}}
		}, []string{"content/provinces/14.toml:area_recognitions[0].year: area recognition year 2028 is after the build's reference date 2026-06-30 (SOURCE_DATE_EPOCH)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSite()
			s.Units[0].Assessments[0].Path = "assessments[0]"
			s.Provinces[0].Milestones[0].Path = "milestones[0]"
			tt.break_(s)
			var got []string
			for _, d := range SiteWith(s, keyLocator(at), Options{Reference: ref}) {
				got = append(got, d.Pos.File+": "+d.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A recognition year after the reference date is reported where the reference is older than
// the unit's end (a SOURCE_DATE_EPOCH of 2024 for a unit that ended with the reform).
func TestRecognitionAfterReference(t *testing.T) {
	s := validSite()
	s.Former[0].Recognitions[0].Path = "recognitions[0]"
	s.Former[0].Recognitions[0].Year = 2025
	old := model.Reference{Date: day(2024, 12, 31), From: "SOURCE_DATE_EPOCH"}
	s.Units[0].Assessments = nil
	s.Stories[0].Date = day(2024, 1, 1)
	errs := SiteWith(s, keyLocator(func(f, k string) string { return f + ":" + k }), Options{Reference: old})
	want := "content/former/03664.toml:recognitions[0].year: recognised in 2025, after the build's reference date 2024-12-31 (SOURCE_DATE_EPOCH)"
	if len(errs) != 1 || errs[0].Pos.File+": "+errs[0].Msg != want {
		t.Errorf("got %v\nwant %s", errs, want)
	}
}

// Site checks no date against a reference.
func TestSiteWithoutReference(t *testing.T) {
	s := validSite()
	s.Stories[0].Date = day(2099, 1, 1)
	if errs := Site(s, nil); len(errs) > 0 {
		t.Errorf("Site reported %v", errs)
	}
}

// keyLocator is a Locator that puts the key in the file name, for tests to see which key an
// error points at.
func keyLocator(f func(file, key string) string) Locator {
	return func(file, key string) diag.Pos { return diag.Pos{File: f(file, key)} }
}
