package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Output paths of the files that tell search engines about the site.
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// lastMods returns the date each page's content last changed, by page path without the
// language's folder: a story's date; a unit's newest assessment; the day a former unit
// ended. Pages not listed change with the data as a whole.
func lastMods(s *model.Site) map[string]time.Time {
	m := map[string]time.Time{}
	for _, st := range s.Stories {
		m[model.StoryPath(st.Slug)] = st.Date
	}
	for _, u := range s.Units {
		if a := u.Latest(); a != nil && !a.AsOf.IsZero() {
			m[model.UnitPath(u.Code)] = a.AsOf
		}
	}
	for _, f := range s.Former {
		if !f.Until.IsZero() {
			m[model.FormerPath(f.Key())] = f.Until
		}
	}
	return m
}

// sitemap writes sitemap.xml: every page already written, in every language, with the date
// its content last changed (never the time of the build). The 404 pages and the fallback
// pages at old paths are left out; they are not pages to index.
func (r *renderer) sitemap() error {
	skip := map[string]bool{}
	for _, rd := range model.Redirects(r.a.Site) {
		for _, l := range r.locs {
			skip[model.PageFile(l.Dir()+rd.From)] = true
		}
	}
	mods, data := lastMods(r.a.Site), status.DataAsOf(r.a.Site)
	var set urlset
	for _, file := range r.out.paths() {
		if !strings.HasSuffix(file, ".html") || skip[file] || strings.HasSuffix(file, model.NotFoundFile) || strings.HasPrefix(file, model.EmbedDir) {
			continue
		}
		p := strings.TrimSuffix(file, model.IndexFile)
		bare := p
		for _, l := range r.locs {
			if l.Dir() != "" && strings.HasPrefix(p, l.Dir()) {
				bare = strings.TrimPrefix(p, l.Dir())
			}
		}
		when, ok := mods[bare]
		if !ok {
			when = data
		}
		u := sitemapURL{Loc: r.abs(p)}
		if !when.IsZero() {
			u.LastMod = when.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	b, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return fmt.Errorf("render %s: %w", model.SitemapFile, err)
	}
	r.out.put(model.SitemapFile, append([]byte(xml.Header), append(b, '\n')...))
	return nil
}

// robots writes robots.txt: every crawler may read everything, and the sitemap is named.
func (r *renderer) robots() {
	var b bytes.Buffer
	fmt.Fprintf(&b, "User-agent: *\nAllow: /\n\nSitemap: %s\n", r.abs(model.SitemapFile))
	r.out.put(model.RobotsFile, b.Bytes())
}
