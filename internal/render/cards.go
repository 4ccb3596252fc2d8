package render

import (
	"errors"
	"runtime"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Share cards. Every current unit and every province has one card, at model.CardPath below the
// site root, for the pages of every language: the province map with the unit outlined, its
// name, type and province, and its status in Vietnamese with the status in English under it.
// Every other page (lists, former units, stories, criteria, home) shares the card of the
// site's province. The English cards once published under en/ are redirected to these
// (netlify.toml).

// Share is what a page tells link previews: Open Graph and Twitter card data.
type Share struct {
	Type     string // og:type: "website", or "article" for a story
	Locale   string // og:locale: "vi_VN", "en_US"
	Image    string // absolute URL of the page's card; "" when the site has none
	ImageAlt string
}

// share returns pg's share data in the language being rendered.
func (r *renderer) share(pg *Page) *Share {
	sh := &Share{Type: "website", Locale: r.loc.Phrase("card.og_locale")}
	if pg.Kind == "story" {
		sh.Type = "article"
	}
	own := strings.TrimPrefix(pg.Path, r.loc.Dir())
	switch {
	case pg.Kind == "unit" || pg.Kind == "province":
	case r.a.Index.Provinces[r.a.Site.Config.Province] != nil:
		own = model.ProvincePath(r.a.Site.Config.Province)
	case len(r.a.Site.Provinces) > 0:
		own = model.ProvincePath(r.a.Site.Provinces[0].Code)
	default:
		return sh
	}
	sh.Image = r.abs(model.CardPath(own))
	sh.ImageAlt = r.cardAlt(own)
	return sh
}

// cardAlt describes the card of the page at p (without the language's folder).
func (r *renderer) cardAlt(p string) string {
	code := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(p, model.UnitsDir), model.ProvincesDir), "/")
	if strings.HasPrefix(p, model.UnitsDir) {
		if u := r.a.Index.Units[code]; u != nil {
			return r.loc.Phrase("card.alt_unit", u.FullName(), r.unitProvince(u))
		}
	}
	if p := r.a.Index.Provinces[code]; p != nil {
		return r.loc.Phrase("card.alt_province", r.loc.ProvinceName(p))
	}
	return ""
}

// unitProvince names u's province in the language being rendered.
func (r *renderer) unitProvince(u *model.Unit) string {
	if p := r.a.Index.Provinces[u.Province]; p != nil {
		return r.loc.ProvinceName(p)
	}
	return u.Province
}

// cardJob is a card to draw and where it goes.
type cardJob struct {
	path string
	card *card.Card
}

// cards draws the share cards, several at a time, when the first language is rendered: one
// card serves every language.
func (r *renderer) cards() error {
	if r.loc != r.locs[0] {
		return nil
	}
	// second is the renderer of the second language, whose status line the cards carry.
	var second *renderer
	if len(r.locs) > 1 {
		c := *r
		c.loc, c.base, c.cache, c.print = r.locs[1], nil, nil, nil
		second = &c
	}
	s := r.a.Site
	classes := map[string]string{}
	for code, st := range r.a.Statuses {
		classes[code] = string(st.Class)
	}
	site := r.loc.Local(s.Config.TitleEn, s.Config.Title).Value
	footer := func(p string) string {
		u := r.abs(p)
		return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	}
	bases := map[string]*card.Base{}
	onMap := func(c *card.Card, province string) {
		m := r.opts.Maps[province]
		if m == nil {
			return
		}
		if bases[province] == nil {
			bases[province] = card.NewBase(m.Main, classes)
		}
		c.Map, c.Base = m.Main, bases[province]
	}
	var jobs []cardJob
	for _, p := range s.Provinces {
		pd := r.provinceData(p, "", "")
		c := &card.Card{
			Classes:  classes,
			Site:     site,
			Title:    pd.Name,
			Subtitle: r.loc.Phrase("card.province_units", pd.Units),
			Status:   r.loc.Phrase("card.province_status", pd.Recognized, pd.Formers),
			Footer:   footer(model.ProvincePath(p.Code)),
		}
		if second != nil {
			c.Status2 = second.loc.Phrase("card.province_status", pd.Recognized, pd.Formers)
		}
		onMap(c, p.Code)
		jobs = append(jobs, cardJob{path: model.CardPath(model.ProvincePath(p.Code)), card: c})
	}
	for _, u := range s.Units {
		st := r.a.Statuses[u.Code]
		c := &card.Card{
			Classes:     classes,
			Focus:       u.Code,
			Site:        site,
			Title:       u.FullName(),
			Subtitle:    r.loc.Phrase("card.unit_subtitle", r.loc.UnitType(u.Type).Value, r.unitProvince(u)),
			Status:      r.loc.StatusText(st),
			StatusClass: string(st.Class),
			Footer:      footer(model.UnitPath(u.Code)),
		}
		if second != nil {
			c.Status2 = second.loc.StatusText(st)
		}
		onMap(c, u.Province)
		jobs = append(jobs, cardJob{path: model.CardPath(model.UnitPath(u.Code)), card: c})
	}
	draw := r.opts.Cards
	if draw == nil {
		draw = card.PNG
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				var b []byte
				if b, errs[i] = draw(jobs[i].card); errs[i] == nil {
					r.out.put(jobs[i].path, b)
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}
