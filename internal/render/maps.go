package render

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// locatorSVG draws a province's locator background as a standalone SVG image. Its look is in
// presentation attributes, which need no stylesheet: an SVG shown as an image has none.
func locatorSVG(m *carto.Map) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%d" height="%d">`, m.ViewBox(), m.PixelWidth, m.PixelHeight)
	b.WriteString(`<path fill="#d9d9d9" fill-rule="evenodd" stroke="#fff" stroke-width="6" stroke-linejoin="round" d="`)
	for _, sh := range m.Shapes {
		b.WriteString(sh.Path)
	}
	b.WriteString("\"/></svg>\n")
	return b.Bytes()
}

// locatorView is the view of a province's locator on the page of the unit code: the
// background image at root and the unit's own shape over it, with those of the units also
// highlighted with it.
func (r *renderer) locatorView(m *carto.Map, home, root, code string, also ...string) *MapView {
	v := &MapView{ViewBox: m.ViewBox(), Width: m.PixelWidth, Height: m.PixelHeight, Focus: code, Also: also,
		Background: root + model.LocatorPath(r.a.Index.Units[code].Province), ViewW: m.Width, ViewH: m.Height}
	// Only the focused shapes are drawn over the background: they alone are viewed, not the
	// province's every shape (which mapView would name, class and sort).
	for _, sh := range m.Shapes {
		if !v.Focused(sh.Code) {
			continue
		}
		if s, ok := r.shapeView(sh, home); ok {
			v.Shapes = append(v.Shapes, s)
		}
		if sh.Code == code {
			v.LabelPoint = [2]int{int(sh.Label[0]), int(sh.Label[1])}
		}
	}
	r.sortShapes(v.Shapes)
	return v
}

// locators writes each province's locator background (locatorSVG).
func (r *renderer) locators() {
	for code, m := range r.opts.Maps {
		r.out.put(model.LocatorPath(code), locatorSVG(m.Locator))
	}
}

// classOrder is the order of the status classes in every legend: the recognized levels of the
// criteria set in force from the highest, then the units whose former communes all, or some,
// had met the standard, then the levels below the standard from the highest, and no data.
func (r *renderer) classOrder() []status.Class {
	var top, below []status.Class
	if set := r.a.Index.Sets[r.a.Site.Config.CriteriaSet]; set != nil {
		levels := append([]*model.Level(nil), set.Levels...)
		sort.SliceStable(levels, func(i, j int) bool { return levels[i].Rank > levels[j].Rank })
		for _, l := range levels {
			if l.Recognized {
				top = append(top, status.RankClass(l.Rank))
			} else {
				below = append(below, status.RankClass(l.Rank))
			}
		}
	}
	out := append(top, status.FormerAll, status.AreaAll, status.FormerSome, status.AreaSome)
	return append(append(out, below...), status.NotCovered, status.NoData)
}

// classLabel names a status class in the legends and the years chart: one name per class.
func (r *renderer) classLabel(c status.Class) i18n.Text {
	switch c {
	case status.FormerAll:
		return i18n.Text{Value: r.loc.Phrase("legend.former_all")}
	case status.FormerSome:
		return i18n.Text{Value: r.loc.Phrase("legend.former_some")}
	case status.AreaAll:
		return i18n.Text{Value: r.loc.Phrase("legend.area_all")}
	case status.AreaSome:
		return i18n.Text{Value: r.loc.Phrase("legend.area_some")}
	case status.NoData:
		return i18n.Text{Value: r.loc.Phrase("legend.no_data")}
	case status.NotCovered:
		return i18n.Text{Value: r.loc.Phrase("legend.not_covered")}
	}
	// The set in force names a rank; a rank it lacks is named by the newest set that has it.
	sets := []*model.CriteriaSet{r.a.Index.Sets[r.a.Site.Config.CriteriaSet]}
	for i := len(r.a.Site.CriteriaSets) - 1; i >= 0; i-- {
		sets = append(sets, r.a.Site.CriteriaSets[i])
	}
	for _, set := range sets {
		if set == nil {
			continue
		}
		for _, l := range set.Levels {
			if status.RankClass(l.Rank) == c {
				return r.loc.Local(l.NameEn, l.Name)
			}
		}
	}
	return i18n.Text{Value: string(c)}
}

// percent is n's share of total in words: "12%", "<1%" for a few of many.
func (r *renderer) percent(n, total int) string {
	if total == 0 {
		return ""
	}
	p := (n*100 + total/2) / total
	if p == 0 && n > 0 {
		return r.loc.Phrase("legend.under_one")
	}
	return r.loc.Phrase("nation.percent", p)
}

// legendOf is the legend of a map whose classes are counted in counts, out of total, in the
// order given; a class shows when it is on the map, or, on a year page, when shown says it
// is on the map of another year (it is then hidden until years.js shows that year).
func (r *renderer) legendOf(order []status.Class, label func(status.Class) i18n.Text, counts map[status.Class]int, total int, shown func(status.Class) bool) Legend {
	lg := Legend{Total: total, Under: r.loc.Phrase("legend.under_one")}
	for _, c := range order {
		n := counts[c]
		if n == 0 && (shown == nil || !shown(c)) {
			continue
		}
		lg.Items = append(lg.Items, LegendItem{Class: string(c), Label: label(c), Count: n, Percent: r.percent(n, total), Hidden: n == 0})
		switch {
		case strings.HasPrefix(string(c), "rank-"):
			lg.Solid = true
		case c == status.FormerAll || c == status.FormerSome || c == status.NotCovered:
			// The stripes' note also says why wards and townships are not covered.
			lg.Striped = true
		case c == status.AreaAll || c == status.AreaSome:
			lg.Area = true
		}
	}
	return lg
}

// legend is the legend of a map of units: the classes they have, counted.
func (r *renderer) legend(units []*model.Unit) Legend {
	counts := map[status.Class]int{}
	for _, u := range units {
		counts[r.a.Statuses[u.Code].Class]++
	}
	return r.legendOf(r.classOrder(), r.classLabel, counts, len(units), nil)
}

// mapView is a drawn map whose units link to their pages in the page's language, below home.
func (r *renderer) mapView(m *carto.Map, home string, focus string) *MapView {
	if m == nil {
		return nil
	}
	v := &MapView{ViewBox: m.ViewBox(), Width: m.PixelWidth, Height: m.PixelHeight, Focus: focus, Interact: focus == ""}
	for _, sh := range m.Shapes {
		if s, ok := r.shapeView(sh, home); ok {
			v.Shapes = append(v.Shapes, s)
		}
		if sh.Code == focus {
			v.LabelPoint = [2]int{int(sh.Label[0]), int(sh.Label[1])}
		}
	}
	r.sortShapes(v.Shapes)
	return v
}

// shapeView is a unit's shape on a map linked below home, or false for a shape of no unit.
func (r *renderer) shapeView(sh carto.Shape, home string) (ShapeView, bool) {
	u := r.a.Index.Units[sh.Code]
	st := r.a.Statuses[sh.Code]
	if u == nil || st == nil {
		return ShapeView{}, false
	}
	return ShapeView{
		Code:   sh.Code,
		Path:   sh.Path,
		Href:   home + model.UnitPath(sh.Code),
		Name:   u.FullName(),
		Status: r.loc.StatusText(st),
		Class:  string(st.Class),
	}, true
}

// sortShapes puts shapes in the order of the A–Z list (mapRows), which the keyboard goes
// through: each unit's place in the whole site's order, computed once per render.
func (r *renderer) sortShapes(shapes []ShapeView) {
	if r.unitOrder == nil {
		r.unitOrder = unitOrder(r.a.Site)
	}
	sort.SliceStable(shapes, func(i, j int) bool { return r.unitOrder[shapes[i].Code] < r.unitOrder[shapes[j].Code] })
}

// unitOrder maps each current unit's code to its place in the order of names and types.
func unitOrder(s *model.Site) map[string]int {
	units := append([]*model.Unit(nil), s.Units...)
	vi.SortFunc(units, func(u *model.Unit) string { return u.Name + " " + u.Type })
	order := make(map[string]int, len(units))
	for i, u := range units {
		order[u.Code] = i
	}
	return order
}

// mapScript is the asset that turns a province map into an interface: a tooltip with the
// unit's name and status on hover and on keyboard focus (layouts/assets/map.js).
const mapScript = "map.js"

// mapUI adds to a province's map the script of its tooltip, linked from a page with the given
// root. The map's table (MapTable) is the equivalent of the map for units too small to point
// at (WCAG 2.2, 2.5.8 target size): every unit a link in a row.
func (r *renderer) mapUI(d *ProvinceData, root string) {
	if d.Map == nil {
		return
	}
	d.Script = r.mapScriptPath(root)
}

// mapScriptPath is the path of the maps' tooltip script from a page with the given root, or
// "" when the site has none.
func (r *renderer) mapScriptPath(root string) string {
	if p, ok := r.assetPaths[mapScript]; ok {
		return root + p
	}
	return ""
}
