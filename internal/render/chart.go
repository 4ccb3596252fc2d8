package render

import (
	"fmt"
	"math"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/stats"
)

// Chart is a bar chart drawn at build time, for a layout to write as inline SVG: every
// position is computed here, and colours come from CSS classes only (the site's
// Content-Security-Policy allows no inline style).
type Chart struct {
	ID            string
	Width, Height int
	Title, Desc   string
	Left, Right   int // the plot's horizontal extent
	Top, Bottom   int // its vertical extent; Bottom is the zero line
	YTicks        []ChartTick
	XTicks        []ChartTick
	Bars          []ChartBar    // one per year and level, zero-height ones too
	Press         []ChartMarker // the totals the press reported
	Series        []ChartSeries // what the bars' classes mean, for the legend
	Levels        []Text        // the levels, in the order of ChartRow.Counts
	Rows          []ChartRow    // the same numbers as a table
}

// ChartTick is a labelled position on an axis.
type ChartTick struct {
	X, Y  int
	Label string
}

// ChartBar is one bar: the former communes named at a level or above by the end of a year.
type ChartBar struct {
	X, Y, W, H int
	Class      string
	Year       int
	Level      string // the level's id
	Count      int
	Label      string
}

// ChartMarker is a total reported by the press, drawn as a diamond over its year's bar of the
// same level.
type ChartMarker struct {
	X, Y   int
	Points string // the diamond's polygon
	Label  string
}

// ChartSeries is one entry of the chart's legend.
type ChartSeries struct {
	Class string
	Label Text
}

// ChartRow is one year of the chart's table.
type ChartRow struct {
	Year   int
	Counts []int    // named communes at each level or above, as the bars
	Press  []string // the press totals of the year, in words
}

// Chart geometry, in the SVG's user units.
const (
	chartWidth  = 720
	chartHeight = 300
	chartLeft   = 44
	chartRight  = chartWidth - 8
	chartTop    = 12
	chartBottom = chartHeight - 28
)

// chart plots, for each year of asOf and each of levels, how many former communes of p the
// data names at that level or above by the end of the year, beside p's milestones.
func (r *renderer) chart(p *model.Province, asOf []*stats.Year, levels []*model.Level) *Chart {
	c := &Chart{ID: "chart-" + p.Code, Width: chartWidth, Height: chartHeight,
		Left: chartLeft, Right: chartRight, Top: chartTop, Bottom: chartBottom}
	if len(asOf) == 0 || len(levels) == 0 {
		return nil
	}
	// press[year][level] is the last milestone of that year at that level.
	press := map[int]map[string]*model.Milestone{}
	hi := 0
	for _, m := range p.Milestones {
		if press[m.Year] == nil {
			press[m.Year] = map[string]*model.Milestone{}
		}
		press[m.Year][m.Level] = m
		hi = max(hi, m.Count)
	}
	for _, y := range asOf {
		hi = max(hi, y.AtLeast[levels[0].Rank])
	}
	step := niceStep(hi)
	top := step * int(math.Ceil(float64(max(hi, 1))/float64(step)))
	scale := func(n int) int {
		return chartBottom - int(math.Round(float64(n)*float64(chartBottom-chartTop)/float64(top)))
	}
	for v := 0; v <= top; v += step {
		c.YTicks = append(c.YTicks, ChartTick{X: chartLeft - 6, Y: scale(v), Label: r.loc.Number(v)})
	}
	slot := float64(chartRight-chartLeft) / float64(len(asOf))
	barW := slot * 0.8 / float64(len(levels))
	for _, l := range levels {
		c.Series = append(c.Series, ChartSeries{Class: string(stats.RankClass(l.Rank)), Label: r.levelName(l)})
		c.Levels = append(c.Levels, r.levelName(l))
	}
	for i, y := range asOf {
		x0 := float64(chartLeft) + slot*float64(i) + slot*0.1
		c.XTicks = append(c.XTicks, ChartTick{X: int(math.Round(float64(chartLeft) + slot*(float64(i)+0.5))), Y: chartBottom + 18, Label: fmt.Sprint(y.Year)})
		row := ChartRow{Year: y.Year}
		for j, l := range levels {
			n := y.AtLeast[l.Rank]
			x := int(math.Round(x0 + barW*float64(j)))
			w := int(math.Round(x0+barW*float64(j+1))) - x
			y0 := scale(n)
			c.Bars = append(c.Bars, ChartBar{X: x, Y: y0, W: w, H: chartBottom - y0, Class: string(stats.RankClass(l.Rank)),
				Year: y.Year, Level: l.ID, Count: n, Label: r.loc.t("year.bar_label", y.Year, r.levelName(l).Value, n)})
			row.Counts = append(row.Counts, n)
			if m := press[y.Year][l.ID]; m != nil {
				cx, cy := x+w/2, scale(m.Count)
				c.Press = append(c.Press, ChartMarker{X: cx, Y: cy,
					Points: fmt.Sprintf("%d,%d %d,%d %d,%d %d,%d", cx, cy-7, cx+7, cy, cx, cy+7, cx-7, cy),
					Label:  r.loc.t("year.press_label", r.loc.MonthYear(m.Year, m.Month), r.levelName(l).Value, m.Count)})
				row.Press = append(row.Press, r.loc.t("year.press_cell", r.levelName(l).Value, m.Count, r.loc.MonthYear(m.Year, m.Month)))
			}
		}
		c.Rows = append(c.Rows, row)
	}
	c.Title = r.loc.t("year.chart_title", p.Name, asOf[0].Year, asOf[len(asOf)-1].Year)
	c.Desc = r.loc.t("year.chart_desc")
	return c
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
