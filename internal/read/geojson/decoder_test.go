package geojson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

// The real data sets, files outside the repository (not paths of a site), joined from their
// folders' names.
var (
	sonLaPath    = filepath.Join("/work", "shared", "data", "son-la", "communes-2025.geojson")
	nationalPath = filepath.Join("/work", "shared", "data", "vietnam", "wards-2025.geojson.gz")
)

// decodeAll decodes every feature of input, read through r.
func decodeAll(r io.Reader) ([]*Feature, error) {
	d := NewDecoder(r)
	var fs []*Feature
	for {
		f, err := d.Next()
		if err == io.EOF {
			return fs, nil
		}
		if err != nil {
			return fs, err
		}
		fs = append(fs, f)
	}
}

// readers returns the ways the tests feed input: whole, and a byte at a time (which puts
// every token across buffer refills).
func readers(input string) map[string]io.Reader {
	return map[string]io.Reader{
		"whole":   strings.NewReader(input),
		"onebyte": iotest.OneByteReader(strings.NewReader(input)),
		"half":    iotest.HalfReader(strings.NewReader(input)),
	}
}

// compareWithOrb checks that fs equals what encoding/json and orb/geojson make of input.
func compareWithOrb(t *testing.T, input []byte, fs []*Feature) {
	t.Helper()
	fc, err := orbjson.UnmarshalFeatureCollection(input)
	if err != nil {
		t.Fatalf("orb/geojson: %v", err)
	}
	if len(fc.Features) != len(fs) {
		t.Fatalf("%d features, orb/geojson has %d", len(fs), len(fc.Features))
	}
	for i, of := range fc.Features {
		f := fs[i]
		if !reflect.DeepEqual(f.ID, of.ID) {
			t.Errorf("feature %d: id %#v, orb %#v", i, f.ID, of.ID)
		}
		var want map[string]any
		if of.Properties != nil {
			want = map[string]any(of.Properties)
		}
		// orb makes an empty map of absent or null properties.
		if !(len(want) == 0 && len(f.Properties) == 0) && !reflect.DeepEqual(f.Properties, want) {
			t.Errorf("feature %d: properties\n%#v\norb\n%#v", i, f.Properties, want)
		}
		var wantMP orb.MultiPolygon
		wantType := ""
		switch g := of.Geometry.(type) {
		case nil:
		case orb.Polygon:
			wantMP, wantType = orb.MultiPolygon{g}, "Polygon"
		case orb.MultiPolygon:
			wantMP, wantType = g, "MultiPolygon"
		default:
			wantType = g.GeoJSONType()
		}
		if f.GeometryType != wantType {
			t.Errorf("feature %d: geometry type %q, orb %q", i, f.GeometryType, wantType)
		}
		if msg := diffMP(f.Geometry, wantMP); msg != "" {
			t.Errorf("feature %d: %s", i, msg)
		}
		if (f.Geometry == nil) != (wantMP == nil) {
			t.Errorf("feature %d: geometry nil is %v, orb %v", i, f.Geometry == nil, wantMP == nil)
		}
	}
}

// diffMP describes the first difference between two multipolygons, comparing coordinates bit
// for bit, or returns "".
func diffMP(got, want orb.MultiPolygon) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d polygons, want %d", len(got), len(want))
	}
	for i := range got {
		if len(got[i]) != len(want[i]) {
			return fmt.Sprintf("polygon %d: %d rings, want %d", i, len(got[i]), len(want[i]))
		}
		for j := range got[i] {
			g, w := got[i][j], want[i][j]
			if len(g) != len(w) {
				return fmt.Sprintf("polygon %d ring %d: %d points, want %d", i, j, len(g), len(w))
			}
			for k := range g {
				for c := 0; c < 2; c++ {
					if math.Float64bits(g[k][c]) != math.Float64bits(w[k][c]) {
						return fmt.Sprintf("polygon %d ring %d point %d: %v, want %v", i, j, k, g[k], w[k])
					}
				}
			}
		}
	}
	return ""
}

func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

const (
	polyWithHole = `{"type":"Polygon","coordinates":[[[100.0,0.0],[101.0,0.0],[101.0,1.0],[100.0,1.0],[100.0,0.0]],[[100.2,0.2],[100.2,0.8],[100.8,0.8],[100.8,0.2],[100.2,0.2]]]}`
	multiPoly    = `{"type":"MultiPolygon","coordinates":[[[[102.0,2.0],[103.0,2.0],[103.0,3.0],[102.0,3.0],[102.0,2.0]]],[[[100.0,0.0],[101.0,0.0],[101.0,1.0],[100.0,1.0],[100.0,0.0]],[[100.2,0.2],[100.2,0.8],[100.8,0.8],[100.8,0.2],[100.2,0.2]]]]}`
)

// permutations returns every order of items.
func permutations(items []string) [][]string {
	if len(items) <= 1 {
		return [][]string{append([]string(nil), items...)}
	}
	var out [][]string
	for i := range items {
		rest := append(append([]string(nil), items[:i]...), items[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{items[i]}, p...))
		}
	}
	return out
}

func validCases() map[string]string {
	cases := map[string]string{
		"polygon with hole":       fc(`{"type":"Feature","properties":{"code":"03646"},"geometry":` + polyWithHole + `}`),
		"multipolygon with holes": fc(`{"type":"Feature","id":7,"properties":{"code":"x"},"geometry":` + multiPoly + `}`),
		"null geometry":           fc(`{"type":"Feature","properties":{"a":1},"geometry":null}`),
		"unsupported point":       fc(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1.5,2.5]}}`),
		"unsupported before type": fc(`{"type":"Feature","properties":{},"geometry":{"coordinates":[[1.5,2.5],[3,4]],"type":"LineString"}}`),
		"geometry collection":     fc(`{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}}`),
		"empty features":          `{"type":"FeatureCollection","features":[]}`,
		"no type member":          `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + polyWithHole + `}]}`,
		"null properties":         fc(`{"type":"Feature","properties":null,"geometry":` + polyWithHole + `}`),
		"strings": fc(`{"type":"Feature","id":"x\"y","properties":{` +
			`"name":"Phường Tô Hiệu","esc":"Ti\u1ec7n \u1EC7 \"q\" \\ \/ \b\f\n\r\t",` +
			`"pair":"\ud83d\ude00","lone high":"a\ud800b","lone low":"\udc00","high high":"\ud800\ud800\udc00",` +
			`"high then escape":"\ud800\n","high then bmp":"\ud800\u0041","nul":"\u0000","Việt":"Hà Nội"},"geometry":null}`),
		"numbers": fc(`{"type":"Feature","id":-12.5e1,"properties":{"i":0,"neg":-0,"n":-17,"big":12345678901234567890123,` +
			`"e":1e2,"E":1.5E-3,"ep":-2.5e+10,"tiny":1e-400,"sub":4.9e-324,"max":1.7976931348623157e308,"p":0.30000000000000004,` +
			`"d5":105.82661,"d6":21.358962,"long":0.1234567890123456789012345,"z":0.000001},"geometry":` +
			`{"type":"Polygon","coordinates":[[[105.82661,21.03728],[-105.8277,-21.03719],[103.911425,21.358962],[1e2,-1E-2],` +
			`[0,0],[-0,-0.0],[12345678901234567,0.1234567890123456789],[1.7976931348623157e308,5e-324],[100,21]]]}}`),
		"extra dimensions":  fc(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2,3],[4,5,6,7],[8,9]]]}}`),
		"empty rings":       fc(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[],[[1,2],[3,4]],[]]}}`),
		"empty polygon":     fc(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]}}`),
		"empty multi":       fc(`{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[]}}`),
		"multi empty parts": fc(`{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[],[[]],[[[1,2],[3,4]]]]}}`),
		"nested properties": fc(`{"type":"Feature","properties":{"a":[1,"b",true,false,null,{"c":[[]],"d":{}}],"e":{"f":{"g":[{}]}}},"geometry":null}`),
		"skipped members": `{"type":"FeatureCollection","name":"x","bbox":[1,2,3,4],"crs":{"type":"name","properties":{"name":"EPSG:4326"}},` +
			`"features":[{"type":"Feature","bbox":[0,0,1,1],"extra":{"a":[1,{"b":null}]},"geometry":{"bbox":[1,2],"type":"Polygon","crs":null,"coordinates":[[[1,2],[3,4]]]}}],"after":[true,false]}`,
		"features last": `{"name":"x","type":"FeatureCollection","features":[{"type":"Feature","geometry":` + multiPoly + `}]}`,
		"type last":     `{"features":[{"type":"Feature","geometry":` + multiPoly + `}],"type":"FeatureCollection"}`,
		"string ids":    fc(`{"type":"Feature","id":"03646","geometry":null}`, `{"type":"Feature","id":3.5,"geometry":null}`),
		"pretty": "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    {\n      \"type\": \"Feature\",\r\n\t\"properties\": { \"a\" : [ 1 , 2 ] },\n" +
			"      \"geometry\": {\n        \"type\": \"MultiPolygon\",\n        \"coordinates\": [ [ [ [ 1.5 , 2.25 ] ,\n [ -3 , 4e1 ] , [1,2] ] , [ ] ] ]\n      }\n    }\n  ]\n}\n",
		"coordinates before type": fc(`{"type":"Feature","geometry":{"coordinates":[[[[1,2],[3,4.5],[5,6]],[]],[]],"type":"MultiPolygon"}}`,
			`{"type":"Feature","geometry":{"coordinates":[[[1,2,9],[3,4]],[]],"type":"Polygon"}}`,
			`{"type":"Feature","geometry":{"coordinates":[],"type":"Polygon"}}`),
		"coordinates twice": fc(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[9,9]]],"coordinates":[[[1,2],[3,4]]]}}`),
		"many features":     fc(strings.Repeat(`{"type":"Feature","properties":{"k":"v"},"geometry":`+polyWithHole+`},`, 50) + `{"type":"Feature","geometry":null}`),
	}
	// Every order of a feature's members, with the geometry's members in both orders.
	members := []string{`"type":"Feature"`, `"id":"a"`, `"properties":{"name":"Tô Hiệu","n":1}`, ""}
	for gi, geom := range []string{
		`"geometry":{"type":"Polygon","coordinates":[[[1.5,2.5],[3.25,4],[5,6],[1.5,2.5]],[[2,3],[2.5,3.5],[2,3]]]}`,
		`"geometry":{"coordinates":[[[1.5,2.5],[3.25,4],[5,6],[1.5,2.5]],[[2,3],[2.5,3.5],[2,3]]],"type":"Polygon"}`,
		`"geometry":{"coordinates":[[[[1.5,2.5],[3.25,4],[5,6],[1.5,2.5]]],[[[2,3],[2.5,3.5],[2,3]]]],"type":"MultiPolygon"}`,
	} {
		members[3] = geom
		for pi, p := range permutations(members) {
			cases[fmt.Sprintf("order %d/%d", gi, pi)] = fc("{" + strings.Join(p, ",") + "}")
		}
	}
	return cases
}

func TestValid(t *testing.T) {
	for name, input := range validCases() {
		t.Run(name, func(t *testing.T) {
			var first []*Feature
			for rname, r := range readers(input) {
				fs, err := decodeAll(r)
				if err != nil {
					t.Fatalf("%s: %v", rname, err)
				}
				compareWithOrb(t, []byte(input), fs)
				for _, f := range fs {
					if input[f.Offset] != '{' {
						t.Errorf("%s: offset %d is at %q", rname, f.Offset, input[f.Offset])
					}
				}
				if first == nil {
					first = fs
				} else if !reflect.DeepEqual(fs, first) {
					t.Errorf("%s: differs with another reader", rname)
				}
			}
		})
	}
}

func TestDetails(t *testing.T) {
	fs, err := decodeAll(strings.NewReader(fc(
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}`,
		`{"type":"Feature","geometry":null}`,
		`{"type":"Feature"}`)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		typ   string
		nilMP bool
	}{{"Polygon", false}, {"Point", true}, {"", true}, {"", true}}
	for i, w := range want {
		if fs[i].GeometryType != w.typ || (fs[i].Geometry == nil) != w.nilMP {
			t.Errorf("feature %d: type %q, geometry %v", i, fs[i].GeometryType, fs[i].Geometry)
		}
	}
	if got := fs[0].Geometry; len(got) != 1 || len(got[0]) != 1 || len(got[0][0]) != 2 || cap(got[0][0]) != 2 {
		t.Errorf("polygon: %v", got)
	}
	if fs[1].Offset <= fs[0].Offset {
		t.Errorf("offsets %d, %d", fs[0].Offset, fs[1].Offset)
	}
	// Next keeps returning io.EOF, and a sticky error.
	d := NewDecoder(strings.NewReader(`{"features":[]}`))
	for i := 0; i < 3; i++ {
		if _, err := d.Next(); err != io.EOF {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	d = NewDecoder(strings.NewReader(`{"features":[}`))
	_, err1 := d.Next()
	_, err2 := d.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("errors %v, %v", err1, err2)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader(fc(`{"type":"Feature","geometry":null}`)[:60]), iotest.ErrReader(boom))
	_, err := decodeAll(r)
	if err != boom {
		t.Errorf("got %v, want the read error", err)
	}
}

func malformedCases() []struct{ input, want string } {
	deep := strings.Repeat("[", 70) + strings.Repeat("]", 70)
	return []struct{ input, want string }{
		{``, `1:1: unexpected end of input`},
		{"  \n ", `2:2: unexpected end of input`},
		{`[]`, `1:1: expected '{' at start of FeatureCollection, found '['`},
		{`{"type":"Feature"}`, `1:9: top-level "type" is "Feature", want "FeatureCollection"`},
		{`{"type":7}`, `1:9: expected string for "type", found '7'`},
		{`{"type" "FeatureCollection"}`, `1:9: expected ':' after object key, found '"'`},
		{`{"type":"FeatureCollection" "features":[]}`, `1:29: expected ',' or '}' after object member, found '"'`},
		{`{"features":[],}`, `1:16: expected string for object key, found '}'`},
		{`{"features":[]} x`, `1:17: invalid character 'x' after top-level value`},
		{`{"features":[]}{}`, `1:16: invalid character '{' after top-level value`},
		{`{"features":{}}`, `1:13: expected '[' or null for "features", found '{'`},
		{`{"features":[1]}`, `1:14: expected '{' for feature, found '1'`},
		{`{"features":[{"geometry":null} {}]}`, `1:32: expected ',' or ']' after array element, found '{'`},
		{`{"features":[{"geometry":null},]}`, `1:32: expected '{' for feature, found ']'`},
		{`{"features":[{"type":"Feature","geometry":null}`, `1:48: unexpected end of input`},
		{`{"features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}}`, `1:92: unexpected end of input`},
		{`{"features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,`, `1:86: unexpected end of input`},
		{`{"features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4`, `1:87: unexpected end of input`},
		{`{"features":[{"type":"Feat"}]}`, `1:22: feature "type" is "Feat", want "Feature"`},
		{`{"features":[{"properties":[]}]}`, `1:28: expected '{' or null for "properties", found '['`},
		{`{"features":[{"geometry":1}]}`, `1:26: expected '{' or null for "geometry", found '1'`},
		{`{"features":[{"geometry":{"coordinates":[]}}]}`, `1:26: geometry has no "type"`},
		{`{"features":[{"geometry":{"type":"Polygon"}}]}`, `1:26: Polygon geometry has no "coordinates"`},
		{`{"features":[{"geometry":{"type":"Polygon","type":"Point"}}]}`, `1:51: conflicting geometry types "Polygon" and "Point"`},
		{`{"features":[{"geometry":{"type":5}}]}`, `1:34: expected string for geometry "type", found '5'`},
		{`{"name":"a\qb","features":[]}`, `1:12: invalid character 'q' in string escape code`},
		{`{"name":"\u12G4","features":[]}`, `1:14: invalid character 'G' in \u hexadecimal character escape`},
		{"{\"name\":\"a\nb\"}", `1:11: invalid character '\n' in string literal`},
		{"{\"name\":\"a\x01\"}", `1:11: invalid character '\x01' in string literal`},
		{`{"name":"abc`, `1:13: unexpected end of input`},
		{`{"name":"a\`, `1:12: unexpected end of input`},
		{`{"name":tru}`, `1:12: invalid character '}' in literal true`},
		{`{"name":nul`, `1:12: unexpected end of input`},
		{`{"name":01}`, `1:10: invalid character '1' in numeric literal`},
		{`{"name":-}`, `1:10: invalid character '}' in numeric literal`},
		{`{"name":1.}`, `1:11: invalid character '}' in numeric literal`},
		{`{"name":1.5.3}`, `1:12: invalid character '.' in numeric literal`},
		{`{"name":1e+}`, `1:12: invalid character '}' in numeric literal`},
		{`{"name":2-3}`, `1:10: invalid character '-' in numeric literal`},
		{`{"name":1e`, `1:11: unexpected end of input`},
		{`{"name":1e400}`, `1:9: number out of range`},
		{`{"name":-1e400}`, `1:9: number out of range`},
		{`{"name":+1}`, `1:9: invalid character '+' looking for beginning of value`},
		{`{"name":[1,]}`, `1:12: invalid character ']' looking for beginning of value`},
		{`{"name":{"a" 1}}`, `1:14: expected ':' after object key, found '1'`},
		{`{"name":{"a":1 "b":2}}`, `1:16: expected ',' or '}' after object member, found '"'`},
		{`{"name":{1:2}}`, `1:10: expected string for object key, found '1'`},
		{`{"name":` + deep + `}`, `1:72: nesting too deep`},
		{`{"features":[{"properties":{"a":` + deep + `}}]}`, `1:93: nesting too deep`},
		{`{"features":[{"geometry":{"coordinates":` + deep + `}}]}`, `1:101: nesting too deep`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1e400,2]]]}}]}`, `1:61: number out of range`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1]]]}}]}`, `1:62: position has fewer than two coordinates`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[]]]}}]}`, `1:61: position has fewer than two coordinates`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1,"a"]]]}}]}`, `1:63: expected number in coordinates, found '"'`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1,[2]]]]}}]}`, `1:63: expected number in coordinates, found '['`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[1,2]]}}]}`, `1:60: expected '[' in coordinates, found '1'`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":"x"}}]}`, `1:58: expected '[' in coordinates, found '"'`},
		{`{"features":[{"geometry":{"type":"MultiPolygon","coordinates":[[[1,2]]]}}]}`, `1:66: expected '[' in coordinates, found '1'`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1,2] [3,4]]]}}]}`, `1:66: expected ',' or ']' after array element, found '['`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]}}]}`, `1:71: expected ',' or ']' after array element, found '}'`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1 2]]]}}]}`, `1:63: expected ',' or ']' after array element, found '2'`},
		{`{"features":[{"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6]]],}}]}`, `1:80: expected string for object key, found '}'`},
		// The same shape errors with the coordinates before the type.
		{`{"features":[{"geometry":{"coordinates":[[[1]]],"type":"Polygon"}}]}`, `1:45: position has fewer than two coordinates`},
		{`{"features":[{"geometry":{"coordinates":[[[]]],"type":"Polygon"}}]}`, `1:44: position has fewer than two coordinates`},
		{`{"features":[{"geometry":{"coordinates":[[[1,"a"]]],"type":"Polygon"}}]}`, `1:46: expected number in coordinates, found '"'`},
		{`{"features":[{"geometry":{"coordinates":[[[1,[2]]]],"type":"Polygon"}}]}`, `1:46: expected number in coordinates, found '['`},
		{`{"features":[{"geometry":{"coordinates":[[1,2]],"type":"Polygon"}}]}`, `1:43: expected '[' in coordinates, found '1'`},
		{`{"features":[{"geometry":{"coordinates":"x","type":"Polygon"}}]}`, `1:41: expected '[' in coordinates, found '"'`},
		{`{"features":[{"geometry":{"coordinates":[[[1,2]]],"type":"MultiPolygon"}}]}`, `1:44: expected '[' in coordinates, found '1'`},
		// Lines and columns.
		{"{\n  \"features\": [\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 2], [3 4]]]}}\n  ]\n}",
			`3:85: expected ',' or ']' after array element, found '4'`},
		{"{\r\n\"features\": [\r\n\r\n\t{\"geometry\": nul}]}", `4:18: invalid character '}' in literal null`},
		{"{\"name\": \"Hiệu\", \"features\": x}", `1:32: expected '[' or null for "features", found 'x'`},
		{"{\"features\":[]}\n\n  \n   ]", `4:4: invalid character ']' after top-level value`},
	}
}

func TestMalformed(t *testing.T) {
	for _, tt := range malformedCases() {
		for rname, r := range readers(tt.input) {
			_, err := decodeAll(r)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%s %q: got %v, want a *SyntaxError", rname, tt.input, err)
				continue
			}
			if se.Error() != tt.want {
				t.Errorf("%s %q:\n got %s\nwant %s", rname, tt.input, se.Error(), tt.want)
			}
			if se.Offset < 0 || se.Offset > int64(len(tt.input)) {
				t.Errorf("%s %q: offset %d", rname, tt.input, se.Offset)
			}
			// The offset, line and column agree.
			line := 1 + strings.Count(tt.input[:se.Offset], "\n")
			col := int(se.Offset) - (strings.LastIndex(tt.input[:se.Offset], "\n") + 1) + 1
			if se.Line != line || se.Col != col {
				t.Errorf("%s %q: offset %d is %d:%d, error says %d:%d", rname, tt.input, se.Offset, line, col, se.Line, se.Col)
			}
		}
	}
}

// TestNumbers checks numbers of many forms against strconv.ParseFloat, bit for bit, through
// both the fast and the general paths.
func TestNumbers(t *testing.T) {
	nums := []string{"0", "-0", "1", "-1", "0.5", "105.82661", "21.358962", "-105.8277", "1e2", "1E-2", "-2.5e+10",
		"123456789012345", "1234567890123456", "12345678901234567890", "0.000001", "0.1", "0.2", "0.3",
		"9007199254740993", "9007199254740992", "1e22", "1e23", "1.5e-22", "1e-23", "4.9e-324", "2.4e-324", "1e-400",
		"1.7976931348623157e308", "1.7976931348623158e308", "0.30000000000000004", "123.456789012345678901",
		"100000000000000000000000", "0.0000000000000000000000000001", "99.99999999999999999", "7e-10", "1.00000000000000011102230246251565404236316680908203125"}
	for _, n := range nums {
		want, err := strconvParse(n)
		if err != nil {
			t.Fatal(err)
		}
		s := []byte(n + ",")
		got, l, st := scanNumber(s, false)
		if st != numOK || l != len(n) || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("scanNumber(%s) = %v, %d, %d; want %v", n, got, l, st, want)
		}
		// fastNum stops before an exponent, which its callers take for a failure.
		if f, j, ok := fastNum(s, 0); ok && s[j] == ',' && (j != len(n) || math.Float64bits(f) != math.Float64bits(want)) {
			t.Errorf("fastNum(%s) = %v, %d; want %v", n, f, j, want)
		}
		if got, _, st := scanNumber([]byte(n), true); st != numOK || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("scanNumber(%s, final) = %v, %d", n, got, st)
		}
		if _, _, st := scanNumber([]byte(n), false); st != numIncomplete {
			t.Errorf("scanNumber(%s, not final) = %d, want incomplete", n, st)
		}
	}
	// Every 5- and 6-decimal coordinate of a range, through the decoder.
	var b strings.Builder
	b.WriteString(`{"features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[`)
	for i := 0; i < 40000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "[%d.%05d,-%d.%06d]", 100+i%10, i*7%100000, 20+i%3, i*37%1000000)
	}
	b.WriteString(`]]}}]}`)
	input := b.String()
	fs, err := decodeAll(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	compareWithOrb(t, []byte("{\"type\":\"FeatureCollection\","+input[1:]), fs)
}

func TestSonLa(t *testing.T) {
	data, err := os.ReadFile(sonLaPath)
	if err != nil {
		t.Skipf("Sơn La file not available: %v", err)
	}
	fs, err := decodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 75 {
		t.Errorf("%d features", len(fs))
	}
	compareWithOrb(t, data, fs)
}

func TestNational(t *testing.T) {
	if _, err := os.Stat(nationalPath); err != nil {
		t.Skipf("national file not available (%v)", err)
	}
	r, err := Open(nationalPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	d := NewDecoder(r)
	nf, nv := 0, 0
	for {
		f, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		nf++
		if f.Properties["code"] == nil {
			t.Errorf("feature %d has no code", nf)
		}
		for _, p := range f.Geometry {
			for _, r := range p {
				nv += len(r)
			}
		}
	}
	if nf != 3321 || nv != 6936589 {
		t.Errorf("%d features, %d vertices; want 3321, 6936589", nf, nv)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	plain := dir + "/a.geojson"
	if err := os.WriteFile(plain, []byte(fc(`{"type":"Feature","geometry":null}`)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, nationalPath} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := NewDecoder(r).Next()
		if err != nil || f == nil {
			t.Errorf("%s: %v", path, err)
		}
		if err := r.Close(); err != nil {
			t.Errorf("%s: close: %v", path, err)
		}
	}
	if _, err := Open(dir + "/missing"); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestFastNum checks the fast number path against strconv.ParseFloat on random
// decimals of every length it takes, and on the forms it must refuse.
func TestFastNum(t *testing.T) {
	pad := strings.Repeat(" ", 40)
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(n string) {
		s := []byte(n + "," + pad)
		f, j, ok := fastNum(s, 0)
		want, err := strconvParse(n)
		if ok && s[j] != ',' {
			ok = false // stopped before an exponent: its callers take that for a failure
		}
		if !ok {
			digits := strings.Count(n, "") - 1 - strings.Count(n, "-") - strings.Count(n, ".")
			plain := !strings.HasPrefix(strings.TrimPrefix(n, "-"), "0") && !strings.HasSuffix(n, ".") && !strings.HasPrefix(n, ".") && !strings.ContainsAny(n, "eE")
			if err == nil && digits <= 7 && plain {
				t.Errorf("fastNum refused %s", n)
			}
			return
		}
		if err != nil || j != len(n) || math.Float64bits(f) != math.Float64bits(want) {
			t.Errorf("fastNum(%s) = %v, %d; want %v", n, f, j, want)
		}
	}
	for i := 0; i < 200000; i++ {
		nd, fd := 1+rng.IntN(9), rng.IntN(10)
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteByte('-')
		}
		for k := 0; k < nd; k++ {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		if fd > 0 {
			b.WriteByte('.')
			for k := 0; k < fd; k++ {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		check(b.String())
	}
	for _, n := range []string{"0", "-0", "0.0", "00", "01.5", "1.", "-", ".5", "1e5", "12345678", "1234567.12345678", "0.12345678901234"} {
		check(n)
	}
}
