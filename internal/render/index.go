package render

import (
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// siteIndex holds what pages look up about the whole site, computed once per render rather
// than once per page, so that no page's cost grows with the size of the site.
type siteIndex struct {
	asOf         time.Time                        // dataAsOf of the site
	storiesOf    map[string][]int                 // story indexes by "u:"+unit code and "f:"+former key
	formerByCode map[string][]*model.FormerUnit   // former units by code, in the site's order
	metSince     map[*model.FormerUnit]status.Met // see status.Atlas.MetSince
	// recTo is recognizedTo of the site: the year and month recognitions are recorded up to.
	recTo [2]int
}

// index returns the site's index, building it on first use.
func (r *renderer) index() *siteIndex {
	if r.ix != nil {
		return r.ix
	}
	s := r.a.Site
	ix := &siteIndex{asOf: status.DataAsOf(s), storiesOf: map[string][]int{}, formerByCode: map[string][]*model.FormerUnit{}, metSince: r.a.MetSince()}
	ix.recTo[0], ix.recTo[1] = recognizedTo(s)
	for i, st := range s.Stories {
		for _, c := range st.Units {
			ix.storiesOf["u:"+c] = append(ix.storiesOf["u:"+c], i)
		}
		for _, k := range st.FormerUnits {
			ix.storiesOf["f:"+k] = append(ix.storiesOf["f:"+k], i)
		}
	}
	for _, f := range s.Former {
		ix.formerByCode[f.Code] = append(ix.formerByCode[f.Code], f)
	}
	r.ix = ix
	return ix
}
