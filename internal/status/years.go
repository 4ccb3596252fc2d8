package status

import (
	"github.com/ntm-atlas/atlas/internal/model"
)

// FirstYear is the first year of the programme (Decision 800/QĐ-TTg of 2010 set it running
// from 2011): the year views start there.
const FirstYear = 2011

// YearFrom says where the year a recognition counts from comes from.
type YearFrom string

// The ways a recognition's year is known.
const (
	YearStated   YearFrom = "stated"   // the recognition states its year
	YearSource   YearFrom = "source"   // its source is a province milestone of that year at its level
	YearDistrict YearFrom = "district" // its district was recognised at that level or above that year
	YearProvince YearFrom = "province" // its whole former province was, that year
	YearUnknown  YearFrom = ""         // nothing in the data dates it
)

// RecognitionYear returns the year from which r, a recognition of f, counts: its own year;
// else the year of a milestone of f's province at r's level reported by the same source (the
// source confirmed it by then); else the earliest year f's district or former province was
// recognised at r's level or above (every commune of it had met that level by then); else 0
// and YearUnknown.
func (a *Atlas) RecognitionYear(f *model.FormerUnit, r *model.Recognition) (int, YearFrom) {
	y, from, _ := a.RecognitionYearSource(f, r)
	return y, from
}

// RecognitionYearSource is RecognitionYear with the source of the year when it is not the
// recognition's own: the province milestone's, or the area recognition's.
func (a *Atlas) RecognitionYearSource(f *model.FormerUnit, r *model.Recognition) (int, YearFrom, string) {
	var areas []Dated
	for _, d := range a.creditsOf[f] {
		if d.Basis != BasisOwn {
			areas = append(areas, d)
		}
	}
	return a.recognitionYear(f, r, areas)
}

// recognitionYear is RecognitionYearSource with f's area credits given, oldest first.
func (a *Atlas) recognitionYear(f *model.FormerUnit, r *model.Recognition, areas []Dated) (int, YearFrom, string) {
	if r.Year != 0 {
		return r.Year, YearStated, ""
	}
	if p := a.Index.Provinces[f.Province]; p != nil && r.SourceURL != "" {
		for _, m := range p.Milestones {
			if m.SourceURL == r.SourceURL && m.Level == r.Level {
				return m.Year, YearSource, m.SourceURL
			}
		}
	}
	if lvl := a.Level(r.CriteriaSet, r.Level); lvl != nil {
		for _, d := range areas {
			if d.Level.Rank >= lvl.Rank {
				from := YearDistrict
				if d.Basis == BasisProvince {
					from = YearProvince
				}
				return d.Year, from, d.Area.SourceURL
			}
		}
	}
	return 0, YearUnknown, ""
}

// Dated returns every credit of every former commune — its own recognitions of a level that
// counts and of a kind that recognises, and those of its district and province — with the
// year each counts from and the revocation that ended it, in the order of the site's former
// units, each commune's own first.
func (a *Atlas) Dated() []Dated { return a.dated }

// LastYear is the latest year the data speaks for: of a dated recognition, a milestone, a
// district completion or an assessment. It is at least FirstYear.
func (a *Atlas) LastYear() int {
	last := FirstYear
	see := func(y int) {
		if y > last {
			last = y
		}
	}
	for _, d := range a.Dated() {
		see(d.Year)
	}
	for _, p := range a.Site.Provinces {
		for _, m := range p.Milestones {
			see(m.Year)
		}
	}
	for _, f := range a.Site.Former {
		for _, v := range f.Revocations {
			see(v.Year)
		}
	}
	for _, u := range a.Site.Units {
		for _, as := range u.Assessments {
			see(as.AsOf.Year())
		}
	}
	return last
}

// Year is the atlas as it stood at the end of one year.
type Year struct {
	Year     int
	Statuses map[string]*Status // by current unit code; each Former's Credit as of the year
	// AtLeast counts former communes whose standing at the end of the year was their own
	// recognition, at a level of at least the given rank; AreaAtLeast those whose standing
	// was their district's or province's recognition.
	AtLeast, AreaAtLeast map[int]int
	// InProvince and AreaInProvince are AtLeast and AreaAtLeast for the former communes of
	// each province, by province code.
	InProvince, AreaInProvince map[string]map[int]int
	// New lists the credits that count from this year: own recognitions, and area
	// recognitions for each commune they cover.
	New []Dated
	// Revoked lists the revocations of this year, with their former units.
	Revoked []Revoked
}

// Revoked is a former unit's revocation.
type Revoked struct {
	Former     *model.FormerUnit
	Revocation *model.Revocation
	Level      *model.Level
}

// AsOf derives the statuses at the end of year: a former commune counts only with the credits
// that count from that year or earlier and were not revoked by then (see StandingIn), and a
// unit's own assessment only if made by then. Eligibility does not change with the year.
func (a *Atlas) AsOf(year int) *Year {
	y := &Year{Year: year, Statuses: map[string]*Status{},
		AtLeast: map[int]int{}, AreaAtLeast: map[int]int{}, InProvince: map[string]map[int]int{}, AreaInProvince: map[string]map[int]int{}}
	for _, d := range a.dated {
		if d.Year == year {
			y.New = append(y.New, d)
		}
	}
	standing := map[*model.FormerUnit]*Dated{}
	for _, f := range a.Site.Former {
		for _, v := range f.Revocations {
			if v.Year == year {
				y.Revoked = append(y.Revoked, Revoked{Former: f, Revocation: v, Level: a.Level(v.CriteriaSet, v.Level)})
			}
		}
		b := a.StandingIn(f, year)
		if b == nil {
			continue
		}
		standing[f] = b
		at, in := y.AtLeast, y.InProvince
		if b.Basis != BasisOwn {
			at, in = y.AreaAtLeast, y.AreaInProvince
		}
		pin := in[f.Province]
		if pin == nil {
			pin = map[int]int{}
			in[f.Province] = pin
		}
		for r := 0; r <= b.Level.Rank; r++ {
			at[r]++
			pin[r]++
		}
	}
	for code, now := range a.Statuses {
		st := &Status{Unit: now.Unit, Eligible: now.Eligible}
		for i := len(now.Unit.Assessments) - 1; i >= 0; i-- {
			if as := now.Unit.Assessments[i]; as.AsOf.Year() <= year {
				st.Own = as
				st.OwnSet = a.Index.Sets[as.CriteriaSet]
				if st.OwnSet != nil {
					st.OwnLevel = st.OwnSet.Level(as.Level)
				}
				break
			}
		}
		for _, f := range now.Formers {
			g := &Former{Unit: f.Unit, Merge: f.Merge, Via: f.Via, Credit: standing[f.Unit]}
			st.count(g)
			st.Formers = append(st.Formers, g)
		}
		st.Class = classOf(st)
		y.Statuses[code] = st
	}
	return y
}

// classOf is the map class of a status whose Own, OwnLevel, Recognized, ByArea and Eligible
// are set.
func classOf(st *Status) Class {
	switch {
	case st.OwnLevel != nil:
		return RankClass(st.OwnLevel.Rank)
	case st.Recognized > 0 && st.Recognized >= st.Eligible && st.ByArea > 0:
		return AreaAll
	case st.Recognized > 0 && st.Recognized >= st.Eligible:
		return FormerAll
	case st.Recognized > 0 && st.ByArea > 0:
		return AreaSome
	case st.Recognized > 0:
		return FormerSome
	case st.Eligible == 0 && len(st.Formers) > 0:
		return NotCovered
	}
	return NoData
}
