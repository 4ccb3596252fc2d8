package budget

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// noise returns n random bytes, which gzip cannot shrink.
func noise(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func TestCheck(t *testing.T) {
	page := func(extra string) []byte {
		return []byte(`<!DOCTYPE html><html><head><link rel="stylesheet" href="../../static/a.css">` + extra + `</head><body>` + strings.Repeat("<p>hello</p>", 50) + `</body></html>`)
	}
	set := Set{
		Pages:  []Budget{{Name: "unit page", Pages: regexp.MustCompile(`^units/[^/]+/index\.html$`), Max: 2_000}},
		Script: 1_000,
	}
	tests := []struct {
		name    string
		files   map[string][]byte
		wantErr []string // substrings of the error; none for a pass
	}{
		{"under", map[string][]byte{
			"units/1/index.html": page(""),
			"static/a.css":       []byte(strings.Repeat("p{color:red}", 100)),
		}, nil},
		{"page over with its CSS", map[string][]byte{
			"units/1/index.html": page(""),
			"units/2/index.html": page(""),
			"static/a.css":       noise(2_500),
		}, []string{"units/1/index.html: error: unit page weighs 2.", "over the unit page budget of 2.0 KB", "units/2/index.html"}},
		{"page over with its script", map[string][]byte{
			"units/1/index.html": page(`<script src="../../static/m.js" defer></script><script src='../../static/m.js'></script>`),
			"static/a.css":       []byte("p{}"),
			"static/m.js":        noise(1_900),
		}, []string{"units/1/index.html: error: unit page weighs", "all JavaScript weighs 1.9 KB gzipped in 1 file(s), over the budget of 1.0 KB"}},
		{"other pages are not capped", map[string][]byte{
			"units/index.html": append(page(""), noise(5_000)...),
			"static/a.css":     []byte("p{}"),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(tt.files, set)
			if rep == nil {
				t.Fatal("no report")
			}
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; report: %s", rep)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestWeightCountsEachResourceOnce(t *testing.T) {
	css := []byte(strings.Repeat("a{b:c}", 200))
	js := noise(300)
	html := []byte(`<link rel="preload stylesheet" href="s.css"><LINK REL=stylesheet HREF="s.css?v=1"><link rel="icon" href="i.css"><script src="m.js"></script><script src="https://x.org/y.js"></script>`)
	files := map[string][]byte{"d/index.html": html, "d/s.css": css, "d/m.js": js, "d/i.css": noise(500)}
	rep, err := Check(files, Set{Pages: []Budget{{Name: "p", Pages: regexp.MustCompile(`index\.html$`), Max: 100_000}}})
	if err != nil {
		t.Fatal(err)
	}
	want := Gzip(html) + Gzip(css) + Gzip(js)
	if got := rep.Heaviest[0].Weight.Total; got != want {
		t.Errorf("weight = %d, want %d (page, CSS and JS once each; no icon, no other host)", got, want)
	}
	if rep.Scripts != 1 || rep.Script != Gzip(js) {
		t.Errorf("scripts = %d files, %d bytes", rep.Scripts, rep.Script)
	}
	if s := rep.String(); !strings.Contains(s, "p "+KB(want)+" (d/index.html; budget 100.0 KB)") {
		t.Errorf("report = %q", s)
	}
}

func TestDefaultsMatch(t *testing.T) {
	page, en := model.PageFile, model.LanguageDir("en")
	for _, tt := range []struct{ p, want string }{
		{page(model.UnitPath("03664")), "unit page"},
		{en + page(model.UnitPath("03664")), "unit page"},
		{page(model.ProvincePath("14")), "province map page"},
		{page(en), "province map page"},
		{page(""), "province map page"},
		{page(model.UnitsDir), "page"},
		{page(model.FormerPath("03664")), "former unit page"},
		{page(model.YearPath(2019)), "province map page"},
		{en + page(model.ProvincePath("14")+model.YearPath(2019)), "province map page"},
		{page(model.StoryPath("a")), "page"},
		{model.SearchIndexPath, ""},
	} {
		p, want := tt.p, tt.want
		// Every budget that matches applies; the first is the most specific.
		got := ""
		for _, b := range Defaults.Pages {
			if b.Pages.MatchString(p) {
				got = b.Name
				break
			}
		}
		if got != want {
			t.Errorf("%s: budget %q, want %q", p, got, want)
		}
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c := NewCache()
	a, b := bytes.Repeat([]byte("nông thôn mới "), 100), []byte("x")
	na, nb := c.Gzip(a), c.Gzip(b)
	if na != Gzip(a) || nb != Gzip(b) {
		t.Fatalf("cached sizes %d, %d differ from Gzip's %d, %d", na, nb, Gzip(a), Gzip(b))
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	r := ReadCache(bytes.NewReader(saved))
	if len(r.sizes) != 2 || r.sizes[sha256.Sum256(a)] != na || r.sizes[sha256.Sum256(b)] != nb {
		t.Errorf("read back %v", r.sizes)
	}
	// A cache keeps only what the build that used it weighed.
	r.Gzip(b)
	buf.Reset()
	r.WriteTo(&buf)
	if again := ReadCache(&buf); len(again.sizes) != 1 {
		t.Errorf("a size not used since the cache was read was kept: %d sizes", len(again.sizes))
	}
	if got := ReadCache(strings.NewReader("something else")); len(got.sizes) != 0 {
		t.Errorf("a file of another format read as %d sizes", len(got.sizes))
	}
	// A truncated record is dropped, not misread.
	if got := ReadCache(bytes.NewReader(saved[:len(saved)-1])); len(got.sizes) != 1 {
		t.Errorf("a truncated cache read as %d sizes, want 1", len(got.sizes))
	}
}

func TestMeterMatchesCheck(t *testing.T) {
	files := map[string][]byte{
		"a.css":                               bytes.Repeat([]byte("body{color:red}"), 50),
		"x.js":                                []byte("console.log(1)"),
		model.PageFile(model.UnitPath("1")):   []byte(`<link rel="stylesheet" href="../../a.css"><script src="../../x.js"></script><p>` + strings.Repeat("xã ", 400)),
		model.SearchShardPath("ab"):           bytes.Repeat([]byte(`{"n":"a"}`), 10),
		model.PageFile(model.FormerPath("2")): []byte(`<link rel="stylesheet" href="../../a.css">`),
		model.AssetsDir + "unused.woff2":      []byte("font"),
	}
	want, werr := Check(files, Defaults)
	m := NewMeter(Defaults, nil)
	var wg sync.WaitGroup
	for p, b := range files {
		wg.Go(func() { m.Add(p, b) })
	}
	wg.Wait()
	got, gerr := m.Report()
	if got.String() != want.String() || (gerr == nil) != (werr == nil) {
		t.Errorf("concurrent Meter: %v, %v\nCheck: %v, %v", got, gerr, want, werr)
	}
	if got.Script != Gzip(files["x.js"]) || got.Scripts != 1 {
		t.Errorf("script weight %d in %d files", got.Script, got.Scripts)
	}
}
