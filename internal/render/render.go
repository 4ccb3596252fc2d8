// Package render turns the derived atlas into the site's files: HTML pages from html/template
// layouts, stylesheets, and the 404 page.
//
// Layouts are embedded in the binary; a site's own layouts/ folder overrides any of them file
// by file (layouts/unit.html replaces the built-in unit.html).
package render

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/stats"
	"github.com/yuin/goldmark"
)

//go:embed layouts
var builtin embed.FS

// Options configure a render.
type Options struct {
	// Layouts is the site's layouts folder; nil or an empty folder uses the built-in layouts.
	Layouts fs.FS
	// Maps holds each province's drawn maps, by province code.
	Maps map[string]*ProvinceMaps
}

// ProvinceMaps are the maps drawn for one province.
type ProvinceMaps struct {
	Main    *carto.Map // the province map, about 800 px wide
	Locator *carto.Map // the locator map on unit pages, about 240 px wide
}

// Files maps output paths (slash-separated, relative to the output folder) to their content.
type Files map[string][]byte

// Paths returns the output paths in sorted order.
func (f Files) Paths() []string {
	ps := make([]string, 0, len(f))
	for p := range f {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Site renders every page of the atlas.
func Site(a *stats.Atlas, opts Options) (Files, error) {
	r := &renderer{a: a, opts: opts, out: Files{}, md: newMarkdown(a.Site.Config.Markdown)}
	if err := r.assets(); err != nil {
		return nil, err
	}
	if err := r.pages(); err != nil {
		return nil, err
	}
	r.downloads()
	return r.out, nil
}

type renderer struct {
	a     *stats.Atlas
	opts  Options
	out   Files
	md    goldmark.Markdown
	base  *template.Template
	cache map[string]*template.Template
	css   string // output path of the stylesheet
}

// layout returns the named layout file: the site's, if it has one, else the built-in one.
func (r *renderer) layout(name string) ([]byte, error) {
	if r.opts.Layouts != nil {
		if b, err := fs.ReadFile(r.opts.Layouts, name); err == nil {
			return b, nil
		}
	}
	b, err := fs.ReadFile(builtin, "layouts/"+name)
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	return b, nil
}

// assets writes the stylesheet under a name that carries its content hash, so it can be
// cached forever.
func (r *renderer) assets() error {
	css, err := r.layout("assets/atlas.css")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(css)
	r.css = "assets/atlas." + hex.EncodeToString(sum[:])[:10] + ".css"
	r.out[r.css] = css
	return nil
}

// template returns the page template name, parsed over the base layout and partials.
func (r *renderer) template(name string) (*template.Template, error) {
	if t, ok := r.cache[name]; ok {
		return t, nil
	}
	if r.base == nil {
		base := template.New("baseof.html").Funcs(funcs)
		for _, f := range []string{"baseof.html", "partials.html"} {
			src, err := r.layout(f)
			if err != nil {
				return nil, err
			}
			t := base
			if f != base.Name() {
				t = base.New(f)
			}
			if _, err := t.Parse(string(src)); err != nil {
				return nil, fmt.Errorf("layout %s: %w", f, err)
			}
		}
		r.base = base
		r.cache = map[string]*template.Template{}
	}
	src, err := r.layout(name)
	if err != nil {
		return nil, err
	}
	t, err := template.Must(r.base.Clone()).New(name).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	r.cache[name] = t
	return t, nil
}

// Page is what every layout receives.
type Page struct {
	Site        *SiteView
	Kind        string // home, province, unit, former, story, stories, units, formers, criteria, sources, 404
	Path        string // the page's path: "" for home, "xa/03646/" for a unit
	Root        string // the relative prefix from the page to the site root: "../../"
	Title       string // the document title
	H1          string
	Description string
	Canonical   string
	Data        any
}

// SiteView is the site-wide part of every page.
type SiteView struct {
	Title       string
	Description string
	Language    string
	BaseURL     string
	CSS         string
	Credits     []model.Credit
	DataAsOf    string
}

// write renders layout name with data into out at p + "index.html" (or p itself when it ends
// in ".html").
func (r *renderer) write(name string, pg *Page) error {
	t, err := r.template(name)
	if err != nil {
		return err
	}
	file := pg.Path
	if !strings.HasSuffix(file, ".html") {
		file += "index.html"
	}
	if pg.Root == "" && pg.Kind != "404" {
		pg.Root = rootOf(file)
	}
	pg.Site = r.siteView()
	if pg.Canonical == "" {
		pg.Canonical = r.abs(pg.Path)
	}
	if pg.Title == "" {
		pg.Title = pg.H1
	}
	if full := pg.Title + " – " + pg.Site.Title; pg.Kind != "home" && len([]rune(full)) <= 70 {
		pg.Title = full
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "baseof.html", pg); err != nil {
		return fmt.Errorf("render %s with %s: %w", file, name, err)
	}
	if _, dup := r.out[file]; dup {
		return fmt.Errorf("render: two pages write %s", file)
	}
	r.out[file] = buf.Bytes()
	return nil
}

func (r *renderer) siteView() *SiteView {
	c := r.a.Site.Config
	return &SiteView{
		Title:       c.Title,
		Description: c.Description,
		Language:    c.Language,
		BaseURL:     c.BaseURL,
		CSS:         r.css,
		Credits:     c.Credits,
		DataAsOf:    dataAsOf(r.a.Site),
	}
}

// abs returns the absolute URL of a site path, from the base URL.
func (r *renderer) abs(p string) string {
	base, err := url.Parse(r.a.Site.Config.BaseURL)
	if err != nil {
		return p
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base.ResolveReference(&url.URL{Path: p}).String()
}

// rootOf returns the relative path from file's folder to the root: "./" at the top.
func rootOf(file string) string {
	depth := strings.Count(path.Clean(file), "/")
	if depth == 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}
