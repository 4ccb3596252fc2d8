package status

import (
	"slices"

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
	// CompleteFigure: a decision or report that every commune of the whole province met the
	// standard (a province-wide [[area_recognitions]]), newer than any count: no count, but
	// not nothing either.
	CompleteFigure
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
	// Completion is, for CompleteFigure, the province-wide recognition.
	Completion *model.AreaRecognition
}

// PartFigure is one part of a merged province and its latest figure at the standard level:
// a count (Milestone), or a recognition that every commune of the part met it (Completion)
// when that is newer than any count; both nil when no source gives either.
type PartFigure struct {
	Area       string
	Milestone  *model.Milestone
	Completion *model.AreaRecognition
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

// DateOfCompletion is a province-wide recognition's date.
func DateOfCompletion(a *model.AreaRecognition) Moment { return Moment{a.Year, a.Month} }

// Date is the date of the figure: for parts, the earliest of their figures; the zero Moment
// for NoFigure.
func (f Figure) Date() Moment {
	switch f.Kind {
	case ShareFigure, CountFigure:
		return Moment{f.Share.Year, f.Share.Month}
	case CompleteFigure:
		return DateOfCompletion(f.Completion)
	case PartsFigure:
		var d Moment
		for _, e := range f.dates() {
			if d.Year == 0 || e.Before(d) {
				d = e
			}
		}
		return d
	}
	return Moment{}
}

// dates are the dates of the figures f is made of.
func (f Figure) dates() []Moment {
	var out []Moment
	for _, m := range f.Milestones() {
		out = append(out, dateOf(m))
	}
	for _, a := range f.Completions() {
		out = append(out, DateOfCompletion(a))
	}
	return out
}

// Completions are the province-wide recognitions the figure is made of, in order.
func (f Figure) Completions() []*model.AreaRecognition {
	if f.Kind == CompleteFigure {
		return []*model.AreaRecognition{f.Completion}
	}
	var out []*model.AreaRecognition
	for _, p := range f.Parts {
		if p.Completion != nil {
			out = append(out, p.Completion)
		}
	}
	return out
}

// Milestones are the figures the figure is made of, in order.
func (f Figure) Milestones() []*model.Milestone {
	if f.Kind == CompleteFigure {
		return nil
	}
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
// ShareClass), CountOnly, Parts, Complete, or NoData.
func (f Figure) Class() Class {
	switch f.Kind {
	case ShareFigure:
		return ShareClass(f.Share)
	case CountFigure:
		return CountOnly
	case PartsFigure:
		return Parts
	case CompleteFigure:
		return Complete
	}
	return NoData
}

// The national map's classes of the provinces that have a figure but no share of one moment.
const (
	CountOnly Class = "count-only" // a count without the number it is out of
	Parts     Class = "parts"      // figures for parts of a merged province, not of one moment
	Complete  Class = "complete"   // every commune of the province met it, by a province-wide recognition
	// Older marks, over its class, a province whose figure is older data (Figure.Older).
	Older Class = "older"
)

// FigureOf returns what p's milestones and province-wide recognitions at the standard level
// say as of the end of year (0: the latest figures). For the whole province and for each part
// of a merged one, the latest count stands, unless a decision or report that every commune
// met the standard is newer (a completion: it stands then, as what it is, never as a count).
// The whole province's latest figure wins when it is at least as recent as every part's;
// otherwise, for a merged province, the parts' latest counts are summed when every part has
// one with its total and all are of the same month, and shown part by part when not. A
// figure never combines counts of different dates.
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
	done := completions(p, year)
	var dates []Moment // of every part's latest figure
	for _, m := range parts {
		dates = append(dates, dateOf(m))
	}
	for area, a := range done {
		if area != "" {
			dates = append(dates, DateOfCompletion(a))
		}
	}
	notOlder := func(d Moment) bool { return !slices.ContainsFunc(dates, d.Before) }
	if c := done[""]; c != nil && (whole == nil || dateOf(whole).Before(DateOfCompletion(c))) && notOlder(DateOfCompletion(c)) {
		return Figure{Kind: CompleteFigure, Completion: c}
	}
	if whole != nil && notOlder(dateOf(whole)) {
		return wholeFigure(whole)
	}
	if len(dates) == 0 {
		if whole != nil {
			return wholeFigure(whole)
		}
		return Figure{}
	}
	f := Figure{Kind: PartsFigure}
	for _, name := range p.Parts {
		pf := PartFigure{Area: name, Milestone: parts[name]}
		if c := done[name]; c != nil && (pf.Milestone == nil || dateOf(pf.Milestone).Before(DateOfCompletion(c))) {
			pf.Milestone, pf.Completion = nil, c
		}
		f.Parts = append(f.Parts, pf)
	}
	if s, ok := sameMoment(f.Parts); ok {
		return Figure{Kind: ShareFigure, Share: s}
	}
	return f
}

// completions are p's latest province-wide recognitions at the standard level by the end of
// year (0: all), by the part they cover ("" for the whole province): those that recognise
// (a decision or a report) and give a year.
func completions(p *model.Province, year int) map[string]*model.AreaRecognition {
	out := map[string]*model.AreaRecognition{}
	for _, a := range p.Areas {
		if a.Scope != model.ScopeProvince || a.Level != "standard" || !model.Recognises(a.KindOf()) || a.Year == 0 || (year != 0 && a.Year > year) {
			continue
		}
		if prev := out[a.Area]; prev == nil || !DateOfCompletion(a).Before(DateOfCompletion(prev)) {
			out[a.Area] = a
		}
	}
	return out
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
		for _, e := range f.dates() {
			if d.Before(e) {
				d = e
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
	return slices.ContainsFunc(f.dates(), func(d Moment) bool { return d.Before(limit) })
}
