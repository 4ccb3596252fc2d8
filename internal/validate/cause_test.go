package validate

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Errors that follow only from a file that could not be read are left to that file's own.
func TestFollowOnsLeftOut(t *testing.T) {
	noBoundary := func(s *model.Site) { s.Boundaries[0].Code = "09999" }
	failedSet := func(s *model.Site) { s.CriteriaSets[0].Levels = nil } // a stand-in has no levels
	tests := []struct {
		name   string
		break_ func(s *model.Site)
		opts   Options
		want   string // an error that must be there, or "" for none
	}{
		{"unit without boundary", noBoundary, Options{}, "unit 03664 has no boundary in the configured boundary files"},
		{"unit without boundary, a boundary file read in part", noBoundary, Options{PartialBoundaries: true}, ""},
		{"level of a set", failedSet, Options{}, `level "standard" is not a level of criteria set 2021-2025`},
		{"level of a set that did not decode", failedSet, Options{Failed: func(f string) bool { return f == "content/criteria/2021-2025.toml" }}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSite()
			tt.break_(s)
			var got []string
			for _, d := range SiteWith(s, nil, tt.opts) {
				if tt.opts.Failed == nil || !tt.opts.Failed(d.Pos.File) {
					got = append(got, d.Msg)
				}
			}
			found := tt.want == "" && len(got) == 0
			for _, g := range got {
				found = found || (tt.want != "" && strings.HasPrefix(g, tt.want))
			}
			if !found {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
