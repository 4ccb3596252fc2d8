package pipeline

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/diag"
)

// TestLogWarnings checks that a file with many warnings gets one line, and -v lists them.
func TestLogWarnings(t *testing.T) {
	var ws diag.List
	for i := 1; i <= 5; i++ {
		ws.Warnf(diag.Pos{File: "geo/a.geojson", Line: 1, Col: i}, "boundary %d: repeated vertex", i)
	}
	ws.Warnf(diag.Pos{File: "content/units/1.toml", Line: 2, Col: 1}, "odd")
	ws.Sort()
	tests := []struct {
		verbose bool
		want    string
	}{
		{false, "content/units/1.toml:2:1: warning: odd\n" +
			"geo/a.geojson: 5 warnings, the first: boundary 1: repeated vertex (-v lists them all)\n"},
		{true, "content/units/1.toml:2:1: warning: odd\n" +
			"geo/a.geojson:1:1: warning: boundary 1: repeated vertex\n" +
			"geo/a.geojson:1:2: warning: boundary 2: repeated vertex\n" +
			"geo/a.geojson:1:3: warning: boundary 3: repeated vertex\n" +
			"geo/a.geojson:1:4: warning: boundary 4: repeated vertex\n" +
			"geo/a.geojson:1:5: warning: boundary 5: repeated vertex\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		LogWarnings(&b, ws, tt.verbose)
		if b.String() != tt.want {
			t.Errorf("verbose=%v:\n%s\nwant:\n%s", tt.verbose, b.String(), tt.want)
		}
	}
}
