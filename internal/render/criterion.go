package render

import (
	"fmt"
	"regexp"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// pathSegment is what a criterion id may be to name a folder: criteria ids are "1" to "19" in
// the national sets; anything else would make a path the layouts cannot link safely.
var pathSegment = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// criteriaMet says which criteria of set an assessment against it meets. known is false when
// the assessment says nothing at the level of criteria: it lists none, and its level does not
// imply them all (docs/content.md, criteria_met).
func criteriaMet(a *model.Assessment, set *model.CriteriaSet) (met map[string]bool, known bool) {
	met = map[string]bool{}
	if a == nil || set == nil || a.CriteriaSet != set.ID {
		return met, false
	}
	if len(a.CriteriaMet) == 0 {
		l := set.Level(a.Level)
		if l == nil || !l.RequiresAllCriteria {
			return met, false
		}
		for _, c := range set.Criteria {
			met[c.ID] = true
		}
		return met, true
	}
	for _, id := range a.CriteriaMet {
		met[id] = true
	}
	return met, true
}

// latestAssessment is u's newest assessment against set, or nil. Assessments are sorted by
// date (docs/content.md).
func latestAssessment(u *model.Unit, set *model.CriteriaSet) *model.Assessment {
	for i := len(u.Assessments) - 1; i >= 0; i-- {
		if u.Assessments[i].CriteriaSet == set.ID {
			return u.Assessments[i]
		}
	}
	return nil
}

// MissingView is what a unit page says a unit still lacks against its checklist's set.
type MissingView struct {
	Known    bool   // the data has a criteria-level assessment
	Met      int    // criteria met
	Total    int    // criteria of the set
	Criteria []Link // the criteria not met, in the page's language, each to its page
	Lang     string // the language of the names when it is not the page's
}

// missing is what u lacks against set, with links below home.
func (r *renderer) missing(u *model.Unit, set *model.CriteriaSet, home string) MissingView {
	var v MissingView
	if set == nil {
		return v
	}
	met, known := criteriaMet(latestAssessment(u, set), set)
	v.Known, v.Total = known, len(set.Criteria)
	if !known {
		return v
	}
	for _, c := range set.Criteria {
		if met[c.ID] {
			v.Met++
			continue
		}
		name := r.loc.Local(c.NameEn, c.Name)
		if name.Lang != "" {
			v.Lang = name.Lang
		}
		v.Criteria = append(v.Criteria, Link{Href: home + model.CriterionPath(set.ID, c.ID), Title: name.Value})
	}
	return v
}

// CriterionData is a criterion page's data.
type CriterionData struct {
	Set       *model.CriteriaSet
	SetHref   string
	Criterion *model.Criterion
	Name      i18n.Text
	Meet      []CriterionUnit // units whose latest assessment against the set meets it
	NotMet    []CriterionUnit // units whose latest assessment against the set does not
	Prev      *Link           // the set's previous and next criteria
	Next      *Link
}

// CriterionUnit is a unit in a criterion page's lists.
type CriterionUnit struct {
	Href  string
	Name  string
	AsOf  string // the date of the assessment, in the page's language
	Level i18n.Text
}

// criterionPages writes a page for every criterion of cs: which units meet it.
func (r *renderer) criterionPages(cs *model.CriteriaSet) error {
	for i, c := range cs.Criteria {
		if !pathSegment.MatchString(c.ID) {
			return fmt.Errorf("%s: criterion id %q cannot name a page: use letters, digits, '.', '-' or '_'", cs.File, c.ID)
		}
		name := r.loc.Local(c.NameEn, c.Name)
		pg := r.page("criterion", model.CriterionPath(cs.ID, c.ID), r.loc.Phrase("criterion_page.title", c.ID, name.Value))
		pg.H1Lang = name.Lang
		pg.Description = r.loc.Phrase("criterion_page.description", c.ID, name.Value, cs.ID)
		d := &CriterionData{Set: cs, SetHref: pg.Home + model.CriteriaPath(cs.ID), Criterion: c, Name: name}
		if i > 0 {
			p := cs.Criteria[i-1]
			d.Prev = &Link{Href: "../" + p.ID + "/", Title: r.loc.Local(p.NameEn, p.Name).Value}
		}
		if i+1 < len(cs.Criteria) {
			n := cs.Criteria[i+1]
			d.Next = &Link{Href: "../" + n.ID + "/", Title: r.loc.Local(n.NameEn, n.Name).Value}
		}
		for _, u := range r.a.Site.Units {
			a := latestAssessment(u, cs)
			met, known := criteriaMet(a, cs)
			if !known {
				continue
			}
			cu := CriterionUnit{Href: pg.Home + model.UnitPath(u.Code), Name: u.FullName(), AsOf: r.loc.Date(a.AsOf), Level: i18n.Text{Value: a.Level}}
			if l := cs.Level(a.Level); l != nil {
				cu.Level = r.loc.LevelName(l)
			}
			if met[c.ID] {
				d.Meet = append(d.Meet, cu)
			} else {
				d.NotMet = append(d.NotMet, cu)
			}
		}
		vi.SortFunc(d.Meet, func(x CriterionUnit) string { return x.Name })
		vi.SortFunc(d.NotMet, func(x CriterionUnit) string { return x.Name })
		pg.Data = d
		if err := r.write("criterion.html", pg); err != nil {
			return err
		}
	}
	return nil
}
