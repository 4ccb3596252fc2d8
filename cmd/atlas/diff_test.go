package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/diff"
	"github.com/ntm-atlas/atlas/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files of atlas diff's output")

// editFile changes the file rel of the site dir with f.
func editFile(t *testing.T, dir, rel string, f func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendText(s string) func(string) string { return func(b string) string { return b + s } }

// sonLaChange is a copy of the Sơn La fixture before and after a change that does one of each
// thing a reviewer must see: Xã Chiềng Ngần (03673) gets a recognition at the advanced level,
// Xã Chiềng Cọ (03658) loses its only recognition of its own (its district's recognition
// speaks for it still), Xã Yên Châu's (04075) assessment goes from standard to advanced, the
// file of the former Xã Viêng Lán (04075-2025-02-01) is deleted — its page with it, a broken
// link —, the story is retitled, and the province gets a newer figure.
func sonLaChange(t *testing.T) (old, new string) {
	t.Helper()
	root := t.TempDir()
	old, new = filepath.Join(root, "old"), filepath.Join(root, "new")
	for _, d := range []string{old, new} {
		if err := os.CopyFS(d, os.DirFS("../../testdata/son-la")); err != nil {
			t.Fatal(err)
		}
		editFile(t, d, "content/units/04075.toml", appendText(`
[[assessments]]
criteria_set = "2021-2025"
as_of = 2025-09-15
level = "standard"
source_url = "https://example.org/yen-chau-2025"
`))
	}
	editFile(t, new, "content/units/04075.toml", func(s string) string {
		return strings.Replace(s, `level = "standard"`, `level = "advanced"`, 1)
	})
	editFile(t, new, "content/former/03673.toml", appendText(`
[[recognitions]]
criteria_set = "2021-2025"
level = "advanced"
year = 2024
month = 5
decision = "Quyết định số 1234/QĐ-UBND ngày 20/5/2024"
source_url = "https://example.org/chieng-ngan-nang-cao"
`))
	editFile(t, new, "content/former/03658.toml", func(s string) string {
		i := strings.Index(s, "[[recognitions]]")
		if i < 0 {
			t.Fatal("03658.toml has no recognition to remove")
		}
		return s[:i]
	})
	if err := os.Remove(filepath.Join(new, "content/former/04075-2025-02-01.toml")); err != nil {
		t.Fatal(err)
	}
	editFile(t, new, "content/stories/son-la-muoi-nam-nong-thon-moi.md", func(s string) string {
		return strings.Replace(s, `title = "Sơn La nhìn lại mười năm xây dựng nông thôn mới"`, `title = "Mười năm nông thôn mới ở Sơn La"`, 1)
	})
	editFile(t, new, "content/provinces/14.toml", func(s string) string {
		i := strings.Index(s, "[[area_recognitions]]")
		return s[:i] + `[[milestones]]
year = 2025
month = 3
level = "standard"
count = 70
total = 188
source = "Báo Sơn La"
source_url = "https://example.org/son-la-70-xa"

` + s[i:]
	})
	return old, new
}

// runDiff runs atlas diff with args, and returns its exit code and output, the two sites'
// folders written as OLD and NEW.
func runAtlasDiff(t *testing.T, old, new string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append(append([]string{"diff"}, args...), old, new), &stdout, &stderr)
	clean := strings.NewReplacer(old, "OLD", new, "NEW")
	return code, clean.Replace(stdout.String()), clean.Replace(stderr.String())
}

// TestDiffSonLa: each change of sonLaChange appears in the text, Markdown and JSON output with
// its old and new values; the deleted former unit's page is a broken link, which fails the
// command with -fail-on-broken-links; the Markdown is pinned by a golden file.
func TestDiffSonLa(t *testing.T) {
	old, new := sonLaChange(t)

	code, js, stderr := runAtlasDiff(t, old, new, "-format=json")
	if code != exitOK {
		t.Fatalf("atlas diff -format=json: exit %d\n%s", code, stderr)
	}
	var r diff.Report
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatalf("the JSON output does not decode: %v\n%s", err, js)
	}
	record := func(kind, change, file string) *diff.RecordChange {
		for i, rc := range r.Records {
			if rc.Kind == kind && rc.Change == change && rc.File == file {
				return &r.Records[i]
			}
		}
		t.Errorf("no %s %s in %s among the records: %+v", kind, change, file, r.Records)
		return &diff.RecordChange{}
	}
	field := func(rc *diff.RecordChange, key string) diff.Field {
		for _, f := range rc.Fields {
			if f.Key == key {
				return f
			}
		}
		t.Errorf("%s %s of %s: no field %s in %+v", rc.Kind, rc.Change, rc.File, key, rc.Fields)
		return diff.Field{}
	}
	// A recognition added.
	added := record(diff.KindRecognition, diff.Added, "content/former/03673.toml")
	if f := field(added, "level"); f.New != "advanced" {
		t.Errorf("the added recognition's level = %+v, want advanced", f)
	}
	if f := field(added, "year"); f.New != "2024" {
		t.Errorf("the added recognition's year = %+v, want 2024", f)
	}
	// One removed.
	removed := record(diff.KindRecognition, diff.Removed, "content/former/03658.toml")
	if f := field(removed, "year"); f.Old != "2016" || f.New != "" {
		t.Errorf("the removed recognition's year = %+v, want 2016 → nothing", f)
	}
	// An assessment changed.
	edited := record(diff.KindAssessment, diff.Edited, "content/units/04075.toml")
	if len(edited.Fields) != 1 || edited.Fields[0] != (diff.Field{Key: "level", Old: "standard", New: "advanced"}) {
		t.Errorf("the edited assessment's fields = %+v, want level standard → advanced", edited.Fields)
	}
	// The province's new figure, with its source.
	milestone := record(diff.KindMilestone, diff.Added, "content/provinces/14.toml")
	if f := field(milestone, "source_url"); f.New != "https://example.org/son-la-70-xa" {
		t.Errorf("the added milestone's source = %+v", f)
	}
	units := map[string]diff.UnitChange{}
	for _, u := range r.Units {
		units[u.Code] = u
	}
	if u := units["04075"]; u.Old == nil || u.New == nil || u.Old.Class != "rank-2" || u.New.Class != "rank-3" || u.Old.Level != "standard" || u.New.Level != "advanced" {
		t.Errorf("unit 04075: %+v, want class rank-2 → rank-3, level standard → advanced", u)
	}
	formers := map[string]diff.FormerChange{}
	for _, f := range r.Former {
		formers[f.Key] = f
	}
	if f := formers["03673"]; f.Old == nil || f.New == nil || f.Old.Level != "standard" || f.New.Level != "advanced" ||
		!slices.Equal(f.SourcesAdded, []string{"https://example.org/chieng-ngan-nang-cao"}) {
		t.Errorf("former unit 03673: %+v, want standard → advanced with its new source", f)
	}
	if f := formers["03658"]; f.Old == nil || f.New == nil || f.Old.Basis != "own" || f.New.Basis != "district" || f.Old.Since != "2016" || f.New.Since != "2019" {
		t.Errorf("former unit 03658: %+v, want its own recognition of 2016 → its district's of 2019", f)
	}
	gone := model.FormerPath("04075-2025-02-01")
	if f := formers["04075-2025-02-01"]; f.Old == nil || f.New != nil {
		t.Errorf("former unit 04075-2025-02-01: %+v, want it gone", f)
	}
	if b := r.Broken(); !slices.Equal(b, []string{gone}) {
		t.Errorf("broken links %v, want [%s]", b, gone)
	}
	if len(r.Stories) != 1 || r.Stories[0].Change != diff.Retitled || r.Stories[0].Title.Old != "Sơn La nhìn lại mười năm xây dựng nông thôn mới" || r.Stories[0].Title.New != "Mười năm nông thôn mới ở Sơn La" {
		t.Errorf("stories: %+v, want the story retitled", r.Stories)
	}
	var province *diff.Summary
	for i, s := range r.Summary {
		if s.Province == "14" {
			province = &r.Summary[i]
		}
	}
	if province == nil || province.Figure == nil || !strings.Contains(province.Figure.New, "70/188") || !strings.Contains(province.Figure.New, "Báo Sơn La") {
		t.Errorf("Sơn La's summary %+v: want its figure 70/188 with its source", province)
	}

	// The same in words, on a terminal.
	code, text, _ := runAtlasDiff(t, old, new)
	if code != exitOK {
		t.Fatalf("atlas diff: exit %d", code)
	}
	for _, want := range []string{
		"+ recognition added  content/former/03673.toml recognitions[1]",
		"level = advanced; year = 2024; month = 5",
		"- recognition removed  content/former/03658.toml recognitions[0]",
		"level = standard; year = 2016",
		"~ assessment edited  content/units/04075.toml assessments[0]",
		"level: standard → advanced",
		"class: rank-2 → rank-3",
		"basis: own → district",
		"since: 2016 → 2019",
		"BROKEN LINKS (1)",
		"- /" + gone + "  the page of former unit 04075-2025-02-01: BROKEN, no redirect",
		`retitled: "Sơn La nhìn lại mười năm xây dựng nông thôn mới" → "Mười năm nông thôn mới ở Sơn La"`,
		"figure: ",
		"communes met, own recognition: 31 → 29",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text output lacks %q:\n%s", want, text)
		}
	}

	// The Markdown, pinned.
	code, md, _ := runAtlasDiff(t, old, new, "-format=markdown", "-base-url", "https://deploy-preview-7--ntm-atlas.netlify.app/")
	if code != exitOK {
		t.Fatalf("atlas diff -format=markdown: exit %d", code)
	}
	for _, want := range []string{
		"**added** recognition of [Xã Chiềng Ngần](https://deploy-preview-7--ntm-atlas.netlify.app/" + model.FormerPath("03673") + ")",
		"**removed** recognition of [Xã Chiềng Cọ]",
		"  - `year`: ~~2016~~",
		"**edited** assessment of [Xã Yên Châu](https://deploy-preview-7--ntm-atlas.netlify.app/" + model.UnitPath("04075") + ")",
		"  - `level`: standard → advanced",
		"> [!CAUTION]",
		"- removed `/" + gone + "` (the page of former unit 04075-2025-02-01): **broken link, no redirect**",
		"Sơn La nhìn lại mười năm xây dựng nông thôn mới → Mười năm nông thôn mới ở Sơn La",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	golden(t, "testdata/diff-son-la.md", md)

	// The before-and-after map of the province, the units whose class changes outlined.
	maps := filepath.Join(t.TempDir(), "maps")
	if code, _, stderr := runAtlasDiff(t, old, new, "-maps", maps); code != exitOK || !strings.Contains(stderr, "wrote") {
		t.Fatalf("atlas diff -maps: exit %d\n%s", code, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(maps, "14.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(svg, &struct{}{}); err != nil {
		t.Errorf("14.svg is not well-formed: %v", err)
	}
	var outlined []string
	for _, m := range regexp.MustCompile(`<use href="#u(\d+)" fill="none" stroke="#000"`).FindAllSubmatch(svg, -1) {
		outlined = append(outlined, string(m[1]))
	}
	if want := []string{"03670", "04075", "03670", "04075"}; !slices.Equal(outlined, want) {
		t.Errorf("14.svg outlines %v, want the units whose class changes on both sides, %v", outlined, want)
	}
	if len(svg) > 100<<10 {
		t.Errorf("14.svg is %d KB, too heavy to attach to a review", len(svg)>>10)
	}

	// A broken link fails the command when asked; an alias that keeps the address mends it.
	if code, _, stderr := runAtlasDiff(t, old, new, "-fail-on-broken-links"); code != exitData || !strings.Contains(stderr, "1 address(es) removed with no redirect") {
		t.Errorf("-fail-on-broken-links: exit %d, want %d\n%s", code, exitData, stderr)
	}
	editFile(t, new, "content/former/04075.toml", func(s string) string {
		return strings.Replace(s, "[[successors]]", "aliases = [\"/"+gone+"\"]\n\n[[successors]]", 1)
	})
	code, js, stderr = runAtlasDiff(t, old, new, "-fail-on-broken-links", "-format=json")
	if code != exitOK {
		t.Errorf("-fail-on-broken-links with an alias: exit %d, want 0\n%s", code, stderr)
	}
	r = diff.Report{}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Pages.Removed) != 1 || r.Pages.Removed[0].RedirectTo != model.FormerPath("04075") {
		t.Errorf("removed pages %+v, want %s redirected to %s", r.Pages.Removed, gone, model.FormerPath("04075"))
	}
}

// TestDiffAreas: on the fixture of district and province recognitions, an area recognition
// edited and a revocation removed change the communes they cover, and say so.
func TestDiffAreas(t *testing.T) {
	root := t.TempDir()
	old, new := filepath.Join(root, "old"), filepath.Join(root, "new")
	for _, d := range []string{old, new} {
		if err := os.CopyFS(d, os.DirFS("../../internal/pipeline/testdata/areas")); err != nil {
			t.Fatal(err)
		}
	}
	// Huyện Một's recognition dated 2020 instead of 2019; Đông's loss of the standard withdrawn.
	editFile(t, new, "content/provinces/01.toml", func(s string) string { return strings.Replace(s, "year = 2019", "year = 2020", 1) })
	editFile(t, new, "content/former/10004.toml", func(s string) string { return s[:strings.Index(s, "[[revocations]]")] })
	code, js, stderr := runAtlasDiff(t, old, new, "-format=json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var r diff.Report
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, rc := range r.Records {
		kinds = append(kinds, rc.Kind+" "+rc.Change+" "+rc.File)
		if rc.Kind == diff.KindAreaRecognition && (len(rc.Fields) != 1 || rc.Fields[0] != (diff.Field{Key: "year", Old: "2019", New: "2020"})) {
			t.Errorf("the area recognition's change: %+v, want year 2019 → 2020", rc.Fields)
		}
	}
	want := []string{"revocation removed content/former/10004.toml", "area_recognition edited content/provinces/01.toml"}
	if !slices.Equal(kinds, want) {
		t.Errorf("records %v, want %v", kinds, want)
	}
	lost := map[string]diff.FormerChange{}
	for _, f := range r.Former {
		lost[f.Key] = f
	}
	if f := lost["10004"]; f.Old == nil || f.New == nil || f.Old.Lost == "" || f.New.Lost != "" || f.New.Level == "" {
		t.Errorf("Đông: %+v, want its loss of the standard gone and its standing back", f)
	}
}

// golden compares got with the golden file name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/atlas -run Diff -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("the output differs from %s (go test ./cmd/atlas -run Diff -update rewrites it):\n%s", name, got)
	}
}

// TestDiffCommandLine: a wrong command line is a usage error (2); a site with data errors
// cannot be compared (1), and its errors are printed.
func TestDiffCommandLine(t *testing.T) {
	site := "../../testdata/son-la"
	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	editFile(t, broken, "content/former/03661.toml", func(s string) string { return strings.Replace(s, `level = "standard"`, `level = "standart"`, 1) })
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no sites", []string{"diff"}, exitUsage, "Usage: atlas diff"},
		{"one site", []string{"diff", site}, exitUsage, "Usage: atlas diff"},
		{"a folder and -base", []string{"diff", "-base", "HEAD", site, site}, exitUsage, "Usage: atlas diff"},
		{"bad format", []string{"diff", "-format=yaml", site, site}, exitUsage, `unknown format "yaml"`},
		{"bad language", []string{"diff", "-lang=fr", site, site}, exitUsage, `-lang "fr": want one of vi, en`},
		{"errors after", []string{"diff", site, broken}, exitData, "content/former/03661.toml:"},
		{"errors before", []string{"diff", broken, site}, exitData, "the old site"},
		{"no change", []string{"diff", site, site}, exitOK, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.stderr, stderr.String())
			}
			if tt.code == exitOK && !strings.Contains(stdout.String(), "Nothing changes for readers.") {
				t.Errorf("stdout:\n%s", stdout.String())
			}
		})
	}
}
