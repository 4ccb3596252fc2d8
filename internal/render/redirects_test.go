package render

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/model"
)

func TestRedirects(t *testing.T) {
	en := model.LanguageDir("en")
	unit, former := model.UnitPath("03664"), model.FormerPath("03664")
	chiengAn, chiengXom := model.UnitPath("chieng-an"), model.FormerPath("chieng-xom")
	a := site()
	a.Site.Units[0].Aliases = []string{"/" + chiengAn}
	a.Site.Former[0].Aliases = []string{strings.TrimSuffix(chiengXom, "/"), "/cu/chieng-xom.html"}
	files := withDownloads(t, a, Options{Maps: maps(t)})
	rule := func(from, to, code string) string { return "/" + from + "  /" + to + "  " + code + "\n" }
	unitCard, provinceCard := model.CardPath(model.UnitPath(":code")), model.CardPath(model.ProvincePath(":code"))
	// In the order of the old paths, each in every language.
	want := "# Old addresses of pages (aliases in content/), written by atlas build; see docs/urls.md.\n" +
		rule("cu/chieng-xom.html", former, "301!") +
		rule(en+"cu/chieng-xom.html", en+former, "301!") +
		rule(chiengXom, former, "301!") +
		rule(en+chiengXom, en+former, "301!") +
		rule(chiengAn, unit, "301!") +
		rule(en+chiengAn, en+unit, "301!") +
		"# Share cards of other languages, now one card for all (docs/urls.md).\n" +
		rule(en+unitCard, unitCard, "301") +
		rule(en+provinceCard, provinceCard, "301") +
		"# A missing page below a language's folder gets that language's 404 page.\n" +
		rule(en+"*", model.NotFoundPath("en"), "404")
	if got := string(files[model.RedirectsFile]); got != want {
		t.Errorf("_redirects =\n%s\nwant\n%s", got, want)
	}
	for file, to := range map[string]string{
		pageFile("vi", chiengAn): "https://example.org/atlas/" + unit,
		pageFile("en", chiengAn): "https://example.org/atlas/" + en + unit,
		"cu/chieng-xom.html":     "https://example.org/atlas/" + former,
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
	fallback := pageFile("vi", chiengAn)
	if !strings.Contains(string(files[fallback]), `content="0; url=`+upFrom(fallback)+unit+`"`) {
		t.Errorf("fallback refreshes elsewhere:\n%s", files[fallback])
	}
	if b := linkcheck.Check(files, "/atlas/"); len(b) > 0 {
		t.Errorf("broken links: %v", b)
	}
	if strings.Contains(string(files[model.SitemapFile]), "chieng") {
		t.Error("the sitemap lists a fallback page")
	}
}

func TestAliasOverPageFails(t *testing.T) {
	for _, alias := range []string{"/" + model.UnitPath("03664"), model.StoriesFeedPath() + "/"} {
		a := site()
		a.Site.Units[0].Aliases = []string{alias}
		if _, err := Site(a, Options{Maps: maps(t)}); err == nil {
			t.Errorf("alias %s: render succeeded", alias)
		}
	}
}
