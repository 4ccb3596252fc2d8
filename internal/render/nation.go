package render

import (
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// NationData is the national map of the provinces, its legend and its table: what the home
// page and the national year pages show.
type NationData struct {
	Map       *MapView
	Bar       *Bar   // the journalists' bar under the map, on the home page
	Legend    Legend // the share classes present, from every commune down, then no figure
	Rows      []ProvinceRow
	Provinces int
	Sourced   int // provinces with a sourced total
	Units     int
	Formers   int
	Named     int           // former communes named as recognized in the data
	Total     *status.Share // the national total, when content/nation.toml gives one
	TotalSrc  Link
	Featured  *Link  // the province atlas.toml features, if any
	Year      int    // 0 for the latest figures
	Script    string // the map's tooltip script, linked from the page
	CSV       string // the whole atlas's CSV download, and the data page, from the page
	DataPage  string
}

// ProvinceRow is one province in the national table.
type ProvinceRow struct {
	Code    string
	Href    string
	Name    string
	Units   int
	Formers int
	Named   int
	Share   *status.Share // nil when no source gives a total
	Percent string        // "79 %", or ""
	AsOf    string        // the figure's month and year in words
	Sources []Link
	Class   string
	Status  string // the row's status in words, as the map's tooltip says it
}

// nation is the national map and table as of the end of year (0: the latest figures),
// linked below home.
func (r *renderer) nation(home string, year int) *NationData {
	s := r.a.Site
	d := &NationData{Provinces: len(s.Provinces), Units: len(s.Units), Formers: len(s.Former), Year: year}
	units, formers, named := map[string]int{}, map[string]int{}, map[string]int{}
	for _, u := range s.Units {
		units[u.Province]++
	}
	for _, f := range s.Former {
		formers[f.Province]++
		if _, l := r.a.Best(f); l != nil && l.Recognized {
			named[f.Province]++
			d.Named++
		}
	}
	counts := map[status.Class]int{}
	rows := map[string]*ProvinceRow{}
	for _, p := range s.Provinces {
		row := &ProvinceRow{Code: p.Code, Href: home + model.ProvincePath(p.Code), Name: r.loc.ProvinceName(p),
			Units: units[p.Code], Formers: formers[p.Code], Named: named[p.Code], Class: string(status.NoData)}
		if sh, ok := status.ShareOf(p, year); ok {
			row.Share = &sh
			row.Percent = r.loc.Phrase("nation.percent", sh.Percent())
			row.AsOf = r.loc.MonthYear(sh.Year, sh.Month)
			row.Class = string(status.ShareClass(sh))
			for _, m := range sh.Sources {
				row.Sources = append(row.Sources, Link{Href: m.SourceURL, Title: sourceName(m)})
			}
			row.Status = r.loc.Phrase("nation.status", r.loc.Number(sh.Met), r.loc.Number(sh.Total), row.Percent, row.AsOf)
			d.Sourced++
		} else {
			row.Status = r.loc.Phrase("nation.no_total")
		}
		counts[status.Class(row.Class)]++
		rows[p.Code] = row
		d.Rows = append(d.Rows, *row)
	}
	vi.SortFunc(d.Rows, func(x ProvinceRow) string { return r.a.Index.Provinces[x.Code].Name })
	d.Legend = r.shareLegend(counts, len(s.Provinces), nil)
	if sh, ok := status.ShareOf(s.Nation, year); ok {
		d.Total = &sh
		d.TotalSrc = Link{Href: sh.Sources[0].SourceURL, Title: sourceName(sh.Sources[0])}
	}
	if p := r.a.Index.Provinces[s.Config.Province]; p != nil {
		d.Featured = &Link{Href: home + model.ProvincePath(p.Code), Title: r.loc.ProvinceName(p)}
	}
	if r.opts.Nation != nil {
		d.Map = r.nationView(r.opts.Nation, rows)
		if year == 0 {
			d.Map.Title = r.loc.Phrase("nation.map_title")
		} else {
			d.Map.Title = r.loc.Phrase("nation.map_title_year", year)
		}
		d.Map.Desc = r.loc.Phrase("nation.map_desc", len(s.Provinces), d.Sourced)
	}
	return d
}

// nationView is the national map: each province a link to its page.
func (r *renderer) nationView(m *carto.Map, rows map[string]*ProvinceRow) *MapView {
	v := &MapView{ID: "map-vn", ViewBox: m.ViewBox(), Width: m.PixelWidth, Height: m.PixelHeight, Interact: true}
	for _, sh := range m.Shapes {
		row := rows[sh.Code]
		if row == nil {
			continue
		}
		v.Shapes = append(v.Shapes, ShapeView{Code: sh.Code, Path: sh.Path, Href: row.Href, Name: row.Name, Status: row.Status, Class: row.Class})
	}
	return v
}

// sourceName is how a milestone's source is named in a link: its publisher, else the host.
func sourceName(m *model.Milestone) string {
	if m.Source != "" {
		return m.Source
	}
	return host(m.SourceURL)
}

// shareOrder is the order of the national map's classes in its legend: every commune first,
// down to under half, then the provinces without a sourced figure.
func shareOrder() []status.Class {
	var out []status.Class
	for i := len(status.ShareBins); i >= 1; i-- {
		out = append(out, status.Class("share-"+strconv.Itoa(i)))
	}
	return append(out, status.NoData)
}

// shareLabel names a class of the national map.
func (r *renderer) shareLabel(c status.Class) i18n.Text {
	bins := status.ShareBins
	i, err := strconv.Atoi(strings.TrimPrefix(string(c), "share-"))
	switch {
	case c == status.NoData || err != nil || i < 1 || i > len(bins):
		return i18n.Text{Value: r.loc.Phrase("nation.no_total")}
	case i == 1:
		return i18n.Text{Value: r.loc.Phrase("nation.bin_first", bins[1])}
	case i == len(bins):
		return i18n.Text{Value: r.loc.Phrase("nation.bin_all")}
	}
	return i18n.Text{Value: r.loc.Phrase("nation.bin", bins[i-1], bins[i])}
}

// shareLegend is the national map's legend for the provinces counted by class.
func (r *renderer) shareLegend(counts map[status.Class]int, total int, shown func(status.Class) bool) Legend {
	return r.legendOf(shareOrder(), r.shareLabel, counts, total, shown)
}
