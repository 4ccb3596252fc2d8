package carto

import "fmt"

// defects lists what is wrong with each feature's source rings, as drawn from the input:
// repeated consecutive vertices. They are reported, not fixed in the source; the map is drawn
// without them.
func defects(features []Feature) []Warning {
	var out []Warning
	for _, f := range features {
		dups := 0
		for _, poly := range f.Geometry {
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					if r[i] == r[i-1] {
						dups++
					}
				}
			}
		}
		if dups > 0 {
			out = append(out, Warning{Code: f.Code, Msg: fmt.Sprintf("%d repeated consecutive vertices", dups)})
		}
	}
	return out
}
