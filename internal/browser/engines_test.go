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

// block is the side of the square blocks compared, in pixels: the engines anti-alias the
// shapes' edges and rasterize the patterns' stripes and dots each its own way, which a block's
// mean mostly evens out.
const block = 4

// A likeness says whether two blocks, by their mean colours, look alike.
type likeness func(a, b [3]float64) bool

// sameColour: each mean channel at most 16 apart (of 255). The pixels inside a shape differ by
// at most 8 between Firefox and Chromium; the palest fill (no data) is 27 from the page's white.
func sameColour(a, b [3]float64) bool {
	for k := range a {
		if math.Abs(a[k]-b[k]) > 16 {
			return false
		}
	}
	return true
}

// sameDrawn: both blocks drawn on, or both the page's background bg (sameColour). WebKit draws
// a pattern's stripes of under 2 px darker than the others do (a block's mean up to 40 apart),
// so its blocks are compared by where something is drawn, and its fills by what the page's
// CSS gives them (which the screenshot cannot tell apart from the stripes' weight).
func sameDrawn(bg [3]float64) likeness {
	return func(a, b [3]float64) bool { return sameColour(a, bg) == sameColour(b, bg) }
}

// unlike is the share of box r in a that does not look like the same place dy pixels lower in
// b, block by block (a block that b does not have counts as unlike: the box moved outside its
// window).
func unlike(a, b *image.RGBA, r image.Rectangle, dy int, alike likeness) float64 {
	n := 0
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += block {
		for x0 := r.Min.X; x0 < r.Max.X; x0 += block {
			q := image.Rect(x0, y0, min(x0+block, r.Max.X), min(y0+block, r.Max.Y))
			if !q.Add(image.Pt(0, dy)).In(b.Rect) || !alike(mean(a, q), mean(b, q.Add(image.Pt(0, dy)))) {
				n += q.Dx() * q.Dy()
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// mean is the mean colour of box q of m.
func mean(m *image.RGBA, q image.Rectangle) [3]float64 {
	var s [3]float64
	for y := q.Min.Y; y < q.Max.Y; y++ {
		for x := q.Min.X; x < q.Max.X; x++ {
			p := m.Pix[m.PixOffset(x, y):]
			for k := range s {
				s[k] += float64(p[k])
			}
		}
	}
	for k := range s {
		s[k] /= float64(q.Dx() * q.Dy())
	}
	return s
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

// An engine is a browser other than Chromium that the tests compare with it: shot loads the
// page at url in a window of the viewport's size and returns its screenshot, once the page
// has loaded (and, on a page with the years' slider, once years.js shows it, where the engine
// can be asked).
type engine struct {
	name string
	shot func(t *testing.T, url string, vp viewport) image.Image
	// alike says, given the page's background, whether a block of the engine's screenshot
	// looks like Chromium's (unlike).
	alike func(bg [3]float64) likeness
}

// engines returns Firefox and WebKit, each as a subtest that skips without it (fails with
// CI=true).
func engines() []struct {
	name  string
	start func(t *testing.T) engine
} {
	return []struct {
		name  string
		start func(t *testing.T) engine
	}{
		{"firefox", func(t *testing.T) engine {
			firefox, err := findFirefox()
			if err != nil {
				if os.Getenv("CI") != "true" {
					t.Skipf("%v; install firefox-esr to run this test", err)
				}
				t.Fatal(err)
			}
			profile := t.TempDir()
			return engine{"Firefox", func(t *testing.T, url string, vp viewport) image.Image {
				return firefoxShot(t, firefox, profile, url, vp)
			}, func([3]float64) likeness { return sameColour }}
		}},
		{"webkit", func(t *testing.T) engine {
			wd := webkit(t)
			return engine{"WebKit", func(t *testing.T, url string, vp viewport) image.Image {
				wd.open(t, url, vp)
				if wkEval[bool](t, wd, `!!document.querySelector(".year-slider")`) && !wkEval[bool](t, wd, sliderShownJS) {
					t.Fatal("years.js did not show the slider in WebKit")
				}
				return wd.screenshot(t)
			}, sameDrawn}
		}},
	}
}

// TestOtherEnginesDrawMapsAsChromium checks, in two other engines, what the other browser
// tests check in Chromium: the maps of the home, province, year, unit, former-unit and embed
// pages, in both languages, look the same in headless Firefox and in WebKit (Safari's engine,
// as WebKitGTK) as in Chromium (at most maxUnlike of each map's box of another colour,
// unlike). A year page's map is made of <use> references into its province's shapes file, the
// legends' swatches fill with patterns defined once per page, the locators draw over a
// background image: each is a way of drawing that one engine may not share with another.
// Firefox runs without a script of the test: its own --screenshot, once the page has loaded
// (so the maps as the page first shows them).
func TestOtherEnginesDrawMapsAsChromium(t *testing.T) {
	var pages []string
	for _, dir := range langDirs {
		pages = append(pages, dir, dir+model.ProvincePath("14"), dir+model.ProvincePath("14")+model.YearPath(2020),
			dir+model.UnitPath("03664"), dir+model.FormerPath("04012"))
	}
	pages = append(pages, model.EmbedUnitPath("vi", "03664"), model.EmbedProvincePath("en", "14"))
	vp := viewport{name: "900", width: 900, height: 1600}
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			other := e.start(t)
			ctx := browser(t)
			base := site(t)
			for _, path := range pages {
				name := strings.TrimSuffix(path, "/")
				if name == "" {
					name = "home"
				}
				t.Run(name, func(t *testing.T) {
					p := openURL(t, ctx, base+path, vp)
					if eval[bool](p, `!!document.querySelector(".year-slider")`) && !sliderShown(p) {
						t.Fatal("years.js did not show the slider")
					}
					boxes := eval[[][]any](p, mapsJS)
					if len(boxes) == 0 {
						t.Fatal("no map on the page")
					}
					chromium := rgba(decodePNG(t, "Chromium's screenshot", run(p, "taking a screenshot", chromedp.CaptureScreenshot())))
					shot := rgba(other.shot(t, base+path, vp))
					compareMaps(t, other, chromium, shot, boxes)
					if t.Failed() {
						saveShot(t, e.name, shot)
						saveShot(t, "chromium", chromium)
					}
				})
			}
		})
	}
}

// compareMaps compares each box of Chromium's screenshot with the same box of the other
// engine's, where it stands at most maxShift lower or higher: at most maxUnlike of its pixels
// may differ. The boxes are mapsJS's; those outside either window are left out.
func compareMaps(t *testing.T, e engine, chromium, other *image.RGBA, boxes [][]any) {
	t.Helper()
	// The page's background, as a screenshot of its colour all over.
	blank := image.NewRGBA(chromium.Rect)
	draw.Draw(blank, blank.Rect, image.NewUniform(chromium.At(1, 1)), image.Point{}, draw.Src)
	alike := e.alike(mean(blank, image.Rect(0, 0, 1, 1)))
	compared := 0
	for _, b := range boxes {
		r := image.Rect(int(b[1].(float64)), int(b[2].(float64)), int(b[3].(float64)), int(b[4].(float64)))
		if r.Empty() || !r.In(chromium.Rect) || !r.In(other.Rect) {
			continue // below a window
		}
		compared++
		// What the box would differ by if the engine left it blank: more than the
		// difference allowed, or the comparison could not fail.
		drawn := unlike(chromium, blank, r, 0, alike)
		if drawn < 3*maxUnlike {
			t.Errorf("%s at %v: only %.1f %% of the box is drawn in Chromium", b[0], r, 100*drawn)
		}
		dy := shift(chromium, other, r, maxShift)
		if d := unlike(chromium, other, r, dy, alike); d > maxUnlike {
			t.Errorf("%s at %v: %.1f %% of its pixels are of another colour in %s than in Chromium (where it stands %d px lower)", b[0], r, 100*d, e.name, dy)
		} else {
			t.Logf("%s at %v: %.2f %% of its pixels of another colour (%d px lower); %.0f %% drawn", b[0], r, 100*d, dy, 100*drawn)
		}
	}
	if compared == 0 {
		t.Errorf("no map within the windows")
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
	t.Logf("%s: %s", name, file)
}
