package render

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// recognitionViews are a former unit's recognitions, linked below home, oldest first.
func (r *renderer) recognitionViews(f *model.FormerUnit, home string) []RecognitionView {
	var out []RecognitionView
	for _, rc := range f.Recognitions {
		v := RecognitionView{Decision: rc.Decision, SourceURL: rc.SourceURL, Source: host(rc.SourceURL), Note: r.loc.Local(rc.NoteEn, rc.Note), Level: i18n.Text{Value: rc.Level}, Archive: rc.ArchiveURL}
		if k := rc.KindOf(); !model.Recognises(k) {
			v.NotRecognition = r.loc.Phrase("kind.not_recognition", r.loc.Phrase("kind."+k))
		}
		if l := r.a.Level(rc.CriteriaSet, rc.Level); l != nil {
			v.Level = r.loc.LevelName(l)
		}
		if rc.Year != 0 {
			v.Year = fmt.Sprint(rc.Year)
		} else if y, from, src := r.a.RecognitionYearSource(f, rc); y != 0 {
			v.Inferred, v.InferredFrom = fmt.Sprint(y), r.yearFrom(f, from)
			v.InferredSource = Link{Href: src, Title: host(src)}
		}
		if rc.CriteriaSet != "" {
			v.Set = rc.CriteriaSet
			v.SetHref = home + model.CriteriaPath(rc.CriteriaSet)
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Year < out[j].Year && out[i].Year != "" })
	return out
}

// FormerData is a former unit page's data.
type FormerData struct {
	Unit         *model.FormerUnit
	Until        string
	Reform       bool // it ended with the 2025 reform
	Successors   []SuccessorView
	Current      []Link // the current units it ended up in
	Recognitions []RecognitionView
	// Areas are the recognitions of its district or former province that give it a status,
	// and Revocations the withdrawals or losses of its status.
	Areas       []AreaView
	Revocations []RevocationView
	Stories     []StoryLink
	SameCode    []Link
	Province    Link
	// Locator shows where the former unit lay: we have no boundaries of former units, so
	// it highlights the present units it became part of, on their province's locator.
	Locator *MapView
	Place   string // its district (and former province), "" when the data does not say
	// Outside says the programme did not apply to it: a ward or township (status.Eligible).
	Outside bool
	Answer  AnswerView // what the page says first: whether it met the standard, and when
}

// SuccessorView is a successor in words.
type SuccessorView struct {
	Href    string
	Title   string
	Partial bool
	Former  bool
}

// former writes a former unit's page (former.html, at model.FormerPath): its recognitions,
// what it became, and where it lay on its successors' locator.
func (r *renderer) former(f *model.FormerUnit) error {
	pg := r.page("former", model.FormerPath(f.Key()), f.FullName())
	pg.Card = r.placeCard(nil, []*model.FormerUnit{f})
	pg.H1Lang = r.loc.Local("", pg.H1).Lang
	home := pg.Home // links go to pages in the same language
	d := &FormerData{Unit: f, Until: r.loc.Date(f.Until), Reform: f.Until.Equal(model.ReformDate), Recognitions: r.recognitionViews(f, home)}
	for _, s := range f.Successors {
		sv := SuccessorView{Partial: s.Merge == "partial", Former: s.Former}
		if s.Former {
			if g := r.a.Index.Former[s.Key()]; g != nil {
				sv.Href, sv.Title = home+model.FormerPath(g.Key()), g.FullName()
			}
		} else if u := r.a.Index.Units[s.Code]; u != nil {
			sv.Href, sv.Title = home+model.UnitPath(u.Code), u.FullName()
		}
		d.Successors = append(d.Successors, sv)
	}
	for _, u := range r.a.Successors[f.Key()] {
		d.Current = append(d.Current, Link{Href: home + model.UnitPath(u.Code), Title: u.FullName()})
	}
	if p := r.a.Index.Provinces[f.Province]; p != nil {
		d.Province = Link{Href: home + model.ProvincePath(p.Code), Title: r.loc.ProvinceName(p)}
	}
	d.Locator = r.formerLocator(f, home, pg.Root)
	d.Stories = r.storiesAbout(home, nil, []string{f.Key()})
	// The present unit of the same code, unless the page lists it already as what the
	// former unit became.
	if u := r.a.Index.Units[f.Code]; u != nil && !slices.ContainsFunc(d.Current, func(l Link) bool { return l.Href == home+model.UnitPath(u.Code) }) {
		d.SameCode = append(d.SameCode, Link{Href: home + model.UnitPath(u.Code), Title: r.loc.Phrase("former.current", u.FullName())})
	}
	for _, g := range r.index().formerByCode[f.Code] {
		if g != f {
			d.SameCode = append(d.SameCode, Link{Href: home + model.FormerPath(g.Key()), Title: r.loc.Phrase("unit.other_until", r.formerLabel(g), r.loc.Date(g.Until))})
		}
	}
	pg.Description = r.loc.Phrase("former.description", r.formerLabel(f), d.Until)
	d.Place = r.formerPlace(f)
	d.Answer = r.formerAnswer(f, home)
	d.Outside = !status.Eligible(f)
	d.Areas = r.creditAreas(f)
	d.Revocations = r.revocationViews(f)
	pg.Data = d
	// The bar only cites: the page is read more than shared, its citation holds its URL,
	// and its province's data is a link away (the facts link the province page).
	r.bar(pg, barOptions{noShare: true})
	return r.write("former.html", pg)
}

// formerLocator is the locator of a former unit's page: the present units it became part
// of, on the locator of the first one's province (with those of the others in that
// province), or nil when none is on a map.
func (r *renderer) formerLocator(f *model.FormerUnit, home, root string) *MapView {
	var in []*model.Unit
	for _, u := range r.a.Successors[f.Key()] {
		if len(in) == 0 || u.Province == in[0].Province {
			in = append(in, u)
		}
	}
	if len(in) == 0 {
		return nil
	}
	m := r.opts.Maps[in[0].Province]
	p := r.a.Index.Provinces[in[0].Province]
	if m == nil || m.Locator == nil || p == nil {
		return nil
	}
	var codes, names []string
	for _, u := range in[1:] {
		codes = append(codes, u.Code)
	}
	for _, u := range in {
		names = append(names, u.FullName())
	}
	v := r.locatorView(m.Locator, home, root, in[0].Code, codes...)
	v.ID = "locator"
	v.Patterns = true
	v.Title = r.loc.Phrase("former.map_title", f.FullName(), r.loc.ProvinceName(p))
	list := strings.Join(names, ", ")
	v.Desc = r.loc.Phrase("former.map_desc", list)
	if len(in) > 1 {
		v.Caption = r.loc.Phrase("former.map_caption_split", f.FullName(), list, len(in))
	} else {
		v.Caption = r.loc.Phrase("former.map_caption", f.FullName(), list)
	}
	return v
}
