package diff

import (
	"sort"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// addresses are the addresses of a site readers may hold: its pages (model.SitePages) and the
// old paths its aliases redirect (model.Redirects), each with what it is.
type addresses struct {
	pages     map[string]string
	redirects map[string]string // old path → the page it redirects to
}

func addressesOf(a *status.Atlas) addresses {
	ad := addresses{pages: model.SitePages(a.Site, status.FirstYear, a.LastYear()), redirects: map[string]string{}}
	for _, rd := range model.Redirects(a.Site) {
		ad.redirects[rd.From] = rd.To
	}
	return ad
}

// pages compares the addresses of the two sites: the pages added, and every address removed,
// with the page a redirect of the new site sends it to, if any.
func (c *comparison) pages() PageChanges {
	old, new := c.oldAddr, c.newAddr
	ch := PageChanges{Added: []string{}, Removed: []RemovedPage{}}
	for p := range new.pages {
		if _, ok := old.pages[p]; !ok {
			ch.Added = append(ch.Added, p)
		}
	}
	sort.Strings(ch.Added)
	for p, what := range old.pages {
		if _, ok := new.pages[p]; !ok {
			// A page whose path an alias of the new site takes is redirected, not broken.
			ch.Removed = append(ch.Removed, RemovedPage{Path: p, What: what, RedirectTo: new.redirects[p]})
		}
	}
	for p, to := range old.redirects {
		_, page := new.pages[p]
		_, alias := new.redirects[p]
		if !page && !alias {
			ch.Removed = append(ch.Removed, RemovedPage{Path: p, What: "an old address of " + to})
		}
	}
	sort.Slice(ch.Removed, func(i, j int) bool { return ch.Removed[i].Path < ch.Removed[j].Path })
	return ch
}

// stories compares the stories by slug: added, removed, or retitled (in either language).
func (c *comparison) stories() []StoryChange {
	old, new := c.old.Index.Stories, c.new.Index.Stories
	out := []StoryChange{}
	for _, slug := range unionKeys(old, new) {
		o, n := old[slug], new[slug]
		ch := StoryChange{Slug: slug, Page: model.StoryPath(slug)}
		switch {
		case o == nil:
			ch.Change, ch.Title.New = Added, n.Title
		case n == nil:
			ch.Change, ch.Title.Old = Removed, o.Title
		case o.Title != n.Title || o.TitleEn != n.TitleEn:
			ch.Change, ch.Title = Retitled, Change{Old: o.Title, New: n.Title}
			ch.TitleEn = textChange(o.TitleEn, n.TitleEn)
		default:
			continue
		}
		out = append(out, ch)
	}
	return out
}
