package topo

// Repair removes crossings that simplification made, as mapshaper does: for
// each segment of a crossing pair it puts back the removed vertex of original,
// the topology t was simplified from, that lies farthest from the segment, and
// repeats until no crossing is left or none can be mended. It changes t's arcs
// in place and returns the number of crossings that remain, such as those
// already in the source. original must have the arcs t's are simplified from:
// with another count of arcs Repair changes nothing, and an arc that is not a
// subsequence of the original's, with the same ends, is left alone. Putting
// vertices back only brings arcs nearer the original; Repair does not check
// ring areas again.
func (t *Topology) Repair(original *Topology) (remaining int) {
	_, remaining = t.RepairCounted(original)
	return remaining
}

// RepairCounted is Repair that also returns how many crossings it found before mending any,
// so that a caller need not count them again.
func (t *Topology) RepairCounted(original *Topology) (found, remaining int) {
	found = -1
	if len(original.Arcs) != len(t.Arcs) {
		n := t.Intersections()
		return n, n
	}
	idx := map[int32][]int32{} // for arcs touched: t's vertices' indices in original
	index := func(a int32) []int32 {
		if ix, ok := idx[a]; ok {
			return ix
		}
		ix, ok := subsequence(t.Arcs[a], original.Arcs[a])
		if !ok {
			ix = nil
		}
		idx[a] = ix
		return ix
	}
	for {
		cs := t.crossings()
		if found < 0 {
			found = len(cs)
		}
		if len(cs) == 0 {
			return found, 0
		}
		add := map[int32][]int32{} // arc -> original indices to put back
		for _, c := range cs {
			for _, s := range []seg{c.a, c.b} {
				ix := index(s.arc)
				if ix == nil {
					continue
				}
				if k := farthest(original.Arcs[s.arc], int(ix[s.i]), int(ix[s.i+1])); k >= 0 {
					add[s.arc] = append(add[s.arc], int32(k))
				}
			}
		}
		if len(add) == 0 {
			return found, len(cs)
		}
		for a, ks := range add {
			keep := make([]bool, len(original.Arcs[a]))
			for _, k := range idx[a] {
				keep[k] = true
			}
			for _, k := range ks {
				keep[k] = true
			}
			t.Arcs[a] = gather(original.Arcs[a], keep)
			ix := make([]int32, 0, len(t.Arcs[a]))
			for k, ok := range keep {
				if ok {
					ix = append(ix, int32(k))
				}
			}
			idx[a] = ix
		}
	}
}

// subsequence returns the indices in orig of the points of arc, matched in
// order, and whether all matched with the same end points.
func subsequence(arc, orig []Point) ([]int32, bool) {
	if len(arc) == 0 || len(orig) == 0 || arc[0] != orig[0] || arc[len(arc)-1] != orig[len(orig)-1] {
		return nil, false
	}
	ix := make([]int32, len(arc))
	j := 0
	for i, p := range arc {
		if i == len(arc)-1 {
			j = max(j, len(orig)-1) // the last point is the original's last
		}
		for j < len(orig) && orig[j] != p {
			j++
		}
		if j == len(orig) {
			return nil, false
		}
		ix[i] = int32(j)
		j++
	}
	return ix, true
}

// farthest returns the index in p of the vertex strictly between i and j
// farthest from the segment p[i]p[j], or -1 if there is none.
func farthest(p []Point, i, j int) int {
	best, bestD := -1, -1.0
	for k := i + 1; k < j; k++ {
		// Twice the triangle's area: the distance times the fixed base.
		if d := tri2(p[i], p[k], p[j]); d > bestD {
			best, bestD = k, d
		}
	}
	if best >= 0 && bestD == 0 && p[i] != p[j] {
		// All collinear: take the middle one, which still splits the segment.
		best = (i + j) / 2
	}
	return best
}
