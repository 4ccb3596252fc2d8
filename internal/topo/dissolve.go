package topo

import "slices"

// Dissolve returns the topology of groups of t's shapes, such as provinces of
// communes: group[i] is shape i's group key. Arcs a group uses both ways (the
// borders between its own shapes) are dropped; the rest are chained into
// rings, each turning as sharply left as it can where several could follow, so
// rings that touch at a node come out apart. Rings are sorted into outer rings
// and holes by the sign of their area and each hole goes to the smallest outer
// ring holding it; polygons come largest first. The result has one shape per
// group key, in order of first appearance, with the key as ID, and only the
// arcs still used, renumbered.
// Where neighbours' borders are not exactly shared (a gap or an overlap in the
// source, with vertices of its own), the sliver comes out as a small hole or
// polygon. Dissolve panics if len(group) != len(t.Shapes).
func (t *Topology) Dissolve(group []int) *Topology {
	if len(group) != len(t.Shapes) {
		panic("topo: Dissolve needs one group key per shape")
	}
	var keys []int
	members := map[int][]int{}
	for i, g := range group {
		if _, ok := members[g]; !ok {
			keys = append(keys, g)
		}
		members[g] = append(members[g], i)
	}
	out := &Topology{}
	renum := map[int]int{}
	net := make([]int32, len(t.Arcs))
	var touched []int
	for _, g := range keys {
		touched = touched[:0]
		for _, i := range members[g] {
			for _, p := range t.Shapes[i].Polygons {
				for _, refs := range p {
					for _, r := range refs {
						if net[r.Arc] == 0 {
							touched = append(touched, r.Arc)
						}
						if r.Reverse {
							net[r.Arc]--
						} else {
							net[r.Arc]++
						}
					}
				}
			}
		}
		var edges []ArcRef
		slices.Sort(touched)
		touched = slices.Compact(touched)
		for _, a := range touched {
			for ; net[a] > 0; net[a]-- {
				edges = append(edges, ArcRef{Arc: a})
			}
			for ; net[a] < 0; net[a]++ {
				edges = append(edges, ArcRef{Arc: a, Reverse: true})
			}
		}
		polys := t.assemble(edges)
		for _, p := range polys {
			for _, refs := range p {
				for k, r := range refs {
					n, ok := renum[r.Arc]
					if !ok {
						n = len(out.Arcs)
						renum[r.Arc] = n
						out.Arcs = append(out.Arcs, slices.Clone(t.Arcs[r.Arc]))
					}
					refs[k].Arc = n
				}
			}
		}
		out.Shapes = append(out.Shapes, TShape{ID: g, Polygons: polys})
	}
	return out
}

// ends returns the first and last point of r as walked.
func (t *Topology) ends(r ArcRef) (Point, Point) {
	a := t.Arcs[r.Arc]
	if r.Reverse {
		return a[len(a)-1], a[0]
	}
	return a[0], a[len(a)-1]
}

// leg returns the direction of r's first segment (out of its first point) and
// of its last (into its last point), as walked.
func (t *Topology) leg(r ArcRef) (out, in [2]int64) {
	a := t.Arcs[r.Arc]
	n := len(a)
	p0, p1, q0, q1 := a[0], a[1], a[n-2], a[n-1]
	if r.Reverse {
		p0, p1, q0, q1 = a[n-1], a[n-2], a[1], a[0]
	}
	return [2]int64{int64(p1.X) - int64(p0.X), int64(p1.Y) - int64(p0.Y)},
		[2]int64{int64(q1.X) - int64(q0.X), int64(q1.Y) - int64(q0.Y)}
}
