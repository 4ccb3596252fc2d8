package topo

// undo is an arc's removals, in order, of which the first n are applied.
type undo struct {
	order []int32
	thr   []float64
	n     int
	keep  []bool
}

// keepArea puts back removed vertices into out's arcs, simplified from t's
// with limit, until every ring has the sign of its area in t, positive for
// outer rings and negative for holes, and every lobe of a ring that touches
// itself the sign of its own. It undoes each arc's removals in reverse,
// so every arc stays a state Visvalingam passed through.
func keepArea(t, out *Topology, limit float64) {
	states := map[int]*undo{}
	var v vis
	var buf []Point
	state := func(a int) *undo {
		u := states[a]
		if u == nil {
			u = &undo{}
			keep := v.run(t.Arcs[a], limit, &u.order, &u.thr)
			u.keep = append([]bool(nil), keep...)
			u.n = len(u.order)
			states[a] = u
		}
		return u
	}
	// restore puts back the last removal of the arc, of those in refs, with
	// the greatest effective area, and reports whether there was one.
	restore := func(refs []ArcRef) bool {
		best, bestThr := -1, -1.0
		for _, r := range refs {
			if u := state(r.Arc); u.n > 0 && u.thr[u.n-1] > bestThr {
				best, bestThr = r.Arc, u.thr[u.n-1]
			}
		}
		if best < 0 {
			return false
		}
		u := states[best]
		u.n--
		u.keep[u.order[u.n]] = true
		out.Arcs[best] = gather(t.Arcs[best], u.keep)
		return true
	}
	// fix restores vertices of refs' arcs until the ring they make has the
	// sign want, and reports whether it changed anything.
	fix := func(refs []ArcRef, want int) bool {
		changed := false
		for {
			buf = out.appendRing(buf[:0], refs)
			if sign(area2(buf)) == want || !restore(refs) {
				return changed
			}
			changed = true
		}
	}
	var lb lobes
	for changed := true; changed; {
		changed = false
		for _, s := range out.Shapes {
			for _, p := range s.Polygons {
				for k, refs := range p {
					want := 1
					if k > 0 {
						want = -1
					}
					if fix(refs, want) {
						changed = true
					}
					for _, lobe := range lb.find(t, refs) {
						buf = t.appendRing(buf[:0], lobe)
						if w := sign(area2(buf)); w != 0 && fix(lobe, w) {
							changed = true
						}
					}
				}
			}
		}
	}
}

// lobes splits a ring that passes through a node more than once into simple
// cycles: walking the ring, each return to a node on the path walked so far
// closes a cycle, which is cut out of the path; what is left at the end is
// the last cycle. A loop arc, from a node back to it, is a cycle of its own.
type lobes struct {
	nodes []Point
	path  []ArcRef
	out   [][]ArcRef
}

// find returns the ring's cycles, or nil if it passes through no node twice.
// The cycles are valid until the next call.
func (l *lobes) find(t *Topology, refs []ArcRef) [][]ArcRef {
	l.nodes, l.path, l.out = l.nodes[:0], l.path[:0], l.out[:0]
	repeat := false
	for _, r := range refs {
		p, _ := t.ends(r)
		for k := len(l.nodes) - 1; k >= 0; k-- {
			if l.nodes[k] == p {
				l.out = append(l.out, append([]ArcRef(nil), l.path[k:]...))
				l.nodes, l.path = l.nodes[:k], l.path[:k]
				repeat = true
				break
			}
		}
		l.nodes = append(l.nodes, p)
		l.path = append(l.path, r)
	}
	if !repeat {
		return nil
	}
	return append(l.out, l.path)
}
