package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestYearSlider moves the year slider of a year page, with the keyboard and by setting its
// value, and checks that the map's colours change in place, that the address carries the
// year, and that loading that address shows the same year.
func TestYearSlider(t *testing.T) {
	base := site(t)
	province := model.ProvincePath("14")
	// Chiềng An's link on the map, and its shape: a <use> of the province's shapes file.
	link := ".map " + hrefEnds(model.UnitPath("03664"))
	shape := query(link+" use") + `.getAttribute("class")`
	for _, lang := range langDirs {
		t.Run("lang="+strings.TrimSuffix(lang, "/"), func(t *testing.T) {
			p := open(t, lang+province+model.YearPath(2014), desktop)
			// Chiềng An: nothing in 2014, Chiềng Xôm from 2015, all its communes from 2019.
			if got := eval[string](p, shape); got != "no-data" {
				t.Fatalf("Chiềng An in 2014: class %q, want no-data", got)
			}
			if !sliderShown(p) {
				t.Fatal("the slider is still hidden: years.js did not run, or did not get its data")
			}
			// The keyboard: focus the slider and press the right arrow.
			p.do("pressing → on the slider", chromedp.Focus(chromedp.CSS("#year-range")), chromedp.KeyEvent(kb.ArrowRight))
			if got := eval[string](p, `document.getElementById("year-now").textContent`); got != "2015" {
				t.Errorf("after →, the slider shows %q, want 2015", got)
			}
			if got := eval[string](p, shape); got != "former-some" {
				t.Errorf("Chiềng An in 2015: class %q, want former-some", got)
			}
			// Setting the value, as a pointer drag does.
			eval[bool](p, `(() => { const r = document.getElementById("year-range"); r.value = "2019"; r.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
			if got := eval[string](p, shape); got != "former-all" {
				t.Errorf("Chiềng An in 2019: class %q, want former-all", got)
			}
			fill := eval[string](p, "getComputedStyle("+query(link+" use")+").fill")
			if !strings.Contains(fill, "pat-former-all") {
				t.Errorf("Chiềng An in 2019: fill %q, want the former-all pattern", fill)
			}
			url := run(p, "reading the location", chromedp.Location())
			if want := base + lang + province + model.YearPath(2019); url != want {
				t.Errorf("address after the slider: %s, want %s", url, want)
			}
			if h1 := run(p, "reading the h1", chromedp.Text(chromedp.CSS("h1"))); !strings.Contains(h1, "2019") {
				t.Errorf("h1 after the slider: %q, want it to name 2019", h1)
			}
			label := eval[string](p, query(link+" title")+`.textContent`)
			// The legend shows the classes on the 2019 map with their counts and shares, and
			// the table the statuses of 2019, as the 2019 page itself has them.
			const legendJS = `document.querySelector(".legend ul").innerText`
			const tableJS = `document.querySelector(".map-table caption").textContent + document.querySelector(".map-table tbody").textContent`
			legend, table := eval[string](p, legendJS), eval[string](p, tableJS)
			// Reload the shared address: the same year, and the same label for the unit.
			p.navigate(url)
			if !sliderShown(p) {
				t.Fatalf("reloaded %s: the slider is still hidden", url)
			}
			if got := eval[string](p, legendJS); got != legend {
				t.Errorf("the legend of %s:\n%s\nthe slider made it:\n%s", url, got, legend)
			}
			if got := eval[string](p, tableJS); got != table {
				t.Errorf("the table of %s differs from the one the slider made", url)
			}
			if got := eval[string](p, `document.getElementById("year-range").value`); got != "2019" {
				t.Errorf("reloaded %s: slider at %s, want 2019", url, got)
			}
			if got := eval[string](p, shape); got != "former-all" {
				t.Errorf("reloaded %s: Chiềng An's class %q, want former-all", url, got)
			}
			if got := eval[string](p, query(link+" title")+`.textContent`); got != label {
				t.Errorf("reloaded %s: Chiềng An's label %q, the slider had %q", url, got, label)
			}
		})
	}
}

// sliderShownJS waits, up to 5 s, for years.js to show the slider, which it does once it has
// fetched the slider's data (model.SliderPath), and says whether it did.
const sliderShownJS = `new Promise(r => { const t0 = Date.now(); (function f() {
	const b = document.querySelector(".year-slider");
	if (b && !b.hidden) r(true); else if (Date.now() - t0 > 5000) r(false); else setTimeout(f, 20);
})(); })`

// sliderShown waits for years.js to show the slider (sliderShownJS) and reports whether it did.
func sliderShown(p *page) bool {
	return eval[bool](p, sliderShownJS)
}
