package status

import (
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// sinceSite is a site of one set (levels below, at and above the standard), one province
// whose district 1 was recognised in 2016, and its former communes: An (its own of 2018),
// Bình (its own, year not stated), Chi (its own of 2012, lost in 2014, again in 2020), and
// the current units they formed.
func sinceSite() *model.Site {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	set := &model.CriteriaSet{ID: "s", StartYear: 2010, EndYear: 2030, Levels: []*model.Level{
		{ID: "under", Rank: 1}, {ID: "standard", Rank: 2, Recognized: true}, {ID: "advanced", Rank: 3, Recognized: true}}}
	rec := func(level string, year int) *model.Recognition {
		return &model.Recognition{CriteriaSet: "s", Level: level, Year: year, SourceURL: "https://example.org/" + level}
	}
	former := func(code, district string, recs ...*model.Recognition) *model.FormerUnit {
		return &model.FormerUnit{Code: code, Name: code, Type: "Xã", Province: "1", DistrictCode: district, Until: model.ReformDate,
			Successors: []*model.Successor{{Code: "u" + code, Merge: "full"}}, Recognitions: recs}
	}
	an := former("an", "1", rec("standard", 2018))
	binh := former("binh", "2", rec("standard", 0))
	chi := former("chi", "2", rec("standard", 2012), rec("standard", 2020))
	chi.Revocations = []*model.Revocation{{CriteriaSet: "s", Level: "standard", Year: 2014, SourceURL: "https://example.org/lost"}}
	assessed := func(code string, levels ...string) *model.Unit {
		u := &model.Unit{Code: code, Province: "1"}
		for i, l := range levels {
			u.Assessments = append(u.Assessments, &model.Assessment{CriteriaSet: "s", Level: l, AsOf: day(2021+i, 3, 1)})
		}
		return u
	}
	return &model.Site{
		CriteriaSets: []*model.CriteriaSet{set},
		Provinces: []*model.Province{{Code: "1", Name: "Một", Areas: []*model.AreaRecognition{
			{Scope: model.ScopeDistrict, DistrictCode: "1", CriteriaSet: "s", Level: "standard", Year: 2016, Decision: "QĐ 1", SourceURL: "https://example.org/district"}}}},
		Units: []*model.Unit{
			{Code: "uan", Province: "1"}, {Code: "ubinh", Province: "1"}, {Code: "uchi", Province: "1"},
			assessed("rise", "standard", "advanced"), // standard since 2021, advanced 2022
			assessed("dip", "standard", "under", "standard"),
			assessed("fell", "standard", "under"),
		},
		Former: []*model.FormerUnit{an, binh, chi},
	}
}

func TestMetSince(t *testing.T) {
	a := Derive(sinceSite())
	met := a.MetSince()
	for _, tt := range []struct {
		key  string
		want Met
	}{
		{"an", Met{2016, YearDistrict}}, // its district's recognition is earlier than its own
		{"binh", Met{0, YearUnknown}},   // its own, year not stated
		{"chi", Met{2020, YearStated}},  // the recognition of 2012 was revoked in 2014
	} {
		if got := met[a.Index.Former[tt.key]]; got != tt.want {
			t.Errorf("%s: MetSince = %+v, want %+v", tt.key, got, tt.want)
		}
	}
}

func TestOwnSince(t *testing.T) {
	a := Derive(sinceSite())
	for code, want := range map[string]string{
		"rise": "2021-03-01", // standard, then advanced: one run
		"dip":  "2023-03-01", // the run after the dip
		"fell": "",           // its latest assessment is below the standard
		"uan":  "",           // no assessment
	} {
		got := a.OwnSince(a.Index.Units[code])
		if s := got.Format(time.DateOnly); got.IsZero() && want != "" || !got.IsZero() && s != want {
			t.Errorf("%s: OwnSince = %s, want %q", code, s, want)
		}
	}
}

func TestFormersSince(t *testing.T) {
	a := Derive(sinceSite())
	met := a.MetSince()
	unit := func(codes ...string) *Status {
		st := &Status{}
		for _, c := range codes {
			f := a.Index.Former[c]
			st.Formers = append(st.Formers, &Former{Unit: f, Credit: a.Standing(f)})
		}
		return st
	}
	for _, tt := range []struct {
		formers []string
		year    int
		known   bool
	}{
		{[]string{"an", "chi"}, 2020, true},
		{[]string{"an", "binh"}, 0, false}, // Bình's year is not known
		{nil, 0, true},
	} {
		year, known := FormersSince(unit(tt.formers...), met)
		if year != tt.year || known != tt.known {
			t.Errorf("%v: FormersSince = %d, %v; want %d, %v", tt.formers, year, known, tt.year, tt.known)
		}
	}
}
