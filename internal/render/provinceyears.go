package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// provinceYears writes a province's overview of the years, tinh/<code>/nam/, and a page per
// year whose map colours its units by what their former communes had earned by then.
func (r *renderer) provinceYears(p *model.Province, asOf []*status.Year, levels []*model.Level, last int) error {
	base := model.ProvincePath(p.Code)
	named := func(y *status.Year) int {
		if len(levels) == 0 {
			return 0
		}
		return y.InProvince[p.Code][levels[0].Rank]
	}
	byArea := func(y *status.Year) int {
		if len(levels) == 0 {
			return 0
		}
		return y.AreaInProvince[p.Code][levels[0].Rank]
	}
	// The province's own recognitions (ownDated), those without a year apart; taken from
	// the atlas's list in one pass, not from a filtered copy of it.
	var mine, undated []status.Dated
	for _, d := range r.a.Dated() {
		if d.Basis != status.BasisOwn || d.Former.Province != p.Code {
			continue
		}
		mine = append(mine, d)
		if d.Year == 0 {
			undated = append(undated, d)
		}
	}

	// The overview.
	pg := r.page("years", base+model.YearsDir, r.loc.Phrase("year.index_title_of", r.loc.ProvinceName(p)))
	pg.Card = model.CardPath(base)
	pg.Description = r.loc.Phrase("year.index_description", p.Name, status.FirstYear, last)
	d := &YearsData{
		Province:   r.loc.ProvinceName(p),
		Chart:      r.chart(p, r.loc.ProvinceInSentence(p), asOf, levels),
		Series:     r.seriesChart(p, r.loc.ProvinceInSentence(p), status.FirstYear, last),
		Years:      yearLinks(asOf, pg.Home+base, 0, named, byArea),
		Milestones: p.Milestones,
		PressTotal: status.PressTotal(p, "standard"),
		National:   &Link{Href: pg.Home + model.YearsDir, Title: r.loc.Phrase("nation.name")},
	}
	for _, f := range r.a.Site.Former {
		if c := r.a.Standing(f); c != nil && c.Basis == status.BasisOwn && f.Province == p.Code {
			d.Named++
		} else if c != nil && f.Province == p.Code {
			d.ByArea++
		}
	}
	d.noteMapByArea()
	d.countRecognitions(mine)
	d.RecognitionsCSV, d.RecognitionsJSON = pg.Root+model.RecognitionsPath("csv"), pg.Root+model.RecognitionsPath("json")
	d.DataPage = pg.Home + model.DataPageDir
	for _, y := range asOf {
		if g := r.yearGroup(y, p.Code, pg.Home, pg.Home+base+model.YearPath(y.Year)); !g.empty() {
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
	summary := func(i int) string { return r.yearSummary(p, asOf[i], named(asOf[i]), byArea(asOf[i]), units) }
	// The legend of every year page holds the classes of every year, those of other years
	// hidden, so that the slider can show them.
	anyYear := map[status.Class]bool{}
	for _, y := range asOf {
		for _, u := range units {
			anyYear[y.Statuses[u.Code].Class] = true
		}
	}
	// The year pages draw the province's shapes from one file, written once for every
	// language, and colour them each in its year's class.
	if m := r.opts.Maps[p.Code]; m != nil && r.loc == r.locs[0] {
		patterns, fills, err := r.filledPatterns()
		if err != nil {
			return err
		}
		r.out.put(model.YearShapesPath(p.Code), yearShapesSVG(m.Main, patterns, fills))
	}
	for i, y := range asOf {
		pg := r.page("year", base+model.YearPath(y.Year), r.loc.Phrase("year.title", p.Name, y.Year))
		pg.Card = model.CardPath(base)
		pg.Description = r.loc.Phrase("year.description", p.Name, y.Year)
		yd := &YearData{
			Year: y.Year, First: status.FirstYear, Last: last,
			Overview: pg.Home + base + model.YearsDir,
			Years:    yearLinks(asOf, pg.Home+base, y.Year, named, byArea),
			Summary:  summary(i),
			Undated:  len(undated),
			Up:       "../",
			Script:   r.assetPaths["years.js"],
		}
		yearNav(yd, asOf, i, pg.Home+base)
		counts := map[status.Class]int{}
		for _, u := range units {
			counts[y.Statuses[u.Code].Class]++
		}
		yd.Legend = r.legendOf(r.classOrder(), r.classLabel, counts, len(units), func(c status.Class) bool { return anyYear[c] })
		if m := r.opts.Maps[p.Code]; m != nil {
			yd.Table = &MapTable{
				Caption: r.loc.Phrase("table.caption_year", r.loc.ProvinceName(p), y.Year),
				Rows:    r.yearRows(units, pg.Home, y),
				Orders: []Link{
					{Title: r.loc.Phrase("table.by_name")},
					{Href: pg.Home + model.ProvincePath(p.Code) + "#table", Title: r.loc.Phrase("table.today")},
				},
				CSV:     pg.Root + model.DataPath(p.Code, "csv"),
				GeoJSON: pg.Root + model.MapDataPath(p.Code, false),
				Note:    r.loc.Phrase("table.year_note"),
			}
			yd.Map = r.mapView(m.Main, pg.Home, "")
			yd.Map.ID = "map-" + p.Code
			yd.Map.Shared = pg.Root + model.YearShapesPath(p.Code)
			if r.loc.Dir() == "" { // the file is in the first language's folders, one up
				yd.Map.Shared = yd.Up + model.ShapesFile
			}
			yd.Map.Skip = mapTableID
			yd.Map.Title = r.loc.Phrase("year.map_title", p.Name, y.Year)
			yd.Map.Desc = r.loc.Phrase("year.map_desc", len(units), y.Year)
			for j := range yd.Map.Shapes {
				sh := &yd.Map.Shapes[j]
				st := y.Statuses[sh.Code]
				sh.Class, sh.Status = string(st.Class), r.loc.StatusText(st)
			}
			if yd.Script != "" {
				// The slider's data is the same on every year page: one file, put once.
				if i == 0 {
					shapes := yd.Map.Shapes
					r.out.put(r.loc.Dir()+model.SliderPath(base), []byte(slider(shapes, len(asOf), func(y, j int) [2]string {
						st := asOf[y].Statuses[shapes[j].Code]
						return [2]string{string(st.Class), r.loc.StatusText(st)}
					}, summary)))
				}
				yd.Slider = yd.Up + model.SliderFile
			}
		}
		// The year's map file is written in the browser from the shapes file (BuildMap):
		// the province's year pages would otherwise each have a file of the whole map.
		o := barOptions{csvJSON: p.Code}
		if yd.Map != nil && yd.Map.Shared != "" {
			page := base + model.YearPath(y.Year)
			o.build = &BuildMap{Shapes: yd.Map.Shared, About: r.mapAbout(page), Name: mapFileName(model.MapSVGPath(page))}
			// The page draws its shapes from the shared file: their paths are not the
			// page's data (nor its memo key's).
			for j := range yd.Map.Shapes {
				yd.Map.Shapes[j].Path = ""
			}
		}
		r.bar(pg, o)
		pg.Data = yd
		if err := r.write("year.html", pg); err != nil {
			return err
		}
	}
	return nil
}

// yearShapesSVG is the file of the unit shapes of the province map m that its year pages
// draw (model.YearShapesPath): each unit's path, by id "u" + code, in <defs> (drawn only
// where a page uses it, in the class the page gives the <use>), and the site's patterns
// with their colours, for a browser that would look a page's fill: url(#pat-…) up in this
// file rather than in the page. A year page's map is then a link, a title and a <use> a
// unit, where it was the unit's whole path: the year pages of a province share one copy of
// its map. The root's data-fills (each class's fill, JSON), data-stroke and
// data-stroke-width are what bar.js needs besides to write a year's map file as mapFileSVG
// writes the others.
func yearShapesSVG(m *carto.Map, patterns string, fills *mapFills) []byte {
	classes := map[string]string{}
	for c, f := range fills.class {
		if !strings.HasPrefix(c, "pat-") {
			classes[c] = f
		}
	}
	table, _ := json.Marshal(classes) // a map of strings always marshals, its keys sorted
	esc := template.HTMLEscapeString
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" data-fills="%s" data-stroke="%s" data-stroke-width="%s">`+"\n",
		m.ViewBox(), esc(string(table)), esc(fills.stroke), esc(fills.width))
	b.WriteString(patterns + "\n<defs>\n")
	for _, sh := range m.Shapes {
		fmt.Fprintf(&b, `<path id="u%s" d="%s"/>`+"\n", esc(sh.Code), esc(sh.Path))
	}
	b.WriteString("</defs>\n</svg>\n")
	return b.Bytes()
}
