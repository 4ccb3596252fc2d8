package status

import (
	"github.com/ntm-atlas/atlas/internal/model"
)

// FigureKind says what a province's sourced figure is, and so how the national map shows it.
type FigureKind int

// The kinds of figure, from the most to the least that can be said.
const (
	// NoFigure: no source gives a count of the province's communes meeting the standard.
	NoFigure FigureKind = iota
	// ShareFigure: a count and the number of communes it is out of, of one moment — one
	// milestone for the whole province, or one per part of a merged province, all of the
	// same month.
	ShareFigure
	// CountFigure: a count for the whole province without the number it is out of.
	CountFigure
	// PartsFigure: figures for the parts of a merged province (its former provinces) that
	// are not of one moment, or not for every part: shown part by part, never summed.
	PartsFigure
)

// A Figure is what a province's (or the nation's) sourced totals at the standard level say
// of it as of the end of a year: the figure the national map classes it by.
type Figure struct {
	Kind FigureKind
	// Share is the count and its total, for ShareFigure; for CountFigure its Met is the
	// count and its Total 0.
	Share Share
	// Parts are, for PartsFigure, every part of the province in its order, each with its
	// latest figure or none.
	Parts []PartFigure
}

// PartFigure is one part of a merged province and its latest figure at the standard level,
// nil when no source gives one.
type PartFigure struct {
	Area      string
	Milestone *model.Milestone
}

// Moment is a year and a month (0 when the source gives only the year); the zero Moment is no
// date.
type Moment struct{ Year, Month int }

// Before reports whether d is earlier than e. A year without a month stands for its end.
func (d Moment) Before(e Moment) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	return monthOrEnd(d.Month) < monthOrEnd(e.Month)
}

func monthOrEnd(m int) int {
	if m == 0 {
		return 12
	}
	return m
}

// dateOf is a milestone's date.
func dateOf(m *model.Milestone) Moment { return Moment{m.Year, m.Month} }

// Date is the date of the figure: for parts, the earliest of their figures; the zero Moment
// for NoFigure.
func (f Figure) Date() Moment {
	switch f.Kind {
	case ShareFigure, CountFigure:
		return Moment{f.Share.Year, f.Share.Month}
	case PartsFigure:
		var d Moment
		for _, p := range f.Parts {
			if p.Milestone != nil && (d.Year == 0 || dateOf(p.Milestone).Before(d)) {
				d = dateOf(p.Milestone)
			}
		}
		return d
	}
	return Moment{}
}

// Milestones are the figures the figure is made of, in order.
func (f Figure) Milestones() []*model.Milestone {
	if f.Kind == PartsFigure {
		var out []*model.Milestone
		for _, p := range f.Parts {
			if p.Milestone != nil {
				out = append(out, p.Milestone)
			}
		}
		return out
	}
	return f.Share.Sources
}

// Class is the national map's class of the figure: "share-1" … "share-5" for a share (see
// ShareClass), CountOnly, Parts, or NoData.
func (f Figure) Class() Class {
	switch f.Kind {
	case ShareFigure:
		return ShareClass(f.Share)
	case CountFigure:
		return CountOnly
	case PartsFigure:
		return Parts
	}
	return NoData
}

// The national map's classes of the provinces that have a figure but no share of one moment.
const (
	CountOnly Class = "count-only" // a count without the number it is out of
	Parts     Class = "parts"      // figures for parts of a merged province, not of one moment
	// Older marks, over its class, a province whose figure is older data (Figure.Older).
	Older Class = "older"
)

// FigureOf returns what p's milestones at the standard level say as of the end of year (0:
// the latest figures). The whole province's latest figure wins when it is at least as
// recent as every part's; otherwise, for a merged province, the parts' latest figures are
// summed when every part has one with its total and all are of the same month, and shown
// part by part when not. A figure never combines counts of different dates.
func FigureOf(p *model.Province, year int) Figure {
	if p == nil {
		return Figure{}
	}
	var whole *model.Milestone
	parts := map[string]*model.Milestone{}
	for _, m := range p.Milestones { // sorted by date: later ones replace earlier ones
		if m.Level != "standard" || (year != 0 && m.Year > year) {
			continue
		}
		if m.Area == "" {
			whole = m
		} else {
			parts[m.Area] = m
		}
	}
	if whole != nil && !olderThanAPart(whole, parts) {
		return wholeFigure(whole)
	}
	if len(parts) == 0 {
		if whole != nil {
			return wholeFigure(whole)
		}
		return Figure{}
	}
	f := Figure{Kind: PartsFigure}
	for _, name := range p.Parts {
		f.Parts = append(f.Parts, PartFigure{Area: name, Milestone: parts[name]})
	}
	if s, ok := sameMoment(f.Parts); ok {
		return Figure{Kind: ShareFigure, Share: s}
	}
	return f
}

// olderThanAPart reports whether m is older than any of the parts' figures.
func olderThanAPart(m *model.Milestone, parts map[string]*model.Milestone) bool {
	for _, p := range parts {
		if dateOf(m).Before(dateOf(p)) {
			return true
		}
	}
	return false
}

// wholeFigure is the figure of a milestone for the whole province.
func wholeFigure(m *model.Milestone) Figure {
	s := Share{Met: m.Count, Total: m.Total, Year: m.Year, Month: m.Month, Sources: []*model.Milestone{m}}
	if m.Total > 0 {
		return Figure{Kind: ShareFigure, Share: s}
	}
	return Figure{Kind: CountFigure, Share: s}
}

// sameMoment sums the parts' figures when every part has one with its total and all are of
// the same year and month.
func sameMoment(parts []PartFigure) (Share, bool) {
	var s Share
	for i, p := range parts {
		m := p.Milestone
		if m == nil || m.Total <= 0 || (i > 0 && dateOf(m) != dateOf(parts[0].Milestone)) {
			return Share{}, false
		}
		s.Met += m.Count
		s.Total += m.Total
		s.Year, s.Month = m.Year, m.Month
		s.Sources = append(s.Sources, m)
	}
	return s, len(parts) > 0
}

// Newest is the date of the newest of the figures, the zero Moment when none has one.
func Newest(figures []Figure) Moment {
	var d Moment
	for _, f := range figures {
		for _, m := range f.Milestones() {
			if d.Before(dateOf(m)) {
				d = dateOf(m)
			}
		}
	}
	return d
}

// OlderYears is how much older than the newest figure shown on a map a figure may be before
// the map marks it as older data.
const OlderYears = 2

// OlderThan is the date before which a figure is older data, on a map whose newest figure
// is of newest: OlderYears before it.
func OlderThan(newest Moment) Moment {
	if newest.Year == 0 {
		return Moment{}
	}
	return Moment{newest.Year - OlderYears, newest.Month}
}

// Older reports whether any figure f is made of is dated before limit.
func (f Figure) Older(limit Moment) bool {
	if limit.Year == 0 {
		return false
	}
	for _, m := range f.Milestones() {
		if dateOf(m).Before(limit) {
			return true
		}
	}
	return false
}
