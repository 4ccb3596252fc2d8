package status

import (
	"fmt"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
)

// loadDefault reads the repository's default site.
func loadDefault(t *testing.T) *Atlas {
	t.Helper()
	site, _, errs := read.Site("../../testdata/son-la")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return Derive(site)
}

func formerKeys(st *Status) map[string]*Former {
	m := map[string]*Former{}
	for _, f := range st.Formers {
		m[f.Unit.Key()] = f
	}
	return m
}

func TestDeriveDefaultSite(t *testing.T) {
	a := loadDefault(t)
	if a.Recognized != 31 {
		t.Errorf("recognized former communes = %d, want 31 (the data names 31)", a.Recognized)
	}
	if a.ByLevel["advanced"] != 6 || a.ByLevel["standard"] != 25 {
		t.Errorf("by highest level = %v, want 25 standard and 6 advanced", a.ByLevel)
	}
	tests := []struct {
		code       string
		class      Class
		eligible   int
		recognized int
		formers    []string // keys that must be among its former units
	}{
		// Chiềng Cọ and Hua La, both recognized; Phường Chiềng Cơi is not a commune.
		{"03670", FormerAll, 2, 2, []string{"03658", "03676", "03670"}},
		// Chiềng Đen and Chiềng Xôm recognized; Phường Chiềng An not a commune.
		{"03664", FormerAll, 2, 2, []string{"03661", "03664", "03667"}},
		// Viêng Lán reaches Xã Yên Châu through Thị trấn Yên Châu.
		// Chiềng Pằn and Viêng Lán of six communes.
		{"04075", FormerSome, 6, 2, []string{"04075-2025-02-01", "04075", "04072"}},
		// xã Quang Huy and Huy Bắc reach Xã Phù Yên through Thị trấn Quang Huy (Huy Bắc also
		// through Huy Hạ, and counts once); with Huy Thượng and Huy Hạ, 4 of 6 communes.
		{"03910", FormerSome, 6, 4, []string{"03910-2025-02-01", "03913-2025-02-01", "03910", "03916", "03928"}},
		// no recognized former commune in the data
		{"04246", NoData, 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			st := a.Statuses[tt.code]
			if st == nil {
				t.Fatalf("no status for %s", tt.code)
			}
			if st.Class != tt.class {
				t.Errorf("class = %s, want %s", st.Class, tt.class)
			}
			if tt.eligible > 0 && st.Eligible != tt.eligible {
				t.Errorf("eligible = %d, want %d", st.Eligible, tt.eligible)
			}
			if st.Recognized != tt.recognized {
				t.Errorf("recognized = %d, want %d", st.Recognized, tt.recognized)
			}
			fk := formerKeys(st)
			for _, k := range tt.formers {
				if fk[k] == nil {
					t.Errorf("former unit %s missing from %s's formers", k, tt.code)
				}
			}
		})
	}
	// Passing through a partial merge makes the whole chain partial.
	if f := formerKeys(a.Statuses["04075"])["04075-2025-02-01"]; f == nil || f.Merge != "partial" || len(f.Via) != 1 || f.Via[0].Key() != "04075" {
		t.Errorf("Viêng Lán behind Xã Yên Châu = %+v, want partial via 04075", f)
	}
	// A split commune's successors are both units.
	if got := a.Successors["04012"]; len(got) != 2 || got[0].Code != "03980" || got[1].Code != "04078" {
		t.Errorf("successors of Chiềng Hắc 04012 = %v, want 03980 and 04078", got)
	}
}

func TestOwnAssessmentWins(t *testing.T) {
	set := &model.CriteriaSet{ID: "s", StartYear: 2021, EndYear: 2025, Levels: []*model.Level{
		{ID: "standard", Rank: 2, Recognized: true},
		{ID: "advanced", Rank: 3, Recognized: true},
	}}
	u := &model.Unit{Code: "1", Assessments: []*model.Assessment{
		{CriteriaSet: "s", AsOf: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), Level: "standard"},
		{CriteriaSet: "s", AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Level: "advanced"},
	}}
	f := &model.FormerUnit{Code: "1", Type: "Xã", Until: model.ReformDate, Successors: []*model.Successor{{Code: "1", Merge: "full"}}}
	a := Derive(&model.Site{CriteriaSets: []*model.CriteriaSet{set}, Units: []*model.Unit{u}, Former: []*model.FormerUnit{f}})
	st := a.Statuses["1"]
	if st.Class != RankClass(3) || st.OwnLevel.ID != "advanced" {
		t.Errorf("class %s level %v, want rank-3 from the latest assessment", st.Class, st.OwnLevel)
	}
	if st.Eligible != 1 || st.Recognized != 0 {
		t.Errorf("eligible %d recognized %d, want 1 and 0", st.Eligible, st.Recognized)
	}
}

// TestSuccessorCycleEnds gives Derive two former communes that name each other as successors
// (bad data, which validation reports), one of which also went to a current unit. Derive must
// follow each chain until it comes back round and no further: both communes reach the unit,
// once each, "2" directly and "1" through "2".
func TestSuccessorCycleEnds(t *testing.T) {
	// Following the cycle for ever would recurse, each step copying a longer path: cap the
	// stack so that it crashes the test at once instead of first filling the memory.
	defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
	until := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	one := &model.FormerUnit{Code: "1", Name: "Một", Type: "Xã", Until: until}
	two := &model.FormerUnit{Code: "2", Name: "Hai", Type: "Xã", Until: until}
	one.Successors = []*model.Successor{{Code: "2", Former: true, Until: until, Merge: "full"}}
	two.Successors = []*model.Successor{{Code: "1", Former: true, Until: until, Merge: "full"}, {Code: "3", Merge: "full"}}
	unit := &model.Unit{Code: "3", Name: "Ba"}
	a := Derive(&model.Site{Units: []*model.Unit{unit}, Former: []*model.FormerUnit{one, two}})

	st := a.Statuses["3"]
	var got []string
	for _, f := range st.Formers {
		var via []string
		for _, v := range f.Via {
			via = append(via, v.Key())
		}
		got = append(got, fmt.Sprintf("%s via %v, %s", f.Unit.Key(), via, f.Merge))
	}
	want := []string{"2-2025-02-01 via [], full", "1-2025-02-01 via [2-2025-02-01], full"} // Hai, Một
	if !slices.Equal(got, want) {
		t.Errorf("formers of unit 3 = %q, want %q", got, want)
	}
	if st.Eligible != 2 || st.Class != NoData {
		t.Errorf("unit 3: eligible %d, class %s; want 2, %s", st.Eligible, st.Class, NoData)
	}
	for _, k := range []string{one.Key(), two.Key()} {
		if us := a.Successors[k]; len(us) != 1 || us[0] != unit {
			t.Errorf("successors of %s = %v, want unit 3 alone", k, us)
		}
	}
}
