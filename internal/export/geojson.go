package export

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/topo"
	"github.com/paulmach/orb"
)

// geoJSON writes each province map's simplified geometry as GeoJSON, at the map's detail
// and at the locator's, and the whole atlas's at the maps' detail, with the properties of
// the units' rows.
func (x *exporter) geoJSON(rows []*UnitRow) {
	byCode := map[string]*UnitRow{}
	for _, d := range rows {
		if d.Period == periodCurrent {
			byCode[d.Code] = d
		}
	}
	props := func(code string) map[string]any {
		d := byCode[code]
		if d == nil {
			return map[string]any{"code": code}
		}
		return d.props()
	}
	var all []*carto.Map
	for _, code := range x.provinceCodes() {
		m := x.opts.Maps[code]
		x.put(model.MapDataPath(code, false), mapGeoJSON([]*carto.Map{m.Main}, props, x.asOf))
		x.put(model.MapDataPath(code, true), mapGeoJSON([]*carto.Map{m.Locator}, props, x.asOf))
		all = append(all, m.Main)
	}
	if len(all) > 0 {
		x.put(model.DataPath("", "geojson"), mapGeoJSON(all, props, x.asOf))
	}
}

// geojsonDecimals is how many decimals downloads keep: 6 is about 0.1 m, finer than any map
// the geometry was simplified for.
const geojsonDecimals = 6

// mapGeoJSON writes drawn maps' simplified geometry as one RFC 7946 FeatureCollection:
// longitude/latitude, outer rings counter-clockwise and holes clockwise, at most six decimals,
// with each unit's properties, and the data's date as the foreign member "data_as_of" when
// asOf is not empty.
func mapGeoJSON(ms []*carto.Map, props func(code string) map[string]any, asOf string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection",`)
	if asOf != "" {
		b.WriteString(`"data_as_of":`)
		writeJSON(&b, asOf)
		b.WriteByte(',')
	}
	b.WriteString(`"features":[`)
	first := true
	for _, m := range ms {
		for _, s := range m.Shapes {
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.WriteString("\n")
			b.WriteString(`{"type":"Feature","id":`)
			writeJSON(&b, s.Code)
			b.WriteString(`,"properties":`)
			writeJSON(&b, props(s.Code)) // encoding/json sorts map keys: stable output
			b.WriteString(`,"geometry":{"type":"MultiPolygon","coordinates":[`)
			for j, p := range s.Polygons {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				for k, r := range p {
					if k > 0 {
						b.WriteByte(',')
					}
					writeRing(&b, lonLatRing(m.Frame, r, k == 0))
				}
				b.WriteByte(']')
			}
			b.WriteString("]}}")
		}
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, v any) {
	enc, _ := json.Marshal(v)
	b.Write(enc)
}

// lonLatRing converts a ring in map coordinates to rounded longitude/latitude, drops points
// that rounding made equal, and winds it counter-clockwise if outer, clockwise if a hole.
func lonLatRing(fr carto.Frame, r topo.Ring, outer bool) orb.Ring {
	out := make(orb.Ring, 0, len(r))
	for _, p := range r {
		ll := fr.LonLat(float64(p.X), float64(p.Y))
		q := orb.Point{round(ll[0]), round(ll[1])}
		if n := len(out); n > 0 && out[n-1] == q {
			continue
		}
		out = append(out, q)
	}
	if n := len(out); n > 1 && out[0] != out[n-1] {
		out = append(out, out[0])
	}
	if ccw := area2(out) > 0; ccw != outer {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

func area2(r orb.Ring) float64 {
	var s float64
	for i := 1; i < len(r); i++ {
		s += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return s
}

func round(v float64) float64 {
	p := math.Pow10(geojsonDecimals)
	return math.Round(v*p) / p
}

func writeRing(b *bytes.Buffer, r orb.Ring) {
	b.WriteByte('[')
	var num []byte
	for i, p := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		num = strconv.AppendFloat(num[:0], p[0], 'f', -1, 64)
		b.Write(num)
		b.WriteByte(',')
		num = strconv.AppendFloat(num[:0], p[1], 'f', -1, 64)
		b.Write(num)
		b.WriteByte(']')
	}
	b.WriteByte(']')
}
