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
	const fig = document.querySelector("figure.chart:not(.series)"), lg = fig.querySelector(".chart-legend");
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
	// The national overview plots the sourced figures instead (TestSeriesChart).
	for _, path := range []string{province + model.YearsDir, enDir + province + model.YearsDir} {
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

// seriesFacts is what seriesJS measures of a series chart.
type seriesFacts struct {
	SmallestLabel float64  // px, as rendered
	Labels        int      // visible axis labels
	Overlaps      []string // pairs of visible year labels that overlap
	Swatches      []float64
	Points        int // the chart's points
	Untitled      int // points without a title
	Rows          int // the table's rows
	Sourced       int // rows that name their source
	Counts        int // points of counts, one a row
}

// seriesJS measures the page's chart of sourced figures.
const seriesJS = `(() => {
	const fig = document.querySelector("figure.chart.series");
	if (!fig) return null;
	const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== "none";
	const labels = [...fig.querySelectorAll("svg text.tick")].filter(visible);
	const size = t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
	const years = labels.filter(t => t.classList.contains("x")).map(t => [t.textContent, t.getBoundingClientRect()]);
	const overlaps = [];
	for (let i = 1; i < years.length; i++) {
		if (years[i][1].left < years[i-1][1].right) overlaps.push(years[i-1][0] + "/" + years[i][0]);
	}
	const points = [...fig.querySelectorAll("svg.chart-plot circle")];
	const rows = [...document.querySelectorAll("table.series-data tbody tr")];
	return {
		SmallestLabel: Math.min(...labels.map(size)),
		Labels: labels.length,
		Overlaps: overlaps,
		Swatches: [...fig.querySelectorAll(".chart-legend svg")].map(el => { const r = el.getBoundingClientRect(); return Math.max(r.width, r.height); }),
		Points: points.length,
		Untitled: points.filter(c => !c.querySelector("title") || !c.querySelector("title").textContent).length,
		Rows: rows.length,
		Sourced: rows.filter(r => r.querySelector("td:last-child").textContent.trim() !== "").length,
		Counts: points.filter(c => c.classList.contains("count")).length,
	};
})()`

// TestSeriesChart checks the chart of sourced figures on the national and a province's
// overview, at 360 px and on the desktop, in both languages: axis labels of at least 12 px as
// rendered that do not overlap, legend markers of 8–24 px, a title on every point, and a table
// row with its source for every figure.
func TestSeriesChart(t *testing.T) {
	for _, path := range []string{model.YearsDir, enDir + model.YearsDir, model.ProvincePath("14") + model.YearsDir} {
		for _, vp := range []viewport{phone, desktop} {
			t.Run(strings.TrimSuffix(path, "/")+"/"+vp.name, func(t *testing.T) {
				f := eval[*seriesFacts](open(t, path, vp), seriesJS)
				switch {
				case f == nil:
					t.Fatal("the page has no chart of sourced figures")
				case f.Points == 0 || f.Counts != f.Rows || f.Sourced != f.Rows:
					t.Errorf("%d points (%d counts), %d table rows of which %d name their source; want a row with its source for each count", f.Points, f.Counts, f.Rows, f.Sourced)
				case f.Untitled > 0:
					t.Errorf("%d points have no title", f.Untitled)
				}
				if f.Labels < 4 || f.SmallestLabel < 12 {
					t.Errorf("%d visible axis labels, the smallest %.1f px as rendered; want ≥ 12 px", f.Labels, f.SmallestLabel)
				}
				if len(f.Overlaps) > 0 {
					t.Errorf("year labels overlap: %v", f.Overlaps)
				}
				for i, s := range f.Swatches {
					if s > 24 || s < 8 {
						t.Errorf("legend marker %d is %.0f px, want 8–24", i+1, s)
					}
				}
			})
		}
	}
}
