package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ntm-atlas/atlas/internal/model"
)

// tip describes the map's tooltip, or is nil when it is hidden.
type tip struct {
	Name, Status string
	Visible      bool // it has a box inside the viewport
	AriaHidden   string
}

const tipJS = `(() => {
	const t = document.querySelector(".map .map-tip");
	if (!t || t.hidden) return null;
	const r = t.getBoundingClientRect(), cs = getComputedStyle(t);
	return {
		Name: t.querySelector("strong").textContent, Status: t.querySelector("span").textContent,
		Visible: cs.display !== "none" && cs.visibility !== "hidden" && r.width > 0 && r.height > 0 &&
			r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
		AriaHidden: t.getAttribute("aria-hidden") || "",
	};
})()`

// TestMapTooltip points at a unit on the province page's map, then moves the keyboard focus to a
// unit, and checks each time that the tooltip shows that unit's name and status; Escape hides
// it.
func TestMapTooltip(t *testing.T) {
	browser(t)
	site(t)
	unit := shared.site.Units[len(shared.site.Units)/2]
	p := open(t, model.ProvincePath(unit.Province), desktop)

	at := unitPoint(p, unit.Code)
	if at == nil {
		t.Fatalf("no spot to point at for unit %s (%s)", unit.Code, unit.FullName())
	}
	p.do("moving the mouse onto the unit", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y))
	got := eval[*tip](p, tipJS)
	switch {
	case got == nil:
		t.Fatalf("pointing at %s shows no tooltip", unit.FullName())
	case got.Name != unit.FullName() || got.Status == "" || !got.Visible:
		t.Errorf("pointing at %s: tooltip %+v, want its name and status, visible", unit.FullName(), *got)
	case got.AriaHidden != "true":
		t.Errorf("the tooltip repeats the link's label to screen readers (aria-hidden=%q)", got.AriaHidden)
	}
	if n := eval[int](p, `document.querySelectorAll(".map svg a title").length`); n != 0 {
		t.Errorf("%d units keep their <title>, whose browser tooltip would cover the script's", n)
	}
	p.do("pressing Escape", chromedp.KeyEvent(kb.Escape))
	if got := eval[*tip](p, tipJS); got != nil {
		t.Errorf("Escape leaves the tooltip shown: %+v", *got)
	}
	p.do("moving the mouse away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))

	// Tab from the top until a unit of the map has the focus (Chromium stops on the <svg>
	// itself first, which has no label).
	var name string
	for range 200 {
		p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
		f := eval[*struct {
			InMap bool
			Label string
		}](p, `(() => { const e = document.activeElement; return e && {InMap: !!e.closest(".map svg"), Label: e.getAttribute("aria-label") || ""}; })()`)
		if f != nil && f.InMap && f.Label != "" {
			name, _, _ = strings.Cut(f.Label, ": ")
			break
		}
	}
	if name == "" {
		t.Fatal("Tab never reached a unit of the map")
	}
	got = eval[*tip](p, tipJS)
	switch {
	case got == nil:
		t.Fatalf("focusing %s by keyboard shows no tooltip", name)
	case got.Name != name || got.Status == "" || !got.Visible:
		t.Errorf("focusing %s: tooltip %+v, want its name and status, visible", name, *got)
	}
	p.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	if got := eval[*tip](p, tipJS); got != nil && got.Name == name {
		t.Errorf("the tooltip of %s stays after the focus left it", name)
	}
}
