package topo

import (
	"fmt"
	"strings"
)

// Report sums up what Build found.
type Report struct {
	Shapes     int // shapes given
	Rings      int // rings kept
	Points     int // vertices of the kept rings, closing points not counted
	Arcs       int // arcs in the topology
	SharedArcs int // arcs used by two or more rings
	ArcPoints  int // vertices stored in the arcs, end points included
	Nodes      int // distinct points where arcs meet
	// Warnings lists, per shape, the source defects found, in shape order.
	Warnings []Warning
}

// Warning lists the defects Build found, and mended or dropped, in one shape.
type Warning struct {
	ID         int  // the shape's ID
	Duplicates int  // consecutive duplicate vertices, removed
	Spikes     int  // vertices whose two neighbours are the same point, removed
	Unclosed   int  // rings whose last point was not their first, closed
	Short      int  // rings with fewer than 3 distinct vertices, dropped
	Flat       int  // rings enclosing no area, dropped
	Orphans    int  // holes dropped with their dropped outer ring
	Empty      bool // no ring left: the shape has no polygon
}

// String describes the warning in one line.
func (w Warning) String() string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(w.Duplicates, "duplicate vertices removed")
	add(w.Spikes, "spikes removed")
	add(w.Unclosed, "unclosed rings closed")
	add(w.Short, "rings with fewer than 3 distinct vertices dropped")
	add(w.Flat, "rings with no area dropped")
	add(w.Orphans, "holes of dropped rings dropped")
	if w.Empty {
		parts = append(parts, "no ring left")
	}
	return fmt.Sprintf("shape %d: %s", w.ID, strings.Join(parts, ", "))
}

// any reports whether the warning has anything to say.
func (w Warning) any() bool {
	return w.Duplicates+w.Spikes+w.Unclosed+w.Short+w.Flat+w.Orphans > 0 || w.Empty
}
