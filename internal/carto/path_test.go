package carto

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

func TestAppendPath(t *testing.T) {
	tests := []struct {
		name  string
		rings []ring
		want  string
	}{
		{"square uses h and v", []ring{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}, "M0 0h10v10h-10z"},
		{"diagonals use l", []ring{{{5, 5}, {8, 9}, {1, 7}}}, "M5 5l3 4-7-2z"},
		{"repeated l drops the letter", []ring{{{0, 0}, {3, 4}, {5, 9}, {1, 12}}}, "M0 0l3 4 2 5-4 3z"},
		{"mixed commands", []ring{{{10, 20}, {15, 20}, {18, 25}, {18, 30}, {12, 28}}}, "M10 20h5l3 5v5l-6-2z"},
		{"two rings each closed", []ring{{{0, 0}, {10, 0}, {0, 10}}, {{2, 2}, {2, 5}, {5, 2}}}, "M0 0h10l-10 10zM2 2v3l3-3z"},
		{"negative absolute start", []ring{{{-3, -4}, {0, -4}, {0, 0}}}, "M-3-4h3v4z"},
		{"empty ring skipped", []ring{{}, {{0, 0}, {1, 0}, {0, 1}}}, "M0 0h1l-1 1z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(appendPath(nil, tt.rings))
			if got != tt.want {
				t.Errorf("appendPath = %q, want %q", got, tt.want)
			}
			back, err := parsePath(got)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.DeleteFunc(slices.Clone(tt.rings), func(r ring) bool { return len(r) == 0 })
			if fmt.Sprint(back) != fmt.Sprint(want) {
				t.Errorf("parsePath(%q) = %v, want %v", got, back, want)
			}
		})
	}
}

// parsePath decodes the subset of SVG path data that appendPath writes.
func parsePath(s string) ([]ring, error) {
	var (
		rings []ring
		cur   ring
		cmd   byte
		i     int
	)
	num := func() (int, error) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		if i < len(s) && s[i] == '-' {
			i++
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return strconv.Atoi(s[j:i])
	}
	for i < len(s) {
		switch c := s[i]; c {
		case 'M', 'l', 'h', 'v', 'z':
			cmd = c
			i++
			if c == 'z' {
				rings = append(rings, cur)
				cur = nil
				continue
			}
		}
		if cmd == 0 || cmd == 'z' || cmd == 'M' && len(cur) > 0 {
			return nil, fmt.Errorf("unexpected %q at %d in %q", s[i], i, s)
		}
		var x, y int
		if len(cur) > 0 {
			x, y = cur[len(cur)-1].x, cur[len(cur)-1].y
		}
		switch cmd {
		case 'M', 'l':
			dx, err := num()
			if err != nil {
				return nil, err
			}
			dy, err := num()
			if err != nil {
				return nil, err
			}
			x, y = x+dx, y+dy
		case 'h':
			dx, err := num()
			if err != nil {
				return nil, err
			}
			x += dx
		case 'v':
			dy, err := num()
			if err != nil {
				return nil, err
			}
			y += dy
		}
		cur = append(cur, point{x, y})
	}
	if cur != nil {
		return nil, fmt.Errorf("ring not closed in %q", s)
	}
	return rings, nil
}
