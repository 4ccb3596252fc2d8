package linkcheck

import (
	"slices"
	"sync"
	"testing"
)

// site is a small rendered site: output paths to content.
var site = map[string][]byte{
	"index.html":                  nil,
	"404.html":                    nil,
	"files/site.css":              nil,
	"files/map.js":                nil,
	"units/index.html":            nil,
	"units/03646/index.html":      nil,
	"units/03649/index.html":      nil,
	"former/03646/index.html":     nil,
	"stories/index.html":          nil,
	"stories/muoi-nam/index.html": nil,
	"about.html":                  nil,
	"downloads/units.json":        nil,
	"empty/.keep":                 nil, // a folder without index.html
}

func TestResolves(t *testing.T) {
	tests := []struct {
		page, ref, base string
		want            bool
	}{
		// Relative links from a nested page.
		{"units/03646/index.html", "../03649/", "/", true},
		{"units/03646/index.html", "../../files/site.css", "/", true},
		{"units/03646/index.html", "../../former/03646/", "/", true},
		{"units/03646/index.html", "../../index.html", "/", true},
		{"units/03646/index.html", "../../", "/", true},
		{"units/03646/index.html", "../", "/", true},
		{"units/03646/index.html", "..", "/", true},
		{"units/03646/index.html", "../../..", "/", false},
		{"units/03646/index.html", "./", "/", true},
		{"units/03646/index.html", ".", "/", true},
		{"units/03646/index.html", "index.html", "/", true},
		{"units/03646/index.html", "../03650/", "/", false},
		{"units/03646/index.html", "../../files/missing.css", "/", false},
		{"units/03646/index.html", "../../file/site.css", "/", false},
		{"index.html", "units/", "/", true},
		{"index.html", "./units/03646/", "/", true},
		{"index.html", "./", "/", true},
		{"index.html", ".", "/", true},
		{"index.html", "about.html", "/", true},
		{"index.html", "files/./site.css", "/", true},
		{"index.html", "units/../about.html", "/", true},
		// Folder links need the folder's index.html, and a trailing slash.
		{"index.html", "empty/", "/", false},
		{"index.html", "units/03646", "/", false},
		{"index.html", "downloads/", "/", false},
		// Fragments and queries.
		{"index.html", "#map", "/", true},
		{"index.html", "?q=1", "/", true},
		{"index.html", "", "/", true},
		{"index.html", "units/03646/#top", "/", true},
		{"index.html", "about.html?x=1#y", "/", true},
		{"index.html", "missing.html#top", "/", false},
		// External links are not checked.
		{"index.html", "https://example.com/nowhere", "/", true},
		{"index.html", "http://example.com/", "/", true},
		{"index.html", "mailto:someone@example.com", "/", true},
		{"index.html", "//cdn.example.com/x.js", "/", true},
		// Root-relative links, at the root and under a base path.
		{"units/03646/index.html", "/files/site.css", "/", true},
		{"units/03646/index.html", "/units/03649/", "/", true},
		{"units/03646/index.html", "/", "/", true},
		{"units/03646/index.html", "/missing/", "/", false},
		{"units/03646/index.html", "/sub/files/site.css", "/sub/", true},
		{"units/03646/index.html", "/sub/units/", "/sub/", true},
		{"units/03646/index.html", "/sub/", "/sub/", true},
		{"units/03646/index.html", "/sub/units/03646/#x", "/sub/", true},
		{"units/03646/index.html", "/sub/units/../about.html", "/sub/", true},
		{"units/03646/index.html", "/files/site.css", "/sub/", false},
		{"units/03646/index.html", "/subway/index.html", "/sub/", false},
		{"units/03646/index.html", "/sub/missing.html", "/sub/", false},
		// Links that leave the site.
		{"index.html", "../index.html", "/", false},
		{"index.html", "..", "/", false},
		{"index.html", "../", "/", false},
		{"units/index.html", "../../index.html", "/", false},
		{"units/index.html", "../../etc/passwd", "/", false},
		{"units/03646/index.html", "/sub/../index.html", "/sub/", false},
		{"units/03646/index.html", "/../index.html", "/", false},
		// Unparsable.
		{"index.html", "%zz", "/", false},
	}
	for _, tt := range tests {
		t.Run(tt.page+" "+tt.ref+" "+tt.base, func(t *testing.T) {
			if got := Resolves(site, tt.page, tt.ref, tt.base); got != tt.want {
				t.Errorf("Resolves(%q, %q, %q) = %v, want %v", tt.page, tt.ref, tt.base, got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	files := map[string][]byte{
		"index.html": []byte(`<!doctype html><html><head>
<link rel="stylesheet" href="files/site.css">
<script src="files/map.js"></script>
<script src="files/gone.js"></script>
</head><body>
<a href="units/">Units</a> <a href="units/03646/">Tô Hiệu</a>
<a href="units/03999/">broken unit</a>
<a href="https://example.com/x">external</a> <a href="mailto:a@example.com">mail</a>
<a href="#top">top</a>
<a href="search.html?q=a&amp;p=2">escaped</a>
<a href="search.html?q=a&amp;p=3">escaped, broken</a>
<img src="img/logo.svg" alt="">
<a data-href="not-a-link.html">ignored attribute</a>
</body></html>`),
		"units/index.html": []byte(`<a href="03646/">ok</a> <a href="../index.html">home</a> <a href="../../outside.html">out</a>`),
		"units/03646/index.html": []byte(`<a href="../">up</a><a href="./">self</a><a href="../../">home</a>` +
			`<link href="../../files/site.css" rel="stylesheet"><a href="/sub/units/">root</a>`),
		"files/site.css": []byte(`body { background: url("broken.png") }`),
		"files/map.js":   []byte(`document.querySelector('a href="nowhere.html"')`),
		"notes.txt":      []byte(` href="broken.html"`),
	}
	got := Check(files, "/")
	want := []Broken{
		{"index.html", "files/gone.js"},
		{"index.html", "img/logo.svg"},
		{"index.html", "search.html?q=a&p=2"},
		{"index.html", "search.html?q=a&p=3"},
		{"index.html", "units/03999/"},
		{"units/03646/index.html", "/sub/units/"},
		{"units/index.html", "../../outside.html"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check(files, \"/\"):\n got %q\nwant %q", got, want)
	}

	files["search.html"] = []byte(`<a href="index.html">home</a>`)
	got = Check(files, "/sub/")
	want = []Broken{
		{"index.html", "files/gone.js"},
		{"index.html", "img/logo.svg"},
		{"index.html", "units/03999/"},
		{"units/index.html", "../../outside.html"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check(files, \"/sub/\"):\n got %q\nwant %q", got, want)
	}
}

func TestCheckClean(t *testing.T) {
	files := map[string][]byte{
		"index.html":      []byte(`<a href="a/">a</a>`),
		"a/index.html":    []byte(`<a href="../">home</a>`),
		"a/b/index.html":  []byte(`<a href="../../a/">a</a>`),
		"unlinked.html":   nil,
		"files/style.css": nil,
	}
	if got := Check(files, "/"); len(got) != 0 {
		t.Errorf("Check = %q, want none", got)
	}
	if got := Check(nil, "/"); len(got) != 0 {
		t.Errorf("Check(nil) = %q, want none", got)
	}
}

func TestBrokenError(t *testing.T) {
	b := Broken{Page: "units/index.html", Ref: "../x/"}
	if got, want := b.Error(), `units/index.html: broken link "../x/"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRefs(t *testing.T) {
	body := []byte(`<a href="a/">x</a><img src="b.png" alt=""><div data-href="no"></div>` +
		"<link\nhref=\"c.css\"><p>href=\"text\"</p><a title=\"x\" href=\"\">e</a><a href=\"cut")
	var got []string
	refs(body, func(r []byte) { got = append(got, string(r)) })
	want := []string{"a/", "c.css", "", "b.png"}
	if !slices.Equal(got, want) {
		t.Errorf("refs = %q, want %q", got, want)
	}
}

func TestCollectorOrderAndConcurrency(t *testing.T) {
	// Pages come in any order and from several goroutines; a link to a page made later
	// resolves, a link to a page never made is broken once per page that has it.
	pages := map[string]string{
		"index.html":             `<a href="pages/1/">1</a> <a href="pages/2/">2</a> <a href="pages/2/">again</a>`,
		"pages/1/index.html":     `<a href="../../">home</a> <a href="../9/">nine</a>`,
		"alt/pages/1/index.html": `<a href="../../../pages/9/">nine</a> <a href="/x/">outside</a> <a href="https://e.vn/">e</a>`,
		"pages/2/index.html":     `<img src="../../a.png">`,
		"a.png":                  "",
	}
	c := NewCollector("/base/")
	var wg sync.WaitGroup
	for p, b := range pages {
		wg.Go(func() { c.Add(p, []byte(b)) })
	}
	wg.Wait()
	got := c.Broken(func(p string) bool { _, ok := pages[p]; return ok })
	want := []Broken{
		{Page: "alt/pages/1/index.html", Ref: "../../../pages/9/"},
		{Page: "alt/pages/1/index.html", Ref: "/x/"},
		{Page: "pages/1/index.html", Ref: "../9/"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Broken() = %v\nwant %v", got, want)
	}
}

// FuzzResolvePlain checks that a plain reference (plain) resolves without parsing exactly as
// it does parsed as a URL.
func FuzzResolvePlain(f *testing.F) {
	for _, s := range [][3]string{
		{"p/03664/index.html", "../../q/14/", "/"},
		{"index.html", "./", "/atlas/"},
		{"z/p/01/index.html", "/atlas/p/02/", "/atlas/"},
		{"a/index.html", "../..", "/"},
		{"a/b/index.html", "..", "/"},
		{"a/index.html", "x/./y/../z.css", "/"},
		{"a/index.html", "~x", "/"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, page, ref, basePath string) {
		if !plain(ref) {
			return
		}
		gt, gok, gext := resolvePath(page, ref, basePath)
		wt, wok, wext := resolveParsed(page, ref, basePath)
		if gt != wt || gok != wok || gext != wext {
			t.Errorf("resolve(%q, %q, %q) without parsing = %q %v %v, parsed = %q %v %v", page, ref, basePath, gt, gok, gext, wt, wok, wext)
		}
	})
}

// FuzzClimb checks that a reference climb resolves resolves as joining and cleaning paths
// does.
func FuzzClimb(f *testing.F) {
	for _, s := range [][2]string{
		{"p/03664/index.html", "../../q/14/"}, {"p/03664/index.html", "../../"}, {"index.html", "q/"},
		{"index.html", "../x"}, {"a/b/index.html", "../../../x"}, {"a/index.html", "b.css"},
		{"a/b/c.html", "../"}, {"a//b.html", "../c"}, {"a/index.html", "../b/./c"}, {"a/index.html", "..//b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, page, ref string) {
		got, gok, done := climb(page, ref)
		if !done {
			return
		}
		want, wok, _ := resolveJoined(page, ref, "/")
		if got != want || gok != wok {
			t.Errorf("climb(%q, %q) = %q %v, joined = %q %v", page, ref, got, gok, want, wok)
		}
	})
}
