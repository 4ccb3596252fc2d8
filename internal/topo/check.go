package topo

import "math"

// seg is segment i of an arc: from Arcs[arc][i] to Arcs[arc][i+1].
type seg struct{ arc, i int32 }

// crossing is a pair of segments that cross.
type crossing struct{ a, b seg }

// Intersections counts the pairs of arc segments that cross at a point inside
// both: proper crossings, not segments meeting at a vertex, touching or
// overlapping. A topology built from clean rings has none; simplification may
// make some.
func (t *Topology) Intersections() int { return len(t.crossings()) }

// crossings finds the crossing segment pairs with a uniform grid of square
// cells, a power of two wide: each segment is listed in the cells its bound
// covers, and a pair is tested in the one cell holding the low corner of the
// overlap of their bounds.
func (t *Topology) crossings() []crossing {
	type box struct{ x0, y0, x1, y1 int64 }
	var (
		segs   []seg
		boxes  []box
		extent int64
		all    = box{math.MaxInt64, math.MaxInt64, math.MinInt64, math.MinInt64}
	)
	total := 0
	for _, pts := range t.Arcs {
		total += max(len(pts)-1, 0)
	}
	segs, boxes = make([]seg, 0, total), make([]box, 0, total)
	for a, pts := range t.Arcs {
		for i := 0; i+1 < len(pts); i++ {
			p, q := pts[i], pts[i+1]
			b := box{min(int64(p.X), int64(q.X)), min(int64(p.Y), int64(q.Y)), max(int64(p.X), int64(q.X)), max(int64(p.Y), int64(q.Y))}
			segs = append(segs, seg{int32(a), int32(i)})
			boxes = append(boxes, b)
			extent += max(b.x1-b.x0, b.y1-b.y0)
			all = box{min(all.x0, b.x0), min(all.y0, b.y0), max(all.x1, b.x1), max(all.y1, b.y1)}
		}
	}
	n := len(segs)
	if n < 2 {
		return nil
	}
	w, h := float64(all.x1-all.x0+1), float64(all.y1-all.y0+1)
	size := math.Max(math.Sqrt(w*h/float64(n)), float64(extent)/float64(n))
	shift := uint(0)
	for float64(int64(1)<<shift) < size && shift < 62 {
		shift++
	}
	gx := (all.x1-all.x0)>>shift + 1
	gy := (all.y1-all.y0)>>shift + 1
	cell := func(x, y int64) int64 { return ((y-all.y0)>>shift)*gx + (x-all.x0)>>shift }
	// Two passes over the segments: count per cell, then fill.
	start := make([]int32, gx*gy+1)
	each := func(fn func(s int32, c int64)) {
		for s, b := range boxes {
			cx0, cy0 := (b.x0-all.x0)>>shift, (b.y0-all.y0)>>shift
			cx1, cy1 := (b.x1-all.x0)>>shift, (b.y1-all.y0)>>shift
			for cy := cy0; cy <= cy1; cy++ {
				for cx := cx0; cx <= cx1; cx++ {
					fn(int32(s), cy*gx+cx)
				}
			}
		}
	}
	each(func(_ int32, c int64) { start[c+1]++ })
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	fill := append([]int32(nil), start[:len(start)-1]...)
	list := make([]int32, start[len(start)-1])
	each(func(s int32, c int64) { list[fill[c]] = s; fill[c]++ })
	var out []crossing
	for c := int64(0); c < gx*gy; c++ {
		in := list[start[c]:start[c+1]]
		for i, s := range in {
			bs := boxes[s]
			for _, r := range in[i+1:] {
				br := boxes[r]
				if bs.x1 < br.x0 || br.x1 < bs.x0 || bs.y1 < br.y0 || br.y1 < bs.y0 {
					continue
				}
				if cell(max(bs.x0, br.x0), max(bs.y0, br.y0)) != c {
					continue
				}
				a, b := segs[s], segs[r]
				if crosses(t.Arcs[a.arc][a.i], t.Arcs[a.arc][a.i+1], t.Arcs[b.arc][b.i], t.Arcs[b.arc][b.i+1]) {
					out = append(out, crossing{a, b})
				}
			}
		}
	}
	return out
}

// CrossingsByShape counts, for each shape, the crossings on the arcs it draws: where its
// boundary crosses itself or a neighbour's. A crossing on a shared arc counts for both
// shapes that draw it.
func (t *Topology) CrossingsByShape() []int {
	byArc := map[int32][]int{}
	for i, s := range t.Shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				for _, ref := range r {
					byArc[int32(ref.Arc)] = append(byArc[int32(ref.Arc)], i)
				}
			}
		}
	}
	out := make([]int, len(t.Shapes))
	for _, c := range t.crossings() {
		seen := map[int]bool{}
		for _, a := range []int32{c.a.arc, c.b.arc} {
			for _, i := range byArc[a] {
				if !seen[i] {
					seen[i] = true
					out[i]++
				}
			}
		}
	}
	return out
}
