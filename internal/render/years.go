package render

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/stats"
)

// yearsDir holds the year pages: the overview at nam/ and one page per year at nam/<year>/.
const yearsDir = "nam/"

// YearsPath is the path of the overview of the years.
func YearsPath() string { return yearsDir }

// YearPath is the path of the page of the atlas as of the end of year.
func YearPath(year int) string { return yearsDir + strconv.Itoa(year) + "/" }

// YearLink is a year in a list of years.
type YearLink struct {
	Year    int
	Href    string
	Named   int  // former communes named as recognized by the end of the year
	Current bool // the page's own year
}

// DatedView is a recognition on the year pages.
type DatedView struct {
	Href   string // the former unit's page
	Name   string
	Level  Text
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
	Dated      int // of them, those with a recognition that counts from a known year
	PressTotal *model.Milestone
}

// YearGroup is the recognitions that count from one year.
type YearGroup struct {
	Year int
	Href string
	New  []DatedView
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
	Slider   string // the per-year statuses of the map's units for years.js, as JSON
	Script   string // path of years.js from the site root
}

// yearSlider is what years.js reads from the slider's data-years attribute: the units in map
// order, the distinct statuses, and for each year from First on one status per unit, as
// base-36 digits indexing Statuses, and the summary sentence.
type yearSlider struct {
	First    int         `json:"first"`
	Units    []string    `json:"units"`
	Statuses [][2]string `json:"st"` // class, status text
	Years    []struct {
		Codes   string `json:"c"`
		Summary string `json:"s"`
	} `json:"y"`
}

// years writes the overview of the years and a page per year from stats.FirstYear to the last
// year of the data, for the province the home page shows.
func (r *renderer) years() error {
	p := r.a.Index.Provinces[r.a.Site.Config.Province]
	if p == nil {
		return nil
	}
	last := r.a.LastYear()
	var asOf []*stats.Year
	for y := stats.FirstYear; y <= last; y++ {
		asOf = append(asOf, r.a.AsOf(y))
	}
	levels := r.chartLevels(last)
	named := func(y *stats.Year) int {
		if len(levels) == 0 {
			return 0
		}
		return y.AtLeast[levels[0].Rank]
	}
	yearLinks := func(home string, current int) []YearLink {
		var out []YearLink
		for _, y := range asOf {
			out = append(out, YearLink{Year: y.Year, Href: home + YearPath(y.Year), Named: named(y), Current: y.Year == current})
		}
		return out
	}
	var undated []stats.Dated
	for _, d := range r.a.Dated() {
		if d.Year == 0 && d.Former.Province == p.Code {
			undated = append(undated, d)
		}
	}

	// The overview.
	pg := r.page("years", yearsDir, r.loc.t("year.index_title"))
	pg.Description = r.loc.t("year.index_description", p.Name, stats.FirstYear, last)
	d := &YearsData{
		Province:   r.provinceName(p),
		Chart:      r.chart(p, asOf, levels),
		Years:      yearLinks(pg.Home, 0),
		Milestones: p.Milestones,
		PressTotal: stats.PressTotal(p, "standard"),
	}
	for _, f := range r.a.Site.Former {
		if _, l := r.a.Best(f); l != nil && l.Recognized && f.Province == p.Code {
			d.Named++
		}
	}
	for _, y := range asOf {
		g := YearGroup{Year: y.Year, Href: pg.Home + YearPath(y.Year)}
		for _, x := range y.New {
			if x.Former.Province == p.Code {
				g.New = append(g.New, r.datedView(x, pg.Home))
			}
		}
		if len(g.New) > 0 {
			d.ByYear = append(d.ByYear, g)
		}
	}
	if len(asOf) > 0 {
		d.Dated = named(asOf[len(asOf)-1])
	}
	for _, x := range undated {
		d.Undated = append(d.Undated, r.datedView(x, pg.Home))
	}
	pg.Data = d
	if err := r.write("years.html", pg); err != nil {
		return err
	}

	// A page per year. Every year page carries the statuses of all years, so the slider can
	// recolour its map in place.
	var units []*model.Unit
	for _, u := range r.a.Site.Units {
		if u.Province == p.Code {
			units = append(units, u)
		}
	}
	slider := func(shapes []ShapeView) string {
		s := yearSlider{First: stats.FirstYear}
		index := map[[2]string]int{}
		for _, sh := range shapes {
			s.Units = append(s.Units, sh.Code)
		}
		for _, y := range asOf {
			var codes strings.Builder
			for _, sh := range shapes {
				st := y.Statuses[sh.Code]
				k := [2]string{string(st.Class), r.statusText(st)}
				i, ok := index[k]
				if !ok {
					i = len(s.Statuses)
					index[k] = i
					s.Statuses = append(s.Statuses, k)
				}
				codes.WriteString(strconv.FormatInt(int64(i), 36))
			}
			s.Years = append(s.Years, struct {
				Codes   string `json:"c"`
				Summary string `json:"s"`
			}{codes.String(), r.yearSummary(y, named(y), len(units))})
		}
		if len(s.Statuses) > 36 {
			return "" // more than one digit each: no slider rather than a wrong one
		}
		b, _ := json.Marshal(s)
		return string(b)
	}
	for i, y := range asOf {
		pg := r.page("year", YearPath(y.Year), r.loc.t("year.title", p.Name, y.Year))
		pg.Description = r.loc.t("year.description", p.Name, y.Year)
		yd := &YearData{
			Year: y.Year, First: stats.FirstYear, Last: last,
			Overview: pg.Home + yearsDir,
			Years:    yearLinks(pg.Home, y.Year),
			Summary:  r.yearSummary(y, named(y), len(units)),
			Undated:  len(undated),
			Script:   r.assetPaths["years.js"],
		}
		if i > 0 {
			yd.Prev = pg.Home + YearPath(y.Year-1)
		}
		if i < len(asOf)-1 {
			yd.Next = pg.Home + YearPath(y.Year+1)
		}
		counts := map[stats.Class]int{}
		for _, u := range units {
			counts[y.Statuses[u.Code].Class]++
		}
		yd.Legend = r.legend(units)
		for _, items := range [][]LegendItem{yd.Legend.Own, yd.Legend.Derived, {yd.Legend.NoData}} {
			for j := range items {
				items[j].Count = counts[stats.Class(items[j].Class)]
			}
		}
		yd.Legend.NoData.Count = counts[stats.NoData]
		if m := r.opts.Maps[p.Code]; m != nil {
			yd.Map = r.mapView(m.Main, pg.Home, "")
			yd.Map.ID = "map-" + p.Code
			yd.Map.Title = r.loc.t("year.map_title", p.Name, y.Year)
			yd.Map.Desc = r.loc.t("year.map_desc", len(units), y.Year)
			for j := range yd.Map.Shapes {
				sh := &yd.Map.Shapes[j]
				st := y.Statuses[sh.Code]
				sh.Class, sh.Status = string(st.Class), r.statusText(st)
			}
			if yd.Script != "" {
				yd.Slider = slider(yd.Map.Shapes)
			}
		}
		pg.Data = yd
		if err := r.write("year.html", pg); err != nil {
			return err
		}
	}
	return nil
}

// yearSummary says in words what the map of year shows.
func (r *renderer) yearSummary(y *stats.Year, named, units int) string {
	coloured := 0
	for c, n := range y.Classes {
		if c != stats.NoData {
			coloured += n
		}
	}
	return r.loc.t("year.summary", y.Year, named, y.AtLeast[3], coloured, units)
}

// datedView is a dated recognition in words, linked below home.
func (r *renderer) datedView(d stats.Dated, home string) DatedView {
	v := DatedView{
		Href:   home + FormerPath(d.Former.Key()),
		Name:   d.Former.FullName() + " (" + d.Former.District + ")",
		Level:  r.levelName(d.Level),
		Year:   d.Year,
		Source: Link{Href: d.Rec.SourceURL, Title: host(d.Rec.SourceURL)},
	}
	switch d.From {
	case stats.YearSource:
		v.From = r.loc.t("year.from_source")
	case stats.YearDistrict:
		v.From = r.loc.t("year.from_district", d.Former.District)
	}
	return v
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
