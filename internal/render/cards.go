package render

import (
	"runtime"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Share cards. Every current unit and every province has a card per language, at
// CardPath: the province map with the unit outlined, its name, type, province and status.
// The name stays Vietnamese, but the type, province and status are in the page's language,
// so the English pages get cards of their own. Every other page (lists, former units,
// stories, criteria, home) shares the card of the site's province.

// CardPath is the path of the share card of the page at p (without the language's folder):
// a unit's ("xa/03670/") or a province's ("tinh/14/").
func CardPath(p string) string { return p + "card.png" }

// Share is what a page tells link previews: Open Graph and Twitter card data.
type Share struct {
	Type     string // og:type: "website", or "article" for a story
	Locale   string // og:locale: "vi_VN", "en_US"
	Image    string // absolute URL of the page's card; "" when the site has none
	ImageAlt string
}

// share returns pg's share data in the language being rendered.
func (r *renderer) share(pg *Page) *Share {
	sh := &Share{Type: "website", Locale: r.loc.t("card.og_locale")}
	if pg.Kind == "story" {
		sh.Type = "article"
	}
	own := strings.TrimPrefix(pg.Path, r.loc.prefix)
	switch {
	case pg.Kind == "unit" || pg.Kind == "province":
	case r.a.Index.Provinces[r.a.Site.Config.Province] != nil:
		own = ProvincePath(r.a.Site.Config.Province)
	case len(r.a.Site.Provinces) > 0:
		own = ProvincePath(r.a.Site.Provinces[0].Code)
	default:
		return sh
	}
	sh.Image = r.abs(r.loc.prefix + CardPath(own))
	sh.ImageAlt = r.cardAlt(own)
	return sh
}

// cardAlt describes the card of the page at p (without the language's folder).
func (r *renderer) cardAlt(p string) string {
	code := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(p, unitsDir), provinceDir), "/")
	if strings.HasPrefix(p, unitsDir) {
		if u := r.a.Index.Units[code]; u != nil {
			return r.loc.t("card.alt_unit", u.FullName(), r.unitProvince(u))
		}
	}
	if p := r.a.Index.Provinces[code]; p != nil {
		return r.loc.t("card.alt_province", r.provinceName(p))
	}
	return ""
}

// unitProvince names u's province in the language being rendered.
func (r *renderer) unitProvince(u *model.Unit) string {
	if p := r.a.Index.Provinces[u.Province]; p != nil {
		return r.provinceName(p)
	}
	return u.Province
}

// cardJob is a card to draw and where it goes.
type cardJob struct {
	path string
	card *card.Card
}

// cards draws the share cards of the language being rendered, several at a time.
func (r *renderer) cards() error {
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
	var jobs []cardJob
	for _, p := range s.Provinces {
		pd := r.provinceData(p, "", "")
		c := &card.Card{
			Classes:  classes,
			Site:     site,
			Title:    pd.Name,
			Subtitle: r.loc.t("card.province_units", pd.Units),
			Status:   r.loc.t("card.province_status", pd.Recognized, pd.Formers),
			Footer:   footer(r.loc.prefix + ProvincePath(p.Code)),
		}
		if m := r.opts.Maps[p.Code]; m != nil {
			c.Map = m.Main
		}
		jobs = append(jobs, cardJob{path: r.loc.prefix + CardPath(ProvincePath(p.Code)), card: c})
	}
	for _, u := range s.Units {
		st := r.a.Statuses[u.Code]
		prov := r.unitProvince(u)
		c := &card.Card{
			Classes:     classes,
			Focus:       u.Code,
			Site:        site,
			Title:       u.FullName(),
			Subtitle:    r.loc.t("card.unit_subtitle", r.loc.UnitType(u.Type).Value, prov),
			Status:      r.statusText(st),
			StatusClass: string(st.Class),
			Footer:      footer(r.loc.prefix + UnitPath(u.Code)),
		}
		if m := r.opts.Maps[u.Province]; m != nil {
			c.Map = m.Main
		}
		jobs = append(jobs, cardJob{path: r.loc.prefix + CardPath(UnitPath(u.Code)), card: c})
	}
	draw := r.opts.Cards
	if draw == nil {
		draw = card.PNG
	}
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = draw(jobs[i].card)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			return errs[i]
		}
		r.out.put(j.path, out[i])
	}
	return nil
}
