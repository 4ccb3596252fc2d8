package xlsx

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// hostileCols and hostileRows are a table of the texts a spreadsheet gets wrong when it is
// written carelessly: codes with leading zeros, formulas, XML's special characters,
// Vietnamese (NFC), emoji, white space at the ends, control characters, what looks like an
// OOXML escape, bytes that are not UTF-8, texts longer than a cell holds, and numbers at the
// edge of what a spreadsheet holds exactly.
var (
	hostileCols = []Column{{Name: "code", Width: 8}, {Name: "count", Kind: Number}, {Name: "note <&>", Width: 40}}
	hostileRows = [][]string{
		{"01392", "3", "Thành phố Hồ Chí Minh — Nguyễn Thị Ánh, Đắk Lắk"},
		{"007", "007", "=1+2"},
		{"=HYPERLINK(\"https://evil.example/\",\"x\")", "-12", "+84 912 345 678"},
		{`<&>"'`, "1e5", "@SUM(A1)"},
		{"🌾👩‍🌾", "999999999999999", "-2+3"},
		{"a\x01b\x1fc", "1234567890123456", "\x00"},
		{"tab\tand\nline", "", "CR\rLF"},
		{" lead and trail ", "0", "_x0041_ and _x005F_ and _X0041_"},
		{"bad\xffutf-8", "-0", "\uFFFE\uFFFF\u2028\u0085\u007f"},
		{strings.Repeat("ắ", MaxText+100), "", strings.Repeat("x", MaxText-1) + "😀"},
		{},
		{"", "", "", "beyond the columns", "42"},
	}
)

// written is what a reader must read back of the cell text v: v with each byte that is not
// UTF-8 as U+FFFD, cut to MaxText UTF-16 code units at a character's end.
func written(v string) string {
	var b strings.Builder
	units := 0
	for _, r := range v { // a byte that is not UTF-8 comes as U+FFFD
		u := utf16Len(r)
		if units+u > MaxText {
			break
		}
		units += u
		b.WriteRune(r)
	}
	return b.String()
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// number reports whether a cell of kind k holding v is written as a number.
func number(k Kind, v string) bool { return k == Number && isInteger(v) }

// kindAt is the kind of column j of cols, Text beyond them.
func kindAt(cols []Column, j int) Kind {
	if j < len(cols) {
		return cols[j].Kind
	}
	return Text
}

// checkExcelize reads the workbook b with excelize and checks that each cell of cols and
// rows reads back as written says, typed as its column's Kind says, and that no other cell
// holds a value.
func checkExcelize(t *testing.T, b []byte, cols []Column, rows [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if names := f.GetSheetList(); len(names) != 1 || names[0] != Sheet {
		t.Errorf("sheets %q, want only %q", names, Sheet)
	}
	table := append([][]string{make([]string, len(cols))}, rows...)
	for j, c := range cols {
		table[0][j] = c.Name
	}
	got, err := f.GetRows(Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range max(len(got), len(table)) {
		var want, have []string
		if i < len(table) {
			want = table[i]
		}
		if i < len(got) {
			have = got[i]
		}
		for j := range max(len(want), len(have)) {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			v, g := "", ""
			if j < len(want) {
				v = want[j]
			}
			if j < len(have) {
				g = have[j]
			}
			if g != written(v) {
				t.Errorf("%s = %.40q (%d bytes), want %.40q (%d bytes)", ref, g, len(g), written(v), len(written(v)))
			}
			if v == "" {
				continue
			}
			typ, err := f.GetCellType(Sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			kind := kindAt(cols, j)
			if i == 0 {
				kind = Text
			}
			isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
			if isNumber != number(kind, v) || !isNumber && typ != excelize.CellTypeInlineString {
				t.Errorf("%s (%.20q) is of type %v, want a number: %v", ref, v, typ, number(kind, v))
			}
			if fx, _ := f.GetCellFormula(Sheet, ref); fx != "" {
				t.Errorf("%s holds the formula %q", ref, fx)
			}
		}
	}
}

// TestRoundTrip: a table of hostile texts reads back through excelize as written, each
// cell of its type; the header is bold and frozen and the widths are kept.
func TestRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, hostileCols, hostileRows, Options{}); err != nil {
		t.Fatal(err)
	}
	checkExcelize(t, b.Bytes(), hostileCols, hostileRows)
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for j, c := range hostileCols {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if w, _ := f.GetColWidth(Sheet, name); c.Width > 0 && w != c.Width {
			t.Errorf("column %s is %v wide, want %v", name, w, c.Width)
		}
		id, _ := f.GetCellStyle(Sheet, name+"1")
		if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s1 is not bold", name)
		}
	}
	if panes, err := f.GetPanes(Sheet); err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
	}
	if w := written(hostileRows[9][0]); utf8.RuneCountInString(w) != MaxText {
		t.Errorf("a long text of one-unit characters is cut to %d characters, want %d", utf8.RuneCountInString(w), MaxText)
	}
	if w := written(hostileRows[9][2]); strings.HasSuffix(w, "😀") || len(w) != MaxText-1 {
		t.Errorf("a surrogate pair across the limit is kept (%d bytes), want it left out", len(w))
	}
}

// TestWriteEmpty: a table without columns or rows is a workbook of one empty worksheet.
func TestWriteEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		cols []Column
		rows [][]string
	}{
		{"nothing", nil, nil},
		{"unnamed columns", []Column{{}, {Width: 9}}, [][]string{{}, {""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.cols, tc.rows, Options{}); err != nil {
				t.Fatal(err)
			}
			checkExcelize(t, b.Bytes(), tc.cols, tc.rows)
		})
	}
}

// TestLibreOffice converts the hostile table's workbook to CSV with LibreOffice,
// and checks that it reads every cell back as written, numbers as numbers. CI installs
// LibreOffice (.ci/run: libreoffice-calc-nogui); elsewhere the test is skipped without it.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("no LibreOffice (soffice) in PATH: CI installs libreoffice-calc-nogui (.ci/run)")
			}
			t.Skip("no LibreOffice (soffice) in PATH: the workbook is not checked with it (apt-get install libreoffice-calc-nogui)")
		}
	}
	dir := t.TempDir()
	var b bytes.Buffer
	if err := Write(&b, hostileCols, hostileRows, Options{}); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "hostile.xlsx")
	if err := os.WriteFile(book, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// 44,34,76: comma-separated, double quotes, UTF-8. A number is written as its cell
	// shows it ("Format as shown", on by default), so a text "007" keeps its zeros and a
	// number has none.
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "hostile.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{nil}
	for _, c := range hostileCols {
		want[0] = append(want[0], c.Name)
	}
	want = append(want, hostileRows...)
	if len(got) != len(want) {
		t.Fatalf("LibreOffice reads %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		cells := trimRight(got[i])
		if len(cells) != len(trimRight(want[i])) {
			t.Errorf("row %d: LibreOffice reads %d cells %.60q, want %d", i+1, len(cells), cells, len(trimRight(want[i])))
			continue
		}
		for j, c := range cells {
			// LibreOffice writes a cell's CR LF as LF.
			if w := written(want[i][j]); strings.ReplaceAll(w, "\r\n", "\n") != c {
				t.Errorf("row %d, column %d: LibreOffice reads %.40q (%d bytes), want %.40q (%d bytes)", i+1, j+1, c, len(c), w, len(w))
			}
		}
	}
}

// trimRight is cells without their trailing empty ones.
func trimRight(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// FuzzWrite writes a table of fuzzed cells, a header and two rows of three columns (text,
// number, text) and a cell beyond them, and reads it back with excelize: each cell as
// written says, of the type its column's Kind says, and the same table gives the same
// bytes.
func FuzzWrite(f *testing.F) {
	for _, r := range hostileRows {
		r = append(r, "", "", "", "")
		if len(r[0])+len(r[2]) > 1000 {
			continue // a long text is TestRoundTrip's: it would slow the fuzzer down
		}
		f.Add(r[0], r[1], r[2], r[3], "x")
	}
	f.Add("_x005F_x0041_", "-9", "_x", "\r\n", "_x00411_")
	f.Fuzz(func(t *testing.T, a, n, c, d, h string) {
		cols := []Column{{Name: h}, {Name: "n", Kind: Number}, {Name: c, Width: 12}}
		rows := [][]string{{a, n, c, d}, {d, a, n}}
		var b1, b2 bytes.Buffer
		if err := Write(&b1, cols, rows, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b2, cols, rows, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Error("two writes of the same table differ")
		}
		checkExcelize(t, b1.Bytes(), cols, rows)
	})
}
