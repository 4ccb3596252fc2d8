// Package geometry draws the atlas's maps from the site's boundaries: each province's map and
// locator, and the national map of the provinces. It is the derive step of the geometry, as
// internal/status is that of the statuses.
package geometry

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Map sizes in CSS pixels.
const (
	ProvinceMapWidth = 800
	LocatorMapWidth  = 240
	NationMapWidth   = 800
)

// Province holds the maps drawn for one province.
type Province struct {
	Main    *carto.Map // the province map, about 800 px wide
	Locator *carto.Map // the locator map on unit pages, about 240 px wide
}

// Maps are every map of a site.
type Maps struct {
	Provinces map[string]*Province // by province code
	Nation    *carto.Map           // nil for a site without units on a boundary
}

// Draw draws every map of site. tick, when not nil, is called after each province with how
// many of them are drawn.
func Draw(site *model.Site, tick func(done, total int)) (*Maps, error) {
	provs, err := Provinces(site, tick)
	if err != nil {
		return nil, err
	}
	nation, err := Nation(site)
	if err != nil {
		return nil, err
	}
	return &Maps{Provinces: provs, Nation: nation}, nil
}

// Provinces draws each province's map and locator from the site's boundaries, calling
// tick(done, total) after each province when tick is not nil.
func Provinces(site *model.Site, tick func(done, total int)) (map[string]*Province, error) {
	byProv := map[string][]carto.Feature{}
	units := model.NewIndex(site).Units
	for _, b := range site.Boundaries {
		u := units[b.Code]
		if u == nil {
			continue
		}
		byProv[u.Province] = append(byProv[u.Province], carto.Feature{Code: b.Code, Geometry: b.Geometry})
	}
	codes := make([]string, 0, len(byProv))
	for prov := range byProv {
		codes = append(codes, prov)
	}
	sort.Strings(codes)
	// Provinces are drawn on every core, the largest first so that none is left alone at
	// the end: carto.Draw spreads only some of its steps over the cores.
	sort.SliceStable(codes, func(i, j int) bool { return len(byProv[codes[i]]) > len(byProv[codes[j]]) })
	drawn := make([]*Province, len(codes))
	errs := make([]error, len(codes))
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(codes)) {
		wg.Go(func() {
			for i := range next {
				drawn[i], errs[i] = drawProvince(codes[i], byProv[codes[i]])
				if tick != nil {
					mu.Lock()
					done++
					tick(done, len(codes))
					mu.Unlock()
				}
			}
		})
	}
	for i := range codes {
		next <- i
	}
	close(next)
	wg.Wait()
	out := map[string]*Province{}
	for i, prov := range codes {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[prov] = drawn[i]
	}
	return out, nil
}

// drawProvince draws the map and locator of province prov from its units' boundaries.
func drawProvince(prov string, fs []carto.Feature) (*Province, error) {
	main, err := carto.Draw(fs, carto.Options{Width: ProvinceMapWidth, SourceCrossings: true, Snap: 1})
	if err != nil {
		return nil, fmt.Errorf("province %s map: %w", prov, err)
	}
	loc, err := carto.Draw(fs, carto.Options{Width: LocatorMapWidth, Snap: 1})
	if err != nil {
		return nil, fmt.Errorf("province %s locator: %w", prov, err)
	}
	return &Province{Main: main, Locator: loc}, nil
}

// Nation draws the map of the provinces: every unit's boundary, dissolved by province, so
// that the provinces share their borders exactly as their units do. It is nil for a site
// without units on a boundary.
func Nation(site *model.Site) (*carto.Map, error) {
	units := model.NewIndex(site).Units
	var fs []carto.Feature
	var groups []string
	for _, b := range site.Boundaries {
		if u := units[b.Code]; u != nil {
			fs = append(fs, carto.Feature{Code: b.Code, Geometry: b.Geometry})
			groups = append(groups, u.Province)
		}
	}
	if len(fs) == 0 {
		return nil, nil
	}
	m, err := carto.Draw(fs, carto.Options{Width: NationMapWidth, Groups: groups, Snap: 1})
	if err != nil {
		return nil, fmt.Errorf("national map: %w", err)
	}
	return m, nil
}
