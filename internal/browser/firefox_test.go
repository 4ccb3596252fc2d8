package browser

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ntm-atlas/atlas/internal/model"
)

// errNoFirefox reports that Firefox is not installed.
var errNoFirefox = errors.New("no Firefox found: neither firefox-esr nor firefox is in PATH, and ATLAS_FIREFOX is not set")

// findFirefox returns the path of Firefox: $ATLAS_FIREFOX, or the first of firefox-esr and
// firefox in PATH.
func findFirefox() (string, error) {
	if p := os.Getenv("ATLAS_FIREFOX"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("ATLAS_FIREFOX=%s: %v", p, err)
		}
		return path, nil
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errNoFirefox
}

// firefoxShot has headless Firefox load url in a window of the viewport's size and returns
// its screenshot of the window (Firefox's own --screenshot, taken once the page has loaded).
// Firefox runs once per page, in the profile folder given.
func firefoxShot(t *testing.T, firefox, profile, url string, vp viewport) image.Image {
	t.Helper()
	out := filepath.Join(profile, "shot.png")
	os.Remove(out)
	cmd := exec.Command(firefox, "--headless", "--no-remote", "--profile", profile,
		"--window-size="+strconv.FormatInt(vp.width, 10)+","+strconv.FormatInt(vp.height, 10),
		"--screenshot", out, url)
	cmd.Env = append(os.Environ(), "TMPDIR="+profile)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Firefox on %s: %v\n%s", url, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("Firefox on %s wrote no screenshot: %v", url, err)
	}
	return decodePNG(t, "Firefox's screenshot", b)
}

func decodePNG(t *testing.T, what string, b []byte) image.Image {
	t.Helper()
	im, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return im
}

// rgba is the screenshot im as RGBA pixels, to compare pixel by pixel.
func rgba(im image.Image) *image.RGBA {
	if m, ok := im.(*image.RGBA); ok {
		return m
	}
	m := image.NewRGBA(im.Bounds())
	draw.Draw(m, m.Bounds(), im, im.Bounds().Min, draw.Src)
	return m
}

// tolerance is how far apart two pixels' channels may be (of 255) and still count as the
// same colour: the engines anti-alias the pattern's dots and the shapes' edges each its own
// way, up to 8 apart inside a shape; the palest fill (no data) is 27 from the page's white.
const tolerance = 16

// differs reports whether the pixels at a[i:] and b[j:] are of another colour.
func differs(a, b []uint8) bool {
	for k := range 3 {
		if d := int(a[k]) - int(b[k]); d > tolerance || d < -tolerance {
			return true
		}
	}
	return false
}

// unlike is the share of the pixels of box r in a whose colour differs from the pixel dy
// lower in b (0 where b has no such pixel row: the box moved outside the window).
func unlike(a, b *image.RGBA, r image.Rectangle, dy int) float64 {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if !image.Pt(r.Min.X, y+dy).In(b.Rect) {
			n += r.Dx()
			continue
		}
		for x := r.Min.X; x < r.Max.X; x++ {
			if differs(a.Pix[a.PixOffset(x, y):], b.Pix[b.PixOffset(x, y+dy):]) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// shift finds how much lower box r of a stands in b, by at most most pixels: the move whose
// rows are closest in mean brightness. A line of text that one engine wraps otherwise, or a
// control a script shows once its data has come, moves what is below it.
func shift(a, b *image.RGBA, r image.Rectangle, most int) int {
	mean := func(m *image.RGBA, y int) float64 {
		s := 0
		for x := r.Min.X; x < r.Max.X; x++ {
			p := m.Pix[m.PixOffset(x, y):]
			s += int(p[0]) + int(p[1]) + int(p[2])
		}
		return float64(s) / float64(r.Dx())
	}
	want := make([]float64, r.Dy())
	for y := range want {
		want[y] = mean(a, r.Min.Y+y)
	}
	best, bestDy := -1.0, 0
	for dy := -most; dy <= most; dy++ {
		if r.Min.Y+dy < b.Rect.Min.Y || r.Max.Y+dy > b.Rect.Max.Y {
			continue
		}
		d := 0.0
		for y, w := range want {
			d += math.Abs(w - mean(b, r.Min.Y+y+dy))
		}
		if best < 0 || d < best || d == best && max(dy, -dy) < max(bestDy, -bestDy) {
			best, bestDy = d, dy
		}
	}
	return bestDy
}

// mapsJS gives the box of each map on the page, in CSS pixels of the viewport, with a name:
// the province and year maps (whose units are <use> references to a shared shapes file on a
// year page, paths elsewhere), the locators (a background image and the focused paths), the
// legend's swatches (filled by patterns defined once per page).
const mapsJS = `[...document.querySelectorAll("figure.map svg, figure.locator svg, .legend svg.swatch")].map(e => {
  const r = e.getBoundingClientRect(), li = e.closest("li[data-class]");
  return [li ? "swatch " + li.dataset.class : e.closest("figure").className, Math.floor(r.left), Math.floor(r.top), Math.ceil(r.right), Math.ceil(r.bottom)];
})`

// maxUnlike is the share of a map's box that may differ in colour between the engines
// (unlike): none of it does on the fixture today, where a map left undrawn differs by the part
// of its box it covers (38 % of a year map's) and another year's map by 8 %. maxShift is how
// far a map may have moved down or up (shift).
const (
	maxUnlike = 0.02
	maxShift  = 160
)

// TestFirefoxDrawsMapsAsChromium checks, in a second engine, what the other browser tests
// check in Chromium: the maps of the home, province, year, unit, former-unit and embed pages,
// in both languages, look the same in headless Firefox as in Chromium (at most maxUnlike of
// each map's box of another colour, unlike). A year page's map is made of <use> references
// into its province's shapes file, the legends' swatches fill with patterns defined once per
// page, the locators draw over a background image: each is a way of drawing that one engine
// may not share with the other. Firefox runs without a script of the test:
// its own --screenshot, once the page has loaded (so the maps as the page first shows them).
//
// Like the Chromium tests, it skips without Firefox unless CI=true.
func TestFirefoxDrawsMapsAsChromium(t *testing.T) {
	firefox, err := findFirefox()
	if err != nil {
		if os.Getenv("CI") != "true" {
			t.Skipf("%v; install firefox-esr to run this test", err)
		}
		t.Fatal(err)
	}
	ctx := browser(t)
	base := site(t)
	profile := t.TempDir()
	vp := viewport{name: "900", width: 900, height: 1600}
	var pages []string
	for _, dir := range langDirs {
		pages = append(pages, dir, dir+model.ProvincePath("14"), dir+model.ProvincePath("14")+model.YearPath(2020),
			dir+model.UnitPath("03664"), dir+model.FormerPath("04012"))
	}
	pages = append(pages, model.EmbedUnitPath("vi", "03664"), model.EmbedProvincePath("en", "14"))
	for _, path := range pages {
		name := strings.TrimSuffix(path, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			p := openURL(t, ctx, base+path, vp)
			// A page with the years' slider shows it once years.js has its data: the boxes
			// and the screenshot are taken after.
			if eval[bool](p, `!!document.querySelector(".year-slider")`) && !sliderShown(p) {
				t.Fatal("years.js did not show the slider")
			}
			boxes := eval[[][]any](p, mapsJS)
			if len(boxes) == 0 {
				t.Fatal("no map on the page")
			}
			chromium := rgba(decodePNG(t, "Chromium's screenshot", run(p, "taking a screenshot", chromedp.CaptureScreenshot())))
			fox := rgba(firefoxShot(t, firefox, profile, base+path, vp))
			if chromium.Rect != fox.Rect {
				t.Fatalf("screenshots of %v (Chromium) and %v (Firefox)", chromium.Rect, fox.Rect)
			}
			// The page's background, as a screenshot of its colour all over.
			blank := image.NewRGBA(chromium.Rect)
			draw.Draw(blank, blank.Rect, image.NewUniform(chromium.At(1, 1)), image.Point{}, draw.Src)
			compared := 0
			for _, b := range boxes {
				r := image.Rect(int(b[1].(float64)), int(b[2].(float64)), int(b[3].(float64)), int(b[4].(float64)))
				if r.Empty() || !r.In(chromium.Rect) {
					continue // below the window
				}
				compared++
				// What the box would differ by if Firefox left it blank: more than the
				// difference allowed, or the comparison could not fail.
				if drawn := unlike(chromium, blank, r, 0); drawn < 3*maxUnlike {
					t.Errorf("%s at %v: only %.1f %% of the box is drawn in Chromium", b[0], r, 100*drawn)
				}
				dy := shift(chromium, fox, r, maxShift)
				if d := unlike(chromium, fox, r, dy); d > maxUnlike {
					t.Errorf("%s at %v: %.1f %% of its pixels are of another colour in Firefox than in Chromium (where it stands %d px lower)", b[0], r, 100*d, dy)
				} else {
					t.Logf("%s at %v: %.2f %% of its pixels of another colour (%d px lower); %.0f %% drawn", b[0], r, 100*d, dy, 100*unlike(chromium, blank, r, 0))
				}
			}
			if compared == 0 {
				t.Errorf("no map within the first %d px of the page", vp.height)
			}
			if t.Failed() {
				saveShot(t, "firefox", fox)
				saveShot(t, "chromium", chromium)
			}
		})
	}
}

// saveShot saves a screenshot beside those of failed Chromium tests (screenshotDir).
func saveShot(t *testing.T, name string, im image.Image) {
	dir, err := screenshotDir()
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	var buf bytes.Buffer
	if err == nil {
		err = png.Encode(&buf, im)
	}
	file := filepath.Join(dir, strings.NewReplacer("/", "-").Replace(t.Name()+"-"+name)+".png")
	if err == nil {
		err = os.WriteFile(file, buf.Bytes(), 0o644)
	}
	if err != nil {
		t.Logf("saving a screenshot: %v", err)
		return
	}
	t.Logf("Firefox's screenshot: %s", file)
}
