package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.toml", Line: 3, Col: 7}, "a.toml:3:7"},
		{Pos{File: "a.toml", Line: 3}, "a.toml:3"},
		{Pos{File: "a.toml"}, "a.toml"},
		{Pos{File: "a.toml", Col: 7}, "a.toml"}, // a column without a line means nothing
		{Pos{File: "content/units/03646.toml", Line: 12, Col: 1}, "content/units/03646.toml:12:1"},
		{Pos{Line: 2, Col: 5}, ":2:5"},
		{Pos{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
			}
		})
	}
}

func TestSeverityString(t *testing.T) {
	if got := Warning.String(); got != "warning" {
		t.Errorf("Warning.String() = %q", got)
	}
	if got := Error.String(); got != "error" {
		t.Errorf("Error.String() = %q", got)
	}
}

func TestDiagnosticError(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{File: "a.toml", Line: 3, Col: 7}, Severity: Error, Msg: "bad"}, "a.toml:3:7: error: bad"},
		{Diagnostic{Pos: Pos{File: "a.toml", Line: 3}, Severity: Warning, Msg: "odd"}, "a.toml:3: warning: odd"},
		{Diagnostic{Pos: Pos{File: "a.toml"}, Severity: Error, Msg: "bad"}, "a.toml: error: bad"},
		{Diagnostic{Pos: Pos{Line: 3, Col: 7}, Severity: Error, Msg: "no file"}, "error: no file"},
		{Diagnostic{Severity: Warning, Msg: "w"}, "warning: w"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.d.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListAdders(t *testing.T) {
	cause := fs.ErrNotExist
	var l List
	l.Errorf(Pos{File: "a", Line: 1, Col: 2}, "bad %s %d", "x", 3)
	l.Warnf(Pos{File: "b"}, "odd %q", "y")
	l.Wrap(Pos{File: "c"}, cause, "cannot read file")
	l.Wrap(Pos{File: "d"}, cause, "")
	l.Append(List{{Pos: Pos{File: "e"}, Severity: Warning, Msg: "appended"}})
	want := []string{
		"a:1:2: error: bad x 3",
		`b: warning: odd "y"`,
		"c: error: cannot read file: file does not exist",
		"d: error: file does not exist",
		"e: warning: appended",
	}
	if got := texts(l); !slices.Equal(got, want) {
		t.Fatalf("list:\n got %q\nwant %q", got, want)
	}
	if !errors.Is(l[2], fs.ErrNotExist) || !errors.Is(l[3], fs.ErrNotExist) {
		t.Errorf("Wrap lost its cause: errors.Is(_, fs.ErrNotExist) is false")
	}
	if l[0].Err != nil || l[0].Unwrap() != nil {
		t.Errorf("Errorf diagnostic has a cause: %v", l[0].Err)
	}
}

func texts(l List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return out
}

func TestListSort(t *testing.T) {
	l := List{
		{Pos: Pos{File: "b.toml", Line: 1, Col: 1}, Severity: Error, Msg: "b1"},
		{Pos: Pos{File: "a.toml", Line: 2, Col: 1}, Severity: Error, Msg: "a2"},
		{Pos: Pos{File: "a.toml", Line: 10, Col: 1}, Severity: Error, Msg: "a10"},
		{Pos: Pos{File: "a.toml", Line: 2, Col: 5}, Severity: Warning, Msg: "w"},
		{Pos: Pos{File: "a.toml", Line: 2, Col: 5}, Severity: Error, Msg: "z"},
		{Pos: Pos{File: "a.toml", Line: 2, Col: 5}, Severity: Error, Msg: "m"},
		{Pos: Pos{File: "a.toml"}, Severity: Warning, Msg: "file only"},
		{Pos: Pos{}, Severity: Error, Msg: "nowhere"},
	}
	l.Sort()
	want := []string{
		"error: nowhere",
		"a.toml: warning: file only",
		"a.toml:2:1: error: a2",
		"a.toml:2:5: error: m",
		"a.toml:2:5: error: z",
		"a.toml:2:5: warning: w",
		"a.toml:10:1: error: a10",
		"b.toml:1:1: error: b1",
	}
	if got := texts(l); !slices.Equal(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
}

func TestFilters(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a"}, "w1")
	l.Errorf(Pos{File: "b"}, "e1")
	l.Warnf(Pos{File: "c"}, "w2")
	l.Errorf(Pos{File: "d"}, "e2")
	if got, want := texts(l.Errors()), []string{"b: error: e1", "d: error: e2"}; !slices.Equal(got, want) {
		t.Errorf("Errors() = %q, want %q", got, want)
	}
	if got, want := texts(l.Warnings()), []string{"a: warning: w1", "c: warning: w2"}; !slices.Equal(got, want) {
		t.Errorf("Warnings() = %q, want %q", got, want)
	}
	var empty List
	if empty.Errors() != nil || empty.Warnings() != nil {
		t.Errorf("filters of an empty list are not nil")
	}
}

func TestListError(t *testing.T) {
	var l List
	if got := l.Error(); got != "" {
		t.Errorf("empty List.Error() = %q", got)
	}
	l.Errorf(Pos{File: "a", Line: 1}, "one")
	l.Warnf(Pos{File: "b"}, "two")
	if got, want := l.Error(), "a:1: error: one\nb: warning: two"; got != want {
		t.Errorf("List.Error() = %q, want %q", got, want)
	}
}

func TestErr(t *testing.T) {
	var none List
	if err := none.Err(); err != nil {
		t.Errorf("empty list: Err() = %v, want nil", err)
	}
	var warns List
	warns.Warnf(Pos{File: "a"}, "w1")
	warns.Warnf(Pos{File: "b"}, "w2")
	if err := warns.Err(); err != nil {
		t.Errorf("warnings only: Err() = %v, want nil", err)
	}

	var l List
	l.Errorf(Pos{File: "z", Line: 1}, "last")
	l.Warnf(Pos{File: "a"}, "dropped")
	l.Errorf(Pos{File: "b", Line: 2}, "first")
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with errors in the list")
	}
	if got, want := err.Error(), "b:2: error: first\nz:1: error: last"; got != want {
		t.Errorf("Err().Error() = %q, want %q", got, want)
	}
	// Err sorts a copy of the errors: the list itself keeps its order.
	if got, want := texts(l), []string{"z:1: error: last", "a: warning: dropped", "b:2: error: first"}; !slices.Equal(got, want) {
		t.Errorf("list after Err() = %q, want %q", got, want)
	}
}

func TestAsList(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a", Line: 1, Col: 1}, "bad")
	l.Errorf(Pos{File: "b"}, "worse")
	wrapped := fmt.Errorf("build: %w", l.Err())
	got, ok := AsList(wrapped)
	if !ok {
		t.Fatalf("AsList(%v) failed", wrapped)
	}
	if want := []string{"a:1:1: error: bad", "b: error: worse"}; !slices.Equal(texts(got), want) {
		t.Errorf("AsList = %q, want %q", texts(got), want)
	}
	twice := fmt.Errorf("outer: %w", wrapped)
	if got, ok := AsList(twice); !ok || len(got) != 2 {
		t.Errorf("AsList through two wraps = %v, %v", got, ok)
	}

	for _, err := range []error{nil, errors.New("plain"), fmt.Errorf("x: %w", fs.ErrNotExist)} {
		if got, ok := AsList(err); ok || got != nil {
			t.Errorf("AsList(%v) = %v, %v; want nil, false", err, got, ok)
		}
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\ncde\n\nf")
	tests := []struct {
		offset      int64
		line, col   int
		description string
	}{
		{0, 1, 1, "start"},
		{1, 1, 2, "b"},
		{2, 1, 3, "first newline"},
		{3, 2, 1, "c"},
		{5, 2, 3, "e"},
		{6, 2, 4, "second newline"},
		{7, 3, 1, "empty line"},
		{8, 4, 1, "f"},
		{9, 4, 2, "end"},
		{10, 4, 2, "one beyond end"},
		{1000, 4, 2, "far beyond end"},
		{-1, 1, 1, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.description, func(t *testing.T) {
			line, col := LineCol(src, tt.offset)
			if line != tt.line || col != tt.col {
				t.Errorf("LineCol(%q, %d) = %d:%d, want %d:%d", src, tt.offset, line, col, tt.line, tt.col)
			}
		})
	}
	if line, col := LineCol(nil, 5); line != 1 || col != 1 {
		t.Errorf("LineCol(nil, 5) = %d:%d, want 1:1", line, col)
	}
	if line, col := LineCol([]byte("a\r\nb"), 3); line != 2 || col != 1 {
		t.Errorf("LineCol CRLF = %d:%d, want 2:1", line, col)
	}
}
