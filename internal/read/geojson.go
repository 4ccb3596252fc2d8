package read

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Boundaries decodes a GeoJSON FeatureCollection read from file, taking each feature's code,
// name and type from the properties that src names. Polygons are promoted to MultiPolygons;
// either ring winding is accepted.
func Boundaries(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List) {
	var errs diag.List
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		pos := diag.Pos{File: file}
		// A syntax error's offset counts the bytes read, the offending one included; at the
		// end of the input there is no offending byte. (Type errors are left without a
		// position: orb decodes parts of the document separately, so their offsets are
		// relative to a part, not to the file.)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := se.Offset
			if off > 0 && off <= int64(len(data)) && strings.HasPrefix(se.Error(), "invalid character") {
				off--
			}
			pos.Line, pos.Col = diag.LineCol(data, off)
		}
		errs.Wrap(pos, err, "invalid GeoJSON")
		return nil, errs
	}
	codeProp := orDefault(src.CodeProperty, "code")
	nameProp := orDefault(src.NameProperty, "name")
	typeProp := orDefault(src.TypeProperty, "type")
	var out []*model.Boundary
	for i, f := range fc.Features {
		at := diag.Pos{File: file}
		where := fmt.Sprintf("feature %d", i)
		code := f.Properties.MustString(codeProp, "")
		if code == "" {
			errs.Errorf(at, "%s has no %q property (the configured code property)", where, codeProp)
			continue
		}
		where = fmt.Sprintf("feature %d (code %s)", i, code)
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		case nil:
			errs.Errorf(at, "%s has no geometry", where)
			continue
		default:
			errs.Errorf(at, "%s is a %s; want Polygon or MultiPolygon", where, g.GeoJSONType())
			continue
		}
		if msg := checkGeometry(mp); msg != "" {
			errs.Errorf(at, "%s: %s", where, msg)
			continue
		}
		out = append(out, &model.Boundary{
			Pos:      at,
			Code:     code,
			Name:     f.Properties.MustString(nameProp, ""),
			Type:     f.Properties.MustString(typeProp, ""),
			Geometry: mp,
		})
	}
	return out, errs
}

// checkGeometry reports the first defect that makes mp unusable, or "".
func checkGeometry(mp orb.MultiPolygon) string {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			if len(r) < 4 {
				return fmt.Sprintf("a ring has %d points; a closed ring needs at least 4", len(r))
			}
			if r[0] != r[len(r)-1] {
				return "a ring is not closed (its first and last points differ)"
			}
			for _, pt := range r {
				if math.IsNaN(pt[0]) || math.IsInf(pt[0], 0) || math.IsNaN(pt[1]) || math.IsInf(pt[1], 0) {
					return "a coordinate is not a finite number"
				}
				if pt[0] < -180 || pt[0] > 180 || pt[1] < -90 || pt[1] > 90 {
					return fmt.Sprintf("coordinate [%g, %g] is outside longitude/latitude range", pt[0], pt[1])
				}
			}
			n += len(r)
		}
	}
	if n == 0 {
		return "empty geometry"
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
