package render

import (
	"fmt"
	"math"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Chart is a bar chart drawn at build time, for a layout to write as inline SVG: every
// position is computed here, and colours come from CSS classes only (the site's
// Content-Security-Policy allows no inline style). The SVG has no viewBox: its heights are
// CSS pixels and its horizontal positions shares of its width, so that it fills a phone's
// screen or a desktop's column with its text at the stylesheet's size, never scaled down.
type Chart struct {
	ID          string
	Height      int // in CSS pixels
	Title, Desc string
	Left, Right string // the plot's horizontal extent, as shares of the width ("12%")
	Top, Bottom int    // its vertical extent; Bottom is the zero line
	YTicks      []ChartTick
	XTicks      []ChartTick
	Bars        []ChartBar    // one per year and level, zero-height ones too
	Press       []ChartMarker // the totals the press reported
	Markers     []ChartSymbol // the press markers' shapes, one per level
	Series      []ChartSeries // what the bars' classes and the markers mean, for the legend
	Levels      []i18n.Text   // the levels, in the order of ChartRow.Counts
	Rows        []ChartRow    // the same numbers as a table
}

// ChartTick is a labelled position on an axis: X a share of the width, Y in pixels. Minor
// ticks are the year labels a narrow screen leaves out, so that the others do not overlap.
type ChartTick struct {
	X     string
	Y     int
	Label string
	Minor bool
}

// ChartBar is one bar: the former communes named at a level or above by the end of a year.
type ChartBar struct {
	X, W  string // shares of the width
	Y, H  int
	Class string
	Year  int
	Level string // the level's id
	Count int
	Label string
}

// ChartMarker is a total reported by the press, drawn as its level's symbol over its year's
// bar of the same level.
type ChartMarker struct {
	X      string // a share of the width
	Y      int
	Symbol string // the id of its level's ChartSymbol
	Label  string
}

// ChartSymbol is the shape of one level's press markers, centred on 0,0.
type ChartSymbol struct {
	ID   string
	Path string
}

// ChartSeries is one level in the chart's legend: its bars' class and, when the press
// reported a total at that level, its marker.
type ChartSeries struct {
	Class  string
	Label  i18n.Text
	Symbol *ChartSymbol
}

// ChartRow is one year of the chart's table.
type ChartRow struct {
	Year   int
	Counts []int    // named communes at each level or above, as the bars
	Press  []string // the press totals of the year, in words
}

// Chart geometry: horizontal extents as shares of the width, vertical ones in CSS pixels.
// The left margin holds the y-axis labels ("7.000" is 36 px wide at 13 px on a phone).
const (
	chartHeight = 300
	chartLeft   = 13.0
	chartRight  = 95.0 // room for half the last year's label
	chartTop    = 12
	chartBottom = chartHeight - 28
	// chartMajorTicks is how many year labels a narrow screen shows at most.
	chartMajorTicks = 6
)

// chartSymbols are the press markers' shapes, one per level in rank order: a diamond, a
// triangle, a square, a circle, so that each level's totals are told apart without colour.
var chartSymbols = []string{
	"M0-7 7 0 0 7-7 0Z",
	"M0-7 7 6-7 6Z",
	"M-6-6H6V6H-6Z",
	"M-6 0A6 6 0 1 0 6 0A6 6 0 1 0-6 0Z",
}

// pct writes a share of the chart's width as an SVG length.
func pct(v float64) string { return fmt.Sprintf("%.2f%%", v) }

// chart plots, for each year of asOf and each of levels, how many former communes of p the
// data names at that level or above by the end of the year, beside p's milestones.
func (r *renderer) chart(p *model.Province, place string, asOf []*status.Year, levels []*model.Level) *Chart {
	c := &Chart{ID: "chart-" + p.Code, Height: chartHeight,
		Left: pct(chartLeft), Right: pct(chartRight), Top: chartTop, Bottom: chartBottom}
	if len(asOf) == 0 || len(levels) == 0 {
		return nil
	}
	name := r.chartLevelName
	// press[year][level] is the last milestone of that year at that level.
	press := map[int]map[string]*model.Milestone{}
	pressed := map[string]bool{}
	hi := 0
	for _, m := range p.Milestones {
		if press[m.Year] == nil {
			press[m.Year] = map[string]*model.Milestone{}
		}
		press[m.Year][m.Level] = m
		pressed[m.Level] = true
		hi = max(hi, m.Count)
	}
	// The bars count p's own former communes, not the nation's.
	for _, y := range asOf {
		hi = max(hi, y.InProvince[p.Code][levels[0].Rank])
	}
	step := niceStep(hi)
	top := step * int(math.Ceil(float64(max(hi, 1))/float64(step)))
	scale := func(n int) int {
		return chartBottom - int(math.Round(float64(n)*float64(chartBottom-chartTop)/float64(top)))
	}
	for v := 0; v <= top; v += step {
		c.YTicks = append(c.YTicks, ChartTick{X: pct(chartLeft), Y: scale(v), Label: r.loc.Number(v)})
	}
	symbol := map[string]string{}
	for i, l := range levels {
		sym := &ChartSymbol{ID: fmt.Sprintf("%s-m%d", c.ID, i), Path: chartSymbols[i%len(chartSymbols)]}
		c.Markers = append(c.Markers, *sym)
		symbol[l.ID] = sym.ID
		c.Levels = append(c.Levels, name(l))
		s := ChartSeries{Class: string(status.RankClass(l.Rank)), Label: name(l)}
		if pressed[l.ID] {
			s.Symbol = sym
		}
		// The legend lists the highest level first, as the map legends do.
		c.Series = append([]ChartSeries{s}, c.Series...)
	}
	slot := (chartRight - chartLeft) / float64(len(asOf))
	barW := slot * 0.8 / float64(len(levels))
	every := (len(asOf) + chartMajorTicks - 1) / chartMajorTicks
	for i, y := range asOf {
		x0 := chartLeft + slot*float64(i) + slot*0.1
		c.XTicks = append(c.XTicks, ChartTick{X: pct(chartLeft + slot*(float64(i)+0.5)), Y: chartBottom + 18,
			Label: fmt.Sprint(y.Year), Minor: (len(asOf)-1-i)%every != 0})
		row := ChartRow{Year: y.Year}
		for j, l := range levels {
			n := y.InProvince[p.Code][l.Rank]
			x := x0 + barW*float64(j)
			y0 := scale(n)
			c.Bars = append(c.Bars, ChartBar{X: pct(x), W: pct(barW), Y: y0, H: chartBottom - y0, Class: string(status.RankClass(l.Rank)),
				Year: y.Year, Level: l.ID, Count: n, Label: r.loc.Phrase("year.bar_label", y.Year, name(l).Value, n)})
			row.Counts = append(row.Counts, n)
			if m := press[y.Year][l.ID]; m != nil {
				c.Press = append(c.Press, ChartMarker{X: pct(x + barW/2), Y: scale(m.Count), Symbol: symbol[l.ID],
					Label: r.loc.Phrase("year.press_label", r.loc.MonthYear(m.Year, m.Month), name(l).Value, r.loc.Number(m.Count))})
				row.Press = append(row.Press, r.loc.Phrase("year.press_cell", name(l).Value, r.loc.Number(m.Count), r.loc.MonthYear(m.Year, m.Month)))
			}
		}
		c.Rows = append(c.Rows, row)
	}
	c.Title = r.loc.Phrase("year.chart_title", place, asOf[0].Year, asOf[len(asOf)-1].Year)
	c.Desc = r.loc.Phrase("year.chart_desc")
	return c
}

// chartLevelName names a level of the chart as the map legends name its class (classLabel),
// when it is the level of that class in the set in force; a level of an older set that the
// set in force does not have (nâng cao, kiểu mẫu) keeps its own name, not the name of the
// set in force's level of the same rank.
func (r *renderer) chartLevelName(l *model.Level) i18n.Text {
	if set := r.a.Index.Sets[r.a.Site.Config.CriteriaSet]; set != nil {
		for _, m := range set.Levels {
			if m.Rank == l.Rank && m.ID == l.ID {
				return r.classLabel(status.RankClass(l.Rank))
			}
		}
	}
	return r.loc.LevelName(l)
}

// niceStep is a step of 1, 2 or 5 times a power of ten that divides 0..hi into at most 8.
func niceStep(hi int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if hi <= 8*m*p {
				return m * p
			}
		}
	}
}
