package tomlkey

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// at is a path's expected key and value positions, as "line:col".
type at struct{ path, key, value string }

// nth is an expected answer of Nth and Indexed.
type nth struct {
	path    string
	n       int
	key     string // "" when Nth must find nothing
	indexed string
}

var buildTests = []struct {
	name string
	src  string
	want []at
	nth  []nth
}{
	{
		name: "bare, quoted and literal keys, comments",
		src: "# comment\n" +
			"title = \"x\"   # trailing\n" +
			"\"quoted key\" = 1\n" +
			"'literal key' = 2\n" +
			"bare-key_1 = true\n",
		want: []at{
			{"title", "2:1", "2:9"},
			{`"quoted key"`, "3:1", "3:16"},
			{`"literal key"`, "4:1", "4:17"},
			{"bare-key_1", "5:1", "5:14"},
		},
		nth: []nth{{"title", 0, "2:1", "title"}, {"title", 1, "", ""}, {`"quoted key"`, 0, "3:1", `"quoted key"`}},
	},
	{
		name: "dotted keys",
		src: "a.b = 1\n" +
			"\"a b\".c = 2\n" +
			"x . y . z = 3\n" +
			"site.\"odd.key\" = 4\n",
		want: []at{
			{"a", "1:1", "1:1"},
			{"a.b", "1:3", "1:7"},
			{`"a b"`, "2:1", "2:1"},
			{`"a b".c`, "2:7", "2:11"},
			{"x", "3:1", "3:1"},
			{"x.y", "3:5", "3:5"},
			{"x.y.z", "3:9", "3:13"},
			{"site", "4:1", "4:1"},
			{`site."odd.key"`, "4:6", "4:18"},
		},
		nth: []nth{{"a.b", 0, "1:3", "a.b"}, {"a", 0, "", ""}, {"x.y.z", 0, "3:9", "x.y.z"}},
	},
	{
		name: "tables",
		src: "[server]\n" +
			"host = \"h\"\n" +
			"\n" +
			"[ server.tls ] # c\n" +
			"cert = 'c'\n",
		want: []at{
			{"server", "1:2", "1:1"},
			{"server.host", "2:1", "2:8"},
			{"server.tls", "4:10", "4:1"},
			{"server.tls.cert", "5:1", "5:8"},
		},
		nth: []nth{{"server.tls", 0, "4:10", "server.tls"}, {"server.tls.cert", 0, "5:1", "server.tls.cert"}},
	},
	{
		name: "arrays of tables, the second one's key",
		src: "code = \"03646\"\n" +
			"[[assessments]]\n" +
			"level = \"in-progress\"\n" +
			"[[assessments]]\n" +
			"level = \"standard\"\n",
		want: []at{
			{"code", "1:1", "1:8"},
			{"assessments", "2:3", "2:1"},
			{"assessments[0]", "2:3", "2:1"},
			{"assessments[0].level", "3:1", "3:9"},
			{"assessments[1]", "4:3", "4:1"},
			{"assessments[1].level", "5:1", "5:9"},
		},
		nth: []nth{
			{"assessments.level", 0, "3:1", "assessments[0].level"},
			{"assessments.level", 1, "5:1", "assessments[1].level"},
			{"assessments.level", 2, "", ""},
			{"assessments", 1, "4:3", "assessments[1]"},
			{"assessments[1].level", 0, "", ""},
		},
	},
	{
		name: "nested arrays of tables restart their count",
		src: "[[criteria]]\n" +
			"id = \"1\"\n" +
			"[[criteria.indicators]]\n" +
			"id = \"1.1\"\n" +
			"[[criteria.indicators]]\n" +
			"id = \"1.2\"\n" +
			"\n" +
			"[[criteria]]\n" +
			"id = \"2\"\n" +
			"[[criteria.indicators]]\n" +
			"  id = \"2.1\"\n",
		want: []at{
			{"criteria", "1:3", "1:1"},
			{"criteria[0]", "1:3", "1:1"},
			{"criteria[0].id", "2:1", "2:6"},
			{"criteria[0].indicators", "3:12", "3:1"},
			{"criteria[0].indicators[0]", "3:12", "3:1"},
			{"criteria[0].indicators[0].id", "4:1", "4:6"},
			{"criteria[0].indicators[1]", "5:12", "5:1"},
			{"criteria[0].indicators[1].id", "6:1", "6:6"},
			{"criteria[1]", "8:3", "8:1"},
			{"criteria[1].id", "9:1", "9:6"},
			{"criteria[1].indicators", "10:12", "10:1"},
			{"criteria[1].indicators[0]", "10:12", "10:1"},
			{"criteria[1].indicators[0].id", "11:3", "11:8"},
		},
		nth: []nth{
			{"criteria.indicators.id", 2, "11:3", "criteria[1].indicators[0].id"},
			{"criteria.indicators", 2, "10:12", "criteria[1].indicators[0]"},
			{"criteria", 1, "8:3", "criteria[1]"},
			{"criteria.id", 1, "9:1", "criteria[1].id"},
		},
	},
	{
		name: "a table inside an array of tables",
		src: "[[a]]\n" +
			"[a.b]\n" +
			"x = 1\n" +
			"[[a]]\n" +
			"[a.b]\n" +
			"x = 2\n",
		want: []at{
			{"a[0].b", "2:4", "2:1"},
			{"a[0].b.x", "3:1", "3:5"},
			{"a[1].b", "5:4", "5:1"},
			{"a[1].b.x", "6:1", "6:5"},
		},
		nth: []nth{{"a.b.x", 1, "6:1", "a[1].b.x"}, {"a.b", 1, "5:4", "a[1].b"}},
	},
	{
		name: "a super-table after its sub-table",
		src: "[a.b.c]\n" +
			"x = 1\n" +
			"[a]\n" +
			"y = 2\n",
		want: []at{
			{"a", "3:2", "3:1"},
			{"a.b", "1:4", "1:4"},
			{"a.b.c", "1:6", "1:1"},
			{"a.y", "4:1", "4:5"},
		},
		nth: []nth{{"a", 0, "3:2", "a"}, {"a.b", 0, "", ""}},
	},
	{
		name: "strings",
		src: "a = \"esc \\\" quote # not comment\"\n" +
			"b = 'lit # not'\n" +
			"c = \"\"\"\n" +
			"multi \"quoted\" \"\"\n" +
			"line \\\"\"\"\n" +
			"\"\"\"\n" +
			"d = '''\n" +
			"it's '' here'''''\n" +
			"e = 1\n" +
			"f = \"\"\n" +
			"g = \"\"\"\"\"\"\n",
		want: []at{
			{"a", "1:1", "1:5"},
			{"b", "2:1", "2:5"},
			{"c", "3:1", "3:5"},
			{"d", "7:1", "7:5"},
			{"e", "9:1", "9:5"},
			{"f", "10:1", "10:5"},
			{"g", "11:1", "11:5"},
		},
	},
	{
		name: "arrays across lines",
		src: "aliases = [\n" +
			"  \"a\", # first\n" +
			"  'b',\n" +
			"\n" +
			"  [1, 2], # nested\n" +
			"]\n" +
			"empty = []\n",
		want: []at{
			{"aliases", "1:1", "1:11"},
			{"aliases[0]", "2:3", "2:3"},
			{"aliases[1]", "3:3", "3:3"},
			{"aliases[2]", "5:3", "5:3"},
			{"aliases[2][0]", "5:4", "5:4"},
			{"aliases[2][1]", "5:7", "5:7"},
			{"empty", "7:1", "7:9"},
		},
		nth: []nth{{"aliases", 0, "1:1", "aliases"}, {"aliases", 1, "", ""}},
	},
	{
		name: "inline tables and arrays of inline tables",
		src: "point = { x = 1, y.z = \"2\" }\n" +
			"successors = [{code = \"1\"}, {code = \"2\", merge = \"full\"}]\n" +
			"nested = {a = {b = [ {c = 1} ]}}\n" +
			"t = {\n" +
			"  a = 1, # c\n" +
			"  b = 2,\n" +
			"}\n",
		want: []at{
			{"point", "1:1", "1:9"},
			{"point.x", "1:11", "1:15"},
			{"point.y", "1:18", "1:18"},
			{"point.y.z", "1:20", "1:24"},
			{"successors", "2:1", "2:14"},
			{"successors[0]", "2:15", "2:15"},
			{"successors[0].code", "2:16", "2:23"},
			{"successors[1]", "2:29", "2:29"},
			{"successors[1].code", "2:30", "2:37"},
			{"successors[1].merge", "2:42", "2:50"},
			{"nested", "3:1", "3:10"},
			{"nested.a", "3:11", "3:15"},
			{"nested.a.b", "3:16", "3:20"},
			{"nested.a.b[0]", "3:22", "3:22"},
			{"nested.a.b[0].c", "3:23", "3:27"},
			{"t.a", "5:3", "5:7"},
			{"t.b", "6:3", "6:7"},
		},
		nth: []nth{
			{"successors.code", 1, "2:30", "successors[1].code"},
			{"successors", 0, "2:1", "successors"},
			{"successors", 1, "", ""},
			{"nested.a.b.c", 0, "3:23", "nested.a.b[0].c"},
			{"point.y.z", 0, "1:20", "point.y.z"},
		},
	},
	{
		name: "dates, times and numbers",
		src: "until = 2025-07-01\n" +
			"odt = 1979-05-27 07:32:00Z # c\n" +
			"n = -1_000\n" +
			"f = +6.26e-34\n" +
			"h = 0xDEAD_BEEF\n" +
			"i = inf\n" +
			"ok = true\n" +
			"lt = 07:32:00\n" +
			"ds = [1979-05-27 07:32:00, 1979-05-28]\n",
		want: []at{
			{"until", "1:1", "1:9"},
			{"odt", "2:1", "2:7"},
			{"n", "3:1", "3:5"},
			{"f", "4:1", "4:5"},
			{"h", "5:1", "5:5"},
			{"i", "6:1", "6:5"},
			{"ok", "7:1", "7:6"},
			{"lt", "8:1", "8:6"},
			{"ds[1]", "9:28", "9:28"},
		},
	},
	{
		name: "CRLF line endings",
		src:  "a = 1\r\n[t]\r\nb = \"x\" # c\r\n\r\nc = [\r\n 1,\r\n]\r\n",
		want: []at{
			{"a", "1:1", "1:5"},
			{"t", "2:2", "2:1"},
			{"t.b", "3:1", "3:5"},
			{"t.c[0]", "6:2", "6:2"},
		},
	},
	{
		name: "a byte order mark is not counted",
		src:  "\xef\xbb\xbftitle = \"x\"\nb = 1\n",
		want: []at{
			{"title", "1:1", "1:9"},
			{"b", "2:1", "2:5"},
		},
	},
	{
		name: "quoted keys named as the decoder names them",
		src: "\"a.b\" = 1\n" +
			"\"tab\\there\" = 2\n" +
			"\"\" = 3\n" +
			"'q\"uote' = 4\n" +
			"\"\\u00e9t\\u00e9\" = 5\n" +
			"\"plain\" = 6\n",
		want: []at{
			{`"a.b"`, "1:1", "1:9"},
			{`"tab\there"`, "2:1", "2:15"},
			{`""`, "3:1", "3:6"},
			{`"q\"uote"`, "4:1", "4:12"},
			{`"été"`, "5:1", "5:19"},
			{"plain", "6:1", "6:11"},
		},
	},
	{
		name: "no final line break, a comment at the end",
		src:  "a = 1 # c",
		want: []at{{"a", "1:1", "1:5"}},
	},
	{
		name: "a key named twice keeps its first place",
		src:  "a = 1\na = 2\n",
		want: []at{{"a", "1:1", "1:5"}},
		nth:  []nth{{"a", 1, "2:1", "a"}},
	},
}

func TestBuild(t *testing.T) {
	for _, tt := range buildTests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Build([]byte(tt.src))
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			for _, w := range tt.want {
				if k, ok := ix.Key(w.path); !ok || k.String() != w.key {
					t.Errorf("Key(%q) = %v, %v; want %s", w.path, k, ok, w.key)
				}
				if v, ok := ix.Value(w.path); !ok || v.String() != w.value {
					t.Errorf("Value(%q) = %v, %v; want %s", w.path, v, ok, w.value)
				}
			}
			for _, w := range tt.nth {
				k, ok := ix.Nth(w.path, w.n)
				p, pok := ix.Indexed(w.path, w.n)
				if w.key == "" {
					if ok || pok {
						t.Errorf("Nth(%q, %d) = %v, Indexed = %q; want nothing", w.path, w.n, k, p)
					}
					continue
				}
				if !ok || k.String() != w.key {
					t.Errorf("Nth(%q, %d) = %v, %v; want %s", w.path, w.n, k, ok, w.key)
				}
				if !pok || p != w.indexed {
					t.Errorf("Indexed(%q, %d) = %q, %v; want %q", w.path, w.n, p, pok, w.indexed)
				}
			}
			checkIndex(t, []byte(tt.src), ix)
		})
	}
}

func TestPaths(t *testing.T) {
	src := "[[criteria]]\nid = \"1\"\n[[criteria.indicators]]\nid = \"1.1\"\n[[criteria.indicators]]\nid = \"1.2\"\n" +
		"[[criteria]]\nid = \"2\"\nlist = [{a = 1}]\n[[criteria.indicators]]\nid = \"2.1\"\n" +
		"[x.y]\n[x]\n"
	want := []string{
		"criteria", "criteria[0]", "criteria[0].id",
		"criteria[0].indicators", "criteria[0].indicators[0]", "criteria[0].indicators[0].id",
		"criteria[0].indicators[1]", "criteria[0].indicators[1].id",
		"criteria[1]", "criteria[1].id", "criteria[1].list", "criteria[1].list[0]", "criteria[1].list[0].a",
		"criteria[1].indicators", "criteria[1].indicators[0]", "criteria[1].indicators[0].id",
		"x.y", "x",
	}
	ix, err := Build([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Paths(); !slices.Equal(got, want) {
		t.Errorf("Paths:\n got %q\nwant %q", got, want)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		deep            bool
	}{
		{"no value", "a = \n", `1:5: expected a value, found '\n'`, false},
		{"line break in a string", "a = \"unterminated\nb = 1\n", "1:18: line break in a one-line string", false},
		{"unterminated string", "a = 'x", "1:5: unterminated string", false},
		{"unterminated multi-line string", "x = \"\"\"abc\n\"\"", "1:5: unterminated multi-line string", false},
		{"unclosed header", "[a\nb = 1\n", `1:3: expected '.' or ']' in the header, found '\n'`, false},
		{"unclosed array of tables header", "[[a]\n", `1:5: expected ']' to close the [[header]], found '\n'`, false},
		{"unterminated array", "a = [1, 2", "1:5: unterminated array", false},
		{"array without a comma", "a = [1 'x']", "1:8: expected ',' or ']' after an array element, found '\\''", false},
		{"unterminated inline table", "a = {b = 1,\n", "1:5: unterminated inline table", false},
		{"two pairs on a line", "a = 1 b = 2", "1:7: expected the end of the line after a value, found 'b'", false},
		{"text after a header", "[a] b = 1", "1:5: expected the end of the line after a header, found 'b'", false},
		{"no key", "= 1", "1:1: expected a key, found '='", false},
		{"no equals sign", "a 1", "1:3: expected '.' or '=' after a key, found '1'", false},
		{"invalid UTF-8", "a = 1\n\xff = 2", "2:1: expected a key, found byte 0xff", false},
		{"arrays too deep", "a = " + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
			"1:69: nested deeper than 64 levels", true},
		{"inline tables too deep", "a = " + strings.Repeat("{b = ", MaxDepth) + "1" + strings.Repeat("}", MaxDepth),
			"1:321: nested deeper than 64 levels", true},
		{"dotted key too long", strings.Repeat("a.", MaxDepth) + "a = 1", "1:129: nested deeper than 64 levels", true},
		{"header too long", "[" + strings.Repeat("a.", MaxDepth) + "a]", "1:130: nested deeper than 64 levels", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Build([]byte(tt.src))
			if err == nil {
				t.Fatalf("Build(%q) accepted it: %q", tt.src, ix.Paths())
			}
			if err.Error() != tt.want {
				t.Errorf("Build(%q) = %q; want %q", tt.src, err, tt.want)
			}
			if errors.Is(err, ErrTooDeep) != tt.deep {
				t.Errorf("errors.Is(%v, ErrTooDeep) = %v; want %v", err, !tt.deep, tt.deep)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("Build error is a %T, not an *Error", err)
			}
		})
	}
}

func TestMaxDepthAccepted(t *testing.T) {
	src := "a = " + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	ix, err := Build([]byte(src))
	if err != nil {
		t.Fatalf("Build refused %d nested arrays: %v", MaxDepth, err)
	}
	deepest := "a" + strings.Repeat("[0]", MaxDepth-1)
	if v, ok := ix.Value(deepest); !ok || v.Col != 4+MaxDepth {
		t.Errorf("Value(%q) = %v, %v; want 1:%d", deepest, v, ok, 4+MaxDepth)
	}
}

func TestNilIndex(t *testing.T) {
	var ix *Index
	if _, ok := ix.Key("a"); ok {
		t.Error("nil Index has a key")
	}
	if _, ok := ix.Nth("a", 0); ok {
		t.Error("nil Index has an nth key")
	}
	if ix.Paths() != nil {
		t.Error("nil Index has paths")
	}
}
