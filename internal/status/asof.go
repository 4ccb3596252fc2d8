package status

import (
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// DataAsOf returns the latest date the content speaks for: the newest assessment, milestone
// or change of units. Stories do not count: they report, they are not data.
func DataAsOf(s *model.Site) time.Time {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for _, u := range s.Units {
		for _, a := range u.Assessments {
			see(a.AsOf)
		}
	}
	for _, f := range s.Former {
		see(f.Until)
	}
	for _, p := range s.Provinces {
		for _, m := range p.Milestones {
			mo := m.Month
			if mo == 0 {
				mo = 12
			}
			// the last day of the milestone's month
			see(time.Date(m.Year, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC))
		}
	}
	return last
}
