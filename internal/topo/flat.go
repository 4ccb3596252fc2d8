package topo

import "math"

// flat holds the cleaned rings of all shapes in one slice. Ring r's vertices
// are pts[start[r]:end[r]]; each ring is padded with its last vertex before
// and its first after, so the neighbours of the vertex at k are at k-1 and k+1.
// Slices of pts between rings are unused.
type flat struct {
	pts        []Point
	start, end []int32
	// slot says where ring r goes: shape, polygon and ring index.
	slot []slot
	// min and max bound the kept and dropped rings' vertices.
	min, max Point
}

type slot struct{ shape, poly, ring int32 }

// source is one input ring and what cleaning it found.
type source struct {
	ring                 Ring
	shape, poly, idx     int32
	base                 int // pad's place in pts; the ring may use len(ring)+2
	m                    int // vertices kept, 0 if dropped
	dups, spikes         int32
	unclosed, short, flt bool
}

// flatten cleans the shapes' rings into a flat, in parallel, and returns the
// shapes' skeletons (rings without arcs yet) and the defects found.
func flatten(shapes []Shape) (*flat, []TShape, []Warning) {
	var src []source
	n := 0
	for i, s := range shapes {
		for j, p := range s.Polygons {
			for k, r := range p {
				src = append(src, source{ring: r, shape: int32(i), poly: int32(j), idx: int32(k), base: n})
				n += len(r) + 2
			}
		}
	}
	f := &flat{pts: make([]Point, n)}
	lo := make([]Point, workers())
	hi := make([]Point, workers())
	for w := range lo {
		lo[w] = Point{math.MaxInt32, math.MaxInt32}
		hi[w] = Point{math.MinInt32, math.MinInt32}
	}
	parallel(len(src), 64, func(w, i int) {
		s := &src[i]
		f.clean(s)
		l, h := lo[w], hi[w]
		for _, p := range f.pts[s.base+1 : s.base+1+s.m] {
			l.X, l.Y = min(l.X, p.X), min(l.Y, p.Y)
			h.X, h.Y = max(h.X, p.X), max(h.Y, p.Y)
		}
		lo[w], hi[w] = l, h
	})
	f.min, f.max = lo[0], hi[0]
	for w := range lo {
		f.min.X, f.min.Y = min(f.min.X, lo[w].X), min(f.min.Y, lo[w].Y)
		f.max.X, f.max.Y = max(f.max.X, hi[w].X), max(f.max.Y, hi[w].Y)
	}

	out := make([]TShape, len(shapes))
	for i, s := range shapes {
		out[i].ID = s.ID
	}
	var warnings []Warning
	w := Warning{}
	flush := func(i int) {
		if len(out[i].Polygons) == 0 {
			w.Empty = true
		}
		if w.any() {
			w.ID = shapes[i].ID
			warnings = append(warnings, w)
		}
		w = Warning{}
	}
	next := 0 // the next shape to flush
	for i := 0; i < len(src); {
		s := src[i]
		for ; next < int(s.shape); next++ {
			flush(next)
		}
		poly := src[i : i+len(shapes[s.shape].Polygons[s.poly])]
		i += len(poly)
		if poly[0].m == 0 {
			w.add(poly[0])
			w.Orphans += len(poly) - 1
			continue
		}
		j := int32(len(out[s.shape].Polygons))
		kept := 0
		for _, h := range poly {
			w.add(h)
			if h.m == 0 {
				continue
			}
			f.start = append(f.start, int32(h.base+1))
			f.end = append(f.end, int32(h.base+1+h.m))
			f.slot = append(f.slot, slot{s.shape, j, int32(kept)})
			kept++
		}
		out[s.shape].Polygons = append(out[s.shape].Polygons, make([][]ArcRef, kept))
	}
	for ; next < len(shapes); next++ {
		flush(next)
	}
	return f, out, warnings
}

// add counts the defects found in s.
func (w *Warning) add(s source) {
	w.Duplicates += int(s.dups)
	w.Spikes += int(s.spikes)
	if s.unclosed {
		w.Unclosed++
	}
	if s.short {
		w.Short++
	}
	if s.flt {
		w.Flat++
	}
}

// clean writes ring s.ring to its place in f.pts, cleaned, padded and wound
// by the package's rule, and records what it found in s. Cleaning removes
// repeated consecutive vertices and spikes: a vertex whose neighbours are the
// same point, as quantization leaves where a ring went out and back by less
// than a unit. A ring left with fewer than 3 vertices, or no area, is dropped
// (s.m = 0).
func (f *flat) clean(s *source) {
	r := s.ring
	closed := len(r) >= 2 && r[0] == r[len(r)-1]
	if closed {
		r = r[:len(r)-1]
	}
	s.unclosed = !closed && len(r) > 0
	at := s.base + 1
	c, dups, spikes := clean(f.pts[at:at:at+len(r)], r, nil)
	s.dups, s.spikes = int32(dups), int32(spikes)
	m := len(c)
	if m < 3 {
		s.short = true
		return
	}
	if &c[0] != &f.pts[at] {
		copy(f.pts[at:], c) // cleaning dropped the first vertex
	}
	ring := f.pts[at : at+m+1]
	ring[m] = ring[0]
	a := area2(ring)
	if a == 0 {
		s.flt = true
		return
	}
	if (a > 0) != (s.idx == 0) {
		reverse(ring)
	}
	f.pts[at-1] = ring[m-1]
	s.m = m
}

// clean appends to dst the open ring src (no closing point) without repeated
// consecutive vertices and spikes, around the seam too, and returns it with
// the counts of each removed. When gone is not nil, the tips of the removed
// spikes are appended to it. dst may be src[:0].
func clean(dst, src []Point, gone *[]Point) (c []Point, dups, spikes int) {
	tip := func(p Point) {
		spikes++
		if gone != nil {
			*gone = append(*gone, p)
		}
	}
	c = dst
	for _, p := range src {
		n := len(c)
		switch {
		case n > 0 && c[n-1] == p:
			dups++
		case n > 1 && c[n-2] == p:
			tip(c[n-1])
			c = c[:n-1]
		default:
			c = append(c, p)
		}
	}
	for len(c) >= 2 {
		n := len(c)
		switch {
		case c[n-1] == c[0]:
			c = c[:n-1]
			dups++
			continue
		case n >= 3 && c[n-2] == c[0]:
			tip(c[n-1])
			c = c[:n-2]
			continue
		case n >= 3 && c[n-1] == c[1]:
			tip(c[0])
			c = c[1 : n-1]
			continue
		}
		break
	}
	return c, dups, spikes
}

func reverse(p []Point) {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}
