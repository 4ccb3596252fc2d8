package render

import (
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// CriterionCheck is one line of a unit's criteria checklist.
type CriterionCheck struct {
	ID     string
	Name   string
	NameEn string
	State  string // "met", "not-met", "unknown"
	Label  string
}

// UnitData is a current unit page's data.
type UnitData struct {
	Unit        *model.Unit
	Status      *status.Status
	StatusText  string
	Class       string
	Locator     *MapView
	Province    Link
	Set         *model.CriteriaSet
	SetHref     string
	Checklist   []CriterionCheck
	Met         int
	Missing     MissingView // what it lacks against Set
	Answer      AnswerView  // what the page says first
	Assessments []AssessmentView
	Formers     []FormerView
	Stories     []StoryLink
	Sources     []Link
	SameCode    []Link // former units that held the same code
}

// AssessmentView is an assessment in words.
type AssessmentView struct {
	Set       string
	SetHref   string
	AsOf      string
	Level     i18n.Text
	Met       int
	Total     int
	SourceURL string
	Source    string
	Note      i18n.Text // in the page's language, as RecognitionView.Note
}

// unit writes a current unit's page (unit.html, at model.UnitPath): where a commune's status
// becomes HTML. The answer first (answer.go), then its locator, what it lacks against its
// criteria set (criterion.go), its checklist, assessments, former communes, stories and
// sources.
func (r *renderer) unit(u *model.Unit) error {
	pg := r.page("unit", model.UnitPath(u.Code), u.FullName())
	pg.Card = model.CardPath(model.UnitPath(u.Code))
	pg.H1Lang = r.loc.Local("", pg.H1).Lang
	home := pg.Home // links go to pages in the same language
	st := r.a.Statuses[u.Code]
	d := &UnitData{Unit: u, Status: st, StatusText: r.loc.StatusText(st), Class: string(st.Class), Answer: r.answer(u, st, home)}
	if p := r.a.Index.Provinces[u.Province]; p != nil {
		d.Province = Link{Href: home + model.ProvincePath(p.Code), Title: r.loc.ProvinceName(p)}
		if m := r.opts.Maps[p.Code]; m != nil {
			d.Locator = r.locatorView(m.Locator, home, pg.Root, u.Code)
			d.Locator.ID = "locator"
			d.Locator.Patterns = true
			d.Locator.Title = r.loc.Phrase("map.locator_title", u.FullName(), d.Province.Title)
			d.Locator.Desc = r.loc.Phrase("map.locator_desc", u.FullName())
		}
	}
	// The checklist is against the set of the latest assessment, or the set in force.
	set := st.OwnSet
	if set == nil {
		set = r.a.Index.Sets[r.a.Site.Config.CriteriaSet]
	}
	if set != nil {
		d.Set = set
		d.SetHref = home + model.CriteriaPath(set.ID)
		met, known := criteriaMet(latestAssessment(u, set), set)
		d.Missing = r.missing(u, set, home)
		for _, c := range set.Criteria {
			ck := CriterionCheck{ID: c.ID, Name: c.Name, NameEn: c.NameEn, State: "unknown", Label: r.loc.Phrase("unit.unknown")}
			if known {
				if met[c.ID] {
					ck.State, ck.Label = "met", r.loc.Phrase("unit.state_met")
					d.Met++
				} else {
					ck.State, ck.Label = "not-met", r.loc.Phrase("unit.state_not_met")
				}
			}
			d.Checklist = append(d.Checklist, ck)
		}
	}
	for i := len(u.Assessments) - 1; i >= 0; i-- {
		a := u.Assessments[i]
		v := AssessmentView{Set: a.CriteriaSet, SetHref: home + model.CriteriaPath(a.CriteriaSet), AsOf: r.loc.Date(a.AsOf), Level: i18n.Text{Value: a.Level}, Met: len(a.CriteriaMet), SourceURL: a.SourceURL, Source: host(a.SourceURL), Note: r.loc.Local(a.NoteEn, a.Note)}
		if s := r.a.Index.Sets[a.CriteriaSet]; s != nil {
			v.Total = len(s.Criteria)
			if l := s.Level(a.Level); l != nil {
				v.Level = r.loc.LevelName(l)
			}
		}
		d.Assessments = append(d.Assessments, v)
		if a.SourceURL != "" {
			d.Sources = appendLink(d.Sources, Link{Href: a.SourceURL, Title: host(a.SourceURL)})
		}
	}
	formerKeys := map[string]bool{}
	for _, f := range st.Formers {
		fv := FormerView{Href: home + model.FormerPath(f.Unit.Key()), Name: f.Unit.FullName(), District: r.formerPlace(f.Unit), Merge: f.Merge, Recognitions: r.recognitionViews(f.Unit, home)}
		for _, via := range f.Via {
			fv.Via = append(fv.Via, Link{Href: home + model.FormerPath(via.Key()), Title: via.FullName()})
		}
		if c := f.Credit; c != nil && c.Basis != status.BasisOwn || c == nil && r.a.Lost(f.Unit) != nil {
			fv.Status = r.formerStatus(f.Unit).Value
		}
		for _, c := range r.a.Credits(f.Unit) {
			if c.Basis != status.BasisOwn {
				d.Sources = appendLink(d.Sources, Link{Href: c.SourceURL(), Title: host(c.SourceURL())})
			}
		}
		d.Formers = append(d.Formers, fv)
		formerKeys[f.Unit.Key()] = true
		for _, rc := range f.Unit.Recognitions {
			d.Sources = appendLink(d.Sources, Link{Href: rc.SourceURL, Title: host(rc.SourceURL)})
		}
	}
	fk := make([]string, 0, len(formerKeys))
	for k := range formerKeys {
		fk = append(fk, k)
	}
	d.Stories = r.storiesAbout(home, []string{u.Code}, fk)
	for _, f := range r.index().formerByCode[u.Code] {
		{
			d.SameCode = append(d.SameCode, Link{Href: home + model.FormerPath(f.Key()), Title: r.loc.Phrase("unit.other_until", r.formerLabel(f), r.loc.Date(f.Until))})
		}
	}
	pg.Description = u.FullName() + ": " + d.StatusText + "."
	pg.Data = d
	pg.Embed = r.snippet(model.EmbedUnitPath(r.loc.Lang(), u.Code), u.FullName(), embedUnitHeight, embedUnitLeast, 16, 9)
	o := barOptions{unit: u.Code}
	if d.Locator != nil {
		o.png = model.CardPath(model.UnitPath(u.Code)) // the province map with the unit outlined
	}
	r.bar(pg, o)
	return r.write("unit.html", pg)
}
