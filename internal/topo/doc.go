// Package topo simplifies neighbouring polygons without gaps or overlaps by simplifying each shared border (arc) once.
//
// Build finds the arcs: the borders between nodes, where the set of rings
// using a vertex changes. Coordinates are integers, so shared vertices are
// found exactly; borders must share their vertices to be shared. Rings are
// rewound by Build so that every outer ring has a positive shoelace area
// (counter-clockwise with y up, clockwise on screen with y down) and every hole
// a negative one; the rings of all later topologies keep that rule.
// Arithmetic is exact int64 for coordinates within ±2^29.
package topo
