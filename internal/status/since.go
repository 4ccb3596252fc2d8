package status

import (
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Met is the first year from which a former commune counts as having met a level that
// counts, and how that year is known.
type Met struct {
	Year int      // 0 when none of its standing credits has a known year
	From YearFrom // YearDistrict or YearProvince when the year is its area's
}

// MetSince maps each former commune with a credit that stands today to the first year from
// which such a credit counts (the earliest dated one), and how that year is known. Unit and
// former unit pages say "since" from it.
func (a *Atlas) MetSince() map[*model.FormerUnit]Met {
	out := map[*model.FormerUnit]Met{}
	for _, d := range a.dated {
		if !d.CountsNow() {
			continue
		}
		m, ok := out[d.Former]
		if !ok || d.Year != 0 && (m.Year == 0 || d.Year < m.Year) {
			from := d.From
			if d.Basis == BasisDistrict {
				from = YearDistrict
			} else if d.Basis == BasisProvince {
				from = YearProvince
			}
			out[d.Former] = Met{d.Year, from}
		}
	}
	return out
}

// OwnSince is the day since which u's own assessments have held it at a level that counts:
// the first of the latest run of its assessments at such a level. It is zero when its latest
// assessment is not at one.
func (a *Atlas) OwnSince(u *model.Unit) time.Time {
	var since time.Time
	for i := len(u.Assessments) - 1; i >= 0; i-- {
		as := u.Assessments[i]
		l := a.Level(as.CriteriaSet, as.Level)
		if l == nil || !l.Recognized {
			break
		}
		since = as.AsOf
	}
	return since
}

// FormersSince is the year since which every former commune of st with a standing credit has
// counted: the latest of their first years (met is MetSince). known is false when one of them
// has no known year; year is 0 when none has a standing credit.
func FormersSince(st *Status, met map[*model.FormerUnit]Met) (year int, known bool) {
	known = true
	for _, f := range st.Formers {
		if f.Credit == nil {
			continue
		}
		m := met[f.Unit]
		if m.Year == 0 {
			known = false
		}
		year = max(year, m.Year)
	}
	if !known {
		return 0, false
	}
	return year, true
}
