package topo

import "slices"

// Rings rebuilds shape i's rings from the arcs as closed point lists, grouped
// by polygon, outer ring first; an outer ring's shoelace area is positive, a
// hole's negative. Where simplification has folded a narrow inlet or
// peninsula flat, the zero-area spikes this leaves are cut out, so no ring
// repeats a point consecutively or doubles back (a ring with no area at all
// is left as it is). Each call returns fresh slices.
func (t *Topology) Rings(i int) []Polygon {
	s := t.Shapes[i]
	out := make([]Polygon, len(s.Polygons))
	for j, p := range s.Polygons {
		out[j] = make(Polygon, len(p))
		for k, refs := range p {
			r := t.appendRing(nil, refs)
			if area2(r) != 0 { // then cleaning leaves 3 points or more
				c, _, _ := clean(r[:0], r[:len(r)-1], nil)
				r = append(c, c[0])
			}
			out[j][k] = r
		}
	}
	return out
}

// appendRing appends the closed ring made of refs to dst.
func (t *Topology) appendRing(dst []Point, refs []ArcRef) []Point {
	n := 1
	for _, r := range refs {
		n += len(t.Arcs[r.Arc]) - 1
	}
	dst = slices.Grow(dst, n)
	for i, r := range refs {
		a := t.Arcs[r.Arc]
		if i > 0 {
			// The arc's first point is the previous arc's last.
			if r.Reverse {
				a = a[:len(a)-1]
			} else {
				a = a[1:]
			}
		}
		if r.Reverse {
			for k := len(a) - 1; k >= 0; k-- {
				dst = append(dst, a[k])
			}
		} else {
			dst = append(dst, a...)
		}
	}
	return dst
}
