package topo

import (
	"fmt"
	"testing"
)

// benchGrids are 60×60 jittered grids of about 2 M and 7 M ring vertices,
// the second the size of the national file.
var benchGrids = []struct {
	name string
	per  int // points per cell side
}{{"2M", 139}, {"7M", 482}}

func benchShapes(b *testing.B, per int) []Shape {
	b.Helper()
	shapes := grid(60, 60, 1000, per, 42)
	n := 0
	for _, s := range shapes {
		n += len(s.Polygons[0][0]) - 1
	}
	b.ReportMetric(float64(n), "vertices")
	return shapes
}

func BenchmarkBuild(b *testing.B) {
	for _, g := range benchGrids {
		b.Run(g.name, func(b *testing.B) {
			shapes := benchShapes(b, g.per)
			b.ReportAllocs()
			for b.Loop() {
				Build(shapes)
			}
		})
	}
}

func BenchmarkSimplify(b *testing.B) {
	for _, g := range benchGrids {
		for _, minArea := range []float64{25, 400} {
			b.Run(fmt.Sprintf("%s/minArea=%g", g.name, minArea), func(b *testing.B) {
				top, _ := Build(benchShapes(b, g.per))
				b.ReportAllocs()
				var s *Topology
				for b.Loop() {
					s = top.Simplify(minArea)
				}
				b.ReportMetric(float64(points(s)), "arcpoints")
			})
		}
	}
}

// BenchmarkPipeline is the map's whole use: Build, Simplify, then every
// unit's rings.
func BenchmarkPipeline(b *testing.B) {
	for _, g := range benchGrids {
		b.Run(g.name, func(b *testing.B) {
			shapes := benchShapes(b, g.per)
			b.ReportAllocs()
			for b.Loop() {
				top, _ := Build(shapes)
				s := top.Simplify(25)
				for i := range s.Shapes {
					s.Rings(i)
				}
			}
		})
	}
}

func BenchmarkIntersections(b *testing.B) {
	top, _ := Build(benchShapes(b, benchGrids[0].per))
	s := top.Simplify(25)
	b.ReportAllocs()
	for b.Loop() {
		s.Intersections()
	}
}

func BenchmarkDissolve(b *testing.B) {
	top, _ := Build(benchShapes(b, benchGrids[0].per))
	s := top.Simplify(25)
	group := make([]int, len(s.Shapes))
	for i := range group {
		group[i] = i/60/10*10 + i%60/10 // 6×6 blocks of 10×10 units
	}
	b.ReportAllocs()
	for b.Loop() {
		s.Dissolve(group)
	}
}

func BenchmarkSonLa(b *testing.B) {
	shapes := loadSonLa(b, 8000)
	b.ReportAllocs()
	for b.Loop() {
		top, _ := Build(shapes)
		s := top.Simplify(25)
		s.Repair(top)
		for i := range s.Shapes {
			s.Rings(i)
		}
	}
}
