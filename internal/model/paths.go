package model

// Paths of the files the journalists' bar offers (docs/urls.md), relative to the site root.
// Pages are folders ending in "/"; the home page is "".

// MapSVGPath is the path of the standalone SVG of the map shown on the page at page: beside
// the page ("tinh/14/map.svg", "tinh/14/nam/2016/map.svg", "nam/2016/map.svg"), except the
// home page's national map, which is the whole atlas's map among the downloads
// ("data/atlas.svg"). One file serves the page in every language.
func MapSVGPath(page string) string {
	if page == "" {
		return "data/atlas.svg"
	}
	return page + "map.svg"
}

// UnitDataPath is the path of one current unit's own download, "csv" or "json":
// "data/xa-03664.csv", beside the province downloads "data/tinh-14.csv".
func UnitDataPath(code, ext string) string { return "data/xa-" + code + "." + ext }
