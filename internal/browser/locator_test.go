package browser

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// locatorFillJS gives, for each unit highlighted on the page's locator, its code and its
// computed fill and outline.
const locatorFillJS = `[...document.querySelectorAll("figure.locator path.focus")].map(p => {
	const s = getComputedStyle(p);
	return [p.dataset.code || "", s.fill, s.stroke, s.strokeWidth];
})`

// provinceFillJS gives the computed fill of each unit of the province map, by its code.
var provinceFillJS = fmt.Sprintf(`Object.fromEntries([...document.querySelectorAll("figure.map a path")].map(p => [p.parentElement.getAttribute("href").match(new RegExp(%s))[1], getComputedStyle(p).fill]))`,
	strconv.Quote(regexp.QuoteMeta(model.UnitsDir)+`(\d+)/$`))

// TestLocatorPalette checks, at 360 px and on the desktop, that the unit a locator shows (on
// a unit page, its embed, and a former unit's page, which shows the units it became part
// of) is filled as the province map fills it, outlined in black: one palette everywhere.
func TestLocatorPalette(t *testing.T) {
	for _, vp := range []viewport{phone, desktop} {
		fills := eval[map[string]string](open(t, model.ProvincePath("14"), vp), provinceFillJS)
		for _, path := range []string{model.UnitPath("03664"), enDir + model.UnitPath("03664"), model.EmbedUnitPath("vi", "03664"),
			model.FormerPath("03649"), enDir + model.FormerPath("03664"), model.FormerPath("04012")} {
			t.Run(strings.TrimSuffix(path, "/")+"/"+vp.name, func(t *testing.T) {
				p := open(t, path, vp)
				got := eval[[][4]string](p, locatorFillJS)
				if len(got) == 0 {
					t.Fatal("no unit highlighted on a locator")
				}
				for _, g := range got {
					want, ok := fills[g[0]]
					if !ok {
						t.Errorf("highlighted unit %q is not on the province map", g[0])
						continue
					}
					if g[1] != want {
						t.Errorf("highlighted unit filled %s, the province map fills it %s", g[1], want)
					}
					if g[2] != "rgb(0, 0, 0)" {
						t.Errorf("highlighted unit outlined %s %s, want black", g[2], g[3])
					}
				}
				if strings.Contains(path, model.FormerDir) {
					caption := eval[string](p, `document.querySelector("figure.locator figcaption").textContent`)
					if len(caption) < 40 {
						t.Errorf("the former unit's locator caption is %q", caption)
					}
				}
				if strings.HasSuffix(path, "04012/") && len(got) != 2 {
					t.Errorf("Chiềng Hắc was split between two units; the locator highlights %d", len(got))
				}
			})
		}
	}
}
