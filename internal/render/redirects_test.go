package render

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/model"
)

func TestRedirects(t *testing.T) {
	a := site()
	a.Site.Units[0].Aliases = []string{"/xa/chieng-an/"}
	a.Site.Former[0].Aliases = []string{"xa-cu/chieng-xom", "/cu/chieng-xom.html"}
	files := withDownloads(t, a, Options{Maps: maps(t)})
	want := "# Old addresses of pages (aliases in content/), written by atlas build; see docs/urls.md.\n" +
		"/cu/chieng-xom.html  /xa-cu/03664/  301!\n" +
		"/en/cu/chieng-xom.html  /en/xa-cu/03664/  301!\n" +
		"/xa-cu/chieng-xom/  /xa-cu/03664/  301!\n" +
		"/en/xa-cu/chieng-xom/  /en/xa-cu/03664/  301!\n" +
		"/xa/chieng-an/  /xa/03664/  301!\n" +
		"/en/xa/chieng-an/  /en/xa/03664/  301!\n" +
		"# Share cards of other languages, now one card for all (docs/urls.md).\n" +
		"/en/xa/:code/card.png  /xa/:code/card.png  301\n" +
		"/en/tinh/:code/card.png  /tinh/:code/card.png  301\n"
	if got := string(files[model.RedirectsFile]); got != want {
		t.Errorf("_redirects =\n%s\nwant\n%s", got, want)
	}
	for file, to := range map[string]string{
		"xa/chieng-an/index.html":    "https://example.org/atlas/xa/03664/",
		"en/xa/chieng-an/index.html": "https://example.org/atlas/en/xa/03664/",
		"cu/chieng-xom.html":         "https://example.org/atlas/xa-cu/03664/",
	} {
		body := string(files[file])
		for _, s := range []string{
			`<link rel="canonical" href="` + to + `">`,
			`<meta name="robots" content="noindex">`,
			`<meta http-equiv="refresh" content="0; url=`,
			`>` + to + `</a>`,
		} {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %s:\n%s", file, s, body)
			}
		}
	}
	if !strings.Contains(string(files["xa/chieng-an/index.html"]), `content="0; url=../../xa/03664/"`) {
		t.Errorf("fallback refreshes elsewhere:\n%s", files["xa/chieng-an/index.html"])
	}
	if b := linkcheck.Check(files, "/atlas/"); len(b) > 0 {
		t.Errorf("broken links: %v", b)
	}
	if strings.Contains(string(files[model.SitemapFile]), "chieng") {
		t.Error("the sitemap lists a fallback page")
	}
}

func TestAliasOverPageFails(t *testing.T) {
	for _, alias := range []string{"/xa/03664/", "tin/atom.xml/"} {
		a := site()
		a.Site.Units[0].Aliases = []string{alias}
		if _, err := Site(a, Options{Maps: maps(t)}); err == nil {
			t.Errorf("alias %s: render succeeded", alias)
		}
	}
}
