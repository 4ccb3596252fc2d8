package carto

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestLabel(t *testing.T) {
	tests := []struct {
		name  string
		rings []ring
		want  orb.Point // the best point, within 1.5 SVG units
		minD  float64   // least distance from the label to an edge
	}{
		{"square", []ring{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}}, orb.Point{50, 50}, 49},
		{"clockwise square", []ring{{{0, 0}, {0, 100}, {100, 100}, {100, 0}}}, orb.Point{50, 50}, 49},
		{"triangle", []ring{{{0, 0}, {300, 0}, {0, 400}}}, orb.Point{100, 100}, 99},
		{
			// A U whose centroid and bound centre lie in the gap between the arms.
			"U shape",
			[]ring{{{0, 0}, {30, 0}, {30, 170}, {70, 170}, {70, 0}, {100, 0}, {100, 200}, {0, 200}}},
			orb.Point{}, 14,
		},
		{
			// An L whose bound centre is outside.
			"L shape",
			[]ring{{{0, 0}, {20, 0}, {20, 80}, {100, 80}, {100, 100}, {0, 100}}},
			orb.Point{}, 9,
		},
		{
			// A square with a square hole: the label sits in the band, not the hole.
			"hole",
			[]ring{{{0, 0}, {100, 0}, {100, 100}, {0, 100}}, {{20, 20}, {20, 80}, {80, 80}, {80, 20}}},
			orb.Point{}, 9,
		},
		{
			// Two parts: the label goes in the bigger one.
			"two parts",
			[]ring{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{100, 0}, {160, 0}, {160, 60}, {100, 60}}},
			orb.Point{130, 30}, 29,
		},
		{"thin", []ring{{{0, 0}, {1000, 0}, {1000, 2}, {0, 2}}}, orb.Point{}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := label(tt.rings, 1)
			d := signedDistance(p, segments(tt.rings))
			if d < tt.minD {
				t.Errorf("label %v is %.2f from an edge, want at least %v", p, d, tt.minD)
			}
			if tt.want != (orb.Point{}) && math.Hypot(p[0]-tt.want[0], p[1]-tt.want[1]) > 1.5 {
				t.Errorf("label %v, want %v", p, tt.want)
			}
		})
	}
}

func TestSignedDistance(t *testing.T) {
	square := segments([]ring{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}})
	tests := []struct {
		p    orb.Point
		want float64
	}{
		{orb.Point{5, 5}, 5},
		{orb.Point{1, 5}, 1},
		{orb.Point{-3, 5}, -3},
		{orb.Point{13, 14}, -5},
		{orb.Point{10, 5}, 0},
	}
	for _, tt := range tests {
		if got := signedDistance(tt.p, square); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("signedDistance(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}
