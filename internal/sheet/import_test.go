package sheet

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/model"
)

const fixture = "../../testdata/son-la"

// copySite copies the Sơn La fixture site into a temporary folder, each unit with a status
// file in commune group 2, so that the tests can import assessments against the 2026–2030
// set, which judges each group by its own targets (the fixture gives no groups).
func copySite(t *testing.T) string {
	t.Helper()
	site := bareSite(t)
	units, err := filepath.Glob(filepath.Join(site, "content", "units", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range units {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if b, err = contentfile.SetGroup(b, "2"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// bareSite copies the Sơn La fixture site as it is into a temporary folder.
func bareSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return site
}

// snapshot returns every file below dir and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree fails the test where the two snapshots differ.
func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if a != b {
			t.Errorf("%s changed:\n%s", p, a)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was added", p)
		}
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// importErrors runs an import that must fail on the sheet's rows and returns its errors.
func importErrors(t *testing.T, opts Options) string {
	t.Helper()
	_, err := Import(opts)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	return strings.ReplaceAll(list.Error(), opts.File, "FILE")
}

// apply imports and writes, failing the test on any error.
func apply(t *testing.T, opts Options) *Plan {
	t.Helper()
	p, err := Import(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(opts.Site); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCSVErrors(t *testing.T) {
	site := copySite(t)
	csv := writeFile(t, t.TempDir(), "statuses.csv", utf8BOM+strings.Join([]string{
		"mã;tên;tỉnh;bộ tiêu chí;mức;năm;số tiêu chí đạt;nguồn;ngày số liệu;ghi chú",
		"03664;;;2026-2030;standard;;tất cả;https://example.org/1;31/12/2026;",
		";chieng coi;;2026-2030;in-progress;;1, 2;;2026-06-30;",
		"03670;Mường La;;2026-2030;standard;;;;2026-12-31;",
		"99999;;;2026-2030;standard;;;;2026-12-31;",
		"03679;;;2026-2030;standart;;;;2026-12-31;",
		"03688;;;2026-2030;in-progress;2025;;;2026-12-31;",
		"03694;;;2026-2030;in-progress;;1, 99;ftp://x;2026-12-31;",
		"03703;;;2026-2030;in-progress;;;;2026-13-01;",
		"03712;;;2099-2100;standard;;;;2026-12-31;",
		";Mường Sại;15;2026-2030;standard;;;;2026-12-31;",
		"03664;;;2026-2030;standard;;;;2026-12-31;",
		"03712;;;2026-2030;standard;;;;;",
		"03712;;;2026-2030;standard;;1;https://example.org/;2026-12-31;x;extra",
		"03721;;;2026-2030;in-progress;;;;2027-01-01;",
		"03724;;;2026-2030;in-progress;;;;2025-12-31;",
	}, "\r\n")+"\r\n")
	before := snapshot(t, site)
	ref := model.Reference{Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), From: "the test"}
	got := importErrors(t, Options{Site: site, File: csv, Reference: ref})
	want := strings.Join([]string{
		`FILE: row 4, column B (tên): unit 03670 is Phường Chiềng Cơi, not "Mường La"`,
		`FILE: row 5, column A (mã): no current unit with code "99999"`,
		`FILE: row 6, column E (mức): level "standart" is not a level of criteria set 2026-2030 (levels: not-started, in-progress, standard, modern)`,
		`FILE: row 7, column F (năm): year 2025 differs from the year of as_of 2026-12-31`,
		`FILE: row 8, column G (số tiêu chí đạt): criterion "99" is not in criteria set 2026-2030`,
		`FILE: row 8, column H (nguồn): source_url "ftp://x" must be an absolute http(s) URL`,
		`FILE: row 9, column I (ngày số liệu): as_of "2026-13-01" is not a day of the calendar`,
		`FILE: row 10, column D (bộ tiêu chí): criteria_set "2099-2100": no such set in content/criteria`,
		`FILE: row 11, column C (tỉnh): no province "15": give its code or its name`,
		`FILE: row 12, column I (ngày số liệu): row 2 already gives 03664's assessment against 2026-2030 as of 2026-12-31`,
		`FILE: row 13, column I (ngày số liệu): as_of is blank, and 03712 has no assessment at level "standard" of set 2026-2030 to update: give the date`,
		`FILE: row 14, column E (mức): level "standard" needs all 10 criteria of set 2026-2030, but criteria_met lists 1`,
		`FILE: row 14, column K: cell "extra" stands in a column without a header`,
		`FILE: row 15, column I (ngày số liệu): as_of 2027-01-01 is after the build's reference date 2026-12-31 (the test)`,
		`FILE: row 16, column I (ngày số liệu): as_of 2025-12-31 is outside criteria set 2026-2030 (2026–2030)`,
	}, "\n")
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	sameTree(t, before, snapshot(t, site))
}

func TestImportXLSXErrors(t *testing.T) {
	site := copySite(t)
	rows := [][]any{
		{"code", "name", "province", "criteria_set", "level", "year", "criteria_met", "source_url", "as_of", "note"},
		{3664, nil, 14, "2026-2030", "in-progress", 2026, nil, nil, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), nil},
		{nil, "Xã Không Có", nil, "2026-2030", "in-progress", nil, nil, nil, "2026-06-30", nil},
		nil, // an empty row still counts
		{"03670", nil, nil, "2026-2030", "dat chuan", nil, nil, nil, "2026-06-30", nil},
		{"03679", "Chiềng Sinh", "Sơn La", "2026-2030", "standard", nil, nil, "https://example.org/x", 46387.5, "giữa ngày"},
	}
	file := filepath.Join(t.TempDir(), "statuses.xlsx")
	saveXLSX(t, file, rows)
	before := snapshot(t, site)
	got := importErrors(t, Options{Site: site, File: file, Sheet: "Statuses"})
	want := strings.Join([]string{
		`FILE: sheet "Statuses" row 3, column B (name): no current unit named "Xã Không Có"`,
		`FILE: sheet "Statuses" row 5, column E (level): level "dat chuan" is not a level of criteria set 2026-2030 (levels: not-started, in-progress, standard, modern)`,
	}, "\n")
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	sameTree(t, before, snapshot(t, site))

	if got := importErrors(t, Options{Site: site, File: file}); !strings.Contains(got, `FILE: sheet "Ghi chú": the sheet is empty`) {
		t.Errorf("the first sheet is read by default: %s", got)
	}
	_, err := Import(Options{Site: site, File: file, Sheet: "Nope"})
	if err == nil || err.Error() != file+`: no sheet "Nope" (sheets: "Ghi chú", "Statuses")` {
		t.Errorf("unknown sheet: %v", err)
	}

	// The good rows import, the date serials read as dates, the code 3664 as 03664.
	rows[2][1], rows[4][4] = "Mường Chiên", "standard"
	saveXLSX(t, file, rows)
	apply(t, Options{Site: site, File: file, Sheet: "Statuses"})
	if got := readFile(t, site, "content/units/03664.toml"); !strings.HasSuffix(got, "\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-06-30\nlevel = \"in-progress\"\n") {
		t.Errorf("03664:\n%s", got)
	}
	if got := readFile(t, site, "content/units/03679.toml"); !strings.Contains(got, "as_of = 2026-12-31\nlevel = \"standard\"\nsource_url = \"https://example.org/x\"\nnote = \"giữa ngày\"\n") {
		t.Errorf("03679:\n%s", got)
	}
}

// TestMerge checks the merge rules on a unit file written by hand: the part before the
// assessments stays as it is, an assessment of the same set and date is replaced, one
// without a date replaces the one at its level, the others are kept, and the result is in
// canonical order; importing again changes nothing.
func TestMerge(t *testing.T) {
	site := copySite(t)
	head := "# Phường Chiềng An: kept by hand.\ncode = \"03664\"   # the code\nname = \"Chiềng An\"\ntype = \"Phường\"\nprovince = \"14\"\ngroup = \"2\"\n\n# Assessments below.\n"
	writeFile(t, site, "content/units/03664.toml", head+`[[assessments]] # the first
criteria_set = "2021-2025"
as_of = 2024-06-30
level = "standard"
note = "kept"

[[assessments]]
as_of = 2022-12-31
level   = "in-progress"
criteria_set = "2021-2025"

[[assessments]]
criteria_set = "2026-2030"
as_of = 2026-06-30
level = "in-progress"
criteria_met = ["2", "1"]
`)
	csv := writeFile(t, t.TempDir(), "s.csv", `code,criteria_set,level,year,criteria_met,source_url,as_of,note
03664,2026-2030,in-progress,,"1,2,3",https://example.org/new,2026-06-30,
03664,2021-2025,in-progress,2022,,https://example.org/dated,,by level
03664,2026-2030,standard,,all,,2026-09-30,
`)
	p := apply(t, Options{Site: site, File: csv})
	want := head + `
[[assessments]]
criteria_set = "2021-2025"
as_of = 2022-12-31
level = "in-progress"
source_url = "https://example.org/dated"
note = "by level"

[[assessments]]
criteria_set = "2021-2025"
as_of = 2024-06-30
level = "standard"
note = "kept"

[[assessments]]
criteria_set = "2026-2030"
as_of = 2026-06-30
level = "in-progress"
criteria_met = ["1", "2", "3"]
source_url = "https://example.org/new"

[[assessments]]
criteria_set = "2026-2030"
as_of = 2026-09-30
level = "standard"
criteria_met = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
`
	if got := readFile(t, site, "content/units/03664.toml"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if s := p.Summary(); s != "3 row(s), 3 assessment(s): 1 added, 2 replaced, 0 unchanged; 1 unit file(s) to write" {
		t.Errorf("summary %q", s)
	}
	var b bytes.Buffer
	if err := p.Describe(&b); err != nil {
		t.Fatal(err)
	}
	if want := `update content/units/03664.toml (Phường Chiềng An)
  + 2026-2030 as of 2026-09-30: standard
  ~ 2026-2030 as of 2026-06-30: in-progress (criteria_met was 2 criteria, now 3; source_url changed)
  ~ 2021-2025 as of 2022-12-31: in-progress (source_url changed; note changed)
`; b.String() != want {
		t.Errorf("describe:\n%s\nwant:\n%s", b.String(), want)
	}
	before := snapshot(t, site)
	p = apply(t, Options{Site: site, File: csv})
	if len(p.Changes) != 0 || p.Same != 3 {
		t.Errorf("a second import changes %d files, finds %d unchanged", len(p.Changes), p.Same)
	}
	sameTree(t, before, snapshot(t, site))
	if errs := checkSite(t, site); errs != "" {
		t.Errorf("the site no longer checks:\n%s", errs)
	}
}

// TestAssessmentsNotLast refuses a file whose assessments cannot be cut from the rest.
func TestAssessmentsNotLast(t *testing.T) {
	site := copySite(t)
	writeFile(t, site, "content/units/03664.toml", "code = \"03664\"\nname = \"Chiềng An\"\nprovince = \"14\"\ngroup = \"2\"\nassessments = [{criteria_set = \"2026-2030\", as_of = 2026-01-01, level = \"in-progress\"}]\n")
	csv := writeFile(t, t.TempDir(), "s.csv", "code,criteria_set,level,as_of\n03664,2026-2030,standard,2026-12-31\n")
	before := snapshot(t, site)
	_, err := Import(Options{Site: site, File: csv})
	if err == nil || err.Error() != "content/units/03664.toml: line 5: the assessments are not written as [[assessments]] tables" {
		t.Errorf("got %v", err)
	}
	sameTree(t, before, snapshot(t, site))
}

func TestImportBrokenSite(t *testing.T) {
	site := copySite(t)
	writeFile(t, site, "content/units/03664.toml", "code = 3664\n")
	csv := writeFile(t, t.TempDir(), "s.csv", "code,level\n")
	_, err := Import(Options{Site: site, File: csv})
	var se *SiteError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "content/units/03664.toml:1:8: error: invalid value") {
		t.Errorf("got %v", err)
	}
}

// TestGeneratedAndNewFiles: a unit file of import-mapping keeps its first line (import-mapping
// keeps the assessments below it); a unit known only from its boundary gets a status file.
func TestGeneratedAndNewFiles(t *testing.T) {
	site := copySite(t)
	gen := "# Generated by `atlas import-mapping` from dvhcvn/20250701. Delete this line to keep your edits: the importer then leaves the file alone.\ncode = \"03664\"\nname = \"Chiềng An\"\ntype = \"Phường\"\nprovince = \"14\"\ngroup = \"2\"\n"
	writeFile(t, site, "content/units/03664.toml", gen)
	if err := os.Remove(filepath.Join(site, "content/units/03646.toml")); err != nil {
		t.Fatal(err)
	}
	csv := writeFile(t, t.TempDir(), "s.csv", "code,name,nhóm,criteria_set,level,as_of\n03664,,,2026-2030,in-progress,2026-06-30\n,Phường Tô Hiệu,1,2026-2030,in-progress,2026-06-30\n")
	p := apply(t, Options{Site: site, File: csv})
	if len(p.Changes) != 2 {
		t.Errorf("%d files changed, want 2", len(p.Changes))
	}
	if got := readFile(t, site, "content/units/03664.toml"); !strings.HasPrefix(got, gen+"\n[[assessments]]\n") {
		t.Errorf("03664:\n%s", got)
	}
	want := "# Phường Tô Hiệu: current unit since 2025-07-01.\ncode = \"03646\"\nname = \"Tô Hiệu\"\ntype = \"Phường\"\nprovince = \"14\"\ngroup = \"1\"\n\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-06-30\nlevel = \"in-progress\"\n"
	if got := readFile(t, site, "content/units/03646.toml"); got != want {
		t.Errorf("03646:\n%s\nwant:\n%s", got, want)
	}
}

// saveXLSX writes a workbook whose first sheet, "Ghi chú", is empty and whose second,
// "Statuses", holds rows (a nil row is left empty).
func saveXLSX(t *testing.T, file string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Ghi chú"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Statuses"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Statuses", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(file); err != nil {
		t.Fatal(err)
	}
}

// TestImportGroup: the group (nhóm) column sets a unit's commune group, which an assessment
// against the 2026–2030 set needs; without it such a row is an error at its criteria_set cell,
// as atlas check reports it at the assessment's line.
func TestImportGroup(t *testing.T) {
	site := bareSite(t)
	before := snapshot(t, site)
	csv := writeFile(t, t.TempDir(), "s.csv", "code,nhóm,criteria_set,level,as_of\n03664,,2026-2030,in-progress,2026-06-30\n03670,4,2021-2025,standard,2025-06-30\n03679,1,,,\n03679,2,,,\n")
	got := importErrors(t, Options{Site: site, File: csv})
	want := strings.Join([]string{
		`FILE: row 2, column C (criteria_set): an assessment against 2026-2030 needs the unit's commune group, as the set judges each group by its own targets: set group = "1", "2" or "3" in content/units/03664.toml`,
		`FILE: row 3, column B (nhóm): group "4" is not a commune group (groups: 1, 2, 3)`,
		`FILE: row 5, column B (nhóm): group "2": row 4 gives 03679 the group "1"`,
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	sameTree(t, before, snapshot(t, site))

	csv = writeFile(t, t.TempDir(), "s.csv", "code,nhóm,criteria_set,level,as_of\n03664,2,2026-2030,in-progress,2026-06-30\n03679,1,,,\n")
	p := apply(t, Options{Site: site, File: csv})
	var b strings.Builder
	if err := p.Describe(&b); err != nil {
		t.Fatal(err)
	}
	if want := "update content/units/03664.toml (Phường Chiềng An)\n  + group 2\n  + 2026-2030 as of 2026-06-30: in-progress\nupdate content/units/03679.toml (Phường Chiềng Sinh)\n  + group 1\n"; b.String() != want {
		t.Errorf("plan:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := readFile(t, site, "content/units/03679.toml"); !strings.Contains(got, "province = \"14\"\ngroup = \"1\"\n") || strings.Contains(got, "\n[[assessments]]") {
		t.Errorf("03679 (a group, no assessment):\n%s", got)
	}
	if errs := checkSite(t, site); errs != "" {
		t.Errorf("the imported site does not check:\n%s", errs)
	}
}
