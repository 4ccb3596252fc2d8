package status

import (
	"sort"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// Basis says how a former commune's standing is known.
type Basis string

// The bases of a standing. A commune's own recognition is never merged with its area's: where
// both count, its own decides.
const (
	BasisOwn      Basis = "own"      // its own recognition
	BasisDistrict Basis = "district" // its district's recognition (model.ScopeDistrict)
	BasisProvince Basis = "province" // a province-wide recognition or report (model.ScopeProvince)
)

// Dated is one credit of a former commune at a recognised level: its own recognition, or the
// recognition of its district or province, with the year it counts from on the year views.
type Dated struct {
	Former *model.FormerUnit
	Rec    *model.Recognition     // its own recognition; nil for an area's
	Area   *model.AreaRecognition // its district's or province's; nil for its own
	AreaOf *model.Province        // the province whose file holds Area
	Level  *model.Level
	Year   int // 0 when unknown
	Month  int // 0 when unknown
	From   YearFrom
	Basis  Basis
	// Revoked is the revocation that ended the credit: the first of the commune's revocations
	// at the credit's level or below that is not earlier than it. Nil while it stands.
	Revoked *model.Revocation
}

// When is the credit's date.
func (d Dated) When() Moment { return Moment{d.Year, d.Month} }

// SourceURL is the page the credit comes from.
func (d Dated) SourceURL() string {
	if d.Area != nil {
		return d.Area.SourceURL
	}
	return d.Rec.SourceURL
}

// ArchiveURL is an archived copy of the source, or "".
func (d Dated) ArchiveURL() string {
	if d.Area != nil {
		return d.Area.ArchiveURL
	}
	return d.Rec.ArchiveURL
}

// Decision is the recognising decision as written, or "".
func (d Dated) Decision() string {
	if d.Area != nil {
		return d.Area.Decision
	}
	return d.Rec.Decision
}

// CriteriaSet is the set the credit's source names, or "".
func (d Dated) CriteriaSet() string {
	if d.Area != nil {
		return d.Area.CriteriaSet
	}
	return d.Rec.CriteriaSet
}

// Kind is what the credit's source is: model.KindDecision or model.KindReport.
func (d Dated) Kind() string {
	if d.Area != nil {
		return d.Area.KindOf()
	}
	return d.Rec.KindOf()
}

// CountsIn reports whether the credit counts at the end of year: dated by then and not
// revoked by then.
func (d Dated) CountsIn(year int) bool {
	return d.Year != 0 && d.Year <= year && (d.Revoked == nil || d.Revoked.Year > year)
}

// CountsNow reports whether the credit counts today: it has not been revoked.
func (d Dated) CountsNow() bool { return d.Revoked == nil }

// ends reports whether the revocation v ends credit d: v is at d's level or below, and d is
// not later than v. A credit of unknown date, or of the same year when either month is not
// known, is taken to be earlier: the loss is what the data last says.
func ends(v *model.Revocation, vl *model.Level, d Dated) bool {
	if vl == nil || d.Level.Rank < vl.Rank {
		return false
	}
	switch {
	case d.Year == 0 || d.Year < v.Year:
		return true
	case d.Year > v.Year:
		return false
	}
	return d.Month == 0 || v.Month == 0 || d.Month <= v.Month
}

// credits computes every former commune's credits: its own recognitions of a recognised level
// and a kind that recognises, and those of the areas it lay in, each with its year and the
// revocation that ended it.
func (a *Atlas) credits() {
	a.creditsOf = map[*model.FormerUnit][]Dated{}
	areas := a.areaCredits()
	for _, f := range a.Site.Former {
		var cs []Dated
		for _, r := range f.Recognitions {
			l := a.Level(r.CriteriaSet, r.Level)
			if l == nil || !l.Recognized || !model.Recognises(r.KindOf()) {
				continue
			}
			y, from, _ := a.recognitionYear(f, r, areas[f])
			cs = append(cs, Dated{Former: f, Rec: r, Level: l, Year: y, Month: monthIf(y == r.Year, r.Month), From: from, Basis: BasisOwn})
		}
		cs = append(cs, areas[f]...)
		for i := range cs {
			for _, v := range f.Revocations {
				if ends(v, a.Level(v.CriteriaSet, v.Level), cs[i]) {
					cs[i].Revoked = v
					break
				}
			}
		}
		if len(cs) > 0 {
			a.creditsOf[f] = cs
			a.dated = append(a.dated, cs...)
		}
	}
}

func monthIf(ok bool, m int) int {
	if ok {
		return m
	}
	return 0
}

// areaCredits gives each former commune (xã) the credits of the area recognitions that cover
// it: those of its district, and those of its whole former province, that it existed at. A
// ward or township gets none: an area's recognition speaks for its communes only.
func (a *Atlas) areaCredits() map[*model.FormerUnit][]Dated {
	out := map[*model.FormerUnit][]Dated{}
	a.covered = map[*model.AreaRecognition][]*model.FormerUnit{}
	byDistrict := map[string][]*model.FormerUnit{}
	byProvince := map[string][]*model.FormerUnit{}
	for _, f := range a.Site.Former {
		if f.Type != "Xã" {
			continue
		}
		if f.DistrictCode != "" {
			byDistrict[f.DistrictCode] = append(byDistrict[f.DistrictCode], f)
		}
		byProvince[f.Province] = append(byProvince[f.Province], f)
	}
	for _, p := range a.Site.Provinces {
		for _, ar := range p.Areas {
			l := a.Level(ar.CriteriaSet, ar.Level)
			if l == nil || !l.Recognized || !model.Recognises(ar.KindOf()) || ar.Year == 0 {
				continue
			}
			var in []*model.FormerUnit
			basis := BasisDistrict
			switch ar.Scope {
			case model.ScopeDistrict:
				for _, f := range byDistrict[ar.DistrictCode] {
					if f.Province == p.Code {
						in = append(in, f)
					}
				}
			case model.ScopeProvince:
				basis = BasisProvince
				for _, f := range byProvince[p.Code] {
					if len(p.Parts) == 0 || vi.SamePlace(a.oldProvinceName(f, p), ar.Area) {
						in = append(in, f)
					}
				}
			}
			end := endOf(ar.Year, ar.Month)
			for _, f := range in {
				if f.Until.Before(end) {
					continue // it no longer existed: the recognition does not speak for it
				}
				a.covered[ar] = append(a.covered[ar], f)
				out[f] = append(out[f], Dated{Former: f, Area: ar, AreaOf: p, Level: l, Year: ar.Year, Month: ar.Month, From: YearStated, Basis: basis})
			}
		}
	}
	for _, cs := range out {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].When().Before(cs[j].When()) })
	}
	return out
}

// oldProvinceName is the name of the province f lay in before the 2025 merger of provinces: the
// former districts table's, else the name its file gives (old_province), else the name of p,
// the province of today that kept its name.
func (a *Atlas) oldProvinceName(f *model.FormerUnit, p *model.Province) string {
	if f.DistrictFrom != nil {
		return f.DistrictFrom.Cells[model.DProvinceName]
	}
	if d := a.districts[f.DistrictCode]; d != nil {
		return d.OldProvinceName
	}
	if f.OldProvince != "" {
		return f.OldProvince
	}
	return p.Name
}

// endOf is the day after the month (the year, when month is 0).
func endOf(year, month int) time.Time {
	if month == 0 {
		return time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(year, time.Month(month)+1, 1, 0, 0, 0, 0, time.UTC)
}

// Covered returns the former communes an area recognition gives a credit to, in the order
// of the site's former units; none for a record that recognises nothing (a vote, a level
// that does not count).
func (a *Atlas) Covered(ar *model.AreaRecognition) []*model.FormerUnit { return a.covered[ar] }

// District returns the district of the given code in the former districts table, or nil.
func (a *Atlas) District(code string) *model.District { return a.districts[code] }

// Credits returns f's credits: its own recognitions, then its areas', oldest first.
func (a *Atlas) Credits(f *model.FormerUnit) []Dated { return a.creditsOf[f] }

// Standing is the credit that decides f's status today — its own best standing recognition,
// else the best standing recognition of its area — or nil when none stands.
func (a *Atlas) Standing(f *model.FormerUnit) *Dated {
	return decide(a.creditsOf[f], func(d Dated) bool { return d.CountsNow() })
}

// StandingIn is Standing at the end of year: only credits dated by then and not revoked by
// then count, and a credit of unknown year does not.
func (a *Atlas) StandingIn(f *model.FormerUnit, year int) *Dated {
	return decide(a.creditsOf[f], func(d Dated) bool { return d.CountsIn(year) })
}

// decide picks, among the credits that count, the commune's own best (highest rank, then
// latest), else the best of its areas'.
func decide(cs []Dated, counts func(Dated) bool) *Dated {
	var own, area *Dated
	for i := range cs {
		d := &cs[i]
		if !counts(*d) {
			continue
		}
		best := &own
		if d.Basis != BasisOwn {
			best = &area
		}
		if *best == nil || d.Level.Rank > (*best).Level.Rank || d.Level.Rank == (*best).Level.Rank && (*best).When().Before(d.When()) {
			*best = d
		}
	}
	if own != nil {
		return own
	}
	return area
}

// Lost is the revocation that took f's status, when f has a credit that a revocation ended and
// none stands today: the latest such revocation. Nil otherwise.
func (a *Atlas) Lost(f *model.FormerUnit) *model.Revocation {
	if a.Standing(f) != nil {
		return nil
	}
	var last *model.Revocation
	for _, d := range a.creditsOf[f] {
		if d.Revoked != nil && (last == nil || (Moment{last.Year, last.Month}).Before(Moment{d.Revoked.Year, d.Revoked.Month})) {
			last = d.Revoked
		}
	}
	return last
}
