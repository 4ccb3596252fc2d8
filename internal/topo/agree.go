package topo

import "math"

// Disagreements counts the border segments on which neighbours disagree: segments that one
// shape draws more often in one direction than all shapes draw in the other, where the other
// side of the segment lies inside another shape. Where two neighbours draw their common
// border alike, every segment is matched by its reverse; a gap or an overlap between them
// leaves segments unmatched with a neighbour on their far side. Unmatched segments with
// nothing on their far side are the outline of the whole map and do not count.
//
// Rings may have either winding, as long as each shape's outer rings share one winding
// and its holes the other (as Build and Rings leave them); it works on any input, not only
// on this package's output, so it can judge another tool's result.
func Disagreements(shapes []Shape) int {
	n := 0
	borderWalk(shapes, func(_ int, _, _ Point, far int) {
		if far >= 0 {
			n++
		}
	}, nil)
	return n
}

// UnmatchedShare measures how far neighbours are from sharing their borders exactly: the
// length of the border segments that Disagreements counts (drawn by one shape, not drawn
// back by another, with another shape on their far side) over the length of every segment
// the shapes draw that is not on the outline of the whole map (a border two neighbours draw
// alike counts once from each side). It is 0 where neighbours share every border vertex for
// vertex, and 0 for a map of fewer than two shapes. Lengths are in the shapes' units.
func UnmatchedShare(shapes []Shape) float64 {
	var unmatched, outline, total float64
	length := func(a, b Point) float64 {
		dx, dy := float64(b.X)-float64(a.X), float64(b.Y)-float64(a.Y)
		return math.Hypot(dx, dy)
	}
	for _, s := range shapes {
		for _, p := range s.Polygons {
			for _, r := range p {
				for j := 1; j < len(r); j++ {
					total += length(r[j-1], r[j])
				}
			}
		}
	}
	borderWalk(shapes, func(_ int, a, b Point, far int) {
		if far >= 0 {
			unmatched += length(a, b)
		} else {
			outline += length(a, b)
		}
	}, nil)
	if total-outline <= 0 {
		return 0
	}
	return unmatched / (total - outline)
}

// RingArea2 is twice the shoelace area of a closed ring: positive for a ring that runs
// counter-clockwise with y up (clockwise on a screen, y down).
func RingArea2(r Ring) int64 {
	var s int64
	for i := 1; i < len(r); i++ {
		s += int64(r[i-1].X)*int64(r[i].Y) - int64(r[i].X)*int64(r[i-1].Y)
	}
	return s
}

func isqrt(v int64) int64 {
	if v <= 0 {
		return 0
	}
	x := int64(1)
	for x*x <= v {
		x <<= 1
	}
	for lo := x >> 1; lo < x; {
		mid := (lo + x + 1) / 2
		if mid*mid <= v {
			lo = mid
		} else {
			x = mid - 1
		}
		if lo == x {
			break
		}
	}
	return x
}

// boundIndex finds the shapes whose bound holds a point, through a coarse grid.
type boundIndex struct {
	minX, minY int64
	cell       int64
	nx, ny     int64
	cells      [][]int32
	bounds     [][4]int64 // minX, minY, maxX, maxY of each shape, in quarter units
}

func newBoundIndex(shapes []Shape) *boundIndex {
	ix := &boundIndex{bounds: make([][4]int64, len(shapes))}
	first := true
	var gx0, gy0, gx1, gy1 int64
	for i, s := range shapes {
		b := [4]int64{1 << 62, 1 << 62, -1 << 62, -1 << 62}
		for _, p := range s.Polygons {
			for _, r := range p {
				for _, pt := range r {
					x, y := 4*int64(pt.X), 4*int64(pt.Y)
					b[0], b[1] = min(b[0], x), min(b[1], y)
					b[2], b[3] = max(b[2], x), max(b[3], y)
				}
			}
		}
		ix.bounds[i] = b
		if b[0] > b[2] {
			continue
		}
		if first {
			gx0, gy0, gx1, gy1 = b[0], b[1], b[2], b[3]
			first = false
		}
		gx0, gy0, gx1, gy1 = min(gx0, b[0]), min(gy0, b[1]), max(gx1, b[2]), max(gy1, b[3])
	}
	ix.minX, ix.minY = gx0, gy0
	side := int64(64)
	ix.cell = max(1, max(gx1-gx0, gy1-gy0)/side+1)
	ix.nx, ix.ny = (gx1-gx0)/ix.cell+1, (gy1-gy0)/ix.cell+1
	ix.cells = make([][]int32, ix.nx*ix.ny)
	for i, b := range ix.bounds {
		if b[0] > b[2] {
			continue
		}
		for cy := (b[1] - gy0) / ix.cell; cy <= (b[3]-gy0)/ix.cell; cy++ {
			for cx := (b[0] - gx0) / ix.cell; cx <= (b[2]-gx0)/ix.cell; cx++ {
				ix.cells[cy*ix.nx+cx] = append(ix.cells[cy*ix.nx+cx], int32(i))
			}
		}
	}
	return ix
}

// shapeAt returns the first shape other than skip that holds the point (qx, qy), in
// quarter units, by the even-odd rule, or -1.
func (ix *boundIndex) shapeAt(shapes []Shape, skip int, qx, qy int64) int {
	cx, cy := (qx-ix.minX)/ix.cell, (qy-ix.minY)/ix.cell
	if qx < ix.minX || qy < ix.minY || cx >= ix.nx || cy >= ix.ny {
		return -1
	}
	for _, i := range ix.cells[cy*ix.nx+cx] {
		b := ix.bounds[i]
		if int(i) == skip || qx < b[0] || qx > b[2] || qy < b[1] || qy > b[3] {
			continue
		}
		if containsQ(shapes[i], qx, qy) {
			return int(i)
		}
	}
	return -1
}

// containsQ is the even-odd point-in-shape test for a point in quarter units.
func containsQ(s Shape, qx, qy int64) bool {
	in := false
	for _, p := range s.Polygons {
		for _, r := range p {
			for j := 1; j < len(r); j++ {
				ax, ay := 4*int64(r[j-1].X), 4*int64(r[j-1].Y)
				bx, by := 4*int64(r[j].X), 4*int64(r[j].Y)
				if (ay > qy) != (by > qy) {
					// x of the edge at qy, compared without division
					lhs := (qx - ax) * (by - ay)
					rhs := (bx - ax) * (qy - ay)
					if (by > ay && lhs < rhs) || (by < ay && lhs > rhs) {
						in = !in
					}
				}
			}
		}
	}
	return in
}
