package card

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestFillsMatchCSS checks that a card colours each status class as the site's maps do: the
// rank colours and the two colours of each pattern are those of atlas.css.
func TestFillsMatchCSS(t *testing.T) {
	b, err := os.ReadFile("../render/layouts/assets/atlas.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
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
			p := map[string]string{"former-all": "all", "former-some": "some"}[class]
			got = [2]string{hex(f.bg), hex(f.fg)}
			want = [2]string{fill("pat-bg-" + p), fill("pat-fg-" + p)}
		case dots:
			got = [2]string{hex(f.bg), hex(f.fg)}
			want = [2]string{fill("pat-bg-none"), fill("pat-fg-none")}
		}
		if got != want {
			t.Errorf("%s: the card fills it with %v, atlas.css with %v", class, got, want)
		}
	}
}
