package topo

// Build finds the arcs shared by the shapes' rings and returns the topology
// with a report of its size and of the source defects found per shape.
// Consecutive duplicate vertices and spikes (a vertex between two copies of
// one point) are removed and unclosed rings closed; rings left with fewer
// than 3 distinct vertices or no area are dropped, an outer ring with its
// holes. Rings are rewound: outer rings positive, holes negative (see the
// package doc). The work is spread over GOMAXPROCS goroutines.
func Build(shapes []Shape) (*Topology, Report) {
	f, out, warnings := flatten(shapes)
	node, nodes := findNodes(f)
	c := newCutter(f, node)
	rep := Report{Shapes: len(shapes), Rings: len(f.start), Nodes: nodes, Warnings: warnings}
	for r := range f.start {
		sl := f.slot[r]
		out[sl.shape].Polygons[sl.poly][sl.ring] = c.ring(r)
		rep.Points += int(f.end[r] - f.start[r])
	}
	t := &Topology{Arcs: c.arcs(), Shapes: out}
	rep.Arcs = len(t.Arcs)
	rep.ArcPoints = len(c.buf)
	for _, u := range c.uses {
		if u >= 2 {
			rep.SharedArcs++
		}
	}
	return t, rep
}
