package render

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestEmbeds checks that each current unit and province has an embed in each language,
// without the site's header and navigation, and that each page's snippet frames a page that
// was written.
func TestEmbeds(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Languages {
		for _, p := range []string{model.EmbedUnitPath(lang, "03664"), model.EmbedProvincePath(lang, "14")} {
			b, ok := files[p+"index.html"]
			if !ok {
				t.Errorf("no embed %s", p)
				continue
			}
			s := string(b)
			for _, bad := range []string{"<header", "<nav", "<footer"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s has %s", p, bad)
				}
			}
			if !strings.Contains(s, `target="_blank" rel="noopener"`) {
				t.Errorf("%s has no link to the full page in a new tab", p)
			}
		}
	}
	for _, page := range []string{pageFile("vi", model.UnitPath("03664")), pageFile("vi", model.ProvincePath("14")), pageFile("en", model.UnitPath("03664")), pageFile("en", model.ProvincePath("14"))} {
		s := string(files[page])
		// The snippet's text escapes "&", "<" and ">", not quotes (funcs.go, textarea).
		i := strings.Index(s, `&lt;iframe src="`)
		if i < 0 {
			t.Errorf("%s has no embed snippet", page)
			continue
		}
		src := s[i+len(`&lt;iframe src="`):]
		src = src[:strings.Index(src, `"`)]
		p, ok := strings.CutPrefix(src, "https://example.org/atlas/")
		if _, built := files[p+"index.html"]; !ok || !built {
			t.Errorf("%s: snippet frames %s, which was not written", page, src)
		}
		if !strings.Contains(s, "/"+model.EmbedScriptPath+`"`) || files[model.EmbedScriptPath] == nil {
			t.Errorf("%s: snippet's script missing or not written", page)
		}
	}
}
