package topo

import (
	"math/bits"
	"slices"
)

// findNodes marks the positions of f.pts whose point is a node: a point whose
// uses do not all have the same two neighbours (in either order), which is
// where a shared border starts or ends, where three or more rings meet and
// where a ring touches itself. It returns the marks and the number of
// distinct node points.
//
// The plane is cut into square tiles of about tileLoad vertices on average.
// Each ring is cut into runs of consecutive vertices in the same tile, the
// runs are sorted by tile, and each tile's vertices are checked with a hash
// table of its own, small enough to stay in cache, the tiles in parallel.
// Reading runs keeps the rings' memory in order; no per-vertex scatter.
func findNodes(f *flat) ([]bool, int) {
	node := make([]bool, len(f.pts))
	if len(f.start) == 0 {
		return node, 0
	}
	minX, minY, maxX, maxY := f.min.X, f.min.Y, f.max.X, f.max.Y
	n := 0
	for r := range f.start {
		n += int(f.end[r] - f.start[r])
	}
	w, h := uint64(int64(maxX)-int64(minX))+1, uint64(int64(maxY)-int64(minY))+1
	shift := 0
	for float64(w>>shift)*float64(h>>shift) > float64(n/tileLoad) && shift < 33 {
		shift++
	}
	nx := int(w>>shift) + 1
	tiles := nx * (int(h>>shift) + 1)
	tileOf := func(p Point) int {
		return int(uint64(int64(p.Y)-int64(minY))>>shift)*nx + int(uint64(int64(p.X)-int64(minX))>>shift)
	}

	// Runs, per worker, then sorted by tile.
	type run struct {
		tile       int
		start, end int32
	}
	per := make([][]run, workers())
	parallel(len(f.start), 64, func(wk, r int) {
		s, e := f.start[r], f.end[r]
		t := tileOf(f.pts[s])
		out := per[wk]
		for k := s + 1; k < e; k++ {
			p := f.pts[k]
			u := int(uint64(int64(p.Y)-int64(minY))>>shift)*nx + int(uint64(int64(p.X)-int64(minX))>>shift)
			if u != t {
				out = append(out, run{t, s, k})
				s, t = k, u
			}
		}
		per[wk] = append(out, run{t, s, e})
	})
	first := make([]int, tiles+1)
	for _, rs := range per {
		for _, r := range rs {
			first[r.tile+1]++
		}
	}
	for t := 1; t <= tiles; t++ {
		first[t] += first[t-1]
	}
	runs := make([][2]int32, first[tiles])
	fill := slices.Clone(first[:tiles])
	for _, rs := range per {
		for _, r := range rs {
			runs[fill[r.tile]] = [2]int32{r.start, r.end}
			fill[r.tile]++
		}
	}

	counts := make([]int, workers())
	tabs := make([]table, workers())
	parallel(tiles, 1, func(wk, t int) {
		if rs := runs[first[t]:first[t+1]]; len(rs) > 0 {
			counts[wk] += tabs[wk].tile(f.pts, node, rs, minX, minY)
		}
	})
	total := 0
	for _, c := range counts {
		total += c
	}
	return node, total
}

// tileLoad is the average number of vertices in a tile.
const tileLoad = 4096

// table is an open-addressing hash table of the points of one tile.
type table struct {
	slots []entry
}

// entry is a point, one position where it is used, whether it was seen more
// than once and whether it is a node. An entry with seen 0 is empty.
type entry struct {
	key  uint64
	pos  int32
	seen uint8 // 0 empty, 1 once, 2 more
	node bool
}

// tile checks the vertices in runs, marks the nodes among them and returns
// the number of node points.
func (tb *table) tile(pts []Point, node []bool, runs [][2]int32, minX, minY int32) int {
	n := 0
	for _, r := range runs {
		n += int(r[1] - r[0])
	}
	size := 1 << bits.Len(uint(n+n/2))
	tb.slots = grow(tb.slots, size)
	clear(tb.slots)
	mask := uint64(size - 1)
	slot := func(k uint64) *entry {
		i := (k * 0x9E3779B97F4A7C15) >> 32 & mask
		for {
			e := &tb.slots[i]
			if e.seen == 0 || e.key == k {
				return e
			}
			i = (i + 1) & mask
		}
	}
	count, late := 0, false
	for _, r := range runs {
		for k := r[0]; k < r[1]; k++ {
			p := pts[k]
			e := slot(uint64(uint32(p.X-minX))<<32 | uint64(uint32(p.Y-minY)))
			switch {
			case e.seen == 0:
				e.key, e.pos, e.seen = uint64(uint32(p.X-minX))<<32|uint64(uint32(p.Y-minY)), k, 1
				continue
			case e.node:
				node[k] = true
			default:
				q := e.pos
				a, b, c, d := pts[q-1], pts[q+1], pts[k-1], pts[k+1]
				if (a == c && b == d) || (a == d && b == c) {
					break
				}
				e.node = true
				node[q], node[k] = true, true
				count++
				late = late || e.seen > 1
			}
			e.seen = 2
		}
	}
	if late {
		// A point had uses that matched its first before one that did not:
		// mark them too.
		for _, r := range runs {
			for k := r[0]; k < r[1]; k++ {
				p := pts[k]
				if slot(uint64(uint32(p.X-minX))<<32 | uint64(uint32(p.Y-minY))).node {
					node[k] = true
				}
			}
		}
	}
	return count
}
