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
	YearDistrict YearFrom = "district" // its district completed the programme at that level or above that year
	YearUnknown  YearFrom = ""         // nothing in the data dates it
)

// Dated is a recognition with the year it counts from on the year views.
type Dated struct {
	Former *model.FormerUnit
	Rec    *model.Recognition
	Level  *model.Level
	Year   int // 0 when unknown
	From   YearFrom
}

// RecognitionYear returns the year from which r, a recognition of f, counts: its own year;
// else the year of a milestone of f's province at r's level reported by the same source (the
// source confirmed it by then); else the year f's district completed the programme at r's level
// or above (every commune of it had met that level by then); else 0 and YearUnknown.
func (a *Atlas) RecognitionYear(f *model.FormerUnit, r *model.Recognition) (int, YearFrom) {
	y, from, _ := a.RecognitionYearSource(f, r)
	return y, from
}

// RecognitionYearSource is RecognitionYear with the source of the year when it is not the
// recognition's own: the province milestone's, or the district completion's.
func (a *Atlas) RecognitionYearSource(f *model.FormerUnit, r *model.Recognition) (int, YearFrom, string) {
	if r.Year != 0 {
		return r.Year, YearStated, ""
	}
	p := a.Index.Provinces[f.Province]
	if p == nil {
		return 0, YearUnknown, ""
	}
	if r.SourceURL != "" {
		for _, m := range p.Milestones {
			if m.SourceURL == r.SourceURL && m.Level == r.Level {
				return m.Year, YearSource, m.SourceURL
			}
		}
	}
	lvl := a.Level(r.CriteriaSet, r.Level)
	for _, d := range p.Districts {
		dl := a.Level("", d.Level)
		if d.District == f.District && lvl != nil && dl != nil && dl.Rank >= lvl.Rank {
			return d.Year, YearDistrict, d.SourceURL
		}
	}
	return 0, YearUnknown, ""
}

// Dated returns every recognition of a level that counts, with the year it counts from, in the
// order of the site's former units.
func (a *Atlas) Dated() []Dated {
	var out []Dated
	for _, f := range a.Site.Former {
		for _, r := range f.Recognitions {
			l := a.Level(r.CriteriaSet, r.Level)
			if l == nil || !l.Recognized {
				continue
			}
			y, from := a.RecognitionYear(f, r)
			out = append(out, Dated{Former: f, Rec: r, Level: l, Year: y, From: from})
		}
	}
	return out
}

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
		for _, d := range p.Districts {
			see(d.Year)
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
	Statuses map[string]*Status // by current unit code; Best and BestLevel of each Former as of the year
	Classes  map[Class]int      // current units by class
	// AtLeast counts former communes whose best dated recognition by the end of the year was
	// at a level of at least the given rank.
	AtLeast map[int]int
	// InProvince is AtLeast for the former communes of each province, by province code.
	InProvince map[string]map[int]int
	// New lists the recognitions that count from this year.
	New []Dated
}

// AsOf derives the statuses at the end of year: a former commune counts only with the
// recognitions that count from that year or earlier (see RecognitionYear), and a unit's own
// assessment only if made by then. Eligibility does not change with the year.
func (a *Atlas) AsOf(year int) *Year {
	y := &Year{Year: year, Statuses: map[string]*Status{}, Classes: map[Class]int{}, AtLeast: map[int]int{}, InProvince: map[string]map[int]int{}}
	best := map[*model.FormerUnit]Dated{}
	for _, d := range a.Dated() {
		if d.Year == 0 || d.Year > year {
			continue
		}
		if d.Year == year {
			y.New = append(y.New, d)
		}
		b, ok := best[d.Former]
		if !ok || d.Level.Rank > b.Level.Rank || (d.Level.Rank == b.Level.Rank && d.Year > b.Year) {
			best[d.Former] = d
		}
	}
	for _, b := range best {
		in := y.InProvince[b.Former.Province]
		if in == nil {
			in = map[int]int{}
			y.InProvince[b.Former.Province] = in
		}
		for r := 0; r <= b.Level.Rank; r++ {
			y.AtLeast[r]++
			in[r]++
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
			g := &Former{Unit: f.Unit, Merge: f.Merge, Via: f.Via}
			if b, ok := best[f.Unit]; ok {
				g.Best, g.BestLevel = b.Rec, b.Level
				st.Recognized++
			}
			st.Formers = append(st.Formers, g)
		}
		st.Class = classOf(st)
		y.Statuses[code] = st
		y.Classes[st.Class]++
	}
	return y
}

// classOf is the map class of a status whose Own, OwnLevel, Recognized and Eligible are set.
func classOf(st *Status) Class {
	switch {
	case st.OwnLevel != nil:
		return RankClass(st.OwnLevel.Rank)
	case st.Recognized > 0 && st.Recognized == st.Eligible:
		return FormerAll
	case st.Recognized > 0:
		return FormerSome
	}
	return NoData
}
