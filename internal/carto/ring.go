package carto

import (
	"math"

	"github.com/paulmach/orb"
)

// point is a point on the integer grid of the map.
type point struct{ x, y int }

// ring is a quantized ring: open (the closing point is implied), with no
// repeated points and no points in the middle of a straight run.
type ring []point

// quantize rounds a ring in map coordinates to the integer grid.
func quantize(r orb.Ring) ring {
	out := make(ring, 0, len(r))
	for _, p := range r {
		q := point{int(math.Round(p[0])), int(math.Round(p[1]))}
		if n := len(out); n > 0 && out[n-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return straighten(out)
}

// straighten drops points that lie on the straight line from their predecessor
// to their successor, going the same way, including around the ring's seam.
// The ring must have no repeated consecutive points.
func straighten(r ring) ring {
	out := r[:0]
	for _, p := range r {
		for len(out) >= 2 && straight(out[len(out)-2], out[len(out)-1], p) {
			out = out[:len(out)-1]
		}
		out = append(out, p)
	}
	for len(out) >= 3 {
		n := len(out)
		switch {
		case straight(out[n-2], out[n-1], out[0]):
			out = out[:n-1]
		case straight(out[n-1], out[0], out[1]):
			out = out[1:]
		default:
			return out
		}
	}
	return out
}

// straight reports whether b lies strictly between a and c on the segment ac.
func straight(a, b, c point) bool {
	ux, uy := b.x-a.x, b.y-a.y
	vx, vy := c.x-b.x, c.y-b.y
	return ux*vy-uy*vx == 0 && ux*vx+uy*vy > 0
}

// area2 returns twice the signed area of the ring.
func (r ring) area2() int {
	s := 0
	for i, p := range r {
		q := r[(i+1)%len(r)]
		s += p.x*q.y - q.x*p.y
	}
	return s
}

// drawable reports whether the ring encloses some area.
func (r ring) drawable() bool {
	return len(r) >= 3 && r.area2() != 0
}

// bound returns the bound of the rings in map coordinates.
func bound(rings []ring) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, r := range rings {
		for _, p := range r {
			b = b.Extend(orb.Point{float64(p.x), float64(p.y)})
		}
	}
	return b
}
