package pipeline

import (
	"bytes"
	"image"
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestShareMeta checks that every page has the Open Graph and Twitter card tags, that their
// URLs are absolute and below the base URL, and that each og:image is a 1200×630 PNG in the
// build, the unit's own card on a unit page.
func TestShareMeta(t *testing.T) {
	out, site := buildDefault(t)
	base := site.Config.BaseURL
	meta := regexp.MustCompile(`<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)">`)
	unitPage := regexp.MustCompile(`^(` + regexp.QuoteMeta(enDir) + `)?` + regexp.QuoteMeta(model.UnitsDir) + `[^/]+/` + regexp.QuoteMeta(model.IndexFile) + `$`)
	checked := map[string]bool{}
	pages := 0
	for name := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		b, _ := os.ReadFile(filepath.Join(out, name))
		tags := map[string]string{}
		for _, m := range meta.FindAllSubmatch(b, -1) {
			tags[string(m[1])] = string(m[2])
		}
		for _, k := range []string{"og:title", "og:description", "og:image", "og:url", "og:type", "og:locale", "og:image:alt", "twitter:card"} {
			if tags[k] == "" {
				t.Errorf("%s: no %s", name, k)
			}
		}
		if tags["twitter:card"] != "summary_large_image" {
			t.Errorf("%s: twitter:card %q", name, tags["twitter:card"])
		}
		for _, k := range []string{"og:url", "og:image"} {
			if !strings.HasPrefix(tags[k], base) {
				t.Errorf("%s: %s %q is not an absolute URL below %s", name, k, tags[k], base)
			}
		}
		if unitPage.MatchString(name) {
			// One card per unit serves its pages in every language.
			own := strings.TrimPrefix(strings.TrimSuffix(name, model.IndexFile), enDir)
			if want := base + model.CardPath(own); tags["og:image"] != want {
				t.Errorf("%s: og:image %q, want its unit's card %q", name, tags["og:image"], want)
			}
		}
		img := strings.TrimPrefix(tags["og:image"], base)
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
	// A card per unit and per province, for both languages.
	if want := len(site.Units) + len(site.Provinces); len(checked) != want {
		t.Errorf("pages name %d cards, want %d", len(checked), want)
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
