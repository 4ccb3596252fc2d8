package topo

import "testing"

func TestDissolve(t *testing.T) {
	fx := map[string]fixture{}
	for _, f := range fixtures() {
		fx[f.name] = f
	}
	g22 := grid(2, 2, 300, 40, 5)
	twoSquares := []Shape{ // touching at one corner only
		{ID: 1, Polygons: []Polygon{{rect(0, 0, 10, 10)}}},
		{ID: 2, Polygons: []Polygon{{rect(10, 10, 20, 20)}}},
	}
	tests := []struct {
		name   string
		shapes []Shape
		group  []int
		// per group, in order: polygons and rings of each
		want     [][]int
		ids      []int
		arcs     int
		exterior func(a, b Point) bool
		minAreas []float64
	}{
		{"2x2 into one", g22, []int{7, 7, 7, 7}, [][]int{{1}}, []int{7}, 4, onFrame(0, 0, 600, 600), nil},
		{"2x2 into columns", g22, []int{0, 1, 0, 1}, [][]int{{1}, {1}}, []int{0, 1}, 6, onFrame(0, 0, 600, 600), nil},
		{"2x2 unchanged", g22, []int{3, 2, 1, 0}, [][]int{{1}, {1}, {1}, {1}}, []int{3, 2, 1, 0}, 8, onFrame(0, 0, 600, 600), nil},
		{"enclave merged", fx["enclave"].shapes, []int{0, 0}, [][]int{{1}}, []int{0}, 1, nil, nil},
		{"enclave kept", fx["enclave"].shapes, []int{0, 1}, [][]int{{2}, {1}}, []int{0, 1}, 2, nil, nil},
		{"islands", fx["islands"].shapes, []int{4, 4}, [][]int{{1, 1, 1}}, []int{4}, 4, nil, nil},
		{"T-junction", fx["T-junction"].shapes, []int{0, 1, 1}, [][]int{{1}, {1}}, []int{0, 1}, 5, onFrame(0, 0, 200, 200), nil},
		{"corner touch", twoSquares, []int{0, 0}, [][]int{{1, 1}}, []int{0}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, _ := Build(tt.shapes)
			for _, minArea := range []float64{0, 100} {
				src := top.Simplify(minArea)
				d := src.Dissolve(tt.group)
				if len(d.Shapes) != len(tt.want) {
					t.Fatalf("%d shapes, want %d", len(d.Shapes), len(tt.want))
				}
				if len(d.Arcs) != tt.arcs {
					t.Errorf("%d arcs, want %d", len(d.Arcs), tt.arcs)
				}
				for g, s := range d.Shapes {
					if s.ID != tt.ids[g] {
						t.Errorf("shape %d: ID %d, want %d", g, s.ID, tt.ids[g])
					}
					var got []int
					for _, p := range s.Polygons {
						got = append(got, len(p))
					}
					if !equal(got, tt.want[g]) {
						t.Errorf("group %d: rings per polygon %v, want %v", s.ID, got, tt.want[g])
					}
				}
				checkRings(t, d)
				inner, _ := checkSegments(t, d, tt.exterior)
				if len(d.Shapes) == 1 && inner != 0 {
					t.Errorf("%d interior segments in a single group", inner)
				}
				// Areas add up: a group's area is its members'.
				sum := map[int]int64{}
				for i, g := range tt.group {
					sum[g] += shapeArea2(src, i)
				}
				for i, s := range d.Shapes {
					if a := shapeArea2(d, i); a != sum[s.ID] {
						t.Errorf("group %d: area2 %d, members' %d", s.ID, a, sum[s.ID])
					}
				}
				// The dissolved topology simplifies like any other.
				checkRings(t, d.Simplify(1e6))
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
