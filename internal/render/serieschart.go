package render

import (
	"fmt"
	"math"

	"github.com/ntm-atlas/atlas/internal/model"
)

// SeriesChart plots a place's sourced figures over time: for each figure at the standard
// level, the communes that had met it and, where the source says, the communes they are out
// of — count over denominator, each point with its date and source. A merged province's
// former provinces are series of their own, never summed. Drawn at build time like Chart: no
// viewBox, heights in CSS pixels, horizontal positions as shares of the width.
type SeriesChart struct {
	ID          string
	Height      int
	Title, Desc string
	Left, Right string
	Top, Bottom int
	YTicks      []ChartTick
	XTicks      []ChartTick
	Lines       []SeriesLine  // the segments between a series' points, counts and totals
	Points      []SeriesPoint // every point
	Series      []SeriesKey   // the legend
	Rows        []SeriesRow   // the same figures as a table, oldest first
	Whole       string        // the table's word for a figure of the whole place: "cả nước", "cả tỉnh"
}

// SeriesLine is a segment between two points of one series.
type SeriesLine struct {
	X1, X2 string
	Y1, Y2 int
	Class  string // "count s0", "total s0", …
}

// SeriesPoint is one figure on the chart: a count, or the total it is out of.
type SeriesPoint struct {
	X     string
	Y     int
	Class string
	Label string // the figure in words, with its date and source
}

// SeriesKey is one entry of the legend: a series' counts or totals.
type SeriesKey struct {
	Class string
	Label string
}

// SeriesRow is one figure in the chart's table.
type SeriesRow struct {
	When    string
	Area    string // the former province, or "" for the whole place
	Count   string
	Total   string // "" when the source gives none
	Percent string
	Source  Link
}

// seriesChart is the chart of p's figures at the standard level, named place in its title
// ("Việt Nam", "tỉnh Sơn La"), on the years first…last; nil when p has none.
func (r *renderer) seriesChart(p *model.Province, place string, first, last int) *SeriesChart {
	if p == nil {
		return nil
	}
	groups := map[string][]*model.Milestone{}
	var order []string
	hi := 0
	for _, m := range p.Milestones {
		if m.Level != "standard" {
			continue
		}
		if _, ok := groups[m.Area]; !ok {
			order = append(order, m.Area)
		}
		groups[m.Area] = append(groups[m.Area], m)
		hi = max(hi, m.Count, m.Total)
		first = min(first, m.Year)
		last = max(last, m.Year)
	}
	if len(order) == 0 {
		return nil
	}
	code := p.Code
	if code == "" {
		code = "vn"
	}
	whole := r.loc.Phrase("year.series_whole")
	if p.Code == "" {
		whole = r.loc.Phrase("year.series_nation")
	}
	c := &SeriesChart{ID: "series-" + code, Whole: whole, Height: chartHeight, Left: pct(chartLeft), Right: pct(chartRight), Top: chartTop, Bottom: chartBottom}
	step := niceStep(hi)
	top := step * int(math.Ceil(float64(max(hi, 1))/float64(step)))
	yOf := func(n int) int {
		return chartBottom - int(math.Round(float64(n)*float64(chartBottom-chartTop)/float64(top)))
	}
	for v := 0; v <= top; v += step {
		c.YTicks = append(c.YTicks, ChartTick{X: pct(chartLeft), Y: yOf(v), Label: r.loc.Number(v)})
	}
	// A year spans a slot; a figure stands at its month (the end of the year without one).
	years := last - first + 1
	slot := (chartRight - chartLeft) / float64(years)
	xOf := func(m *model.Milestone) string {
		month := m.Month
		if month == 0 {
			month = 12
		}
		return pct(chartLeft + slot*(float64(m.Year-first)+(float64(month)-0.5)/12))
	}
	every := (years + chartMajorTicks - 1) / chartMajorTicks
	for i := 0; i < years; i++ {
		c.XTicks = append(c.XTicks, ChartTick{X: pct(chartLeft + slot*(float64(i)+0.5)), Y: chartBottom + 18,
			Label: fmt.Sprint(first + i), Minor: (years-1-i)%every != 0})
	}
	for i, area := range order {
		series := fmt.Sprintf("s%d", i%4)
		name := r.loc.Phrase("year.series_count")
		totalName := r.loc.Phrase("year.series_total")
		if area != "" {
			part := r.loc.Phrase("nation.part_name", area)
			name, totalName = r.loc.Phrase("year.series_part", name, part), r.loc.Phrase("year.series_part", totalName, part)
		}
		c.Series = append(c.Series, SeriesKey{Class: "count " + series, Label: name})
		hasTotal := false
		var prev, prevTotal *model.Milestone
		for _, m := range groups[area] {
			when := r.loc.MonthYear(m.Year, m.Month)
			row := SeriesRow{When: when, Count: r.loc.Number(m.Count), Source: r.sourceLink(m)}
			if area != "" {
				row.Area = r.loc.Phrase("nation.part_name", area)
			}
			// The point's words, in the page's language; its source is on the table's row.
			label := r.loc.Phrase("year.series_point_count", r.loc.Number(m.Count), when)
			if m.Total > 0 {
				row.Total = r.loc.Number(m.Total)
				row.Percent = r.loc.Phrase("nation.percent", m.Count*100/m.Total)
				label = r.loc.Phrase("year.series_point", r.loc.Number(m.Count), r.loc.Number(m.Total), row.Percent, when)
				c.Points = append(c.Points, SeriesPoint{X: xOf(m), Y: yOf(m.Total), Class: "total " + series, Label: label})
				if prevTotal != nil {
					c.Lines = append(c.Lines, SeriesLine{X1: xOf(prevTotal), Y1: yOf(prevTotal.Total), X2: xOf(m), Y2: yOf(m.Total), Class: "total " + series})
				}
				prevTotal, hasTotal = m, true
			}
			c.Points = append(c.Points, SeriesPoint{X: xOf(m), Y: yOf(m.Count), Class: "count " + series, Label: label})
			if prev != nil {
				c.Lines = append(c.Lines, SeriesLine{X1: xOf(prev), Y1: yOf(prev.Count), X2: xOf(m), Y2: yOf(m.Count), Class: "count " + series})
			}
			prev = m
			c.Rows = append(c.Rows, row)
		}
		if hasTotal {
			c.Series = append(c.Series, SeriesKey{Class: "total " + series, Label: totalName})
		}
	}
	c.Title = r.loc.Phrase("year.series_title", place)
	c.Desc = r.loc.Phrase("year.series_desc")
	return c
}
