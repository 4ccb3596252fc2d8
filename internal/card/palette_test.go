package card

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/carto"
)

// TestFillsMatchCSS checks that a card colours each status class as the site's maps do: the
// rank colours and the two colours of each pattern are those of atlas.css.
func TestFillsMatchCSS(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "render", "layouts", "assets", "atlas.css"))
	if err != nil {
		t.Fatal(err)
	}
	css, _, _ := strings.Cut(string(b), "@media (prefers-color-scheme: dark)") // the light scheme
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(css, -1) {
		vars[m[1]] = strings.ToLower(m[2])
	}
	fill := func(class string) string {
		m := regexp.MustCompile(`\.` + class + ` \{ fill: ([^;]+);`).FindStringSubmatch(css)
		if m == nil {
			t.Fatalf("atlas.css has no fill for .%s", class)
		}
		v := m[1]
		if strings.HasPrefix(v, "var(--") {
			v = vars[strings.TrimSuffix(strings.TrimPrefix(v, "var(--"), ")")]
		}
		return strings.ToLower(v)
	}
	hex := func(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
	for class, f := range fills {
		var got, want [2]string
		switch f := f.(type) {
		case *image.Uniform:
			got = [2]string{hex(f.C.(color.RGBA)), ""}
			want = [2]string{vars[class], ""}
		case stripes:
			p := map[string]string{"former-all": "all", "former-some": "some", "count-only": "count"}[class]
			got = [2]string{hex(f.bg), hex(f.fg)}
			want = [2]string{fill("pat-bg-" + p), fill("pat-fg-" + p)}
		case checker:
			got = [2]string{hex(f.bg), hex(f.fg)}
			want = [2]string{fill("pat-bg-" + class), fill("pat-fg-" + class)}
		case dots:
			got = [2]string{hex(f.bg), hex(f.fg)}
			want = [2]string{fill("pat-bg-none"), fill("pat-fg-none")}
		}
		if got != want {
			t.Errorf("%s: the card fills it with %v, atlas.css with %v", class, got, want)
		}
	}
	if got, want := hex(olderMark.fg), fill("pat-fg-older"); got != want {
		t.Errorf("the hatch of older data: the card draws it in %s, atlas.css in %s", got, want)
	}
}

// TestStripesMatchSite checks that a card's stripes are the site's (its SVG patterns in
// partials.html and the legend dots of atlas.css): the same direction, the same share of
// each period in the stripe colour, and the same period, in pixels, as the site draws them
// at its maps' own size (carto.Precision SVG units a pixel).
func TestStripesMatchSite(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	partials, css := read("../render/layouts/partials.html"), read(filepath.Join("..", "render", "layouts", "assets", "atlas.css"))
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for class, p := range map[string]string{"former-all": "all", "former-some": "some", "count-only": "count"} {
		card := fills[class].(stripes)
		m := regexp.MustCompile(`<pattern id="pat-` + class + `" width="([\d.]+)" height="[\d.]+" patternUnits="userSpaceOnUse" patternTransform="rotate\((-?\d+)\)"><rect [^>]+/><rect width="([\d.]+)" height="[\d.]+" class="pat-fg-` + p + `"/>`).FindStringSubmatch(partials)
		if m == nil {
			t.Fatalf("partials.html has no stripe pattern pat-%s of the expected form", class)
		}
		size, angle, stripe := num(m[1]), num(m[2]), num(m[3])
		// rotate(45) turns the pattern's upright stripe to run from bottom left to top
		// right, as the card's dir 1 does (x+y constant).
		if want := 45.0 * float64(card.dir); angle != want {
			t.Errorf("%s: the site's stripes are at rotate(%g), the card's (dir %d) at %g", class, angle, card.dir, want)
		}
		if got, want := stripe/size, float64(card.width)/float64(card.period); math.Abs(got-want) > 0.01 {
			t.Errorf("%s: the site's stripe is %.3f of its period, the card's %.3f", class, got, want)
		}
		// The card's period runs along x; across the stripes it is period/√2.
		if got, want := size/carto.Precision, float64(card.period)/math.Sqrt2; math.Abs(got-want) > 0.02 {
			t.Errorf("%s: the site's stripes repeat every %.2f px, the card's every %.2f px", class, got, want)
		}
		// The legend dot: a CSS gradient at the opposite angle (CSS turns the other way)
		// with the stripe the same share of its period.
		d := regexp.MustCompile(`\.dot\.` + class + ` \{ background: repeating-linear-gradient\((-?\d+)deg, #[0-9a-f]{6} 0 ([\d.]+)px, #[0-9a-f]{6} [\d.]+px ([\d.]+)px\); \}`).FindStringSubmatch(css)
		if d == nil {
			t.Fatalf("atlas.css has no stripe gradient for .dot.%s of the expected form", class)
		}
		if got := num(d[1]); got != -angle {
			t.Errorf("%s: the legend dot's stripes are at %gdeg, want %gdeg to run as the map's", class, got, -angle)
		}
		if got, want := num(d[2])/num(d[3]), float64(card.width)/float64(card.period); math.Abs(got-want) > 0.01 {
			t.Errorf("%s: the legend dot's stripe is %.3f of its period, the card's %.3f", class, got, want)
		}
	}
}
