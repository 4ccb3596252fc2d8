package topo

import (
	"math"
	"slices"
)

// AreaToKeep returns the minArea at which Simplify keeps about the given fraction (0 to 1) of
// the arcs' removable vertices (every vertex but the arcs' end points), as mapshaper's
// "-simplify 10%" keeps 10 %. Ties and the vertices Simplify puts back to keep rings from
// collapsing can make the kept share a little larger.
func (t *Topology) AreaToKeep(fraction float64) float64 {
	var thr []float64
	var order []int32
	v := new(vis)
	for _, a := range t.Arcs {
		order = order[:0]
		v.run(a, math.Inf(1), &order, &thr)
	}
	if len(thr) == 0 {
		return 0
	}
	slices.Sort(thr)
	remove := len(thr) - int(math.Round(fraction*float64(len(thr))))
	if remove <= 0 {
		return 0
	}
	if remove >= len(thr) {
		return math.Inf(1)
	}
	// Vertices whose doubled effective area is below the limit go; thr is doubled areas.
	return thr[remove] / 2
}
