package render

import (
	"encoding/xml"
	"fmt"
	"slices"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"` // when it is not the feed's language
	Value string `xml:",chardata"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   atomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Summary *atomText   `xml:"summary,omitempty"`
	Author  *atomPerson `xml:"author,omitempty"`
}

// atomDate formats a content date as an RFC 3339 date-time, as Atom requires.
func atomDate(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feeds writes the Atom feeds of the language being rendered: every story, and the stories
// about each province. A feed's updated time is its newest story's date (the data's date when
// it has none), never the time of the build, so that an unchanged site builds the same bytes.
func (r *renderer) feeds() error {
	s := r.a.Site
	if err := r.feed(model.StoriesFeedPath(), model.StoriesDir, r.loc.Phrase("feed.title", r.siteView().Title), s.Stories); err != nil {
		return err
	}
	for _, p := range s.Provinces {
		var sts []*model.Story
		for _, st := range s.Stories {
			if r.storyConcerns(st, p.Code) {
				sts = append(sts, st)
			}
		}
		if err := r.feed(model.ProvinceFeedPath(p.Code), model.ProvincePath(p.Code), r.loc.Phrase("feed.province_title", r.loc.ProvinceName(p)), sts); err != nil {
			return err
		}
	}
	return nil
}

// storyConcerns reports whether a story is about the province: it names it, or a current or
// former unit in it.
func (r *renderer) storyConcerns(st *model.Story, province string) bool {
	if slices.Contains(st.Provinces, province) {
		return true
	}
	for _, c := range st.Units {
		if u := r.a.Index.Units[c]; u != nil && u.Province == province {
			return true
		}
	}
	for _, k := range st.FormerUnits {
		if f := r.a.Index.Former[k]; f != nil && f.Province == province {
			return true
		}
	}
	return false
}

// feed writes the Atom feed at p (without the language's folder) of stories, newest first,
// whose web page is the page at page.
func (r *renderer) feed(p, page, title string, stories []*model.Story) error {
	self := r.abs(r.loc.Dir() + p)
	updated := status.DataAsOf(r.a.Site)
	f := atomFeed{
		Lang:   r.loc.Lang(),
		ID:     self,
		Title:  title,
		Author: atomPerson{Name: r.siteView().Title, URI: r.abs(r.loc.Dir())},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: r.abs(r.loc.Dir() + page)},
		},
	}
	for i, st := range stories {
		if i == 0 || st.Date.After(updated) {
			updated = st.Date
		}
		href := r.abs(r.loc.Dir() + model.StoryPath(st.Slug))
		t := r.loc.Local(st.TitleEn, st.Title)
		e := atomEntry{
			ID:      href,
			Title:   atomText{Lang: t.Lang, Value: t.Value},
			Updated: atomDate(st.Date),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: href},
		}
		if sum := r.loc.Local(st.SummaryEn, st.Summary); sum.Value != "" {
			e.Summary = &atomText{Lang: sum.Lang, Value: sum.Value}
		}
		if st.Author != "" {
			e.Author = &atomPerson{Name: st.Author}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomDate(updated)
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("render %s: %w", p, err)
	}
	r.out.put(r.loc.Dir()+p, append([]byte(xml.Header), append(b, '\n')...))
	return nil
}
