package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/paulmach/orb"
)

const payload = `<script>alert("x")</script>`

// site returns a one-unit atlas whose texts carry an HTML payload.
func site() *status.Atlas {
	s := &model.Site{
		Config: model.Config{Title: "Atlas " + payload, BaseURL: "https://example.org/atlas/", Language: "vi", CriteriaSet: "s", Province: "14",
			Credits: []model.Credit{{Name: "Src " + payload, License: "MIT"}}},
		CriteriaSets: []*model.CriteriaSet{{ID: "s", Name: "Set", StartYear: 2021, EndYear: 2025,
			Levels:   []*model.Level{{ID: "standard", Name: "Đạt chuẩn", Rank: 2, Recognized: true}},
			Criteria: []*model.Criterion{{ID: "1", Name: "Quy hoạch " + payload}}}},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units:     []*model.Unit{{Code: "03664", Name: "Chiềng An " + payload, Type: "Phường", Province: "14"}},
		Former: []*model.FormerUnit{{Code: "03664", Name: "Chiềng Xôm", Type: "Xã", District: "TP " + payload, Province: "14", Until: model.ReformDate,
			Successors:   []*model.Successor{{Code: "03664", Merge: "full"}},
			Recognitions: []*model.Recognition{{Level: "standard", SourceURL: "https://example.org/r", Note: payload}}}},
		Stories: []*model.Story{{Slug: "a", Title: "Tin " + payload, Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
			Body:  []byte("Text <b>raw</b> " + payload + "\n\n[bad](javascript:alert(1)) [ok](https://example.org/)\n"),
			Units: []string{"03664"}}},
	}
	return status.Derive(s)
}

func maps(t *testing.T) map[string]*geometry.Province {
	sq := orb.MultiPolygon{{{{104, 21}, {104.1, 21}, {104.1, 21.1}, {104, 21.1}, {104, 21}}}}
	m, err := carto.Draw([]carto.Feature{{Code: "03664", Geometry: sq}}, carto.Options{Width: 100})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*geometry.Province{"14": {Main: m, Locator: m}}
}

// withDownloads renders a with opts after writing its downloads (internal/export), as a
// build does, and returns both.
func withDownloads(t *testing.T, a *status.Atlas, opts Options) Files {
	t.Helper()
	all := Files{}
	sizes, err := export.Write(a, export.Options{Maps: opts.Maps}, func(p string, b []byte) error {
		all[p] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	opts.Downloads = sizes
	files, err := Site(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		all[p] = b
	}
	return all
}

func TestEscaping(t *testing.T) {
	files := withDownloads(t, site(), Options{Maps: maps(t)})
	for _, p := range files.Paths() {
		body := string(files[p])
		if strings.Contains(body, payload) || strings.Contains(body, "<b>raw") {
			t.Errorf("%s contains unescaped markup from content", p)
		}
		if strings.Contains(body, "javascript:") {
			t.Errorf("%s contains a javascript: link", p)
		}
	}
	story := string(files[pageFile("vi", model.StoryPath("a"))])
	if !strings.Contains(story, `<a href="https://example.org/">ok</a>`) {
		t.Errorf("story lost its safe link:\n%s", story)
	}
	if !strings.Contains(string(files[pageFile("vi", model.UnitPath("03664"))]), "Chiềng An &lt;script&gt;") {
		t.Error("unit page does not show the escaped name")
	}
}

func TestPagesAndLinks(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	unitPath := model.UnitPath("03664")
	for _, p := range []string{"", model.NotFoundFile, model.UnitsDir, unitPath, model.FormerDir, model.FormerPath("03664"),
		model.StoriesDir, model.StoryPath("a"), model.ProvincePath("14"), model.CriteriaDir, model.CriteriaPath("s"), model.SourcesDir} {
		if _, ok := files[pageFile("vi", p)]; !ok {
			t.Errorf("missing %s", pageFile("vi", p))
		}
	}
	unit := string(files[pageFile("vi", unitPath)])
	for _, want := range []string{
		`<link rel="canonical" href="https://example.org/atlas/` + unitPath + `">`,    // absolute, from the base URL
		`href="` + upFrom(model.PageFile(unitPath)) + model.FormerPath("03664") + `"`, // page-relative
		`nguồn không nêu năm: <a href="https://example.org/r">example.org</a>`,
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("unit page lacks %s", want)
		}
	}
	if nf := string(files[model.NotFoundFile]); !strings.Contains(nf, `href="/atlas/`+model.UnitsDir+`"`) {
		t.Error("404 page links are not rooted at the base URL's path")
	}
}

func TestLayoutOverride(t *testing.T) {
	layouts := fstest.MapFS{
		"404.html":                    {Data: []byte(`{{define "main"}}<p>site's own 404</p>{{end}}`)},
		model.AssetsDir + "atlas.css": {Data: []byte(`body{color:red}`)}, // asset layouts are in a folder named as the built site's
	}
	files, err := Site(site(), Options{Maps: maps(t), Layouts: layouts})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["404.html"]), "site's own 404") {
		t.Error("layouts/404.html did not override the built-in layout")
	}
	var css string
	for p, b := range files {
		if strings.HasPrefix(p, model.ImmutableDir+"atlas.") && strings.HasSuffix(p, ".css") {
			css = string(b)
		}
	}
	if css != "body{color:red}" {
		t.Errorf("stylesheet = %q, want the site's own", css)
	}
	if !strings.Contains(string(files[pageFile("vi", model.UnitsDir)]), "<table") {
		t.Error("a layout the site does not override must fall back to the built-in one")
	}
}

func TestBadLayout(t *testing.T) {
	layouts := fstest.MapFS{"unit.html": {Data: []byte(`{{define "main"}}{{.Nope}`)}}
	_, err := Site(site(), Options{Maps: maps(t), Layouts: layouts})
	if err == nil || !strings.Contains(err.Error(), "layout unit.html") {
		t.Errorf("error = %v, want one naming layout unit.html", err)
	}
}

// TestDownloadsLater checks a render started while the downloads are still being written
// (Options.DownloadsLater), as a build runs them: the data page lists the same sizes as
// when the downloads came first, and a page that takes a download's path is an error.
func TestDownloadsLater(t *testing.T) {
	a := site()
	first := withDownloads(t, a, Options{Maps: maps(t)})
	sizes, err := export.Write(a, export.Options{Maps: maps(t)}, func(string, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	waited := false
	files, err := Site(a, Options{Maps: maps(t), DownloadsLater: func() map[string]int { waited = true; return sizes }})
	if err != nil {
		t.Fatal(err)
	}
	data := pageFile("vi", model.DataPageDir)
	if !waited || string(files[data]) != string(first[data]) {
		t.Errorf("data page rendered beside the downloads differs from the one rendered after them (waited %v)", waited)
	}
	taken := pageFile("vi", model.UnitPath("03664"))
	_, err = Site(a, Options{Maps: maps(t), DownloadsLater: func() map[string]int { return map[string]int{taken: 1} }})
	if err == nil || !strings.Contains(err.Error(), " write "+taken) {
		t.Errorf("a download at a page's path %s: error %v, want one saying two files write it", taken, err)
	}
}
