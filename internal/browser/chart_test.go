package browser

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// chartFacts is what chartJS measures of a years chart.
type chartFacts struct {
	LegendHeight   float64   // the chart legend's height, px
	LegendLines    int       // its entries
	LineHeights    []float64 // each entry's height, px
	Swatches       []float64 // each swatch's or marker's larger side, px
	SmallestLabel  float64   // the smallest rendered font size of a visible axis label, px
	Labels         int       // the visible axis labels
	Overlaps       []string  // pairs of visible year labels that overlap
	Series         []string  // the legend's level names, in order
	Header         []string  // the data table's level names, in column order
	MarkerShapes   []string  // the shapes of the legend's markers
	PressShapes    []string  // the shapes the chart's press markers use, one per distinct shape
	UnknownMarkers int       // press markers in the chart whose shape the legend does not show
}

// chartJS measures the years chart of the page, as a reader sees it.
const chartJS = `(() => {
	const fig = document.querySelector("figure.chart"), lg = fig.querySelector(".chart-legend");
	const items = [...lg.querySelectorAll("li")];
	const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== "none";
	const labels = [...fig.querySelectorAll("svg text.tick")].filter(visible);
	const size = t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
	const years = labels.filter(t => t.classList.contains("x")).map(t => [t.textContent, t.getBoundingClientRect()]);
	const overlaps = [];
	for (let i = 1; i < years.length; i++) {
		if (years[i][1].left < years[i-1][1].right) overlaps.push(years[i-1][0] + "/" + years[i][0]);
	}
	const shape = el => el.getAttribute("d") || (el.getAttribute("href") && document.querySelector(el.getAttribute("href")).getAttribute("d")) || el.getAttribute("points") || "";
	const legendShapes = [...lg.querySelectorAll(".press")].map(shape);
	const press = [...fig.querySelectorAll("svg:not(.marker) .press")].map(shape);
	return {
		LegendHeight: lg.getBoundingClientRect().height,
		LegendLines: items.length,
		LineHeights: items.map(li => li.getBoundingClientRect().height),
		Swatches: [...lg.querySelectorAll("li > .dot, li > svg, li > .swatch")].map(el => { const r = el.getBoundingClientRect(); return Math.max(r.width, r.height); }),
		SmallestLabel: Math.min(...labels.map(size)),
		Labels: labels.length,
		Overlaps: overlaps,
		Series: items.filter(li => li.dataset.class).map(li => li.querySelector(".name").textContent.trim()),
		Header: [...document.querySelectorAll("table.chart-data thead th")].slice(1, -1).map(th => th.textContent.trim()),
		MarkerShapes: legendShapes,
		PressShapes: [...new Set(press)],
		UnknownMarkers: press.filter(s => !legendShapes.includes(s)).length,
	};
})()`

// TestYearsChart checks the years chart at 360 px and on the desktop: a compact legend (a
// line per level and per press marker, swatches at most 24 px), axis labels of at least 12 px
// as rendered that do not overlap, a marker shape per level that the legend explains, and the
// same level names in the legend and the data table, highest level first.
func TestYearsChart(t *testing.T) {
	province := model.ProvincePath("14")
	for _, path := range []string{model.YearsDir, enDir + model.YearsDir, province + model.YearsDir, enDir + province + model.YearsDir} {
		for _, vp := range []viewport{phone, desktop} {
			t.Run(strings.TrimSuffix(path, "/")+"/"+vp.name, func(t *testing.T) {
				p := open(t, path, vp)
				f := eval[chartFacts](p, chartJS)
				if f.LegendHeight >= 160 {
					t.Errorf("the chart legend is %.0f px tall, want under 160", f.LegendHeight)
				}
				for i, h := range f.LineHeights {
					if h > 48 {
						t.Errorf("legend entry %d is %.0f px tall, want one or two lines (≤ 48)", i+1, h)
					}
				}
				for i, s := range f.Swatches {
					if s > 24 || s < 8 {
						t.Errorf("legend swatch %d is %.0f px, want 8–24", i+1, s)
					}
				}
				if f.Labels < 4 || f.SmallestLabel < 12 {
					t.Errorf("%d visible axis labels, the smallest %.1f px as rendered; want ≥ 12 px", f.Labels, f.SmallestLabel)
				}
				if len(f.Overlaps) > 0 {
					t.Errorf("year labels overlap: %v", f.Overlaps)
				}
				if len(f.Series) != len(f.Header) || len(f.Series) == 0 {
					t.Fatalf("legend levels %q, table levels %q", f.Series, f.Header)
				}
				for i, name := range f.Series {
					// The legend lists the highest level first, the table the lowest.
					if want := f.Header[len(f.Header)-1-i]; name != want {
						t.Errorf("legend level %d is %q, the table calls it %q", i+1, name, want)
					}
				}
				seen := map[string]bool{}
				for _, s := range f.MarkerShapes {
					if seen[s] {
						t.Errorf("two legend entries share the marker %q", s)
					}
					seen[s] = true
				}
				if len(f.PressShapes) > len(f.MarkerShapes) || f.UnknownMarkers > 0 {
					t.Errorf("the chart's press markers have %d shapes, %d markers not in the legend; the legend shows %d", len(f.PressShapes), f.UnknownMarkers, len(f.MarkerShapes))
				}
				if strings.Contains(path, province) && len(f.MarkerShapes) < 2 {
					t.Errorf("Sơn La's chart has press totals at two levels; the legend shows %d marker(s)", len(f.MarkerShapes))
				}
			})
		}
	}
}
