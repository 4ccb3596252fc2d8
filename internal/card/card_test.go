package card_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/status"
)

var update = flag.Bool("update", false, "rewrite the golden card")

// defaultSite is the Sơn La fixture (testdata/son-la): the default content of one province.
const defaultSite = "../../testdata/son-la"

// goldenUnit is the unit whose card the golden image pins.
const goldenUnit = "03670"

var loadSite = sync.OnceValues(func() (*model.Site, error) {
	site, _, err := pipeline.Load(defaultSite)
	return site, err
})

// testCard is the Vietnamese card of unit code, drawn on the default site's province map as
// the build draws it.
func testCard(t testing.TB, code string) *card.Card {
	t.Helper()
	site, err := loadSite()
	if err != nil {
		t.Fatal(err)
	}
	a := status.Derive(site)
	u := a.Index.Units[code]
	var fs []carto.Feature
	for _, b := range site.Boundaries {
		if v := a.Index.Units[b.Code]; v != nil && v.Province == u.Province {
			fs = append(fs, carto.Feature{Code: b.Code, Geometry: b.Geometry})
		}
	}
	m, err := carto.Draw(fs, carto.Options{Width: geometry.ProvinceMapWidth, Snap: 1})
	if err != nil {
		t.Fatal(err)
	}
	classes := map[string]string{}
	for c, st := range a.Statuses {
		classes[c] = string(st.Class)
	}
	st := a.Statuses[code]
	return &card.Card{
		Map:         m,
		Classes:     classes,
		Focus:       code,
		Site:        "Atlas Nông thôn mới Sơn La",
		Title:       u.FullName(),
		Subtitle:    "Phường · Tỉnh Sơn La",
		Status:      "Chưa có đánh giá riêng; 2/2 xã cũ hợp thành đã đạt chuẩn",
		StatusClass: string(st.Class),
		Status2:     "No assessment of its own yet; 2 of 2 former communes recognized",
		Footer:      "ntm-atlas.netlify.app/" + model.UnitPath(code),
	}
}

// TestGolden pins the rendering of one card pixel by pixel. Run with -update to accept a
// change, and look at the new image before committing it.
func TestGolden(t *testing.T) {
	b, err := card.PNG(testCard(t, goldenUnit))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", "card-"+goldenUnit+".png")
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gi, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	wi, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if gi.Bounds() != wi.Bounds() {
		t.Fatalf("card is %v, golden %v", gi.Bounds(), wi.Bounds())
	}
	diff := 0
	var first image.Point
	for y := 0; y < card.Height; y++ {
		for x := 0; x < card.Width; x++ {
			r1, g1, b1, a1 := gi.At(x, y).RGBA()
			r2, g2, b2, a2 := wi.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				if diff == 0 {
					first = image.Pt(x, y)
				}
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d pixels differ from %s, the first at %v; run with -update if the change is intended", diff, path, first)
	}
}

// TestSize checks that a card is a 600×315 PNG, and one without a map too.
func TestSize(t *testing.T) {
	for _, c := range []*card.Card{{Title: "Xã Chiềng Mai", Status: "Chưa có dữ liệu", StatusClass: "no-data"}, {}} {
		b, err := card.PNG(c)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil || format != "png" || cfg.Width != 600 || cfg.Height != 315 {
			t.Errorf("card %q: %s %dx%d, %v; want a 600x315 png", c.Title, format, cfg.Width, cfg.Height, err)
		}
	}
}

// TestWrapLongName checks that a name too long for three lines at the smallest size is cut
// with an ellipsis instead of running off the card.
func TestWrapLongName(t *testing.T) {
	long := bytes.Repeat([]byte("Nghĩa Phương Thượng "), 12)
	if _, err := card.PNG(&card.Card{Title: string(long)}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkDraw(b *testing.B) {
	c := testCard(b, goldenUnit)
	for b.Loop() {
		card.Draw(c)
	}
}

func BenchmarkPNG(b *testing.B) {
	c := testCard(b, goldenUnit)
	for b.Loop() {
		if _, err := card.PNG(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNGOnBase draws cards as a build does: on their province's base map, drawn once.
func BenchmarkPNGOnBase(b *testing.B) {
	c := testCard(b, goldenUnit)
	c.Base = card.NewBase(c.Map, c.Classes)
	for b.Loop() {
		if _, err := card.PNG(c); err != nil {
			b.Fatal(err)
		}
	}
}
