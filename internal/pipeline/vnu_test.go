package pipeline

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// vnuJar is the W3C Nu HTML Checker, pinned in package.json (vnu-jar) and installed by npm ci;
// it runs on Java (Debian: apt-get install default-jre-headless).
var vnuJar = filepath.Join(repoRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// vnuSample is how many pages of a large build TestNuHTMLCheckerBuilt checks beside one of
// each kind, drawn with vnuSeed, so that every run checks the same pages.
const (
	vnuSample = 240
	vnuSeed   = 29
)

// vnu runs the Nu HTML Checker on the pages (files below dir) and returns its errors, one a
// line, with paths relative to dir. Without Java or the checker the test is skipped, and
// fails with CI=true.
func vnu(t *testing.T, dir string, pages []string) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err == nil {
		_, err = os.Stat(vnuJar)
	}
	if err != nil {
		msg := "the Nu HTML Checker needs Java (apt-get install default-jre-headless) and vnu-jar (npm ci): " + err.Error()
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	args := []string{"-Xss4m", "-jar", vnuJar, "--errors-only", "--format", "gnu"}
	for _, p := range pages {
		args = append(args, filepath.Join(dir, filepath.FromSlash(p)))
	}
	out, err := exec.Command(java, args...).CombinedOutput()
	var errs []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		errs = append(errs, strings.ReplaceAll(line, "file:"+filepath.ToSlash(dir)+"/", ""))
	}
	if err != nil && len(errs) == 0 {
		t.Fatalf("the Nu HTML Checker failed: %v", err)
	}
	return errs
}

// checkVNU fails on every error the checker finds in the pages, and logs how many it read.
func checkVNU(t *testing.T, dir string, pages []string) {
	t.Helper()
	errs := vnu(t, dir, pages)
	for i, e := range errs {
		if i == 30 {
			t.Errorf("… and %d more", len(errs)-i)
			break
		}
		t.Error(e)
	}
	bad := map[string]bool{}
	for _, e := range errs {
		file, _, _ := strings.Cut(strings.TrimPrefix(e, `"`), `"`)
		bad[file] = true
	}
	t.Logf("%d pages checked: %d errors in %d pages", len(pages), len(errs), len(bad))
}

// pageKinds returns one page of each kind the site has, in every language, as files below
// the site root: the home, province, province lists and years, national years, units,
// former units, stories, criteria, search, data, sources, embeds, the 404 page, and an
// alias's fallback page. dir is the built site, for the years it holds.
func pageKinds(t *testing.T, dir string, site *model.Site) []string {
	t.Helper()
	var paths []string
	add := func(p ...string) { paths = append(paths, p...) }
	add("", model.UnitsDir, model.FormerDir, model.StoriesDir, model.CriteriaDir, model.SourcesDir,
		model.SearchDir, model.DataPageDir, model.YearsDir, model.NotFoundFile)
	if year := firstYear(t, filepath.Join(dir, filepath.FromSlash(model.YearsDir))); year != "" {
		add(model.YearsDir + year + "/")
	}
	var province string
	if len(site.Provinces) > 0 {
		province = site.Provinces[0].Code
		if site.Config.Province != "" {
			province = site.Config.Province // the featured one
		}
		pp := model.ProvincePath(province)
		add(pp, pp+model.UnitsDir, pp+model.FormerDir, pp+model.YearsDir)
		if year := firstYear(t, filepath.Join(dir, filepath.FromSlash(pp+model.YearsDir))); year != "" {
			add(pp + model.YearsDir + year + "/")
		}
	}
	var unit string
	for _, u := range site.Units {
		if u.Province == province || province == "" {
			unit = u.Code
			break
		}
	}
	if unit != "" {
		add(model.UnitPath(unit))
	}
	for _, f := range site.Former {
		if len(f.Successors) > 1 { // a split commune: the richest former page
			add(model.FormerPath(f.Key()))
			break
		}
	}
	if len(site.Former) > 0 {
		add(model.FormerPath(site.Former[0].Key()))
	}
	if len(site.Stories) > 0 {
		add(model.StoryPath(site.Stories[0].Slug))
	}
	for _, cs := range site.CriteriaSets {
		if len(cs.Criteria) > 0 {
			add(model.CriteriaPath(cs.ID), model.CriterionPath(cs.ID, cs.Criteria[0].ID))
			break
		}
	}
	var aliases []string
	for _, u := range site.Units {
		aliases = append(aliases, u.Aliases...)
	}
	var files []string
	for _, lang := range model.Languages {
		for _, p := range paths {
			files = append(files, model.PageFile(model.LanguageDir(lang)+p))
		}
		if province != "" {
			files = append(files, model.PageFile(model.EmbedProvincePath(lang, province)))
		}
		if unit != "" {
			files = append(files, model.PageFile(model.EmbedUnitPath(lang, unit)))
		}
		if len(aliases) > 0 {
			files = append(files, model.PageFile(model.LanguageDir(lang)+model.AliasPath(aliases[0])))
		}
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("page kind %s: %v", f, err)
		}
	}
	return files
}

// firstYear returns the name of the first year folder in dir, or "".
func firstYear(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			return e.Name()
		}
	}
	return ""
}

// htmlPages lists every .html file below dir, sorted, relative to it with slashes.
func htmlPages(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, p := range fileList(t, dir) {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	return out
}

// TestNuHTMLChecker: the W3C Nu HTML Checker finds no error on any page of the Sơn La fixture.
func TestNuHTMLChecker(t *testing.T) {
	out, site := buildDefault(t)
	pages := htmlPages(t, out)
	kinds := pageKinds(t, out, site)
	for _, k := range kinds {
		if !slices.Contains(pages, k) {
			t.Errorf("page kind %s is not among the pages", k)
		}
	}
	checkVNU(t, out, pages)
}

// TestNuHTMLCheckerBuilt runs the checker on a site built beforehand, the national default
// site in CI (ATLAS_BUILT_SITE): one page of each kind in both languages, and vnuSample pages
// drawn with a fixed seed from all the others.
func TestNuHTMLCheckerBuilt(t *testing.T) {
	dir := builtSite(t)
	site, _, err := Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	pages := pageKinds(t, dir, site)
	all := htmlPages(t, dir)
	kinds := len(pages)
	rng := rand.New(rand.NewPCG(vnuSeed, 1))
	for _, i := range rng.Perm(len(all)) {
		if len(pages) >= kinds+vnuSample {
			break
		}
		if !slices.Contains(pages, all[i]) {
			pages = append(pages, all[i])
		}
	}
	checkVNU(t, dir, pages)
}
