package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// decodeResult is everything a decoder yields for an input.
type decodeResult struct {
	features []*Feature
	err      error
	calls    int
}

// decodeBounded decodes input through r, failing t if Next is called more often than an
// input of that length allows (every call consumes at least one byte, but for the last).
func decodeBounded(t *testing.T, input []byte, r io.Reader) decodeResult {
	d := NewDecoder(r)
	var res decodeResult
	for {
		res.calls++
		if res.calls > len(input)+2 {
			t.Fatalf("Next called %d times on %d bytes without an end", res.calls, len(input))
		}
		f, err := d.Next()
		if err != nil {
			res.err = err
			if _, err2 := d.Next(); err2 != err {
				t.Fatalf("error %v, then %v", err, err2)
			}
			return res
		}
		if f == nil {
			t.Fatal("nil feature without error")
		}
		res.features = append(res.features, f)
	}
}

func FuzzDecoder(f *testing.F) {
	for _, input := range validCases() {
		f.Add([]byte(input))
	}
	for _, tt := range malformedCases() {
		f.Add([]byte(tt.input))
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"03646","properties":{"name":"Tô Hiệu","area_km2":11.92},` +
		`"geometry":{"type":"MultiPolygon","coordinates":[[[[103.911425,21.358962],[103.911211,21.358976],[103.911241,21.358903],[103.911425,21.358962]]]]}}]}`))
	f.Fuzz(func(t *testing.T, input []byte) {
		res := decodeBounded(t, input, bytes.NewReader(input))
		if res.err == io.EOF {
			if !json.Valid(input) {
				t.Fatalf("decoded input that is not valid JSON")
			}
			last := int64(-1)
			for _, f := range res.features {
				if f.Offset <= last || f.Offset >= int64(len(input)) || input[f.Offset] != '{' {
					t.Fatalf("feature offset %d (previous %d)", f.Offset, last)
				}
				last = f.Offset
			}
		} else {
			var se *SyntaxError
			if !errors.As(res.err, &se) {
				t.Fatalf("error %v (%T) is not a *SyntaxError", res.err, res.err)
			}
			if se.Offset < 0 || se.Offset > int64(len(input)) {
				t.Fatalf("error offset %d outside input of %d bytes: %v", se.Offset, len(input), se)
			}
			line := 1 + bytes.Count(input[:se.Offset], []byte("\n"))
			col := int(se.Offset) - (bytes.LastIndexByte(input[:se.Offset], '\n') + 1) + 1
			if se.Line != line || se.Col != col {
				t.Fatalf("offset %d is %d:%d, error says %d:%d (%s)", se.Offset, line, col, se.Line, se.Col, se.Msg)
			}
		}
		// Reading a byte at a time, across every buffer refill, changes nothing.
		res1 := decodeBounded(t, input, iotest.OneByteReader(bytes.NewReader(input)))
		if !reflect.DeepEqual(res1.features, res.features) || res1.err.Error() != res.err.Error() {
			t.Fatalf("one byte at a time: %d features, %v; whole: %d features, %v", len(res1.features), res1.err, len(res.features), res.err)
		}
		// Where encoding/json and orb/geojson accept the input too, they agree. (They differ
		// on invalid UTF-8, which is passed through here, and on repeated "features" members,
		// which are all streamed here.)
		if res.err == io.EOF && utf8.Valid(input) && bytes.Count(input, []byte("features")) == 1 && !bytes.Contains(input, []byte(`\u`)) {
			if _, err := orbUnmarshal(input); err == nil {
				compareWithOrb(t, input, res.features)
			}
		}
	})
}

// TestFuzzSeedsDecode makes sure that the corpus seeds are inputs of either kind.
func TestFuzzSeedsDecode(t *testing.T) {
	ok, bad := 0, 0
	for _, input := range validCases() {
		if res := decodeBounded(t, []byte(input), strings.NewReader(input)); res.err == io.EOF {
			ok++
		}
	}
	for _, tt := range malformedCases() {
		if res := decodeBounded(t, []byte(tt.input), strings.NewReader(tt.input)); res.err != io.EOF {
			bad++
		}
	}
	if ok == 0 || bad == 0 {
		t.Errorf("%d valid, %d malformed", ok, bad)
	}
}
