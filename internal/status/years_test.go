package status

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestRecognitionYear(t *testing.T) {
	a := loadDefault(t)
	tests := []struct {
		key, level string
		year       int
		from       YearFrom
	}{
		{"03664", "standard", 2015, YearStated},   // Chiềng Xôm, the first
		{"03664", "advanced", 2020, YearSource},   // its source is the 2020 "advanced" milestone's
		{"03661", "standard", 2019, YearDistrict}, // Thành phố Sơn La completed the programme in 2019
		{"03724", "standard", 0, YearUnknown},     // Phổng Lái: nothing dates it
		{"03985", "advanced", 0, YearUnknown},     // Chiềng Sơn's advanced level: its source is no milestone's
	}
	for _, tt := range tests {
		f := a.Index.Former[tt.key]
		if f == nil {
			t.Fatalf("no former unit %s", tt.key)
		}
		var rec *model.Recognition
		for _, r := range f.Recognitions {
			if r.Level == tt.level {
				rec = r
			}
		}
		if rec == nil {
			t.Fatalf("%s has no %s recognition", tt.key, tt.level)
		}
		if y, from := a.RecognitionYear(f, rec); y != tt.year || from != tt.from {
			t.Errorf("%s %s: year %d (%q), want %d (%q)", tt.key, tt.level, y, from, tt.year, tt.from)
		}
	}
}

// TestAsOfDefaultSite checks that a unit is coloured only from the year its first former
// commune was recognised, and that the counts of each year match the content.
func TestAsOfDefaultSite(t *testing.T) {
	a := loadDefault(t)
	if got := a.LastYear(); got != 2024 {
		t.Fatalf("last year = %d, want 2024 (the latest recognitions and milestones)", got)
	}
	// Recount from the content: for each former commune the first year it was recognised
	// (at any level that counts) and the first year at advanced level or above.
	first, firstAdv := map[string]int{}, map[string]int{}
	for _, d := range a.Dated() {
		if d.Year == 0 {
			continue
		}
		k := d.Former.Key()
		if first[k] == 0 || d.Year < first[k] {
			first[k] = d.Year
		}
		if d.Level.Rank >= 3 && (firstAdv[k] == 0 || d.Year < firstAdv[k]) {
			firstAdv[k] = d.Year
		}
	}
	if len(first) != 21 {
		t.Errorf("%d former communes have a dated recognition, want 21 (of the 31 named)", len(first))
	}
	for y := FirstYear; y <= 2024; y++ {
		ay := a.AsOf(y)
		want, wantAdv := 0, 0
		for k, fy := range first {
			if fy <= y {
				want++
			}
			if fa := firstAdv[k]; fa != 0 && fa <= y {
				wantAdv++
			}
		}
		if ay.AtLeast[2] != want || ay.AtLeast[3] != wantAdv || ay.AtLeast[4] != 0 {
			t.Errorf("%d: at least standard/advanced/model = %d/%d/%d, want %d/%d/0", y, ay.AtLeast[2], ay.AtLeast[3], ay.AtLeast[4], want, wantAdv)
		}
		total := 0
		for _, st := range ay.Statuses {
			if st.Class != "" {
				total++
			}
		}
		if total != len(a.Site.Units) {
			t.Errorf("%d: classes count %d units, want %d", y, total, len(a.Site.Units))
		}
		// Each unit is coloured exactly from the first year one of its former communes was.
		for code, st := range ay.Statuses {
			firstOf := 0
			for _, f := range a.Statuses[code].Formers {
				if fy := first[f.Unit.Key()]; fy != 0 && (firstOf == 0 || fy < firstOf) {
					firstOf = fy
				}
			}
			coloured := st.Class != NoData && st.Class != NotCovered
			if (st.Class == NotCovered) != (st.Eligible == 0 && len(st.Formers) > 0) {
				t.Errorf("%d: unit %s class %s, %d eligible former communes of %d", y, code, st.Class, st.Eligible, len(st.Formers))
			}
			if want := firstOf != 0 && firstOf <= y; coloured != want {
				t.Errorf("%d: unit %s class %s, but its first former commune was recognised in %d", y, code, st.Class, firstOf)
			}
		}
	}
	// Chiềng An (Chiềng Xôm 2015, Chiềng Đen 2019 by its district): some, then all.
	for y, want := range map[int]Class{2014: NoData, 2015: FormerSome, 2018: FormerSome, 2019: FormerAll} {
		if got := a.AsOf(y).Statuses["03664"].Class; got != want {
			t.Errorf("03664 in %d: %s, want %s", y, got, want)
		}
	}
	// Before 2015 no former commune was recognised: every unit is without data but those of
	// wards and townships only.
	classes := map[Class]int{}
	for _, st := range a.AsOf(2014).Statuses {
		classes[st.Class]++
	}
	if n, m := classes[NoData], classes[NotCovered]; n+m != len(a.Site.Units) || m == 0 {
		t.Errorf("2014: %d units without data and %d not covered, want all %d, some not covered", n, m, len(a.Site.Units))
	}
}
