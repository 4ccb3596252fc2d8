package carto

import (
	"fmt"
	"math"
)

// check reports a feature with no outer ring or with a point that is not a
// finite longitude/latitude.
func check(f Feature) error {
	outer := false
	for _, poly := range f.Geometry {
		for i, r := range poly {
			if i == 0 && len(r) > 0 {
				outer = true
			}
			for _, p := range r {
				if !finite(p[0]) || !finite(p[1]) {
					return fmt.Errorf("carto: feature %q: non-finite coordinate %v", f.Code, p)
				}
				if math.Abs(p[1]) > 90 {
					return fmt.Errorf("carto: feature %q: latitude out of range in %v", f.Code, p)
				}
			}
		}
	}
	if !outer {
		return fmt.Errorf("carto: feature %q: empty geometry", f.Code)
	}
	return nil
}

func finite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
