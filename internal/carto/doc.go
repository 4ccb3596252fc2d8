// Package carto projects, quantizes and simplifies unit boundaries into compact, gap-free
// inline-SVG maps.
//
// Projection. Draw projects WGS84 longitude/latitude with spherical Web Mercator (EPSG:3857,
// via orb/project) and flips the y axis so that north is up. Web Mercator is conformal, so
// shapes keep their local aspect across Vietnam's 15° of latitude (scale grows by about 8 %
// from the south to the north of the country, which is what readers of web maps expect). It
// scales the union bound of all features to the target width, makes the map as many whole
// pixels high as the bound's aspect ratio asks, and centres the bound in it.
//
// Grid. Map coordinates are integers in a space Precision (10) times finer than the display
// size: a map meant to be shown 800 CSS pixels wide has the viewBox "0 0 8000 H", so one SVG
// unit is a tenth of a pixel. Every vertex is rounded to that grid before anything else, which
// makes vertices that neighbours share exactly equal.
//
// Snapping. Source boundaries are not always exactly topological: neighbours may draw their
// common border with different vertices. With Options.Snap, topo.Snap first merges and
// inserts vertices within that many grid units so that such borders become identical.
//
// Topology. The quantized units go to package topo, which finds the borders they share
// (arcs), cuts rings where three or more units meet, simplifies each arc once with
// Visvalingam-Whyatt, repairs crossings that simplification made, and rebuilds the rings, so
// neighbours stay gap-free and overlap-free at every size and no unit disappears. The level of
// detail comes from the map's size: Options.Tolerance is in display pixels.
//
// Paths are written with relative commands (l, h, v), integer coordinates and no redundant
// characters; see Shape.Path.
package carto
