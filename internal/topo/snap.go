package topo

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// SnapReport counts what Snap changed.
type SnapReport struct {
	// Merged is the number of points moved onto a nearby point of another shape's ring:
	// each distinct point counts once per round, however many rings used it.
	Merged int
	// Inserted is the number of vertices inserted into rings' segments: T-junctions
	// mended and vertices taken from a neighbour's path.
	Inserted int
	// Dropped is the number of rings removed because they fell below 4 points (3 distinct
	// vertices); the holes of a removed outer ring are removed with it and counted.
	Dropped int
	// Changed is the number of rings Snap rewrote (dropped rings not counted).
	Changed int
	// Passes is the number of rounds made; the last found nothing to do unless Passes is
	// snapMaxPasses.
	Passes int
}

// snapMaxPasses bounds Snap's rounds.
const snapMaxPasses = 8

// snapPathMax is the most vertices a neighbour's path may have between the two ends of a
// segment for the segment to follow it.
const snapPathMax = 16

// Snap makes nearly shared borders exactly shared, so that Build recognises them as
// arcs. Quantized data often draws the border between two units with different
// vertices: one unit's vertex lies on (or within a unit of) its neighbour's segment,
// which lacks it (a T-junction), two vertices sit a unit apart, or one unit cuts a
// corner of the other's staircase. Call Snap on the quantized shapes before Build. It
// changes the shapes' rings in place (see below) and reports what it did.
//
// d is the tolerance in plane units; d < 1 does nothing. Distances are Chebyshev (L∞):
// max(|dx|, |dy|), the metric of rounding to a grid: rounding moves a point by at most
// ½ each way, so two copies of one point land at most 1 apart, and a point on a segment
// lands within 1 of the rounded segment. d = 1 therefore mends what rounding did; a
// larger d also closes real slivers of the source up to d wide.
//
// Rings are numbered in input order (shapes, their polygons, their rings), and a point
// is owned by the first ring that uses it: later rings give way to earlier ones, which
// makes the result deterministic and keeps edits from chasing each other. Snap repeats
// three steps until a round changes nothing (at most snapMaxPasses rounds):
//
//  1. Points: a point moves onto the nearest point within d (Chebyshev; ties by
//     Euclidean distance, then index order) that is owned by an earlier ring of another
//     shape, if some ring draws a segment from or to it that no other ring draws, not
//     every ring using it has the other point next to it already, and no ring using it
//     has the other point two vertices away (the move would fold a spike). A point
//     whose target itself moves waits for the next round, so no point moves by more
//     than d in a round.
//  2. Paths: where a ring's segment ab is drawn by no other ring, a is used by an
//     earlier ring, and the ring goes on from a through vertices of its own alone to a
//     point b' (b or a later vertex, at most snapPathMax+1 steps on) while an earlier
//     ring goes from a to b' through at most snapPathMax vertices, and each of the two
//     paths lies within d of the other, the ring takes the earlier ring's path (its
//     first such ring, forward before backward, the nearest b' first) — unless a vertex
//     of its own there is one step 3 puts into the earlier ring's path. A loop of its own
//     vertices back to a, all within d of a, goes.
//  3. T-junctions: a point v within d of segment pq's line, its projection strictly
//     inside pq, either exactly on pq or farther than d from p and q, and not used by a
//     ring that draws pq, is inserted into pq; several go in order along it. The rule
//     depends on the segment and the point alone, so a segment that two rings share
//     gets the same points, in opposite order.
//
// No point is created: points move onto existing points and every insertion reuses an
// existing point. After each round consecutive duplicates and spikes (a vertex between
// two copies of one point) are removed from the rings changed. A ring left with fewer
// than 3 distinct vertices (4 points closed) is removed, and a polygon with its outer
// ring; they are counted in the report, but a shape whose every polygon would go keeps
// its rings as they were. Rings Snap does not change keep their slices; a ring it
// changes is replaced by a new closed slice without consecutive duplicates. Rings with
// fewer than 3 distinct vertices to begin with are left as they are, and so are the
// holes of such an outer ring: Build drops them.
//
// The first round visits every point and segment; later rounds only those near what
// the last round changed. Each round works on a grid index of the points, sorted by
// cell, and spreads its work over GOMAXPROCS goroutines; the result does not depend on
// GOMAXPROCS. Snap is idempotent when it settles within snapMaxPasses rounds (Passes
// in the report below the limit). Coordinates must stay within ±2^29, as for Build,
// and the area of the shapes' bounds, in square units, times their number of vertices
// must stay below about 2^62 (a map a million units wide with a million vertices is
// well within); beyond, Snap leaves the shapes as they are and reports nothing done.
func Snap(shapes []Shape, d int32) SnapReport {
	var rep SnapReport
	if d < 1 {
		return rep
	}
	s := newSnapper(shapes, d)
	for rep.Passes < snapMaxPasses {
		rep.Passes++
		// The first round looks everywhere; later ones only near what changed in the
		// last, with an index of the points around. Both steps work from the same
		// index; the moves apply after the insertions.
		var on [][]bool  // per ring, the vertices to look at; all if nil
		var posOn []bool // per point, whether to look at it; all if nil
		if rep.Passes == 1 {
			if !s.index(nil) {
				return SnapReport{} // too large for the keys: see above
			}
		} else {
			act := s.newAct(s.touched)
			s.region = s.cells(s.region, s.touched, 1+snapMargin)
			if !s.index(s.region) {
				rep.Passes--
				break
			}
			on, posOn = s.active(act)
		}
		s.touched = s.touched[:0]
		moves := s.movePoints(posOn)
		out, n, changed := s.insert(on)
		s.apply(moves, out)
		s.cleanDirty()
		rep.Merged += len(moves)
		rep.Inserted += n
		if len(moves) == 0 && changed == 0 {
			break
		}
	}
	rep.Dropped, rep.Changed = s.write(shapes)
	return rep
}

// snapRing is one ring as Snap works on it: open (no closing point), cleaned.
type snapRing struct {
	pts     []Point
	shape   int32
	poly    int32
	idx     int32
	outer   int32   // the number of its polygon's outer ring
	alive   bool    // taking part: not short from the start, not dropped
	changed bool    // moved or inserted vertices: to be written back
	own     bool    // pts is Snap's own copy, not the input ring's array
	dirty   bool    // to be cleaned
	dropped bool    // fell below 3 distinct vertices
	lo, hi  Point   // bounds of pts
	long    []int32 // the segments at least snapLong long (Chebyshev)
}

// snapLong is the length from which a segment may pass a cell without an end in it.
const snapLong = 16

// measure sets r's bounds and long segments.
func (r *snapRing) measure() {
	r.long = r.long[:0]
	if len(r.pts) == 0 {
		return
	}
	lo, hi := r.pts[0], r.pts[0]
	for k, a := range r.pts {
		lo.X, lo.Y = min(lo.X, a.X), min(lo.Y, a.Y)
		hi.X, hi.Y = max(hi.X, a.X), max(hi.Y, a.Y)
		b := r.pts[0]
		if k+1 < len(r.pts) {
			b = r.pts[k+1]
		}
		if cheb(a, b) >= snapLong {
			r.long = append(r.long, int32(k))
		}
	}
	r.lo, r.hi = lo, hi
}

// snapUse is one use of a point: by ring ring, at index idx of its open ring.
type snapUse struct {
	ring, idx int32
}

// snapper holds Snap's rings and their index.
type snapper struct {
	d     int32
	rings []snapRing

	// The index of the alive rings' points, rebuilt by index.
	minX, minY int32
	shift      uint
	nx, ny     int
	keyBits    int       // bits of a point's place in the grid
	seqBits    uint      // bits of a use's sequence number
	cellUse    []int32   // uses of cell c: uses[cellUse[c]:cellUse[c+1]]
	uses       []snapUse // by cell, then by point, ring and index
	cellPos    []int32   // points of cell c: pos[cellPos[c]:cellPos[c+1]]
	pos        []Point   // the distinct points, by cell, then by x and y
	posUse     []int32   // uses of point i: uses[posUse[i]:posUse[i+1]]; its owner is the first's ring
	ringBase   []int32   // vertex k of ring r is point posOf[ringBase[r]+k]
	posOf      []int32

	// Points where rings changed in the last round: only near them can the next find
	// more to do.
	touched []Point

	// Scratch kept from round to round: at the national scale each is megabytes.
	sat, cellMin, onto []int32
	region, coarse     []bool // by cell, for index and snapAct
	fine               []uint64
	posOn              []bool
}

// touch records ps as places where rings changed.
func (s *snapper) touch(ps ...Point) {
	s.touched = append(s.touched, ps...)
}

// snapMargin is how many cells around those where rings changed a later round indexes,
// so that the paths and segments it follows from there are in the index.
const snapMargin = 2

// cells returns, per cell of the index, whether it lies within r cells of one holding
// one of the points; the result reuses dst.
func (s *snapper) cells(dst []bool, ps []Point, r int64) []bool {
	act := grow(dst, s.nx*s.ny)
	clear(act)
	for _, p := range ps {
		cx := (int64(p.X) - int64(s.minX)) >> s.shift
		cy := (int64(p.Y) - int64(s.minY)) >> s.shift
		for y := max(0, cy-r); y <= min(int64(s.ny-1), cy+r); y++ {
			for x := max(0, cx-r); x <= min(int64(s.nx-1), cx+r); x++ {
				act[int(y)*s.nx+int(x)] = true
			}
		}
	}
	return act
}

// newSnapper takes the shapes' rings, open and cleaned of repeated points and spikes.
func newSnapper(shapes []Shape, d int32) *snapper {
	s := &snapper{d: d}
	for i, sh := range shapes {
		for j, p := range sh.Polygons {
			outer := int32(len(s.rings))
			for k := range p {
				s.rings = append(s.rings, snapRing{shape: int32(i), poly: int32(j), idx: int32(k), outer: outer})
			}
		}
	}
	scratch := make([][]Point, workers())
	parallel(len(s.rings), 16, func(w, r int) {
		sr := &s.rings[r]
		ring := shapes[sr.shape].Polygons[sr.poly][sr.idx]
		if len(ring) >= 2 && ring[0] == ring[len(ring)-1] {
			ring = ring[:len(ring)-1]
		}
		c, _, _ := clean(scratch[w][:0], ring, nil)
		scratch[w] = c[:0]
		if len(c) >= 3 {
			// Most rings are clean already: Snap reads them where they are and copies
			// one only to change it (see own).
			if len(c) == len(ring) {
				sr.pts = ring[:len(ring):len(ring)]
			} else {
				sr.pts, sr.own = slices.Clone(c), true
			}
			sr.alive = true
			sr.measure()
		}
	})
	// Holes of an outer ring that is short from the start are dropped by Build: leave
	// them out too.
	for r := range s.rings {
		if !s.rings[s.rings[r].outer].alive {
			s.rings[r].alive = false
		}
	}
	return s
}

// index builds the index of the alive rings' points: their uses sorted by cell, point
// (x, then y), ring and index. With region nil it sets the grid from the points' bounds
// and indexes them all; otherwise it keeps the grid and indexes only the points in the
// region's cells (posOf is -1 for the others). It reports false, having done nothing, if
// the grid is too fine for its keys (see fits).
//
// The uses go into their cells with a counting sort, in ring order, and each cell's few
// are then sorted by point: no sort keys as long as the input are held, which at the
// national scale saved about 140 MB against a radix sort of packed keys.
func (s *snapper) index(region []bool) bool {
	s.ringBase = grow(s.ringBase, len(s.rings)+1)
	n := 0
	for ri, r := range s.rings {
		s.ringBase[ri] = int32(n)
		if r.alive {
			n += len(r.pts)
		}
	}
	s.ringBase[len(s.rings)] = int32(n)
	if region == nil {
		s.grid(n)
	}
	s.seqBits = uint(max(1, bits.Len(uint(n))))
	if !s.fits() {
		return false
	}
	cells := s.nx * s.ny
	sh := s.shift
	cellOf := func(p Point) int {
		return int((p.Y-s.minY)>>sh)*s.nx + int((p.X-s.minX)>>sh)
	}

	// The rings to look at: with a region, those with a cell of their bounds in it.
	in := make([]bool, len(s.rings))
	var sat []int32 // summed-area table of the region's cells
	if region != nil {
		sat = grow(s.sat, (s.nx+1)*(s.ny+1))
		s.sat = sat
		clear(sat)
		for y := range s.ny {
			row := int32(0)
			for x := range s.nx {
				if region[y*s.nx+x] {
					row++
				}
				sat[(y+1)*(s.nx+1)+x+1] = sat[y*(s.nx+1)+x+1] + row
			}
		}
	}
	for ri := range s.rings {
		r := &s.rings[ri]
		if !r.alive {
			continue
		}
		if region != nil {
			x0, y0 := int((r.lo.X-s.minX)>>sh), int((r.lo.Y-s.minY)>>sh)
			x1, y1 := int((r.hi.X-s.minX)>>sh)+1, int((r.hi.Y-s.minY)>>sh)+1
			w := s.nx + 1
			if sat[y1*w+x1]-sat[y0*w+x1]-sat[y1*w+x0]+sat[y0*w+x0] == 0 {
				continue // no cell of its bounds is in the region
			}
		}
		in[ri] = true
	}
	sat = nil

	// Count the uses per cell, then place them: cell c's uses end up in
	// uses[at[c]:at[c+1]], in ring and vertex order.
	at := grow(s.cellUse, cells+1)
	clear(at)
	for ri, r := range s.rings {
		if !in[ri] {
			continue
		}
		for _, p := range r.pts {
			c := cellOf(p)
			if region == nil || region[c] {
				at[c]++
			}
		}
	}
	m := int32(0)
	for c := range cells {
		m, at[c] = m+at[c], m
	}
	at[cells] = m
	s.uses = grow(s.uses, int(m))
	s.posOf = grow(s.posOf, n)
	if region != nil {
		for i := range s.posOf {
			s.posOf[i] = -1
		}
	}
	for ri, r := range s.rings {
		if !in[ri] {
			continue
		}
		for k, p := range r.pts {
			c := cellOf(p)
			if region == nil || region[c] {
				s.uses[at[c]] = snapUse{int32(ri), int32(k)}
				at[c]++
			}
		}
	}
	copy(at[1:], at[:cells]) // at[c] was the end of cell c: make it the start
	at[0] = 0
	s.cellUse = at

	// Sort each cell's uses by point, stably, and count its points; cells are taken in
	// chunks of about equal numbers of uses.
	nw := max(1, min(workers(), int(m)/65536))
	chunks := make([]int, nw+1)
	for w, c := 1, 0; w < nw; w++ {
		for c < cells && int64(at[c])*int64(nw) < int64(w)*int64(m) {
			c++
		}
		chunks[w] = c
	}
	chunks[nw] = cells
	s.cellPos = grow(s.cellPos, cells+1)
	parallel(nw, 1, func(_, w int) {
		var keys []uint64
		var tmp []snapUse
		lmask := int32(1)<<sh - 1
		for c := chunks[w]; c < chunks[w+1]; c++ {
			us := s.uses[at[c]:at[c+1]]
			if len(us) < 2 {
				s.cellPos[c] = int32(len(us))
				continue
			}
			// Key: x and y within the cell, then the use's place in the cell.
			lb := uint(bits.Len(uint(len(us))))
			keys = keys[:0]
			for i, u := range us {
				p := s.rings[u.ring].pts[u.idx]
				xy := uint64((p.X-s.minX)&lmask)<<sh | uint64((p.Y-s.minY)&lmask)
				keys = append(keys, xy<<lb|uint64(i))
			}
			slices.Sort(keys)
			tmp = append(tmp[:0], us...)
			np := int32(0)
			for i, k := range keys {
				us[i] = tmp[k&(1<<lb-1)]
				if i == 0 || k>>lb != keys[i-1]>>lb {
					np++
				}
			}
			s.cellPos[c] = np
		}
	})
	np := int32(0)
	for c := range cells {
		np, s.cellPos[c] = np+s.cellPos[c], np
	}
	s.cellPos[cells] = np

	// The points, their uses, and each use's point.
	s.pos = grow(s.pos, int(np))
	s.posUse = grow(s.posUse, int(np)+1)
	s.posUse[np] = m
	parallel(nw, 1, func(_, w int) {
		for c := chunks[w]; c < chunks[w+1]; c++ {
			j := s.cellPos[c] - 1
			for i := at[c]; i < at[c+1]; i++ {
				u := s.uses[i]
				p := s.rings[u.ring].pts[u.idx]
				if i == at[c] || p != s.pos[j] {
					j++
					s.pos[j] = p
					s.posUse[j] = i
				}
				s.posOf[s.ringBase[u.ring]+u.idx] = j
			}
		}
	})
	return true
}

// grid sets the index's cells from the bounds of the alive rings' n vertices.
func (s *snapper) grid(n int) {
	lo := make([]Point, workers())
	hi := make([]Point, workers())
	for w := range lo {
		lo[w] = Point{math.MaxInt32, math.MaxInt32}
		hi[w] = Point{math.MinInt32, math.MinInt32}
	}
	parallel(len(s.rings), 16, func(w, ri int) {
		r := &s.rings[ri]
		if !r.alive {
			return
		}
		l, h := lo[w], hi[w]
		for _, p := range r.pts {
			l.X, l.Y = min(l.X, p.X), min(l.Y, p.Y)
			h.X, h.Y = max(h.X, p.X), max(h.Y, p.Y)
		}
		lo[w], hi[w] = l, h
	})
	l, h := lo[0], hi[0]
	for w := range lo {
		l.X, l.Y = min(l.X, lo[w].X), min(l.Y, lo[w].Y)
		h.X, h.Y = max(h.X, hi[w].X), max(h.Y, hi[w].Y)
	}
	if n == 0 {
		l, h = Point{}, Point{}
	}
	// Cells of 2^shift units: at least 16 and more than 2d, so that the points within d
	// of a point lie in its cell or the next ones; larger while there would be more cells
	// than half the points: the index keeps several arrays by cell, and border points
	// crowd into a small share of the cells anyway.
	s.shift = 4
	for int64(1)<<s.shift <= 2*int64(s.d) {
		s.shift++
	}
	w, ht := int64(h.X)-int64(l.X)+1, int64(h.Y)-int64(l.Y)+1
	for ((w>>s.shift)+1)*((ht>>s.shift)+1) > int64(n/2+1024) {
		s.shift++
	}
	s.minX, s.minY = l.X, l.Y
	s.nx, s.ny = int(w>>s.shift)+1, int(ht>>s.shift)+1
	s.keyBits = bits.Len(uint(s.ny-1)) + bits.Len(uint(s.nx-1)) + 2*int(s.shift)
}

// fits reports whether a point's place in the grid and a use's sequence number fit in
// 64 bits together: whether the extent's area in units times the number of vertices
// stays below about 2^62. Then a cell's sort keys (a place within the cell and a use's
// rank there) fit, and so does the grid.
func (s *snapper) fits() bool { return s.keyBits+int(s.seqBits) <= 64 }

// owner returns the first ring using point i.
func (s *snapper) owner(i int32) int32 { return s.uses[s.posUse[i]].ring }

// joined reports whether every ring using point i uses point j next to it.
func (s *snapper) joined(i, j int32) bool {
	q := s.pos[j]
	for _, u := range s.uses[s.posUse[i]:s.posUse[i+1]] {
		pts := s.rings[u.ring].pts
		x := int(u.idx)
		prev, next := x-1, x+1
		if prev < 0 {
			prev = len(pts) - 1
		}
		if next == len(pts) {
			next = 0
		}
		if pts[prev] != q && pts[next] != q {
			return false
		}
	}
	return true
}

// movePoints finds the points to move onto nearby points owned by earlier rings of
// other shapes (step 1 of Snap), looking only at the points posOn marks if not nil, and
// returns them as pairs of a point and its target, by index.
func (s *snapper) movePoints(posOn []bool) [][2]int32 {
	d := s.d
	np := len(s.pos)
	onto := grow(s.onto, np)
	s.onto = onto
	dd := int64(d)
	mx, my := int64(s.minX), int64(s.minY)
	// The first owner in each cell: a point can move only near an earlier one.
	cellMin := grow(s.cellMin, s.nx*s.ny)
	s.cellMin = cellMin
	for c := range cellMin {
		cellMin[c] = math.MaxInt32
	}
	for i, p := range s.pos {
		c := int((p.Y-s.minY)>>s.shift)*s.nx + int((p.X-s.minX)>>s.shift)
		cellMin[c] = min(cellMin[c], s.owner(int32(i)))
	}
	parallel(np, 1024, func(_, ii int) {
		i := int32(ii)
		onto[i] = -1
		if posOn != nil && !posOn[i] {
			return
		}
		own := s.owner(i)
		if own == 0 {
			return
		}
		q := s.pos[i]
		shape := s.rings[own].shape
		best := int32(-1)
		var bc, be int64
		qx, qy := int64(q.X), int64(q.Y)
		cx0, cx1 := max(0, (qx-dd-mx)>>s.shift), min(int64(s.nx-1), (qx+dd-mx)>>s.shift)
		cy0, cy1 := max(0, (qy-dd-my)>>s.shift), min(int64(s.ny-1), (qy+dd-my)>>s.shift)
		for y := cy0; y <= cy1; y++ {
			for x := cx0; x <= cx1; x++ {
				c2 := int(y)*s.nx + int(x)
				if cellMin[c2] >= own {
					continue
				}
				ps := s.pos[s.cellPos[c2]:s.cellPos[c2+1]]
				lo := searchX(ps, int32(qx-dd))
				for k := lo; k < len(ps) && int64(ps[k].X) <= qx+dd; k++ {
					p := ps[k]
					dy := int64(p.Y) - qy
					if dy > dd || dy < -dd || p == q {
						continue
					}
					j := s.cellPos[c2] + int32(k)
					o := s.owner(j)
					if o >= own || s.rings[o].shape == shape {
						continue
					}
					dx := int64(p.X) - qx
					ch := max(dx, -dx, dy, -dy)
					e := dx*dx + dy*dy
					if best >= 0 && (ch > bc || ch == bc && (e > be || e == be && j > best)) {
						continue
					}
					if s.joined(i, j) || s.spiky(i, j) {
						continue
					}
					best, bc, be = j, ch, e
				}
			}
		}
		if best >= 0 && !s.loose(i) {
			best = -1
		}
		onto[i] = best
	})
	var moves [][2]int32
	for i, j := range onto {
		if j < 0 || onto[j] >= 0 {
			continue // no move, or its target moves too: wait for the next round
		}
		moves = append(moves, [2]int32{int32(i), j})
	}
	return moves
}

// apply puts the insertions' new rings (nil for a ring unchanged) in place, then moves
// the points of moves (pairs of a point and its target in the index) in every ring.
func (s *snapper) apply(moves [][2]int32, out [][]Point) {
	for ri, o := range out {
		if o != nil {
			r := &s.rings[ri]
			r.pts, r.own = o, true
			r.dirty, r.changed = true, true
		}
	}
	if len(moves) == 0 {
		return
	}
	to := make(map[Point]Point, len(moves))
	for _, m := range moves {
		p, q := s.pos[m[0]], s.pos[m[1]]
		to[p] = q
		s.touch(p, q)
		for _, u := range s.uses[s.posUse[m[0]]:s.posUse[m[0]+1]] {
			r := &s.rings[u.ring]
			if out[u.ring] == nil {
				if !r.own {
					r.pts, r.own = slices.Clone(r.pts), true
				}
				r.pts[u.idx] = q
			}
			r.dirty, r.changed = true, true
		}
	}
	parallel(len(out), 16, func(_, ri int) {
		if out[ri] == nil {
			return
		}
		for k, p := range out[ri] {
			if q, ok := to[p]; ok {
				out[ri][k] = q
			}
		}
	})
}

// insert makes rings follow earlier rings' paths (step 2 of Snap) and inserts
// T-junction points into segments (step 3). It returns the new rings (nil where a ring
// is unchanged), the number of vertices inserted and the number of rings changed.
func (s *snapper) insert(active [][]bool) (out [][]Point, inserted, changed int) {
	counts := make([]int, len(s.rings))
	out = make([][]Point, len(s.rings))
	touched := make([][]Point, len(s.rings))
	type hit struct {
		p   Point
		key int64 // the distance along the segment from its lesser end, times its length
	}
	scratch := make([][]hit, workers())
	paths := make([][]Point, workers())
	parallel(len(s.rings), 1, func(w, ri int) {
		r := &s.rings[ri]
		if !r.alive {
			return
		}
		pts := r.pts
		n := len(pts)
		var on []bool // the vertices to look at, all if nil
		if active != nil {
			if on = active[ri]; on == nil {
				return
			}
		}
		var tch []Point
		// Start after a segment some other ring draws too, so that no run of
		// disagreeing segments wraps around the end.
		base := s.ringBase[ri]
		start := 0
		for k := range n {
			k1 := (k + n - 1) % n
			if s.posOf[base+int32(k1)] < 0 || s.matched(int32(ri), k1) {
				start = k
				break
			}
		}
		// o is the new ring, made at the first change: the vertices before are copied.
		var o []Point
		emit := func(step int) {
			if o == nil {
				o = make([]Point, 0, n+8)
				for t := range step {
					o = append(o, pts[(start+t)%n])
				}
			}
		}
		hits := scratch[w]
		changed := false
		for step := 0; step < n; {
			k := (start + step) % n
			a := pts[k]
			if o != nil {
				o = append(o, a)
			}
			if s.posOf[base+int32(k)] < 0 || on != nil && !on[k] {
				step++
				continue
			}
			if path, j := s.conform(int32(ri), k, n-step, paths[w][:0]); j > 0 {
				paths[w] = path
				emit(step + 1)
				o = append(o, path...)
				for t := 0; t <= j; t++ {
					tch = append(tch, pts[(k+t)%n])
				}
				tch = append(tch, path...)
				counts[ri] += len(path)
				changed = true
				step += j
				continue
			}
			step++
			b := pts[(k+1)%n]
			hits = hits[:0]
			s.near(int32(ri), k, a, b, func(v Point, dot, len2 int64) {
				key := dot
				if b.X < a.X || (b.X == a.X && b.Y < a.Y) {
					key = len2 - dot
				}
				hits = append(hits, hit{v, key})
			})
			if len(hits) == 0 {
				continue
			}
			slices.SortFunc(hits, func(x, y hit) int {
				if x.key != y.key {
					return cmp.Compare(x.key, y.key)
				}
				if x.p.X != y.p.X {
					return cmp.Compare(x.p.X, y.p.X)
				}
				return cmp.Compare(x.p.Y, y.p.Y)
			})
			if b.X < a.X || (b.X == a.X && b.Y < a.Y) {
				slices.Reverse(hits)
			}
			emit(step)
			for _, h := range hits {
				o = append(o, h.p)
				tch = append(tch, h.p)
			}
			tch = append(tch, a, b)
			counts[ri] += len(hits)
			changed = true
		}
		scratch[w] = hits
		if changed {
			out[ri] = o
			touched[ri] = tch
		}
	})
	for ri, o := range out {
		if o != nil {
			s.touch(touched[ri]...)
			inserted += counts[ri]
			changed++
		}
	}
	return out, inserted, changed
}

// matched reports whether another ring, or ring ri elsewhere, draws the segment from
// ring ri's vertex k to the next, either way.
func (s *snapper) matched(ri int32, k int) bool {
	pts := s.rings[ri].pts
	b := pts[(k+1)%len(pts)]
	pa := s.posOf[s.ringBase[ri]+int32(k)]
	for _, u := range s.uses[s.posUse[pa]:s.posUse[pa+1]] {
		if u.ring == ri && int(u.idx) == k {
			continue
		}
		q := s.rings[u.ring].pts
		m := len(q)
		if q[(int(u.idx)+1)%m] == b || q[(int(u.idx)+m-1)%m] == b {
			return true
		}
	}
	return false
}

// conform looks for a run of ring ri from its vertex k = a to a later vertex b, at
// most limit steps on, whose segments no other ring draws and whose vertices between
// are used by ri alone, such that an earlier ring goes from a to b through at most
// snapPathMax vertices and each path lies within d of the other. It returns the
// earlier ring's vertices between a and b, appended to dst, and the run's number of
// steps; 0 steps if there is none. The nearest b is taken first, then the first
// earlier ring, forward before backward.
func (s *snapper) conform(ri int32, k, limit int, dst []Point) ([]Point, int) {
	pts := s.rings[ri].pts
	n := len(pts)
	base := s.ringBase[ri]
	pa := s.posOf[base+int32(k)]
	if s.owner(pa) >= ri || s.matched(ri, k) {
		return dst, 0 // no earlier ring uses a, or the segment is drawn alike
	}
	ua := s.uses[s.posUse[pa]:s.posUse[pa+1]]
	for j := 1; j <= min(limit, snapPathMax+1); j++ {
		kb := (k + j) % n
		pb := s.posOf[base+int32(kb)]
		if pb < 0 {
			break // outside the index
		}
		if pb == pa {
			// The run comes back to a through points of its own alone: a loop within
			// d of a goes.
			loop := j > 2 && j <= n-3 // not the whole ring
			for t := 1; t < j && loop; t++ {
				loop = cheb(pts[(k+t)%n], pts[k]) <= int64(s.d)
			}
			if loop {
				return dst, j
			}
			break
		}
		ub := s.uses[s.posUse[pb]:s.posUse[pb+1]]
		for ia, u := range ua {
			if u.ring >= ri {
				break
			}
			if ia > 0 && ua[ia-1].ring == u.ring {
				continue // one try per ring: its uses of a are tried below
			}
			if !slices.ContainsFunc(ub, func(v snapUse) bool { return v.ring == u.ring }) {
				continue
			}
			for _, ua2 := range ua[ia:] {
				if ua2.ring != u.ring {
					break
				}
				q := s.rings[u.ring].pts
				m := len(q)
				for _, dir := range [2]int{1, m - 1} {
					if path, ok := s.pathTo(q, int(ua2.idx), dir, pts, k, j, dst); ok {
						return path, j
					}
				}
			}
		}
		if s.owner(pb) != ri || s.posUse[pb+1]-s.posUse[pb] != 1 {
			break // b is used by another ring or twice: the run ends here
		}
	}
	return dst, 0
}

// pathTo walks ring q from its vertex i in steps of dir (1, or len(q)-1 for backward)
// to the point pts[(k+j)%len(pts)] through at most snapPathMax vertices, and reports
// whether it gets there with each path within d of the other, where the other is
// pts from k to k+j. The vertices between are appended to dst.
func (s *snapper) pathTo(q []Point, i, dir int, pts []Point, k, j int, dst []Point) ([]Point, bool) {
	n, m := len(pts), len(q)
	a, b := pts[k], pts[(k+j)%n]
	start := len(dst)
	x := i
	for range snapPathMax + 1 {
		x = (x + dir) % m
		p := q[x]
		if p == b {
			if len(dst) == start && j == 1 {
				return dst[:start], false
			}
			// Each of the run's vertices between must lie near the path, and not where
			// step 3 puts it into the path instead.
			path := dst[start:]
			for t := 1; t < j; t++ {
				v := pts[(k+t)%n]
				ok := false
				prev := a
				for x := 0; x <= len(path); x++ {
					c := b
					if x < len(path) {
						c = path[x]
					}
					if s.tJunction(v, prev, c) {
						return dst[:start], false
					}
					ok = ok || s.within(v, prev, c)
					prev = c
				}
				if !ok {
					return dst[:start], false
				}
			}
			return dst, true
		}
		if p == a {
			break
		}
		// The path's vertex must lie near the run.
		ok := false
		for t := 0; t < j; t++ {
			if s.within(p, pts[(k+t)%n], pts[(k+t+1)%n]) {
				ok = true
				break
			}
		}
		if !ok {
			break
		}
		dst = append(dst, p)
	}
	return dst[:start], false
}

// within reports whether p lies within d of segment ab: within Chebyshev distance d of
// a or b, or of the line through them with its projection strictly inside.
func (s *snapper) within(p, a, b Point) bool {
	d := int64(s.d)
	if cheb(p, a) <= d || cheb(p, b) <= d {
		return true
	}
	dx, dy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
	ux, uy := int64(p.X)-int64(a.X), int64(p.Y)-int64(a.Y)
	dot := ux*dx + uy*dy
	if dot <= 0 || dot >= dx*dx+dy*dy {
		return false
	}
	cr := dx*uy - dy*ux
	return max(cr, -cr) <= d*(max(dx, -dx)+max(dy, -dy))
}

// tJunction reports whether step 3 would put point v into segment ab, as far as their
// geometry goes: v lies within d of the line, its projection strictly inside, and it is
// exactly on ab or farther than d from a and b.
func (s *snapper) tJunction(v, a, b Point) bool {
	d := int64(s.d)
	dx, dy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
	ux, uy := int64(v.X)-int64(a.X), int64(v.Y)-int64(a.Y)
	if dot := ux*dx + uy*dy; dot <= 0 || dot >= dx*dx+dy*dy {
		return false
	}
	cr := dx*uy - dy*ux
	return cr == 0 || max(cr, -cr) <= d*(max(dx, -dx)+max(dy, -dy)) && cheb(v, a) > d && cheb(v, b) > d
}

// near calls fn for every indexed point v that step 3 inserts into the segment ab from
// ring ri's vertex k (see tJunction), and that no ring drawing ab uses, with
// dot = (v-a)·(b-a) and len2 = |b-a|².
func (s *snapper) near(ri int32, k int, a, b Point, fn func(v Point, dot, len2 int64)) {
	var drawing []int32
	var drawBuf [4]int32
	d := int64(s.d)
	dx, dy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
	if max(dx, -dx) <= 1 && max(dy, -dy) <= 1 {
		return // no point lies strictly inside, or farther than d from both ends
	}
	x0, x1 := int64(min(a.X, b.X))-d, int64(max(a.X, b.X))+d
	y0, y1 := int64(min(a.Y, b.Y))-d, int64(max(a.Y, b.Y))+d
	mx, my := int64(s.minX), int64(s.minY)
	cx0, cx1 := max(0, (x0-mx)>>s.shift), min(int64(s.nx-1), (x1-mx)>>s.shift)
	cy0, cy1 := max(0, (y0-my)>>s.shift), min(int64(s.ny-1), (y1-my)>>s.shift)
	len2 := dx*dx + dy*dy
	long := (cx1-cx0+1)*(cy1-cy0+1) > 4
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			if long {
				// Skip cells whose square, widened by d, lies wholly on one side of the
				// segment's line.
				rx0, ry0 := mx+cx<<s.shift-d, my+cy<<s.shift-d
				rx1, ry1 := rx0+1<<s.shift+2*d, ry0+1<<s.shift+2*d
				side := func(x, y int64) int {
					return sign(dx*(y-int64(a.Y)) - dy*(x-int64(a.X)))
				}
				s0 := side(rx0, ry0)
				if s0 != 0 && side(rx1, ry0) == s0 && side(rx0, ry1) == s0 && side(rx1, ry1) == s0 {
					continue
				}
			}
			c := int(cy)*s.nx + int(cx)
			ps := s.pos[s.cellPos[c]:s.cellPos[c+1]]
			// The cell's points are sorted by x: start at x0.
			lo := searchX(ps, int32(max(x0, math.MinInt32)))
			for i0, v := range ps[lo:] {
				i := s.cellPos[c] + int32(lo+i0)
				vx, vy := int64(v.X), int64(v.Y)
				if vx > x1 {
					break
				}
				if vy < y0 || vy > y1 || v == a || v == b {
					continue
				}
				if !s.tJunction(v, a, b) {
					continue
				}
				dot := (vx-int64(a.X))*dx + (vy-int64(a.Y))*dy
				// Not a point of a ring drawing ab: a ring gains each point once.
				if drawing == nil {
					drawing = s.drawing(ri, k, drawBuf[:0])
				}
				if s.usedBy(i, drawing) {
					continue
				}
				fn(v, dot, len2)
			}
		}
	}
}

// cleanDirty removes consecutive duplicates and spikes from the rings changed since the
// last cleaning and drops those left with fewer than 3 distinct vertices, with the holes
// of a dropped outer ring.
func (s *snapper) cleanDirty() {
	removed := make([][]Point, len(s.rings))
	parallel(len(s.rings), 16, func(_, ri int) {
		r := &s.rings[ri]
		if !r.dirty {
			return
		}
		r.dirty = false
		var gone []Point
		r.pts, _, _ = clean(r.pts[:0], r.pts, &gone)
		r.measure()
		if len(r.pts) < 3 {
			gone = append(gone, r.pts...)
			r.alive, r.dropped = false, true
		}
		removed[ri] = gone
	})
	for ri := range s.rings {
		r := &s.rings[ri]
		if !r.dropped && s.rings[r.outer].dropped {
			if r.alive {
				s.touch(r.pts...)
			}
			r.alive, r.dropped = false, true
		}
		s.touch(removed[ri]...)
	}
}

// write puts the changed rings back into shapes, removes the dropped ones, and returns
// how many were dropped and how many changed.
func (s *snapper) write(shapes []Shape) (dropped, changed int) {
	for k := 0; k < len(s.rings); {
		si := s.rings[k].shape
		e := k
		for e < len(s.rings) && s.rings[e].shape == si {
			e++
		}
		rs := s.rings[k:e]
		k = e
		gone, left := 0, false
		for _, r := range rs {
			if r.dropped {
				gone++
			} else if r.idx == 0 {
				left = true // a polygon stays
			}
		}
		if !left {
			continue // every polygon would go: the shape keeps its rings as they were
		}
		dropped += gone
		for _, r := range rs {
			if r.changed && !r.dropped {
				changed++
				shapes[si].Polygons[r.poly][r.idx] = append(r.pts[:len(r.pts):len(r.pts)], r.pts[0])
			}
		}
		if gone == 0 {
			continue
		}
		var polys []Polygon
		for j := 0; j < len(rs); {
			e := j
			for e < len(rs) && rs[e].poly == rs[j].poly {
				e++
			}
			if !rs[j].dropped {
				var p Polygon
				for _, r := range rs[j:e] {
					if !r.dropped {
						p = append(p, shapes[si].Polygons[r.poly][r.idx])
					}
				}
				polys = append(polys, p)
			}
			j = e
		}
		shapes[si].Polygons = polys
	}
	return dropped, changed
}

// cheb returns the Chebyshev distance between a and b.
func cheb(a, b Point) int64 {
	dx, dy := int64(a.X)-int64(b.X), int64(a.Y)-int64(b.Y)
	return max(dx, -dx, dy, -dy)
}

// drawing appends to dst the rings that draw the segment from ring ri's vertex k to the
// next, either way, ri included.
func (s *snapper) drawing(ri int32, k int, dst []int32) []int32 {
	dst = append(dst, ri)
	pts := s.rings[ri].pts
	b := pts[(k+1)%len(pts)]
	pa := s.posOf[s.ringBase[ri]+int32(k)]
	for _, u := range s.uses[s.posUse[pa]:s.posUse[pa+1]] {
		if u.ring == ri {
			continue
		}
		q := s.rings[u.ring].pts
		m := len(q)
		if q[(int(u.idx)+1)%m] == b || q[(int(u.idx)+m-1)%m] == b {
			dst = append(dst, u.ring)
		}
	}
	return dst
}

// usedBy reports whether point i is used by one of rings.
func (s *snapper) usedBy(i int32, rings []int32) bool {
	for _, u := range s.uses[s.posUse[i]:s.posUse[i+1]] {
		if slices.Contains(rings, u.ring) {
			return true
		}
	}
	return false
}

// spiky reports whether a ring using point i uses point j two vertices before or after
// it, so that moving i onto j would fold the vertex between into a spike.
func (s *snapper) spiky(i, j int32) bool {
	q := s.pos[j]
	for _, u := range s.uses[s.posUse[i]:s.posUse[i+1]] {
		pts := s.rings[u.ring].pts
		n := len(pts)
		x := int(u.idx)
		if pts[(x+2)%n] == q || pts[(x+n-2)%n] == q {
			return true
		}
	}
	return false
}

// snapAct marks where rings changed: fine cells of 8 units holding a point within d of
// a change, and the index's cells within one of a change, for long segments.
type snapAct struct {
	fine       []uint64 // bit set, by fine cell
	nx, ny     int
	minX, minY int64
	coarse     []bool
}

const snapActShift = 3

// newAct marks the places near the points ps.
func (s *snapper) newAct(ps []Point) *snapAct {
	nx := s.nx << (s.shift - snapActShift)
	ny := s.ny << (s.shift - snapActShift)
	s.fine = grow(s.fine, (nx*ny+63)/64)
	clear(s.fine)
	s.coarse = s.cells(s.coarse, ps, 1)
	a := &snapAct{fine: s.fine, nx: nx, ny: ny, minX: int64(s.minX), minY: int64(s.minY), coarse: s.coarse}
	d := int64(s.d)
	for _, p := range ps {
		x0, x1 := max(0, (int64(p.X)-d-int64(s.minX))>>snapActShift), min(int64(nx-1), (int64(p.X)+d-int64(s.minX))>>snapActShift)
		y0, y1 := max(0, (int64(p.Y)-d-int64(s.minY))>>snapActShift), min(int64(ny-1), (int64(p.Y)+d-int64(s.minY))>>snapActShift)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := int(y)*nx + int(x)
				a.fine[c>>6] |= 1 << (c & 63)
			}
		}
	}
	return a
}

// hotSegment reports whether segment ab comes within d of a change: a marked fine cell
// for a segment shorter than the index's cells, a marked cell for a longer one.
func (s *snapper) hotSegment(a, b Point, act *snapAct) bool {
	mx, my := int64(s.minX), int64(s.minY)
	d := int64(s.d)
	x0, x1 := max(0, int64(min(a.X, b.X))-d-mx), int64(max(a.X, b.X))+d-mx
	y0, y1 := max(0, int64(min(a.Y, b.Y))-d-my), int64(max(a.Y, b.Y))+d-my
	if cheb(a, b) < int64(1)<<s.shift {
		x1 = min(x1, int64(act.nx)<<snapActShift-1)
		y1 = min(y1, int64(act.ny)<<snapActShift-1)
		for y := y0 >> snapActShift; y <= y1>>snapActShift; y++ {
			for x := x0 >> snapActShift; x <= x1>>snapActShift; x++ {
				c := int(y)*act.nx + int(x)
				if act.fine[c>>6]&(1<<(c&63)) != 0 {
					return true
				}
			}
		}
		return false
	}
	for y := y0 >> s.shift; y <= min(int64(s.ny-1), y1>>s.shift); y++ {
		for x := x0 >> s.shift; x <= min(int64(s.nx-1), x1>>s.shift); x++ {
			if act.coarse[int(y)*s.nx+int(x)] {
				return true
			}
		}
	}
	return false
}

// active returns, per ring, the vertices a later round must look at (nil for a ring
// with none), and per point of the index whether a ring looks at it there.
func (s *snapper) active(act *snapAct) ([][]bool, []bool) {
	on := make([][]bool, len(s.rings))
	bufs := make([]activeBuf, workers())
	parallel(len(s.rings), 1, func(w, ri int) {
		if !s.rings[ri].alive {
			return
		}
		if o := s.activeVertices(ri, act, &bufs[w]); o != nil {
			on[ri] = slices.Clone(o)
		}
	})
	posOn := grow(s.posOn, len(s.pos))
	clear(posOn)
	s.posOn = posOn
	for ri, o := range on {
		posOf := s.posOf[s.ringBase[ri]:s.ringBase[ri+1]]
		for k, ok := range o {
			if ok && posOf[k] >= 0 {
				posOn[posOf[k]] = true
			}
		}
	}
	return on, posOn
}

// activeBuf holds a worker's scratch for activeVertices.
type activeBuf struct{ on, hot []bool }

// activeVertices returns, for a ring, which vertices a round must look at: those
// within snapPathMax+2 vertices along the ring of a segment that comes within d of a
// change, as far as the paths of step 2 reach. It returns nil if there is none; the
// result lives in buf until the next call.
func (s *snapper) activeVertices(ri int, act *snapAct, buf *activeBuf) []bool {
	r := &s.rings[ri]
	pts := r.pts
	n := len(pts)
	posOf := s.posOf[s.ringBase[ri]:s.ringBase[ri+1]]
	var hot []int
	// Segments with an end in the index's region (which holds every point near a
	// change), then long ones that may cross it without.
	for k, p := range posOf {
		if p < 0 {
			continue
		}
		// Segment k, and segment k-1 unless its start, in the region, had it.
		k0 := k - 1
		if k0 < 0 {
			k0 = n - 1
		}
		if posOf[k0] < 0 && s.hotSegment(pts[k0], pts[k], act) {
			hot = append(hot, k0)
		}
		k1 := k + 1
		if k1 == n {
			k1 = 0
		}
		if s.hotSegment(pts[k], pts[k1], act) {
			hot = append(hot, k)
		}
	}
	for _, k := range r.long {
		k1 := (int(k) + 1) % n
		if posOf[k] < 0 && posOf[k1] < 0 && s.hotSegment(pts[k], pts[k1], act) {
			hot = append(hot, int(k))
		}
	}
	if len(hot) == 0 {
		return nil
	}
	// Mark the vertices within reach of a hot segment along the ring, each way.
	const reach = snapPathMax + 2
	isHot := grow(buf.hot, n)
	clear(isHot)
	for _, k := range hot {
		isHot[k] = true
	}
	on := grow(buf.on, n)
	clear(on)
	for _, step := range [2]int{1, n - 1} {
		dist := 0
		for i, k := 0, hot[0]; i < n; i, k = i+1, (k+step)%n {
			if isHot[k] {
				dist = 0
			} else {
				dist++
			}
			if dist <= reach {
				on[k] = true
			}
		}
	}
	buf.on, buf.hot = on, isHot
	return on
}

// searchX returns the first index of ps, sorted by x, whose x is at least x.
func searchX(ps []Point, x int32) int {
	lo, hi := 0, len(ps)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ps[m].X < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// loose reports whether a ring draws a segment from or to point i that no other ring
// draws: only there can rings disagree.
func (s *snapper) loose(i int32) bool {
	for _, u := range s.uses[s.posUse[i]:s.posUse[i+1]] {
		n := len(s.rings[u.ring].pts)
		if !s.matched(u.ring, int(u.idx)) || !s.matched(u.ring, (int(u.idx)+n-1)%n) {
			return true
		}
	}
	return false
}
