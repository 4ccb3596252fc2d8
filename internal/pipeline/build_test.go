package pipeline

import (
	"bytes"
	"encoding/xml"
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/cache"
	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/write"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// defaultSite is the Sơn La fixture: the default content of one province, small enough for every test.
const defaultSite = "../../testdata/son-la"

// enDir is the folder of the English pages.
var enDir = model.LanguageDir("en")

// testCache is the cache the tests of this package share: they build the same sites many
// times, and a share card takes most of a second to draw.
var testCache = cache.Memory()

// repoRoot is the repository: node_modules and the html-validate configuration.
const repoRoot = "../.."

// buildDefault builds the default site into a fresh temporary folder once per test.
func buildDefault(t *testing.T) (string, *model.Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: defaultSite, Out: out, Cache: testCache}); err != nil {
		t.Fatalf("build of the default site failed:\n%v", err)
	}
	site, _, err := Load(defaultSite)
	if err != nil {
		t.Fatal(err)
	}
	return out, site
}

// outFile is the file at the site path p (slash-separated, as internal/model gives it) in the
// output folder out.
func outFile(out, p string) string { return filepath.Join(out, filepath.FromSlash(p)) }

// readTree reads every file below dir into a map keyed by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var (
	reLang  = regexp.MustCompile(`<html lang="[a-z]{2}(-[A-Za-z]+)?">`)
	reTitle = regexp.MustCompile(`<title>([^<]+)</title>`)
	reH1    = regexp.MustCompile(`<h1[^>]*>([^<]*)</h1>`)
)

func TestDefaultSiteEndToEnd(t *testing.T) {
	out, site := buildDefault(t)
	files := readTree(t, out)

	if n := len(site.Units); n != 75 {
		t.Errorf("default site has %d current units, want 75", n)
	}
	if n := len(site.Former); n < 200 {
		t.Errorf("default site has %d former units, want at least 200", n)
	}
	if len(site.Stories) == 0 {
		t.Error("default site has no story")
	}
	// A page for every unit, former unit and story, with the unit's name as its one h1.
	want := map[string]string{} // page → the h1 it must hold
	for _, u := range site.Units {
		want[model.UnitPath(u.Code)+"index.html"] = u.FullName()
	}
	for _, f := range site.Former {
		want[model.FormerPath(f.Key())+"index.html"] = f.FullName()
	}
	for _, s := range site.Stories {
		want[model.StoryPath(s.Slug)+"index.html"] = s.Title
	}
	for _, p := range site.Provinces {
		want[model.ProvincePath(p.Code)+"index.html"] = p.Type + " " + p.Name
	}
	for page, h1 := range want {
		body, ok := files[page]
		if !ok {
			t.Errorf("missing page %s", page)
			continue
		}
		hs := reH1.FindAllSubmatch(body, -1)
		if len(hs) != 1 {
			t.Errorf("%s has %d <h1>, want 1", page, len(hs))
			continue
		}
		if got := string(hs[0][1]); got != h1 {
			t.Errorf("%s: h1 = %q, want %q", page, got, h1)
		}
	}
	// Every page has a language, a title and one h1.
	pages := 0
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if !reLang.Match(body) {
			t.Errorf("%s: no <html lang>", name)
		}
		if m := reTitle.FindSubmatch(body); m == nil || len(bytes.TrimSpace(m[1])) == 0 {
			t.Errorf("%s: no <title>", name)
		}
		if n := len(reH1.FindAll(body, -1)); n != 1 {
			t.Errorf("%s: %d <h1>, want 1", name, n)
		}
	}
	if pages < 75+200 {
		t.Errorf("only %d pages written", pages)
	}
	// Every internal link and asset resolves to a written file.
	for _, b := range linkcheck.Check(files, "/") {
		t.Errorf("broken link: %v", b)
	}
}

// TestHTMLValidate runs html-validate (pinned in package.json, installed by npm ci) over every
// page of the default site.
func TestHTMLValidate(t *testing.T) {
	bin, err := filepath.Abs(filepath.Join(repoRoot, "node_modules", ".bin", "html-validate"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("html-validate is not installed (run npm ci): %v", err)
		}
		t.Skip("html-validate is not installed; run `npm ci` to enable this test")
	}
	out, _ := buildDefault(t)
	cmd := exec.Command(bin, "--config", ".htmlvalidate.json", out+"/**/*.html")
	cmd.Dir = repoRoot
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("html-validate reports errors:\n%s", msg)
	}
}

// TestReproducible builds twice and compares every byte.
func TestReproducible(t *testing.T) {
	a, _ := buildDefault(t)
	b, _ := buildDefault(t)
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("builds wrote %d and %d files", len(fa), len(fb))
	}
	for name, body := range fa {
		if !bytes.Equal(body, fb[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

// TestFailedBuildKeepsOutput breaks a copy of the default site and checks that the build fails,
// names the problem, and leaves the previous output untouched.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(site, "public"))
	os.RemoveAll(filepath.Join(site, "node_modules"))
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: out}); err != nil {
		t.Fatalf("first build: %v", err)
	}
	before := readTree(t, out)
	beside := func() []string { // the output's parent, the lock file aside (it stays)
		entries, _ := os.ReadDir(filepath.Dir(out))
		var names []string
		for _, e := range entries {
			if e.Name() != write.LockName("public") {
				names = append(names, e.Name())
			}
		}
		return names
	}
	besideBefore := beside() // public/ and the standby its first tree left

	unit := filepath.Join(site, "content", "units", "03664.toml")
	src, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	bad := append(src, []byte("\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-01-01\nlevle = \"standard\"\n")...)
	if err := os.WriteFile(unit, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Run(Options{Site: site, Out: out})
	if err == nil {
		t.Fatal("build of a broken site succeeded")
	}
	line := strings.Count(string(src), "\n") + 5
	wantMsg := "content/units/03664.toml:" + strconv.Itoa(line) + ":1: error: unknown key \"assessments.levle\""
	if !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("error = %v\nwant it to contain %s", err, wantMsg)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output has %d files after the failed build, %d before", len(after), len(before))
	}
	for name, body := range before {
		if !bytes.Equal(body, after[name]) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	if names := beside(); !slices.Equal(names, besideBefore) {
		t.Errorf("the output's parent holds %q after a failed build, %q before it", names, besideBefore)
	}
}

// TestGolden pins the rendered HTML of a few representative pages of the default site. Run
// `go test ./internal/build -run Golden -update` after an intended change, and review the diff.
func TestGolden(t *testing.T) {
	out, _ := buildDefault(t)
	pages := map[string]string{
		"home.html":            model.PageFile(""),
		"unit-03670.html":      model.PageFile(model.UnitPath("03670")),              // derived from two recognized communes
		"former-03664.html":    model.PageFile(model.FormerPath("03664")),            // standard and advanced, one undated
		"former-04075-d.html":  model.PageFile(model.FormerPath("04075-2025-02-01")), // dissolved before the reform
		"former-04012.html":    model.PageFile(model.FormerPath("04012")),            // split between two units
		"404.html":             model.NotFoundFile,
		"en-home.html":         enDir + model.PageFile(""),
		"en-unit-03670.html":   enDir + model.PageFile(model.UnitPath("03670")),
		"en-former-03664.html": enDir + model.PageFile(model.FormerPath("03664")),
		"en-404.html":          enDir + model.NotFoundFile,
	}
	for golden, page := range pages {
		got, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "golden", golden)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run with -update if the change is intended", page, path)
		}
	}
}

// TestGeometryCache checks that a build where only TOML changed does no geometry work, and that
// output from the cache is byte-identical to output computed afresh.
func TestGeometryCache(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"public", "node_modules", ".cache"} {
		os.RemoveAll(filepath.Join(site, d))
	}
	cache := filepath.Join(t.TempDir(), "cache")
	out := filepath.Join(t.TempDir(), "public")
	run := func() *Result {
		t.Helper()
		res, err := Run(Options{Site: site, Out: out, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := run(); res.GeometryRuns == 0 {
		t.Fatal("a cold build did no geometry work")
	}
	cold := readTree(t, out)
	if res := run(); res.GeometryRuns != 0 || res.CardsDrawn != 0 {
		t.Errorf("an unchanged rebuild did %d geometry runs and drew %d cards, want 0", res.GeometryRuns, res.CardsDrawn)
	}
	warm := readTree(t, out)
	for name, body := range cold {
		if !bytes.Equal(body, warm[name]) {
			t.Errorf("%s differs between a cold and a cached build", name)
		}
	}
	// A TOML-only edit: a unit's name.
	unit := filepath.Join(site, "content", "units", "03664.toml")
	src, _ := os.ReadFile(unit)
	os.WriteFile(unit, bytes.Replace(src, []byte(`name = "Chiềng An"`), []byte(`name = "Chiềng An Mới"`), 1), 0o644)
	if res := run(); res.GeometryRuns != 0 {
		t.Errorf("a TOML-only edit caused %d geometry runs, want 0", res.GeometryRuns)
	}
	if b, _ := os.ReadFile(outFile(out, model.PageFile(model.UnitPath("03664")))); !bytes.Contains(b, []byte("Chiềng An Mới")) {
		t.Error("the edit did not reach the page")
	}
	// Moving a unit to another province changes the maps: they must be drawn again.
	prov := filepath.Join(site, "content", "provinces", "15.toml")
	os.WriteFile(prov, []byte("code = \"15\"\nname = \"Thử\"\ntype = \"Tỉnh\"\n"), 0o644)
	src, _ = os.ReadFile(unit)
	os.WriteFile(unit, bytes.Replace(src, []byte(`province = "14"`), []byte(`province = "15"`), 1), 0o644)
	if res := run(); res.GeometryRuns == 0 {
		t.Error("moving a unit to another province did not redraw the maps")
	}
	// A boundary edit: the file's bytes change.
	geo := filepath.Join(site, "geo", "son-la-communes-2025.geojson")
	gsrc, _ := os.ReadFile(geo)
	os.WriteFile(geo, append(gsrc, '\n'), 0o644)
	if res := run(); res.GeometryRuns == 0 {
		t.Error("a boundary edit did not redo the geometry")
	}
}

// TestMapDownload checks the province map's GeoJSON download: RFC 7946 winding, at most six
// decimals, one feature per unit with its code, name and status.
func TestMapDownload(t *testing.T) {
	out, site := buildDefault(t)
	for _, name := range []string{model.MapDataPath("14", false), model.MapDataPath("14", true)} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`\d\.\d{7,}`).Find(data); m != nil {
			t.Errorf("%s: coordinate %s has more than six decimals", name, m)
		}
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fc.Features) != len(site.Units) {
			t.Errorf("%s: %d features, want %d", name, len(fc.Features), len(site.Units))
		}
		for _, f := range fc.Features {
			code := f.Properties.MustString("code", "")
			if code == "" || f.Properties.MustString("name", "") == "" || f.Properties.MustString("status", "") == "" {
				t.Errorf("%s: feature %v lacks code, name or status: %v", name, f.ID, f.Properties)
			}
			mp, ok := f.Geometry.(orb.MultiPolygon)
			if !ok || len(mp) == 0 {
				t.Errorf("%s: %s has geometry %T", name, code, f.Geometry)
				continue
			}
			for _, p := range mp {
				for k, r := range p {
					if r[0] != r[len(r)-1] || len(r) < 4 {
						t.Errorf("%s: %s ring not closed or too short", name, code)
					}
					if ccw := planar.Area(r) > 0; ccw != (k == 0) {
						t.Errorf("%s: %s ring %d has the wrong winding (outer rings run counter-clockwise)", name, code, k)
					}
				}
			}
		}
	}
}

// TestSharedLocator checks that each province's locator background is one SVG image that
// every unit page of the province shows under the unit's own outline, instead of each page
// carrying the whole province.
func TestSharedLocator(t *testing.T) {
	out, site := buildDefault(t)
	bg, err := os.ReadFile(outFile(out, model.LocatorPath("14")))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(bg, new(struct{})); err != nil {
		t.Fatalf("locator.svg is not XML: %v", err)
	}
	if !bytes.HasPrefix(bg, []byte(`<svg xmlns="http://www.w3.org/2000/svg"`)) || !bytes.Contains(bg, []byte(`fill="#d9d9d9"`)) {
		t.Errorf("locator.svg = %.120s…, want a standalone SVG styled by attributes", bg)
	}
	classes := provinceClasses(t, out, "14")
	n := 0
	for _, u := range site.Units {
		if u.Province != "14" {
			continue
		}
		unit := model.PageFile(model.UnitPath(u.Code))
		for _, page := range []string{unit, enDir + unit, model.PageFile(model.EmbedUnitPath("vi", u.Code))} {
			b, err := os.ReadFile(outFile(out, page))
			if err != nil {
				t.Fatal(err)
			}
			fig := b[bytes.Index(b, []byte(`<figure class="locator">`)):]
			fig = fig[:bytes.Index(fig, []byte("</figure>"))]
			if !bytes.Contains(fig, []byte(`locator.svg" width="2400"`)) {
				t.Errorf("%s: the locator does not show the province's background image", page)
			}
			// The unit takes its class on the province map, outlined: one palette everywhere.
			if c := bytes.Count(fig, []byte("<path ")); c != 1 || !bytes.Contains(fig, []byte(`<path class="`+classes[u.Code]+` focus"`)) {
				t.Errorf("%s: the locator has %d paths, want only the unit's own, of class %q as on the province map:\n%s", page, c, classes[u.Code], fig)
			}
		}
		n++
	}
	if n != 75 {
		t.Errorf("checked %d units of Sơn La, want 75", n)
	}
}

// provinceClasses reads the status class of each unit on the province map of the built page
// tinh/<code>/, by unit code.
func provinceClasses(t *testing.T, out, province string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(outFile(out, model.PageFile(model.ProvincePath(province))))
	if err != nil {
		t.Fatal(err)
	}
	classes := map[string]string{}
	unitLink := regexp.MustCompile(`<a href="[^"]*` + regexp.QuoteMeta(model.UnitsDir) + `(\d+)/"[^>]*>(?:<title>[^<]*</title>)?<path class="([^"]+)"`)
	for _, m := range unitLink.FindAllSubmatch(b, -1) {
		classes[string(m[1])] = string(m[2])
	}
	if len(classes) == 0 {
		t.Fatalf("no units on the map of %s", model.ProvincePath(province))
	}
	return classes
}

// TestFormerLocator checks that each former unit's page (both languages) shows where it lay:
// the province's locator with the present units it became part of, each of its class on the
// province map and outlined, and a caption that says the map shows them, not its own
// boundary, naming each; for a split, every successor.
func TestFormerLocator(t *testing.T) {
	out, site := buildDefault(t)
	classes := provinceClasses(t, out, "14")
	names := map[string]string{}
	for _, u := range site.Units {
		names[u.Code] = u.Name
	}
	n, split := 0, 0
	for _, f := range site.Former {
		var want []string
		for _, s := range f.Successors {
			if !s.Former && classes[s.Code] != "" {
				want = append(want, s.Code)
			}
		}
		if len(want) == 0 || len(want) != len(f.Successors) {
			continue // chains of former units: their present units are further on
		}
		former := model.PageFile(model.FormerPath(f.Key()))
		for _, page := range []string{former, enDir + former} {
			b, err := os.ReadFile(outFile(out, page))
			if err != nil {
				t.Fatal(err)
			}
			i := bytes.Index(b, []byte(`<figure class="locator">`))
			if i < 0 {
				t.Errorf("%s: no locator", page)
				continue
			}
			fig := b[i:]
			fig = fig[:bytes.Index(fig, []byte("</figure>"))]
			if !bytes.Contains(fig, []byte(model.LocatorPath("14")+`"`)) {
				t.Errorf("%s: the locator does not show the province's background image", page)
			}
			if c := bytes.Count(fig, []byte("<path ")); c != len(want) {
				t.Errorf("%s: the locator has %d paths, want %d, its successors'", page, c, len(want))
			}
			caption := regexp.MustCompile(`<figcaption>([^<]+)</figcaption>`).FindSubmatch(fig)
			if caption == nil {
				t.Errorf("%s: the locator has no caption", page)
				continue
			}
			for _, code := range want {
				if !bytes.Contains(fig, []byte(`<path class="`+classes[code]+` focus"`)) {
					t.Errorf("%s: successor %s is not drawn in its class %q, outlined", page, code, classes[code])
				}
				if !bytes.Contains(caption[1], []byte(html.EscapeString(names[code]))) {
					t.Errorf("%s: the caption %q does not name successor %s", page, caption[1], names[code])
				}
			}
		}
		n++
		if len(want) > 1 {
			split++
		}
	}
	if n < 10 || split == 0 {
		t.Errorf("checked %d former units of Sơn La, %d of them split; want at least 10 and a split", n, split)
	}
}
