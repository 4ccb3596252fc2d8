package topo

import "math"

// path returns n+1 points from a to b, inner ones pushed across the line by
// up to amp in a wave.
func path(a, b Point, n int, amp float64) []Point {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	l := math.Hypot(dx, dy)
	out := make([]Point, n+1)
	for k := 0; k <= n; k++ {
		s := float64(k) / float64(n)
		off := amp * math.Sin(math.Pi*s) * math.Sin(5*math.Pi*s)
		out[k] = Point{int32(math.Round(float64(a.X) + s*dx - off*dy/l)), int32(math.Round(float64(a.Y) + s*dy + off*dx/l))}
	}
	out[0], out[n] = a, b
	return out
}

// chain joins paths end to start into a closed ring.
func chain(paths ...[]Point) Ring {
	var r Ring
	for i, p := range paths {
		if i > 0 {
			p = p[1:]
		}
		r = append(r, p...)
	}
	if r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

type fixture struct {
	name                string
	shapes              []Shape
	arcs, shared, nodes int
	exterior            func(a, b Point) bool // nil: not checked by geometry
}

// onFrame returns a test for segments on the frame of the box.
func onFrame(x0, y0, x1, y1 int32) func(a, b Point) bool {
	return func(a, b Point) bool {
		return (a.X == x0 && b.X == x0) || (a.X == x1 && b.X == x1) || (a.Y == y0 && b.Y == y0) || (a.Y == y1 && b.Y == y1)
	}
}

func fixtures() []fixture {
	// T-junction: A on the left, B top right, C bottom right.
	o, m := Point{100, 100}, 40
	ac := path(Point{100, 0}, o, m, 12)
	ab := path(o, Point{100, 200}, m, 12)
	bc := path(o, Point{200, 100}, m, 12)
	tA := chain(path(Point{0, 0}, Point{100, 0}, m, 0), ac, ab, path(Point{100, 200}, Point{0, 200}, m, 0), path(Point{0, 200}, Point{0, 0}, m, 0))
	tB := chain(ab, path(Point{100, 200}, Point{200, 200}, m, 0), path(Point{200, 200}, Point{200, 100}, m, 0), reversed(bc))
	tC := chain(path(Point{100, 0}, Point{200, 0}, m, 0), path(Point{200, 0}, Point{200, 100}, m, 0), reversed(bc), reversed(ac))

	// Enclave: B fills A's hole exactly.
	hole := wavy(100, 100, 200, 200, 15, 6)
	// Islands: A is the left of two units and has two islands.
	isl := grid(2, 1, 200, 30, 3)
	isl[0].Polygons = append(isl[0].Polygons, Polygon{wavy(500, 0, 560, 60, 10, 4)}, Polygon{wavy(500, 100, 530, 130, 6, 3)})

	// Tiny: B is 3×3 on A's right border, C a 2×2 island.
	big := chain(path(Point{0, 0}, Point{0, 300}, 50, 10), path(Point{0, 300}, Point{300, 300}, 50, 10),
		[]Point{{300, 300}, {300, 103}, {300, 100}}, path(Point{300, 100}, Point{300, 0}, 20, 5), path(Point{300, 0}, Point{0, 0}, 50, 10))
	return []fixture{
		{"grid 3x2", grid(3, 2, 300, 40, 1), 13, 7, 8, onFrame(0, 0, 900, 600)},
		{"grid 1x1", grid(1, 1, 300, 40, 2), 1, 0, 0, onFrame(0, 0, 300, 300)},
		{"enclave", []Shape{
			{ID: 1, Polygons: []Polygon{{wavy(0, 0, 300, 300, 30, 10), hole}}},
			{ID: 2, Polygons: []Polygon{{reversed(hole)}}},
		}, 2, 1, 0, nil},
		{"islands", isl, 5, 1, 2, nil},
		{"T-junction", []Shape{{ID: 1, Polygons: []Polygon{{tA}}}, {ID: 2, Polygons: []Polygon{{tB}}}, {ID: 3, Polygons: []Polygon{{tC}}}},
			6, 3, 4, onFrame(0, 0, 200, 200)},
		// A ring passing twice through (50,100): a lobe of area 100 hangs
		// there, which simplification must not fold flat.
		{"pinched", []Shape{{ID: 1, Polygons: []Polygon{{{{0, 0}, {100, 0}, {100, 100}, {50, 100}, {45, 110}, {50, 120}, {55, 110}, {50, 100}, {0, 100}, {0, 0}}}}}},
			2, 0, 1, nil},
		{"tiny", []Shape{
			{ID: 1, Polygons: []Polygon{{big}}},
			{ID: 2, Polygons: []Polygon{{{{300, 100}, {300, 103}, {303, 103}, {303, 100}, {300, 100}}}}},
			{ID: 3, Polygons: []Polygon{{rect(400, 400, 402, 402)}}},
		}, 4, 1, 2, nil},
	}
}
