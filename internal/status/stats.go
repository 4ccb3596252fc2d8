// Package status derives each unit's status and the atlas's counts from the content model.
package status

import (
	"sort"
	"strconv"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// Class is how a current unit is coloured on maps and marked in lists.
type Class string

// The classes of the map legend. Units with their own assessment take the class of its level's
// rank ("rank-2" for standard); the others are classed by what their former communes earned.
const (
	FormerAll  Class = "former-all"  // no assessment; every eligible former commune recognized, each by its own recognition
	FormerSome Class = "former-some" // no assessment; some eligible former communes recognized, each by its own recognition
	// AreaAll: no assessment; every eligible former commune met the standard, at least one of
	// them only through its district's or province's recognition.
	AreaAll Class = "area-all"
	// AreaSome: no assessment; some eligible former communes met it, at least one of them only
	// through its district's or province's recognition.
	AreaSome Class = "area-some"
	NoData   Class = "no-data" // no assessment and no known recognition
	// NotCovered: no assessment, and formed from wards and townships only, which the
	// commune-level programme does not cover (no eligible former commune): not "no data".
	NotCovered Class = "not-covered"
)

// RankClass is the class of an assessed unit whose level has the given rank.
func RankClass(rank int) Class { return Class("rank-" + strconv.Itoa(rank)) }

// Former is a former commune as it stands behind a current unit.
type Former struct {
	Unit  *model.FormerUnit
	Merge string              // "full", or "partial" when only part of it went to the unit
	Via   []*model.FormerUnit // former units in between, oldest first (a commune dissolved earlier)
	// Credit is what decides its status (Atlas.Standing, or StandingIn on the year views):
	// nil when nothing it earned counts.
	Credit *Dated
}

// Level is the level of f's standing, or nil.
func (f *Former) Level() *model.Level {
	if f.Credit == nil {
		return nil
	}
	return f.Credit.Level
}

// Status is a current unit's standing.
type Status struct {
	Unit       *model.Unit
	Class      Class
	Own        *model.Assessment // latest own assessment, or nil
	OwnSet     *model.CriteriaSet
	OwnLevel   *model.Level
	Formers    []*Former // the former units it absorbed, A–Z
	Eligible   int       // how many of Formers were communes (xã) the programme applied to
	Recognized int       // how many of Formers were recognized at a level that counts
	ByArea     int       // of Recognized, how many only through their district's or province's recognition
}

// count adds f, a former unit of st, to st's counts of recognised communes.
func (st *Status) count(f *Former) {
	if f.Credit == nil {
		return
	}
	st.Recognized++
	if f.Credit.Basis != BasisOwn {
		st.ByArea++
	}
}

// Eligible reports whether the programme applied to f: it was a commune (xã), or it was
// recognized, whatever its type became later (a xã recognized before it became a town).
func Eligible(f *model.FormerUnit) bool {
	return f.Type == "Xã" || len(f.Recognitions) > 0
}

// Atlas is everything derived from a site that pages need.
type Atlas struct {
	Site     *model.Site
	Index    *model.Index
	Statuses map[string]*Status // by current unit code
	// Successors maps a former unit's key to the current units it (eventually) became.
	Successors map[string][]*model.Unit
	// Recognized is the number of distinct former communes with a standing today.
	Recognized int
	// ByLevel counts former communes by the level id of their standing.
	ByLevel map[string]int
	// ByBasis counts former communes by the basis of their standing.
	ByBasis map[Basis]int

	creditsOf map[*model.FormerUnit][]Dated
	covered   map[*model.AreaRecognition][]*model.FormerUnit
	dated     []Dated
	districts map[string]*model.District
}

// Derive computes the statuses and counts of s.
func Derive(s *model.Site) *Atlas {
	ix := model.NewIndex(s)
	a := &Atlas{
		Site:       s,
		Index:      ix,
		Statuses:   map[string]*Status{},
		Successors: map[string][]*model.Unit{},
		ByLevel:    map[string]int{},
		ByBasis:    map[Basis]int{},
		districts:  map[string]*model.District{},
	}
	for _, d := range s.Districts {
		a.districts[d.Code] = d
	}
	a.credits()
	for _, u := range s.Units {
		st := &Status{Unit: u}
		if own := u.Latest(); own != nil {
			st.Own = own
			st.OwnSet = ix.Sets[own.CriteriaSet]
			if st.OwnSet != nil {
				st.OwnLevel = st.OwnSet.Level(own.Level)
			}
		}
		a.Statuses[u.Code] = st
	}
	for _, f := range s.Former {
		standing := a.Standing(f)
		if standing != nil {
			a.Recognized++
			a.ByLevel[standing.Level.ID]++
			a.ByBasis[standing.Basis]++
		}
		for _, path := range a.chains(f, nil) {
			last := path[len(path)-1]
			for _, succ := range last.Successors {
				if succ.Former {
					continue
				}
				u := ix.Units[succ.Code]
				if u == nil {
					continue
				}
				merge := "full"
				for i, p := range path {
					if s := succTo(p, path, i, succ); s != "full" {
						merge = "partial"
					}
				}
				st := a.Statuses[u.Code]
				if hasFormer(st, f) {
					continue // reached again by another path: a commune split between two units that later merged
				}
				st.Formers = append(st.Formers, &Former{Unit: f, Merge: merge, Via: path[1:], Credit: standing})
				a.Successors[f.Key()] = appendUnique(a.Successors[f.Key()], u)
			}
		}
	}
	for _, st := range a.Statuses {
		vi.SortFunc(st.Formers, func(f *Former) string { return f.Unit.Name })
		for _, f := range st.Formers {
			if Eligible(f.Unit) {
				st.Eligible++
			}
			st.count(f)
		}
		st.Class = classOf(st)
	}
	for k, us := range a.Successors {
		sort.Slice(us, func(i, j int) bool { return us[i].Code < us[j].Code })
		a.Successors[k] = us
	}
	return a
}

// chains returns the paths from f through former successors to former units whose successors
// include current units: [f], or [f, g] when f was merged into g before g itself ended.
func (a *Atlas) chains(f *model.FormerUnit, seen []*model.FormerUnit) [][]*model.FormerUnit {
	for _, s := range seen {
		if s == f {
			return nil // a cycle; validation reports bad successor dates
		}
	}
	path := append(append([]*model.FormerUnit{}, seen...), f)
	out := [][]*model.FormerUnit{path}
	for _, s := range f.Successors {
		if !s.Former {
			continue
		}
		if g := a.Index.Former[s.Key()]; g != nil {
			out = append(out, a.chains(g, path)...)
		}
	}
	return out
}

// succTo returns how path[i] passed to the next step: the merge type of its successor entry
// that leads to path[i+1], or of succ for the last step.
func succTo(p *model.FormerUnit, path []*model.FormerUnit, i int, succ *model.Successor) string {
	if i == len(path)-1 {
		return succ.Merge
	}
	next := path[i+1]
	for _, s := range p.Successors {
		if s.Former && s.Key() == next.Key() {
			return s.Merge
		}
	}
	return "partial"
}

// Best returns f's own highest-ranked recognition of a level the sets define, whatever its
// kind and whether it stands (the most recent of equal rank), and its level; nils when it has
// none. Standing says what counts.
func (a *Atlas) Best(f *model.FormerUnit) (*model.Recognition, *model.Level) {
	var best *model.Recognition
	var bestLvl *model.Level
	for _, r := range f.Recognitions {
		l := a.Level(r.CriteriaSet, r.Level)
		if l == nil {
			continue
		}
		if bestLvl == nil || l.Rank > bestLvl.Rank || (l.Rank == bestLvl.Rank && r.Year > best.Year) {
			best, bestLvl = r, l
		}
	}
	return best, bestLvl
}

// Level finds a level by id in the named set, or, when set is empty, in the newest set that
// has it.
func (a *Atlas) Level(set, id string) *model.Level {
	if set != "" {
		if s := a.Index.Sets[set]; s != nil {
			return s.Level(id)
		}
		return nil
	}
	sets := a.Site.CriteriaSets
	for i := len(sets) - 1; i >= 0; i-- {
		if l := sets[i].Level(id); l != nil {
			return l
		}
	}
	return nil
}

// PressTotal returns the province's latest milestone at the given level, or nil.
func PressTotal(p *model.Province, level string) *model.Milestone {
	var last *model.Milestone
	for _, m := range p.Milestones {
		if m.Level == level {
			last = m
		}
	}
	return last
}

func hasFormer(st *Status, f *model.FormerUnit) bool {
	for _, x := range st.Formers {
		if x.Unit == f {
			return true
		}
	}
	return false
}

func appendUnique(us []*model.Unit, u *model.Unit) []*model.Unit {
	for _, x := range us {
		if x == u {
			return us
		}
	}
	return append(us, u)
}
