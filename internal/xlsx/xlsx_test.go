package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// cell is one cell of a worksheet as stored in its XML: its type attribute, value (an inline
// string's text once read) and formula.
type cell struct {
	Ref string `xml:"r,attr"`
	T   string `xml:"t,attr"`
	V   string `xml:"v"`
	F   *struct {
		Text string `xml:",chardata"`
	} `xml:"f"`
	Inline string `xml:"is>t"`
}

// readCells reads the cells of the one worksheet of the workbook b straight from its XML, not
// through excelize, with each string's text as its value: an inline string's, or a shared
// string's in place of its index.
func readCells(t *testing.T, b []byte) map[string]cell {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	part := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				data, err := io.ReadAll(r)
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
		}
		return nil
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if data := part("xl/sharedStrings.xml"); data != nil {
		if err := xml.Unmarshal(data, &sst); err != nil {
			t.Fatal(err)
		}
	}
	var ws struct {
		Rows []struct {
			Cells []cell `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(part("xl/worksheets/sheet1.xml"), &ws); err != nil {
		t.Fatal(err)
	}
	cells := map[string]cell{}
	for _, r := range ws.Rows {
		for _, c := range r.Cells {
			if c.T == "inlineStr" {
				c.V = c.Inline
			}
			if c.T == "s" {
				i, err := strconv.Atoi(c.V)
				if err != nil || i >= len(sst.SI) {
					t.Fatalf("cell %s: shared string %q of %d", c.Ref, c.V, len(sst.SI))
				}
				c.V = sst.SI[i].T
			}
			cells[c.Ref] = c
		}
	}
	return cells
}

// TestWriteKinds: each cell is stored as its column's kind says, a Number column's
// non-integers as text; no cell is a formula, whatever it begins with, so the workbook needs
// no formula guard; empty cells are left out.
func TestWriteKinds(t *testing.T) {
	cols := []Column{{Name: "code"}, {Name: "count", Kind: Number}, {Name: "note"}}
	for _, tc := range []struct {
		name string
		row  []string
		want map[string]cell // by reference; T "" is a number
	}{
		{"a code keeps its zeros", []string{"01392", "3", "Xã Một"},
			map[string]cell{"A2": {T: "inlineStr", V: "01392"}, "B2": {V: "3"}, "C2": {T: "inlineStr", V: "Xã Một"}}},
		{"a province code", []string{"04", "-12", "2025-07-01"},
			map[string]cell{"A2": {T: "inlineStr", V: "04"}, "B2": {V: "-12"}, "C2": {T: "inlineStr", V: "2025-07-01"}}},
		{"a number column's other texts are text", []string{"1", "007", "1e5"},
			map[string]cell{"A2": {T: "inlineStr", V: "1"}, "B2": {T: "inlineStr", V: "007"}, "C2": {T: "inlineStr", V: "1e5"}}},
		{"a number column's non-number", []string{"x", "12 of 30", ""},
			map[string]cell{"A2": {T: "inlineStr", V: "x"}, "B2": {T: "inlineStr", V: "12 of 30"}}},
		{"formula-like texts are text", []string{"=1+2", "+84 912", "@SUM(A1)"},
			map[string]cell{"A2": {T: "inlineStr", V: "=1+2"}, "B2": {T: "inlineStr", V: "+84 912"}, "C2": {T: "inlineStr", V: "@SUM(A1)"}}},
		{"a hyperlink formula", []string{`=HYPERLINK("https://evil.example/","x")`, "-2+3", "'=1"},
			map[string]cell{"A2": {T: "inlineStr", V: `=HYPERLINK("https://evil.example/","x")`}, "B2": {T: "inlineStr", V: "-2+3"}, "C2": {T: "inlineStr", V: "'=1"}}},
		{"a number of 15 digits", []string{"", "-999999999999999", ""},
			map[string]cell{"B2": {V: "-999999999999999"}}},
		{"minus zero is text", []string{"", "-0", ""},
			map[string]cell{"B2": {T: "inlineStr", V: "-0"}}},
		{"a number of 16 digits is text", []string{"", "1234567890123456", ""},
			map[string]cell{"B2": {T: "inlineStr", V: "1234567890123456"}}},
		{"cells beyond the columns are text", []string{"", "", "", "42"},
			map[string]cell{"D2": {T: "inlineStr", V: "42"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, cols, [][]string{tc.row}, Options{}); err != nil {
				t.Fatal(err)
			}
			got := readCells(t, b.Bytes())
			for ref, c := range got {
				if c.F != nil {
					t.Errorf("%s holds the formula %q", ref, c.F.Text)
				}
				if strings.HasSuffix(ref, "1") {
					if c.T != "inlineStr" || c.V != cols[ref[0]-'A'].Name {
						t.Errorf("header %s = %+v, want the text %q", ref, c, cols[ref[0]-'A'].Name)
					}
					continue
				}
				want, ok := tc.want[ref]
				if !ok {
					t.Errorf("%s = %+v, want no cell", ref, c)
					continue
				}
				if c.T != want.T || c.V != want.V {
					t.Errorf("%s = type %q %q, want type %q %q", ref, c.T, c.V, want.T, want.V)
				}
			}
			for ref := range tc.want {
				if _, ok := got[ref]; !ok {
					t.Errorf("%s is missing", ref)
				}
			}
		})
	}
}

// TestWriteReproducible: the same table and time give the same bytes; every zip entry
// carries the time (the DOS epoch when none is given), and so do the document's properties.
func TestWriteReproducible(t *testing.T) {
	cols := []Column{{Name: "code", Width: 8}, {Name: "year", Kind: Number}}
	rows := [][]string{{"03664", "2020"}, {"04075", ""}}
	for _, tc := range []struct {
		name string
		t    time.Time
		want time.Time
	}{
		{"no time", time.Time{}, time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"the data's date", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)},
		{"a time elsewhere is written in UTC", time.Date(2026, 11, 28, 7, 0, 0, 0, time.FixedZone("ICT", 7*3600)), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Write(&a, cols, rows, Options{Time: tc.t}); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, cols, rows, Options{Time: tc.t}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes of the same table differ")
			}
			zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if !f.Modified.Equal(tc.want) {
					t.Errorf("%s is dated %v, want %v", f.Name, f.Modified, tc.want)
				}
			}
			f, err := excelize.OpenReader(&a)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if stamp := tc.want.Format(time.RFC3339); props.Created != stamp || props.Modified != stamp {
				t.Errorf("created %s, modified %s; want %s", props.Created, props.Modified, stamp)
			}
			panes, err := f.GetPanes(Sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
			}
			for _, ref := range []string{"A1", "B1"} {
				id, _ := f.GetCellStyle(Sheet, ref)
				if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
					t.Errorf("%s is not bold", ref)
				}
			}
			if id, _ := f.GetCellStyle(Sheet, "A2"); id != 0 {
				t.Errorf("A2 has style %d, want none", id)
			}
			if w, _ := f.GetColWidth(Sheet, "A"); w != 8 {
				t.Errorf("column A is %v wide, want 8", w)
			}
		})
	}
}

// TestWriteTooLarge: a table with a cell beyond the last row or column a worksheet has
// fails, and writes nothing; empty cells beyond them are left out as anywhere.
func TestWriteTooLarge(t *testing.T) {
	wide := make([]string, MaxColumns+1)
	long := make([][]string, MaxRows)
	for _, tc := range []struct {
		name  string
		rows  [][]string
		fails bool
	}{
		{"the last column", [][]string{append(wide[:MaxColumns-1:MaxColumns-1], "x")}, false},
		{"a column too many", [][]string{append(wide[:MaxColumns:MaxColumns], "x")}, true},
		{"empty cells beyond the last column", [][]string{wide}, false},
		{"the last row", append(long[:MaxRows-2:MaxRows-2], []string{"x"}), false},
		{"a row too many", append(long[:MaxRows-1:MaxRows-1], []string{"x"}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, []Column{{Name: "a"}}, tc.rows, Options{})
			if (err != nil) != tc.fails || tc.fails && b.Len() > 0 {
				t.Errorf("Write = %v after %d bytes, want failure %v and nothing written then", err, b.Len(), tc.fails)
			}
		})
	}
}
