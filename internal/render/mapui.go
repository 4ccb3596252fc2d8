package render

import "github.com/ntm-atlas/atlas/internal/vi"

// mapScript is the asset that turns a province map into an interface: a tooltip with the
// unit's name and status on hover and on keyboard focus (layouts/assets/map.js).
const mapScript = "map.js"

// mapUI adds to a province's map what makes it usable beyond the picture: the script of its
// tooltip, linked from a page with the given root, and the list of its units, A–Z, which is
// the equivalent of the map for units too small to point at (WCAG 2.2, 2.5.8 target size).
func (r *renderer) mapUI(d *ProvinceData, root string) {
	if d.Map == nil {
		return
	}
	d.Script = r.mapScriptPath(root)
	d.MapUnits = append([]ShapeView(nil), d.Map.Shapes...)
	// By name, then type, as the A–Z table sorts: "Chiềng An" before "Chiềng Cơi" whatever
	// their types.
	vi.SortFunc(d.MapUnits, func(s ShapeView) string {
		u := r.a.Index.Units[s.Code]
		return u.Name + " " + u.Type
	})
}

// mapScriptPath is the path of the maps' tooltip script from a page with the given root, or
// "" when the site has none.
func (r *renderer) mapScriptPath(root string) string {
	if p, ok := r.assetPaths[mapScript]; ok {
		return root + p
	}
	return ""
}
