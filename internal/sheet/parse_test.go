package sheet

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestReadCSVSeparatorsAndBOM(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]string
	}{
		{"comma", "code,level\n03664,standard\n", [][]string{{"code", "level"}, {"03664", "standard"}}},
		{"semicolon", "code;level\n03664;standard\n", [][]string{{"code", "level"}, {"03664", "standard"}}},
		{"tab", "code\tlevel\n03664\tstandard\n", [][]string{{"code", "level"}, {"03664", "standard"}}},
		{"bom", utf8BOM + "code;level\r\n03664;standard\r\n", [][]string{{"code", "level"}, {"03664", "standard"}}},
		{"quoted separators do not count", "\"a;b;c\",level\n1,2\n", [][]string{{"a;b;c", "level"}, {"1", "2"}}},
		{"comma inside a semicolon file", "code;criteria_met\n03664;1, 2\n", [][]string{{"code", "criteria_met"}, {"03664", "1, 2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := ReadCSV("x.csv", []byte(tt.in), model.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, r := range tb.Rows {
				got = append(got, r.Cells)
			}
			if !equalRows(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadCSVRowNumbers(t *testing.T) {
	// A quoted cell over two lines is one row; blank rows are skipped but counted.
	tb, err := ReadCSV("x.csv", []byte("code,note\n\n03664,\"two\nlines\"\n03670,x\n"), model.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var ns []int
	for _, r := range tb.Rows {
		ns = append(ns, r.N)
	}
	if want := []int{1, 2, 3}; !equalInts(ns, want) {
		// encoding/csv skips empty lines: the blank line is no record.
		t.Errorf("row numbers %v, want %v", ns, want)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"code,level\n03664,\"stand\"ard\n", `x.csv: row 2: invalid CSV: extraneous or missing " in quoted-field (line 2, column 13)`},
		{"code,level\n\xff\n", `x.csv: line 2 is not UTF-8: save the file as "CSV UTF-8"`},
	}
	for _, tt := range tests {
		_, err := ReadCSV("x.csv", []byte(tt.in), model.Limits{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("ReadCSV(%q): %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestParseHeaders(t *testing.T) {
	tests := []struct {
		name, head string
		want       []Column // the columns found, in order
		errs       string
	}{
		{"english", "code,name,province,criteria_set,level,year,criteria_met,source_url,as_of,note", []Column{Code, Name, Province, CriteriaSet, Level, Year, CriteriaMet, SourceURL, AsOf, Note}, ""},
		{"vietnamese", "Mã,Tên,Tỉnh,Bộ tiêu chí,Mức,Năm,Số tiêu chí đạt,Nguồn,Ngày số liệu,Ghi chú", []Column{Code, Name, Province, CriteriaSet, Level, Year, CriteriaMet, SourceURL, AsOf, Note}, ""},
		{"folded and spaced", "MA, ten ,BO TIEU CHI,muc,ngay-so-lieu,Criteria Set", nil, `x.csv: row 1, column F: column "Criteria Set" repeats column C (BO TIEU CHI)`},
		{"decomposed", "ma\u0303,mu\u031bc", []Column{Code, Level}, ""},
		{"unknown", "code,levle", nil, `x.csv: row 1: no "level" (mức) column` + "\n" + `x.csv: row 1, column B: unknown column "levle": the columns are code (mã), name (tên), province (tỉnh), group (nhóm), criteria_set (bộ tiêu chí), level (mức), year (năm), criteria_met (số tiêu chí đạt), source_url (nguồn), as_of (ngày số liệu), note (ghi chú)`},
		{"no unit column", "level,as_of", nil, `x.csv: row 1: no "code" (mã) or "name" (tên) column: each row must name its unit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := ReadCSV("x.csv", []byte(tt.head+"\n"), model.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			_, errs := Parse(tb)
			errs.Sort()
			if got := errs.Error(); got != tt.errs {
				t.Errorf("errors:\n%s\nwant\n%s", got, tt.errs)
			}
			if tt.want == nil {
				return
			}
			tb.Rows = append(tb.Rows, Row{N: 2, Cells: strings.Split(strings.Repeat("x,", len(tt.want)-1)+"x", ",")})
			recs, _ := Parse(tb)
			for _, c := range tt.want {
				if recs[0].Cells[c] != "x" {
					t.Errorf("column %s not found", c.Header())
				}
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		asOf, year, met string
		serial          bool
		wantDate        time.Time
		wantMet         []string
		all             bool
		err             string
	}{
		{asOf: "2026-12-31", wantDate: d(2026, 12, 31)},
		{asOf: "31/12/2026", wantDate: d(2026, 12, 31)},
		{asOf: "1.7.2026", wantDate: d(2026, 7, 1)},
		{asOf: "2026-12-31 00:00:00", wantDate: d(2026, 12, 31)},
		{asOf: "46387", serial: true, wantDate: d(2026, 12, 31)},
		{asOf: "46387", err: `x: row 2, column A (as_of): as_of "46387" is not a date: write 2026-12-31 or 31/12/2026`},
		{asOf: "12/31/2026", err: `x: row 2, column A (as_of): as_of "12/31/2026" is not a day of the calendar`},
		{asOf: "2026-02-30", err: `x: row 2, column A (as_of): as_of "2026-02-30" is not a day of the calendar`},
		{asOf: "2026-12-31", year: "2025", wantDate: d(2026, 12, 31), err: `x: row 2, column B (year): year 2025 differs from the year of as_of 2026-12-31`},
		{year: "hai nghìn", err: `x: row 2, column B (year): year "hai nghìn" is not a year like 2026`},
		{met: "1, 2;3 4", wantMet: []string{"1", "2", "3", "4"}},
		{met: "Tất cả", all: true},
		{met: "ALL", all: true},
	}
	for _, tt := range tests {
		tb := &Table{File: "x", Serial: tt.serial, Rows: []Row{
			{N: 1, Cells: []string{"as_of", "year", "criteria_met", "code", "level"}},
			{N: 2, Cells: []string{tt.asOf, tt.year, tt.met, "03664", "standard"}},
		}}
		recs, errs := Parse(tb)
		if got := errs.Error(); got != tt.err {
			t.Errorf("%+v: errors %q, want %q", tt, got, tt.err)
		}
		r := recs[0]
		if !r.AsOf.Equal(tt.wantDate) || r.All != tt.all || strings.Join(r.CriteriaMet, "|") != strings.Join(tt.wantMet, "|") {
			t.Errorf("%+v: got date %v, met %q, all %v", tt, r.AsOf, r.CriteriaMet, r.All)
		}
	}
}

func TestParseStrayCells(t *testing.T) {
	tb, _ := ReadCSV("x.csv", []byte("code,,level\n03664,oops,standard,extra\n"), model.Limits{})
	_, errs := Parse(tb)
	want := "x.csv: row 2, column B: cell \"oops\" stands in a column without a header\nx.csv: row 2, column D: cell \"extra\" stands in a column without a header"
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzReadCSV feeds arbitrary bytes to the CSV reader and the row parser: neither may panic,
// and every error must carry the file's name.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("code,level,as_of\n03664,standard,2026-12-31\n"))
	f.Add([]byte(utf8BOM + "mã;mức;ngày số liệu;số tiêu chí đạt\n03664;standard;31/12/2026;\"1, 2\"\n"))
	f.Add([]byte("a\tb\n\"x\ny\"\t\n"))
	f.Add([]byte("code,level\n\"unterminated\n"))
	f.Add([]byte(",,,\n,,,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadCSV("f.csv", data, model.Limits{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv: ") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		_, errs := Parse(tb)
		for _, e := range errs {
			if e.File != "f.csv" || (e.Col > 0 && e.Row == 0) {
				t.Fatalf("misplaced error: %+v", e)
			}
		}
	})
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
