package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/status"
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

// TestStandaloneClassFills checks that every class a map can give a unit has its fill in
// the standalone map files, resolved from the stylesheet: a class missing from mapRule was
// drawn grey, as if unknown (the district and province recognitions' area-all and
// area-some were, in every downloaded year map).
func TestStandaloneClassFills(t *testing.T) {
	r, err := prepare(site(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, fills, err := r.filledPatterns()
	if err != nil {
		t.Fatal(err)
	}
	classes := append(r.classOrder(), status.CountOnly, status.Parts, status.Older)
	for k := 1; k <= 5; k++ {
		classes = append(classes, status.Class("share-"+strconv.Itoa(k)))
	}
	for _, c := range classes {
		if fills.class[string(c)] == "" {
			t.Errorf("class %q has no fill in the standalone maps", c)
		}
	}
	m := &MapView{ViewBox: "0 0 10 10", Width: 10, Height: 10, Title: "t",
		Shapes: []ShapeView{{Class: "no-such-class", Path: "M0 0h1v1z", Name: "x"}}}
	if _, err := r.mapFileSVG(m, "about"); err == nil {
		t.Error("a shape of a class without a fill: no error")
	}
}
