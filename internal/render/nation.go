package render

import (
	"slices"
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
	Legend    Legend // the figure classes present, from every commune down, then no figure
	Rows      []ProvinceRow
	Provinces int
	Sourced   int // provinces with any sourced figure
	Units     int
	Formers   int
	Named     int           // former communes named as recognized in the data
	Total     *status.Share // the national total, when content/nation.toml gives one
	TotalSrc  Link
	// Finding is the national finding in one sentence, as the page states it above the map:
	// the national total with its date and source, or what the provinces' figures say.
	Finding Finding
	// Older is the month before which a figure is older data on this map ("10/2023"), and
	// OlderCount how many provinces the map marks so; "" when none is.
	Older      string
	OlderCount int
	Featured   *Link  // the province atlas.toml features, if any
	Year       int    // 0 for the latest figures
	Script     string // the map's tooltip script, linked from the page
	CSV        string // the whole atlas's CSV download, and the data page, from the page
	DataPage   string
	// Figures is the download of the figures the map is made from (the province figures
	// and the national milestones, internal/export), from the page; "" for none.
	Figures string
}

// Finding is a page's finding in one sentence: its text and the source it rests on.
type Finding struct {
	Text   string
	Source Link // Href "" when the sentence names no source
}

// ProvinceRow is one province in the national table.
type ProvinceRow struct {
	Code    string
	Href    string
	Name    string
	Units   int
	Formers int
	Named   int
	Kind    string        // "share", "count", "parts", "complete" or "none": what the province's figure is
	Share   *status.Share // the count and its total (share) or the count alone (count)
	Percent string        // "79%", for a share
	AsOf    string        // the figure's month and year in words; for parts, the oldest part's
	Parts   []PartRow     // for parts: each former province with its figure
	Words   string        // for complete: the province-wide recognition in words
	Older   bool          // the figure is older data on this map
	Sources []Link
	Class   string
	Status  string // the row's status in words, as the map's tooltip says it
}

// PartRow is a part of a merged province, a former province, with its own figure.
type PartRow struct {
	Name  string // "Tiền Giang cũ"
	Text  string // its figure in words, with its date; or that there is none
	Older bool
}

// The kinds of ProvinceRow.Kind.
var figureKinds = map[status.FigureKind]string{
	status.NoFigure: "none", status.ShareFigure: "share", status.CountFigure: "count", status.PartsFigure: "parts",
	status.CompleteFigure: "complete",
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
		if c := r.a.Standing(f); c != nil && c.Basis == status.BasisOwn {
			named[f.Province]++
			d.Named++
		}
	}
	figures := make([]status.Figure, len(s.Provinces))
	for i, p := range s.Provinces {
		figures[i] = status.FigureOf(p, year)
	}
	limit := status.OlderThan(status.Newest(figures))
	counts := map[status.Class]int{}
	rows := map[string]*ProvinceRow{}
	for i, p := range s.Provinces {
		row := &ProvinceRow{Code: p.Code, Href: home + model.ProvincePath(p.Code), Name: r.loc.ProvinceName(p),
			Units: units[p.Code], Formers: formers[p.Code], Named: named[p.Code]}
		r.figureRow(row, figures[i], limit)
		if row.Kind != "none" {
			d.Sourced++
		}
		if row.Older {
			d.OlderCount++
			counts[status.Older]++
		}
		counts[status.Class(row.Class)]++
		rows[p.Code] = row
		d.Rows = append(d.Rows, *row)
	}
	if d.OlderCount > 0 {
		d.Older = r.loc.MonthYear(limit.Year, limit.Month)
	}
	vi.SortFunc(d.Rows, func(x ProvinceRow) string { return r.a.Index.Provinces[x.Code].Name })
	d.Legend = r.shareLegend(counts, len(s.Provinces), nil)
	switch f := status.FigureOf(s.Nation, year); f.Kind {
	case status.ShareFigure:
		sh := f.Share
		d.Total = &sh
		d.TotalSrc = r.sourceLink(sh.Sources[0])
		d.Finding = r.figureFinding(r.loc.Phrase("nation.whole_country"), f)
	case status.CountFigure:
		d.Finding = r.figureFinding(r.loc.Phrase("nation.whole_country"), f)
	default:
		d.Finding = Finding{Text: r.loc.Phrase("nation.finding_provinces", d.Sourced, d.Provinces)}
	}
	if year != 0 {
		d.Finding.Text = r.loc.Phrase("nation.finding_year", year, d.Finding.Text)
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

// figureRow sets row's figure: its kind, class, words and sources, marked older when it
// is made of a figure dated before limit.
func (r *renderer) figureRow(row *ProvinceRow, f status.Figure, limit status.Moment) {
	row.Kind, row.Class = figureKinds[f.Kind], string(f.Class())
	row.Older = f.Older(limit)
	if d := f.Date(); d.Year != 0 {
		row.AsOf = r.loc.MonthYear(d.Year, d.Month)
	}
	for _, m := range f.Milestones() {
		row.Sources = append(row.Sources, r.sourceLink(m))
	}
	for _, a := range f.Completions() {
		row.Sources = append(row.Sources, r.completionSource(a))
	}
	// Two parts reported by one article: the article once.
	row.Sources = slices.CompactFunc(row.Sources, func(a, b Link) bool { return a.Href == b.Href })
	switch f.Kind {
	case status.ShareFigure:
		sh := f.Share
		row.Share = &sh
		row.Percent = r.loc.Phrase("nation.percent", sh.Percent())
		row.Status = r.loc.Phrase("nation.status", r.loc.Number(sh.Met), r.loc.Number(sh.Total), row.Percent, row.AsOf)
	case status.CountFigure:
		sh := f.Share
		row.Share = &sh
		row.Status = r.loc.Phrase("nation.status_count", r.loc.Number(sh.Met), row.AsOf)
	case status.CompleteFigure:
		row.Words = r.loc.CompletionWords("nation.status_complete", f.Completion)
		row.Status = row.Words
	case status.PartsFigure:
		var texts []string
		for _, p := range f.Parts {
			pr := PartRow{Name: r.loc.Phrase("nation.part_name", p.Area), Text: r.loc.Phrase("nation.part_none")}
			if m := p.Milestone; m != nil {
				when := r.loc.MonthYear(m.Year, m.Month)
				if m.Total > 0 {
					pr.Text = r.loc.Phrase("nation.part_share", r.loc.Number(m.Count), r.loc.Number(m.Total), r.loc.Phrase("nation.percent", m.Count*100/m.Total), when)
				} else {
					pr.Text = r.loc.Phrase("nation.part_count", r.loc.Number(m.Count), when)
				}
				pr.Older = limit.Year != 0 && (status.Moment{Year: m.Year, Month: m.Month}).Before(limit)
			} else if a := p.Completion; a != nil {
				pr.Text = r.loc.CompletionWords("nation.part_complete", a)
				pr.Older = limit.Year != 0 && status.DateOfCompletion(a).Before(limit)
			}
			row.Parts = append(row.Parts, pr)
			texts = append(texts, pr.Name+": "+pr.Text)
		}
		row.Status = r.loc.Phrase("nation.status_parts", strings.Join(texts, "; "))
	default:
		row.Status = r.loc.Phrase("nation.no_total")
	}
	if row.Older {
		row.Status = r.loc.Phrase("nation.status_older", row.Status, r.loc.MonthYear(limit.Year, limit.Month))
	}
}

// figureWords says a figure briefly, with its date (i18n.Locale.FigureWords).
func (r *renderer) figureWords(f status.Figure) string { return r.loc.FigureWords(f) }

// figureFinding states a place's figure in one sentence: name ("Tỉnh Sơn La", "Cả nước")
// and what its figure f says, with its date and source; for parts, each part's figure.
func (r *renderer) figureFinding(name string, f status.Figure) Finding {
	switch f.Kind {
	case status.ShareFigure, status.CountFigure:
		sh := f.Share
		when := r.loc.MonthYear(sh.Year, sh.Month)
		if len(sh.Sources) > 1 { // parts of one moment, summed: their sources are in the table
			return Finding{Text: r.loc.Phrase("finding.share_summed", name, r.loc.Number(sh.Met), r.loc.Number(sh.Total), sh.Percent(), when)}
		}
		src := r.sourceLink(sh.Sources[0])
		if f.Kind == status.CountFigure {
			return Finding{Text: r.loc.Phrase("finding.count", name, r.loc.Number(sh.Met), when), Source: src}
		}
		return Finding{Text: r.loc.Phrase("finding.share", name, r.loc.Number(sh.Met), r.loc.Number(sh.Total), sh.Percent(), when), Source: src}
	case status.PartsFigure:
		return Finding{Text: r.loc.Phrase("finding.parts", name, r.figureWords(f))}
	case status.CompleteFigure:
		return Finding{Text: r.loc.CompletionWords("finding.complete", f.Completion, name), Source: r.completionSource(f.Completion)}
	}
	return Finding{Text: r.loc.Phrase("finding.none", name)}
}

// nationView is the national map: each province a link to its page.
func (r *renderer) nationView(m *carto.Map, rows map[string]*ProvinceRow) *MapView {
	v := &MapView{ID: "map-vn", ViewBox: m.ViewBox(), Width: m.PixelWidth, Height: m.PixelHeight, Interact: true, Skip: nationTableID}
	for _, sh := range m.Shapes {
		row := rows[sh.Code]
		if row == nil {
			continue
		}
		v.Shapes = append(v.Shapes, ShapeView{Code: sh.Code, Path: sh.Path, Href: row.Href, Name: row.Name, Status: row.Status, Class: row.Class, Older: row.Older, Mark: row.Older})
	}
	// The keyboard goes through the provinces in the order of the table, A–Z.
	vi.SortFunc(v.Shapes, func(s ShapeView) string { return r.a.Index.Provinces[s.Code].Name })
	return v
}

// nationTableID is the id of the national table, which the map's "skip the map" link jumps to.
const nationTableID = "provinces"

// sourceLink is a link to a milestone's source, named in the page's language when the data
// names it in English too, and marked as Vietnamese on an English page when not.
func (r *renderer) sourceLink(m *model.Milestone) Link {
	name := r.loc.Local(m.SourceEn, sourceName(m))
	return Link{Href: m.SourceURL, Title: name.Value, Lang: name.Lang}
}

// completionSource is a link to a province-wide recognition's source, named as sourceLink
// names a milestone's.
func (r *renderer) completionSource(a *model.AreaRecognition) Link {
	name := a.Source
	if name == "" {
		name = host(a.SourceURL)
	}
	l := r.loc.Local(a.SourceEn, name)
	return Link{Href: a.SourceURL, Title: l.Value, Lang: l.Lang}
}

// sourceName is how a milestone's source is named in a link: its publisher, else the host.
func sourceName(m *model.Milestone) string {
	if m.Source != "" {
		return m.Source
	}
	return host(m.SourceURL)
}

// shareOrder is the order of the national map's classes in its legend: every commune first,
// down to under half, then a count without its total, figures for parts, and the provinces
// without a sourced figure.
func shareOrder() []status.Class {
	var out []status.Class
	for i := len(status.ShareBins); i >= 1; i-- {
		out = append(out, status.Class("share-"+strconv.Itoa(i)))
	}
	return append(out, status.Complete, status.CountOnly, status.Parts, status.NoData, status.Older)
}

// shareLabel names a class of the national map.
func (r *renderer) shareLabel(c status.Class) i18n.Text {
	bins := status.ShareBins
	i, err := strconv.Atoi(strings.TrimPrefix(string(c), "share-"))
	switch {
	case c == status.CountOnly:
		return i18n.Text{Value: r.loc.Phrase("nation.count_only")}
	case c == status.Complete:
		return i18n.Text{Value: r.loc.Phrase("nation.complete")}
	case c == status.Parts:
		return i18n.Text{Value: r.loc.Phrase("nation.parts")}
	case c == status.Older:
		return i18n.Text{Value: r.loc.Phrase("nation.older_item")}
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
