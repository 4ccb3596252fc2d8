package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// locatorSVG draws a province's locator background as a standalone SVG image. Its look is in
// presentation attributes, which need no stylesheet: an SVG shown as an image has none.
func locatorSVG(m *carto.Map) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%d" height="%d">`, m.ViewBox(), m.PixelWidth, m.PixelHeight)
	b.WriteString(`<path fill="#d9d9d9" fill-rule="evenodd" stroke="#fff" stroke-width="6" stroke-linejoin="round" d="`)
	for _, sh := range m.Shapes {
		b.WriteString(sh.Path)
	}
	b.WriteString("\"/></svg>\n")
	return b.Bytes()
}

// locatorView is the view of a province's locator on the page of the unit code: the
// background image at root and the unit's own shape over it, with those of the units also
// highlighted with it.
func (r *renderer) locatorView(m *carto.Map, home, root, code string, also ...string) *MapView {
	v := r.mapView(m, home, code)
	v.Also = also
	v.Background = root + model.LocatorPath(r.a.Index.Units[code].Province)
	v.ViewW, v.ViewH = m.Width, m.Height
	shapes := v.Shapes[:0]
	for _, sh := range v.Shapes {
		if v.Focused(sh.Code) {
			shapes = append(shapes, sh)
		}
	}
	v.Shapes = shapes
	return v
}

// locators writes each province's locator background (locatorSVG).
func (r *renderer) locators() {
	for code, m := range r.opts.Maps {
		r.out.put(model.LocatorPath(code), locatorSVG(m.Locator))
	}
}

func (r *renderer) pages() error {
	s := r.a.Site
	steps := []func() error{r.home, r.lists, r.storyList, r.criteriaList, r.sources, r.search, r.notFound, r.years, r.dataPage, r.embeds}
	for _, p := range s.Provinces {
		p := p
		steps = append(steps, func() error { return r.province(p) })
	}
	for _, u := range s.Units {
		u := u
		steps = append(steps, func() error { return r.unit(u) })
	}
	for _, f := range s.Former {
		f := f
		steps = append(steps, func() error { return r.former(f) })
	}
	for _, st := range s.Stories {
		st := st
		steps = append(steps, func() error { return r.story(st) })
	}
	for _, cs := range s.CriteriaSets {
		cs := cs
		steps = append(steps, func() error { return r.criteriaSet(cs) }, func() error { return r.criterionPages(cs) })
	}
	steps = append(steps, r.cards) // share cards: see cards.go
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
		if err := r.out.failed(); err != nil {
			return err
		}
	}
	return nil
}

// MapView is a drawn map as layouts use it.
type MapView struct {
	ID       string
	ViewBox  string
	Width    int
	Height   int
	Title    string
	Desc     string
	Shapes   []ShapeView
	Focus    string // code of the highlighted unit on a locator
	Interact bool   // shapes are links
	// Skip is the id of the element after the map that the map's "skip the map" link jumps
	// to, or "" for no skip link.
	Skip       string
	LabelPoint [2]int // for a locator: where the focused unit is
	// Background is, on a locator, the province's shared background image (model.LocatorPath),
	// drawn under Shapes, which then hold only the focused unit; ViewW and ViewH are the
	// viewBox's size it fills.
	Background   string
	ViewW, ViewH int
	// Also are, on a former unit's locator, the other units highlighted with Focus: the
	// units it became part of. Caption says what such a locator shows.
	Also    []string
	Caption string
	// Patterns says the locator carries its own copy of the status patterns: a page that
	// shows no other copy (an embed's status swatch has one).
	Patterns bool
}

// Focused reports whether the unit code is highlighted on the locator.
func (v *MapView) Focused(code string) bool {
	if code == v.Focus {
		return true
	}
	for _, c := range v.Also {
		if c == code {
			return true
		}
	}
	return false
}

// ShapeView is one unit on a map.
type ShapeView struct {
	Code   string
	Path   string
	Href   string
	Name   string
	Status string
	Class  string
}

// LegendItem is one entry of a map legend.
type LegendItem struct {
	Class   string
	Label   i18n.Text
	Count   int
	Percent string // Count's share of the map's units or provinces: "12%"
	Hidden  bool   // on a year page, a class of another year: years.js shows it when it is
}

// Legend is a map's legend: the classes present on the map, most important first (the
// highest level first), "no data" last, each with its count and share. Every map, embed and
// year page orders its classes the same way (classOrder, shareOrder).
type Legend struct {
	Items   []LegendItem
	Total   int  // the units (or provinces) on the map, whom Percent is a share of
	Solid   bool // an own assessment shows (solid colours): the legend explains them
	Striped bool // a unit classed by its former communes shows (stripes)
	Under   string
}

// classOrder is the order of the status classes in every legend: the recognized levels of the
// criteria set in force from the highest, then the units whose former communes all, or some,
// had met the standard, then the levels below the standard from the highest, and no data.
func (r *renderer) classOrder() []status.Class {
	var top, below []status.Class
	if set := r.a.Index.Sets[r.a.Site.Config.CriteriaSet]; set != nil {
		levels := append([]*model.Level(nil), set.Levels...)
		sort.SliceStable(levels, func(i, j int) bool { return levels[i].Rank > levels[j].Rank })
		for _, l := range levels {
			if l.Recognized {
				top = append(top, status.RankClass(l.Rank))
			} else {
				below = append(below, status.RankClass(l.Rank))
			}
		}
	}
	out := append(top, status.FormerAll, status.FormerSome)
	return append(append(out, below...), status.NoData)
}

// classLabel names a status class in the legends and the years chart: one name per class.
func (r *renderer) classLabel(c status.Class) i18n.Text {
	switch c {
	case status.FormerAll:
		return i18n.Text{Value: r.loc.Phrase("legend.former_all")}
	case status.FormerSome:
		return i18n.Text{Value: r.loc.Phrase("legend.former_some")}
	case status.NoData:
		return i18n.Text{Value: r.loc.Phrase("legend.no_data")}
	}
	// The set in force names a rank; a rank it lacks is named by the newest set that has it.
	sets := []*model.CriteriaSet{r.a.Index.Sets[r.a.Site.Config.CriteriaSet]}
	for i := len(r.a.Site.CriteriaSets) - 1; i >= 0; i-- {
		sets = append(sets, r.a.Site.CriteriaSets[i])
	}
	for _, set := range sets {
		if set == nil {
			continue
		}
		for _, l := range set.Levels {
			if status.RankClass(l.Rank) == c {
				return r.loc.Local(l.NameEn, l.Name)
			}
		}
	}
	return i18n.Text{Value: string(c)}
}

// percent is n's share of total in words: "12%", "<1%" for a few of many.
func (r *renderer) percent(n, total int) string {
	if total == 0 {
		return ""
	}
	p := (n*100 + total/2) / total
	if p == 0 && n > 0 {
		return r.loc.Phrase("legend.under_one")
	}
	return r.loc.Phrase("nation.percent", p)
}

// legendOf is the legend of a map whose classes are counted in counts, out of total, in the
// order given; a class shows when it is on the map, or, on a year page, when shown says it
// is on the map of another year (it is then hidden until years.js shows that year).
func (r *renderer) legendOf(order []status.Class, label func(status.Class) i18n.Text, counts map[status.Class]int, total int, shown func(status.Class) bool) Legend {
	lg := Legend{Total: total, Under: r.loc.Phrase("legend.under_one")}
	for _, c := range order {
		n := counts[c]
		if n == 0 && (shown == nil || !shown(c)) {
			continue
		}
		lg.Items = append(lg.Items, LegendItem{Class: string(c), Label: label(c), Count: n, Percent: r.percent(n, total), Hidden: n == 0})
		switch {
		case strings.HasPrefix(string(c), "rank-"):
			lg.Solid = true
		case c == status.FormerAll || c == status.FormerSome:
			lg.Striped = true
		}
	}
	return lg
}

// legend is the legend of a map of units: the classes they have, counted.
func (r *renderer) legend(units []*model.Unit) Legend {
	counts := map[status.Class]int{}
	for _, u := range units {
		counts[r.a.Statuses[u.Code].Class]++
	}
	return r.legendOf(r.classOrder(), r.classLabel, counts, len(units), nil)
}

// mapView is a drawn map whose units link to their pages in the page's language, below home.
func (r *renderer) mapView(m *carto.Map, home string, focus string) *MapView {
	if m == nil {
		return nil
	}
	v := &MapView{ViewBox: m.ViewBox(), Width: m.PixelWidth, Height: m.PixelHeight, Focus: focus, Interact: focus == ""}
	for _, sh := range m.Shapes {
		u := r.a.Index.Units[sh.Code]
		st := r.a.Statuses[sh.Code]
		if u == nil || st == nil {
			continue
		}
		v.Shapes = append(v.Shapes, ShapeView{
			Code:   sh.Code,
			Path:   sh.Path,
			Href:   home + model.UnitPath(sh.Code),
			Name:   u.FullName(),
			Status: r.loc.StatusText(st),
			Class:  string(st.Class),
		})
		if sh.Code == focus {
			v.LabelPoint = [2]int{int(sh.Label[0]), int(sh.Label[1])}
		}
	}
	// The keyboard goes through the links in the order of the A–Z list (mapRows).
	vi.SortFunc(v.Shapes, func(s ShapeView) string {
		u := r.a.Index.Units[s.Code]
		return u.Name + " " + u.Type
	})
	return v
}

// UnitRow is a row of a unit table.
type UnitRow struct {
	Href     string
	Name     string
	Code     string
	Type     string
	District string
	Status   i18n.Text
	Class    string
}

// StoryLink is a story in a list.
type StoryLink struct {
	Href  string
	Title i18n.Text
	Date  string
}

// storyLinks lists the stories that keep accepts (all when it is nil), linked below home.
func (r *renderer) storyLinks(home string, keep func(*model.Story) bool) []StoryLink {
	var out []StoryLink
	for _, st := range r.a.Site.Stories {
		if keep == nil || keep(st) {
			out = append(out, StoryLink{Href: home + model.StoryPath(st.Slug), Title: r.loc.Local(st.TitleEn, st.Title), Date: r.loc.Date(st.Date)})
		}
	}
	return out
}

// HomeData is the home page's data.
type HomeData struct {
	Nation  *NationData
	Stories []StoryLink
}

// ProvinceData is a province's map, counts and milestones.
type ProvinceData struct {
	Province    *model.Province
	Bar         *Bar   // the journalists' bar under the map, on the province page
	Name        string // the province's type and name in the page's language
	Heading     string // the home page's heading of the map
	Description i18n.Text
	Href        string
	Map         *MapView
	Legend      Legend
	Units       int
	Formers     int
	Recognized  int // former communes named as recognized in the data
	Advanced    int // of them, at advanced level or above
	PressTotal  *model.Milestone
	Milestones  []*model.Milestone
	Districts   []*model.DistrictCompletion
	FormersHref string
	UnitsHref   string
	DataHref    string    // the map's GeoJSON download
	Script      string    // the map's script, linked from the page (see mapUI)
	Table       *MapTable // the map's data as a table, below it
}

// provinceData is what a province's map shows, on a page with the given root and home.
func (r *renderer) provinceData(p *model.Province, root, home string) *ProvinceData {
	var units []*model.Unit
	for _, u := range r.a.Site.Units {
		if u.Province == p.Code {
			units = append(units, u)
		}
	}
	d := &ProvinceData{
		Province:    p,
		Name:        r.loc.ProvinceName(p),
		Heading:     r.loc.Phrase("home.map", strings.ToLower(p.Type), p.Name, r.loc.ProvinceName(p)),
		Description: r.loc.Local(p.DescriptionEn, p.Description),
		Href:        home + model.ProvincePath(p.Code),
		Legend:      r.legend(units),
		Units:       len(units),
		PressTotal:  status.PressTotal(p, "standard"),
		Milestones:  p.Milestones,
		Districts:   p.Districts,
		FormersHref: home + model.ProvincePath(p.Code) + model.FormerDir,
		UnitsHref:   home + model.ProvincePath(p.Code) + model.UnitsDir,
	}
	if m := r.opts.Maps[p.Code]; m != nil {
		d.DataHref = root + model.MapDataPath(p.Code, false)
		d.Map = r.mapView(m.Main, home, "")
		d.Map.ID = "map-" + p.Code
		d.Map.Skip = mapTableID
		d.Map.Title = r.loc.Phrase("map.title", strings.ToLower(p.Type), p.Name)
		d.Map.Desc = r.loc.Phrase("map.desc", len(units))
		r.mapUI(d, root)
		d.Table = r.mapTable(p, units, root, home)
	}
	for _, f := range r.a.Site.Former {
		if f.Province != p.Code {
			continue
		}
		d.Formers++
		if _, lvl := r.a.Best(f); lvl != nil && lvl.Recognized {
			d.Recognized++
			if lvl.Rank >= 3 {
				d.Advanced++
			}
		}
	}
	return d
}

func (r *renderer) home() error {
	s := r.a.Site
	title := r.loc.Local(s.Config.TitleEn, s.Config.Title)
	pg := r.page("home", "", title.Value)
	pg.H1Lang, pg.Title = title.Lang, title.Value
	pg.Description = r.loc.Local(s.Config.DescriptionEn, s.Config.Description).Value
	d := &HomeData{Stories: r.storyLinks(pg.Home, nil)}
	if len(d.Stories) > 5 {
		d.Stories = d.Stories[:5]
	}
	d.Nation = r.nation(pg.Home, 0)
	d.Nation.CSV, d.Nation.DataPage = pg.Root+model.DataPath("", "csv"), pg.Home+model.DataPageDir
	if d.Nation.Map != nil {
		d.Nation.Script = r.mapScriptPath(pg.Root)
	}
	pg.Data = d
	var svg string
	if d.Nation.Map != nil {
		var err error
		if svg, err = r.writeMapSVG("", d.Nation.Map); err != nil {
			return err
		}
	}
	r.bar(pg, barOptions{mapSVG: svg})
	d.Nation.Bar = pg.Bar
	return r.write("home.html", pg)
}

func (r *renderer) province(p *model.Province) error {
	pg := r.page("province", model.ProvincePath(p.Code), r.loc.ProvinceName(p))
	pg.Description = r.loc.Phrase("province.description", p.Name)
	pd := r.provinceData(p, pg.Root, pg.Home)
	pg.Data = pd
	w, h := 4, 5
	if pd.Map != nil && pd.Map.Width > 0 {
		// the map, and about half its width again for the legend under it
		w, h = pd.Map.Width, pd.Map.Height+pd.Map.Width/2
	}
	pg.Embed = r.snippet(model.EmbedProvincePath(r.loc.Lang(), p.Code), pg.H1, embedProvinceHeight, w, h)
	svg, err := r.writeMapSVG(model.ProvincePath(p.Code), pd.Map)
	if err != nil {
		return err
	}
	o := barOptions{mapSVG: svg, csvJSON: p.Code}
	if pd.Map != nil {
		o.png = model.CardPath(model.ProvincePath(p.Code))
	}
	r.bar(pg, o)
	pd.Bar = pg.Bar
	return r.write("province.html", pg)
}

// CriterionCheck is one line of a unit's criteria checklist.
type CriterionCheck struct {
	ID     string
	Name   string
	NameEn string
	State  string // "met", "not-met", "unknown"
	Label  string
}

// FormerView is a former commune as a unit page lists it.
type FormerView struct {
	Href         string
	Name         string
	District     string
	Merge        string
	Via          []Link
	Recognitions []RecognitionView
}

// Link is a titled link.
type Link struct {
	Href  string
	Title string
}

// RecognitionView is a recognition in words.
type RecognitionView struct {
	Level     i18n.Text
	Year      string // "2015", or "" when the source states none
	Set       string
	SetHref   string
	Decision  string
	SourceURL string
	Source    string
	Note      i18n.Text // in the page's language; empty on a Vietnamese page when only an English note exists
}

// recognitionViews are a former unit's recognitions, linked below home, oldest first.
func (r *renderer) recognitionViews(f *model.FormerUnit, home string) []RecognitionView {
	var out []RecognitionView
	for _, rc := range f.Recognitions {
		v := RecognitionView{Decision: rc.Decision, SourceURL: rc.SourceURL, Source: host(rc.SourceURL), Note: r.loc.Local(rc.NoteEn, rc.Note), Level: i18n.Text{Value: rc.Level}}
		if l := r.a.Level(rc.CriteriaSet, rc.Level); l != nil {
			v.Level = r.loc.LevelName(l)
		}
		if rc.Year != 0 {
			v.Year = fmt.Sprint(rc.Year)
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

func (r *renderer) unit(u *model.Unit) error {
	pg := r.page("unit", model.UnitPath(u.Code), u.FullName())
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
		fv := FormerView{Href: home + model.FormerPath(f.Unit.Key()), Name: f.Unit.FullName(), District: f.Unit.District, Merge: f.Merge, Recognitions: r.recognitionViews(f.Unit, home)}
		for _, via := range f.Via {
			fv.Via = append(fv.Via, Link{Href: home + model.FormerPath(via.Key()), Title: via.FullName()})
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
			d.SameCode = append(d.SameCode, Link{Href: home + model.FormerPath(f.Key()), Title: r.loc.Phrase("unit.other_until", f.FullName(), f.District, r.loc.Date(f.Until))})
		}
	}
	pg.Description = u.FullName() + ": " + d.StatusText + "."
	pg.Data = d
	pg.Embed = r.snippet(model.EmbedUnitPath(r.loc.Lang(), u.Code), u.FullName(), embedUnitHeight, 16, 9)
	o := barOptions{unit: u.Code}
	if d.Locator != nil {
		o.png = model.CardPath(model.UnitPath(u.Code)) // the province map with the unit outlined
	}
	r.bar(pg, o)
	return r.write("unit.html", pg)
}

func appendLink(ls []Link, l Link) []Link {
	if l.Href == "" {
		return ls
	}
	for _, x := range ls {
		if x.Href == l.Href {
			return ls
		}
	}
	return append(ls, l)
}

// FormerData is a former unit page's data.
type FormerData struct {
	Unit         *model.FormerUnit
	Until        string
	Reform       bool // it ended with the 2025 reform
	Successors   []SuccessorView
	Current      []Link // the current units it ended up in
	Recognitions []RecognitionView
	Stories      []StoryLink
	SameCode     []Link
	Province     Link
	// Locator shows where the former unit lay: we have no boundaries of former units, so
	// it highlights the present units it became part of, on their province's locator.
	Locator *MapView
}

// SuccessorView is a successor in words.
type SuccessorView struct {
	Href    string
	Title   string
	Partial bool
	Former  bool
}

func (r *renderer) former(f *model.FormerUnit) error {
	pg := r.page("former", model.FormerPath(f.Key()), f.FullName())
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
	if u := r.a.Index.Units[f.Code]; u != nil {
		d.SameCode = append(d.SameCode, Link{Href: home + model.UnitPath(u.Code), Title: r.loc.Phrase("former.current", u.FullName())})
	}
	for _, g := range r.index().formerByCode[f.Code] {
		if g != f {
			d.SameCode = append(d.SameCode, Link{Href: home + model.FormerPath(g.Key()), Title: r.loc.Phrase("unit.other_until", g.FullName(), g.District, r.loc.Date(g.Until))})
		}
	}
	pg.Description = r.loc.Phrase("former.description", f.FullName(), f.District, d.Until)
	pg.Data = d
	r.bar(pg, barOptions{csvJSON: f.Province})
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

// StoryData is a story page's data.
type StoryData struct {
	Story    *model.Story
	Body     template.HTML // goldmark's output, see story
	BodyLang string        // the body's language when it is not the page's (no translation)
	Units    []Link
	Formers  []Link
}

func (r *renderer) story(st *model.Story) error {
	title := r.loc.Local(st.TitleEn, st.Title)
	pg := r.page("story", model.StoryPath(st.Slug), title.Value)
	pg.H1Lang = title.Lang
	pg.Description = r.loc.Local(st.SummaryEn, st.Summary).Value
	body := r.loc.Local(string(st.BodyEn), string(st.Body))
	var buf bytes.Buffer
	// The body is typed as trusted HTML because goldmark wrote it: it escapes all text, drops
	// raw HTML unless [markdown] unsafe_html is on, and schemeFilter has emptied every link
	// and image whose scheme is not allowed (see markdown.go).
	if err := r.md.Convert([]byte(body.Value), &buf); err != nil {
		return fmt.Errorf("%s: markdown: %w", st.File, err)
	}
	d := &StoryData{Story: st, Body: template.HTML(buf.String()), BodyLang: body.Lang}
	for _, c := range st.Units {
		if u := r.a.Index.Units[c]; u != nil {
			d.Units = append(d.Units, Link{Href: pg.Home + model.UnitPath(c), Title: u.FullName()})
		}
	}
	for _, k := range st.FormerUnits {
		if f := r.a.Index.Former[k]; f != nil {
			d.Formers = append(d.Formers, Link{Href: pg.Home + model.FormerPath(k), Title: f.FullName() + " (" + f.District + ")"})
		}
	}
	pg.Data = d
	return r.write("story.html", pg)
}

func (r *renderer) storyList() error {
	pg := r.page("stories", model.StoriesDir, r.loc.Phrase("stories.title"))
	pg.Description = r.loc.Phrase("stories.description")
	pg.Data = r.storyLinks(pg.Home, nil)
	return r.write("stories.html", pg)
}

// CriteriaData is a criteria set page's data.
type CriteriaData struct {
	Set  *model.CriteriaSet
	Sets []Link
}

func (r *renderer) criteriaSet(cs *model.CriteriaSet) error {
	pg := r.page("criteria", model.CriteriaPath(cs.ID), r.loc.Phrase("criteria.title", cs.ID))
	pg.Description = r.loc.Local(cs.NameEn, cs.Name).Value + " (" + cs.Decision + ")."
	pg.Data = &CriteriaData{Set: cs}
	return r.write("criteria.html", pg)
}

func (r *renderer) criteriaList() error {
	pg := r.page("criteria-list", model.CriteriaDir, r.loc.Phrase("criteria.list_title"))
	pg.Description = r.loc.Phrase("criteria.list_description")
	pg.Data = r.a.Site.CriteriaSets
	return r.write("criteria-list.html", pg)
}

func (r *renderer) sources() error {
	pg := r.page("sources", model.SourcesDir, r.loc.Phrase("sources.title"))
	pg.Description = r.loc.Phrase("sources.description")
	return r.write("sources.html", pg)
}

// notFound writes 404.html (en/404.html in English). A host serves it at any missing path, so
// its links start from the base URL's path rather than being relative to the page.
func (r *renderer) notFound() error {
	pg := r.page("404", model.NotFoundFile, r.loc.Phrase("not_found.title"))
	pg.Description = r.loc.Phrase("not_found.description")
	return r.write("404.html", pg)
}
