package topo

import "math/big"

// area2 returns twice the signed area of a closed ring (first point equal to
// last), positive when counter-clockwise with y up.
func area2(r []Point) int64 {
	if len(r) < 4 {
		return 0
	}
	x0, y0 := int64(r[0].X), int64(r[0].Y)
	var s int64
	px, py := int64(0), int64(0)
	for _, p := range r[1:] {
		qx, qy := int64(p.X)-x0, int64(p.Y)-y0
		s += px*qy - qx*py
		px, py = qx, qy
	}
	return s
}

// sign returns -1, 0 or 1 by the sign of v.
func sign(v int64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// orient returns the sign of the cross product (b-a)×(c-a): 1 if a, b, c turn
// counter-clockwise (y up), -1 if clockwise, 0 if collinear. It is exact for
// all int32 coordinates.
func orient(a, b, c Point) int {
	ux, uy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
	vx, vy := int64(c.X)-int64(a.X), int64(c.Y)-int64(a.Y)
	const lim = 1 << 31
	if ux > -lim && ux < lim && uy > -lim && uy < lim && vx > -lim && vx < lim && vy > -lim && vy < lim {
		return sign(ux*vy - uy*vx)
	}
	l := new(big.Int).Mul(big.NewInt(ux), big.NewInt(vy))
	r := new(big.Int).Mul(big.NewInt(uy), big.NewInt(vx))
	return l.Cmp(r)
}

// tri2 returns twice the unsigned area of the triangle a, b, c.
func tri2(a, b, c Point) float64 {
	ux, uy := float64(int64(b.X)-int64(a.X)), float64(int64(b.Y)-int64(a.Y))
	vx, vy := float64(int64(c.X)-int64(a.X)), float64(int64(c.Y)-int64(a.Y))
	v := ux*vy - uy*vx
	if v < 0 {
		return -v
	}
	return v
}

// tri2i returns twice the unsigned area of the triangle a, b, c, exact while
// coordinate differences stay below 2^31, else at least 2^62.
func tri2i(a, b, c Point) int64 {
	ux, uy := int64(b.X)-int64(a.X), int64(b.Y)-int64(a.Y)
	vx, vy := int64(c.X)-int64(a.X), int64(c.Y)-int64(a.Y)
	const lim = 1 << 31
	if ux <= -lim || ux >= lim || uy <= -lim || uy >= lim || vx <= -lim || vx >= lim || vy <= -lim || vy >= lim {
		return max(int64(tri2(a, b, c)), 1<<62)
	}
	v := ux*vy - uy*vx
	if v < 0 {
		return -v
	}
	return v
}

// crosses reports whether segments ab and cd cross at a point inside both:
// not at an end point, not by touching or overlapping.
func crosses(a, b, c, d Point) bool {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	if o1 == 0 || o2 == 0 || o1 == o2 {
		return false
	}
	o3, o4 := orient(c, d, a), orient(c, d, b)
	return o3 != 0 && o4 != 0 && o3 != o4
}
