package browser

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ntm-atlas/atlas/internal/model"
)

// point is a spot on the screen, in CSS pixels from the viewport's top left.
type point struct{ X, Y float64 }

// unitPoint scrolls the unit with this code into view on the page's map and returns a point
// that lies inside its shape and that the unit's own link receives when clicked, or nil if the
// map has no such unit. The centre of a unit's box is not enough: a concave commune can have
// its neighbour there.
func unitPoint(p *page, code string) *point {
	p.t.Helper()
	return linkPoint(p, ".map svg "+hrefEnds(model.UnitPath(code)))
}

// linkPoint is unitPoint for the map link that the CSS selector finds.
func linkPoint(p *page, selector string) *point {
	p.t.Helper()
	return eval[*point](p, fmt.Sprintf(`(() => {
	const a = document.querySelector(%s);
	const shape = a && a.querySelector("path");
	if (!shape) return null;
	shape.scrollIntoView({block: "center", inline: "center"});
	const box = shape.getBBox(), m = shape.getScreenCTM(), n = 24, spots = [];
	for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) {
		spots.push(new DOMPoint(box.x + box.width * i / n, box.y + box.height * j / n));
	}
	// Nearest the centre first.
	const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
	spots.sort((u, v) => Math.hypot(u.x - cx, u.y - cy) - Math.hypot(v.x - cx, v.y - cy));
	for (const s of spots) {
		if (!shape.isPointInFill(s)) continue;
		const q = s.matrixTransform(m);
		const hit = document.elementFromPoint(q.x, q.y);
		if (hit && a.contains(hit)) return {X: q.x, Y: q.y};
	}
	return null;
})()`, strconv.Quote(selector)))
}

// TestMapClick clicks a unit on the province page's map, with a mouse on the desktop and a
// tap-sized click on a phone, and checks that the browser lands on that unit's page.
func TestMapClick(t *testing.T) {
	browser(t)
	base := site(t)
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			// The first and the last unit by code.
			for _, u := range []int{0, len(shared.site.Units) - 1} {
				unit := shared.site.Units[u]
				p := open(t, model.ProvincePath(unit.Province), vp)
				at := unitPoint(p, unit.Code)
				if at == nil {
					t.Fatalf("no clickable spot for unit %s (%s) on the province page's map", unit.Code, unit.FullName())
				}
				ctx, cancel := stepContext(p)
				resp, err := chromedp.RunResponse(ctx, chromedp.MouseClickXY(at.X, at.Y))
				cancel()
				if err != nil {
					t.Fatalf("clicking unit %s at (%.0f, %.0f): %v", unit.Code, at.X, at.Y, err)
				}
				if resp.Status != http.StatusOK {
					t.Errorf("unit %s: the page it links to answers %d", unit.Code, resp.Status)
				}
				url := run(p, "reading the location", chromedp.Location())
				if want := base + model.UnitPath(unit.Code); url != want {
					t.Errorf("clicking unit %s landed on %s, want %s", unit.Code, url, want)
				}
				h1 := run(p, "reading the h1", chromedp.Text(chromedp.CSS("h1")))
				if want := unit.FullName(); h1 != want {
					t.Errorf("clicking unit %s: page's h1 = %q, want %q", unit.Code, h1, want)
				}
			}
		})
	}
}

// TestNationMapClick clicks a province on the home page's national map, on the desktop and on
// a phone, and checks that the browser lands on that province's page.
func TestNationMapClick(t *testing.T) {
	browser(t)
	base := site(t)
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			for _, prov := range shared.site.Provinces {
				p := open(t, "", vp)
				at := linkPoint(p, ".map svg "+hrefEnds(model.ProvincePath(prov.Code)))
				if at == nil {
					t.Fatalf("no clickable spot for province %s on the home page's map", prov.Code)
				}
				ctx, cancel := stepContext(p)
				resp, err := chromedp.RunResponse(ctx, chromedp.MouseClickXY(at.X, at.Y))
				cancel()
				if err != nil {
					t.Fatalf("clicking province %s: %v", prov.Code, err)
				}
				if resp.Status != http.StatusOK {
					t.Errorf("province %s: the page it links to answers %d", prov.Code, resp.Status)
				}
				if url, want := run(p, "reading the location", chromedp.Location()), base+model.ProvincePath(prov.Code); url != want {
					t.Errorf("clicking province %s landed on %s, want %s", prov.Code, url, want)
				}
			}
		})
	}
}

// focused describes the element that has the keyboard focus.
type focused struct {
	Tag, Href, Class string
	InMap            bool // a link on the province map
	Visible          bool // its box is inside the viewport
	Outline          string
	OutlineWidth     float64
	Stroke           string // for a map link: its shape's stroke and width
	StrokeWidth      string
}

// focusJS describes document.activeElement, or gives null when nothing has the focus.
const focusJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return null;
	const cs = getComputedStyle(e), r = e.getBoundingClientRect();
	const shape = e.querySelector("path"), ss = shape && getComputedStyle(shape);
	return {
		Tag: e.tagName.toLowerCase(), Href: e.getAttribute("href") || "",
		Class: e.getAttribute("class") || "", InMap: !!e.closest(".map svg"),
		Visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
			r.left < innerWidth && r.top < innerHeight,
		Outline: cs.outlineStyle, OutlineWidth: parseFloat(cs.outlineWidth) || 0,
		Stroke: ss ? ss.stroke : "", StrokeWidth: ss ? ss.strokeWidth : "",
	};
})()`

// strokesJS gives the stroke of every map unit's shape while nothing has the focus, keyed by
// the unit's link.
const strokesJS = `Object.fromEntries([...document.querySelectorAll(".map svg a[href]")].map(a => {
	const s = a.querySelector("path"), cs = s ? getComputedStyle(s) : null;
	return [a.getAttribute("href"), cs ? cs.stroke + " " + cs.strokeWidth : ""];
}))`

// TestKeyboard tabs through a province page from the top: the skip link comes first and shows
// when focused, and every unit on the map is reached with a visible focus.
func TestKeyboard(t *testing.T) {
	p := open(t, model.ProvincePath("14"), desktop)
	units := eval[map[string]string](p, strokesJS)
	if len(units) == 0 {
		t.Fatal("the province page's map has no unit links")
	}
	tab := func() *focused {
		p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
		return eval[*focused](p, focusJS)
	}

	first := tab()
	switch {
	case first == nil:
		t.Fatal("Tab from the top of the province page focuses nothing")
	case first.Href != "#main" || !strings.Contains(first.Class, "skip"):
		t.Errorf("Tab from the top of the province page focuses <%s href=%q class=%q>, want the skip link to #main", first.Tag, first.Href, first.Class)
	case !first.Visible:
		t.Error("the skip link stays off screen when it has the focus")
	}

	reached := map[string]bool{}
	var unfocusable []string // map links focused without a visible change
	for range 500 {
		f := tab()
		if f == nil || f.Href == first.Href && f.Class == first.Class {
			break // the focus left the page or came round again
		}
		if !f.InMap {
			continue
		}
		reached[f.Href] = true
		ring := f.Outline != "none" && f.OutlineWidth > 0
		stroke := f.Stroke+" "+f.StrokeWidth != units[f.Href]
		if !ring && !stroke || !f.Visible {
			unfocusable = append(unfocusable, fmt.Sprintf("%s (outline %s %gpx, stroke %s %s, on screen %t)", f.Href, f.Outline, f.OutlineWidth, f.Stroke, f.StrokeWidth, f.Visible))
		}
	}
	t.Logf("Tab reached %d of %d map units", len(reached), len(units))
	var missed []string
	for href := range units {
		if !reached[href] {
			missed = append(missed, href)
		}
	}
	slices.Sort(missed)
	if len(missed) > 0 {
		t.Errorf("%d of %d map units are not reached by Tab: %s", len(missed), len(units), strings.Join(missed, ", "))
	}
	if len(unfocusable) > 0 {
		t.Errorf("%d map units show no visible focus:\n%s", len(unfocusable), strings.Join(unfocusable, "\n"))
	}
}
