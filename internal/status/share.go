package status

import (
	"strconv"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Share is what a province's (or the nation's) sourced totals say: how many of its communes
// met the standard at a dated point.
type Share struct {
	Met, Total int
	// Year and Month date the figure: a sum is only ever of parts of the same month.
	Year, Month int
	// Sources are the milestones summed: one for the whole province, or one per part.
	Sources []*model.Milestone
}

// Percent is the share in whole per cent, rounded down, so that 99.6 % is never shown as
// 100 % before every commune has met the standard.
func (s Share) Percent() int { return s.Met * 100 / s.Total }

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
