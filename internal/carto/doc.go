// Package carto projects, simplifies and quantizes unit boundaries into compact inline-SVG maps.
//
// Draw projects WGS84 longitude/latitude with spherical Web Mercator (EPSG:3857,
// via orb/project) and flips the y axis so that north is up. It scales the union
// bound of all features to the target width, makes the map as many whole pixels
// high as the bound's aspect ratio asks, and centres the bound in it.
//
// Map coordinates are integers in a space Precision (10) times finer than the
// display size: a map meant to be shown 800 CSS pixels wide has the viewBox
// "0 0 8000 H", so one SVG unit is a tenth of a pixel. Each ring is simplified
// with Douglas-Peucker at a tolerance given in display pixels, then rounded to
// that grid. Rings are simplified one at a time, so two units may draw their
// shared border up to the tolerance apart.
package carto
