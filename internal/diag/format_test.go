package diag

import (
	"bytes"
	"encoding/json"
	"testing"
)

func sample() List {
	var l List
	l.Errorf(Pos{File: "content/units/04075.toml", Line: 3, Col: 9}, "unknown key %q", "levle")
	l.Warnf(Pos{File: "geo/a,b:c.geojson", Line: 12}, "100%% wrong\nsecond line")
	l.Errorf(Pos{}, "no position")
	return l
}

func TestWrite(t *testing.T) {
	tests := []struct {
		format Format
		want   string
	}{
		{Text, `content/units/04075.toml:3:9: error: unknown key "levle"
geo/a,b:c.geojson:12: warning: 100% wrong
second line
error: no position
`},
		{GitHub, `::error file=content/units/04075.toml,line=3,col=9::unknown key "levle"
::warning file=geo/a%2Cb%3Ac.geojson,line=12::100%25 wrong%0Asecond line
::error::no position
`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, sample(), tt.format); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.format, b.String(), tt.want)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), JSON); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b.String())
	}
	if got.Errors != 2 || got.Warnings != 1 || len(got.Diagnostics) != 3 {
		t.Fatalf("counts: %+v", got)
	}
	first := got.Diagnostics[0]
	if first != (jsonDiagnostic{File: "content/units/04075.toml", Line: 3, Col: 9, Severity: "error", Message: `unknown key "levle"`}) {
		t.Errorf("first diagnostic: %+v", first)
	}
	b.Reset()
	Write(&b, nil, JSON)
	if want := "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"; b.String() != want {
		t.Errorf("empty list: got %q, want %q", b.String(), want)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": Text, "gcc": Text, "github": GitHub, "json": JSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): no error")
	}
}
