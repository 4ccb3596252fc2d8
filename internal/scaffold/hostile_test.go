package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/sheet"
)

// checkErrors returns the errors atlas check finds in the site, one a line; "" when it has none.
func checkErrors(site string) string {
	all, _ := pipeline.Check(pipeline.Options{Site: site, NoCache: true})
	return all.Errors().Error()
}

// FuzzWrittenFilesBuild feeds hostile boundary properties (a unit's name and type, a province's
// name), a title and the cells of a sheet to atlas new site, new story, new unit and import
// statuses, and checks what each writes as atlas check does: each either refuses with an error
// or writes files that check without error (issue 30: a name with a newline injected live keys,
// a 1 MB name or a 10 MB cell made files the build then refused).
func FuzzWrittenFilesBuild(f *testing.F) {
	f.Add("Chiềng Cọ", "Xã", "Tỉnh Thử", "Tin mới", "ghi chú", "https://example.org/a")
	f.Add("Chiềng An\naliases = [\"/"+model.UnitPath("03664")+"\"]\n# ", "Xã", "Thử\n[x]", "Tin\n+++\n", "=HYPERLINK(\"x\")", "https://example.org/\n")
	f.Add("bell\a nul\x00 del\x7f \u2028 \"\"\" '''", "Phường", "\\u0000", "Tin \\", "'=1", "")
	f.Add(strings.Repeat("Chiềng Cọ ", 100_000), "Xã", "Tỉnh", "Tin", "x", "")
	f.Add("Chiềng Cọ", "Xã", strings.Repeat("Tỉnh ", 60_000), "Tin", "x", "")
	f.Add("Chiềng Cọ", "Xã", "Tỉnh", strings.Repeat("Tin ", 70_000), "x", "")
	f.Add("Chiềng Cọ", "Xã", "Tỉnh", "Tin", strings.Repeat("ghi chú dài ", 900_000), "")
	f.Fuzz(func(t *testing.T, name, typ, province, title, note, source string) {
		dir := t.TempDir()
		geo := filepath.Join(dir, "ranh-gioi.geojson")
		feature := func(code, name, typ string) string {
			return `{"type":"Feature","properties":{"code":"` + code + `","name":` + jsonString(name) + `,"type":` + jsonString(typ) +
				`,"province_code":"99","province":` + jsonString(province) + `},` +
				`"geometry":{"type":"Polygon","coordinates":[[[103.9,21.3],[104,21.3],[104,21.4],[103.9,21.3]]]}}`
		}
		src := `{"type":"FeatureCollection","features":[` + feature("99001", name, typ) + "," + feature("99002", "Bình Yên", "Xã") + "]}"
		if err := os.WriteFile(geo, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadBoundaries(geo, Properties{})
		if err != nil {
			return // refused, with its reason
		}
		site := filepath.Join(dir, "site")
		today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
		if _, err := NewSite(b, Options{Dir: site, Province: "99", Title: title, Today: today}); err != nil {
			return
		}
		if errs := checkErrors(site); errs != "" {
			t.Fatalf("atlas new site wrote a site that does not check:\n%.2000s", errs)
		}
		if _, err := NewStory(site, title, today); err == nil {
			if errs := checkErrors(site); errs != "" {
				t.Fatalf("atlas new story wrote a story that does not check:\n%.2000s", errs)
			}
		}
		os.Remove(filepath.Join(site, "content", "units", "99001.toml"))
		if _, err := NewUnit(site, "99001"); err != nil {
			if _, serr := os.Stat(filepath.Join(site, "content", "units", "99001.toml")); serr == nil {
				t.Fatalf("atlas new unit failed (%v) and wrote the file", err)
			}
			return
		}
		if errs := checkErrors(site); errs != "" {
			t.Fatalf("atlas new unit wrote a file that does not check:\n%.2000s", errs)
		}
		var csv strings.Builder
		csv.WriteString("code,criteria_set,level,as_of,note,source_url\n")
		for _, c := range [][]string{{"99001", "2026-2030", "in-progress", "2026-06-30", note, source}} {
			for i, cell := range c {
				if i > 0 {
					csv.WriteByte(',')
				}
				csv.WriteString(`"` + strings.ReplaceAll(cell, `"`, `""`) + `"`)
			}
			csv.WriteByte('\n')
		}
		file := filepath.Join(dir, "statuses.csv")
		if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		plan, err := sheet.Import(sheet.Options{Site: site, File: file})
		if err != nil {
			return
		}
		if err := plan.Apply(site); err != nil {
			t.Fatal(err)
		}
		if errs := checkErrors(site); errs != "" {
			t.Fatalf("atlas import statuses wrote a file that does not check:\n%.2000s", errs)
		}
	})
}
