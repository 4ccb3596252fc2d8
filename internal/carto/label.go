package carto

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// label returns the pole of inaccessibility of the rings, within precision map units (half a
// pixel is closer than a label or tooltip needs), read with the
// even-odd rule: the inside point farthest from any edge, found by the
// polylabel search (Agafonkin, 2016). The point is rounded to the integer grid
// when that keeps it inside.
func label(rings []ring, precision float64) orb.Point {
	segs := segments(rings)
	b := bound(rings)
	size := math.Min(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	if len(segs) == 0 || size <= 0 {
		return b.Center()
	}

	var q cellQueue
	h := size / 2
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(&q, newCell(x+h, y+h, h, segs))
		}
	}
	best := newCell(b.Center()[0], b.Center()[1], 0, segs)
	if c := newCell(centroid(rings)[0], centroid(rings)[1], 0, segs); c.d > best.d {
		best = c
	}
	for q.Len() > 0 {
		c := heap.Pop(&q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		h := c.h / 2
		heap.Push(&q, newCell(c.x-h, c.y-h, h, segs))
		heap.Push(&q, newCell(c.x+h, c.y-h, h, segs))
		heap.Push(&q, newCell(c.x-h, c.y+h, h, segs))
		heap.Push(&q, newCell(c.x+h, c.y+h, h, segs))
	}

	p := orb.Point{best.x, best.y}
	if r := (orb.Point{math.Round(p[0]), math.Round(p[1])}); signedDistance(r, segs) > 0 {
		return r
	}
	return p
}

// segment is one edge of a ring.
type segment struct{ a, b orb.Point }

func segments(rings []ring) []segment {
	var segs []segment
	for _, r := range rings {
		for i, p := range r {
			q := r[(i+1)%len(r)]
			segs = append(segs, segment{
				orb.Point{float64(p.x), float64(p.y)},
				orb.Point{float64(q.x), float64(q.y)},
			})
		}
	}
	return segs
}

// signedDistance returns the distance from p to the nearest edge, negative
// when p is outside by the even-odd rule.
func signedDistance(p orb.Point, segs []segment) float64 {
	inside := false
	d2 := math.Inf(1)
	for _, s := range segs {
		a, b := s.a, s.b
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			inside = !inside
		}
		d2 = math.Min(d2, segmentDistance2(p, a, b))
	}
	d := math.Sqrt(d2)
	if !inside {
		return -d
	}
	return d
}

// segmentDistance2 returns the squared distance from p to the segment ab.
func segmentDistance2(p, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((p[0]-x)*dx + (p[1]-y)*dy) / (dx*dx + dy*dy)
		switch {
		case t > 1:
			x, y = b[0], b[1]
		case t > 0:
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = p[0]-x, p[1]-y
	return dx*dx + dy*dy
}

// centroid returns the area centroid of the ring with the largest area.
func centroid(rings []ring) orb.Point {
	var big ring
	for _, r := range rings {
		if big == nil || abs(r.area2()) > abs(big.area2()) {
			big = r
		}
	}
	var cx, cy, a float64
	for i, p := range big {
		q := big[(i+1)%len(big)]
		f := float64(p.x*q.y - q.x*p.y)
		cx += float64(p.x+q.x) * f
		cy += float64(p.y+q.y) * f
		a += 3 * f
	}
	if a == 0 {
		return orb.Point{float64(big[0].x), float64(big[0].y)}
	}
	return orb.Point{cx / a, cy / a}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cell is a square of the label search: centre, half size, signed distance
// from the centre to the rings, and the best distance possible inside it.
type cell struct {
	x, y, h, d, max float64
}

func newCell(x, y, h float64, segs []segment) cell {
	d := signedDistance(orb.Point{x, y}, segs)
	return cell{x: x, y: y, h: h, d: d, max: d + h*math.Sqrt2}
}

// cellQueue is a max-heap of cells by their best possible distance.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
