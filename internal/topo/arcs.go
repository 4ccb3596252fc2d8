package topo

// cutter cuts the flat rings at nodes into arcs, keeping one copy of each.
//
// Between two nodes the path is forced: a vertex that is not a node has the
// same two neighbours wherever it is used. So an arc is known by its first
// directed segment, and the same border walked the other way by its last
// segment reversed; index maps both to the arc.
type cutter struct {
	f     *flat
	node  []bool
	buf   []Point // all arcs' points
	off   []int   // arc a is buf[off[a]:off[a+1]]
	uses  []int32 // rings using each arc
	index map[[2]Point]ArcRef
	at    []int32 // scratch: node positions in a ring
}

func newCutter(f *flat, node []bool) *cutter {
	return &cutter{
		f:     f,
		node:  node,
		buf:   make([]Point, 0, len(f.pts)),
		off:   []int{0},
		index: make(map[[2]Point]ArcRef, len(f.start)*4),
	}
}

// ring cuts ring r and returns its arc references.
func (c *cutter) ring(r int) []ArcRef {
	pts := c.f.pts
	s, e := c.f.start[r], c.f.end[r]
	c.at = c.at[:0]
	for k := s; k < e; k++ {
		if c.node[k] {
			c.at = append(c.at, k)
		}
	}
	if len(c.at) == 0 {
		// No node: one closed arc, from the ring's least point so that every
		// ring walking the same points finds the same arc.
		k := s
		for i := s + 1; i < e; i++ {
			if less(pts[i], pts[k]) {
				k = i
			}
		}
		ref, ok := c.index[[2]Point{pts[k], pts[k+1]}]
		if !ok {
			a := c.open()
			c.buf = append(c.buf, pts[k:e]...)
			c.buf = append(c.buf, pts[s:k+1]...)
			ref = c.close(a, pts[k-1])
		}
		c.uses[ref.Arc]++
		return []ArcRef{ref}
	}
	refs := make([]ArcRef, 0, len(c.at))
	m := e - s
	for i, j := range c.at {
		next := c.at[0] + m
		if i+1 < len(c.at) {
			next = c.at[i+1]
		}
		ref, ok := c.index[[2]Point{pts[j], pts[j+1]}]
		if !ok {
			a := c.open()
			if next <= e-1 {
				c.buf = append(c.buf, pts[j:next+1]...)
			} else {
				c.buf = append(c.buf, pts[j:e]...)
				c.buf = append(c.buf, pts[s:next-m+1]...)
			}
			ref = c.close(a, c.buf[len(c.buf)-2])
		}
		c.uses[ref.Arc]++
		refs = append(refs, ref)
	}
	return refs
}

// open starts a new arc and returns its index.
func (c *cutter) open() int {
	c.uses = append(c.uses, 0)
	return len(c.off) - 1
}

// close ends arc a, whose points are the tail of c.buf, indexes it forward
// by its first segment and reversed by its last (ending at penult), and
// returns its forward reference.
func (c *cutter) close(a int, penult Point) ArcRef {
	c.off = append(c.off, len(c.buf))
	p := c.buf[c.off[a]:]
	fwd := ArcRef{Arc: a}
	c.index[[2]Point{p[0], p[1]}] = fwd
	rk := [2]Point{p[len(p)-1], penult}
	if _, ok := c.index[rk]; !ok {
		c.index[rk] = ArcRef{Arc: a, Reverse: true}
	}
	return fwd
}

// arcs returns the arcs as slices of one shared, capacity-capped buffer.
func (c *cutter) arcs() [][]Point {
	if cap(c.buf) > len(c.buf)+len(c.buf)/4 {
		c.buf = append(make([]Point, 0, len(c.buf)), c.buf...) // let the rest go
	}
	out := make([][]Point, len(c.off)-1)
	for a := range out {
		out[a] = c.buf[c.off[a]:c.off[a+1]:c.off[a+1]]
	}
	return out
}

// less orders points by X, then Y.
func less(a, b Point) bool {
	return a.X < b.X || (a.X == b.X && a.Y < b.Y)
}
