package model

// Index looks up a site's content by identity. Build it with NewIndex once the site is read.
type Index struct {
	Sets       map[string]*CriteriaSet
	Provinces  map[string]*Province
	Units      map[string]*Unit       // by code
	Former     map[string]*FormerUnit // by Key
	Boundaries map[string]*Boundary   // by code
	Stories    map[string]*Story      // by slug
}

// NewIndex indexes s. Where two entries share an identity, the first wins; validation reports
// the duplicate.
func NewIndex(s *Site) *Index {
	ix := &Index{
		Sets:       map[string]*CriteriaSet{},
		Provinces:  map[string]*Province{},
		Units:      map[string]*Unit{},
		Former:     map[string]*FormerUnit{},
		Boundaries: map[string]*Boundary{},
		Stories:    map[string]*Story{},
	}
	for _, x := range s.CriteriaSets {
		putFirst(ix.Sets, x.ID, x)
	}
	for _, x := range s.Provinces {
		putFirst(ix.Provinces, x.Code, x)
	}
	for _, x := range s.Units {
		putFirst(ix.Units, x.Code, x)
	}
	for _, x := range s.Former {
		putFirst(ix.Former, x.Key(), x)
	}
	for _, x := range s.Boundaries {
		putFirst(ix.Boundaries, x.Code, x)
	}
	for _, x := range s.Stories {
		putFirst(ix.Stories, x.Slug, x)
	}
	return ix
}

func putFirst[T any](m map[string]T, k string, v T) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}
