package status

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestShareOf(t *testing.T) {
	p := &model.Province{Parts: []string{"A", "B"}, Milestones: []*model.Milestone{
		{Year: 2020, Level: "standard", Count: 5, Total: 10},
		{Year: 2023, Level: "standard", Count: 6, Total: 10, Area: "A"},
		{Year: 2024, Level: "standard", Count: 9, Total: 10, Area: "B"},
		{Year: 2025, Level: "advanced", Count: 3, Total: 10},
	}}
	for _, tc := range []struct {
		year     int
		met, tot int
		ok       bool
		class    Class
	}{
		{2019, 0, 0, false, ""},
		{2020, 5, 10, true, "share-2"},  // the whole province's figure
		{2023, 5, 10, true, "share-2"},  // part B has no figure yet
		{2024, 15, 20, true, "share-3"}, // both parts: 75 %
		{0, 15, 20, true, "share-3"},    // the latest; advanced-level totals do not count
	} {
		s, ok := ShareOf(p, tc.year)
		if ok != tc.ok || s.Met != tc.met || s.Total != tc.tot {
			t.Errorf("ShareOf(%d) = %d/%d %v, want %d/%d %v", tc.year, s.Met, s.Total, ok, tc.met, tc.tot, tc.ok)
		}
		if ok && ShareClass(s) != tc.class {
			t.Errorf("ShareOf(%d): class %s, want %s", tc.year, ShareClass(s), tc.class)
		}
	}
	if c := ShareClass(Share{Met: 199, Total: 200}); c != "share-4" {
		t.Errorf("99.5 %% is class %s, want share-4: 100 %% only when every commune has", c)
	}
}
