package render

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
