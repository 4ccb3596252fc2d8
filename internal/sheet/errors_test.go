package sheet

import "testing"

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 2: "B", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "a.xlsx", Sheet: "Sheet1", Row: 3, Col: 5, Header: "level", Msg: "bad"}, `a.xlsx: sheet "Sheet1" row 3, column E (level): bad`},
		{Error{File: "a.csv", Row: 3, Col: 28, Header: "mức", Msg: "bad"}, `a.csv: row 3, column AB (mức): bad`},
		{Error{File: "a.csv", Row: 3, Col: 2, Msg: "bad"}, `a.csv: row 3, column B: bad`},
		{Error{File: "a.csv", Row: 1, Msg: "bad"}, `a.csv: row 1: bad`},
		{Error{File: "a.xlsx", Sheet: "S", Msg: "bad"}, `a.xlsx: sheet "S": bad`},
		{Error{File: "a.csv", Msg: "bad"}, `a.csv: bad`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestErrorListSort(t *testing.T) {
	var l ErrorList
	l.Add(Pos{File: "f", Row: 10, Col: 1}, "c")
	l.Add(Pos{File: "f", Row: 2, Col: 9}, "b")
	l.Add(Pos{File: "f", Row: 2, Col: 3}, "a")
	l.Add(Pos{File: "f"}, "whole file")
	l.Sort()
	want := "f: whole file\nf: row 2, column C: a\nf: row 2, column I: b\nf: row 10, column A: c"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var empty ErrorList
	if empty.Err() != nil {
		t.Error("an empty list is an error")
	}
}
