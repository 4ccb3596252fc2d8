package status

import (
	"strconv"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Share is what a province's (or the nation's) sourced totals say: how many of its communes
// met the standard at a dated point.
type Share struct {
	Met, Total int
	// Year and Month date the figure; for a sum over parts, the earliest part's date.
	Year, Month int
	// Sources are the milestones summed: one for the whole province, or one per part.
	Sources []*model.Milestone
}

// Percent is the share in whole per cent, rounded down, so that 99.6 % is never shown as
// 100 % before every commune has met the standard.
func (s Share) Percent() int { return s.Met * 100 / s.Total }

// ShareOf returns what p's milestones at the standard level with a stated total say as of the
// end of year (0: the latest figure), and false when they say nothing. A milestone for the
// whole province wins over its parts when it is at least as recent as all of them; otherwise
// the latest figure of every part of p.Parts is summed, which needs one for each part.
func ShareOf(p *model.Province, year int) (Share, bool) {
	if p == nil {
		return Share{}, false
	}
	var whole *model.Milestone
	parts := map[string]*model.Milestone{}
	for _, m := range p.Milestones { // sorted by date: later ones replace earlier ones
		if m.Level != "standard" || m.Total <= 0 || (year != 0 && m.Year > year) {
			continue
		}
		if m.Area == "" {
			whole = m
		} else {
			parts[m.Area] = m
		}
	}
	if len(p.Parts) > 0 && len(parts) == len(p.Parts) && (whole == nil || before(whole, parts)) {
		var s Share
		for _, name := range p.Parts {
			m := parts[name]
			s.Met += m.Count
			s.Total += m.Total
			if s.Year == 0 || m.Year < s.Year || (m.Year == s.Year && m.Month < s.Month) {
				s.Year, s.Month = m.Year, m.Month
			}
			s.Sources = append(s.Sources, m)
		}
		return s, true
	}
	if whole == nil {
		return Share{}, false
	}
	return Share{Met: whole.Count, Total: whole.Total, Year: whole.Year, Month: whole.Month, Sources: []*model.Milestone{whole}}, true
}

// before reports whether m is older than any of the parts' figures.
func before(m *model.Milestone, parts map[string]*model.Milestone) bool {
	for _, p := range parts {
		if m.Year < p.Year || (m.Year == p.Year && m.Month < p.Month) {
			return true
		}
	}
	return false
}

// ShareBins are the lower bounds, in per cent, of the classes ShareClass gives: a sequential
// scale from "under half" to "every commune".
var ShareBins = []int{0, 50, 70, 85, 100}

// ShareClass is the map class of a share: "share-1" (under 50 %) to "share-5" (100 %).
func ShareClass(s Share) Class {
	pc := s.Percent()
	k := 0
	for i, lo := range ShareBins {
		if pc >= lo {
			k = i
		}
	}
	return Class("share-" + strconv.Itoa(k+1))
}
