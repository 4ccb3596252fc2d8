package topo

// Simplify returns a new topology whose arcs are t's simplified once each
// with Visvalingam-Whyatt: interior vertices whose effective area is below
// minArea, in squared plane units, are removed; end points (nodes) stay, so
// neighbours keep a common border. No ring collapses: where a ring would be
// left with no area, or with its area's sign flipped, the most important
// removed vertices of its arcs are put back, last removed first, until it has
// its sign again, so no unit disappears; the same holds for each lobe of a
// ring that passes through a node twice. Each arc stays a state Visvalingam
// passed through, so a ring's area changes by less than minArea times the
// vertices its arcs lost. t is left untouched; the result shares no slices
// with it. The arcs are simplified in parallel.
func (t *Topology) Simplify(minArea float64) *Topology {
	out := &Topology{Arcs: make([][]Point, len(t.Arcs)), Shapes: cloneShapes(t.Shapes)}
	limit := 2 * minArea
	vs := make([]*vis, workers())
	for w := range vs {
		vs[w] = new(vis)
	}
	parallel(len(t.Arcs), 16, func(w, a int) {
		out.Arcs[a] = gather(t.Arcs[a], vs[w].run(t.Arcs[a], limit, nil, nil))
	})
	keepArea(t, out, limit)
	return out
}
