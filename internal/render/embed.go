package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Default iframe heights of the snippets, in CSS pixels: enough for the content at a usual
// column width, for hosts that do not load model.EmbedScriptPath.
const (
	embedProvinceHeight = 720
	embedUnitHeight     = 420
	// embedUnitLeast is the least height of a unit's responsive embed: its content in a
	// frame of a phone's width, 360 px (TestEmbedHeight measures it).
	embedUnitLeast = 380
)

// embedProvinceLeast is the least height of a province's responsive embed: its content in a
// frame 360 px wide, so that a phone shows it whole with no blank under it — the map at the
// frame's width less the page's padding, and under it the heading, the legend (about 26 px a
// class, and the lines of its notes: three for the solid colours', five for the stripes')
// and the link to the full page. The frame's aspect ratio takes over on wider screens.
// TestEmbedHeight measures it.
func embedProvinceLeast(m *MapView, lg Legend) int {
	h := float64(360-16)*float64(m.Height)/float64(m.Width) + 180 + 16 // 16: a margin for fonts
	h += 26 * float64(max(len(lg.Items)-1, 0))
	if lg.Solid {
		h += 61
	}
	if lg.Striped {
		h += 114
	}
	if lg.Area {
		h += 70
	}
	return int(h)
}

// Snippet is the copy-paste code that embeds a page in another site.
type Snippet struct {
	Src    string // the embed's absolute URL
	Height int
	Code   string // the <iframe>, and the optional <script>, as text
	// Responsive is the <iframe> alone, sized by CSS to fill the width at the embed's
	// usual aspect ratio, for hosts that load no script.
	Responsive string
}

// snippet returns the iframe code of the embed at site path p, titled title: height is the
// fixed height of the code with the script; w/h the aspect ratio the responsive code keeps,
// and least its least height.
func (r *renderer) snippet(p, title string, height, least, w, h int) *Snippet {
	s := &Snippet{Src: r.abs(p), Height: height}
	s.Code = fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0;max-width:100%%" loading="lazy"></iframe>`+"\n"+
		`<script src="%s" async></script>`,
		template.HTMLEscapeString(s.Src), template.HTMLEscapeString(title), height, template.HTMLEscapeString(r.abs(model.EmbedScriptPath)))
	s.Responsive = responsiveSnippet(s.Src, title, w, h, least)
	return s
}

// EmbedData is an embed page's data.
type EmbedData struct {
	Full       string // the full page's absolute URL, in the embed's language
	Name       string
	StatusText string
	Class      string
	Map        *MapView // the province map, or the locator with the unit highlighted
	Legend     *Legend  // a province's legend
	Script     string   // the auto-height script, relative to the page
}

// embedPage starts an embed page at path p for the full page at path full.
func (r *renderer) embedPage(kind, p, full, h1 string) *Page {
	pg := &Page{Kind: kind, Lang: r.loc.Lang(), Path: p, H1: h1}
	pg.Root = rootOf(model.PageFile(p))
	pg.Home = pg.Root + r.loc.Dir()
	// No Open Graph tags (embed.html): an embed is framed, not shared, and its canonical link
	// names the full page, which has them (a link preview reader follows it).
	pg.Canonical = r.abs(r.loc.Dir() + full)
	return pg
}

// embeds writes the embed of each province map and of each current unit in the language
// being rendered.
func (r *renderer) embeds() error {
	for _, p := range r.a.Site.Provinces {
		pg := r.embedPage("embed-province", model.EmbedProvincePath(r.loc.Lang(), p.Code), model.ProvincePath(p.Code), r.loc.ProvinceName(p))
		var units []*model.Unit
		for _, u := range r.a.Site.Units {
			if u.Province == p.Code {
				units = append(units, u)
			}
		}
		lg := r.legend(units)
		d := &EmbedData{Full: pg.Canonical, Name: pg.H1, Legend: &lg, Script: pg.Root + model.EmbedScriptPath}
		if m := r.opts.Maps[p.Code]; m != nil {
			d.Map = r.mapView(m.Main, r.abs(r.loc.Dir()), "")
			d.Map.ID = "map-" + p.Code
			d.Map.Title = r.loc.Phrase("map.title", strings.ToLower(p.Type), p.Name)
			d.Map.Desc = r.loc.Phrase("map.desc", len(units))
		}
		pg.Description = r.loc.Phrase("embed.province_description", pg.H1)
		pg.Data = d
		if err := r.writeEmbed("embed-province.html", pg); err != nil {
			return err
		}
	}
	for _, u := range r.a.Site.Units {
		pg := r.embedPage("embed-unit", model.EmbedUnitPath(r.loc.Lang(), u.Code), model.UnitPath(u.Code), u.FullName())
		pg.H1Lang = r.loc.Local("", pg.H1).Lang
		st := r.a.Statuses[u.Code]
		d := &EmbedData{Full: pg.Canonical, Name: pg.H1, StatusText: r.loc.StatusText(st), Class: string(st.Class), Script: pg.Root + model.EmbedScriptPath}
		if p := r.a.Index.Provinces[u.Province]; p != nil {
			if m := r.opts.Maps[p.Code]; m != nil {
				d.Map = r.locatorView(m.Locator, r.abs(r.loc.Dir()), pg.Root, u.Code)
				d.Map.ID = "locator"
				d.Map.Title = r.loc.Phrase("map.locator_title", u.FullName(), r.loc.ProvinceName(p))
				d.Map.Desc = r.loc.Phrase("map.locator_desc", u.FullName())
			}
		}
		pg.Description = u.FullName() + ": " + d.StatusText + "."
		pg.Data = d
		if err := r.writeEmbed("embed-unit.html", pg); err != nil {
			return err
		}
	}
	if r.loc == r.locs[0] {
		b, err := r.layout("embed.js")
		if err != nil {
			return err
		}
		r.out.put(model.EmbedScriptPath, b)
	}
	return nil
}

// writeEmbed renders an embed page: layout name over embed.html (a page of its own, without
// the site's header, navigation and footer) and the partials.
func (r *renderer) writeEmbed(name string, pg *Page) error {
	t, ok := r.cache["embed:"+name]
	if !ok {
		t = template.New("embed.html").Funcs(funcs(r.loc)).Funcs(template.FuncMap{"asset": r.asset})
		for _, f := range []string{"embed.html", "partials.html", name} {
			src, err := r.layout(f)
			if err != nil {
				return err
			}
			tt := t
			if f != t.Name() {
				tt = t.New(f)
			}
			if _, err := tt.Parse(string(src)); err != nil {
				return fmt.Errorf("layout %s: %w", f, err)
			}
		}
		if r.cache == nil {
			r.cache = map[string]*template.Template{}
		}
		r.cache["embed:"+name] = t
	}
	pg.Site = r.siteView()
	pg.Title = r.loc.Phrase("site.title_suffix", pg.H1, pg.Site.Title)
	return r.execute(t, "embed.html", "embed:"+name, model.PageFile(pg.Path), pg)
}
