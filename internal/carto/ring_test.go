package carto

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func TestQuantize(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Ring
		want ring
	}{
		{"rounds and drops the closing point", orb.Ring{{0.4, 0.2}, {9.6, 0}, {10, 9.5}, {0, 0}}, ring{{0, 0}, {10, 0}, {10, 10}}},
		{"drops repeated points", orb.Ring{{0, 0}, {0, 0}, {5, 0.1}, {5, 0}, {5, 5}, {0, 0}}, ring{{0, 0}, {5, 0}, {5, 5}}},
		{"merges straight runs", orb.Ring{{0, 0}, {3, 0}, {7, 0}, {10, 0}, {10, 5}, {10, 10}, {0, 10}, {0, 0}}, ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}},
		{"merges across the seam", orb.Ring{{5, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}, {5, 0}}, ring{{10, 0}, {10, 10}, {0, 10}, {0, 0}}},
		{"keeps a spike", orb.Ring{{0, 0}, {10, 0}, {5, 0}, {5, 5}, {0, 0}}, ring{{0, 0}, {10, 0}, {5, 0}, {5, 5}}},
		{"collapses to a line", orb.Ring{{0, 0}, {0.2, 0.1}, {10, 0}, {0, 0.3}, {0, 0}}, ring{{0, 0}, {10, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quantize(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("quantize = %v, want %v", got, tt.want)
			}
		})
	}
}
