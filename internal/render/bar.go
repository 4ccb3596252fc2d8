package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The journalists' bar: under each map and on unit, former-unit, year and home pages, four
// panels (<details>, so they open without JavaScript) to share the page's permanent URL,
// embed it, download its map or data, and cite it. bar.js adds the copy buttons and fills in
// the access date of the citation.

// Bar is what the bar of one page shows.
type Bar struct {
	URL string // the page's permanent (canonical) URL
	// Share says the bar has the share panel (the URL in a field, to copy); a former unit's
	// page has none: its citation holds the same URL, and the page is mostly read, not shared.
	Share     bool
	Embed     *Snippet  // the page's embed code, or nil when the page has no embed
	Downloads []BarFile // the page's map and data files
	// DrawPNG is the map's SVG, relative to the page, that bar.js draws into a PNG of the
	// map as shown (twice the SVG's size) when the reader asks for one; "" without a map.
	DrawPNG  string
	DrawName string // the drawn PNG's file name
	// Build is the map file bar.js writes in the browser, for a page whose map has no file
	// of its own (a province's year page), or nil.
	Build *BuildMap
	Cite  string // the citation, with the access date left as CiteAccess
	// CiteAccess is the citation's access date as written without JavaScript ("truy cập
	// ngày …"): bar.js puts today's date in place of its "…".
	CiteAccess string
	Script     string // bar.js, relative to the page
}

// BuildMap is what bar.js needs to write the map file of a province's year page: the
// province's shapes file (yearShapesSVG) gives each unit's path and each class's fill, the
// page's map (which the year slider keeps in the year shown) the classes, titles and order,
// and it writes the file as mapFileSVG writes the site's other map files. It also draws
// that file into a PNG, as DrawPNG.
type BuildMap struct {
	Shapes string // the shapes file, relative to the page
	About  string // the file's <desc> (mapAbout)
	Name   string // the file's name without its extension (mapFileName)
}

// BarFile is one file of the bar's download panel.
type BarFile struct {
	Href   string // relative to the page
	Label  string
	Format string // "SVG", "PNG", "CSV", "XLSX", "JSON"
}

// barOptions says what a page's bar offers besides its URL and citation.
type barOptions struct {
	mapSVG  string // site path of the map's SVG, or ""
	png     string // site path of a PNG of the map (a share card), or ""
	unit    string // a current unit's code, whose own CSV, XLSX and JSON the bar links, or ""
	csvJSON string // a province code whose CSV, XLSX and JSON the bar links, or ""
	noShare bool   // no share panel (Bar.Share)
	build   *BuildMap
}

// bar sets pg's bar. pg's path, root, canonical URL and embed must be set.
func (r *renderer) bar(pg *Page, o barOptions) {
	canonical := pg.Canonical
	if canonical == "" {
		canonical = r.abs(pg.Path)
	}
	b := &Bar{URL: canonical, Share: !o.noShare, Embed: pg.Embed, Script: pg.Root + r.assetPaths["bar.js"]}
	if o.mapSVG != "" {
		b.Downloads = append(b.Downloads, BarFile{Href: pg.Root + o.mapSVG, Label: r.loc.Phrase("bar.map_svg"), Format: "SVG"})
		b.DrawPNG = pg.Root + o.mapSVG
		b.DrawName = mapFileName(o.mapSVG) + ".png"
	}
	b.Build = o.build
	if o.png != "" {
		b.Downloads = append(b.Downloads, BarFile{Href: pg.Root + o.png, Label: r.loc.Phrase("bar.map_png"), Format: "PNG"})
	}
	if o.unit != "" {
		b.Downloads = append(b.Downloads,
			BarFile{Href: pg.Root + model.UnitDataPath(o.unit, "csv"), Label: r.loc.Phrase("bar.unit_data"), Format: "CSV"},
			BarFile{Href: pg.Root + model.UnitDataPath(o.unit, "xlsx"), Label: r.loc.Phrase("bar.unit_data"), Format: "XLSX"},
			BarFile{Href: pg.Root + model.UnitDataPath(o.unit, "json"), Label: r.loc.Phrase("bar.unit_data"), Format: "JSON"})
	}
	if o.csvJSON != "" {
		b.Downloads = append(b.Downloads,
			BarFile{Href: pg.Root + model.DataPath(o.csvJSON, "csv"), Label: r.loc.Phrase("bar.province_data"), Format: "CSV"},
			BarFile{Href: pg.Root + model.DataPath(o.csvJSON, "xlsx"), Label: r.loc.Phrase("bar.province_data"), Format: "XLSX"},
			BarFile{Href: pg.Root + model.DataPath(o.csvJSON, "json"), Label: r.loc.Phrase("bar.province_data"), Format: "JSON"})
	}
	b.CiteAccess = r.loc.Phrase("bar.cite_access")
	site := r.loc.Local(r.a.Site.Config.TitleEn, r.a.Site.Config.Title).Value
	year := r.loc.Phrase("bar.no_year")
	if t := r.index().asOf; !t.IsZero() {
		year = fmt.Sprint(t.Year())
	}
	b.Cite = r.loc.Phrase("bar.citation", site, year, pg.H1, r.dataDates(), canonical, b.CiteAccess)
	pg.Bar = b
}

// dataDates says what the data's dates are, for the footer and citations: the day of the
// boundaries and the month up to which recognitions are recorded ("Ranh giới: 01/07/2025 ·
// Công nhận: đến 6/2024"), each left out when the data has none.
func (r *renderer) dataDates() string {
	var parts []string
	if b := boundariesDate(r.a.Site); !b.IsZero() {
		parts = append(parts, r.loc.Phrase("footer.boundaries_of", r.loc.Date(b)))
	}
	if y, m := r.index().recTo[0], r.index().recTo[1]; y != 0 {
		parts = append(parts, r.loc.Phrase("footer.recognitions_to", r.loc.MonthYear(y, m)))
	}
	return strings.Join(parts, " · ")
}

// boundariesDate is the day the boundaries drawn are in force from: the current units' first
// day (model.ReformDate), or zero for a site without current units.
func boundariesDate(s *model.Site) time.Time {
	if len(s.Units) == 0 {
		return time.Time{}
	}
	return model.ReformDate
}

// recognizedTo is the latest month the atlas records a recognition or assessment in: the
// latest of the former communes' recognition and revocation dates, the units' assessment
// dates, the provinces' milestones and district and province recognitions. month is 0 when that latest is a year without a month (a
// recognition's year, which is later than every dated month of that year's data only when
// nothing of that year has a month).
func recognizedTo(s *model.Site) (year, month int) {
	see := func(y, m int) {
		if y > year || (y == year && m > month) {
			year, month = y, m
		}
	}
	for _, f := range s.Former {
		for _, rc := range f.Recognitions {
			if rc.Year != 0 {
				see(rc.Year, 0)
			}
		}
	}
	for _, u := range s.Units {
		for _, a := range u.Assessments {
			if !a.AsOf.IsZero() {
				see(a.AsOf.Year(), int(a.AsOf.Month()))
			}
		}
	}
	for _, f := range s.Former {
		for _, v := range f.Revocations {
			see(v.Year, v.Month)
		}
	}
	for _, p := range s.Provinces {
		for _, m := range p.Milestones {
			see(m.Year, m.Month)
		}
		for _, a := range p.Areas {
			see(a.Year, a.Month)
		}
	}
	return year, month
}

// responsiveSnippet is the embed code of the iframe at src that keeps the frame's shape
// without embed.js: the frame fills the width and keeps the aspect ratio w/h, and is never
// lower than minHeight px.
func responsiveSnippet(src, title string, w, h, minHeight int) string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" loading="lazy" style="border:0;width:100%%;aspect-ratio:%d/%d;min-height:%dpx"></iframe>`,
		template.HTMLEscapeString(src), template.HTMLEscapeString(title), w, h, minHeight)
}
