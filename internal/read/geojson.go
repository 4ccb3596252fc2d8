package read

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/paulmach/orb"
)

// MaxUnzippedBytes bounds what a gzipped boundary file may expand to, so that a small
// hostile file cannot exhaust a build machine's memory.
const MaxUnzippedBytes = 1 << 30

// gunzip returns data decompressed when it starts with the gzip magic bytes, else data.
func gunzip(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxUnzippedBytes+1))
	if err != nil {
		return nil, err
	}
	if len(out) > MaxUnzippedBytes {
		return nil, fmt.Errorf("expands to more than %d bytes", MaxUnzippedBytes)
	}
	return out, nil
}

// ErrPartial is the cause of the error at which reading a boundary file stopped: the file
// gives none of the features after it, so which units it would have given is not known.
// errors.Is finds it in that error's diagnostic.
var ErrPartial = errors.New("boundary file read only in part")

// partial returns the diagnostic for err, which stopped the reading of a boundary file.
func partial(pos diag.Pos, msg string, err error) *diag.Diagnostic {
	return &diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: msg, Err: fmt.Errorf("%w: %w", ErrPartial, err)}
}

// Boundaries decodes a GeoJSON FeatureCollection read from file (gzipped or not), taking each feature's code,
// name and type from the properties that src names. Polygons are promoted to MultiPolygons;
// either ring winding is accepted. Each boundary's position is where its feature starts.
func Boundaries(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List) {
	var errs diag.List
	codeProp := orDefault(src.CodeProperty, "code")
	nameProp := orDefault(src.NameProperty, "name")
	typeProp := orDefault(src.TypeProperty, "type")
	provProp := orDefault(src.ProvinceProperty, "province_code")
	data, err := gunzip(data)
	if err != nil {
		errs = append(errs, partial(diag.Pos{File: file}, "cannot decompress the gzipped boundary file: "+err.Error(), err))
		return nil, errs
	}
	dec := geojson.NewDecoder(bytes.NewReader(data))
	lines := lineCounter{data: data, line: 1, col: 1}
	var out []*model.Boundary
	seen := map[string]diag.Pos{}
	for i := 0; ; i++ {
		f, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			pos := diag.Pos{File: file}
			var se *geojson.SyntaxError
			if errors.As(err, &se) {
				pos.Line, pos.Col = se.Line, se.Col
				errs = append(errs, partial(pos, "invalid GeoJSON: "+se.Msg, err))
			} else {
				errs = append(errs, partial(pos, "cannot read GeoJSON: "+err.Error(), err))
			}
			break
		}
		at := diag.Pos{File: file}
		at.Line, at.Col = lines.at(f.Offset)
		where := fmt.Sprintf("feature %d", i)
		code, ok := f.Properties[codeProp].(string)
		if !ok || code == "" {
			if v, present := f.Properties[codeProp]; present && v != nil {
				errs.Errorf(at, "%s: property %q must be a string (codes keep their leading zeros), not %v", where, codeProp, v)
			} else {
				errs.Errorf(at, "%s has no %q property (the configured code property)", where, codeProp)
			}
			continue
		}
		where = fmt.Sprintf("feature %d (code %s)", i, code)
		if prev, dup := seen[code]; dup {
			errs.Errorf(at, "%s: code %s is also used by the feature at %s", where, code, prev)
			continue
		}
		seen[code] = at
		switch f.GeometryType {
		case "Polygon", "MultiPolygon":
		case "":
			errs.Errorf(at, "%s has no geometry", where)
			continue
		default:
			errs.Errorf(at, "%s is a %s; want Polygon or MultiPolygon", where, f.GeometryType)
			continue
		}
		name, _ := f.Properties[nameProp].(string)
		typ, _ := f.Properties[typeProp].(string)
		prov, _ := f.Properties[provProp].(string)
		b := &model.Boundary{Pos: at, Code: code, Name: name, Type: typ, Province: prov, Geometry: f.Geometry}
		if msg := checkGeometry(f.Geometry); msg != "" {
			// Reported once, here; the unit still has its boundary for other checks.
			errs.Errorf(at, "%s: %s", where, msg)
			b.Geometry = nil
		}
		out = append(out, b)
	}
	return out, errs
}

// lineCounter turns increasing byte offsets into lines and columns in one pass over data.
type lineCounter struct {
	data      []byte
	off       int64
	line, col int
}

func (c *lineCounter) at(off int64) (line, col int) {
	if off < c.off || off > int64(len(c.data)) {
		return diag.LineCol(c.data, off)
	}
	for _, b := range c.data[c.off:off] {
		if b == '\n' {
			c.line++
			c.col = 1
		} else {
			c.col++
		}
	}
	c.off = off
	return c.line, c.col
}

// checkGeometry reports the first defect that makes mp unusable, or "".
func checkGeometry(mp orb.MultiPolygon) string {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			for _, pt := range r {
				if pt[0] < -180 || pt[0] > 180 || pt[1] < -90 || pt[1] > 90 {
					if pt[0] >= 8 && pt[0] <= 24 && pt[1] >= 102 && pt[1] <= 118 {
						return fmt.Sprintf("coordinate [%g, %g] looks like [latitude, longitude]: GeoJSON wants [longitude, latitude]", pt[0], pt[1])
					}
					return fmt.Sprintf("coordinate [%g, %g] is outside the longitude/latitude range", pt[0], pt[1])
				}
			}
			if len(r) < 4 {
				return fmt.Sprintf("a ring has %d points; a closed ring needs at least 4", len(r))
			}
			if r[0] != r[len(r)-1] {
				return "a ring is not closed (its first and last points differ)"
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
