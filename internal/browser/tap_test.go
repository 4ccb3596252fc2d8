package browser

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ntm-atlas/atlas/internal/model"
)

// tapPreview describes the map's tap preview, or is nil when no preview with a link is shown.
type tapPreview struct {
	Name, Status string
	Link, Text   string // the link to the unit's page: its absolute URL and its words
	Visible      bool   // the box and the link lie inside the viewport
	LinkSize     float64
	AriaHidden   string
}

const previewJS = `(() => {
	const t = document.querySelector(".map .map-tip");
	const a = t && t.querySelector("a[href]");
	if (!t || t.hidden || !a) return null;
	const inside = r => r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
	const r = a.getBoundingClientRect();
	return {
		Name: t.querySelector("strong").textContent, Status: t.querySelector("span").textContent,
		Link: a.href, Text: a.textContent.trim(), Visible: inside(t.getBoundingClientRect()) && inside(r),
		LinkSize: Math.min(r.width, r.height), AriaHidden: t.getAttribute("aria-hidden") || "",
	};
})()`

// tap touches the screen at the point and waits a moment for the page to react; it fails the
// test if the tap navigates.
func tap(p *page, what string, at *point) {
	p.t.Helper()
	before := run(p, "reading the location", chromedp.Location())
	v := visual(p, at)
	p.do(what, chromedp.TapXY(v.X, v.Y), chromedp.Sleep(400*time.Millisecond))
	if now := run(p, "reading the location", chromedp.Location()); now != before {
		p.t.Fatalf("%s left %s for %s", what, before, now)
	}
}

// visual turns a point of the layout viewport (where elementFromPoint and the boxes of
// elements are measured) into one of the visual viewport, where touches land: they differ when
// a page wider than the phone is shown zoomed out.
func visual(p *page, at *point) *point {
	p.t.Helper()
	return eval[*point](p, fmt.Sprintf(`(() => { const v = visualViewport; return {X: (%g - v.offsetLeft) * v.scale, Y: (%g - v.offsetTop) * v.scale}; })()`, at.X, at.Y))
}

// runAxe runs axe-core on the page as it is now and reports its violations as errors; it
// skips the check when axe-core is not installed, as TestAxe does.
func runAxe(t *testing.T, p *page, what string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is not installed (run npm ci): %v", err)
		}
		t.Logf("axe-core is not installed: no accessibility check of %s", what)
		return
	}
	eval[bool](p, string(src)+"\n;true")
	r := eval[axeResult](p, axeRunJS)
	if r.Passes == 0 {
		t.Errorf("%s: axe-core ran no rule that passed", what)
	}
	if vs := r.Violations; len(vs) > 0 {
		t.Errorf("axe-core reports %d violation(s) on %s:\n%s", len(vs), what, formatViolations(vs))
	}
}

// TestMapTap taps a unit on the province map of a touch phone: the first tap shows a preview
// with the unit's name, status and a link to its page and stays on the map; a tap elsewhere
// closes it; a second tap on the same unit goes to its page.
func TestMapTap(t *testing.T) {
	browser(t)
	base := site(t)
	for _, lang := range langDirs {
		t.Run("lang="+strings.TrimSuffix(lang, "/"), func(t *testing.T) {
			unit := shared.site.Units[len(shared.site.Units)/2]
			p := open(t, lang+model.ProvincePath(unit.Province), phone)
			at := unitPoint(p, unit.Code)
			if at == nil {
				t.Fatalf("no spot to tap for unit %s (%s)", unit.Code, unit.FullName())
			}
			tap(p, "the first tap on "+unit.FullName(), at)
			want := base + lang + model.UnitPath(unit.Code)
			got := eval[*tapPreview](p, previewJS)
			switch {
			case got == nil:
				t.Fatalf("the first tap on %s shows no preview with a link", unit.FullName())
			case got.Name != unit.FullName() || got.Status == "":
				t.Errorf("preview of %s: %+v, want its name and status", unit.FullName(), *got)
			case got.Link != want || got.Text == "":
				t.Errorf("preview of %s links %q (%q), want %s", unit.FullName(), got.Link, got.Text, want)
			case !got.Visible || got.LinkSize < 24:
				t.Errorf("preview of %s: on screen %t, link %.0f px, want on screen and at least 24 px", unit.FullName(), got.Visible, got.LinkSize)
			case got.AriaHidden == "true":
				t.Error("the preview's link is hidden from assistive technology (aria-hidden)")
			}
			runAxe(t, p, "the province page with the preview open")

			tap(p, "a tap on the page's heading", eval[*point](p, `(() => { const r = document.querySelector("h1").getBoundingClientRect(); return {X: r.left + 5, Y: r.top + r.height / 2}; })()`))
			if got := eval[*tapPreview](p, previewJS); got != nil {
				t.Errorf("a tap outside the map leaves the preview open: %+v", *got)
			}

			at = unitPoint(p, unit.Code)
			tap(p, "the first tap again", at)
			ctx, cancel := stepContext(p)
			v := visual(p, at)
			resp, err := chromedp.RunResponse(ctx, chromedp.TapXY(v.X, v.Y))
			cancel()
			if err != nil {
				t.Fatalf("the second tap on %s: %v", unit.FullName(), err)
			}
			if resp.Status != http.StatusOK {
				t.Errorf("unit %s: its page answers %d", unit.Code, resp.Status)
			}
			if url := run(p, "reading the location", chromedp.Location()); url != want {
				t.Errorf("the second tap on %s landed on %s, want %s", unit.FullName(), url, want)
			}
		})
	}
}

// smallJS lists the units of the map whose box on screen is under 24 px on a side, with a spot
// 8 px beyond their box that no small unit covers and that is nearer to them than to any other
// small unit: a tap there must still pick them.
const smallJS = `(() => {
	const links = [...document.querySelectorAll(".map svg a[aria-label]")];
	const svg = document.querySelector(".map svg").getBoundingClientRect();
	const boxes = links.map(a => a.getBoundingClientRect());
	const small = links.map((a, i) => Math.min(boxes[i].width, boxes[i].height) < 24);
	const dist = (r, x, y) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
	const abs = a => new URL(a.getAttribute("href"), location.href).href, out = [];
	links.forEach((a, i) => {
		if (!small[i]) return;
		const r = boxes[i], cx = r.left + r.width / 2, cy = r.top + r.height / 2;
		for (const [x, y] of [[r.left - 8, cy], [r.right + 8, cy], [cx, r.top - 8], [cx, r.bottom + 8]]) {
			if (x < svg.left || x > svg.right || y < svg.top || y > svg.bottom || y < 0 || y > innerHeight) continue;
			const hit = document.elementFromPoint(x, y), ha = hit && hit.closest("a[aria-label]");
			if (ha === a || ha && small[links.indexOf(ha)]) continue;
			if (links.some((b, j) => j !== i && small[j] && dist(boxes[j], x, y) <= 8)) continue;
			out.push({Name: a.getAttribute("aria-label").split(": ")[0], Href: abs(a), X: x, Y: y, Other: ha ? abs(ha) : ""});
			return;
		}
	});
	return {Small: small.filter(Boolean).length, Spots: out};
})()`

// TestMapTapSmall taps 8 px beside each unit whose box is under 24 px on a phone (WCAG 2.5.8,
// target size) and checks that the preview shows that unit, not its neighbour.
func TestMapTapSmall(t *testing.T) {
	browser(t)
	site(t)
	p := open(t, model.ProvincePath("14"), phone)
	p.do("scrolling the map into view", chromedp.Evaluate[chromedp.Void](`document.querySelector(".map svg").scrollIntoView({block: "start"})`))
	type spot struct {
		Name, Href, Other string
		X, Y              float64
	}
	s := eval[struct {
		Small int
		Spots []spot
	}](p, smallJS)
	t.Logf("%d units under 24 px at 360 px; %d with a free spot beside them", s.Small, len(s.Spots))
	if s.Small == 0 || len(s.Spots) == 0 {
		t.Fatal("no unit under 24 px with a spot beside it: the test checks nothing")
	}
	eval[bool](p, `(() => { window.__log = []; for (const ev of ["pointerdown", "click"]) document.addEventListener(ev, e => __log.push(ev + " " + (e.pointerType || "") + " " + e.target.tagName + " " + e.clientX + "," + e.clientY), true); return true; })()`)
	for _, sp := range s.Spots {
		eval[bool](p, `(window.__log = [], true)`)
		tap(p, fmt.Sprintf("a tap 8 px beside %s", sp.Name), &point{sp.X, sp.Y})
		got := eval[*tapPreview](p, previewJS)
		switch {
		case got == nil:
			t.Errorf("a tap 8 px beside %s (on %q, at %.0f, %.0f) shows no preview; events %v", sp.Name, sp.Other, sp.X, sp.Y, eval[[]string](p, `window.__log || []`))
		case got.Name != sp.Name || got.Link != sp.Href:
			t.Errorf("a tap 8 px beside %s previews %s (%s)", sp.Name, got.Name, got.Link)
		}
		p.do("pressing Escape", chromedp.KeyEvent(kb.Escape))
	}
}

// stop is a stop of the keyboard focus: focusJS's description, the absolute URL of a link,
// and whether it lies in the map's figure.
type stop struct {
	focused
	URL      string
	InFigure bool
}

const stopJS = `(() => {
	const f = ` + focusJS + `;
	if (!f) return null;
	const e = document.activeElement;
	f.URL = new URL(e.getAttribute("href") || "", location.href).href;
	f.InFigure = !!e.closest("figure.map");
	return f;
})()`

// TestMapTabOrder tabs through a province page, on the desktop and on a phone: in the map, a
// "skip the map" link comes first and shows when focused, then the units in the A–Z order of
// the province's list; the skip link takes the focus past the map, to the table below it.
func TestMapTabOrder(t *testing.T) {
	browser(t)
	site(t)
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			list := open(t, model.ProvincePath("14")+model.UnitsDir, vp)
			az := eval[[]string](list, `[...document.querySelectorAll("table.units tbody a")].map(a => a.href)`)
			if len(az) == 0 {
				t.Fatal("the province's A–Z list has no units")
			}

			p := open(t, model.ProvincePath("14"), vp)
			tab := func() *stop {
				p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
				return eval[*stop](p, stopJS)
			}
			var skip *stop
			var order []string
			for range 300 {
				f := tab()
				if f == nil {
					break
				}
				if !f.InFigure {
					if skip != nil || len(order) > 0 {
						break // past the map
					}
					continue
				}
				if skip == nil && len(order) == 0 {
					if f.InMap {
						t.Fatalf("the first stop of the map is the unit %s, want the skip link", f.URL)
					}
					skip = f
					continue
				}
				if f.InMap {
					order = append(order, f.URL)
				}
			}
			switch {
			case skip == nil:
				t.Fatal("Tab never reached the map")
			case !strings.HasSuffix(skip.URL, "#table") || !skip.Visible:
				t.Errorf("the map's first stop is <%s href=%q>, on screen %t, want a visible link to #table", skip.Tag, skip.Href, skip.Visible)
			}
			if !slices.Equal(order, az) {
				t.Errorf("Tab goes through the map's units in the order\n%s\nwant the A–Z list's\n%s", strings.Join(order, "\n"), strings.Join(az, "\n"))
			}

			// From the top again: Tab to the skip link, follow it, Tab once more.
			p = open(t, model.ProvincePath("14"), vp)
			for range 100 {
				if f := tab(); f != nil && f.InFigure {
					break
				}
			}
			p.do("pressing Enter on the skip link", chromedp.KeyEvent(kb.Enter), chromedp.Sleep(200*time.Millisecond))
			f := tab()
			switch {
			case f == nil:
				t.Fatal("after the skip link, Tab focuses nothing")
			case f.InFigure:
				t.Errorf("after the skip link, Tab focuses %s in the map", f.URL)
			case !eval[bool](p, `!!document.activeElement.closest("#table")`):
				t.Errorf("after the skip link, Tab focuses <%s href=%q>, outside the table below the map", f.Tag, f.Href)
			}
		})
	}
}

// TestHomeMapTabOrder: the national map's first stop is a visible "skip the map" link to the
// provinces' table, and Tab then goes through the provinces in the table's order, A–Z.
func TestHomeMapTabOrder(t *testing.T) {
	for _, lang := range langDirs {
		t.Run("lang="+strings.TrimSuffix(lang, "/"), func(t *testing.T) {
			p := open(t, lang, desktop)
			table := eval[[]string](p, `[...document.querySelectorAll("table.provinces tbody th a")].map(a => a.href)`)
			tab := func() *stop {
				p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
				return eval[*stop](p, stopJS)
			}
			var skip *stop
			var order []string
			for range 200 {
				f := tab()
				if f == nil || (!f.InFigure && (skip != nil || len(order) > 0)) {
					break
				}
				switch {
				case !f.InFigure:
				case skip == nil && len(order) == 0 && !f.InMap:
					skip = f
				case f.InMap:
					order = append(order, f.URL)
				}
			}
			if skip == nil || !strings.HasSuffix(skip.URL, "#provinces") || !skip.Visible {
				t.Errorf("the national map's first stop is %+v, want a visible link to #provinces", skip)
			}
			if len(order) == 0 || !slices.Equal(order, table) {
				t.Errorf("Tab goes through the provinces in the order\n%s\nwant the table's\n%s", strings.Join(order, "\n"), strings.Join(table, "\n"))
			}
		})
	}
}
