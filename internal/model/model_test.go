package model

import (
	"testing"
	"time"
)

func TestFormerKey(t *testing.T) {
	tests := []struct {
		code  string
		until time.Time
		want  string
	}{
		{"03664", ReformDate, "03664"},
		{"03664", time.Time{}, "03664"},
		{"04075", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), "04075-2025-02-01"},
	}
	for _, tt := range tests {
		if got := FormerKey(tt.code, tt.until); got != tt.want {
			t.Errorf("FormerKey(%s, %v) = %s, want %s", tt.code, tt.until, got, tt.want)
		}
	}
	s := &Successor{Code: "04075", Former: true, Until: ReformDate}
	if s.Key() != "04075" {
		t.Errorf("former successor key = %s", s.Key())
	}
	if (&FormerUnit{Code: "1", Type: "Xã", Name: "A"}).FullName() != "Xã A" || (&Unit{Name: "B"}).FullName() != "B" {
		t.Error("FullName joins type and name, and leaves out an empty type")
	}
}

func TestIndexFirstWins(t *testing.T) {
	a, b := &Unit{Code: "1", File: "a"}, &Unit{Code: "1", File: "b"}
	ix := NewIndex(&Site{Units: []*Unit{a, b}})
	if ix.Units["1"] != a {
		t.Error("the first of two units with one code must win")
	}
}
