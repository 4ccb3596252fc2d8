package browser

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "rewrite the screenshots in docs/screenshots")

// TestDocScreenshots rewrites the full-page screenshots in docs/screenshots when run with
// -update-screenshots:
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
	for _, pg := range []struct{ name, path string }{
		{"home", ""},
		{"unit", "xa/03664/"},
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
