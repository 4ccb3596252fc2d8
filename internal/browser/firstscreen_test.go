package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ntm-atlas/atlas/internal/model"
)

// firstScreen is how far down a page the first screen of a 360 × 740 phone reaches, in CSS
// pixels: what a reader sees before scrolling.
const firstScreen = 740

// firstScreenPages are the pages whose map and "find your commune" box must be in the first
// screen: home, province and year pages, in both languages.
var firstScreenPages = func() []string {
	var pages []string
	for _, p := range []string{"", model.ProvincePath("14"), model.YearPath(2020), model.ProvincePath("14") + model.YearPath(2020)} {
		for _, lang := range langDirs {
			pages = append(pages, lang+p)
		}
	}
	return pages
}()

// box is an element's vertical extent on the page, from the top of the document.
type box struct{ Top, Bottom float64 }

// boxJS gives the box of the first element the selector finds, or null.
const boxJS = `(sel => {
	const e = document.querySelector(sel);
	if (!e) return null;
	const r = e.getBoundingClientRect();
	return {Top: r.top + scrollY, Bottom: r.bottom + scrollY};
})`

// TestFirstScreen opens each page of firstScreenPages at 360 × 740 and on the desktop, and
// checks that the page's finding, the map's top edge and the whole search box lie within the
// first 740 px, the finding and the box above the map, and that the search box is a plain GET
// form to the search page (it works without JavaScript).
func TestFirstScreen(t *testing.T) {
	for _, path := range firstScreenPages {
		for _, vp := range []viewport{phone, desktop} {
			t.Run("/"+path+"/"+vp.name, func(t *testing.T) {
				p := open(t, path, vp)
				mapBox := eval[*box](p, boxJS+`(".map svg")`)
				search := eval[*box](p, boxJS+`("form.find input[type=search]")`)
				switch {
				case mapBox == nil:
					t.Fatal("the page has no map")
				case search == nil:
					t.Fatal("the page has no find-your-commune box")
				}
				t.Logf("map top %.0f px, search box %.0f–%.0f px", mapBox.Top, search.Top, search.Bottom)
				if mapBox.Top < 0 || mapBox.Top >= firstScreen {
					t.Errorf("the map's top edge is at %.0f px, not within the first %d px", mapBox.Top, firstScreen)
				}
				if search.Top < 0 || search.Bottom > firstScreen {
					t.Errorf("the search box is at %.0f–%.0f px, not within the first %d px", search.Top, search.Bottom, firstScreen)
				}
				if search.Bottom > mapBox.Top {
					t.Error("the search box is not above the map")
				}
				lang := ""
				if strings.HasPrefix(path, enDir) {
					lang = enDir
				}
				form := eval[struct{ Action, Method, Name string }](p, `(() => {
	const f = document.querySelector("form.find");
	return {Action: new URL(f.action).pathname, Method: f.method, Name: f.querySelector("input").name};
})()`)
				if want := "/" + lang + model.SearchDir; form.Action != want || form.Method != "get" || form.Name != "q" {
					t.Errorf("the search box is a %s form to %s with field %q, want a GET form to %s with field q", form.Method, form.Action, form.Name, want)
				}
				// One sentence above the map says what the reader can do with it.
				if do := run(p, "reading what the map does", chromedp.Text(chromedp.CSS(".map-do"))); do == "" {
					t.Error("no sentence above the map says what the reader can do")
				}
				// The page's finding comes first: above the map, whole within the first screen.
				finding := eval[*box](p, boxJS+`(".finding")`)
				switch {
				case finding == nil:
					t.Error("the page states no finding")
				case finding.Bottom > firstScreen || finding.Bottom > mapBox.Top:
					t.Errorf("the finding is at %.0f–%.0f px, not above the map within the first %d px", finding.Top, finding.Bottom, firstScreen)
				}
			})
		}
	}
}

// TestFindYourCommune types a name without diacritics into the home page's box and submits
// it: the search page opens with the query and shows the commune first.
func TestFindYourCommune(t *testing.T) {
	base := site(t)
	for _, lang := range langDirs {
		t.Run("lang="+strings.TrimSuffix(lang, "/"), func(t *testing.T) {
			p := open(t, lang, phone)
			ctx, cancel := stepContext(p)
			_, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS("#find"), "chieng co"+kb.Enter))
			cancel()
			if err != nil {
				t.Fatalf("submitting the search box: %v", err)
			}
			url := run(p, "reading the location", chromedp.Location())
			search := base + lang + model.SearchDir
			if q := eval[string](p, `new URLSearchParams(location.search).get("q")`); !strings.HasPrefix(url, search+"?") || q != "chieng co" {
				t.Errorf("the search box led to %s, want %s?q=chieng+co", url, search)
			}
			if i := waitResult(p, lang+model.FormerPath("03658")); i != 0 {
				t.Errorf("Chiềng Cọ is result %d, want the first", i+1)
			}
		})
	}
}

// TestMenu checks the header's menu: on a phone a one-line header whose links open from a
// <details> menu, with no script; on the desktop the links in the line itself.
func TestMenu(t *testing.T) {
	const linksShown = `[...document.querySelectorAll("header.site .menu nav a")].filter(a => a.checkVisibility() && a.getBoundingClientRect().height > 0).length`
	p := open(t, "", phone)
	header := eval[*box](p, boxJS+`("header.site")`)
	if header == nil || header.Bottom-header.Top > 80 {
		t.Errorf("the header on a phone is %+v, want one line (at most 80 px)", header)
	}
	if n := eval[int](p, linksShown); n != 0 {
		t.Errorf("%d menu links show on a phone before the menu is opened", n)
	}
	p.do("opening the menu", chromedp.Click(chromedp.CSS("header.site .menu summary")))
	if n := eval[int](p, linksShown); n != 6 {
		t.Errorf("%d menu links show once the menu is opened, want 6", n)
	}
	d := open(t, "", desktop)
	if n := eval[int](d, linksShown); n != 6 {
		t.Errorf("%d menu links show on the desktop, want 6 in the header", n)
	}
}

// TestNoSideScroll opens every page axe checks at 360 × 740 and checks that none is wider
// than the phone: a wide table scrolls inside its own box, the page never sideways
// (WCAG 1.4.10 Reflow). It names the elements that stick out.
func TestNoSideScroll(t *testing.T) {
	for _, pg := range axePages {
		t.Run(pg.name, func(t *testing.T) {
			p := open(t, pg.path, phone)
			wide := eval[struct {
				Page, Screen int
				Out          []string
			}](p, `(() => {
	const W = document.documentElement.clientWidth;
	const out = [...document.querySelectorAll("body *")].filter(e => {
		const r = e.getBoundingClientRect();
		if (r.right <= W + 1) return false;
		for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
		return true;
	}).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " to " + Math.round(e.getBoundingClientRect().right) + " px");
	return {Page: document.documentElement.scrollWidth, Screen: W, Out: out};
})()`)
			if wide.Page > wide.Screen {
				t.Errorf("the page is %d px wide on a %d px screen; sticking out: %v", wide.Page, wide.Screen, wide.Out)
			}
		})
	}
}
