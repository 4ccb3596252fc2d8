package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestStandaloneFills checks that the SVG files a render writes (the maps to download, the
// year pages' shapes), which have no stylesheet, give every shape of every pattern its colour
// as a fill attribute: a pattern part left with only its class is drawn black.
func TestStandaloneFills(t *testing.T) {
	files := withDownloads(t, site(), Options{Maps: maps(t)})
	pattern := regexp.MustCompile(`(?s)<pattern .*?</pattern>`)
	shape := regexp.MustCompile(`<(rect|circle|path)\b[^>]*>`)
	checked := 0
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		for _, pat := range pattern.FindAllString(string(files[p]), -1) {
			checked++
			for _, s := range shape.FindAllString(pat, -1) {
				if !strings.Contains(s, ` fill="`) {
					t.Errorf("%s: a pattern's %s has no fill: %s", p, s, pat)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no SVG file with patterns was rendered")
	}
}
