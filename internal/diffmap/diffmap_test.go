package diffmap

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/paulmach/orb"
)

// TestFillsMatchSite: a before-and-after map colours each class as the site's maps do: the
// rank colours of atlas.css, and the site's patterns (partials.html) with atlas.css's colours
// written in.
func TestFillsMatchSite(t *testing.T) {
	read := func(name ...string) string {
		b, err := os.ReadFile(filepath.Join(append([]string{"..", "render", "layouts"}, name...)...))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	css, _, _ := strings.Cut(read("assets", "atlas.css"), "@media (prefers-color-scheme: dark)") // the light scheme
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,6})`).FindAllStringSubmatch(css, -1) {
		vars[m[1]] = strings.ToLower(m[2])
	}
	fill := func(class string) string {
		m := regexp.MustCompile(`\.` + class + ` \{ fill: ([^;]+);`).FindStringSubmatch(css)
		if m == nil {
			t.Fatalf("atlas.css has no fill for .%s", class)
		}
		v := m[1]
		if name, ok := strings.CutPrefix(v, "var(--"); ok {
			v = vars[strings.TrimSuffix(name, ")")]
		}
		return strings.ToLower(v)
	}
	for r := 0; r <= 5; r++ {
		c := status.RankClass(r)
		if got, want := fills[c], fill(string(c)); got != want {
			t.Errorf("%s: filled with %s, atlas.css with %s", c, got, want)
		}
	}
	partials := read("partials.html")
	classAttr := regexp.MustCompile(`class="([a-z-]+)"`)
	for _, c := range []status.Class{status.FormerAll, status.FormerSome, status.AreaAll, status.AreaSome, status.NoData} {
		if got, want := fills[c], "url(#pat-"+string(c)+")"; got != want {
			t.Errorf("%s: filled with %s, want %s", c, got, want)
		}
		site := regexp.MustCompile(`<pattern id="pat-` + string(c) + `".*?</pattern>`).FindString(partials)
		if site == "" {
			t.Fatalf("partials.html has no pattern pat-%s", c)
		}
		site = classAttr.ReplaceAllStringFunc(site, func(a string) string {
			return `fill="` + fill(classAttr.FindStringSubmatch(a)[1]) + `"`
		})
		if !strings.Contains(patterns, site) {
			t.Errorf("the pattern of %s is not the site's:\nsite: %s\nhere: %s", c, site, patterns)
		}
	}
}

// TestSVG: both sides draw every unit in its class of that side, the changed units are
// outlined on both, named on the side after the change, and the document is well-formed XML
// with its text escaped.
func TestSVG(t *testing.T) {
	square := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 21}, {x + 0.1, 21}, {x + 0.1, 21.1}, {x, 21.1}, {x, 21}}}}
	}
	shapes, err := carto.Draw([]carto.Feature{{Code: "1", Geometry: square(103)}, {Code: "2", Geometry: square(103.1)}}, carto.Options{Width: 400})
	if err != nil {
		t.Fatal(err)
	}
	svg := string(SVG(Map{
		Title: "Tỉnh <Thử>", Old: "main & co", New: "HEAD", Shapes: shapes,
		OldClass: map[string]status.Class{"1": status.NoData, "2": status.RankClass(2)},
		NewClass: map[string]status.Class{"1": status.FormerAll, "2": status.RankClass(2)},
		Names:    map[string]string{"1": "Xã Một", "2": "Xã Hai"},
		Changed:  []string{"1"},
		Words:    func(c status.Class) string { return "words for " + string(c) },
	}))
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, want := range []string{
		`<title>Tỉnh &lt;Thử&gt;: main &amp; co → HEAD</title>`,
		`<use href="#u1" fill="url(#pat-no-data)"><title>Xã Một: words for no-data</title></use>`,
		`<use href="#u1" fill="url(#pat-former-all)"><title>Xã Một: words for former-all</title></use>`,
		`>Xã Một</text>`,
		`>words for rank-2</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the map lacks %s", want)
		}
	}
	if n := strings.Count(svg, `<use href="#u1" fill="none" stroke="#000"`); n != 2 {
		t.Errorf("the changed unit is outlined %d times, want once on each side", n)
	}
	if n := strings.Count(svg, `<use href="#u2" fill="none" stroke="#000"`); n != 0 {
		t.Errorf("an unchanged unit is outlined")
	}
	if n := strings.Count(svg, `<path id="u`); n != 2 {
		t.Errorf("%d shapes defined, want each of the 2 once", n)
	}
}
