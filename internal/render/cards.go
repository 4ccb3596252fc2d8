package render

import (
	"errors"
	"runtime"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Share cards: card.Width×card.Height images for link previews, one for the pages of every language (the
// status in Vietnamese with the English under it), at model.CardPath below the site root.
// Every current unit and every province has its own card (the province map, the unit
// outlined); the nation has one (the national map and finding) at the root, and each national
// year page one of that year. Every page shows its own card or the card of the place it is
// about (Page.Card): a former unit the card of the unit it became part of, a story that of a
// unit it names, a province's lists and years the province's, and every other page the
// nation's. The English cards once published under en/ are redirected to these
// (_redirects).

// Share is what a page tells link previews: Open Graph and Twitter card data.
type Share struct {
	Type     string // og:type: "website", or "article" for a story
	Locale   string // og:locale: "vi_VN", "en_US"
	Image    string // absolute URL of the page's card
	ImageAlt string
	// Width and Height are the card's size in pixels (card.Width, card.Height).
	Width, Height int
}

// share returns pg's share data in the language being rendered.
func (r *renderer) share(pg *Page) *Share {
	sh := &Share{Type: "website", Locale: r.loc.Phrase("card.og_locale"), Width: card.Width, Height: card.Height}
	if pg.Kind == "story" {
		sh.Type = "article"
	}
	p := pg.Card
	if p == "" {
		p = model.CardPath("")
	}
	sh.Image = r.abs(p)
	sh.ImageAlt = r.cardAlt(p)
	return sh
}

// placeCard is the card of the place a page about former unit f, or naming the units and
// former units of a story, is about: the first current unit it became part of (or that the
// story names), else its province, else "" (the nation's).
func (r *renderer) placeCard(units []string, formers []*model.FormerUnit) string {
	for _, c := range units {
		if r.a.Index.Units[c] != nil {
			return model.CardPath(model.UnitPath(c))
		}
	}
	for _, f := range formers {
		if us := r.a.Successors[f.Key()]; len(us) > 0 {
			return model.CardPath(model.UnitPath(us[0].Code))
		}
		if r.a.Index.Provinces[f.Province] != nil {
			return model.CardPath(model.ProvincePath(f.Province))
		}
	}
	return ""
}

// cardAlt describes the card at the site path p.
func (r *renderer) cardAlt(p string) string {
	page := strings.TrimSuffix(p, model.CardFile)
	if page == "" {
		return r.loc.Phrase("card.alt_nation")
	}
	if y, ok := strings.CutPrefix(page, model.YearsDir); ok {
		return r.loc.Phrase("card.alt_nation_year", strings.TrimSuffix(y, "/"))
	}
	code := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(page, model.UnitsDir), model.ProvincesDir), "/")
	if strings.HasPrefix(page, model.UnitsDir) {
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

// Cards draws the share cards alone, into opts.Sink, which it needs: a build draws them on
// every core while it writes the downloads, which the pages wait for, then renders the pages
// with Options.CardsDrawn set. The cards are those Site draws otherwise.
func Cards(a *status.Atlas, opts Options) error {
	if opts.Sink == nil {
		return errors.New("render.Cards: no sink")
	}
	r := &renderer{a: a, opts: opts, out: newOutput(opts.Sink)}
	for _, lang := range model.Languages {
		loc, err := i18n.Load(lang, opts.I18n)
		if err != nil {
			return err
		}
		r.locs = append(r.locs, loc)
	}
	r.loc = r.locs[0]
	r.index()
	r.unitOrder = unitOrder(a.Site)
	if err := r.cards(); err != nil {
		return err
	}
	return r.out.failed()
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
			Status:   r.loc.Phrase("card.province_figure", r.figureWords(status.FigureOf(p, 0))),
			Footer:   footer(model.ProvincePath(p.Code)),
		}
		if second != nil {
			c.Status2 = second.loc.Phrase("card.province_figure", second.figureWords(status.FigureOf(p, 0)))
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
	// The nation's card, and each national year page's: the national map, its finding.
	years := []int{0}
	for y := status.FirstYear; y <= r.a.LastYear(); y++ {
		years = append(years, y)
	}
	for _, y := range years {
		nd := r.nation("", y)
		provClasses := map[string]string{}
		for _, row := range nd.Rows {
			provClasses[row.Code] = row.Class
			if row.Older {
				provClasses[row.Code] += " " + string(status.Older)
			}
		}
		name, page := r.loc.Phrase("nation.name"), ""
		if y != 0 {
			name, page = r.loc.Phrase("year.title", name, y), model.YearPath(y)
		}
		c := &card.Card{
			Map:      r.opts.Nation,
			Classes:  provClasses,
			Site:     site,
			Title:    name,
			Subtitle: r.loc.Phrase("card.nation_subtitle", len(s.Provinces), r.loc.Number(len(s.Units))),
			Status:   r.cardFinding(nd),
			Footer:   footer(page),
		}
		if second != nil {
			c.Status2 = second.cardFinding(second.nation("", y))
		}
		jobs = append(jobs, cardJob{path: model.CardPath(page), card: c})
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

// cardFinding is a national card's status: the national total with its date, or how many
// provinces have a figure.
func (r *renderer) cardFinding(nd *NationData) string {
	if t := nd.Total; t != nil {
		return r.loc.Phrase("card.nation_total", r.loc.Number(t.Met), r.loc.Number(t.Total), t.Percent(), r.loc.MonthYear(t.Year, t.Month))
	}
	return r.loc.Phrase("card.nation_provinces", nd.Sourced, nd.Provinces)
}
