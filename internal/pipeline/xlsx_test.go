package pipeline

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/csvcell"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/sheet"
	"github.com/ntm-atlas/atlas/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// The columns of the table downloads by how a spreadsheet must keep them: codes and dates as
// text (a code's leading zeros, a date's form), counts and years as numbers. A column in
// neither list must be text too.
var (
	xlsxTextColumns   = []string{"code", "province", "now_part_of", "since", "until", "as_of", "data_as_of"}
	xlsxNumberColumns = []string{"criteria_met", "criteria_total", "revoked_year", "formers_eligible", "formers_recognized",
		"level_rank", "year", "month", "revoked_month", "units", "former_units", "count", "total"}
)

// TestXLSXTwins builds the Sơn La fixture and the areas fixture (province 01) and checks that
// every CSV download has an XLSX beside it, and the reverse, whose cells, read by the atlas's
// own XLSX reader (sheet.ReadXLSX), are the CSV's after csvcell.Restore; that no cell is a
// formula; that codes and dates are text cells with their leading zeros (a unit code such as
// 03664, a province code 01) and counts and years numbers; and that the data page links each
// XLSX of the data page's downloads in both languages.
func TestXLSXTwins(t *testing.T) {
	for _, tc := range []struct {
		site string
		// zeros are cells, by column, that must come out with their leading zero
		zeros map[string]string
	}{
		{defaultSite, map[string]string{"code": "03664"}},
		{areasSite, map[string]string{"code": "01001", "province": "01"}},
	} {
		t.Run(filepath.Base(tc.site), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Run(Options{Site: tc.site, Out: out, Cache: testCache}); err != nil {
				t.Fatal(err)
			}
			dir := outFile(out, model.DataDir)
			csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			books, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
			if len(csvs) == 0 {
				t.Fatal("the build wrote no CSV")
			}
			var twins []string
			for _, c := range csvs {
				twins = append(twins, strings.TrimSuffix(c, ".csv")+".xlsx")
			}
			if !slices.Equal(twins, books) {
				t.Errorf("XLSX files %q, want one beside each CSV: %q", books, twins)
			}
			seen := map[string]bool{} // "column value" of the zeros found
			numbers := 0
			for _, c := range csvs {
				name := filepath.Base(c)
				want := readCSVRestored(t, c)
				b, err := os.ReadFile(strings.TrimSuffix(c, ".csv") + ".xlsx")
				if err != nil {
					t.Error(err)
					continue
				}
				tab, err := sheet.ReadXLSX(name, bytes.NewReader(b), int64(len(b)), "", model.Limits{})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if len(tab.Formulas) > 0 {
					t.Errorf("%s: formulas %+v", name, tab.Formulas)
				}
				if len(tab.Rows) != len(want) {
					t.Errorf("%s: %d rows in the XLSX, %d in the CSV", name, len(tab.Rows), len(want))
					continue
				}
				for i, r := range tab.Rows {
					if r.N != i+1 || !slices.Equal(trimEmpty(r.Cells), trimEmpty(want[i])) {
						t.Errorf("%s: XLSX row %d is %q, CSV row %d %q", name, r.N, r.Cells, i+1, want[i])
					}
				}
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				for j, col := range want[0] {
					number := slices.Contains(xlsxNumberColumns, col)
					for i := 1; i < len(want); i++ {
						if j >= len(want[i]) || want[i][j] == "" {
							continue
						}
						ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
						typ, err := f.GetCellType(xlsx.Sheet, ref)
						if err != nil {
							t.Fatal(err)
						}
						isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
						isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
						switch {
						case number && !isNumber:
							t.Errorf("%s %s (%s = %q) is of type %v, want a number", name, ref, col, want[i][j], typ)
						case !number && !isText:
							t.Errorf("%s %s (%s = %q) is of type %v, want text", name, ref, col, want[i][j], typ)
						case number:
							numbers++
						}
						if tc.zeros[col] == want[i][j] && isText {
							seen[col+" "+want[i][j]] = true
						}
					}
				}
				f.Close()
			}
			for col, v := range tc.zeros {
				if !seen[col+" "+v] {
					t.Errorf("no XLSX holds %s %q as text", col, v)
				}
			}
			if numbers == 0 {
				t.Error("no XLSX holds a number")
			}
			for _, page := range []string{model.DataPageDir, model.LanguageDir("en") + model.DataPageDir} {
				html, err := os.ReadFile(outFile(out, page+model.IndexFile))
				if err != nil {
					t.Fatal(err)
				}
				linked := 0
				for _, c := range csvs {
					csvHref := `href="` + pathToRoot(page) + model.DataDir + filepath.Base(c) + `"`
					if !bytes.Contains(html, []byte(csvHref)) {
						continue // a unit's own download, which its page links
					}
					linked++
					if href := strings.TrimSuffix(csvHref, `.csv"`) + `.xlsx"`; !bytes.Contains(html, []byte(href)) {
						t.Errorf("%s links %s but not %s", page, csvHref, href)
					}
				}
				if linked < 3 {
					t.Errorf("%s links %d CSV downloads, want at least the atlas's, the recognitions' and the figures'", page, linked)
				}
			}
		})
	}
}

// pathToRoot is the relative path from the page at p (a folder) to the site's root.
func pathToRoot(p string) string {
	return strings.Repeat("../", strings.Count(path.Clean(p), "/")+1)
}

// readCSVRestored reads a CSV download, undoing its formula guard (csvcell.Restore).
func readCSVRestored(t *testing.T, p string) [][]string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	for _, r := range recs {
		for i := range r {
			r[i] = csvcell.Restore(r[i])
		}
	}
	return recs
}

// trimEmpty is cells without their trailing empty ones, which an XLSX row does not hold.
func trimEmpty(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// TestXLSXLibreOffice converts an XLSX download of the fixture to CSV with LibreOffice,
// and checks that the codes keep their leading zeros there too. CI installs LibreOffice
// (.ci/run); elsewhere the test is skipped without it.
func TestXLSXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("no LibreOffice (soffice) in PATH: CI installs libreoffice-calc-nogui (.ci/run)")
			}
			t.Skip("no LibreOffice (soffice) in PATH: the workbook is not checked with it (apt-get install libreoffice-calc-nogui)")
		}
	}
	out, _ := buildDefault(t)
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, outFile(out, model.DataPath("", "xlsx")))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, b)
	}
	got := readCSVRestored(t, filepath.Join(dir, "atlas.csv"))
	want := readCSVRestored(t, outFile(out, model.DataPath("", "csv")))
	code := slices.Index(want[0], "code")
	if len(got) != len(want) || code < 0 {
		t.Fatalf("LibreOffice's CSV has %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i][code] != want[i][code] {
			t.Errorf("row %d: LibreOffice reads the code %q, want %q", i+1, got[i][code], want[i][code])
		}
	}
}
