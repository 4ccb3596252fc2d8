package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/stats"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// URL paths of pages, relative to the site root. Documented in docs/urls.md.
const (
	unitsDir    = "xa/"
	formerDir   = "xa-cu/"
	provinceDir = "tinh/"
	storiesDir  = "tin/"
	criteriaDir = "tieu-chi/"
	sourcesDir  = "nguon/"
)

// MapDataPath is the path of the GeoJSON download of a province's map; small is the locator.
func MapDataPath(province string, small bool) string {
	if small {
		return "data/tinh-" + province + "-240px.geojson"
	}
	return "data/tinh-" + province + ".geojson"
}

// downloads writes each province map's simplified geometry as GeoJSON.
func (r *renderer) downloads() {
	props := func(code string) map[string]string {
		u := r.a.Index.Units[code]
		st := r.a.Statuses[code]
		if u == nil || st == nil {
			return map[string]string{"code": code}
		}
		return map[string]string{
			"code":        u.Code,
			"name":        u.Name,
			"type":        u.Type,
			"province":    u.Province,
			"status":      string(st.Class),
			"status_text": r.statusText(st),
			"url":         r.abs(UnitPath(u.Code)),
		}
	}
	for code, m := range r.opts.Maps {
		r.out[MapDataPath(code, false)] = mapGeoJSON(m.Main, props)
		r.out[MapDataPath(code, true)] = mapGeoJSON(m.Locator, props)
	}
}

// UnitPath is the path of a current unit's page.
func UnitPath(code string) string { return unitsDir + code + "/" }

// FormerPath is the path of a former unit's page, by its key.
func FormerPath(key string) string { return formerDir + key + "/" }

// ProvincePath is the path of a province's page.
func ProvincePath(code string) string { return provinceDir + code + "/" }

// StoryPath is the path of a story.
func StoryPath(slug string) string { return storiesDir + slug + "/" }

// CriteriaPath is the path of a criteria set's page.
func CriteriaPath(id string) string { return criteriaDir + id + "/" }

func (r *renderer) pages() error {
	s := r.a.Site
	steps := []func() error{r.home, r.unitList, r.formerList, r.storyList, r.criteriaList, r.sources, r.notFound}
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
		steps = append(steps, func() error { return r.criteriaSet(cs) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// MapView is a drawn map as layouts use it.
type MapView struct {
	ID         string
	ViewBox    string
	Width      int
	Height     int
	Title      string
	Desc       string
	Shapes     []ShapeView
	Focus      string // code of the highlighted unit on a locator
	Interact   bool   // shapes are links
	LabelPoint [2]int // for a locator: where the focused unit is
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
	Class string
	Label string
	Count int
}

// Legend groups legend items by what the colour means.
type Legend struct {
	Own     []LegendItem // the unit's own assessment
	Derived []LegendItem // no own assessment: what the former communes earned
	NoData  LegendItem
}

func (r *renderer) mapView(prov string, m *carto.Map, root string, focus string) *MapView {
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
			Href:   root + UnitPath(sh.Code),
			Name:   u.FullName(),
			Status: r.statusText(st),
			Class:  string(st.Class),
		})
		if sh.Code == focus {
			v.LabelPoint = [2]int{int(sh.Label[0]), int(sh.Label[1])}
		}
	}
	return v
}

// legend lists the classes of the current criteria set's levels and the derived classes,
// with how many units of the province have each.
func (r *renderer) legend(units []*model.Unit) Legend {
	counts := map[stats.Class]int{}
	for _, u := range units {
		counts[r.a.Statuses[u.Code].Class]++
	}
	var lg Legend
	if set := r.a.Index.Sets[r.a.Site.Config.CriteriaSet]; set != nil {
		for _, l := range set.Levels {
			c := stats.RankClass(l.Rank)
			lg.Own = append(lg.Own, LegendItem{Class: string(c), Label: l.Name, Count: counts[c]})
		}
	}
	lg.Derived = []LegendItem{
		{Class: string(stats.FormerAll), Label: "Mọi xã cũ hợp thành đã đạt chuẩn", Count: counts[stats.FormerAll]},
		{Class: string(stats.FormerSome), Label: "Một phần các xã cũ hợp thành đã đạt chuẩn", Count: counts[stats.FormerSome]},
	}
	lg.NoData = LegendItem{Class: string(stats.NoData), Label: "Chưa có dữ liệu", Count: counts[stats.NoData]}
	return lg
}

// statusText says in words where a unit stands.
func (r *renderer) statusText(st *stats.Status) string {
	switch {
	case st.OwnLevel != nil:
		return fmt.Sprintf("%s (bộ tiêu chí %s, %s)", st.OwnLevel.Name, st.Own.CriteriaSet, formatDate(st.Own.AsOf))
	case st.Class == stats.NoData:
		return "Chưa có dữ liệu"
	default:
		return fmt.Sprintf("Chưa có đánh giá riêng; %d/%d xã cũ hợp thành đã đạt chuẩn", st.Recognized, st.Eligible)
	}
}

// UnitRow is a row of a unit table.
type UnitRow struct {
	Href     string
	Name     string
	Code     string
	Type     string
	District string
	Status   string
	Class    string
}

// StoryLink is a story in a list.
type StoryLink struct {
	Href  string
	Title string
	Date  string
}

func (r *renderer) storyLinks(root string, keep func(*model.Story) bool) []StoryLink {
	var out []StoryLink
	for _, st := range r.a.Site.Stories {
		if keep == nil || keep(st) {
			out = append(out, StoryLink{Href: root + StoryPath(st.Slug), Title: st.Title, Date: formatDate(st.Date)})
		}
	}
	return out
}

// HomeData is the home page's data.
type HomeData struct {
	Province *ProvinceData
	Stories  []StoryLink
}

// ProvinceData is a province's map, counts and milestones.
type ProvinceData struct {
	Province    *model.Province
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
	DataHref    string // the map's GeoJSON download
}

func (r *renderer) provinceData(p *model.Province, root string) *ProvinceData {
	var units []*model.Unit
	for _, u := range r.a.Site.Units {
		if u.Province == p.Code {
			units = append(units, u)
		}
	}
	d := &ProvinceData{
		Province:    p,
		Href:        root + ProvincePath(p.Code),
		Legend:      r.legend(units),
		Units:       len(units),
		PressTotal:  stats.PressTotal(p, "standard"),
		Milestones:  p.Milestones,
		Districts:   p.Districts,
		FormersHref: root + formerDir,
		UnitsHref:   root + unitsDir,
	}
	if m := r.opts.Maps[p.Code]; m != nil {
		d.DataHref = root + MapDataPath(p.Code, false)
		d.Map = r.mapView(p.Code, m.Main, root, "")
		d.Map.ID = "map-" + p.Code
		d.Map.Title = "Bản đồ các xã, phường của " + strings.ToLower(p.Type) + " " + p.Name
		d.Map.Desc = fmt.Sprintf("%d đơn vị hành chính cấp xã từ 01/07/2025, tô màu theo tình trạng nông thôn mới; mỗi đơn vị là một liên kết đến trang của nó. Danh sách các xã, phường là bản thay thế cho bản đồ.", len(units))
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
	p := r.a.Index.Provinces[s.Config.Province]
	d := &HomeData{Stories: r.storyLinks("./", nil)}
	if len(d.Stories) > 5 {
		d.Stories = d.Stories[:5]
	}
	if p != nil {
		d.Province = r.provinceData(p, "./")
	}
	return r.write("home.html", &Page{Kind: "home", Path: "", H1: s.Config.Title, Title: s.Config.Title, Description: s.Config.Description, Data: d})
}

func (r *renderer) province(p *model.Province) error {
	pg := &Page{Kind: "province", Path: ProvincePath(p.Code), H1: p.Type + " " + p.Name}
	pg.Root = rootOf(pg.Path + "index.html")
	pg.Description = fmt.Sprintf("Tình trạng nông thôn mới của các xã, phường tỉnh %s.", p.Name)
	pg.Data = r.provinceData(p, pg.Root)
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
	Level     string
	Year      string // "2015", or "" when the source states none
	Set       string
	SetHref   string
	Decision  string
	SourceURL string
	Source    string
	Note      string
}

func (r *renderer) recognitionViews(f *model.FormerUnit, root string) []RecognitionView {
	var out []RecognitionView
	for _, rc := range f.Recognitions {
		v := RecognitionView{Decision: rc.Decision, SourceURL: rc.SourceURL, Source: host(rc.SourceURL), Note: rc.Note, Level: rc.Level}
		if l := r.a.Level(rc.CriteriaSet, rc.Level); l != nil {
			v.Level = l.Name
		}
		if rc.Year != 0 {
			v.Year = fmt.Sprint(rc.Year)
		}
		if rc.CriteriaSet != "" {
			v.Set = rc.CriteriaSet
			v.SetHref = root + CriteriaPath(rc.CriteriaSet)
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Year < out[j].Year && out[i].Year != "" })
	return out
}

// UnitData is a current unit page's data.
type UnitData struct {
	Unit        *model.Unit
	Status      *stats.Status
	StatusText  string
	Class       string
	Locator     *MapView
	Province    Link
	Set         *model.CriteriaSet
	SetHref     string
	Checklist   []CriterionCheck
	Met         int
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
	Level     string
	Met       int
	Total     int
	SourceURL string
	Source    string
	Note      string
}

func (r *renderer) unit(u *model.Unit) error {
	pg := &Page{Kind: "unit", Path: UnitPath(u.Code), H1: u.FullName()}
	pg.Root = rootOf(pg.Path + "index.html")
	root := pg.Root
	st := r.a.Statuses[u.Code]
	d := &UnitData{Unit: u, Status: st, StatusText: r.statusText(st), Class: string(st.Class)}
	if p := r.a.Index.Provinces[u.Province]; p != nil {
		d.Province = Link{Href: root + ProvincePath(p.Code), Title: p.Type + " " + p.Name}
		if m := r.opts.Maps[p.Code]; m != nil {
			d.Locator = r.mapView(p.Code, m.Locator, root, u.Code)
			d.Locator.ID = "locator"
			d.Locator.Title = "Vị trí của " + u.FullName() + " trong " + d.Province.Title
			d.Locator.Desc = u.FullName() + " được tô đậm trên bản đồ tỉnh."
		}
	}
	// The checklist is against the set of the latest assessment, or the set in force.
	set := st.OwnSet
	if set == nil {
		set = r.a.Index.Sets[r.a.Site.Config.CriteriaSet]
	}
	if set != nil {
		d.Set = set
		d.SetHref = root + CriteriaPath(set.ID)
		met := map[string]bool{}
		if st.Own != nil && st.OwnSet == set {
			for _, id := range st.Own.CriteriaMet {
				met[id] = true
			}
		}
		for _, c := range set.Criteria {
			ck := CriterionCheck{ID: c.ID, Name: c.Name, NameEn: c.NameEn, State: "unknown", Label: "Chưa rõ"}
			if st.Own != nil && st.OwnSet == set {
				if met[c.ID] {
					ck.State, ck.Label = "met", "Đạt"
					d.Met++
				} else {
					ck.State, ck.Label = "not-met", "Chưa đạt"
				}
			}
			d.Checklist = append(d.Checklist, ck)
		}
	}
	for i := len(u.Assessments) - 1; i >= 0; i-- {
		a := u.Assessments[i]
		v := AssessmentView{Set: a.CriteriaSet, SetHref: root + CriteriaPath(a.CriteriaSet), AsOf: formatDate(a.AsOf), Level: a.Level, Met: len(a.CriteriaMet), SourceURL: a.SourceURL, Source: host(a.SourceURL), Note: a.Note}
		if s := r.a.Index.Sets[a.CriteriaSet]; s != nil {
			v.Total = len(s.Criteria)
			if l := s.Level(a.Level); l != nil {
				v.Level = l.Name
			}
		}
		d.Assessments = append(d.Assessments, v)
		if a.SourceURL != "" {
			d.Sources = appendLink(d.Sources, Link{Href: a.SourceURL, Title: host(a.SourceURL)})
		}
	}
	formerKeys := map[string]bool{}
	for _, f := range st.Formers {
		fv := FormerView{Href: root + FormerPath(f.Unit.Key()), Name: f.Unit.FullName(), District: f.Unit.District, Merge: f.Merge, Recognitions: r.recognitionViews(f.Unit, root)}
		for _, via := range f.Via {
			fv.Via = append(fv.Via, Link{Href: root + FormerPath(via.Key()), Title: via.FullName()})
		}
		d.Formers = append(d.Formers, fv)
		formerKeys[f.Unit.Key()] = true
		for _, rc := range f.Unit.Recognitions {
			d.Sources = appendLink(d.Sources, Link{Href: rc.SourceURL, Title: host(rc.SourceURL)})
		}
	}
	d.Stories = r.storyLinks(root, func(s *model.Story) bool {
		for _, c := range s.Units {
			if c == u.Code {
				return true
			}
		}
		for _, k := range s.FormerUnits {
			if formerKeys[k] {
				return true
			}
		}
		return false
	})
	for _, f := range r.a.Site.Former {
		if f.Code == u.Code {
			d.SameCode = append(d.SameCode, Link{Href: root + FormerPath(f.Key()), Title: f.FullName() + " (" + f.District + ", đến " + formatDate(f.Until) + ")"})
		}
	}
	pg.Description = u.FullName() + ": " + d.StatusText + "."
	pg.Data = d
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
}

// SuccessorView is a successor in words.
type SuccessorView struct {
	Href    string
	Title   string
	Partial bool
	Former  bool
}

func (r *renderer) former(f *model.FormerUnit) error {
	pg := &Page{Kind: "former", Path: FormerPath(f.Key()), H1: f.FullName()}
	pg.Root = rootOf(pg.Path + "index.html")
	root := pg.Root
	d := &FormerData{Unit: f, Until: formatDate(f.Until), Reform: f.Until.Equal(model.ReformDate), Recognitions: r.recognitionViews(f, root)}
	for _, s := range f.Successors {
		sv := SuccessorView{Partial: s.Merge == "partial", Former: s.Former}
		if s.Former {
			if g := r.a.Index.Former[s.Key()]; g != nil {
				sv.Href, sv.Title = root+FormerPath(g.Key()), g.FullName()
			}
		} else if u := r.a.Index.Units[s.Code]; u != nil {
			sv.Href, sv.Title = root+UnitPath(u.Code), u.FullName()
		}
		d.Successors = append(d.Successors, sv)
	}
	for _, u := range r.a.Successors[f.Key()] {
		d.Current = append(d.Current, Link{Href: root + UnitPath(u.Code), Title: u.FullName()})
	}
	if p := r.a.Index.Provinces[f.Province]; p != nil {
		d.Province = Link{Href: root + ProvincePath(p.Code), Title: p.Type + " " + p.Name}
	}
	d.Stories = r.storyLinks(root, func(s *model.Story) bool {
		for _, k := range s.FormerUnits {
			if k == f.Key() {
				return true
			}
		}
		return false
	})
	if u := r.a.Index.Units[f.Code]; u != nil {
		d.SameCode = append(d.SameCode, Link{Href: root + UnitPath(u.Code), Title: u.FullName() + " (đơn vị hiện nay)"})
	}
	for _, g := range r.a.Site.Former {
		if g.Code == f.Code && g != f {
			d.SameCode = append(d.SameCode, Link{Href: root + FormerPath(g.Key()), Title: g.FullName() + " (" + g.District + ", đến " + formatDate(g.Until) + ")"})
		}
	}
	pg.Description = fmt.Sprintf("%s (%s), đơn vị hành chính cũ đến %s.", f.FullName(), f.District, d.Until)
	pg.Data = d
	return r.write("former.html", pg)
}

// StoryData is a story page's data.
type StoryData struct {
	Story   *model.Story
	Body    template.HTML // goldmark's output, see story
	Units   []Link
	Formers []Link
}

func (r *renderer) story(st *model.Story) error {
	pg := &Page{Kind: "story", Path: StoryPath(st.Slug), H1: st.Title, Description: st.Summary}
	pg.Root = rootOf(pg.Path + "index.html")
	var buf bytes.Buffer
	// The body is typed as trusted HTML because goldmark wrote it: it escapes all text, drops
	// raw HTML unless [markdown] unsafe_html is on, and schemeFilter has emptied every link
	// and image whose scheme is not allowed (see markdown.go).
	if err := r.md.Convert(st.Body, &buf); err != nil {
		return fmt.Errorf("%s: markdown: %w", st.File, err)
	}
	d := &StoryData{Story: st, Body: template.HTML(buf.String())}
	for _, c := range st.Units {
		if u := r.a.Index.Units[c]; u != nil {
			d.Units = append(d.Units, Link{Href: pg.Root + UnitPath(c), Title: u.FullName()})
		}
	}
	for _, k := range st.FormerUnits {
		if f := r.a.Index.Former[k]; f != nil {
			d.Formers = append(d.Formers, Link{Href: pg.Root + FormerPath(k), Title: f.FullName() + " (" + f.District + ")"})
		}
	}
	pg.Data = d
	return r.write("story.html", pg)
}

func (r *renderer) storyList() error {
	pg := &Page{Kind: "stories", Path: storiesDir, H1: "Tin bài", Description: "Tin bài về nông thôn mới trong atlas."}
	pg.Root = rootOf(pg.Path + "index.html")
	pg.Data = r.storyLinks(pg.Root, nil)
	return r.write("stories.html", pg)
}

func (r *renderer) unitList() error {
	pg := &Page{Kind: "units", Path: unitsDir, H1: "Các xã, phường (từ 01/07/2025)", Description: "Danh sách A–Z các đơn vị hành chính cấp xã hiện nay và tình trạng nông thôn mới."}
	pg.Root = rootOf(pg.Path + "index.html")
	var rows []UnitRow
	for _, u := range r.a.Site.Units {
		st := r.a.Statuses[u.Code]
		rows = append(rows, UnitRow{Href: pg.Root + UnitPath(u.Code), Name: u.Name, Code: u.Code, Type: u.Type, Status: r.statusText(st), Class: string(st.Class)})
	}
	vi.SortFunc(rows, func(x UnitRow) string { return x.Name + " " + x.Type })
	pg.Data = rows
	return r.write("units.html", pg)
}

func (r *renderer) formerList() error {
	pg := &Page{Kind: "formers", Path: formerDir, H1: "Các xã, phường, thị trấn cũ (trước 01/07/2025)", Description: "Danh sách A–Z các đơn vị hành chính cấp xã đã thôi tồn tại và các công nhận nông thôn mới của chúng."}
	pg.Root = rootOf(pg.Path + "index.html")
	var rows []UnitRow
	for _, f := range r.a.Site.Former {
		status := "Không có công nhận trong dữ liệu"
		if _, l := r.a.Best(f); l != nil {
			status = l.Name
		}
		rows = append(rows, UnitRow{Href: pg.Root + FormerPath(f.Key()), Name: f.Name, Code: f.Code, Type: f.Type, District: f.District, Status: status})
	}
	vi.SortFunc(rows, func(x UnitRow) string { return x.Name + " " + x.District })
	pg.Data = rows
	return r.write("formers.html", pg)
}

// CriteriaData is a criteria set page's data.
type CriteriaData struct {
	Set  *model.CriteriaSet
	Sets []Link
}

func (r *renderer) criteriaSet(cs *model.CriteriaSet) error {
	pg := &Page{Kind: "criteria", Path: CriteriaPath(cs.ID), H1: "Bộ tiêu chí " + cs.ID, Description: cs.Name + " (" + cs.Decision + ")."}
	pg.Root = rootOf(pg.Path + "index.html")
	pg.Data = &CriteriaData{Set: cs}
	return r.write("criteria.html", pg)
}

func (r *renderer) criteriaList() error {
	pg := &Page{Kind: "criteria-list", Path: criteriaDir, H1: "Các bộ tiêu chí nông thôn mới", Description: "Các bộ tiêu chí quốc gia về xã nông thôn mới qua từng giai đoạn."}
	pg.Root = rootOf(pg.Path + "index.html")
	pg.Data = r.a.Site.CriteriaSets
	return r.write("criteria-list.html", pg)
}

func (r *renderer) sources() error {
	pg := &Page{Kind: "sources", Path: sourcesDir, H1: "Nguồn dữ liệu và giấy phép", Description: "Nguồn của dữ liệu ranh giới, sáp nhập và công nhận nông thôn mới trong atlas."}
	pg.Root = rootOf(pg.Path + "index.html")
	return r.write("sources.html", pg)
}

// notFound writes 404.html. A host serves it at any missing path, so its links start from the
// base URL's path rather than being relative to the page.
func (r *renderer) notFound() error {
	pg := &Page{Kind: "404", Path: "404.html", H1: "Không tìm thấy trang", Description: "Trang bạn tìm không có trong atlas."}
	pg.Root = BasePath(r.a.Site.Config.BaseURL)
	return r.write("404.html", pg)
}
