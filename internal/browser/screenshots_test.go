package browser

import (
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/pipeline"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "rewrite the screenshots in docs/screenshots")

// TestDocScreenshots rewrites the full-page screenshots of the home, province, unit and year
// pages of the Sơn La fixture, and of the default site's home page (national-home-*), in
// docs/screenshots, at 360 px and on the desktop, when run with -update-screenshots:
//
//	go test ./internal/browser -run TestDocScreenshots -update-screenshots
func TestDocScreenshots(t *testing.T) {
	if !*updateScreenshots {
		t.Skip("run with -update-screenshots to rewrite docs/screenshots")
	}
	dir := filepath.Join(repoRoot, "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The README shows the default site's home page: the whole country.
	national := buildAndServe(t, repoRoot)
	for _, vp := range []viewport{desktop, phone} {
		t.Run("national-home-"+vp.name, func(t *testing.T) {
			p := openURL(t, browser(t), national, vp)
			png := run(p, "taking a screenshot", chromedp.FullScreenshot(100))
			name := filepath.Join(dir, "national-home-"+vp.name+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", name)
		})
	}
	for _, pg := range []struct{ name, path string }{
		{"home", ""},
		{"province", model.ProvincePath("14")},
		{"unit", model.UnitPath("03664")},
		{"year", model.ProvincePath("14") + model.YearPath(2020)},
	} {
		for _, vp := range []viewport{desktop, phone} {
			t.Run(pg.name+"-"+vp.name, func(t *testing.T) {
				p := open(t, pg.path, vp)
				png := run(p, "taking a screenshot", chromedp.FullScreenshot(100))
				name := filepath.Join(dir, pg.name+"-"+vp.name+".png")
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", name)
			})
		}
	}
}

// buildAndServe builds the site in dir into a temporary folder and serves it on 127.0.0.1
// until the test ends. It returns the server's URL, ending in "/".
func buildAndServe(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Run(pipeline.Options{Site: dir, Out: out}); err != nil {
		t.Fatalf("build of %s failed:\n%v", dir, err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}
