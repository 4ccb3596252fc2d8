package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"

	"github.com/ntm-atlas/atlas/internal/model"
)

// storyLinks lists the stories that keep accepts (all when it is nil), linked below home.
func (r *renderer) storyLinks(home string, keep func(*model.Story) bool) []StoryLink {
	var out []StoryLink
	for _, st := range r.a.Site.Stories {
		if keep == nil || keep(st) {
			out = append(out, StoryLink{Href: home + model.StoryPath(st.Slug), Title: r.loc.Local(st.TitleEn, st.Title), Date: r.loc.Date(st.Date), ISODate: isoDate(st.Date)})
		}
	}
	return out
}

// StoryData is a story page's data.
type StoryData struct {
	Story    *model.Story
	Body     template.HTML // goldmark's output, see story
	BodyLang string        // the body's language when it is not the page's (no translation)
	Units    []Link
	Formers  []Link
}

// story writes a story's page (story.html, at model.StoryPath), its body in the page's
// language when it has a translation.
func (r *renderer) story(st *model.Story) error {
	title := r.loc.Local(st.TitleEn, st.Title)
	pg := r.page("story", model.StoryPath(st.Slug), title.Value)
	pg.H1Lang = title.Lang
	pg.Description = r.loc.Local(st.SummaryEn, st.Summary).Value
	body := r.loc.Local(string(st.BodyEn), string(st.Body))
	var buf bytes.Buffer
	// The body is typed as trusted HTML because goldmark wrote it: it escapes all text, drops
	// raw HTML unless [markdown] unsafe_html is on, and schemeFilter has emptied every link
	// and image whose scheme is not allowed (see markdown.go).
	if err := r.md.Convert([]byte(body.Value), &buf); err != nil {
		return fmt.Errorf("%s: markdown: %w", st.File, err)
	}
	d := &StoryData{Story: st, Body: template.HTML(buf.String()), BodyLang: body.Lang}
	for _, c := range st.Units {
		if u := r.a.Index.Units[c]; u != nil {
			d.Units = append(d.Units, Link{Href: pg.Home + model.UnitPath(c), Title: u.FullName()})
		}
	}
	for _, k := range st.FormerUnits {
		if f := r.a.Index.Former[k]; f != nil {
			d.Formers = append(d.Formers, Link{Href: pg.Home + model.FormerPath(k), Title: r.formerLabel(f)})
		}
	}
	var formers []*model.FormerUnit
	for _, k := range st.FormerUnits {
		if f := r.a.Index.Former[k]; f != nil {
			formers = append(formers, f)
		}
	}
	pg.Card = r.placeCard(st.Units, formers)
	pg.Data = d
	return r.write("story.html", pg)
}

// storyList writes the list of stories, newest first (stories.html).
func (r *renderer) storyList() error {
	pg := r.page("stories", model.StoriesDir, r.loc.Phrase("stories.title"))
	pg.Description = r.loc.Phrase("stories.description")
	pg.Data = r.storyLinks(pg.Home, nil)
	return r.write("stories.html", pg)
}

// storiesAbout lists, linked below home, the stories that name any of the current units or
// former unit keys, each once, in the site's order of stories.
func (r *renderer) storiesAbout(home string, units, formers []string) []StoryLink {
	ix := r.index()
	seen := map[int]bool{}
	var idx []int
	add := func(key string) {
		for _, i := range ix.storiesOf[key] {
			if !seen[i] {
				seen[i] = true
				idx = append(idx, i)
			}
		}
	}
	for _, c := range units {
		add("u:" + c)
	}
	for _, k := range formers {
		add("f:" + k)
	}
	sort.Ints(idx)
	var out []StoryLink
	for _, i := range idx {
		st := r.a.Site.Stories[i]
		out = append(out, StoryLink{Href: home + model.StoryPath(st.Slug), Title: r.loc.Local(st.TitleEn, st.Title), Date: r.loc.Date(st.Date), ISODate: isoDate(st.Date)})
	}
	return out
}
