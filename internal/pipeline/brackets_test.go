package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// emptyBrackets finds a pair of brackets with nothing in them, in a page's text or its
// attributes (meta descriptions): what a missing value, such as a district the data does not
// give, leaves behind.
// A ";" that ends a character reference ("&#34;)") is not one.
var emptyBrackets = regexp.MustCompile(`\(\s*\)|\(\s*[,;]|,\s*\)|[^0-9A-Za-z];\s*\)`)

// TestNoEmptyBrackets builds the default site with a former commune whose district is
// unknown and checks that no page shows empty brackets.
func TestNoEmptyBrackets(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(site, "content", "former", "03664.toml")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(`(?m)^district = .*\n`).ReplaceAll(b, nil)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
		t.Fatal(err)
	}
	checkNoEmptyBrackets(t, out)
}

// TestNoEmptyBracketsBuilt checks every page of a site built beforehand, the national
// default site in CI (ATLAS_BUILT_SITE), whose former units outside Sơn La took their districts
// from the former districts table: every former unit's page names its district (issue 27).
func TestNoEmptyBracketsBuilt(t *testing.T) {
	dir := builtSite(t)
	checkNoEmptyBrackets(t, dir)
	pages, err := filepath.Glob(filepath.Join(dir, model.FormerDir, "*", "index.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no former unit pages in %s: %v", dir, err)
	}
	named := regexp.MustCompile(`<dt>Huyện \(cũ\)</dt><dd>[^<\s]`)
	without := 0
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !named.Match(b) {
			if without++; without <= 5 {
				t.Errorf("%s names no district", p)
			}
		}
	}
	if without > 0 {
		t.Errorf("%d of %d former unit pages name no district", without, len(pages))
	}
}

func checkNoEmptyBrackets(t *testing.T, out string) {
	t.Helper()
	pages, bad := 0, 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		if m := emptyBrackets.FindIndex(b); m != nil {
			if bad++; bad <= 10 {
				rel, _ := filepath.Rel(out, p)
				from, to := max(m[0]-60, 0), min(m[1]+20, len(b))
				t.Errorf("%s: empty brackets in …%s…", filepath.ToSlash(rel), b[from:to])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatalf("no page in %s", out)
	}
	if bad > 10 {
		t.Errorf("… and %d more pages with empty brackets", bad-10)
	}
}
