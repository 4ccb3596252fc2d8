package render

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestMapUI(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t), Nation: maps(t)["14"].Main})
	if err != nil {
		t.Fatal(err)
	}
	js := ""
	for p := range files {
		if strings.HasPrefix(p, model.ImmutableDir+"map.") && strings.HasSuffix(p, ".js") {
			js = p
		}
	}
	if js == "" {
		t.Fatalf("no %s written", model.AssetPath("map.js", "<hash>"))
	}
	// The national map on the home page has the tooltips too; its table lists the provinces.
	if want := `<script src="./` + js + `" defer></script>`; !strings.Contains(string(files["index.html"]), want) {
		t.Errorf("index.html lacks %s", want)
	}
	for _, page := range []string{pageFile("vi", model.ProvincePath("14")), pageFile("en", model.ProvincePath("14"))} {
		body, root := string(files[page]), upFrom(page)
		if want := `<script src="` + root + js + `" defer></script>`; !strings.Contains(body, want) {
			t.Errorf("%s lacks %s", page, want)
		}
		// The map's table: a row linking each unit on the map, and the CSV.
		if !strings.Contains(body, `<section class="map-table" id="table"`) || !strings.Contains(body, model.DataPath("14", "csv")+`" download>CSV</a>`) {
			t.Errorf("%s has no table of the map's data with its CSV", page)
		}
		for _, m := range regexp.MustCompile(`<a href="([^"]+)"><title>`).FindAllStringSubmatch(body, -1) {
			if !strings.Contains(body, `<th scope="row"><a href="`+m[1]+`">`) {
				t.Errorf("%s: the map links %s, its table does not", page, m[1])
			}
		}
	}
	if strings.Contains(string(files[pageFile("vi", model.UnitPath("03664"))]), model.ImmutableDir+"map.") {
		t.Error("a unit page loads the map's script; only pages with the province map need it")
	}
}

// TestPalette checks the map's colours: the ranks of own assessments get darker as they rise
// (so they keep their order for colour-blind readers and in grey), and each pattern's two
// colours differ by at least 3:1, so its stripes or dots show (WCAG 1.4.11).
func TestPalette(t *testing.T) {
	css, err := builtin.ReadFile("layouts/" + model.AssetsDir + "atlas.css")
	if err != nil {
		t.Fatal(err)
	}
	css, _, _ = bytes.Cut(css, []byte("@media (prefers-color-scheme: dark)")) // the light scheme
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	fill := func(class string) string {
		m := regexp.MustCompile(`\.` + class + ` \{ fill: ([^;]+);`).FindStringSubmatch(string(css))
		if m == nil {
			t.Fatalf("atlas.css has no fill for .%s", class)
		}
		v := m[1]
		if strings.HasPrefix(v, "var(--") {
			v = vars[strings.TrimSuffix(strings.TrimPrefix(v, "var(--"), ")")]
		}
		return v
	}
	prev := 2.0
	for i := 0; i <= 5; i++ {
		l := luminance(vars["rank-"+strconv.Itoa(i)])
		if l >= prev {
			t.Errorf("rank-%d (%s) is not darker than rank-%d", i, vars["rank-"+strconv.Itoa(i)], i-1)
		}
		prev = l
	}
	for _, p := range []string{"all", "some", "none", "count", "parts"} {
		bg, fg := fill("pat-bg-"+p), fill("pat-fg-"+p)
		if r := contrast(bg, fg); r < 3 {
			t.Errorf("pattern %s: %s on %s is %.2f:1, want at least 3:1", p, fg, bg, r)
		}
	}
	// Every swatch's edge shows against the paper, however light its fill (WCAG 1.4.11).
	for _, sel := range []string{`\.swatch`, `\.dot`} {
		m := regexp.MustCompile(`(?m)^` + sel + ` \{[^}]*border: 1px solid (#[0-9a-fA-F]{6})`).FindStringSubmatch(string(css))
		if m == nil {
			t.Errorf("atlas.css gives %s no border colour", sel)
		} else if r := contrast(m[1], "#ffffff"); r < 3 {
			t.Errorf("%s border %s on the paper is %.2f:1, want at least 3:1", sel, m[1], r)
		}
	}
	if strings.Contains(string(css), "@font-face") {
		t.Error("atlas.css loads a web font; the atlas uses system fonts that cover Vietnamese")
	}
}

// luminance is the WCAG relative luminance of a colour "#rrggbb".
func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(a, b string) float64 {
	x, y := luminance(a), luminance(b)
	return (math.Max(x, y) + 0.05) / (math.Min(x, y) + 0.05)
}

// TestLegend checks the legends of the maps: only the classes on the map, most important
// first and "no data" last, each with its count and share; on a year page the classes of the
// other years are there but hidden, for the slider.
func TestLegend(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t), Nation: maps(t)["14"].Main})
	if err != nil {
		t.Fatal(err)
	}
	item := regexp.MustCompile(`<li data-class="([a-z0-9-]+)"( hidden)?>.*?<span class="n">([0-9.,]+)</span> <span class="pct">\(([^)]*)\)</span>`)
	r := &renderer{a: site()}
	rank := map[string]int{}
	for i, c := range r.classOrder() {
		rank[string(c)] = i
	}
	for i, c := range shareOrder() {
		rank[string(c)] = i
	}
	prov := model.ProvincePath("14")
	for _, page := range []string{pageFile("vi", prov), pageFile("en", prov), pageFile("vi", ""), model.PageFile(model.EmbedProvincePath("vi", "14")),
		pageFile("vi", prov+model.YearPath(2011)), pageFile("vi", model.YearPath(2011))} {
		body, ok := files[page]
		if !ok {
			t.Errorf("no %s", page)
			continue
		}
		ms := item.FindAllStringSubmatch(string(body), -1)
		if len(ms) == 0 {
			t.Errorf("%s: no legend items", page)
			continue
		}
		prev := -1
		for i, m := range ms {
			class, hidden, count, pct := m[1], m[2] != "", m[3], m[4]
			if rank[class] <= prev {
				t.Errorf("%s: %s comes after a class that should follow it", page, class)
			}
			prev = rank[class]
			if class == "no-data" && i != len(ms)-1 {
				t.Errorf("%s: no data is not last", page)
			}
			if hidden != (count == "0") {
				t.Errorf("%s: %s has count %s and hidden=%t; a class is hidden exactly when it is not on this map", page, class, count, hidden)
			}
			if hidden && !strings.Contains("/"+page, "/"+model.YearsDir) { // only the years' maps have a slider
				t.Errorf("%s: %s is listed with no unit on a map that has no slider", page, class)
			}
			if !strings.HasSuffix(pct, "%") {
				t.Errorf("%s: %s has share %q", page, class, pct)
			}
		}
	}
}
