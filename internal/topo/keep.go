package topo

import "math"

// AreaToKeep returns the minArea at which Simplify keeps about the given fraction (0 to 1) of
// the arcs' removable vertices (every vertex but the arcs' end points), as mapshaper's
// "-simplify 10%" keeps 10 %. Ties and the vertices Simplify puts back to keep rings from
// collapsing can make the kept share a little larger.
func (t *Topology) AreaToKeep(fraction float64) float64 {
	return keepLimit(t.effectiveAreas(), fraction) / 2
}

// SimplifyToKeep is Simplify at t.AreaToKeep(fraction), in one pass of Visvalingam over the
// arcs instead of two: it returns the simplified topology and the minArea it used.
func (t *Topology) SimplifyToKeep(fraction float64) (*Topology, float64) {
	areas := t.effectiveAreas()
	limit := keepLimit(areas, fraction)
	return t.simplifyAt(areas, limit), limit / 2
}

// SimplifyToVertices simplifies, in one pass of Visvalingam, to about n vertices in the
// shapes' rings, counting each ring's points once (not the closing repeat) and a shared
// border once for each shape that draws it: the count an SVG of the map holds. It lets two
// tools be compared at the same number of retained vertices. It returns the simplified
// topology and the minArea it used.
func (t *Topology) SimplifyToVertices(n int) (*Topology, float64) {
	areas := t.effectiveAreas()
	uses := t.arcUses()
	var cs []weighted
	base := 0
	for a, ar := range areas {
		base += uses[a] // each use draws the arc's first point
		for _, x := range interior(ar) {
			cs = append(cs, weighted{x, uses[a]})
		}
	}
	if base >= n || len(cs) == 0 {
		return t.simplifyAt(areas, math.Inf(1)), math.Inf(1)
	}
	limit := weightedTop(cs, n-base) // doubled: keep vertices at or above it
	return t.simplifyAt(areas, limit), limit / 2
}

// keepLimit returns the doubled effective area below which vertices go so that about the
// fraction of the removable ones stays.
func keepLimit(areas [][]float64, fraction float64) float64 {
	var all []float64
	for _, a := range areas {
		all = append(all, interior(a)...)
	}
	remove := len(all) - int(math.Round(fraction*float64(len(all))))
	switch {
	case remove <= 0:
		return 0
	case remove >= len(all):
		return math.Inf(1)
	}
	return nth(all, remove)
}

// interior returns an arc's values without its end points.
func interior(a []float64) []float64 {
	if len(a) < 3 {
		return nil
	}
	return a[1 : len(a)-1]
}

// arcUses counts how many rings draw each arc.
func (t *Topology) arcUses() []int {
	uses := make([]int, len(t.Arcs))
	for _, s := range t.Shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				for _, ref := range r {
					uses[ref.Arc]++
				}
			}
		}
	}
	return uses
}

type weighted struct {
	area float64
	w    int
}

// weightedTop returns the largest area a such that the weights of the values at or above a
// add up to at least need, or 0 (keep everything) when all weights add up to less:
// quickselect on weights, linear time on average. It reorders cs.
func weightedTop(cs []weighted, need int) float64 {
	lo, hi := 0, len(cs)
	for hi-lo > 1 {
		p := cs[lo+(hi-lo)/2].area
		// Three-way partition of cs[lo:hi]: above p, equal to p, below p.
		i, k, j := lo, lo, hi
		for k < j {
			switch {
			case cs[k].area > p:
				cs[i], cs[k] = cs[k], cs[i]
				i++
				k++
			case cs[k].area < p:
				j--
				cs[k], cs[j] = cs[j], cs[k]
			default:
				k++
			}
		}
		above, equal := 0, 0
		for _, c := range cs[lo:i] {
			above += c.w
		}
		for _, c := range cs[i:j] {
			equal += c.w
		}
		switch {
		case above >= need:
			hi = i
		case above+equal >= need:
			return p
		default:
			need -= above + equal
			lo = j
		}
	}
	if lo < len(cs) && cs[lo].w >= need {
		return cs[lo].area
	}
	return 0
}

// simplifyAt keeps each arc's vertices whose doubled effective area is at least limit, then
// keeps rings from collapsing as Simplify does.
func (t *Topology) simplifyAt(areas [][]float64, limit float64) *Topology {
	out := &Topology{Arcs: make([][]Point, len(t.Arcs)), Shapes: cloneShapes(t.Shapes)}
	parallel(len(t.Arcs), 16, func(_, a int) {
		pts, ar := t.Arcs[a], areas[a]
		kept := make([]Point, 0, len(pts))
		for i, p := range pts {
			if i == 0 || i == len(pts)-1 || ar[i] >= limit {
				kept = append(kept, p)
			}
		}
		out.Arcs[a] = kept
	})
	keepArea(t, out, limit)
	return out
}

// effectiveAreas returns, for each arc, each vertex's doubled Visvalingam effective area
// (+Inf at the ends), computed in parallel.
func (t *Topology) effectiveAreas() [][]float64 {
	areas := make([][]float64, len(t.Arcs))
	vs := make([]*vis, workers())
	for w := range vs {
		vs[w] = new(vis)
	}
	type scratch struct {
		order []int32
		thr   []float64
	}
	sc := make([]scratch, len(vs))
	parallel(len(t.Arcs), 16, func(w, a int) {
		pts := t.Arcs[a]
		ar := make([]float64, len(pts))
		for i := range ar {
			ar[i] = math.Inf(1)
		}
		s := &sc[w]
		s.order, s.thr = s.order[:0], s.thr[:0]
		vs[w].run(pts, math.Inf(1), &s.order, &s.thr)
		for k, i := range s.order {
			ar[i] = s.thr[k]
		}
		areas[a] = ar
	})
	return areas
}

// nth returns the k-th smallest value of xs (0-based), reordering xs: quickselect, linear time
// on average.
func nth(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		p := xs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for xs[i] < p {
				i++
			}
			for xs[j] > p {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}
