package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
	"golang.org/x/text/unicode/norm"
)

// indexFetchedJS says whether the page has fetched the search index.
var indexFetchedJS = `performance.getEntriesByType("resource").some(e => e.name.endsWith(` + strconv.Quote("/"+model.SearchIndexPath) + `))`

// former returns the former unit of the default site with this key.
func former(t *testing.T, key string) *model.FormerUnit {
	t.Helper()
	for _, f := range shared.site.Former {
		if f.Key() == key {
			return f
		}
	}
	t.Fatalf("the default site has no former unit %s", key)
	return nil
}

// waitResult waits until the search results are those of the whole query in the field (the
// script puts the query it searched for in the URL) and hold a link to path (relative to the
// site root, e.g. "xa-cu/03658/"), and returns the link's position in the list, from 0.
func waitResult(p *page, path string) int {
	p.t.Helper()
	js := fmt.Sprintf(`(() => {
	if (new URLSearchParams(location.search).get("q") !== document.getElementById("q").value.trim()) return null;
	const links = [...document.querySelectorAll("#search-results li > a")];
	const i = links.findIndex(a => new URL(a.href).pathname.endsWith(%s));
	return i < 0 ? null : {i};
})()`, strconv.Quote("/"+path))
	return run(p, "waiting for a result linking "+path, chromedp.Poll[struct{ I int }](js)).I
}

// TestSearch types a unit's name as readers do (without diacritics, in capitals, with them,
// with either tone placement) into the search page in both languages, clicks the result, and
// lands on the unit's page.
func TestSearch(t *testing.T) {
	browser(t)
	base := site(t)
	chiengCo, lienHoa := former(t, "03658"), former(t, "04009")
	if chiengCo.Name != "Chiềng Cọ" || lienHoa.Name != "Liên Hoà" {
		t.Fatalf("the default site's 03658 and 04009 are %q and %q, want Chiềng Cọ and Liên Hoà", chiengCo.Name, lienHoa.Name)
	}
	tests := []struct {
		query string
		unit  *model.FormerUnit
		vp    viewport
	}{
		{"chieng co", chiengCo, desktop},
		{"CHIENG CO", chiengCo, desktop},
		{"Chiềng Cọ", chiengCo, desktop},
		{"chieng co", chiengCo, phone},
		{"Liên Hòa", lienHoa, desktop}, // the content writes Hoà
		{"lien hoa", lienHoa, desktop},
	}
	for _, lang := range langDirs {
		for _, tt := range tests {
			name := "vi"
			if lang != "" {
				name = strings.TrimSuffix(lang, "/")
			}
			t.Run(name+"/"+tt.query+"/"+tt.vp.name, func(t *testing.T) {
				p := open(t, lang+model.SearchDir, tt.vp)
				if eval[bool](p, indexFetchedJS) {
					t.Error("the search page fetched its index on load, before any use")
				}
				target := model.FormerPath(tt.unit.Key())
				p.do("typing "+tt.query, chromedp.SendKeys(chromedp.CSS("#q"), tt.query))
				if i := waitResult(p, lang+target); i != 0 {
					t.Errorf("%q: %s is result %d, want the first", tt.query, tt.unit.FullName(), i+1)
				}
				if status := run(p, "reading the status", chromedp.Text(chromedp.CSS("#search-status"))); !strings.ContainsAny(status, "0123456789") {
					t.Errorf("status after %q = %q, want a count", tt.query, status)
				}
				if got := eval[string](p, `location.search`); !strings.HasPrefix(got, "?q=") {
					t.Errorf("the URL does not carry the query: search = %q", got)
				}

				link := fmt.Sprintf(`#search-results a[href$=%s]`, strconv.Quote(target))
				ctx, cancel := stepContext(p)
				resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(link)))
				cancel()
				if err != nil {
					t.Fatalf("clicking the result for %s: %v", tt.unit.FullName(), err)
				}
				if resp.Status != http.StatusOK {
					t.Errorf("the result for %s leads to a page that answers %d", tt.unit.FullName(), resp.Status)
				}
				if url, want := run(p, "reading the location", chromedp.Location()), base+lang+target; url != want {
					t.Errorf("the result landed on %s, want %s", url, want)
				}
				if h1 := run(p, "reading the h1", chromedp.Text(chromedp.CSS("h1"))); h1 != tt.unit.FullName() {
					t.Errorf("h1 = %q, want %q", h1, tt.unit.FullName())
				}
			})
		}
	}
}

// TestSearchShared opens a search from its URL (?q=…), as a reader who was sent the link
// would, checks the results with axe-core, and moves from the field into the results with the
// keyboard.
func TestSearchShared(t *testing.T) {
	p := open(t, enDir+model.SearchDir+"?q=chieng+co", desktop)
	waitResult(p, enDir+model.FormerPath("03658"))
	if v := eval[string](p, `document.getElementById("q").value`); v != "chieng co" {
		t.Errorf("the field holds %q, want the query of the URL", v)
	}
	// axe-core on the page with its results shown, when installed (TestAxe sees it empty).
	if src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js")); err == nil {
		eval[bool](p, string(src)+"\n;true")
		if r := eval[axeResult](p, axeRunJS); len(r.Violations) > 0 {
			t.Errorf("axe-core reports %d violation(s) on the results:\n%s", len(r.Violations), formatViolations(r.Violations))
		}
	}
	p.do("focusing the field", chromedp.Focus(chromedp.CSS("#q")))
	p.do("pressing the down arrow", chromedp.KeyEvent(kb.ArrowDown))
	f := eval[*focused](p, focusJS)
	switch {
	case f == nil || f.Tag != "a" || !strings.HasSuffix(f.Href, model.FormerPath("03658")):
		t.Errorf("the down arrow from the field focuses %+v, want the first result", f)
	case f.Outline == "none" || f.OutlineWidth == 0 || !f.Visible:
		t.Errorf("the focused result shows no visible focus: %+v", f)
	}
}

// TestSearchFold checks that the script folds text as vi.Fold does, which folded the index's
// keys: on every name of the default site, in capitals, decomposed and with stray spaces.
func TestSearchFold(t *testing.T) {
	p := open(t, model.SearchDir, desktop)
	var in []string
	add := func(s string) {
		in = append(in, s, strings.ToUpper(s), norm.NFD.String(s), "  "+s+"\t ")
	}
	for _, u := range shared.site.Units {
		add(u.FullName())
	}
	for _, f := range shared.site.Former {
		add(f.FullName())
		add(f.District)
	}
	add("Hoà Hòa Thuỷ Thủy Đông Đăng đường ĐƯỜNG Ưng Ươn Ơn Ôn Ăn Ân")
	src, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := eval[[]string](p, string(src)+".map(atlasFold)")
	if len(got) != len(in) {
		t.Fatalf("atlasFold gave %d results for %d inputs", len(got), len(in))
	}
	bad := 0
	for i, s := range in {
		if want := vi.Fold(s); got[i] != want {
			if bad++; bad <= 10 {
				t.Errorf("atlasFold(%q) = %q, vi.Fold = %q", s, got[i], want)
			}
		}
	}
	t.Logf("compared %d strings", len(in))
}

// resultJS describes the search result that links path: its link's words, the status it shows
// and the whole line.
const resultJS = `(() => {
	const li = [...document.querySelectorAll("#search-results li")].find(li => new URL(li.querySelector("a").href).pathname.endsWith(%s));
	if (!li) return null;
	const s = li.querySelector(".status");
	return {Name: li.querySelector("a").textContent, Status: s ? s.textContent : "", Line: li.textContent};
})()`

// TestSearchCompact types names without their spaces ("chiengco"), on a phone and on the
// desktop in both languages: the unit comes first, and its result shows its status and its
// province.
func TestSearchCompact(t *testing.T) {
	browser(t)
	site(t)
	chiengCo := former(t, "03658")
	if chiengCo.Name != "Chiềng Cọ" || len(chiengCo.Recognitions) == 0 {
		t.Fatalf("the default site's 03658 is %q with %d recognitions, want Chiềng Cọ, recognized", chiengCo.Name, len(chiengCo.Recognitions))
	}
	year := strconv.Itoa(chiengCo.Recognitions[0].Year)
	current := shared.site.Units[0]
	for _, lang := range langDirs {
		for _, vp := range []viewport{phone, desktop} {
			t.Run("lang="+strings.TrimSuffix(lang, "/")+"/"+vp.name, func(t *testing.T) {
				p := open(t, lang+model.SearchDir, vp)
				p.do("typing chiengco", chromedp.SendKeys(chromedp.CSS("#q"), "chiengco"))
				target := lang + model.FormerPath("03658")
				if i := waitResult(p, target); i != 0 {
					t.Errorf("chiengco: %s is result %d, want the first", chiengCo.FullName(), i+1)
				}
				type result struct{ Name, Status, Line string }
				r := eval[*result](p, fmt.Sprintf(resultJS, strconv.Quote("/"+target)))
				switch {
				case r == nil:
					t.Fatal("no result line for Chiềng Cọ")
				case r.Status == "" || !strings.Contains(r.Status, year):
					t.Errorf("the result for Chiềng Cọ shows the status %q, want its recognition of %s (line %q)", r.Status, year, r.Line)
				case !strings.Contains(r.Line, "Sơn La"):
					t.Errorf("the result for Chiềng Cọ does not name its province: %q", r.Line)
				}

				// A current unit, by its name without spaces.
				eval[bool](p, `(document.getElementById("q").value = "", true)`)
				q := strings.ReplaceAll(vi.Fold(current.Name), " ", "")
				p.do("typing "+q, chromedp.SendKeys(chromedp.CSS("#q"), q))
				target = lang + model.UnitPath(current.Code)
				waitResult(p, target)
				r = eval[*result](p, fmt.Sprintf(resultJS, strconv.Quote("/"+target)))
				if r == nil || r.Status == "" || !strings.Contains(r.Line, "Sơn La") {
					t.Errorf("%q: the result for %s shows no status or province: %+v", q, current.FullName(), r)
				}
			})
		}
	}
	p := open(t, model.SearchDir+"?q=chiengco", phone)
	waitResult(p, model.FormerPath("03658"))
	runAxe(t, p, "the search page with the results of chiengco")
}
