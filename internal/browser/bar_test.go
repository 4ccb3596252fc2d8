package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ntm-atlas/atlas/internal/model"
)

// barPages are the pages that carry the journalists' bar: the page at page (its path in
// Vietnamese) in the language whose folder is lang. embed says the page has an embed (a
// province or a current unit); mapped that the bar is under a map; unit names the current
// unit whose own CSV and JSON the bar links.
var barPages = []barPage{
	{page: "", mapped: true},
	{lang: enDir, page: "", mapped: true},
	{page: model.ProvincePath("14"), embed: true, mapped: true},
	{lang: enDir, page: model.ProvincePath("14"), embed: true, mapped: true},
	{page: model.YearPath(2020), mapped: true},
	{page: model.ProvincePath("14") + model.YearPath(2020), mapped: true},
	{lang: enDir, page: model.ProvincePath("14") + model.YearPath(2020), mapped: true},
	{page: model.UnitPath("03664"), embed: true, unit: "03664"},
	{lang: enDir, page: model.UnitPath("03664"), embed: true, unit: "03664"},
	{page: model.FormerPath("03649"), noShare: true},
}

type barPage struct {
	lang, page    string
	embed, mapped bool
	unit          string
	noShare       bool // only the cite panel: a former unit's page, whose citation holds its URL
}

// path is the page's path in its language.
func (bp barPage) path() string { return bp.lang + bp.page }

// barState is what barJS reads of a page's bar, after checking each of its files.
type barState struct {
	Bar                              bool
	Visible                          bool     // the bar and each of its summaries take up room
	Summaries                        []string // the panels' names, in order
	BarTop, MapBottom                float64
	MapPaths                         int    // the paths of the page's map (or the <use>s of them)
	URL, Canonical                   string // the share field's value and the page's canonical link
	CopyShown                        bool   // bar.js showed the copy button
	Embed, EmbedResponsive           string // the embed textareas' code
	EmbedSrc, EmbedResponsiveSrc     string // the iframes' src, as parsed from the code
	EmbedStatus                      int
	ResponsiveStyle                  string
	Downloads                        []barFile
	Cite, H1, Footer, CiteAccessNoJS string
}

// barFile is one download of the bar, as fetched and read by barJS.
type barFile struct {
	Href, Format string
	Status       int
	Type         string // content type
	Valid        bool   // parses as its format
	About        string // what in it names the page: the SVG's desc, the CSV's code and url, the JSON's unit code
	Paths        int    // an SVG's paths
	Formers      int    // a unit JSON's former communes
}

// barJS reads the bar of the page and fetches and checks each of its files.
const barJS = `(async () => {
	const bar = document.querySelector("section.bar");
	const s = {Bar: !!bar, Summaries: [], Downloads: []};
	if (!bar) return s;
	const r = bar.getBoundingClientRect();
	s.BarTop = r.top + scrollY;
	const mv = document.querySelector(".map-view");
	s.MapBottom = mv ? mv.getBoundingClientRect().bottom + scrollY : 0;
	s.MapPaths = document.querySelectorAll(".map svg path, .map svg use").length; // a province's year pages <use> its shapes file
	const sums = [...bar.querySelectorAll("summary")];
	s.Visible = r.height > 0 && sums.length > 0 && sums.every(x => x.getBoundingClientRect().height >= 24);
	s.Summaries = sums.map(x => x.textContent.trim());
	s.URL = (document.getElementById("bar-url") || {}).value || "";
	s.Canonical = document.querySelector("link[rel=canonical]").href;
	s.CopyShown = !(bar.querySelector("button[data-copy=bar-url]") || {hidden: true}).hidden;
	const parse = code => new DOMParser().parseFromString(code, "text/html");
	const fixed = document.getElementById("embed-code"), resp = document.getElementById("embed-code-responsive");
	if (fixed && resp) {
		s.Embed = fixed.value; s.EmbedResponsive = resp.value;
		const f = parse(fixed.value).querySelector("iframe"), g = parse(resp.value).querySelector("iframe");
		s.EmbedSrc = f ? f.getAttribute("src") : "";
		s.EmbedResponsiveSrc = g ? g.getAttribute("src") : "";
		s.ResponsiveStyle = g ? g.getAttribute("style") : "";
		// The snippets carry the published address; fetch the same path from this server.
		s.EmbedStatus = (await fetch(new URL(s.EmbedSrc).pathname)).status;
	}
	const svgFile = (d, text) => {
		const doc = new DOMParser().parseFromString(text, "image/svg+xml");
		d.Valid = !doc.querySelector("parsererror") && doc.documentElement.localName === "svg";
		d.About = (doc.querySelector("desc") || {}).textContent || "";
		d.Paths = doc.querySelectorAll("path").length;
	};
	for (const a of bar.querySelectorAll(".bar-download a[download]")) {
		const fmt = (a.textContent.match(/\((\w+)\)$/) || [])[1] || "";
		const d = {Href: new URL(a.href).pathname, Format: fmt, Valid: false, About: "", Paths: 0, Formers: 0};
		const res = await fetch(a.href);
		d.Status = res.status;
		d.Type = res.headers.get("content-type") || "";
		if (fmt === "PNG") {
			const b = new Uint8Array(await res.arrayBuffer());
			d.Valid = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
		} else if (fmt === "SVG") {
			svgFile(d, await res.text());
		} else if (fmt === "CSV") {
			const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
			const head = lines[0].split(","), row = lines[1] ? lines[1].split(",") : [];
			d.Valid = lines.length >= 2 && head[0] === "code";
			d.About = row[head.indexOf("code")] + " " + row[head.indexOf("url")];
			if (lines.length === 2) d.Formers = -1;
		} else if (fmt === "XLSX") {
			// A zip (an Office Open XML workbook), sent as a spreadsheet.
			const b = new Uint8Array(await res.arrayBuffer());
			d.Valid = b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4 &&
				new TextDecoder().decode(b).includes("xl/workbook.xml") &&
				d.Type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		} else if (fmt === "JSON") {
			try {
				const j = await res.json();
				d.Valid = true;
				d.About = j.unit ? j.unit.code + " " + j.unit.url : (j.units ? j.units.length + " units" : "");
				d.Formers = j.formers ? j.formers.length : 0;
			} catch (e) {}
		}
		s.Downloads.push(d);
	}
	// A province's year page has its map file written by bar.js (BuildMap).
	const build = bar.querySelector("button[data-build]");
	if (build) {
		const d = {Href: "(written by bar.js) " + build.getAttribute("data-name"), Format: "SVG", Valid: false, About: "", Paths: 0, Formers: 0, Status: 0, Type: ""};
		if (!build.parentNode.hidden) {
			build.click();
			for (let i = 0; i < 200 && !build.dataset.svg; i++) await new Promise(r => setTimeout(r, 50));
		}
		if (build.dataset.svg) {
			const res = await fetch(build.dataset.svg);
			d.Status = res.status;
			d.Type = res.headers.get("content-type") || "";
			svgFile(d, await res.text());
		}
		s.Downloads.push(d);
	}
	s.Cite = document.getElementById("bar-cite").value;
	s.H1 = document.querySelector("h1").textContent.trim();
	s.Footer = document.querySelector("footer.site").textContent;
	s.CiteAccessNoJS = (await (await fetch(location.pathname)).text()).includes(document.getElementById("bar-cite").dataset.access) ? "yes" : "";
	return s;
})()`

// TestJournalistsBar opens each page of barPages at 360 px and on the desktop and checks its
// bar: visible with its panels (Share, Embed where the page has one, Download, Cite), under
// the map on map pages; the share field holds the canonical URL and gets a copy button; the
// embed codes parse and frame the page's embed, which loads, the responsive one sized by CSS
// alone; each download answers 200 and is a valid file about this page; the citation holds
// the title, the URL, the data's dates and today's date (an ellipsis without JavaScript);
// the footer says what its dates are; on a year page the bar follows the year slider; and
// axe-core finds nothing with every panel open.
func TestJournalistsBar(t *testing.T) {
	axeSrc, axeErr := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	for _, bp := range barPages {
		for _, vp := range []viewport{phone, desktop} {
			t.Run("/"+bp.path()+"/"+vp.name, func(t *testing.T) {
				p := open(t, bp.path(), vp)
				en := bp.lang == enDir
				s := eval[barState](p, barJS)
				if !s.Bar {
					t.Fatal("the page has no journalists' bar (section.bar)")
				}
				if !s.Visible {
					t.Errorf("the bar or one of its panels' names is not visible: %q", s.Summaries)
				}
				want := []string{"Chia sẻ", "Nhúng", "Tải về", "Trích dẫn"}
				if en {
					want = []string{"Share", "Embed", "Download", "Cite"}
				}
				if !bp.embed {
					want = append(want[:1], want[2:]...)
				}
				if bp.noShare {
					// A former unit's page: the bar only cites.
					want = want[len(want)-1:]
				}
				if strings.Join(s.Summaries, " · ") != strings.Join(want, " · ") {
					t.Errorf("the bar's panels are %q, want %q", s.Summaries, want)
				}
				if bp.mapped && (s.MapBottom == 0 || s.BarTop < s.MapBottom) {
					t.Errorf("the bar (top %.0f px) is not under the map (bottom %.0f px)", s.BarTop, s.MapBottom)
				}
				// Share.
				if !bp.noShare && (s.URL == "" || s.URL != s.Canonical) {
					t.Errorf("the share field holds %q, want the canonical URL %q", s.URL, s.Canonical)
				}
				if !bp.noShare && !s.CopyShown {
					t.Error("bar.js did not show the copy-link button")
				}
				// Embed.
				if bp.embed {
					embed := model.EmbedDir + bp.lang + bp.page
					wantSrc := strings.TrimSuffix(s.Canonical, bp.path()) + embed
					if s.EmbedSrc != wantSrc || s.EmbedResponsiveSrc != wantSrc {
						t.Errorf("the embed codes frame %q and %q, want %q", s.EmbedSrc, s.EmbedResponsiveSrc, wantSrc)
					}
					if s.EmbedStatus != 200 {
						t.Errorf("the embed page answers %d", s.EmbedStatus)
					}
					if !strings.Contains(s.Embed, "embed.js") || strings.Contains(s.EmbedResponsive, "<script") ||
						!strings.Contains(s.ResponsiveStyle, "aspect-ratio:") || !strings.Contains(s.ResponsiveStyle, "width:100%") {
						t.Errorf("want one code with embed.js and one sized by CSS alone (aspect-ratio), got\n%s\n%s", s.Embed, s.EmbedResponsive)
					}
				}
				// Download.
				formats := map[string]bool{}
				for _, d := range s.Downloads {
					formats[d.Format] = true
					if d.Status != 200 || !d.Valid {
						t.Errorf("%s (%s): status %d, valid %v", d.Href, d.Format, d.Status, d.Valid)
						continue
					}
					switch d.Format {
					case "SVG":
						if !strings.Contains(d.About, s.Canonical) && !strings.Contains(d.About, strings.Replace(s.Canonical, "/"+enDir, "/", 1)) {
							t.Errorf("%s: its description %q does not name the page %s", d.Href, d.About, s.Canonical)
						}
						if d.Paths == 0 || d.Paths != s.MapPaths {
							t.Errorf("%s draws %d paths, the page's map %d", d.Href, d.Paths, s.MapPaths)
						}
					case "PNG":
						if !strings.HasSuffix(d.Href, "/"+model.CardPath(bp.page)) {
							t.Errorf("%s is not this page's picture", d.Href)
						}
					case "CSV", "JSON":
						if bp.unit != "" && !strings.HasPrefix(d.About, bp.unit+" ") {
							t.Errorf("%s is about %q, not unit %s", d.Href, d.About, bp.unit)
						}
						if bp.unit != "" && d.Format == "CSV" && d.Formers != -1 {
							t.Errorf("%s: want the header and one row", d.Href)
						}
						if bp.unit != "" && d.Format == "JSON" && d.Formers == 0 {
							t.Errorf("%s lists no former communes", d.Href)
						}
					}
				}
				switch {
				case bp.mapped && !formats["SVG"]:
					t.Errorf("the bar offers no SVG of the map: %v", s.Downloads)
				case bp.unit != "" && !(formats["CSV"] && formats["XLSX"] && formats["JSON"] && formats["PNG"]):
					t.Errorf("the bar offers no PNG, CSV, XLSX and JSON of the unit: %v", s.Downloads)
				case bp.page == model.ProvincePath("14") && !formats["PNG"]:
					t.Errorf("the province's bar offers no PNG: %v", s.Downloads)
				}
				// Cite and footer: the data's dates say what they are.
				boundaries, recognized := "Ranh giới: 01/07/2025", "Công nhận: đến 6/2024"
				now := time.Now()
				today := now.Format("02/01/2006")
				if en {
					boundaries, recognized, today = "Boundaries: 1 July 2025", "Recognitions: up to June 2024", now.Format("2 January 2006")
				}
				for _, w := range []string{s.H1, s.Canonical, boundaries, recognized, today} {
					if !strings.Contains(s.Cite, w) {
						t.Errorf("the citation lacks %q: %s", w, s.Cite)
					}
				}
				if strings.Contains(s.Cite, "…") || s.CiteAccessNoJS == "" {
					t.Errorf("the access date is not filled in by bar.js, or the page without it has none: %s", s.Cite)
				}
				footer := strings.Join(strings.Fields(s.Footer), " ")
				if !strings.Contains(footer, boundaries) || !strings.Contains(footer, recognized) {
					t.Errorf("the footer does not say what its dates are (want %q and %q): %s", boundaries, recognized, footer)
				}
				// Copy: the button says it copied.
				if bp.noShare {
					p.do("opening the cite panel and copying", chromedp.Click(chromedp.CSS("section.bar .bar-cite summary")),
						chromedp.Click(chromedp.CSS("button[data-copy=bar-cite]")))
				} else {
					p.do("opening the share panel and copying", chromedp.Click(chromedp.CSS("section.bar .bar-share summary")),
						chromedp.Click(chromedp.CSS("button[data-copy=bar-url]")))
				}
				if got := eval[string](p, `new Promise(r => setTimeout(() => r(document.querySelector("section.bar .copied").textContent), 300))`); got == "" {
					t.Error("copying the link says nothing")
				}
				// On a year page the bar follows the year slider to the year it shows.
				if strings.Contains(bp.page, model.YearPath(2020)) {
					if !sliderShown(p) {
						t.Fatal("the year slider is still hidden")
					}
					got := eval[struct{ URL, SVG, Cite, H1 string }](p, `(() => {
	const r = document.getElementById("year-range");
	r.value = "2018";
	r.dispatchEvent(new Event("input", {bubbles: true}));
	// The map file: a link to it, or what bar.js writes it from (a province's year page).
	const a = document.querySelector(".bar-download a[download][href$='.svg']"), b = document.querySelector("button[data-build]");
	return {URL: document.getElementById("bar-url").value,
		SVG: a ? new URL(a.href).pathname : b.getAttribute("data-about") + " " + b.getAttribute("data-name"),
		Cite: document.getElementById("bar-cite").value, H1: document.querySelector("h1").textContent.trim()};
})()`)
					wantURL := strings.Replace(s.Canonical, "/"+model.YearPath(2020), "/"+model.YearPath(2018), 1)
					svgPath := model.MapSVGPath(strings.Replace(bp.page, "2020", "2018", 1))
					wantSVG, ok := "/"+svgPath, got.SVG == "/"+svgPath
					if bp.page != model.YearPath(2020) {
						// bar.js writes the file: its description names the page, its name the year.
						wantSVG = "…/" + strings.Replace(bp.page, "2020", "2018", 1) + "… " + strings.ReplaceAll(strings.TrimSuffix(svgPath, ".svg"), "/", "-") + ".svg"
						ok = strings.Contains(got.SVG, "/"+strings.Replace(bp.page, "2020", "2018", 1)+". ") &&
							strings.HasSuffix(got.SVG, " "+strings.ReplaceAll(strings.TrimSuffix(svgPath, ".svg"), "/", "-")+".svg")
					}
					if got.URL != wantURL || !ok || !strings.Contains(got.Cite, wantURL) || !strings.Contains(got.Cite, got.H1) || !strings.Contains(got.H1, "2018") {
						t.Errorf("after the slider moved to 2018 the bar holds %q, %q and cites %q (h1 %q); want %q, %q", got.URL, got.SVG, got.Cite, got.H1, wantURL, wantSVG)
					}
				}
				// axe with every panel open.
				if axeErr != nil {
					if os.Getenv("CI") == "true" {
						t.Fatalf("axe-core is not installed (run npm ci): %v", axeErr)
					}
					return
				}
				eval[bool](p, `(document.querySelectorAll("section.bar details").forEach(d => d.open = true), true)`)
				eval[bool](p, string(axeSrc)+"\n;true")
				if r := eval[axeResult](p, axeRunJS); len(r.Violations) > 0 {
					t.Errorf("axe-core reports %d violation(s) with the bar open:\n%s", len(r.Violations), formatViolations(r.Violations))
				}
			})
		}
	}
}

// drawnPNG is what TestMapPicture reads of the picture bar.js drew.
type drawnPNG struct {
	Shown         bool
	PNG           bool // the file starts with PNG's signature
	Width, Height int  // the picture's size
	SVGW, SVGH    int  // the map SVG's size
	Inked         bool // the picture is not a blank page: some pixels are not white
}

// drawJS clicks the bar's "picture of the map as shown" button and reads the PNG it makes.
const drawJS = `(async () => {
	const b = document.querySelector("section.bar button[data-draw], section.bar button[data-draw-built]");
	const s = {Shown: !!b && !b.parentNode.hidden && b.getClientRects().length > 0};
	if (!b) return s;
	b.closest("details").open = true;
	b.click();
	for (let i = 0; i < 200 && !b.dataset.png; i++) await new Promise(r => setTimeout(r, 50));
	if (!b.dataset.png) return s;
	const bytes = new Uint8Array(await (await fetch(b.dataset.png)).arrayBuffer());
	s.PNG = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
	const bmp = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
	s.Width = bmp.width; s.Height = bmp.height;
	const svg = new DOMParser().parseFromString(await (await fetch(b.dataset.svg)).text(), "image/svg+xml").documentElement;
	s.SVGW = +svg.getAttribute("width"); s.SVGH = +svg.getAttribute("height");
	const c = new OffscreenCanvas(bmp.width, bmp.height), g = c.getContext("2d");
	g.drawImage(bmp, 0, 0);
	const px = g.getImageData(0, 0, bmp.width, bmp.height).data;
	for (let i = 0; i < px.length; i += 4 * 97) if (px[i] < 200 || px[i+1] < 200 || px[i+2] < 200) { s.Inked = true; break; }
	return s;
})()`

// TestMapPicture asks each map page's bar for a picture of the map as shown, at 360 px and
// on the desktop: a PNG twice the size of the map's SVG, with the map drawn on it.
func TestMapPicture(t *testing.T) {
	for _, bp := range barPages {
		if !bp.mapped {
			continue
		}
		for _, vp := range []viewport{phone, desktop} {
			t.Run("/"+bp.path()+"/"+vp.name, func(t *testing.T) {
				p := open(t, bp.path(), vp)
				s := eval[drawnPNG](p, drawJS)
				switch {
				case !s.Shown:
					t.Fatal("the bar offers no picture of the map as shown")
				case !s.PNG:
					t.Fatal("the picture of the map is not a PNG")
				}
				if s.SVGW == 0 || s.Width != 2*s.SVGW || s.Height != 2*s.SVGH {
					t.Errorf("the picture is %d × %d px, want twice the map's %d × %d", s.Width, s.Height, s.SVGW, s.SVGH)
				}
				if !s.Inked {
					t.Error("the picture of the map is blank")
				}
			})
		}
	}
}

// yearMap is what yearMapJS reads of the map file bar.js writes on a province's year page.
type yearMap struct {
	Shown    bool
	Problems []string
	Title    string
	Classes  string // the page's map's classes, in its order
}

// yearMapJS asks the bar for the year page's map file (bar.js writes it from the province's
// shapes file and the page's map) and checks it against both: a path a unit of the page's
// map, in its order, each with the fill of its unit's class on the page, its shape from the
// shapes file and its title; the map's title; every pattern a path fills with in the file,
// each part with its colour.
const yearMapJS = `(async () => {
	const b = document.querySelector("section.bar button[data-build]");
	const s = {Shown: !!b && !b.parentNode.hidden, Problems: [], Title: "", Classes: ""};
	if (!s.Shown) return s;
	delete b.dataset.svg;
	b.click();
	for (let i = 0; i < 200 && !b.dataset.svg; i++) await new Promise(r => setTimeout(r, 50));
	if (!b.dataset.svg) { s.Problems.push("no file written"); return s; }
	const doc = new DOMParser().parseFromString(await (await fetch(b.dataset.svg)).text(), "image/svg+xml");
	if (doc.querySelector("parsererror")) { s.Problems.push("the file is not XML"); return s; }
	const shapes = new DOMParser().parseFromString(await (await fetch(b.getAttribute("data-build"))).text(), "image/svg+xml");
	const fills = JSON.parse(shapes.documentElement.getAttribute("data-fills"));
	const map = document.querySelector(".map svg"), links = [...map.querySelectorAll("a")];
	const paths = [...doc.querySelectorAll("svg > g > path")];
	if (paths.length !== links.length) s.Problems.push(paths.length + " paths, the page's map has " + links.length + " units");
	s.Title = doc.querySelector("svg > title").textContent;
	if (s.Title !== map.querySelector("title").textContent) s.Problems.push("the file's title is " + s.Title);
	links.forEach((a, i) => {
		const p = paths[i];
		if (!p) return;
		const use = a.querySelector("use"), id = use.getAttribute("href").split("#")[1], want = fills[use.getAttribute("class")];
		if (!want || p.getAttribute("fill") !== want) s.Problems.push(id + ": fill " + p.getAttribute("fill") + ", its class " + use.getAttribute("class") + " on the page is " + want);
		if (p.getAttribute("d") !== shapes.getElementById(id).getAttribute("d")) s.Problems.push(id + ": not its shape");
		if (p.querySelector("title").textContent !== a.querySelector("title").textContent) s.Problems.push(id + ": not its title");
	});
	for (const p of paths) {
		const m = /^url\(#(.+)\)$/.exec(p.getAttribute("fill"));
		if (m && !doc.getElementById(m[1])) s.Problems.push("no pattern " + m[1]);
	}
	for (const e of doc.querySelectorAll("pattern > *")) if (!e.getAttribute("fill")) s.Problems.push("a pattern part without a fill");
	s.Classes = links.map(a => a.querySelector("use").getAttribute("class")).join(" ");
	return s;
})()`

// checkYearMap fails the test unless the bar offered the map file of the year shown and
// yearMapJS found nothing wrong in it.
func checkYearMap(t *testing.T, year string, s yearMap) {
	t.Helper()
	if !s.Shown {
		t.Fatal("the bar offers no map file")
	}
	for _, pr := range s.Problems {
		t.Errorf("%s: the map file: %s", year, pr)
	}
	if !strings.Contains(s.Title, year) {
		t.Errorf("%s: the map file's title is %q", year, s.Title)
	}
}

// TestYearMapFile asks a province's year page for its map file, which bar.js writes from the
// province's shapes file (the site has no file per year), in the year the page opens in and
// after the year slider moved to another: the file draws the page's map as shown.
func TestYearMapFile(t *testing.T) {
	for _, lang := range []string{"", enDir} {
		t.Run("/"+lang, func(t *testing.T) {
			p := open(t, lang+model.ProvincePath("14")+model.YearPath(2020), desktop)
			if !sliderShown(p) {
				t.Fatal("the year slider is still hidden")
			}
			var classes []string
			for _, year := range []string{"2020", "2016"} {
				if year != "2020" {
					eval[bool](p, fmt.Sprintf(moveSliderJS, year))
				}
				s := eval[yearMap](p, yearMapJS)
				checkYearMap(t, year, s)
				classes = append(classes, s.Classes)
			}
			if classes[0] == classes[1] {
				t.Errorf("the map file of 2016 has the classes of 2020: %s", classes[0])
			}
		})
	}
}
