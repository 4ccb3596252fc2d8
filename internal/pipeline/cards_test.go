package pipeline

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestShareMeta checks that every page has the Open Graph and Twitter card tags, that their
// URLs are absolute and below the base URL, that each og:image is a card.Width×card.Height PNG in the
// build, and that it is the page's own card or the card of the place the page is about
// (placeCards): no page previews another province. Every card built is some page's.
func TestShareMeta(t *testing.T) {
	out, site := buildDefault(t)
	checkShareMeta(t, out, site)
}

// TestShareMetaBuilt checks the same on a site built beforehand, the national default site
// in CI (ATLAS_BUILT_SITE): its every page.
func TestShareMetaBuilt(t *testing.T) {
	dir := builtSite(t)
	site, _, err := Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	checkShareMeta(t, dir, site)
}

// placeCards returns the cards a page may show, by its output file: its own, or those of the
// places it is about. A unit's page (and embed) shows the unit's card; every page of a
// province the province's; a national year page its year's; a former unit's page the card of
// a unit it became part of or of its province; a story the card of a unit or former unit it
// names, or of their provinces, or the nation's; every other page the nation's.
func placeCards(file string, a *status.Atlas) []string {
	p := strings.TrimSuffix(file, model.IndexFile)
	p = strings.TrimPrefix(p, model.EmbedDir)
	p = strings.TrimPrefix(p, enDir)
	first := func(s string) string { return strings.SplitN(s, "/", 2)[0] }
	nation := model.CardPath("")
	switch {
	case strings.HasPrefix(p, model.UnitsDir) && p != model.UnitsDir:
		return []string{model.CardPath(model.UnitPath(first(strings.TrimPrefix(p, model.UnitsDir))))}
	case strings.HasPrefix(p, model.ProvincesDir):
		return []string{model.CardPath(model.ProvincePath(first(strings.TrimPrefix(p, model.ProvincesDir))))}
	case strings.HasPrefix(p, model.YearsDir) && p != model.YearsDir:
		return []string{model.CardPath(model.YearsDir + first(strings.TrimPrefix(p, model.YearsDir)) + "/")}
	case strings.HasPrefix(p, model.FormerDir) && p != model.FormerDir:
		if f := a.Index.Former[first(strings.TrimPrefix(p, model.FormerDir))]; f != nil {
			return formerCards(f, a)
		}
	case strings.HasPrefix(p, model.StoriesDir) && p != model.StoriesDir:
		if st := a.Index.Stories[first(strings.TrimPrefix(p, model.StoriesDir))]; st != nil {
			out := []string{nation}
			for _, c := range st.Units {
				if u := a.Index.Units[c]; u != nil {
					out = append(out, model.CardPath(model.UnitPath(c)), model.CardPath(model.ProvincePath(u.Province)))
				}
			}
			for _, k := range st.FormerUnits {
				if f := a.Index.Former[k]; f != nil {
					out = append(out, formerCards(f, a)...)
				}
			}
			return out
		}
	}
	return []string{nation}
}

// formerCards are the cards a former unit's page may show.
func formerCards(f *model.FormerUnit, a *status.Atlas) []string {
	out := []string{model.CardPath(model.ProvincePath(f.Province))}
	for _, u := range a.Successors[f.Key()] {
		out = append(out, model.CardPath(model.UnitPath(u.Code)))
	}
	return out
}

func checkShareMeta(t *testing.T, out string, site *model.Site) {
	t.Helper()
	a := status.Derive(site)
	base := site.Config.BaseURL
	meta := regexp.MustCompile(`<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">`)
	checked := map[string]bool{}
	pages := 0
	tree := map[string]bool{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			tree[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range tree {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, model.EmbedDir) {
			continue // an embed has no Open Graph tags: it is framed, and links its page
		}
		pages++
		b, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		tags := map[string]string{}
		for _, m := range meta.FindAllSubmatch(b, -1) {
			tags[string(m[1])] = string(m[2])
		}
		for _, k := range []string{"og:title", "og:description", "og:image", "og:url", "og:locale", "og:image:alt", "twitter:card"} {
			if tags[k] == "" {
				t.Errorf("%s: no %s", name, k)
			}
		}
		// og:type only when not the default, website: a story is an article.
		if typ := tags["og:type"]; typ != "" && typ != "article" {
			t.Errorf("%s: og:type %q, want none (website) or article", name, typ)
		}
		if tags["twitter:card"] != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", name, tags["twitter:card"])
		}
		for _, k := range []string{"og:url", "og:image"} {
			if !strings.HasPrefix(tags[k], base) {
				t.Errorf("%s: %s %q is not an absolute URL below %s", name, k, tags[k], base)
			}
		}
		img := strings.TrimPrefix(tags["og:image"], base)
		if allowed := placeCards(name, a); !slices.Contains(allowed, img) && !strings.Contains(string(b), `<meta name="robots" content="noindex">`) {
			t.Errorf("%s: og:image %s, want one of %v", name, img, allowed)
		}
		if w, h := fmt.Sprint(card.Width), fmt.Sprint(card.Height); tags["og:image:width"] != w || tags["og:image:height"] != h {
			t.Errorf("%s: og:image:width %q, og:image:height %q, want %s, %s", name, tags["og:image:width"], tags["og:image:height"], w, h)
		}
		if checked[img] || img == "" {
			continue
		}
		checked[img] = true
		p, _ := url.PathUnescape(img)
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: og:image: %v", name, err)
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "png" || cfg.Width != card.Width || cfg.Height != card.Height {
			t.Errorf("%s: %s %dx%d %v, want a %dx%d png", img, format, cfg.Width, cfg.Height, err, card.Width, card.Height)
		}
	}
	// Every card built is shown by some page: a card per unit, per province, the nation's
	// and each national year page's, for both languages.
	cards := 0
	for name := range tree {
		if strings.HasSuffix(name, model.CardFile) {
			cards++
			if !checked[name] {
				t.Errorf("no page shows the card %s", name)
			}
		}
	}
	if want := len(site.Units) + len(site.Provinces) + 1; cards < want {
		t.Errorf("the build has %d cards, want at least %d (every unit, province, and the nation)", cards, want)
	}
	t.Logf("%d pages, %d cards", pages, len(checked))
}

// TestCardGlyphs checks that the card's fonts have a glyph for every rune a card of the
// default site draws, in both languages, and of every current and former unit's name and
// type, every district and every province name: no name shows an empty box.
func TestCardGlyphs(t *testing.T) {
	site, _, err := Load(defaultSite)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	record := func(c *card.Card) ([]byte, error) {
		texts = append(texts, c.Site, c.Title, c.Subtitle, c.Status, c.Footer)
		return nil, nil
	}
	if _, err := render.Site(status.Derive(site), render.Options{Cards: record}); err != nil {
		t.Fatal(err)
	}
	if len(texts) == 0 {
		t.Fatal("no card drawn")
	}
	for _, u := range site.Units {
		texts = append(texts, u.FullName())
	}
	for _, f := range site.Former {
		texts = append(texts, f.FullName(), f.District)
	}
	for _, p := range site.Provinces {
		texts = append(texts, p.Type+" "+p.Name)
	}
	for _, s := range texts {
		if m := card.Missing(s); len(m) > 0 {
			t.Errorf("%q: no glyph for %q", s, string(m))
		}
	}
	t.Logf("%d texts checked", len(texts))
}
