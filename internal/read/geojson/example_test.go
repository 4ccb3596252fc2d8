package geojson_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ntm-atlas/atlas/internal/read/geojson"
)

// Next returns one feature at a time, so a boundary file of any size is read in constant
// memory; a Polygon comes back as a one-polygon MultiPolygon.
func ExampleDecoder() {
	const src = `{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"code": "03670", "name": "Chiềng Cơi"},
   "geometry": {"type": "Polygon", "coordinates": [[[103.9, 21.3], [104.0, 21.3], [104.0, 21.4], [103.9, 21.3]]]}},
  {"type": "Feature", "id": 2, "properties": {"code": "03646", "name": "Tô Hiệu"},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[103.8, 21.4], [103.9, 21.4], [103.9, 21.5], [103.8, 21.4]]],
     [[[103.7, 21.5], [103.8, 21.5], [103.8, 21.6], [103.7, 21.5]]]]}},
  {"type": "Feature", "properties": {"code": "03901"}, "geometry": null}
]}`
	d := geojson.NewDecoder(strings.NewReader(src))
	for {
		f, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%v %v id=%v: %q, %d polygon(s)", f.Properties["code"], f.Properties["name"], f.ID, f.GeometryType, len(f.Geometry))
		if len(f.Geometry) > 0 {
			fmt.Printf(", first ring starts at %v", f.Geometry[0][0][0])
		}
		fmt.Println()
	}
	// Output:
	// 03670 Chiềng Cơi id=<nil>: "Polygon", 1 polygon(s), first ring starts at [103.9 21.3]
	// 03646 Tô Hiệu id=2: "MultiPolygon", 2 polygon(s), first ring starts at [103.8 21.4]
	// 03901 <nil> id=<nil>: "", 0 polygon(s)
}

// Malformed input is a *SyntaxError that says where the problem is: its Error is
// "line:col: msg", ready to follow the file's name.
func ExampleSyntaxError() {
	const src = `{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"code": "03670",}, "geometry": null}
]}`
	d := geojson.NewDecoder(strings.NewReader(src))
	_, err := d.Next()
	fmt.Printf("geo/units.geojson:%v\n", err)
	var se *geojson.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Line, se.Col, se.Offset)
	}
	_, again := d.Next()
	fmt.Println(again == err)
	// Output:
	// geo/units.geojson:2:54: expected string for object key, found '}'
	// 2 54 97
	// true
}
