package render

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestSitemap(t *testing.T) {
	a := site()
	a.Site.Units[0].Assessments = []*model.Assessment{{CriteriaSet: "s", AsOf: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Level: "standard"}}
	files, err := Site(a, Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files[model.SitemapFile], &set); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		got[u.Loc] = u.LastMod
	}
	pages := 0
	for _, p := range files.Paths() {
		// Embeds are framed in other pages, not pages of their own: left out on purpose.
		if strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, "404.html") && !strings.HasPrefix(p, model.EmbedDir) {
			pages++
			if _, ok := got[(&renderer{a: a}).abs(strings.TrimSuffix(p, "index.html"))]; !ok {
				t.Errorf("sitemap lacks %s", p)
			}
		}
	}
	if pages != len(set.URLs) {
		t.Errorf("sitemap lists %d URLs for %d pages", len(set.URLs), pages)
	}
	for loc, want := range map[string]string{
		"https://example.org/atlas/" + model.StoryPath("a"):                              "2026-01-02",
		"https://example.org/atlas/" + model.LanguageDir("en") + model.UnitPath("03664"): "2025-12-31",
		"https://example.org/atlas/" + model.FormerPath("03664"):                         "2025-07-01",
		"https://example.org/atlas/":                                                     "2025-12-31",
	} {
		if got[loc] != want {
			t.Errorf("%s: lastmod %q, want %q", loc, got[loc], want)
		}
	}
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/atlas/sitemap.xml\n"
	if got := string(files[model.RobotsFile]); got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
}
