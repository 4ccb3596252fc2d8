package read

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
)

func diagTexts(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return out
}

func TestDecodeTOML(t *testing.T) {
	const file = "content/units/03646.toml"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"valid", "code = \"03646\"\nname = \"Tô Hiệu\"\n\n[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2024-05-01\nlevel = \"standard\"\n", nil},
		{"unknown key in assessments",
			"code = \"03646\"\nname = \"Tô Hiệu\"\n\n[[assessments]]\ncriteria_set = \"2021-2025\"\n  levle = \"standard\"\n",
			[]string{`content/units/03646.toml:6:3: error: unknown key "assessments.levle"`}},
		{"unknown key in the second of two assessments",
			"code = \"03646\"\n[[assessments]]\nlevel = \"in-progress\"\n[[assessments]]\nlevle = \"standard\"\n",
			[]string{`content/units/03646.toml:5:1: error: unknown key "assessments.levle"`}},
		{"same unknown key in two assessments",
			"code = \"03646\"\n[[assessments]]\nlevle = \"a\"\n[[assessments]]\nlevel = \"b\"\n[[assessments]]\n levle = \"c\"\n",
			[]string{
				`content/units/03646.toml:3:1: error: unknown key "assessments.levle"`,
				`content/units/03646.toml:7:2: error: unknown key "assessments.levle"`,
			}},
		{"unknown key named like a top-level key",
			"code = \"03646\"\nname = \"Tô Hiệu\"\n[[assessments]]\nname = \"x\"\n",
			[]string{`content/units/03646.toml:4:1: error: unknown key "assessments.name"`}},
		{"unknown top-level key",
			"code = \"03646\"\n\"nmae\" = \"Tô Hiệu\"\n",
			[]string{`content/units/03646.toml:2:1: error: unknown key "nmae"`}},
		{"unknown table",
			"code = \"03646\"\n\n[[assesments]]\nlevel = \"a\"\n",
			[]string{
				`content/units/03646.toml:3:3: error: unknown key "assesments"`,
				`content/units/03646.toml:4:1: error: unknown key "assesments.level"`,
			}},
		{"syntax error",
			"code = \"03646\"\nname = \n",
			[]string{`content/units/03646.toml:2:8: error: invalid TOML: expected value but found '\n' instead`}},
		{"unterminated string",
			"code = \"03646\nname = \"x\"\n",
			[]string{`content/units/03646.toml:1:14: error: invalid TOML: strings cannot contain newlines`}},
		{"wrong type",
			"code = 5\n",
			[]string{`content/units/03646.toml:1:8: error: invalid value for "code": want a string, not an integer`}},
		{"wrong type in the second assessment",
			"code = \"03646\"\n[[assessments]]\nlevel = \"a\"\n[[assessments]]\n  level = 5\n",
			[]string{`content/units/03646.toml:5:11: error: invalid value for "assessments.level": want a string, not an integer`}},
		{"table where an array of tables belongs",
			"code = \"03646\"\n[assessments] # level = 1\nlevel = \"a\"\n",
			[]string{`content/units/03646.toml:2:1: error: invalid value for "assessments": want an array, not a table`}},
		{"wrong type in an array",
			"code = \"03646\"\naliases = [\"a\", 5]\n",
			[]string{`content/units/03646.toml:2:11: error: invalid value for "aliases": want a string, not an integer`}},
		{"string where a date belongs",
			"code = \"03646\"\n[[assessments]]\nas_of = \"2024-05-01\"\n",
			[]string{`content/units/03646.toml:3:10: error: invalid value for "assessments.as_of": want a date without quotes, like 2024-06-30, not the string "2024-05-01"`}},
		{"impossible date",
			"code = \"03646\"\n[[assessments]]\nas_of = 2024-13-01\n",
			[]string{`content/units/03646.toml:3:9: error: invalid TOML: invalid datetime: "2024-13-01"`}},
		{"nested too deep to decode safely",
			"code = \"03646\"\naliases = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
			[]string{`content/units/03646.toml:2:75: error: invalid TOML: nested more than 64 levels deep`}},
		{"number too large",
			"code = \"03646\"\n[[assessments]]\nyear = 99999999999999999999\n",
			[]string{`content/units/03646.toml:3:8: error: invalid TOML: 99999999999999999999 is out of range for int64`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var u model.Unit
			_, errs, _ := decodeTOML(file, []byte(tt.src), &u)
			got := diagTexts(errs)
			if !slices.Equal(got, tt.want) {
				t.Errorf("decodeTOML:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDecodeTOMLValues(t *testing.T) {
	src := "code = \"03646\"\nname = \"Tô Hiệu\"\naliases = [\"a\", \"b\"]\n[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2024-05-01\nlevel = \"standard\"\ncriteria_met = [\"1\", \"2\"]\n"
	var u model.Unit
	if _, errs, fatal := decodeTOML("u.toml", []byte(src), &u); len(errs) != 0 || fatal {
		t.Fatalf("decodeTOML: %v", errs)
	}
	if u.Code != "03646" || u.Name != "Tô Hiệu" || !slices.Equal(u.Aliases, []string{"a", "b"}) || len(u.Assessments) != 1 {
		t.Fatalf("decoded %+v", u)
	}
	a := u.Assessments[0]
	if a.CriteriaSet != "2021-2025" || a.Level != "standard" || a.AsOf.Format("2006-01-02") != "2024-05-01" || !slices.Equal(a.CriteriaMet, []string{"1", "2"}) {
		t.Errorf("assessment %+v", *a)
	}
}

func TestDecodeTOMLDiagnostic(t *testing.T) {
	var u model.Unit
	_, errs, fatal := decodeTOML("u.toml", []byte("code = 5\n"), &u)
	if len(errs) != 1 || !fatal {
		t.Fatalf("got %d diagnostics, want 1", len(errs))
	}
	d := errs[0]
	if d.Pos.File != "u.toml" || d.Severity != diag.Error || d.Err == nil {
		t.Errorf("diagnostic %+v: want file u.toml, an error, with its cause", *d)
	}
	_, errs, fatal = decodeTOML("u.toml", []byte("code = \n"), &u)
	if len(errs) != 1 || !fatal || errs[0].Err == nil || errs[0].Pos.Line != 1 {
		t.Errorf("syntax error diagnostic %v: want one, at line 1, with its cause", errs)
	}
}

func TestLocate(t *testing.T) {
	var nilFiles *Files
	if got := nilFiles.Locate("a.toml", "code"); got != (diag.Pos{File: "a.toml"}) {
		t.Errorf("nil Files: Locate = %v", got)
	}
	src := "code = \"1\"\n[[successors]]\ncode = \"2\"\n\n[[successors]]\n  code = \"3\"\n  merge = \"full\"\n[[recognitions]]\nlevel = \"standard\"\n"
	ix, err := tomlkey.Build([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := &Files{keys: map[string]*fileKeys{"a.toml": {ix: ix}, "s.md": {ix: ix, offset: 1}}}
	tests := []struct {
		file, key string
		want      diag.Pos
	}{
		{"a.toml", "code", diag.Pos{File: "a.toml", Line: 1, Col: 8}},
		{"a.toml", "successors[0].code", diag.Pos{File: "a.toml", Line: 3, Col: 8}},
		{"a.toml", "successors[1].code", diag.Pos{File: "a.toml", Line: 6, Col: 10}},
		{"a.toml", "successors[1].merge", diag.Pos{File: "a.toml", Line: 7, Col: 11}},
		{"a.toml", "successors[0].merge", diag.Pos{File: "a.toml", Line: 2, Col: 1}}, // not set: its table
		{"a.toml", "successors", diag.Pos{File: "a.toml", Line: 2, Col: 1}},
		{"a.toml", "successors.code", diag.Pos{File: "a.toml", Line: 3, Col: 1}}, // no index: the first place
		{"a.toml", "recognitions[0].source_url", diag.Pos{File: "a.toml", Line: 8, Col: 1}},
		{"a.toml", "nothing", diag.Pos{File: "a.toml"}},
		{"s.md", "code", diag.Pos{File: "s.md", Line: 2, Col: 8}},
		{"b.toml", "code", diag.Pos{File: "b.toml"}},
	}
	for _, tt := range tests {
		if got := f.Locate(tt.file, tt.key); got != tt.want {
			t.Errorf("Locate(%q, %q) = %v, want %v", tt.file, tt.key, got, tt.want)
		}
	}
}

func TestParentPath(t *testing.T) {
	for in, want := range map[string]string{
		"a.b[1].c":     "a.b[1]",
		"a.b[1]":       "a.b",
		"a.b":          "a",
		"a":            "",
		`a."b.c[2]".d`: `a."b.c[2]"`,
		`a."b.c[2]"`:   "a",
		`"x\"y.z"`:     "",
	} {
		if got := parentPath(in); got != want {
			t.Errorf("parentPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeUnit(f *testing.F) {
	for _, dir := range []string{"units", "former"} {
		names, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "son-la", "content", dir, "*.toml"))
		for _, name := range names[:min(len(names), 5)] {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("code = \"1\"\n[[assessments]]\nlevle = 1\n[[assessments]]\nlevle = 2\n"))
	f.Add([]byte("code = 5\n"))
	f.Add([]byte("[[assessments]]\nas_of = 2024-01-01T00:00:00Z\n[a.\"b.c\"]\nx = {y = [1, {z = 2}]}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var u model.Unit
		_, errs, _ := decodeTOML("u.toml", src, &u)
		lines := strings.Count(string(src), "\n") + 1
		for _, d := range errs {
			if d.Pos.File != "u.toml" || d.Severity != diag.Error || d.Msg == "" {
				t.Errorf("bad diagnostic %#v", d)
			}
			if d.Pos.Line < 0 || d.Pos.Line > lines || d.Pos.Col < 0 {
				t.Errorf("diagnostic %q: position outside the %d lines of the input", d.Error(), lines)
			}
		}
	})
}
