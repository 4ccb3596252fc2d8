// Package render turns the derived atlas into the site's pages: HTML from html/template
// layouts, with what the pages need beside them — stylesheets and scripts, the search index
// the search page fetches, the maps as standalone SVG, the share cards, the Atom feeds, the
// sitemap and the redirects of old addresses. The downloads are internal/export's.
//
// Each page family is in a file named for it beside its layout in layouts/: home.go and
// home.html, province.go, unit.go, former.go, story.go, criteria.go, criterion.go, years.go,
// lists.go, search.go, embed.go, data.go, sources.go, notfound.go. The views they share are
// in views.go, the maps and legends in maps.go.
//
// Layouts are embedded in the binary; a site's own layouts/ folder overrides any of them file
// by file (layouts/unit.html replaces the built-in unit.html). Every page is rendered once per
// language of model.Languages: Vietnamese at the site root, English under en/. Layouts take
// their interface strings from internal/i18n, which a site's own i18n/<lang>.toml overrides
// key by key.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/yuin/goldmark"
)

// Options configure a render.
type Options struct {
	// Layouts is the site's layouts folder; nil or an empty folder uses the built-in layouts.
	Layouts fs.FS
	// I18n is the site's i18n folder; nil or an empty folder uses the built-in strings.
	I18n fs.FS
	// Maps holds each province's drawn maps, by province code.
	Maps map[string]*geometry.Province
	// Nation is the map of the provinces, dissolved from their units; nil draws none.
	Nation *carto.Map
	// Cards draws a share card's PNG; nil draws with card.PNG. A build passes one that caches.
	Cards func(*card.Card) ([]byte, error)
	// Sink, when set, receives each file as it is rendered, and Site returns no files: a
	// build writes them as they come instead of holding the site in memory. It is called
	// from several goroutines at once; an error it returns ends the render.
	Sink Sink
	// Known, when set with Sink and Memo, is offered each page the memo knows, by its hash,
	// before the page is read back or rendered.
	Known KnownSink
	// Downloads are the sizes of the downloads (internal/export) by path, which the data
	// page lists.
	Downloads map[string]int
	// DownloadsLater, when set, gives the sizes of downloads still being written beside the
	// render: the data page waits for them, and Site checks once every page is done that
	// none took a download's path.
	DownloadsLater func() map[string]int
	// Memo, when set, keeps the pages rendered, and gives back those whose inputs did not
	// change instead of rendering them again.
	Memo Memo
	// CardsDrawn says that Cards drew the share cards already: Site draws none.
	CardsDrawn bool
}

// A KnownSink takes the file at path by the hash and size of its bytes alone, when it can (the
// previous output holds it, and the checks know it): it reports whether it did. A file it
// does not take is recalled or rendered, and given to the Sink.
type KnownSink func(path string, sum [32]byte, size int) bool

// A Sink receives a rendered file: its output path and content, which the renderer does
// not touch again.
type Sink func(path string, b []byte) error

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

// Site renders every page of the atlas. With opts.Sink it hands each file to the sink and
// returns no files; otherwise it returns them all.
func Site(a *status.Atlas, opts Options) (Files, error) {
	r, err := prepare(a, opts)
	if err != nil {
		return nil, err
	}
	// The languages are rendered at once, each by a renderer of its own: templates are
	// parsed once per language, with that language's functions.
	errs := make([]error, len(r.locs))
	var wg sync.WaitGroup
	for i := range r.locs {
		lr := r.language(i)
		wg.Go(func() { errs[i] = lr.pages() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	r.downloadsWritten()
	if err := r.links(); err != nil {
		return nil, err
	}
	if err := r.out.failed(); err != nil {
		return nil, err
	}
	return r.out.files, nil
}

// prepare starts a render: the assets, the languages, the locator backgrounds and the
// favicons written, and what every page shares (the site's index, the A–Z order of units)
// computed, before any page.
func prepare(a *status.Atlas, opts Options) (*renderer, error) {
	r := &renderer{a: a, opts: opts, out: newOutput(opts.Sink), md: newMarkdown(a.Site.Config.Markdown), later: new(sync.Once)}
	r.asOf = &atlasByYear{}
	if opts.Sink != nil {
		r.out.known = opts.Known
	}
	for p, n := range opts.Downloads {
		r.out.sizes[p] = n // written already: pages list them, and no page may take their paths
	}
	if err := r.assets(); err != nil {
		return nil, err
	}
	for _, lang := range model.Languages {
		loc, err := i18n.Load(lang, opts.I18n)
		if err != nil {
			return nil, err
		}
		r.locs = append(r.locs, loc)
	}
	r.loc = r.locs[0]
	r.locators()
	if err := r.favicons(); err != nil {
		return nil, err
	}
	if err := r.out.failed(); err != nil {
		return nil, err
	}
	r.index()
	r.unitOrder = unitOrder(a.Site)
	return r, nil
}

// language returns a renderer of its own for the i-th language, sharing r's output.
func (r *renderer) language(i int) *renderer {
	lr := *r
	lr.loc, lr.base, lr.cache, lr.print = r.locs[i], nil, nil, nil
	lr.md = newMarkdown(r.a.Site.Config.Markdown)
	return &lr
}

// pages writes every page of the language being rendered, family by family: each is in a
// file named for it (home.go, province.go, unit.go, former.go, story.go, …) beside its
// layout in layouts/.
func (r *renderer) pages() error {
	s := r.a.Site
	steps := []func() error{r.home, r.lists, r.storyList, r.criteriaList, r.sources, r.search, r.notFound, r.years, r.dataPage, r.embeds}
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
		steps = append(steps, func() error { return r.criteriaSet(cs) }, func() error { return r.criterionPages(cs) })
	}
	if !r.opts.CardsDrawn {
		steps = append(steps, r.cards) // share cards: see cards.go
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
		if err := r.out.failed(); err != nil {
			return err
		}
	}
	return nil
}

// downloadsWritten waits for the downloads written beside the render (Options.DownloadsLater)
// and adds their sizes to the output's, once: a page that took a download's path is then an
// error of the output.
func (r *renderer) downloadsWritten() {
	if r.opts.DownloadsLater == nil {
		return
	}
	r.later.Do(func() {
		for p, n := range r.opts.DownloadsLater() {
			r.out.add(p, n)
		}
	})
}

// output is where the renderer puts files: a Sink, or a Files it returns. It knows every
// path and size put, for the pages that list or size other files. It is safe for concurrent
// use.
type output struct {
	sink  Sink
	known KnownSink

	mu    sync.Mutex
	sizes map[string]int
	files Files // without a sink
	err   error // the first error: a path put twice, or the sink's
}

func newOutput(sink Sink) *output {
	o := &output{sink: sink, sizes: map[string]int{}}
	if sink == nil {
		o.files = Files{}
	}
	return o
}

// put adds the file at p. An error is kept for failed to report.
func (o *output) put(p string, b []byte) {
	o.mu.Lock()
	if _, dup := o.sizes[p]; dup {
		if o.err == nil {
			o.err = fmt.Errorf("render: two files write %s", p)
		}
		o.mu.Unlock()
		return
	}
	o.sizes[p] = len(b)
	if o.sink == nil {
		o.files[p] = b
		o.mu.Unlock()
		return
	}
	o.mu.Unlock()
	if err := o.sink(p, b); err != nil {
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		o.mu.Unlock()
	}
}

// add records a file of size n written at p by another writer: an error when a page was
// put there already.
func (o *output) add(p string, n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.sizes[p]; dup && o.err == nil {
		o.err = fmt.Errorf("render: two files write %s", p)
	}
	o.sizes[p] = n
}

// putKnown offers the file at p, known by its hash and size, to the KnownSink, and reports
// whether it took it.
func (o *output) putKnown(p string, sum [32]byte, n int) bool {
	if o.known == nil {
		return false
	}
	o.mu.Lock()
	if _, dup := o.sizes[p]; dup {
		o.mu.Unlock()
		return false // put reports it
	}
	o.sizes[p] = n
	o.mu.Unlock()
	if o.known(p, sum, n) {
		return true
	}
	o.mu.Lock()
	delete(o.sizes, p)
	o.mu.Unlock()
	return false
}

// has reports whether a file was put at p.
func (o *output) has(p string) bool {
	_, ok := o.size(p)
	return ok
}

// size returns the size of the file put at p.
func (o *output) size(p string) (int, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, ok := o.sizes[p]
	return n, ok
}

// paths returns the paths put, sorted.
func (o *output) paths() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	ps := make([]string, 0, len(o.sizes))
	for p := range o.sizes {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// failed returns the first error of a put.
func (o *output) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

type renderer struct {
	a     *status.Atlas
	opts  Options
	out   *output
	md    goldmark.Markdown
	base  *template.Template
	cache map[string]*template.Template
	css   string // output path of the stylesheet
	// assetPaths maps each asset's name to its fingerprinted output path.
	assetPaths map[string]string
	locs       []*i18n.Locale
	loc        *i18n.Locale // the language being rendered
	ix         *siteIndex
	print      *[32]byte // the fingerprint of the language being rendered, for Memo keys
	fills      *mapFills // the standalone maps' fills, read from the stylesheet once
	// unitOrder is each current unit's place in the A–Z order of names (sortShapes), computed
	// once before the languages are rendered at once.
	unitOrder map[string]int
	// later adds Options.DownloadsLater's sizes to the output, once for every language.
	later *sync.Once
	// asOf holds the atlas as of each year (yearsAsOf), shared by the languages.
	asOf *atlasByYear
}

// atlasByYear is the atlas as of each year, computed once.
type atlasByYear struct {
	once  sync.Once
	years []*status.Year
}

// page starts the page of kind at path p (without the language's folder) in the language
// being rendered: its path, root and links to its other languages.
func (r *renderer) page(kind, p, h1 string) *Page {
	pg := &Page{Kind: kind, Lang: r.loc.Lang(), Path: r.loc.Dir() + p, H1: h1}
	// Home is relative to the language's folder: "../../" from en/xa/03664/ leads to en/.
	pg.Root, pg.Home = rootOf(model.PageFile(pg.Path)), rootOf(model.PageFile(p))
	if kind == "404" {
		// A host serves the 404 page at any missing path, so its links start from the base
		// URL's path rather than being relative to the page.
		pg.Root = model.BasePath(r.a.Site.Config.BaseURL)
		pg.Home = pg.Root + r.loc.Dir()
	}
	for _, l := range r.locs {
		alt := Alternate{Lang: l.Lang(), Href: r.abs(l.Dir() + p), Name: l.Phrase("language.name")}
		pg.Alternates = append(pg.Alternates, alt)
		if l != r.loc {
			alt.Href = pg.Root + l.Dir() + p
			if kind == "404" || p == "" {
				alt.Href = pg.Root + l.Dir()
			}
			pg.Switch = append(pg.Switch, alt)
		}
	}
	return pg
}

// write renders layout name with data into out at the page's file (model.PageFile).
func (r *renderer) write(name string, pg *Page) error {
	t, err := r.template(name)
	if err != nil {
		return err
	}
	file := model.PageFile(pg.Path)
	pg.Site = r.siteView()
	if pg.Canonical == "" {
		pg.Canonical = r.abs(pg.Path)
	}
	pg.Share = r.share(pg)
	if pg.Title == "" {
		pg.Title = pg.H1
	}
	if full := r.loc.Phrase("site.title_suffix", pg.Title, pg.Site.Title); pg.Kind != "home" && len([]rune(full)) <= 70 {
		pg.Title = full
	}
	return r.execute(t, "baseof.html", name, file, pg)
}

// execute renders pg at file with the template t's layout named root (the page's layout is
// name), or takes the page from the memo when it was rendered from the same inputs before.
func (r *renderer) execute(t *template.Template, root, name, file string, pg *Page) error {
	if r.out.has(file) {
		return fmt.Errorf("render: two pages write %s", file)
	}
	key, memo := r.pageKey(name, pg)
	if memo {
		if sum, n, ok := r.opts.Memo.Known(file, key); ok && r.out.putKnown(file, sum, n) {
			return nil
		}
		if b, ok := r.opts.Memo.Recall(file, key); ok {
			r.out.put(file, b)
			return nil
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, pg); err != nil {
		return fmt.Errorf("render %s with %s: %w", file, name, err)
	}
	if memo {
		r.opts.Memo.Keep(file, key, buf.Bytes())
	}
	r.out.put(file, buf.Bytes())
	return nil
}

// siteView is the site-wide part of every page, in the language being rendered.
func (r *renderer) siteView() *SiteView {
	c := r.a.Site.Config
	title, desc := r.loc.Local(c.TitleEn, c.Title), r.loc.Local(c.DescriptionEn, c.Description)
	return &SiteView{
		Title:       title.Value,
		TitleLang:   title.Lang,
		Description: desc.Value,
		DescLang:    desc.Lang,
		Language:    r.loc.Lang(),
		BaseURL:     c.BaseURL,
		CSS:         r.css,
		Credits:     c.Credits,
		DataAsOf:    r.loc.Date(r.index().asOf),
		Boundaries:  r.loc.Date(boundariesDate(r.a.Site)),
		RecognizedTo: func() string {
			if y, m := r.index().recTo[0], r.index().recTo[1]; y != 0 {
				return r.loc.MonthYear(y, m)
			}
			return ""
		}(),
		Paths: sitePaths,
	}
}

// abs returns the absolute URL of a site path, from the base URL.
func (r *renderer) abs(p string) string { return model.URL(r.a.Site.Config.BaseURL, p) }

// rootOf returns the relative path from file's folder to the root: "./" at the top.
func rootOf(file string) string {
	depth := strings.Count(path.Clean(file), "/")
	if depth == 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}
