package render

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// YearLink is a year in a list of years.
type YearLink struct {
	Year    int
	Href    string
	Named   int  // former communes named as recognized by the end of the year
	ByArea  int  // other former communes that met the standard through their district's or province's recognition by then
	Current bool // the page's own year
}

// DatedView is a recognition on the year pages.
type DatedView struct {
	Href   string // the former unit's page
	Name   string
	Level  i18n.Text
	Year   int
	From   string // how the year is known, in words; "" when the recognition states it
	Source Link
}

// YearsData is the overview page's data: the chart, its table, the milestones and the years.
type YearsData struct {
	Province   string // the province's type and name
	Chart      *Chart
	Years      []YearLink
	ByYear     []YearGroup
	Undated    []DatedView
	Milestones []*model.Milestone
	Named      int // former communes named as recognized, of any year
	// ByArea are the former communes that met the standard only through their district's or
	// province's recognition (they are counted apart: no source names them one by one).
	ByArea int
	// MapByArea is how many the latest year's map shows through a district's or province's
	// recognition, when that is more than ByArea: communes named with recognitions of unknown
	// year only, which the year maps do not count, show there through their area's. MapYear
	// is that year, MapExtra the difference.
	MapByArea, MapYear, MapExtra int

	Dated int // of Named, those with a recognition that counts from a known year
	// UndatedOnly are the former communes of Named whose every recognition is of unknown year:
	// Named = Dated + UndatedOnly.
	UndatedOnly int
	// Recognitions counts the recognitions of Named (a commune may have several), of which
	// DatedRecognitions count from a known year and UndatedRecognitions do not.
	Recognitions, DatedRecognitions, UndatedRecognitions int
	// RecognitionsCSV and RecognitionsJSON are the recognitions download, from which every
	// number of these pages can be recomputed.
	RecognitionsCSV, RecognitionsJSON string
	DataPage                          string // the data page, which explains the columns
	PressTotal                        *model.Milestone
	// Series plots the place's sourced figures over time, count over total, each with its
	// source (seriesChart); Chart the former communes the data names (the province
	// overviews).
	Series *SeriesChart
	// Latest is, on the national overview, the latest year's map with the slider, under
	// the finding, so that the page opens with what the years show.
	Latest *YearData
	// Figures are the figures download, from the page (the national overview).
	FiguresCSV, FiguresJSON string
	Provinces               []Link // on the national overview: each province's overview
	National                *Link  // on a province's overview: the national one
	// ListedByProvince is set on the national overview when its recognitions are too many to
	// list on one page (over nationListMax): each province's overview lists its own.
	ListedByProvince bool
}

// nationListMax is the most recognitions the national overview lists by name; beyond it
// (a whole country's thousands) the page would outgrow the weight budget, and the lists stay
// on each province's overview, which the national one links.
const nationListMax = 400

// YearGroup is the recognitions that count from one year: communes' own, districts' and
// provinces' (each with the communes it gives a status to), and the revocations of the year.
type YearGroup struct {
	Year    int
	Href    string
	New     []DatedView
	Areas   []AreaView
	Revoked []DatedView
}

// YearData is a year page's data.
type YearData struct {
	Year     int
	First    int
	Last     int
	Prev     string // the previous year's page, or ""
	Next     string
	Overview string // the overview's path
	Years    []YearLink
	Map      *MapView
	Legend   Legend
	Summary  string
	Undated  int
	Slider   string      // the address of the slider's data from the page (model.SliderPath), or "" for no slider
	Up       string      // the path from the page to the folder of the year pages: "../", or "" on the overview
	Script   string      // path of years.js from the site root
	Nation   *NationData // on the national year pages: the provinces' legend and table
	Table    *MapTable   // on a province's year pages: its map's table, A–Z
}

// yearSlider is what years.js reads from the slider's data file (model.SliderPath): the shapes in map
// order, the distinct statuses, and for each year from First on one status per shape, as
// Width base-36 digits each indexing Statuses, and the summary sentence.
type yearSlider struct {
	First    int         `json:"first"`
	Width    int         `json:"w"`
	Units    []string    `json:"units"`
	Statuses [][2]string `json:"st"` // class, status text
	Years    []yearRow   `json:"y"`
}

type yearRow struct {
	Codes   string `json:"c"`
	Summary string `json:"s"`
}

// slider encodes, for the shapes of a map, each year's class and status text (of gives
// them for shape i in year index y) and summary, for years.js.
func slider(shapes []ShapeView, years int, of func(y, i int) [2]string, summary func(y int) string) string {
	s := yearSlider{First: status.FirstYear, Width: 1}
	index := map[[2]string]int{}
	idx := make([][]int, years)
	for y := range years {
		for i := range shapes {
			k := of(y, i)
			n, ok := index[k]
			if !ok {
				n = len(s.Statuses)
				index[k] = n
				s.Statuses = append(s.Statuses, k)
			}
			idx[y] = append(idx[y], n)
		}
	}
	for n := 36; n < len(s.Statuses); n *= 36 {
		s.Width++
	}
	for _, sh := range shapes {
		s.Units = append(s.Units, sh.Code)
	}
	for y := range years {
		var codes strings.Builder
		for _, n := range idx[y] {
			d := strconv.FormatInt(int64(n), 36)
			codes.WriteString(strings.Repeat("0", s.Width-len(d)) + d)
		}
		s.Years = append(s.Years, yearRow{codes.String(), summary(y)})
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// yearsAsOf is the atlas as of each year from status.FirstYear to its last, computed once
// for every language.
func (r *renderer) yearsAsOf() []*status.Year {
	if r.asOf == nil {
		r.asOf = &atlasByYear{}
	}
	r.asOf.once.Do(func() {
		for y := status.FirstYear; y <= r.a.LastYear(); y++ {
			r.asOf.years = append(r.asOf.years, r.a.AsOf(y))
		}
	})
	return r.asOf.years
}

// years writes the year pages: the nation's at nam/ and every province's at tinh/<code>/nam/,
// each an overview and a page per year from status.FirstYear to the last year of the data.
func (r *renderer) years() error {
	last := r.a.LastYear()
	asOf := r.yearsAsOf()
	levels := r.chartLevels(last)
	if err := r.nationYears(asOf, levels, last); err != nil {
		return err
	}
	for _, p := range r.a.Site.Provinces {
		if err := r.provinceYears(p, asOf, levels, last); err != nil {
			return err
		}
	}
	return nil
}

// noteMapByArea sets MapByArea and MapYear from the latest year's link, when its map shows
// more communes through an area's recognition than ByArea counts.
func (d *YearsData) noteMapByArea() {
	if n := len(d.Years); n > 0 && d.Years[n-1].ByArea > d.ByArea {
		d.MapByArea, d.MapYear = d.Years[n-1].ByArea, d.Years[n-1].Year
		d.MapExtra = d.MapByArea - d.ByArea
	}
}

// yearLinks lists the year pages below dir, with named and byArea giving each year's counts.
func yearLinks(asOf []*status.Year, dir string, current int, named, byArea func(*status.Year) int) []YearLink {
	var out []YearLink
	for _, y := range asOf {
		out = append(out, YearLink{Year: y.Year, Href: dir + model.YearPath(y.Year), Named: named(y), ByArea: byArea(y), Current: y.Year == current})
	}
	return out
}

// ownDated are the credits of dated that are communes' own recognitions.
func ownDated(dated []status.Dated) []status.Dated {
	var out []status.Dated
	for _, d := range dated {
		if d.Basis == status.BasisOwn {
			out = append(out, d)
		}
	}
	return out
}

// yearGroup is what counts from year y in the scope in (a province code, or "" for all):
// communes' own recognitions, area recognitions with the communes of the scope they cover,
// and revocations; the zero group's lists are empty.
func (r *renderer) yearGroup(y *status.Year, in, home, href string) YearGroup {
	g := YearGroup{Year: y.Year, Href: href}
	areas := map[*model.AreaRecognition]int{}
	var order []status.Dated
	for _, x := range y.New {
		if in != "" && x.Former.Province != in {
			continue
		}
		if x.Basis == status.BasisOwn {
			g.New = append(g.New, r.datedView(x, home))
			continue
		}
		if areas[x.Area] == 0 {
			order = append(order, x)
		}
		areas[x.Area]++
	}
	for _, x := range order {
		v := r.areaView(x.AreaOf, x.Area)
		v.Communes = areas[x.Area]
		g.Areas = append(g.Areas, v)
	}
	sortAreas(g.Areas)
	for _, v := range y.Revoked {
		if in != "" && v.Former.Province != in {
			continue
		}
		dv := DatedView{Href: home + model.FormerPath(v.Former.Key()), Name: r.formerLabel(v.Former), Year: v.Revocation.Year,
			Level: i18n.Text{Value: v.Revocation.Level}, Source: Link{Href: v.Revocation.SourceURL, Title: host(v.Revocation.SourceURL)}}
		if v.Level != nil {
			dv.Level = r.loc.LevelName(v.Level)
		}
		g.Revoked = append(g.Revoked, dv)
	}
	return g
}

// empty reports whether nothing counts from the group's year.
func (g YearGroup) empty() bool { return len(g.New) == 0 && len(g.Areas) == 0 && len(g.Revoked) == 0 }

// yearNav sets a year page's links to the years before and after it.
func yearNav(yd *YearData, asOf []*status.Year, i int, dir string) {
	if i > 0 {
		yd.Prev = dir + model.YearPath(asOf[i].Year-1)
	}
	if i < len(asOf)-1 {
		yd.Next = dir + model.YearPath(asOf[i].Year+1)
	}
}

// nationYears writes the national overview of the years, nam/, and a page per year whose map
// colours the provinces by their sourced figures by then. The overview opens with the latest
// year's finding, map and slider, and plots the national figures over time.
func (r *renderer) nationYears(asOf []*status.Year, levels []*model.Level, last int) error {
	s := r.a.Site
	nation := s.Nation
	if nation == nil {
		nation = &model.Province{}
	}
	name := r.loc.Phrase("nation.name")
	named := func(y *status.Year) int {
		if len(levels) == 0 {
			return 0
		}
		return y.AtLeast[levels[0].Rank]
	}
	byArea := func(y *status.Year) int {
		if len(levels) == 0 {
			return 0
		}
		return y.AreaAtLeast[levels[0].Rank]
	}
	// The provinces' classes and texts of every year, for the slider, from the first page's
	// view (the shapes and their order are the same on every page).
	views := make([]*NationData, len(asOf))
	for i, y := range asOf {
		views[i] = r.nation("", y.Year)
	}
	summary := func(i int) string {
		v := views[i]
		area := ""
		if n := byArea(asOf[i]); n > 0 {
			area = r.loc.Phrase("year.summary_area", r.loc.Number(n))
		}
		if t := v.Total; t != nil {
			return r.loc.Phrase("year.nation_summary_total", asOf[i].Year, r.loc.Number(t.Met), r.loc.Number(t.Total), t.Percent(),
				r.loc.MonthYear(t.Year, t.Month), v.Sourced, v.Provinces, named(asOf[i]), area)
		}
		return r.loc.Phrase("year.nation_summary", asOf[i].Year, v.Sourced, v.Provinces, named(asOf[i]), area)
	}
	anyYear := map[status.Class]bool{}
	for _, v := range views {
		for _, row := range v.Rows {
			anyYear[status.Class(row.Class)] = true
			if row.Older {
				anyYear[status.Older] = true
			}
		}
	}
	// yearData is year i's map, legend and slider on the page pg.
	sliderPut := false
	yearData := func(i int, pg *Page, up string) *YearData {
		y := asOf[i]
		nd := r.nation(pg.Home, y.Year)
		nd.Featured = nil
		nd.CSV, nd.DataPage, nd.Figures = pg.Root+model.DataPath("", "csv"), pg.Home+model.DataPageDir, pg.Root+model.FiguresPath("csv")
		counts := map[status.Class]int{}
		for _, row := range nd.Rows {
			counts[status.Class(row.Class)]++
			if row.Older {
				counts[status.Older]++
			}
		}
		nd.Legend = r.shareLegend(counts, len(nd.Rows), func(c status.Class) bool { return anyYear[c] })
		yd := &YearData{
			Year: y.Year, First: status.FirstYear, Last: last,
			Overview: pg.Home + model.YearsDir,
			Years:    yearLinks(asOf, pg.Home, y.Year, named, byArea),
			Summary:  summary(i),
			Up:       up,
			Script:   r.assetPaths["years.js"],
			Nation:   nd,
			Map:      nd.Map,
		}
		yearNav(yd, asOf, i, pg.Home)
		if yd.Map != nil { // the hatch of older data, wherever some year of the slider shows it
			for j := range yd.Map.Shapes {
				for _, v := range views {
					yd.Map.Shapes[j].Mark = yd.Map.Shapes[j].Mark || v.Map.Shapes[j].Older
				}
			}
		}
		if yd.Map != nil && yd.Script != "" && !sliderPut {
			// The slider's data is the same on the overview and every year page: one file.
			sliderPut = true
			r.out.put(r.loc.Dir()+model.SliderPath(""), []byte(slider(yd.Map.Shapes, len(asOf), func(y, j int) [2]string {
				sh := views[y].Map.Shapes[j]
				if sh.Older {
					return [2]string{sh.Class + " " + string(status.Older), sh.Status}
				}
				return [2]string{sh.Class, sh.Status}
			}, summary)))
		}
		if yd.Map != nil && yd.Script != "" {
			yd.Slider = up + model.SliderFile
		}
		return yd
	}

	pg := r.page("years", model.YearsDir, r.loc.Phrase("year.index_title"))
	pg.Description = r.loc.Phrase("year.nation_index_description", status.FirstYear, last)
	d := &YearsData{
		Province:   name,
		Series:     r.seriesChart(nation, name, status.FirstYear, last),
		Years:      yearLinks(asOf, pg.Home, 0, named, byArea),
		Milestones: nation.Milestones,
		PressTotal: status.PressTotal(nation, "standard"),
	}
	if len(asOf) > 0 {
		d.Latest = yearData(len(asOf)-1, pg, "")
		d.Latest.Prev, d.Latest.Next = "", ""
	}
	for _, p := range s.Provinces {
		d.Provinces = append(d.Provinces, Link{Href: pg.Home + model.ProvincePath(p.Code) + model.YearsDir, Title: r.loc.ProvinceName(p)})
	}
	vi.SortFunc(d.Provinces, func(l Link) string { return l.Title })
	for _, f := range s.Former {
		if c := r.a.Standing(f); c != nil && c.Basis == status.BasisOwn {
			d.Named++
		} else if c != nil {
			d.ByArea++
		}
	}
	d.noteMapByArea()
	dated := ownDated(r.a.Dated())
	d.countRecognitions(dated)
	d.RecognitionsCSV, d.RecognitionsJSON = pg.Root+model.RecognitionsPath("csv"), pg.Root+model.RecognitionsPath("json")
	d.FiguresCSV, d.FiguresJSON = pg.Root+model.FiguresPath("csv"), pg.Root+model.FiguresPath("json")
	d.DataPage = pg.Home + model.DataPageDir
	d.ListedByProvince = len(dated) > nationListMax
	for _, y := range asOf {
		if d.ListedByProvince {
			break
		}
		if g := r.yearGroup(y, "", pg.Home, pg.Home+model.YearPath(y.Year)); !g.empty() {
			d.ByYear = append(d.ByYear, g)
		}
	}
	if len(asOf) > 0 {
		d.Dated = named(asOf[len(asOf)-1])
	}
	for _, x := range dated {
		if x.Year == 0 && !d.ListedByProvince {
			d.Undated = append(d.Undated, r.datedView(x, pg.Home))
		}
	}
	pg.Data = d
	if err := r.write("years.html", pg); err != nil {
		return err
	}

	for i, y := range asOf {
		pg := r.page("year", model.YearPath(y.Year), r.loc.Phrase("year.title", name, y.Year))
		pg.Card = model.CardPath(model.YearPath(y.Year))
		pg.Description = r.loc.Phrase("year.nation_description", y.Year)
		yd := yearData(i, pg, "../")
		svg, err := r.writeMapSVG(model.YearPath(y.Year), yd.Map)
		if err != nil {
			return err
		}
		r.bar(pg, barOptions{mapSVG: svg})
		pg.Data = yd
		if err := r.write("year.html", pg); err != nil {
			return err
		}
	}
	return nil
}

// countRecognitions sets the counts of recognitions, and of the former communes whose
// recognitions are all of unknown year, from dated: the recognitions the page covers. A
// commune counts by the recognitions that stand (not revoked), as the named communes do.
func (d *YearsData) countRecognitions(dated []status.Dated) {
	seen, withYear := map[*model.FormerUnit]bool{}, map[*model.FormerUnit]bool{}
	for _, x := range dated {
		d.Recognitions++
		if x.Year == 0 {
			d.UndatedRecognitions++
		} else {
			d.DatedRecognitions++
		}
		if x.Revoked != nil {
			continue
		}
		seen[x.Former] = true
		if x.Year != 0 {
			withYear[x.Former] = true
		}
	}
	d.UndatedOnly = len(seen) - len(withYear)
}

// yearSummary says in words what the map of year shows in province p, whose current units
// are units, and p's sourced figure by then.
func (r *renderer) yearSummary(p *model.Province, y *status.Year, named, byArea int, units []*model.Unit) string {
	coloured := 0
	for _, u := range units {
		if c := y.Statuses[u.Code].Class; c != status.NoData && c != status.NotCovered {
			coloured++
		}
	}
	area := ""
	if byArea > 0 {
		area = r.loc.Phrase("year.summary_area", r.loc.Number(byArea))
	}
	return r.loc.Phrase("year.summary", y.Year, named, y.InProvince[p.Code][3], coloured, len(units), area) + " " +
		r.loc.Phrase("year.summary_figure", r.figureWords(status.FigureOf(p, y.Year)))
}

// datedView is a dated recognition in words, linked below home.
func (r *renderer) datedView(d status.Dated, home string) DatedView {
	v := DatedView{
		Href:   home + model.FormerPath(d.Former.Key()),
		Name:   r.formerLabel(d.Former),
		Level:  r.loc.LevelName(d.Level),
		Year:   d.Year,
		Source: Link{Href: d.Rec.SourceURL, Title: host(d.Rec.SourceURL)},
	}
	v.From = r.yearFrom(d.Former, d.From)
	return v
}

// yearFrom says how the year of a recognition of f is known, when its source does not state
// it: "" when it does.
func (r *renderer) yearFrom(f *model.FormerUnit, from status.YearFrom) string {
	switch from {
	case status.YearSource:
		return r.loc.Phrase("year.from_source")
	case status.YearDistrict:
		return r.loc.Phrase("year.from_district", f.District)
	case status.YearProvince:
		// The province as it was then, with its type ("thành phố Hà Nội", "tỉnh Hà Giang"),
		// when the former districts table names it.
		if d := r.a.District(f.DistrictCode); d != nil && d.OldProvinceName != "" {
			return r.loc.Phrase("year.from_province_named", r.loc.InSentence(d.OldProvinceName))
		}
		return r.loc.Phrase("year.from_province")
	}
	return ""
}

// chartLevels are the recognized levels of the newest criteria set in force by year, by rank:
// the levels the chart plots.
func (r *renderer) chartLevels(year int) []*model.Level {
	var set *model.CriteriaSet
	for _, s := range r.a.Site.CriteriaSets {
		if s.StartYear <= year {
			set = s
		}
	}
	if set == nil {
		return nil
	}
	var out []*model.Level
	for _, l := range set.Levels {
		if l.Recognized {
			out = append(out, l)
		}
	}
	return out
}
