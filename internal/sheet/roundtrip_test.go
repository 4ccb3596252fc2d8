package sheet

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// exportCSV exports the site's statuses as CSV bytes.
func exportCSV(t *testing.T, site string) []byte {
	t.Helper()
	rows, err := Export(ExportOptions{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExportGolden imports testdata/statuses.csv (Vietnamese headers, semicolons, names
// without codes, some without diacritics, the commune groups of the units it assesses against
// the 2026–2030 set) and compares the export with
// testdata/export.golden.csv. Run with -update to rewrite it.
func TestExportGolden(t *testing.T) {
	site := bareSite(t)
	apply(t, Options{Site: site, File: "testdata/statuses.csv"})
	if errs := checkSite(t, site); errs != "" {
		t.Fatalf("the imported site does not check:\n%s", errs)
	}
	got := exportCSV(t, site)
	golden := filepath.Join("testdata", "export.golden.csv")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (run go test -update):\n%s", golden, got)
	}
}

// TestRoundTrip: export → import changes no byte; importing an exported sheet into a fresh
// copy and exporting again gives the same rows, as CSV and as XLSX.
func TestRoundTrip(t *testing.T) {
	site := bareSite(t)
	apply(t, Options{Site: site, File: "testdata/statuses.csv"})
	exported := exportCSV(t, site)
	dir := t.TempDir()

	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			rows, err := Export(ExportOptions{Site: site})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			write := WriteCSV
			if ext == ".xlsx" {
				write = WriteXLSX
			}
			if err := write(&b, rows); err != nil {
				t.Fatal(err)
			}
			file := writeFile(t, dir, "export"+ext, b.String())

			// Export, then import into the same site: nothing changes.
			before := snapshot(t, site)
			p := apply(t, Options{Site: site, File: file})
			if len(p.Changes) != 0 || p.Same != p.Assessments || p.Assessments != 4 {
				t.Errorf("re-import: %s", p.Summary())
			}
			sameTree(t, before, snapshot(t, site))

			// Import the exported sheet into a fresh copy: it exports the same rows.
			fresh := bareSite(t)
			apply(t, Options{Site: fresh, File: file})
			if got := exportCSV(t, fresh); !bytes.Equal(got, exported) {
				t.Errorf("import → export gives\n%s\nwant\n%s", got, exported)
			}
			for name, b := range snapshot(t, site) {
				if strings.HasPrefix(name, "content/") && readFile(t, fresh, name) != b {
					t.Errorf("%s differs between the site and the copy imported from its export", name)
				}
			}
		})
	}
}

func TestExportProvince(t *testing.T) {
	site := bareSite(t)
	all, err := Export(ExportOptions{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"14", "Sơn La", "tinh son la"} {
		rows, err := Export(ExportOptions{Site: site, Province: p})
		if err != nil || len(rows) != len(all) {
			t.Errorf("-province %q: %d rows, %v; want %d", p, len(rows), err, len(all))
		}
	}
	if _, err := Export(ExportOptions{Site: site, Province: "99"}); err == nil || err.Error() != `-province: no province "99": give its code or its name` {
		t.Errorf("unknown province: %v", err)
	}
}

// TestWriteXLSX: the same rows give the same bytes; the header row is bold and frozen; codes
// stay text and years are numbers.
func TestWriteXLSX(t *testing.T) {
	site := bareSite(t)
	apply(t, Options{Site: site, File: "testdata/statuses.csv"})
	rows, err := Export(ExportOptions{Site: site})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := WriteXLSX(&a, rows); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&b, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same rows differ")
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	panes, err := f.GetPanes(xlsxSheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v: want the first row frozen", panes, err)
	}
	for _, cell := range []string{"A1", "J1"} {
		id, err := f.GetCellStyle(xlsxSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s is not bold", cell)
		}
	}
	if id, _ := f.GetCellStyle(xlsxSheet, "A2"); id != 0 {
		t.Errorf("A2 has style %d, want none", id)
	}
	types := map[string]excelize.CellType{}
	for _, cell := range []string{"A2", "F4"} {
		types[cell], _ = f.GetCellType(xlsxSheet, cell)
	}
	if types["A2"] != excelize.CellTypeSharedString && types["A2"] != excelize.CellTypeInlineString {
		t.Errorf("the code is stored as %v, want text", types["A2"])
	}
	if v, _ := f.GetCellValue(xlsxSheet, "A2"); v != "03646" {
		t.Errorf("A2 = %q, want 03646", v)
	}
	year := ""
	for i, r := range rows[1:] {
		if r[Year] != "" {
			year, _ = excelize.CoordinatesToCellName(int(Year)+1, i+2)
			break
		}
	}
	if year == "" {
		t.Fatal("no row has a year")
	}
	if typ, err := f.GetCellType(xlsxSheet, year); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("year cell %s has type %v, %v; want a number", year, typ, err)
	}
}
