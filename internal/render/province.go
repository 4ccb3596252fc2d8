package render

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

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
	Recognized  int // former communes named as recognized in the data (their own recognitions)
	Advanced    int // of them, at advanced level or above
	// ByArea are the former communes that met the standard only through their district's or
	// former province's recognition (Areas).
	ByArea int
	// Finding is what the province's sourced figure says, in one sentence above its map.
	Finding Finding
	// PressTotal is the figure for the whole province, when there is one: the count the
	// communes the data names are compared with.
	PressTotal  *model.Milestone
	Milestones  []*model.Milestone
	Areas       []AreaView // the recognitions of its districts and former provinces
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
		Milestones:  p.Milestones,
		Areas:       r.provinceAreas(p),
		FormersHref: home + model.ProvincePath(p.Code) + model.FormerDir,
		UnitsHref:   home + model.ProvincePath(p.Code) + model.UnitsDir,
	}
	f := status.FigureOf(p, 0)
	d.Finding = r.figureFinding(d.Name, f)
	if (f.Kind == status.ShareFigure || f.Kind == status.CountFigure) && len(f.Share.Sources) == 1 {
		d.PressTotal = f.Share.Sources[0]
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
		switch c := r.a.Standing(f); {
		case c == nil:
		case c.Basis != status.BasisOwn:
			d.ByArea++
		default:
			d.Recognized++
			if c.Level.Rank > standardRank {
				d.Advanced++
			}
		}
	}
	return d
}

// province writes a province's page (province.html, at model.ProvincePath): its map, legend
// and table, its counts and milestones, and the journalists' bar.
func (r *renderer) province(p *model.Province) error {
	pg := r.page("province", model.ProvincePath(p.Code), r.loc.ProvinceName(p))
	pg.Card = model.CardPath(model.ProvincePath(p.Code))
	pg.Description = r.loc.Phrase("province.description", p.Name)
	pd := r.provinceData(p, pg.Root, pg.Home)
	pg.Data = pd
	w, h, least := 4, 5, embedProvinceHeight
	if pd.Map != nil && pd.Map.Width > 0 {
		// the map, and about half its width again for the legend under it
		w, h = pd.Map.Width, pd.Map.Height+pd.Map.Width/2
		least = embedProvinceLeast(pd.Map, pd.Legend)
	}
	pg.Embed = r.snippet(model.EmbedProvincePath(r.loc.Lang(), p.Code), pg.H1, embedProvinceHeight, least, w, h)
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
